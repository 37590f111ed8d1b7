"""How classifier scores and rule evidence combine: fault, calm requests, resolved
problems, and the coach's sentence-aware checklist."""

from __future__ import annotations

from typing import Any

import pytest

from assist.nlp.components import RuleFindings
from assist.nlp.scoring import emotion_evidence


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("saya salah transfer ke rekening lain, bisa dibatalkan?", "customer"),
        ("maaf min saya yang salah input alamat, paketnya jadi nyasar", "customer"),
        ("lupa PIN m-banking, gimana resetnya", "customer"),
        ("I entered the wrong account number when sending money", "customer"),
        ("my mistake, I picked the wrong size. can I exchange it?", "customer"),
        ("saya salah kirim uang ke nomor lain", "customer"),
        ("kurir salah alamat, paket saya dikirim ke rumah orang", "company"),
        ("bukan salah saya, alamat sudah benar tapi paket nyasar", "company"),
        ("sudah bayar tapi status masih menunggu pembayaran", "company"),
        ("penjual salah kirim warna, saya pesan hitam yang datang putih", "company"),
        ("it's not my fault, your courier left it at the wrong house", "company"),
        ("mau tanya jam operasional CS", "unknown"),
    ],
)
def test_fault_separates_the_customers_mistake_from_the_companys(
    engine: Any, text: str, fault: str
) -> None:
    assert engine.analyze(text).fault == fault


@pytest.mark.parametrize(
    "text",
    [
        "Mohon info, apakah promo cashback masih berlaku?",
        "kak mau ganti alamat pengiriman dong ke Bekasi, bisa?",
        "Hi, could you tell me when my order will be shipped?",
    ],
)
def test_calm_requests_and_questions_are_neutral(engine: Any, text: str) -> None:
    result = engine.analyze(text)
    assert result.emotion == "neutral"
    assert result.sentiment == "neutral"


@pytest.mark.parametrize(
    "text",
    [
        "terima kasih kak, paketnya sudah sampai walaupun sempat telat",
        "thanks, the refund finally came through. great service!",
    ],
)
def test_thanks_for_a_solved_problem_is_happy_with_no_open_issue(engine: Any, text: str) -> None:
    result = engine.analyze(text)
    assert (result.emotion, result.sentiment, result.issue) == ("happy", "positive", "other")


def test_confusion_about_a_bill_is_confused(engine: Any) -> None:
    result = engine.analyze("I don't understand why my bill is higher this month")
    assert result.emotion == "confused"
    assert result.issue == "billing_error"


def test_folded_hands_emoji_is_politeness_not_fear() -> None:
    from assist.nlp.models import Cue

    rules = RuleFindings(cues=[Cue(0, 1, "emoji", "🙏", "positive")])
    assert "anxious" not in emotion_evidence(rules)


def test_a_request_turns_weak_thanks_into_politeness() -> None:
    rules = RuleFindings(emotion={"happy": 0.4}, requests=1)
    evidence = emotion_evidence(rules)
    assert "happy" not in evidence
    assert evidence["neutral"] > 0


def test_coach_next_step_sentences_do_not_restate_the_problem(engine: Any) -> None:
    draft = engine.coach("Thanks for your patience. The refund will be sent within 24 hours.")
    assert not draft.checklist["problem_restated"]
    assert draft.checklist["action_committed"]
    draft = engine.coach("Saya akan cek ke tim terkait. Dana Anda tidak akan hilang.")
    assert not draft.checklist["problem_restated"]


def test_coach_restates_with_possessive_nouns(engine: Any) -> None:
    draft = engine.coach("I see your insurance claim was approved but hasn't been paid.")
    assert draft.checklist["problem_restated"]
    draft = engine.coach("Baik Kak, klaim Kakak sudah disetujui tapi belum cair ya.")
    assert draft.checklist["problem_restated"]


def test_coach_contractions_and_satisfaction_checks(engine: Any) -> None:
    draft = engine.coach("I'll raise this with our technicians now. Does that work for you?")
    assert "commit_action" in draft.functions_present
    assert "check_satisfaction" in draft.functions_present
    draft = engine.coach("Kalau ada kendala lagi, jangan sungkan kabari saya ya.")
    assert "check_satisfaction" in draft.functions_present


def test_receipt_is_not_a_commitment(engine: Any) -> None:
    draft = engine.coach("Keluhan Anda telah kami terima.")
    assert "commit_action" not in draft.functions_present
    assert not draft.checklist["problem_restated"]


def test_doubled_question_marks_are_not_a_calm_question() -> None:
    calm = emotion_evidence(RuleFindings(questions=1))
    emphatic = emotion_evidence(RuleFindings(questions=2, emphatic_questions=1))
    assert calm.get("neutral", 0.0) > 0
    assert "neutral" not in emphatic
