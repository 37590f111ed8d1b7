"""Issue 14, sixth pass: what 10,401 messages written as a natural working day taught the
rules. Each change was measured on five writers left out of training (docs/nlp.md,
"Sixth pass"); each test names the example that shows it."""

from __future__ import annotations

from typing import Any

import pytest

from assist.nlp.scoring import NOTED_RULE_WEIGHT, WHY_AFTER_WAIT_WEIGHT, emotion_evidence


def test_why_after_a_wait_weighs_less_than_marked_sarcasm(engine: Any) -> None:
    # At the sarcasm's weight it was wrong 12 times for 1 right on the writers left out:
    # "kenapa … ?" beside a time or a repeat is as often a calm or puzzled question.
    assert WHY_AFTER_WAIT_WEIGHT < NOTED_RULE_WEIGHT
    rules = engine.pipelines["id"]("kenapa pesanan saya belum dikirim juga ya kak? sudah 4 hari")
    notes: set[str] = set()
    evidence = emotion_evidence(rules._.peka_rules, notes)
    assert notes == {"why_after_wait"} and evidence.get("disappointed", 0.0) > 0.0
    # Still frustration where the model is unsure ("yet", three weeks).
    text = "Why hasn't my refund come through yet? It's been three weeks."
    assert engine.analyze(text).emotion in ("disappointed", "angry")


def test_a_puzzled_question_beside_a_time_stays_puzzled(engine: Any) -> None:
    text = ("kak kenapa di app tulisan member saya 'expired'? baru perpanjang 3 hari lalu, "
            "ini bukti bayarnya")  # fmt: skip
    assert engine.analyze(text).emotion == "confused"


@pytest.mark.parametrize(
    "text",
    [
        # The broad "a delay needs a delay" rule moved these to other issues: wrong 12
        # times for 2 right on the writers left out.
        "Hi there, the courier left a note saying he couldn't find my address. The address "
        "is correct on Google Maps. Can you ask him to try again tomorrow morning?",
        "itu teknisinya jadi dateng hari ini ga ya kak, soalnya saya mau keluar",
        # The label definitions name a late technician under delivery_delay (this one was
        # a staff failure, poor_service, before the sixth pass).
        "teknisinya tidak muncul padahal sudah janji jam 9",
    ],
)
def test_a_calm_message_about_a_delivery_under_way_is_a_delivery(engine: Any, text: str) -> None:
    assert engine.analyze(text).issue == "delivery_delay"


@pytest.mark.parametrize(
    "text", ["paket saya dikirim pakai kurir apa?", "which courier do you use for Surabaya?"]
)
def test_a_question_about_which_courier_is_not_a_delay(engine: Any, text: str) -> None:
    assert engine.analyze(text).issue == "other"
