"""Indonesian or English? Counts words only one of the two languages uses often.

Code-mixed text ("udah 3 hari blm nyampe, seriously disappointed") resolves to the
language with more marker words; ties and texts with no markers count as Indonesian,
the language most Peka customers write in.
"""

from __future__ import annotations

import re

from assist.nlp.lexicon import EN_MARKERS, ID_MARKERS, SLANG_ID

_WORD_RE = re.compile(r"[a-z']+")
_ID_ONLY_SLANG = frozenset(k for k in SLANG_ID if k not in EN_MARKERS and len(k) > 1)


def detect_language(text: str, limit: int = 4000) -> str:
    """``"id"`` or ``"en"`` for the first ``limit`` characters of ``text``."""
    id_score = 0.0
    en_score = 0.0
    for word in _WORD_RE.findall(text[:limit].lower()):
        if word in ID_MARKERS or word in _ID_ONLY_SLANG:
            id_score += 1.0
        elif word.endswith("nya") and len(word) > 5:
            id_score += 0.5
        if word in EN_MARKERS:
            en_score += 1.0
    return "en" if en_score > id_score * 1.1 and en_score >= 1 else "id"
