"""A spaCy ``Matcher`` run only around the words its patterns cannot match without.

spaCy's ``Matcher`` starts every pattern at every token, and each ``{"IN": [...]}`` test
is a Python call per token: with the rule component's 16 token patterns that was a
quarter of ``analyze()`` on a 1,000-character message, although most messages hold
a match for few of them, or none.

A match always contains one token for each of its pattern's required ``IN`` tests
(no ``OP``), and spans at most the pattern's longest length. So the matches in a doc
are exactly the matches in the stretches of it around the hits of one such test per
pattern (the test with the fewest hits in this doc), each stretched by that length;
a pattern with a required test that nothing in the doc passes matches nowhere. The
stretches are merged, so no match is found twice, and the wrapped ``Matcher`` runs
on each in order, which yields the same matches in the same order as one run over
the whole doc (``tests/nlp/test_anchored.py`` compares the two).

A pattern with no required ``IN`` test on ``NORM`` or ``ORTH``, or with no upper
bound on its length (``*``, ``+``, ``{n,}``), makes every doc run whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import NORM, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc

_ATTRS = {"NORM": NORM, "ORTH": ORTH}
_BOUNDED_OP = re.compile(r"\{(\d*)(,?)(\d*)\}")


def _longest(op: str | None) -> int | None:
    """How many tokens one pattern token can take at most (``None``: no limit)."""
    if op in (None, "!", "?", "1"):
        return 1
    bounded = _BOUNDED_OP.fullmatch(op or "")
    if bounded is None:  # "*", "+"
        return None
    low, comma, high = bounded.groups()
    if not comma:
        return int(low)
    return int(high) if high else None


def _required_sets(token: dict[str, Any]) -> list[tuple[int, frozenset[str]]]:
    """The ``IN`` (or exact) tests on ``NORM``/``ORTH`` a required pattern token makes."""
    if "OP" in token:
        return []
    found = []
    for name, attr in _ATTRS.items():
        value = token.get(name)
        if isinstance(value, str):
            found.append((attr, frozenset([value])))
        elif isinstance(value, dict) and set(value) == {"IN"}:
            found.append((attr, frozenset(value["IN"])))
    return found


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A test a pattern cannot match without, and how far its match reaches around it."""

    test: int  # index into AnchoredMatcher._tests
    before: int  # most tokens a match holds before the token that passes the test
    after: int  # … and after it


class AnchoredMatcher:
    """Same matches as ``spacy.matcher.Matcher``, found without visiting every token."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self._tests: list[tuple[int, frozenset[int]]] = []  # (attr, string hashes)
        # String hash -> the tests it passes, per attribute: one look-up per token.
        self._passes: dict[int, dict[int, list[int]]] = {NORM: {}, ORTH: {}}
        # Per pattern, every test it cannot match without.
        self._plans: list[tuple[_Anchor, ...]] = []
        self._whole_doc = False

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        self.matcher.add(key, patterns)
        for pattern in patterns:
            longest = [_longest(token.get("OP")) for token in pattern]
            anchors: dict[int, _Anchor] = {}
            for at, token in enumerate(pattern):
                for attr, words in _required_sets(token):
                    test = self._test_index(attr, words)
                    before = sum(n or 0 for n in longest[:at])
                    after = sum(n or 0 for n in longest[at + 1 :])
                    if test in anchors:  # the same test twice: reach as far as either
                        before = max(before, anchors[test].before)
                        after = max(after, anchors[test].after)
                    anchors[test] = _Anchor(test, before, after)
            if not anchors or None in longest:
                self._whole_doc = True
            else:
                self._plans.append(tuple(anchors.values()))

    def _test_index(self, attr: int, words: frozenset[str]) -> int:
        hashes = frozenset(self.vocab.strings.add(w) for w in words)
        test = (attr, hashes)
        if test not in self._tests:
            self._tests.append(test)
            for value in hashes:
                self._passes[attr].setdefault(value, []).append(len(self._tests) - 1)
        return self._tests.index(test)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        matches: list[tuple[int, int, int]] = []
        for start, end in self.stretches(doc):
            if start == 0 and end == len(doc):
                return list(self.matcher(doc))
            for key, s, e in self.matcher(doc[start:end]):
                matches.append((key, start + s, start + e))
        return matches

    def stretches(self, doc: Doc) -> list[tuple[int, int]]:
        """The merged, ordered token ranges that hold every match in ``doc``."""
        length = len(doc)
        if self._whole_doc:
            return [(0, length)] if length else []
        hits: list[list[int]] = [[] for _ in self._tests]
        by_norm, by_orth = self._passes[NORM], self._passes[ORTH]
        for i, (norm, orth) in enumerate(doc.to_array([NORM, ORTH]).tolist()):
            for test in by_norm.get(norm, ()):
                hits[test].append(i)
            for test in by_orth.get(orth, ()):
                hits[test].append(i)
        ranges: list[tuple[int, int]] = []
        for plan in self._plans:
            if not all(hits[a.test] for a in plan):
                continue  # a test no token passes: the pattern matches nowhere
            anchor = min(plan, key=lambda a: len(hits[a.test]))
            ranges.extend(
                (max(0, i - anchor.before), min(length, i + anchor.after + 1))
                for i in hits[anchor.test]
            )
        ranges.sort()
        merged: list[tuple[int, int]] = []
        for start, end in ranges:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged
