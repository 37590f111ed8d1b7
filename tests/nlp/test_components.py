"""Tokenizer, normaliser and rule components on blank pipelines (no trained models)."""

from __future__ import annotations

from typing import Any

import pytest

from assist.nlp.lexicon import normalise_word, squash_elongation


@pytest.mark.parametrize(
    ("word", "norm"),
    [
        ("gk", "tidak"), ("ga", "tidak"), ("gak", "tidak"), ("nggak", "tidak"), ("tdk", "tidak"),
        ("udh", "sudah"), ("udah", "sudah"), ("bgt", "banget"), ("blm", "belum"),
        ("sy", "saya"), ("tlg", "tolong"), ("knp", "kenapa"), ("dgn", "dengan"), ("yg", "yang"),
        ("brp", "berapa"), ("pdhl", "padahal"), ("dr", "dari"), ("krn", "karena"),
        ("trs", "terus"), ("jg", "juga"), ("aja", "saja"), ("gmn", "gimana"), ("tp", "tapi"),
        ("sm", "sama"), ("org", "orang"), ("cs", "customer service"), ("Udh", "sudah"),
        ("lamaaaa", "lama"), ("bgttt", "banget"), ("kesellll", "kesal"), ("lagi2", "lagi-lagi"),
        ("pelayanannya", "pelayanan"), ("bertanya", "bertanya"),
    ],
)  # fmt: skip
def test_normaliser_lexicon(word: str, norm: str) -> None:
    assert normalise_word(word) == norm


def test_elongation_keeps_real_double_letters() -> None:
    assert squash_elongation("maaaaf") == "maaf"
    assert squash_elongation("saat") == "saat"


def test_tokenizer_keeps_reduplication_and_refs(blank_id: Any) -> None:
    doc = blank_id.make_doc("lagi-lagi INV-2024-00123 udh 3hari, pesanan/paket :(")
    words = [t.text for t in doc]
    assert "lagi-lagi" in words
    assert "3" in words and "hari" in words
    assert "pesanan" in words and "paket" in words
    assert ":(" in words


def test_tokenizer_has_few_special_cases() -> None:
    from assist.nlp.tokenizer import special_cases

    assert len(special_cases()) < 1000  # spaCy's own Indonesian set has ~16,000


def test_normaliser_component_sets_norm(blank_id: Any) -> None:
    doc = blank_id("sy gk puas bgt")
    assert [t.norm_ for t in doc] == ["saya", "tidak", "puas", "banget"]


def test_negation_flips_puas(blank_id: Any) -> None:
    rules = blank_id("saya gak puas sama pelayanannya")._.peka_rules
    assert rules.emotion.get("happy", 0) == 0
    assert rules.emotion.get("disappointed", 0) > 0
    kinds = {c.kind for c in rules.cues}
    assert {"negation", "emotion_word"} <= kinds


def test_cue_kinds_and_spans(blank_id: Any) -> None:
    text = "SAYA KESAL BANGET!!! udah 3 kali komplain, udah seminggu nunggu, mau lapor YLKI 😡"
    rules = blank_id(text)._.peka_rules
    kinds = {c.kind for c in rules.cues}
    assert {"all_caps", "emotion_word", "intensifier", "exclamation", "repetition",
            "waiting_time", "threat", "emoji"} <= kinds  # fmt: skip
    for cue in rules.cues:
        assert text[cue.start : cue.end] == cue.text


def test_acronyms_are_not_shouting(blank_id: Any) -> None:
    rules = blank_id("kode OTP dari ATM BCA belum masuk")._.peka_rules
    assert not any(c.kind == "all_caps" for c in rules.cues)


def test_issue_evidence(blank_id: Any) -> None:
    rules = blank_id("saldo saya terpotong dua kali")._.peka_rules
    assert max(rules.issue, key=rules.issue.get) == "billing_error"
