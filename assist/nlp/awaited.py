"""What the customer says they are waiting for: a parcel, or someone's visit.

A late technician and a late parcel are both ``delivery_delay`` to the engine (the label
definitions count both), but a reply about "your parcel" to a customer whose technician
never came is untrue. The words are data (``awaited`` in ``resources/nlp/entities.json``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assist.nlp.datafiles import fail, load

AWAITED = ("parcel", "visit")
# Indonesian glues a possessive or -an to the word ("teknisinya", "kirimannya").
_ENDINGS = r"(?:nya|ku|mu|an|s)?"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load("entities.json")
    groups = data.groups("awaited")
    if set(groups) != set(AWAITED):
        fail(data.path, f"'awaited' needs exactly the groups {list(AWAITED)}")
    out: dict[str, re.Pattern[str]] = {}
    for kind, words in groups.items():
        data.check_lower_case(f"awaited.{kind}", words)
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        out[kind] = re.compile(rf"\b(?:{alternatives}){_ENDINGS}\b", re.IGNORECASE)
    return out


def check_words() -> None:
    """Raise ``[E306]`` now for a broken ``awaited`` list (the engine's load calls this)."""
    _patterns()


def awaited(text: str) -> list[str]:
    """The kinds of thing the message names as awaited, in :data:`AWAITED` order."""
    patterns = _patterns()
    return [kind for kind in AWAITED if patterns[kind].search(text)]
