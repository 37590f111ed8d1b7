"""What the session needs from the language engine (``assist.nlp.load_engine()``)."""

from __future__ import annotations

from typing import Protocol

from assist.nlp.models import DraftAnalysis, MessageAnalysis


class LanguageEngine(Protocol):
    def analyze(self, text: str) -> MessageAnalysis: ...

    def coach(
        self,
        text: str,
        *,
        name: str | None = None,
        salutation: str | None = None,
        language: str | None = None,
    ) -> DraftAnalysis: ...
