"""What the suggestion engine hands to the sidebar: plain dataclasses with ``to_dict``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from assist.authority.models import CompensationOption
from assist.nlp.models import FUNCTIONS, DraftAnalysis, MessageAnalysis

# The natural order of an empathetic reply (FUNCTIONS is listed in it); ties in score
# follow it.
SEQUENCE = FUNCTIONS


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: str  # the phrase id
    function: str
    text: str  # placeholders filled
    score: float
    reason: str  # one line, in the interface language

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CoachFinding:
    kind: str  # cold_template, name_unused, apology_without_action, … or the engine's kind
    message: str  # in the interface language
    rewrite: str  # a full replacement draft, ready to take with one click
    start: int | None = None  # the span in the draft it is about, when there is one
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CoachAdvice:
    findings: list[CoachFinding]
    checklist: dict[str, bool]
    tone: str
    functions_present: frozenset[str]
    draft: DraftAnalysis | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "checklist": dict(self.checklist),
            "tone": self.tone,
            "functions_present": sorted(self.functions_present),
            "draft": self.draft.to_dict() if self.draft is not None else None,
        }


@dataclass(frozen=True, slots=True)
class SessionUpdate:
    analysis: MessageAnalysis | None
    suggestions: list[Suggestion]
    coach: CoachAdvice
    compensation: list[CompensationOption] = field(default_factory=list)
    compensation_error: str | None = None
    # Granted or approved in this conversation already (not offered again).
    compensated: list[CompensationOption] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "analysis": self.analysis.to_dict() if self.analysis is not None else None,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "coach": self.coach.to_dict(),
            "compensation": [o.to_dict() for o in self.compensation],
            "compensation_error": self.compensation_error,
            "compensated": [o.to_dict() for o in self.compensated],
        }


SUGGESTION_EVENT_KINDS = ("shown", "inserted", "edited", "ignored")


@dataclass(frozen=True, slots=True)
class SuggestionEvent:
    kind: str  # one of SUGGESTION_EVENT_KINDS
    suggestion_id: str
    function: str
    at: datetime
    message_index: int  # which customer message it answered (0 = before any)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        return data


@dataclass(frozen=True, slots=True)
class ConversationMessage:
    role: str  # "customer" or "agent"
    text: str
    at: datetime
    emotion: str | None = None
    intensity: float | None = None


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    """A closed conversation, for the outcome log and supervisors' reports."""

    conversation_id: str
    agent_id: str
    customer_id: str | None
    channel: str
    language: str
    started_at: datetime
    ended_at: datetime
    outcome: str
    csat: int | None
    customer_messages: int
    agent_messages: int
    first_emotion: str | None
    last_emotion: str | None
    max_intensity: float | None
    issue: str | None
    fault: str | None
    suggestion_events: list[SuggestionEvent]
    counters: dict[str, int]
    compensation: list[CompensationOption]
    messages: list[ConversationMessage] | None = None  # only when asked to store them
    # The empathy checklist of the last reply the agent sent (add_agent_message); None
    # when no reply was sent in this conversation.
    sent_checklist: dict[str, bool] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "agent_id": self.agent_id,
            "customer_id": self.customer_id,
            "channel": self.channel,
            "language": self.language,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "outcome": self.outcome,
            "csat": self.csat,
            "customer_messages": self.customer_messages,
            "agent_messages": self.agent_messages,
            "first_emotion": self.first_emotion,
            "last_emotion": self.last_emotion,
            "max_intensity": self.max_intensity,
            "issue": self.issue,
            "fault": self.fault,
            "suggestion_events": [e.to_dict() for e in self.suggestion_events],
            "counters": dict(self.counters),
            "compensation": [o.to_dict() for o in self.compensation],
            "sent_checklist": None if self.sent_checklist is None else dict(self.sent_checklist),
            "messages": None
            if self.messages is None
            else [
                {
                    "role": m.role,
                    "text": m.text,
                    "at": m.at.isoformat(),
                    "emotion": m.emotion,
                    "intensity": m.intensity,
                }
                for m in self.messages
            ],
        }
