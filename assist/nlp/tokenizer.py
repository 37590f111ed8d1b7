"""A fast-loading Indonesian tokenizer, registered as ``peka.IndonesianTokenizer.v1``.

spaCy's own Indonesian defaults carry ~16,000 tokenizer special cases (mostly hyphenated
reduplications in every casing: "Sapi-sapi", "SAPI-SAPI", …); adding them takes about 2 s
on every ``spacy.blank("id")`` or ``spacy.load``. This tokenizer keeps spaCy's base
exceptions plus a few Indonesian abbreviations, and instead of listing reduplications it
simply never splits a hyphen between two letters, so "lagi-lagi" and "INV-2024-001" stay
one token. The pipelines in ``resources/pipelines`` reference it in their config, so
loading them never builds the big exception table.

Both languages' tokenizers are :class:`BoundedTokenizer`: spaCy strips punctuation one
character at a time and searches the whole remaining string for a suffix each time, so a
run of thousands of "!", "?", "," or "#" took seconds. Runs of four or more punctuation
characters, and any unbroken chunk longer than :data:`MAX_CHUNK` characters, are split
here in linear time instead; everything else goes through spaCy unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.lang.id import punctuation as _punctuation
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS, URL_MATCH
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    registry,
)

from assist.nlp.datafiles import load

TOKENIZER_NAME = "peka.IndonesianTokenizer.v1"
EN_TOKENIZER_NAME = "peka.EnglishTokenizer.v1"
# No word, reference or URL a customer types is longer than this without a space.
MAX_CHUNK = 100
# Runs of punctuation ("!!!!", "?!?!", "####") and over-long chunks: tokenised here.
_HARD_RE = re.compile(rf"[^\w\s]{{4,}}|\S{{{MAX_CHUNK + 1},}}")
# Inside a hard stretch: words, runs of one repeated symbol, any other single character.
_PIECE_RE = re.compile(r"[^\W_]+|_+|([^\w\s])\1*|\s+")

# spaCy does not re-export these names for type checkers; they are plain lists of regexes.
id_punctuation: Any = _punctuation
CURRENCY: str = id_punctuation.CURRENCY

_F = load("lexicon.json")
# Abbreviations with a full stop that Indonesian customers and agents actually write.
_ABBREVIATIONS: dict[str, str] = _F.mapping("abbreviations")


def _hyphen_rules() -> set[str]:
    """The infix rules that split "kata-kata", "INV-2024" or "x-1" at the hyphen."""
    return {
        rf"(?<=[{ALPHA}])(?:{HYPHENS})(?=[{ALPHA}])",
        rf"(?<=[{ALPHA}])-(?=[0-9])",
        rf"(?<=[0-9])-(?=[{ALPHA}])",
        rf"(?<=[{ALPHA}])[\/-](?={CURRENCY}|[{ALPHA}])",
    }


# "3hari", "2x", "5jam": a number glued to its unit is two tokens for the matchers.
_TIME_UNIT_SUFFIX = (
    r"(?<=[0-9])(?:" + "|".join(re.escape(unit) for unit in _F.words("glued_units")) + ")"
)


def special_cases() -> dict[str, list[dict[int, str]]]:
    rules: dict[str, list[dict[int, str]]] = dict(BASE_EXCEPTIONS)
    for orth, norm in _ABBREVIATIONS.items():
        rules[orth] = [{ORTH: orth, NORM: norm}]
    return rules


class BoundedTokenizer(Tokenizer):  # type: ignore[misc]
    """spaCy's rule-based tokenizer in time linear in the length of the text."""

    def __call__(self, text: str) -> Doc:
        if not _HARD_RE.search(text):
            doc: Doc = super().__call__(text)
            return doc
        docs: list[Doc] = []
        done = 0
        for m in _HARD_RE.finditer(text):
            if m.start() > done:
                docs.append(super().__call__(text[done : m.start()]))
            end = m.end()
            while end < len(text) and text[end].isspace():
                end += 1
            docs.append(self._split(text[m.start() : end]))
            done = end
        if done < len(text):
            docs.append(super().__call__(text[done:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def _split(self, chunk: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in _PIECE_RE.finditer(chunk):
            piece = m.group(0)
            if piece == " " and words and not spaces[-1]:
                spaces[-1] = True
            else:
                words.append(piece)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


def build_tokenizer(nlp: Any) -> Tokenizer:
    dropped = _hyphen_rules()
    infixes = [p for p in id_punctuation.TOKENIZER_INFIXES if p not in dropped]
    if len(infixes) != len(id_punctuation.TOKENIZER_INFIXES) - len(dropped):
        raise RuntimeError("spaCy's Indonesian infix rules changed; review peka's tokenizer")
    # Slashes between letters still split ("pesanan/paket"); hyphens do not.
    infixes.append(rf"(?<=[{ALPHA}])[\/](?={CURRENCY}|[{ALPHA}])")
    suffixes = [
        p for p in id_punctuation.TOKENIZER_SUFFIXES if p not in (r"\-[Nn]ya", "-[KkMm]u", "[—-]")
    ]
    return BoundedTokenizer(
        nlp.vocab,
        rules=special_cases(),
        prefix_search=compile_prefix_regex(id_punctuation.TOKENIZER_PREFIXES).search,
        suffix_search=compile_suffix_regex([*suffixes, "—", _TIME_UNIT_SUFFIX]).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        url_match=URL_MATCH,
    )


@registry.tokenizers(TOKENIZER_NAME)  # type: ignore[untyped-decorator]
def create_indonesian_tokenizer() -> Callable[[Any], Tokenizer]:
    return build_tokenizer


def build_english_tokenizer(nlp: Any) -> Tokenizer:
    """spaCy's English tokenizer rules in a :class:`BoundedTokenizer`."""
    from spacy.lang.en import English

    defaults: Any = English.Defaults
    return BoundedTokenizer(
        nlp.vocab,
        rules=dict(defaults.tokenizer_exceptions),
        prefix_search=compile_prefix_regex(defaults.prefixes).search,
        suffix_search=compile_suffix_regex(defaults.suffixes).search,
        infix_finditer=compile_infix_regex(defaults.infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


@registry.tokenizers(EN_TOKENIZER_NAME)  # type: ignore[untyped-decorator]
def create_english_tokenizer() -> Callable[[Any], Tokenizer]:
    return build_english_tokenizer
