"""Turn an ended conversation into a stored outcome, by listening to the session.

The session emits ``session.ended`` with a :class:`ConversationRecord` and
``session.updated`` while the agent drafts. The record's ``sent_checklist`` is the
checklist of the reply the agent sent; a record without one (no reply copied) falls back
to the checklist of the last non-empty draft. The recorder adds the compensation the
ledger recorded for this customer during the conversation. Customer words are kept only
when the store allows it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from assist.errors import PekaError
from assist.events import Event
from assist.nlp.models import CHECKLIST_STEPS, EMOTIONS, FUNCTIONS, ISSUES
from assist.outcomes.errors import E703
from assist.outcomes.models import (
    CHANNELS,
    OUTCOMES,
    ConversationOutcome,
    GrantRef,
    SuggestionUse,
    new_id,
)
from assist.outcomes.store import OutcomeStore

# Grants recorded for (agent, customer) between two times.
GrantLookup = Callable[[str, str, datetime, datetime], list[GrantRef]]
# Grants are written when the agent clicks "grant", which can be a little after the
# last draft but before "end"; this margin also absorbs clock rounding in the ledger.
GRANT_MARGIN = timedelta(seconds=5)

_OUTCOME_ALIASES = {
    "resolved": "resolved",
    "solved": "resolved",
    "follow_up": "follow_up",
    "follow-up": "follow_up",
    "followup": "follow_up",
    "escalated": "escalated",
    "escalate": "escalated",
}


def normalise_outcome(value: str) -> str:
    found = _OUTCOME_ALIASES.get(value.strip().lower())
    if found is None:
        raise PekaError(E703, f"outcome is {value!r}; use one of {', '.join(OUTCOMES)}.")
    return found


def outcome_from_record(
    record: Any,
    *,
    checklist: dict[str, bool] | None = None,
    grants: Sequence[GrantRef] = (),
    store_messages: bool = False,
    outcome_id: str | None = None,
) -> ConversationOutcome:
    """A :class:`ConversationOutcome` from the session's ``ConversationRecord``."""
    suggestions = tuple(
        SuggestionUse(
            phrase_id=str(e.suggestion_id),
            function=e.function if e.function in FUNCTIONS else "other",
            action=e.kind,
        )
        for e in record.suggestion_events
    )
    messages: tuple[str, ...] = ()
    first_reply: float | None = None
    if record.messages:
        first_customer = next((m.at for m in record.messages if m.role == "customer"), None)
        first_agent = next((m.at for m in record.messages if m.role == "agent"), None)
        if (
            first_customer is not None
            and first_agent is not None
            and first_agent >= (first_customer)
        ):
            first_reply = (first_agent - first_customer).total_seconds()
        if store_messages:
            messages = tuple(f"{m.role}: {m.text}" for m in record.messages)
    emotion = record.first_emotion if record.first_emotion in EMOTIONS else None
    return ConversationOutcome(
        id=outcome_id or new_id(),
        conversation_id=str(record.conversation_id),
        agent_id=str(record.agent_id),
        outcome=normalise_outcome(str(record.outcome)),
        channel=record.channel if record.channel in CHANNELS else "other",
        started_at=record.started_at,
        ended_at=record.ended_at,
        customer_id=record.customer_id,
        language=record.language,
        emotion=emotion,
        issue=record.issue if record.issue in ISSUES else None,
        intensity=record.max_intensity,
        first_reply_seconds=first_reply,
        checklist={s: bool(v) for s, v in (checklist or {}).items() if s in CHECKLIST_STEPS},
        suggestions=suggestions,
        compensation=tuple(grants),
        csat=record.csat,
        understood=None,
        csat_recorded_at=record.ended_at if record.csat is not None else None,
        messages=messages,
    )


class OutcomeRecorder:
    """Records every conversation a session ends into an :class:`OutcomeStore`.

    ``attach(session)`` listens to the session's ``updated`` and ``ended`` events;
    ``recorded`` fires with each stored outcome, ``failed`` with a coded error message
    when storing failed (the conversation still ends; the sidebar shows the message).
    """

    def __init__(self, store: OutcomeStore, grants: GrantLookup | None = None) -> None:
        self.store = store
        self.grants = grants
        self._checklist: dict[str, bool] = {}
        self.recorded: Event[ConversationOutcome] = Event("outcomes.recorded")
        self.failed: Event[str] = Event("outcomes.failed")

    def attach(self, session: Any) -> Callable[[], None]:
        """Listen to ``session``; the returned function stops listening."""
        stops = [session.updated.connect(self.on_update), session.ended.connect(self.on_ended)]

        def detach() -> None:
            for stop in stops:
                stop()

        return detach

    def on_update(self, update: Any) -> None:
        coach = getattr(update, "coach", None)
        if coach is not None and getattr(coach, "draft", None) is not None:
            self._checklist = dict(coach.checklist)

    def on_ended(self, record: Any) -> ConversationOutcome | None:
        checklist, self._checklist = self._checklist, {}
        sent = getattr(record, "sent_checklist", None)
        if sent is not None:  # the reply the agent actually sent, when the session knows it
            checklist = dict(sent)
        try:
            grants: list[GrantRef] = []
            if self.grants is not None and record.customer_id:
                grants = self.grants(
                    record.agent_id,
                    record.customer_id,
                    record.started_at - GRANT_MARGIN,
                    record.ended_at + GRANT_MARGIN,
                )
            outcome = outcome_from_record(
                record,
                checklist=checklist,
                grants=grants,
                store_messages=self.store.store_messages,
            )
            stored = self.store.record(outcome)
        except PekaError as exc:
            self.failed.emit(str(exc))
            return None
        self.recorded.emit(stored)
        return stored


def ledger_grant_lookup(ledger: Any) -> GrantLookup:
    """A :data:`GrantLookup` over an ``assist.authority.ledger.Ledger``."""

    def lookup(agent_id: str, customer_id: str, start: datetime, end: datetime) -> list[GrantRef]:
        return [
            GrantRef(g.grant_id, g.type, g.amount_minor, g.currency or "IDR", g.unit)
            for g in ledger.grants(customer_id=customer_id, since=start, agent_id=agent_id)
            if g.granted_at <= end
        ]

    return lookup
