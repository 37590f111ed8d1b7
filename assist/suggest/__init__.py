"""Empathy suggestions and draft coaching as the agent types.

Public API: :class:`PhraseLibrary` (``load_library``), :class:`PhraseStore`,
:class:`UsageLog`, and the result types in :mod:`assist.suggest.models`. The
conversation object that ties them together is :class:`assist.session.AssistSession`.
"""

from __future__ import annotations

from assist.suggest import errors as errors
from assist.suggest.library import PhraseLibrary, load_library
from assist.suggest.models import (
    CoachAdvice,
    CoachFinding,
    ConversationRecord,
    SessionUpdate,
    Suggestion,
    SuggestionEvent,
)
from assist.suggest.phrases import Phrase, PhraseError
from assist.suggest.store import PhraseStore
from assist.suggest.usage import UsageLog

__all__ = [
    "CoachAdvice",
    "CoachFinding",
    "ConversationRecord",
    "Phrase",
    "PhraseError",
    "PhraseLibrary",
    "PhraseStore",
    "SessionUpdate",
    "Suggestion",
    "SuggestionEvent",
    "UsageLog",
    "load_library",
]
