"""When the engine's emotion reading is close, the next likeliest emotion is shown too:
two careful people disagree on one message's emotion about one time in ten."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assist.nlp.models import ALTERNATIVE_SHARE, EMOTIONS, MessageAnalysis
from ui.entry import full_cli


def analysis(emotion: str, scores: dict[str, float]) -> MessageAnalysis:
    full = {e: scores.get(e, 0.0) for e in EMOTIONS}
    return MessageAnalysis(
        text="x", language="id", emotion=emotion, emotion_scores=full, intensity=0.5,
        sentiment="negative", sentiment_scores={"negative": 1.0}, issue="other",
        issue_scores={"other": 1.0}, fault="unknown", fault_reason="",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("emotion", "scores", "alternative"),
    [
        ("confused", {"confused": 0.53, "angry": 0.37, "disappointed": 0.08}, "angry"),
        ("anxious", {"anxious": 0.5, "neutral": 0.5 * ALTERNATIVE_SHARE}, "neutral"),
        ("anxious", {"anxious": 0.5, "neutral": 0.5 * ALTERNATIVE_SHARE - 0.01}, None),
        ("angry", {"angry": 0.9, "disappointed": 0.1}, None),
        ("neutral", {"neutral": 1.0}, None),  # a trivial message's one-hot reading
        ("neutral", {}, None),  # no score at all: nothing is "close"
    ],
)
def test_the_alternative_is_shown_only_when_close(
    emotion: str, scores: dict[str, float], alternative: str | None
) -> None:
    result = analysis(emotion, scores)
    assert result.emotion_alternative() == alternative
    assert result.to_dict()["emotion_alternative"] == alternative


def test_an_emotion_the_rules_chose_over_a_higher_score_shows_that_score_as_the_alternative() -> (
    None
):
    # The chosen emotion is what the engine says; a reading that scores higher is close.
    assert analysis("neutral", {"neutral": 0.3, "anxious": 0.6}).emotion_alternative() == "anxious"


def test_analyze_says_or_perhaps_and_puts_it_in_the_json() -> None:
    text = "yaudah deh kak, ditunggu aja"  # calm, or perhaps resigned and let down
    data = json.loads(CliRunner().invoke(full_cli(), ["analyze", text, "--json"]).output)
    assert (
        data["emotion_alternative"] in EMOTIONS and data["emotion_alternative"] != data["emotion"]
    )
    shown = CliRunner().invoke(full_cli(), ["analyze", text]).output
    assert f"emotion:   {data['emotion']} (intensity" in shown
    assert f", or perhaps {data['emotion_alternative']}\n" in shown
    sure = CliRunner().invoke(full_cli(), ["analyze", "Terima kasih banyak, paketnya sudah sampai"])
    assert "or perhaps" not in sure.output
