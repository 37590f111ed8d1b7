"""The rule component's anchored token Matcher finds exactly what spaCy's finds."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.nlp import rules_data as R
from assist.nlp.anchored import AnchoredMatcher, _longest
from assist.resources import resource_path

# Each token pattern's own examples (from the comments beside the patterns).
EXAMPLES = [
    ("CUSTFAULTP", "alamat yang saya tulis salah"),
    ("CUSTFAULTP", "I typed my PIN wrong"),
    ("CUSTFAULTP", "transfer ke rekening yang salah"),
    ("CUSTFAULTP", "I sent it to the wrong account"),
    ("CUSTFAULTP", "saya lupa bayar"),
    ("COMPFAULTP", "saldo terpotong 2 kali"),
    ("COMPFAULTP", "I was charged 3 times"),
    ("COMPFAULTP", "aplikasinya error terus"),
    ("COMPFAULTP", "the courier damaged my TV"),
    ("COMPFAULTP", "paket dihilangkan kurir"),
    ("COMPFAULTP", "it was damaged by the courier"),
    ("WAIT", "sudah 3 hari menunggu"),
    ("WAIT", "udah lebih dari 2 minggu"),
    ("WAIT", "for a week now"),
    ("WAIT", "2 days ago"),
    ("REP", "sudah 3 kali saya telepon"),
    ("REP", "I called 3 times"),
    ("REP", "beberapa kali"),
    ("BBB", "I will report to the BBB"),
]

# Words the patterns test for, and some they do not, to build messages from.
_WORDS = sorted(
    {
        *R.FIRST_PERSON, *R.CUSTOMER_ACTIONS_ID, *R.CUSTOMER_ACTIONS_EN, *R.WRONG_WORDS,
        *R.TARGETS, *R.FAULT_AGENTS, *R.COMPANY_AGENTS, *R.COMPANY_ACTIONS,
        *R.COMPANY_PASSIVE, *R.WAIT_OPENERS, *R.TIME_UNITS, *R.TIME_WORDS, *R.COUNT_WORDS,
        *R.REPEAT_UNITS, "ke", "to", "the", "a", "yang", "oleh", "by", "sudah", "just",
        "lupa", "forgot", "terpotong", "charged", "x", "kali", "ago", "lalu", "now", "lebih",
        "2", "3", "2x", "BBB", ",", ".", "!", "dan", "tapi", "paket", "hello",
    }
)  # fmt: skip


def _rules(engine: Any, language: str) -> Any:
    return engine.pipelines[language].get_pipe("peka_rules")


def _same(engine: Any, language: str, text: str) -> list[tuple[int, int, int]]:
    doc = engine.pipelines[language](text)
    anchored = _rules(engine, language).matcher
    found = anchored(doc)
    assert found == list(anchored.matcher(doc)), text
    return found


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(("key", "text"), EXAMPLES)
def test_every_token_pattern_still_fires(engine: Any, language: str, key: str, text: str) -> None:
    found = _same(engine, language, text)
    strings = engine.pipelines[language].vocab.strings
    assert key in {strings[k] for k, _, _ in found}


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=80),
    language=st.sampled_from(["id", "en"]),
)
def test_same_matches_in_the_same_order_as_spacy(
    engine: Any, words: list[str], language: str
) -> None:
    _same(engine, language, " ".join(words))


def test_same_matches_on_hand_written_messages(engine: Any) -> None:
    corpus = resource_path("corpus")
    for name in ("stress_dev.jsonl", "stress_dev2.jsonl", "challenge.jsonl", "fault_dev.jsonl"):
        for line in (corpus / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                for language in ("id", "en"):
                    _same(engine, language, json.loads(line)["text"])


def test_longest_match_of_each_operator() -> None:
    assert [_longest(op) for op in (None, "?", "!", "{0,3}", "{2}", "{,4}")] == [1, 1, 1, 3, 2, 4]
    assert [_longest(op) for op in ("*", "+", "{1,}")] == [None, None, None]


def test_unbounded_or_unanchored_patterns_run_over_the_whole_doc(blank_id: Any) -> None:
    doc = blank_id("saya kemarin lupa sekali bayar tagihan 3 kali")
    for pattern in (
        [{"NORM": "lupa"}, {"OP": "*"}, {"NORM": "kali"}],
        [{"LIKE_NUM": True}, {"NORM": {"NOT_IN": ["saya"]}}],
    ):
        matcher = AnchoredMatcher(blank_id.vocab)
        matcher.add("X", [pattern])
        assert matcher.stretches(doc) == [(0, len(doc))]
        assert matcher(doc) == list(matcher.matcher(doc)) != []


def test_pattern_whose_words_are_absent_is_not_run(blank_id: Any) -> None:
    matcher = AnchoredMatcher(blank_id.vocab)
    matcher.add("X", [[{"NORM": {"IN": ["lupa"]}}, {"OP": "?"}, {"NORM": "bayar"}]])
    assert matcher.stretches(blank_id("saya sudah bayar")) == []
    assert matcher(blank_id("saya sudah bayar")) == []
    doc = blank_id("tadi saya lupa mau bayar, maaf")
    assert matcher.stretches(doc) == [(2, 5)]
    assert matcher(doc) == list(matcher.matcher(doc)) != []
