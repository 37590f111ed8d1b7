"""Messages with nothing to analyse: empty, punctuation, emoji, or only a greeting.

A bag-of-words classifier given no words returns its prior, and the argmax of a near
uniform distribution is noise ("" came out angry, "halo" happy but negative). Such
messages are read here instead: neutral, happy for thanks or a positive emoji, the
emoji's feeling for a negative one; issue ``other``, fault ``unknown``, low intensity.
"""

from __future__ import annotations

import re
from typing import Any

from assist.nlp.datafiles import load

_F = load("lexicon.json")
# Normalised words that carry no request, problem or feeling on their own (greetings,
# forms of address, acknowledgements, chat pings), and thanks.
FILLER_WORDS: frozenset[str] = _F.word_set("filler_words")
THANKS_WORDS: frozenset[str] = _F.word_set("thanks_words")
_POSITIVE = "positive"
# A greeting or a lone emoji is never a strongly felt message.
MAX_INTENSITY = 0.2


def is_trivial(doc: Any) -> bool:
    """True when every token is punctuation, a symbol/emoji, or a filler or thanks word."""
    for token in doc:
        if token.is_space or token.is_punct or not any(ch.isalnum() for ch in token.text):
            continue
        norm = token.norm_
        if norm in FILLER_WORDS or norm in THANKS_WORDS or token.lower_ in FILLER_WORDS:
            continue
        return False
    return True


def is_junk(text: str) -> bool:
    """Binary junk or mojibake: replacement and control characters, or mostly symbols
    no customer types.

    Random bytes decoded with replacement characters once came out angry 0.92 with an
    item problem and the company at fault; they carry no message at all. Shouting with
    "!!!!" and emoji-only messages are not junk.
    """
    # Counted by regexes, not a Python loop per character: a tenth of the time.
    visible = "".join(text[:5000].split())  # split() drops what str.isspace() calls space
    if len(visible) < 20:
        return False
    replaced = len(REPLACED_RE.findall(visible))
    odd = len(ODD_RE.findall(visible))
    return replaced > 0.1 * len(visible) or odd > 0.3 * len(visible)


_TYPED = frozenset(".,!?;:'\"-()[]{}<>/@#$%&*+=_~^`|\\")
# The replacement character and control characters.
REPLACED_RE = re.compile("[\ufffd\x00-\x1f\x7f-\x9f]")
# Neither a letter or digit (``\w`` is ``str.isalnum()`` or "_", which is typed anyway),
# nor typed punctuation, nor arrows, symbols, emoji and the scripts after them (≥ U+2190).
ODD_RE = re.compile("[^\\w" + re.escape("".join(sorted(_TYPED))) + "\u2190-\U0010ffff]")


def trivial_emotion(doc: Any, negative_emoji_emotion: str | None, positive: bool) -> str:
    """The feeling of a trivial message: thanks or a positive emoji is happiness."""
    if negative_emoji_emotion and not positive:
        return negative_emoji_emotion
    norms = [t.norm_ for t in doc]
    thanks = any(n in ("terima kasih", "thanks", "thank", "makasih", "tq") for n in norms) or (
        "kasih" in norms and "terima" in norms  # "Terima kasih" written out: two tokens
    )
    if thanks or positive:
        return "happy"
    return "neutral"


def one_hot(labels: tuple[str, ...], winner: str, mass: float = 0.9) -> dict[str, float]:
    rest = (1.0 - mass) / max(1, len(labels) - 1)
    return {k: round(mass if k == winner else rest, 4) for k in labels}


def sentiment_of(emotion: str) -> str:
    if emotion == "happy":
        return _POSITIVE
    if emotion in ("angry", "disappointed", "anxious"):
        return "negative"
    return "neutral"
