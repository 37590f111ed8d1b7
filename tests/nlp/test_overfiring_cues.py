"""Issue 14, cause 4: contact-centre cues must not fire on ordinary text."""

from __future__ import annotations

import random

import pytest

from assist.nlp.engine import Engine


def kinds(engine: Engine, text: str) -> set[str]:
    return {c.kind for c in engine.analyze(text).cues}


@pytest.mark.parametrize(
    "text",
    [
        "Saya selalu puas belanja di sini, pelayanannya ramah.",
        "Setiap hari saya pakai aplikasi ini dan sangat membantu, mantap!",
        "Sudah beberapa kali belanja di toko ini dan hasilnya memuaskan.",
        "I order here every week and it is always great.",
    ],
)
def test_repetition_inside_praise_is_no_cue(engine: Engine, text: str) -> None:
    result = engine.analyze(text)
    assert "repetition" not in {c.kind for c in result.cues}
    assert result.emotion == "happy"


def test_repetition_of_a_failure_is_still_a_cue(engine: Engine) -> None:
    assert "repetition" in kinds(engine, "Paket saya selalu telat, sudah tiga kali begini!")


@pytest.mark.parametrize(
    "text",
    [
        "Ikuti promo #BELANJAHEMAT minggu ini ya kak",
        "Halo {NAMA_PELANGGAN}, pesanan Anda sedang dikemas.",
        "Halo [NAMA PELANGGAN], terima kasih sudah menunggu.",
        "Dear <CUSTOMER NAME>, your order is on its way.",
        # Issue 14, eighth pass: documents, offices and tickers are written in capitals.
        "Kak, STNK saya sudah jadi belum ya?",
        "mau tanya cara ganti NPWP di akun",
        "Tagihan PDAM bulan ini kok naik",
        "min order saham BBCA saya kok belum ke-execute",
    ],
)
def test_hashtags_placeholders_and_acronyms_are_not_shouting(engine: Engine, text: str) -> None:
    assert "all_caps" not in kinds(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "PESANAN SAYA MANA, SUDAH SEMINGGU",
        "TOLONG dibalas, sudah seminggu",
        "pesanan saya BELUM SAMPAI juga",
        "KECEWA banget",
    ],
)
def test_real_shouting_is_still_caps(engine: Engine, text: str) -> None:
    assert "all_caps" in kinds(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Tidak usah dikirim ulang kak, saya ambil di toko saja.",
        "Tak ada gading yang tak retak, terima kasih sudah membantu.",
        "Tidak apa-apa kak, saya tunggu kabarnya.",
    ],
)
def test_idioms_are_not_negation(engine: Engine, text: str) -> None:
    result = engine.analyze(text)
    assert "negation" not in {c.kind for c in result.cues}
    assert result.emotion not in ("angry", "disappointed")


def test_jerih_payah_is_not_anger(engine: Engine) -> None:
    result = engine.analyze("Terima kasih atas jerih payah tim kurir mengantar paket saya.")
    assert not [c for c in result.cues if c.kind == "emotion_word" and c.detail == "angry"]
    assert result.emotion != "angry"


@pytest.mark.parametrize(
    "text",
    [
        "Alamat saya di Blok B nomor 12.",
        "Saya pesan ukuran B ya kak.",
        "Kalau tidak bisa, Plan B saya ambil sendiri.",
        "Please send size B instead.",
        "bbb",
    ],
)
def test_a_lone_letter_b_is_no_threat(engine: Engine, text: str) -> None:
    result = engine.analyze(text)
    assert "threat" not in {c.kind for c in result.cues}
    assert result.emotion != "angry"


def test_the_better_business_bureau_is_still_a_threat(engine: Engine) -> None:
    assert "threat" in kinds(engine, "Fix this now or I am reporting you to the BBB.")


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to my bank about this charge.",
        "If this isn't refunded today I will file a chargeback.",
        "I'll dispute the charge with my credit card company.",
    ],
)
def test_an_english_chargeback_threat_is_found(engine: Engine, text: str) -> None:
    assert "threat" in kinds(engine, text)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_are_not_an_angry_complaint(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    junk = bytes(rng.randrange(256) for _ in range(3000)).decode("utf-8", errors="replace")
    result = engine.analyze(junk)
    assert result.emotion == "neutral"
    assert result.issue == "other"
    assert result.fault == "unknown"
    assert result.intensity <= 0.2
