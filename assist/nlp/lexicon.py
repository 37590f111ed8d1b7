"""Indonesian chat spelling → standard form, and the words that tell the languages apart.

The data lives in ``resources/nlp/lexicon.json`` (validated on load, ``[E306]``).
The normaliser maps each token through :data:`SLANG_ID` (or :data:`SLANG_EN`) after
squashing letters typed three or more times ("lamaaaa" → "lama"), so every rule and the
classifiers see ``tidak`` whether the customer typed gak, ga, nggak, gk or tdk.
"""

from __future__ import annotations

from assist.nlp.datafiles import load

_F = load("lexicon.json")

# Abbreviations, chat spellings and frequent typos seen in Indonesian customer messages.
SLANG_ID: dict[str, str] = _F.mapping("slang_id")
SLANG_EN: dict[str, str] = _F.mapping("slang_en")
# Words only one of the two languages uses often (language detection).
ID_MARKERS: frozenset[str] = _F.word_set("id_markers")
EN_MARKERS: frozenset[str] = _F.word_set("en_markers")


def squash_elongation(word: str) -> str:
    """Collapse a letter typed three or more times: "lamaaaa" → "lama", "bgttt" → "bgt"."""
    if len(word) < 3:
        return word
    out: list[str] = []
    run = 0
    for ch in word:
        if out and ch == out[-1]:
            run += 1
            if run >= 2:
                continue
        else:
            run = 0
        out.append(ch)
    squashed = "".join(out)
    if squashed == word:
        return word
    # "maaaaf" squashes to "maaf"; chat elongation almost always means a single letter.
    single = _squash_to_single(squashed)
    if single in KNOWN_WORDS or single in SLANG_ID or single in SLANG_EN:
        return single
    return squashed if squashed in KNOWN_WORDS else single


def _squash_to_single(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if not (out and ch == out[-1] and ch.isalpha()):
            out.append(ch)
    return "".join(out)


def normalise_word(word: str, language: str = "id") -> str:
    """The standard spelling of a chat word, lower-cased (unknown words just lower-cased)."""
    low = word.lower()
    table = SLANG_ID if language == "id" else SLANG_EN
    hit = table.get(low)
    if hit is not None:
        return hit
    squashed = squash_elongation(low)
    if squashed != low:
        hit = table.get(squashed)
        if hit is not None:
            return hit
        low = squashed
    if language == "id":
        # English chat spellings inside Indonesian messages ("pls", "u").
        hit = SLANG_EN.get(low)
        if hit is not None and len(low) > 2:
            return hit
        # "pelayanannya", "refund-nya": the enclitic -nya does not change the word.
        if low.endswith("nya") and len(low) >= 7 and low not in _KEEP_NYA:
            base = low[:-3].rstrip("-")
            return table.get(base, base)
        # "lagi2", "kali2": the digit 2 marks reduplication.
        if len(low) > 2 and low.endswith("2") and low[:-1].isalpha():
            base = low[:-1]
            return f"{table.get(base, base)}-{table.get(base, base)}"
    return low


# Words whose final -nya belongs to the word ("sebenarnya", "bertanya").
_KEEP_NYA: frozenset[str] = _F.word_set("keep_nya")

KNOWN_WORDS: frozenset[str] = frozenset(
    set(SLANG_ID.values())
    | set(SLANG_EN.values())
    | ID_MARKERS
    | EN_MARKERS
    | _F.word_set("known_words")
)
