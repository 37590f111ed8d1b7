"""Fifth pass of issue 14: a thank-you for a solved problem is ``other``; the hand-written
messages' second reading keeps every author's own label beside the one it changed; the
customer head learns from those messages alone and shares only a service message."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from assist.nlp.components import RuleFindings
from assist.nlp.linear import CUSTOMER_HEADS, HEADS
from assist.nlp.models import EMOTIONS
from assist.nlp.scoring import CUSTOMER_MODEL_SHARE, customer_model, solved_is_other
from assist.nlp.training.linear_train import HANDWRITTEN, label_of, weigh
from assist.nlp.training.public import Row
from assist.resources import resource_path

SCORES = {"delivery_delay": 0.1, "item_problem": 0.05, "billing_error": 0.05,
          "refund_pending": 0.05, "service_outage": 0.5, "account_access": 0.05,
          "poor_service": 0.05, "other": 0.15}  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Internetnya sudah normal lagi sejak tadi pagi, makasih banyak ya teknisinya 🙏",
        "The outage is fixed and everything works now. Thanks for the quick help!",
    ],
)
def test_thanks_for_a_solved_problem_is_other(engine: Any, text: str) -> None:
    found = engine.analyze(text)
    assert (found.emotion, found.issue) == ("happy", "other")


def test_a_solved_phrase_with_something_still_open_keeps_the_issue() -> None:
    solved = RuleFindings(resolved=1)
    assert max(solved_is_other(SCORES, "happy", solved).items(), key=lambda kv: kv[1])[0] == "other"
    for still_open in (RuleFindings(resolved=1, negations=1), RuleFindings(resolved=1, waits=1),
                       RuleFindings(resolved=1, delay_hints=1)):  # fmt: skip
        assert solved_is_other(SCORES, "happy", still_open) == SCORES
    # Without a solved phrase, or without thanks, the named problem stays.
    assert solved_is_other(SCORES, "happy", RuleFindings()) == SCORES
    assert solved_is_other(SCORES, "neutral", solved) == SCORES


def test_the_second_reading_keeps_the_authors_label_and_changes_little() -> None:
    path = resource_path("corpus") / "handwritten.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    changed: Counter[str] = Counter()
    for row in rows:
        for head, author_label in row.get("relabelled", {}).items():
            assert head in ("emotion", "issue", "fault")
            assert author_label in HEADS[head] and author_label != row[head]
            changed[head] += 1
    # A second reading settles borders the writers disagreed on; it does not rewrite the
    # corpus (docs/nlp.md, "Second reading").
    assert changed and all(n < 0.05 * len(rows) for n in changed.values())


def test_the_customer_head_learns_from_hand_written_messages_only() -> None:
    public = [Row(f"ulasan {i}", "id", "smsa_train", {"emotion": "angry"}) for i in range(4)]
    template = [Row("paket telat", "id", "templates", {"emotion": "angry", "issue": "other"})]
    hand = [
        Row("makasih kak", "id", HANDWRITTEN, {"emotion": "happy", "issue": "other"}),
        Row("paket belum sampai", "id", HANDWRITTEN, {"emotion": "angry", "issue": "other"}),
    ]
    for head, label in CUSTOMER_HEADS.items():
        rows = weigh(public, template + hand, head)
        assert {w.row.text for w in rows} == {r.text for r in hand}
        assert label_of(head) == label
    assert len(weigh(public, template + hand, "emotion")) == 7


def test_the_customer_head_shares_a_service_message_and_nothing_else() -> None:
    general = dict.fromkeys(EMOTIONS, 0.0) | {"neutral": 1.0}
    customer = dict.fromkeys(EMOTIONS, 0.0) | {"anxious": 1.0}
    service = RuleFindings(addressed=1)
    mixed = customer_model(general, customer, service)
    assert mixed["neutral"] == pytest.approx(1 - CUSTOMER_MODEL_SHARE)
    assert mixed["anxious"] == pytest.approx(CUSTOMER_MODEL_SHARE)
    # A review or a Reddit comment: the customer head never read such text; nor a
    # message that names something at stake without speaking to the company.
    assert customer_model(general, customer, RuleFindings()) == general
    assert customer_model(general, customer, RuleFindings(stakes=1)) == general
    assert customer_model(general, customer, RuleFindings(stakes=1, requests=1)) == mixed
