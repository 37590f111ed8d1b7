"""A fast-loading Indonesian tokenizer, registered as ``peka.IndonesianTokenizer.v1``.

spaCy's own Indonesian defaults carry ~16,000 tokenizer special cases (mostly hyphenated
reduplications in every casing: "Sapi-sapi", "SAPI-SAPI", …); adding them takes about 2 s
on every ``spacy.blank("id")`` or ``spacy.load``. This tokenizer keeps spaCy's base
exceptions plus a few Indonesian abbreviations, and instead of listing reduplications it
simply never splits a hyphen between two letters, so "lagi-lagi" and "INV-2024-001" stay
one token. The pipelines in ``resources/pipelines`` reference it in their config, so
loading them never builds the big exception table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.lang.id import punctuation as _punctuation
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS, URL_MATCH
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    registry,
)

TOKENIZER_NAME = "peka.IndonesianTokenizer.v1"

# spaCy does not re-export these names for type checkers; they are plain lists of regexes.
id_punctuation: Any = _punctuation
CURRENCY: str = id_punctuation.CURRENCY

# Abbreviations with a full stop that Indonesian customers and agents actually write.
_ABBREVIATIONS = {
    "dll.": "dan lain-lain",
    "dsb.": "dan sebagainya",
    "dst.": "dan seterusnya",
    "yth.": "yang terhormat",
    "Yth.": "yang terhormat",
    "bpk.": "bapak",
    "Bpk.": "bapak",
    "Bp.": "bapak",
    "Ibu.": "ibu",
    "Sdr.": "saudara",
    "sdr.": "saudara",
    "No.": "nomor",
    "no.": "nomor",
    "Jl.": "jalan",
    "jl.": "jalan",
    "Rp.": "rp",
    "rp.": "rp",
    "tgl.": "tanggal",
    "Tgl.": "tanggal",
    "a.n.": "atas nama",
    "u.p.": "untuk perhatian",
    "s.d.": "sampai dengan",
    "d/a": "dengan alamat",
}


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
    r"(?<=[0-9])(?:hari|hr|jam|jm|minggu|mgg|bulan|bln|tahun|thn|menit|mnt|kali|kl|x|X)"
)


def special_cases() -> dict[str, list[dict[int, str]]]:
    rules: dict[str, list[dict[int, str]]] = dict(BASE_EXCEPTIONS)
    for orth, norm in _ABBREVIATIONS.items():
        rules[orth] = [{ORTH: orth, NORM: norm}]
    return rules


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
    return Tokenizer(
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
