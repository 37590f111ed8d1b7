"""``{issue}`` is data: every problem the engine can name has words in every language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.i18n import LANGUAGES, catalogue
from assist.nlp.models import ISSUES, DraftFinding
from assist.session import AssistSession
from assist.suggest.context import GENERIC_ISSUE, build_context, issue_label
from assist.suggest.library import PhraseLibrary
from tests.suggest.helpers import NOW, FakeEngine, analysis, customer

PIPELINES = Path(__file__).resolve().parents[2] / "resources" / "pipelines"


def engine_issues() -> set[str]:
    """The issues the engine can output: the model's list and every shipped pipeline's head."""
    issues = set(ISSUES)
    for meta in PIPELINES.glob("*/peka_linear/meta.json"):
        issues |= set(json.loads(meta.read_text(encoding="utf-8"))["heads"]["issue"])
    return issues


def test_every_issue_the_engine_can_output_has_a_label_in_every_shipped_language() -> None:
    issues = engine_issues()
    assert "delivery_delay" in issues and GENERIC_ISSUE in issues
    for language in LANGUAGES:
        for issue in sorted(issues):
            label = catalogue(language).get(f"reply.issue.{issue}", "")
            assert label.strip(), (language, issue)
            assert "{" not in label and "}" not in label, (language, issue)
            assert label == label.lower() or language == "en", (language, issue)  # mid-sentence


def test_no_label_is_english_in_indonesian() -> None:
    for issue in engine_issues():
        assert issue_label("id", issue) != issue_label("en", issue), issue


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "keterlambatan pengiriman"), ("en", "the delivery delay")],
)
def test_the_issue_placeholder_is_filled_from_the_catalogue(language: str, expected: str) -> None:
    ctx = build_context(
        customer(language=language), analysis(language=language), channel="chat", now=NOW
    )
    assert ctx.values["issue"] == expected


def test_no_specific_problem_leaves_the_issue_placeholder_empty() -> None:
    ctx = build_context(customer(), analysis(issue=GENERIC_ISSUE), channel="chat", now=NOW)
    assert "issue" not in ctx.values
    assert ctx.fill("Saya paham {issue} ini merepotkan.") is None


def test_an_unknown_issue_gets_no_english_words() -> None:
    assert issue_label("id", "not_an_issue") == ""
    assert issue_label("en", "not_an_issue") == ""


@pytest.mark.parametrize(
    ("language", "issue", "expected"),
    [
        ("id", "delivery_delay", "Maaf soal keterlambatan pengiriman, saya cek."),
        ("id", GENERIC_ISSUE, "Maaf soal kendala ini, saya cek."),
        ("en", "billing_error", "Sorry about the billing problem, I'll check."),
        ("en", GENERIC_ISSUE, "Sorry about this problem, I'll check."),
    ],
)
def test_the_coach_fills_its_problem_slot_from_the_catalogue(
    library: PhraseLibrary, language: str, issue: str, expected: str
) -> None:
    engine = FakeEngine(queued=[analysis(language=language, issue=issue)])
    session = AssistSession(engine, library, agent_id="a", ui_language=language, clock=lambda: NOW)
    session.set_customer(customer(language=language))
    session.add_customer_message("x")
    draft = "Mohon maaf, ok."
    slot = "Maaf soal [masalahnya], saya cek." if language == "id" else "Sorry [x], I'll check."
    engine.findings.append(DraftFinding(0, len(draft), "robotic", draft, slot, "Kaku."))
    (finding,) = [f for f in session.update(draft).coach.findings if f.kind == "robotic"]
    assert expected in finding.rewrite
