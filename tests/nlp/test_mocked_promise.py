"""Issue 14, twentieth pass: a promise of the company in scare quotes beside praise is
sarcasm ("terima kasih atas 'pengiriman ekspres'-nya. Pesan Senin, sampai Kamis."): the
engine read such messages as happy and positive, so Peka would have thanked an angry
customer. The texts below were written for these tests and are in no set."""

from __future__ import annotations

from typing import Any

import pytest

from assist.nlp.components import RuleFindings
from assist.nlp.scoring import emotion_evidence, sarcastic_praise


@pytest.mark.parametrize(
    "text",
    [
        "Wah makasih atas 'pengiriman kilat'-nya, tapi paketnya baru nongol seminggu kemudian",
        "Love how your 'same day' repair is still not done after a week. Thanks a lot.",
        "Makasih, teknisinya 'ramah' banget katanya 'nanti aja' terus pergi padahal AC masih bocor",
    ],
)
def test_a_promise_mocked_in_scare_quotes_is_sarcasm(engine: Any, text: str) -> None:
    result = engine.analyze(text)
    assert result.emotion in ("angry", "disappointed")
    assert result.sentiment == "negative"


@pytest.mark.parametrize(
    "text",
    [
        # A choice, with thanks: nothing turns against the promise.
        "Terima kasih, saya pilih layanan 'ekspres' ya untuk pesanan ini.",
        "Thanks! I'd like the 'express' delivery for this order please.",
        # A question quoting a name, with thanks in advance.
        "kak gimana cara dapat label 'pengiriman cepat' di toko? makasih, tapi kalau ribet gpp",
    ],
)
def test_a_quoted_name_beside_thanks_is_not_sarcasm(engine: Any, text: str) -> None:
    result = engine.analyze(text)
    assert result.emotion not in ("angry", "disappointed")
    assert result.sentiment != "negative"


@pytest.mark.parametrize(
    ("text", "mocked"),
    [
        ("makasih atas 'pengiriman ekspres'-nya, tapi baru sampai hari keempat", 1),
        ('makasih atas "same day"-nya, tapi baru sampai hari keempat', 1),
        ("makasih atas \u201cpengiriman kilat\u201d-nya, tapi baru sampai hari keempat", 1),
        # A quote of more than four words is what someone said, not a scare quote.
        ("makasih, kata kurirnya 'ini pengiriman paling cepat di kota' tapi telat", 0),
        # No praise or thanks: a quoted promise alone is no sarcasm.
        ("paket 'ekspres' saya tapi baru sampai hari keempat", 0),
    ],
)
def test_which_quotes_count_as_a_mocked_promise(findings: Any, text: str, mocked: int) -> None:
    assert findings(text).mocked_promises == mocked


def test_apostrophes_open_no_quote(findings: Any) -> None:
    text = "Thanks, but I don't think it's fast enough, it's still not here"
    assert findings(text, "en").mocked_promises == 0


def test_a_mocked_promise_moves_praise_to_anger_and_the_sentiment_with_it() -> None:
    rules = RuleFindings(emotion={"happy": 0.4}, sarcasm=1, mocked_promises=1)
    evidence = emotion_evidence(rules)
    assert evidence.get("happy", 0.0) == 0.0
    assert evidence["angry"] > 0
    scores = {"negative": 0.2, "neutral": 0.1, "positive": 0.7}
    shifted = sarcastic_praise(scores, "angry", rules)
    assert max(shifted, key=lambda k: shifted[k]) == "negative"
    unmarked = RuleFindings(emotion={"happy": 0.4}, sarcasm=1)
    assert sarcastic_praise(scores, "angry", unmarked) == scores
