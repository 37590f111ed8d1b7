"""Highlighting spans in plain text: the customer's emotional cues, the draft's findings.

Works on ``QPlainTextEdit`` documents (never rich text): a ``QSyntaxHighlighter`` colours
character ranges given as offsets into the whole document, as the language engine
reports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ui.theme import colours


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str


def cue_colour(kind: str) -> str:
    c = colours()
    if kind in ("emotion_word", "emoji"):
        return c.cue_emotion
    if kind in ("waiting_time",):
        return c.cue_time
    if kind in ("threat",):
        return c.cue_threat
    return c.cue_intensity  # intensifier, repetition, caps, exclamation, negation


class SpanHighlighter(QSyntaxHighlighter):
    """Colours the given spans; offsets count UTF-16 code units like Qt does."""

    def __init__(
        self, document: QTextDocument, colour_of: Callable[[str], str] = cue_colour
    ) -> None:
        super().__init__(document)
        self._spans: list[Span] = []
        self._colour_of = colour_of
        self._text: str = ""

    def set_spans(self, text: str, spans: Iterable[Span]) -> None:
        """Spans refer to ``text``; they are dropped if the document no longer holds it."""
        self._text = text
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.rehighlight()

    def spans(self) -> Sequence[Span]:
        return list(self._spans)

    def highlightBlock(self, text: str) -> None:
        document = self.document()
        if not self._spans or document is None or document.toPlainText() != self._text:
            return
        block = self.currentBlock()
        start = _utf16_to_index(self._text, block.position())
        end = start + len(text)
        for span in self._spans:
            if span.end <= start or span.start >= end:
                continue
            lo = max(span.start, start) - start
            hi = min(span.end, end) - start
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(self._colour_of(span.kind)))
            # Qt counts UTF-16 units inside the block; emoji take two.
            q_lo = _utf16_len(text[:lo])
            q_len = _utf16_len(text[lo:hi])
            self.setFormat(q_lo, q_len, fmt)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _utf16_to_index(text: str, utf16_pos: int) -> int:
    """Python index of the character at UTF-16 offset ``utf16_pos`` in ``text``."""
    if text.isascii():
        return utf16_pos
    units = 0
    for i, ch in enumerate(text):
        if units >= utf16_pos:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
