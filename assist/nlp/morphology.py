"""An Indonesian affix stripper: "menyenangkan" → "senang", "pengirimannya" → "kirim".

Rule-based in the manner of Nazief–Adriani without a root dictionary: particles
(-lah, -kah, -pun), possessives (-ku, -mu, -nya), derivational suffixes (-kan, -an, -i),
then one or two prefixes (meN-, peN-, ber-, per-, ter-, di-, ke-, se-) with the nasal
changes of meN-/peN- (meny- → s, mem- → p, men- → t, meng- → k). Without a dictionary
it sometimes over-strips, so the classifiers see the stem *beside* the word, never
instead of it, and the rules only use it to look a word up in their own lexicons.
"""

from __future__ import annotations

from functools import lru_cache

_PARTICLES = ("lah", "kah", "pun", "tah")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_VOWELS = frozenset("aeiou")
# Shortest stem kept: "di" + "a" is not a word.
_MIN_STEM = 3


def _strip_suffixes(word: str) -> str:
    for particle in _PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= _MIN_STEM + 1:
            word = word[: -len(particle)]
            break
    for possessive in _POSSESSIVES:
        if word.endswith(possessive) and len(word) - len(possessive) >= _MIN_STEM + 1:
            word = word[: -len(possessive)]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM + 1:
            if suffix == "i" and word.endswith(("si", "ii")):
                continue  # "asuransi", "kualiti": the i is the root's
            return word[: -len(suffix)]
    return word


def _prefix_options(word: str) -> list[str]:
    """Every reading of the word with one prefix off (none when no prefix applies).

    meN-/peN- before a vowel may have swallowed a k ("mengirim" ← kirim) or not
    ("mengambil" ← ambil); both readings are returned, the usual one first.
    """
    if len(word) < _MIN_STEM + 2:
        return []
    if word.startswith(("meny", "peny")) and len(word) > 5 and word[4] in _VOWELS:
        return ["s" + word[4:]]
    if word.startswith(("meng", "peng")):
        rest = word[4:]
        if rest[:1] in _VOWELS:
            return [rest, "k" + rest] if rest[0] in "ae" else ["k" + rest, rest]
        return [rest]
    if word.startswith(("mem", "pem")):
        rest = word[3:]
        return ["p" + rest, rest] if rest[:1] in _VOWELS else [rest]
    if word.startswith(("men", "pen")):
        rest = word[3:]
        return ["t" + rest, rest] if rest[:1] in _VOWELS else [rest]
    for prefix in ("ber", "ter", "per"):
        if word.startswith(prefix):
            rest = word[3:]
            return [rest[1:]] if rest.startswith("r") and len(rest) > 4 else [rest]
    if word.startswith(("me", "pe")) and word[2:3] in ("l", "r", "w", "y", "m", "n"):
        return [word[2:]]
    for prefix in ("di", "ke", "se"):
        if word.startswith(prefix) and len(word) - 2 >= _MIN_STEM + 1:
            return [word[2:]]
    return []


# A second prefix only ever follows these: "memperbaiki", "diperbaiki", "keberhasilan".
_SECOND = ("per", "ber", "pen", "pem", "peng", "peny")


@lru_cache(maxsize=100_000)
def stem_candidates(word: str) -> tuple[str, ...]:
    """Possible stems of a lower-cased Indonesian word, the most likely first."""
    if len(word) < _MIN_STEM + 3 or not word.isalpha():
        return (word,)
    base = _strip_suffixes(word)
    out: list[str] = []
    for first in _prefix_options(base) or [base]:
        if first.startswith(_SECOND) and first != base:
            out.extend(_prefix_options(first) or [first])
        out.append(first)
    if base != word:
        out.append(base)
    kept = [s for s in dict.fromkeys(out) if len(s) >= _MIN_STEM]
    return tuple(kept) or (word,)


def stem_id(word: str) -> str:
    """The most likely stem of a lower-cased Indonesian word (the word when none applies)."""
    return stem_candidates(word)[0]
