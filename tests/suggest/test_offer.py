"""The inserted offer sentence: address form, capitals, register (issue 15)."""

from __future__ import annotations

from assist.suggest.offer import join_into_draft, mid_sentence, offer_sentence


def test_the_offer_addresses_the_customer_as_the_reply_does() -> None:
    sentence = offer_sentence(
        label="Voucher belanja",
        amount_minor=2_500_000,
        currency="IDR",
        unit="money",
        refund=False,
        language="id",
        salutation="Ibu",
    )
    assert sentence == (
        "Sebagai bentuk permohonan maaf, kami memberikan voucher belanja senilai "
        "Rp 25.000 untuk Ibu."
    )
    assert "Anda" not in sentence
    nameless = offer_sentence(
        label="Cashback", amount_minor=1_000_000, currency="IDR", unit="money",
        refund=False, language="id",
    )  # fmt: skip
    assert nameless.endswith("cashback senilai Rp 10.000 untuk Anda.")


def test_a_refund_says_what_happens_to_the_money() -> None:
    id_text = offer_sentence(
        label="Pengembalian dana penuh", amount_minor=277_400_000, currency="IDR",
        unit="money", refund=True, language="id", salutation="Ibu",
    )  # fmt: skip
    assert id_text == (
        "Sebagai bentuk permohonan maaf, kami mengembalikan dana Ibu sebesar Rp 2.774.000."
    )
    en_text = offer_sentence(
        label="Full refund", amount_minor=277_400_000, currency="IDR",
        unit="money", refund=True, language="en",
    )  # fmt: skip
    assert en_text == "To make up for this, we will refund Rp 2,774,000 to you."


def test_english_is_courteous_and_grammatical() -> None:
    text = offer_sentence(
        label="Shopping voucher", amount_minor=2_500_000, currency="IDR",
        unit="money", refund=False, language="en",
    )  # fmt: skip
    assert (
        text
        == "To make up for this, we would like to offer you a shopping voucher worth Rp 25,000."
    )
    days = offer_sentence(
        label="Service credit days", amount_minor=3, currency="IDR",
        unit="days", refund=False, language="en",
    )  # fmt: skip
    assert days == "To make up for this, we would like to offer you 3 days of service credit days."


def test_labels_are_lower_case_mid_sentence_but_acronyms_stay() -> None:
    assert mid_sentence("Voucher belanja") == "voucher belanja"
    assert mid_sentence("PLN token") == "PLN token"
    assert mid_sentence("GoPay coins") == "GoPay coins"


def test_a_sentence_joins_a_draft_with_the_right_capital() -> None:
    offer = "Sebagai bentuk permohonan maaf, kami memberikan voucher."
    assert (
        join_into_draft("Baik Ibu Sri,", "", offer)
        == " sebagai bentuk permohonan maaf, kami memberikan voucher."
    )
    assert join_into_draft("Baik Ibu Sri, ", "", offer).startswith("sebagai")
    assert join_into_draft("Sudah saya cek.", "", "saya akan kabari.") == " Saya akan kabari."
    assert join_into_draft("", "", "saya akan kabari.") == "Saya akan kabari."
    assert join_into_draft("Halo,", "", "Ibu Sri, saya paham.") == " Ibu Sri, saya paham."
    assert join_into_draft("Halo", "terima kasih", "Ibu") == " Ibu "
