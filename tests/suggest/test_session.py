"""AssistSession: events, suggestion tracking, compensation once per message, end()."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from assist.authority.models import WITHIN_AUTHORITY, CompensationOption
from assist.cache.models import CustomerRecord
from assist.errors import PekaError
from assist.session import AssistSession
from assist.suggest.library import PhraseLibrary
from assist.suggest.models import ConversationRecord, SessionUpdate, SuggestionEvent
from assist.suggest.store import PhraseStore
from assist.suggest.usage import UsageLog
from tests.suggest.helpers import NOW, FakeEngine, analysis, customer


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):  # type: ignore[no-untyped-def]
        self.now += timedelta(seconds=1)
        return self.now


class Advisor:
    def __init__(self) -> None:
        self.cases: list[object] = []

    def options(self, case: object) -> list[CompensationOption]:
        self.cases.append(case)
        return [
            CompensationOption(
                "voucher", "Voucher Rp 50.000", 5_000_000, "IDR", WITHIN_AUTHORITY, None, "late"
            )
        ]


def make(library: PhraseLibrary, **kwargs: object) -> AssistSession:
    return AssistSession(FakeEngine(), library, agent_id="agent-1", clock=Clock(), **kwargs)  # type: ignore[arg-type]


def test_events_fire_in_order(library: PhraseLibrary) -> None:
    s = make(library)
    seen: list[str] = []
    s.customer_changed.connect(lambda r: seen.append(f"customer:{r.customer.id if r else None}"))
    s.message_analysed.connect(lambda a: seen.append(f"message:{a.emotion}"))
    s.updated.connect(lambda u: seen.append(f"update:{len(u.suggestions)}"))
    ended: list[ConversationRecord] = []
    s.ended.connect(ended.append)
    s.set_customer(customer())
    s.add_customer_message("Kok belum sampai?")
    s.update("")
    record = s.end("resolved", csat=5)
    assert seen == ["customer:C001", "message:angry", "update:6", "customer:None"]
    assert ended == [record]
    assert record.customer_id == "C001" and record.outcome == "resolved" and record.csat == 5
    assert record.first_emotion == "angry" and record.customer_messages == 1
    assert record.messages is None
    assert s.record is None and s.messages == []


def test_suggestion_tracking_shown_inserted_edited_ignored(library: PhraseLibrary) -> None:
    s = make(library)
    events: list[SuggestionEvent] = []
    s.suggestion_event.connect(events.append)
    s.set_customer(customer())
    s.add_customer_message("x")
    update = s.update("")
    s.update("H")  # the same suggestions again: shown is recorded once per message
    assert s.counters["shown"] == len(update.suggestions)
    chosen = update.suggestions[0]
    s.mark_inserted(chosen.id)
    s.update(chosen.text)
    assert s.counters["edited"] == 0
    s.update(chosen.text.replace("Saya", "Aku"))
    assert s.counters["edited"] == 1
    s.mark_ignored(update.suggestions[1].id)
    record = s.end("resolved", store_messages=True)
    counts = record.counters
    assert counts["shown"] >= len(update.suggestions)  # later updates showed new ones too
    assert (counts["inserted"], counts["edited"]) == (1, 1)
    assert counts["ignored"] == counts["shown"] - 1  # everything shown but the inserted one
    assert [e.kind for e in events].count("ignored") == counts["ignored"]
    assert record.to_dict()["suggestion_events"][0]["kind"] == "shown"
    assert record.messages is not None and record.messages[0].role == "customer"


def test_manual_shown_and_unknown_ids(library: PhraseLibrary) -> None:
    s = make(library, auto_shown=False)
    s.add_customer_message("x")
    update = s.update("")
    assert s.counters["shown"] == 0
    s.mark_shown([x.id for x in update.suggestions[:2]])
    assert s.counters["shown"] == 2
    with pytest.raises(PekaError) as info:
        s.mark_inserted("id-ack-999")
    assert info.value.code == "E412"


def test_compensation_once_per_message_not_per_keystroke(library: PhraseLibrary) -> None:
    advisor = Advisor()
    s = make(library, advisor=advisor)
    s.set_customer(customer())
    assert advisor.cases == []  # no message yet: nothing to compensate
    s.add_customer_message("x")
    for draft in ("S", "Sa", "Saya", "Saya paham"):
        update = s.update(draft)
    assert len(advisor.cases) == 1
    case = advisor.cases[0]
    assert case.transactions[0].reference == "INV-2025-00042"  # type: ignore[attr-defined]
    assert update.compensation[0].type == "voucher"
    assert update.to_dict()["compensation"][0]["amount_minor"] == 5_000_000


def test_no_advisor_means_empty_compensation(library: PhraseLibrary) -> None:
    s = make(library)
    s.set_customer(customer())
    s.add_customer_message("x")
    update = s.update("")
    assert update.compensation == [] and update.to_dict()["compensation"] == []


def test_update_does_no_io(library: PhraseLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    s = make(library)
    s.set_customer(customer())
    s.add_customer_message("x")

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("I/O on the keystroke path")

    monkeypatch.setattr(sqlite3, "connect", forbidden)
    monkeypatch.setattr("builtins.open", forbidden)
    update = s.update("Saya paham Bapak Budi kesal. Mohon maaf, saya cek sekarang.")
    assert isinstance(update, SessionUpdate)


def test_a_new_customer_starts_a_new_conversation(library: PhraseLibrary) -> None:
    s = make(library)
    s.set_customer(customer())
    s.add_customer_message("x")
    first = s.conversation_id
    s.set_customer(customer())  # same customer, refreshed
    assert s.conversation_id == first and len(s.analyses) == 1
    other = customer(cid="C002", full_name="Rina", salutation="Kak")
    s.set_customer(other)
    assert s.conversation_id != first and s.analyses == []


def test_customer_set_after_first_message_keeps_it(library: PhraseLibrary) -> None:
    advisor = Advisor()
    s = make(library, advisor=advisor)
    s.add_customer_message("x")
    s.set_customer(customer())
    assert len(s.analyses) == 1 and len(advisor.cases) == 1
    assert any("Budi" in x.text for x in s.update("").suggestions) or s.coach.name == "Bapak Budi"


def test_usage_is_written_at_end_and_read_back(library: PhraseLibrary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "phrases.sqlite"
    with PhraseStore.open(path) as store:
        usage = UsageLog.load(store, "agent-1", NOW)
        s = make(library, usage=usage)
        s.set_customer(customer())
        s.add_customer_message("x")
        chosen = s.update("").suggestions[0]
        s.mark_inserted(chosen.id)
        assert store.usage_since("agent-1", NOW - timedelta(days=1)) == []  # not yet
        s.end("resolved")
        assert [p for p, _ in store.usage_since("agent-1", NOW - timedelta(days=1))] == [chosen.id]
        again = UsageLog.load(store, "agent-1", NOW + timedelta(minutes=5))
    assert again.penalties("agent-1", NOW + timedelta(minutes=5))[chosen.id] > 0.3


def test_bad_channel_is_refused(library: PhraseLibrary) -> None:
    with pytest.raises(ValueError):
        make(library, channel="fax")


def test_record_type_is_the_cache_contract() -> None:
    assert isinstance(customer(), CustomerRecord)
    assert analysis().fault == "company"
