"""AssistSession additions the sidebar uses: interface language, fresh compensation and
the checklist of the reply actually sent."""

from __future__ import annotations

from datetime import timedelta

from assist.authority.models import WITHIN_AUTHORITY, CompensationOption
from assist.session import AssistSession
from assist.suggest.library import PhraseLibrary
from assist.suggest.models import ConversationRecord
from tests.suggest.helpers import NOW, FakeEngine, customer


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):  # type: ignore[no-untyped-def]
        self.now += timedelta(seconds=1)
        return self.now


class CountingAdvisor:
    """Each call offers a smaller voucher, as a shrinking daily budget would."""

    def __init__(self) -> None:
        self.calls = 0
        self.language = "id"

    def options(self, case: object) -> list[CompensationOption]:
        self.calls += 1
        label = "Voucher belanja" if self.language == "id" else "Shopping voucher"
        amount = 5_000_000 - 1_000_000 * (self.calls - 1)
        return [CompensationOption("voucher", label, amount, "IDR", WITHIN_AUTHORITY, None, "")]


def make(library: PhraseLibrary, advisor: CountingAdvisor | None = None) -> AssistSession:
    return AssistSession(
        FakeEngine(),
        library,
        advisor=advisor,
        agent_id="agent-1",
        clock=Clock(),
    )


def test_set_ui_language_keeps_the_conversation_and_relabels(library: PhraseLibrary) -> None:
    advisor = CountingAdvisor()
    s = make(library, advisor)
    s.set_customer(customer())
    s.add_customer_message("Kok belum sampai?")
    before = s.update("Halo")
    conversation, messages = s.conversation_id, list(s.messages)
    assert before.suggestions and all(x.reason for x in before.suggestions)
    advisor.language = "en"
    s.set_ui_language("en")
    after = s.update("Halo")
    assert s.ui_language == "en"
    assert (s.conversation_id, s.messages) == (conversation, messages)
    assert [o.label for o in after.compensation] == ["Shopping voucher"]
    assert {x.id for x in after.suggestions} == {x.id for x in before.suggestions}
    assert [x.reason for x in after.suggestions] != [x.reason for x in before.suggestions]
    # An unknown language falls back to English, like the constructor.
    s.set_ui_language("fr")
    assert s.ui_language == "en"


def test_set_ui_language_before_any_message_does_not_ask_the_advisor(
    library: PhraseLibrary,
) -> None:
    advisor = CountingAdvisor()
    s = make(library, advisor)
    s.set_customer(customer())
    s.set_ui_language("en")
    assert advisor.calls == 0 and s.compensation == []


def test_refresh_compensation_asks_the_advisor_again(library: PhraseLibrary) -> None:
    advisor = CountingAdvisor()
    s = make(library, advisor)
    s.set_customer(customer())
    s.add_customer_message("Kok belum sampai?")
    s.update("Mohon maaf")
    conversation = s.conversation_id
    assert [o.amount_minor for o in s.compensation] == [5_000_000]
    s.refresh_compensation()
    assert advisor.calls == 2
    assert [o.amount_minor for o in s.update("Mohon maaf").compensation] == [4_000_000]
    assert s.conversation_id == conversation
    assert s.counters["ignored"] == 0  # no round closed: the agent is still on it


def test_refresh_compensation_without_a_message_is_a_no_op(library: PhraseLibrary) -> None:
    advisor = CountingAdvisor()
    s = make(library, advisor)
    s.refresh_compensation()
    s.set_customer(customer())
    s.refresh_compensation()
    assert advisor.calls == 0


def test_the_record_carries_the_checklist_of_the_reply_sent(library: PhraseLibrary) -> None:
    s = make(library)
    s.set_customer(customer())
    s.add_customer_message("Kok belum sampai?")
    sent = "Saya paham Ibu kecewa."
    s.update(sent)
    s.add_agent_message(sent)
    # The agent goes on typing a draft that would tick more steps, but never sends it.
    s.update("Saya paham, saya akan cek sekarang.")
    ended: list[ConversationRecord] = []
    s.ended.connect(ended.append)
    record = s.end("resolved")
    assert record.sent_checklist is not None
    assert record.sent_checklist["feeling_acknowledged"] is True
    assert record.sent_checklist["action_committed"] is False
    assert record.to_dict()["sent_checklist"] == record.sent_checklist
    assert ended == [record]
    # The next conversation starts without one.
    s.set_customer(customer())
    assert s.end("resolved").sent_checklist is None


def test_a_reply_sent_without_an_update_is_coached_once(library: PhraseLibrary) -> None:
    engine = FakeEngine()
    s = AssistSession(engine, library, agent_id="agent-1", clock=Clock())
    s.set_customer(customer())
    s.update("draf lama")
    calls = engine.coach_calls
    s.add_agent_message("Saya akan cek hari ini.")
    assert engine.coach_calls == calls + 1
    assert s.sent_checklist is not None and s.sent_checklist["action_committed"] is True
    # The same text as the last update: its checklist is reused, no second pass.
    s.update("Saya paham.")
    calls = engine.coach_calls
    s.add_agent_message("Saya paham.")
    assert engine.coach_calls == calls
    assert s.sent_checklist["feeling_acknowledged"] is True
