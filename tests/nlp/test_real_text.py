"""Issue 14, causes 1–3: no complaint prior, the sentiment is the model's, everyday words."""

from __future__ import annotations

import pytest

from assist.nlp.engine import Engine


@pytest.mark.parametrize(
    "text",
    [
        "Terima kasih ya kak, sudah dibantu.",
        "makasih min, paketnya udah sampai dengan selamat",
        "Thanks for the quick reply!",
        "thxyouuu kak, teyuss semangat ya",
    ],
)
def test_thanks_is_not_upset(engine: Engine, text: str) -> None:
    result = engine.analyze(text)
    assert result.emotion == "happy"
    assert result.sentiment == "positive"
    assert result.fault == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "Kak, mau tanya cara ganti alamat pengiriman?",
        "Boleh minta info jam buka toko hari Sabtu?",
        "Selamat pagi, saya ingin menanyakan syarat membuka rekening baru.",
        "How do I change my delivery address?",
        "Can you tell me which cards you accept?",
    ],
)
def test_a_calm_question_is_not_a_complaint(engine: Engine, text: str) -> None:
    result = engine.analyze(text)
    assert result.emotion in ("neutral", "confused")
    assert result.sentiment != "negative"
    assert result.fault != "company"


@pytest.mark.parametrize(
    "text",
    [
        "rumah makan ini tempatnya nyaman dan makanannya enak sekali",
        "dekorasi hotel ini bagus , kamarnya bersih , pelayanan ramah",
    ],
)
def test_plain_praise_is_positive(engine: Engine, text: str) -> None:
    result = engine.analyze(text)
    assert result.sentiment == "positive"
    assert result.emotion == "happy"


def test_a_news_like_sentence_is_neutral(engine: Engine) -> None:
    result = engine.analyze("rapat koordinasi akan digelar di balai kota pada hari senin")
    assert result.emotion == "neutral"
    assert result.sentiment == "neutral"


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        ("aplikasinya menyenangkan dan bermanfaat sekali", "happy"),
        ("seru banget main game ini, mengasikkan! hore", "happy"),
        ("miris lihat kualitas barangnya sekarang", "disappointed"),
        ("gregetan sama kurirnya, paket dilempar-lempar", "angry"),
        ("pelayanannya sangat mengecewakan", "disappointed"),
    ],
)
def test_everyday_words_and_affixes(engine: Engine, text: str, emotion: str) -> None:
    assert engine.analyze(text).emotion == emotion


def test_the_sentiment_follows_the_model_not_a_negative_blend(engine: Engine) -> None:
    """A calm factual review line must not be dragged negative by emotion scores."""
    result = engine.analyze("barang sesuai deskripsi, pengiriman cepat, penjual responsif")
    assert result.sentiment == "positive"


def test_a_refund_demand_does_not_hide_the_late_parcel(engine: Engine) -> None:
    result = engine.analyze(
        "Pesanan saya INV-2024-0001 sudah 6 hari belum sampai juga!!! Saya sudah chat dua "
        "kali dan TIDAK ADA jawaban jelas. Kecewa banget, kalau begini terus saya minta "
        "refund saja."
    )
    assert result.issue == "delivery_delay"
    assert result.fault == "company"
    assert result.emotion in ("angry", "disappointed")


@pytest.mark.parametrize(
    "text",
    [
        # challenge set (tuning data): "sampe"/"arrived" pulled these to delivery_delay.
        "Yah kak, kuenya hancur pas sampe. Padahal buat acara syukuran. 😞",
        "The mug arrived in pieces. Such a shame, it was a gift.",
        "rotinya berjamur padahal baru dateng kemarin",
        "The strawberries were mouldy when they arrived",
    ],
)
def test_damage_words_name_an_item_problem(engine: Engine, text: str) -> None:
    assert engine.analyze(text).issue == "item_problem"
