"""What Peka records when an agent ends a conversation (plain, frozen dataclasses).

An outcome holds measures, not the conversation: the customer's words are kept only
when ``outcomes.store_messages`` is on. Times are timezone-aware UTC; amounts are
integer minor units. Every record carries a globally unique ``id`` (a UUID) and the
agent's id, so that exports from many agents can be merged without double counting.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from assist.errors import PekaError
from assist.nlp.models import CHECKLIST_STEPS, EMOTIONS, FUNCTIONS, ISSUES
from assist.outcomes.errors import E703

OUTCOMES = ("resolved", "follow_up", "escalated")
CHANNELS = ("chat", "email", "phone", "social", "other")
SUGGESTION_ACTIONS = ("shown", "inserted", "edited", "ignored")


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC)


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise PekaError(E703, f"{what} is {value!r}; use one of {', '.join(allowed)}.")


def check_csat(score: int | None) -> None:
    if score is not None and (isinstance(score, bool) or score not in range(1, 6)):
        raise PekaError(E703, f"CSAT score is {score!r}; use a whole number from 1 to 5.")


@dataclass(frozen=True, slots=True)
class SuggestionUse:
    """One suggestion the agent saw in this conversation and what they did with it."""

    phrase_id: str
    function: str  # one of assist.nlp.models.FUNCTIONS (or "other")
    action: str  # shown, inserted, edited or ignored

    def __post_init__(self) -> None:
        _check(self.action, SUGGESTION_ACTIONS, "suggestion action")
        _check(self.function, (*FUNCTIONS, "other"), "suggestion function")


@dataclass(frozen=True, slots=True)
class GrantRef:
    """Compensation granted in this conversation; the ledger holds the full grant."""

    grant_id: str
    type: str
    amount_minor: int
    currency: str = "IDR"
    unit: str = "money"


@dataclass(frozen=True, slots=True)
class ConversationOutcome:
    """One ended conversation, as measures."""

    id: str
    conversation_id: str
    agent_id: str
    outcome: str  # resolved, follow_up or escalated
    channel: str
    started_at: datetime
    ended_at: datetime
    customer_id: str | None = None
    language: str | None = None
    emotion: str | None = None  # of the customer's message, assist.nlp.models.EMOTIONS
    issue: str | None = None  # assist.nlp.models.ISSUES
    intensity: float | None = None
    first_reply_seconds: float | None = None
    checklist: dict[str, bool] = field(default_factory=dict)  # of the reply sent
    suggestions: tuple[SuggestionUse, ...] = ()
    compensation: tuple[GrantRef, ...] = ()
    csat: int | None = None
    understood: bool | None = None
    csat_recorded_at: datetime | None = None
    messages: tuple[str, ...] = ()  # only with outcomes.store_messages
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        _check(self.outcome, OUTCOMES, "outcome")
        _check(self.channel, CHANNELS, "channel")
        if self.emotion is not None:
            _check(self.emotion, EMOTIONS, "emotion")
        if self.issue is not None:
            _check(self.issue, ISSUES, "issue")
        for step in self.checklist:
            _check(step, CHECKLIST_STEPS, "checklist step")
        check_csat(self.csat)
        for stamp in (self.started_at, self.ended_at):
            if stamp.tzinfo is None:
                raise PekaError(E703, "Outcome times must carry a time zone (use UTC).")
        if self.ended_at < self.started_at:
            raise PekaError(E703, "A conversation cannot end before it started.")
        if not self.agent_id:
            raise PekaError(E703, "An outcome needs the agent's id (config agent.id).")

    @property
    def handle_seconds(self) -> float:
        return (self.ended_at - self.started_at).total_seconds()

    @property
    def checklist_complete(self) -> bool:
        """True when the reply sent took all four empathy steps (the seeds' "empati lengkap")."""
        return all(self.checklist.get(step, False) for step in CHECKLIST_STEPS)

    def with_csat(
        self, score: int, understood: bool | None, at: datetime | None = None
    ) -> ConversationOutcome:
        check_csat(score)
        stamp = at or utc_now()
        return replace(
            self, csat=score, understood=understood, csat_recorded_at=stamp, updated_at=stamp
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("started_at", "ended_at", "csat_recorded_at", "updated_at"):
            value = data[key]
            data[key] = value.isoformat() if value is not None else None
        data["suggestions"] = [asdict(s) for s in self.suggestions]
        data["compensation"] = [asdict(g) for g in self.compensation]
        data["messages"] = list(self.messages)
        data["handle_seconds"] = self.handle_seconds
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConversationOutcome:
        def stamp(key: str) -> datetime | None:
            value = data.get(key)
            return None if value in (None, "") else datetime.fromisoformat(str(value))

        started, ended = stamp("started_at"), stamp("ended_at")
        if started is None or ended is None:
            raise PekaError(E703, "An outcome needs started_at and ended_at.")
        return cls(
            id=str(data["id"]),
            conversation_id=str(data.get("conversation_id") or data["id"]),
            agent_id=str(data["agent_id"]),
            outcome=str(data["outcome"]),
            channel=str(data.get("channel") or "chat"),
            started_at=started,
            ended_at=ended,
            customer_id=data.get("customer_id"),
            language=data.get("language"),
            emotion=data.get("emotion"),
            issue=data.get("issue"),
            intensity=data.get("intensity"),
            first_reply_seconds=data.get("first_reply_seconds"),
            checklist={str(k): bool(v) for k, v in (data.get("checklist") or {}).items()},
            suggestions=tuple(SuggestionUse(**s) for s in data.get("suggestions") or ()),
            compensation=tuple(GrantRef(**g) for g in data.get("compensation") or ()),
            csat=data.get("csat"),
            understood=data.get("understood"),
            csat_recorded_at=stamp("csat_recorded_at"),
            messages=tuple(str(m) for m in data.get("messages") or ()),
            updated_at=stamp("updated_at"),
        )
