"""Issue 14, twenty-second pass: the bare news that a parcel was taken or sent back
("ternyata barangnya dikirim balik ke seller") read happy or positive with issue
``other``: nothing in it is a feeling word, and the words around it appear in thanks for
a parcel that came. Peka would have offered a cheerful reply to a failed delivery. The
texts below were written for these tests and are in no set."""

from __future__ import annotations

from typing import Any

import pytest

from assist.nlp.models import ISSUES
from assist.nlp.scoring import (
    sent_back_is_a_delivery,
    sent_back_is_not_happy,
    sent_back_is_not_positive,
)


@pytest.mark.parametrize(
    "text",
    [
        "ternyata barangnya dikirim balik ke seller",
        "eh paket sepatu aku dibawa balik ke hub",
        "pesanan kami dikembalikan ke pengirim hari ini",
    ],
)
def test_a_parcel_taken_back_is_a_failed_delivery(engine: Any, text: str) -> None:
    result = engine.analyze(text)
    assert result.emotion != "happy"
    assert result.sentiment != "positive"
    assert result.issue == "delivery_delay"


@pytest.mark.parametrize(
    ("text", "language", "sent_back"),
    [
        ("ternyata barangnya dikirim balik ke seller", "id", 1),
        ("paketnya dibalikin ke gudang lagi", "id", 1),
        ("status pesanan: kembali ke pengirim", "id", 1),
        ("The tracking says it was returned to sender", "en", 1),
        ("They sent my parcel back to the seller", "en", 0),  # only the phrases in the list
        ("My box is going back to the seller apparently", "en", 1),
        # The customer returning an item is not the company taking a parcel back.
        ("barangnya sudah saya kirim balik ke gudang, resinya terlampir", "id", 0),
        ("I already sent it back to the warehouse for a refund", "en", 0),
        ("saya ke gudang kemarin buat ambil paket", "id", 0),
    ],
)
def test_which_words_tell_a_parcel_was_sent_back(
    findings: Any, text: str, language: str, sent_back: int
) -> None:
    assert findings(text, language).sent_back == sent_back


@pytest.mark.parametrize(
    "text",
    [
        # Solved, with thanks: the customer is pleased.
        "paket yang kemarin dibawa balik ke gudang sudah dikirim ulang dan sampai, makasih ya",
        "Finally got it, the one that was returned to sender came today. Thank you!",
    ],
)
def test_a_parcel_sent_back_and_then_delivered_may_be_good_news(engine: Any, text: str) -> None:
    result = engine.analyze(text)
    assert result.sentiment == "positive"


def test_a_question_about_a_return_is_left_to_the_models(findings: Any) -> None:
    text = "Kalau paketnya dibalikin ke gudang, saya bisa ambil sendiri ga?"
    found = findings(text)
    assert found.sent_back == 1 and found.questions
    other = {"other": 0.6, "delivery_delay": 0.3, "item_problem": 0.1}
    scores = {k: other.get(k, 0.0) for k in ISSUES}
    assert sent_back_is_a_delivery(scores, found) is scores


def test_thanks_keeps_the_scores_as_they_are(findings: Any) -> None:
    found = findings("makasih ya, paketnya dikembalikan ke penjual")
    assert found.sent_back == 1
    happy = {"happy": 0.7, "neutral": 0.2, "angry": 0.0, "disappointed": 0.05,
             "anxious": 0.05, "confused": 0.0}  # fmt: skip
    assert sent_back_is_not_happy(happy, found) is happy
    positive = {"positive": 0.7, "neutral": 0.2, "negative": 0.1}
    assert sent_back_is_not_positive(positive, found) is positive


def test_the_news_alone_moves_happy_to_the_likeliest_negative_feeling(findings: Any) -> None:
    found = findings("paketnya dikembalikan ke penjual")
    happy = {"happy": 0.5, "neutral": 0.2, "angry": 0.05, "disappointed": 0.15,
             "anxious": 0.1, "confused": 0.0}  # fmt: skip
    moved = sent_back_is_not_happy(happy, found)
    assert max(moved, key=lambda k: moved[k]) == "disappointed"
    positive = {"positive": 0.7, "neutral": 0.2, "negative": 0.1}
    moved = sent_back_is_not_positive(positive, found)
    assert max(moved, key=lambda k: moved[k]) == "negative"
