"""The recorder turns the session's ConversationRecord into a stored outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from assist.events import Event
from assist.outcomes.models import GrantRef
from assist.outcomes.recorder import OutcomeRecorder
from assist.outcomes.store import OutcomeStore

T0 = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)


@dataclass
class FakeEvent:
    kind: str
    suggestion_id: str
    function: str


@dataclass
class FakeMessage:
    role: str
    text: str
    at: datetime


@dataclass
class FakeRecord:
    """The fields of assist.suggest.models.ConversationRecord the recorder reads."""

    conversation_id: str = "conv-123456789"
    agent_id: str = "rina"
    customer_id: str | None = "C-7"
    channel: str = "chat"
    language: str = "id"
    started_at: datetime = T0
    ended_at: datetime = T0 + timedelta(minutes=6)
    outcome: str = "follow-up"
    csat: int | None = None
    first_emotion: str | None = "disappointed"
    max_intensity: float | None = 0.6
    issue: str | None = "delivery_delay"
    suggestion_events: list[Any] = field(default_factory=list)
    messages: list[Any] | None = None


@dataclass
class FakeCoach:
    checklist: dict[str, bool]
    draft: object = "draft"


@dataclass
class FakeUpdate:
    coach: FakeCoach


class FakeSession:
    def __init__(self) -> None:
        self.updated: Event[Any] = Event("session.updated")
        self.ended: Event[Any] = Event("session.ended")


def test_recorder_listens_and_stores(tmp_path: Path) -> None:
    store = OutcomeStore(tmp_path / "o.sqlite")
    seen: list[tuple[str, str, datetime, datetime]] = []

    def grants(agent: str, customer: str, start: datetime, end: datetime) -> list[GrantRef]:
        seen.append((agent, customer, start, end))
        return [GrantRef("G-1", "voucher", 2_500_000)]

    recorder = OutcomeRecorder(store, grants)
    session = FakeSession()
    detach = recorder.attach(session)
    checklist = {
        "problem_restated": True,
        "feeling_acknowledged": True,
        "empathy_expressed": False,
        "action_committed": True,
    }
    session.updated.emit(FakeUpdate(FakeCoach(checklist)))
    session.updated.emit(FakeUpdate(FakeCoach({}, draft=None)))  # empty draft after sending
    record = FakeRecord(
        suggestion_events=[
            FakeEvent("shown", "s1", "apologise"),
            FakeEvent("inserted", "s1", "apologise"),
            FakeEvent("ignored", "s2", "not_a_function"),
        ],
        messages=[
            FakeMessage("customer", "Kok belum sampai?", T0),
            FakeMessage("agent", "Mohon maaf…", T0 + timedelta(seconds=40)),
        ],
    )
    session.ended.emit(record)
    detach()
    stored = store.get("conv-123456789")
    assert stored.outcome == "follow_up"
    assert stored.checklist == checklist and not stored.checklist_complete
    assert [s.action for s in stored.suggestions] == ["shown", "inserted", "ignored"]
    assert stored.suggestions[2].function == "other"
    assert stored.compensation == (GrantRef("G-1", "voucher", 2_500_000),)
    assert stored.first_reply_seconds == 40
    assert stored.messages == ()  # not configured: the customer's words are not kept
    assert seen and seen[0][:2] == ("rina", "C-7")
    session.ended.emit(FakeRecord(conversation_id="other"))  # detached: not recorded
    assert store.count() == 1


def test_failure_is_reported_not_raised(tmp_path: Path) -> None:
    store = OutcomeStore(tmp_path / "o.sqlite")
    recorder = OutcomeRecorder(store)
    errors: list[str] = []
    recorder.failed.connect(errors.append)
    assert recorder.on_ended(FakeRecord(outcome="we chatted")) is None
    assert errors and "[E703]" in errors[0]
