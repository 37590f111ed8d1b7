"""What Peka puts into the customer's reply must be true (issue 15).

Facts come from the cache, clock times from the agent's clock and working hours, order
numbers from this customer's own transactions, and the coach knows what was granted or
approved in this conversation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from assist.authority.models import REQUIRES_APPROVAL, WITHIN_AUTHORITY, CompensationOption
from assist.session import AssistSession
from assist.suggest.context import build_context, cache_facts
from assist.suggest.deadline import WorkingHours, deadline, deadline_text
from assist.suggest.library import PhraseLibrary
from assist.suggest.phrases import FACTS, PhraseError, read_lines
from tests.suggest.helpers import FakeEngine, analysis, customer, order

WIB = timezone(timedelta(hours=7))


def _clock(at: datetime):  # type: ignore[no-untyped-def]
    return lambda: at


def _session(library: PhraseLibrary, at: datetime, **kwargs: object) -> AssistSession:
    return AssistSession(
        FakeEngine(), library, agent_id="a1", clock=_clock(at), timezone=WIB, **kwargs
    )  # type: ignore[arg-type]


def _texts(session: AssistSession) -> list[str]:
    return [c.text for items in session.candidates.by_function.values() for c in items]


# -- clock times ----------------------------------------------------------------------------


def test_deadline_follows_the_agents_clock_and_working_hours() -> None:
    hours = WorkingHours(8, 17)
    at = datetime(2026, 12, 5, 10, 20, tzinfo=WIB)
    assert deadline(at, hours) == (datetime(2026, 12, 5, 13, 0, tzinfo=WIB), True)
    assert deadline_text(at, hours, "id") == "paling lambat pukul 13.00 hari ini"
    assert (
        deadline_text(at, hours, "en") == "by 1:00\u202fPM today"
        or deadline_text(at, hours, "en") == "by 1:00 PM today"
    )
    late = datetime(2026, 12, 5, 15, 40, tzinfo=WIB)
    assert deadline(late, hours) == (datetime(2026, 12, 5, 17, 0, tzinfo=WIB), True)
    night = datetime(2026, 12, 5, 21, 10, tzinfo=WIB)
    assert deadline(night, hours) == (datetime(2026, 12, 6, 10, 0, tzinfo=WIB), False)
    assert deadline_text(night, hours, "id") == "besok paling lambat pukul 10.00"
    early = datetime(2026, 12, 5, 6, 0, tzinfo=WIB)
    assert deadline(early, hours) == (datetime(2026, 12, 5, 10, 0, tzinfo=WIB), True)
    with pytest.raises(ValueError):
        WorkingHours(17, 8)


def test_a_phrase_at_2110_never_promises_a_time_already_past(library: PhraseLibrary) -> None:
    tx = order(status="delayed", extra={"courier": "JNE"})
    s = _session(library, datetime(2026, 12, 5, 14, 10, tzinfo=UTC))  # 21:10 in Jakarta
    s.set_customer(customer(salutation="Ibu", full_name="Sri Wahyuni", transactions=[tx]))
    s.add_customer_message("Pesanan saya belum sampai!")
    texts = _texts(s)
    assert not any("17.00" in t for t in texts)
    assert any("mengabari Ibu besok paling lambat pukul 10.00" in t for t in texts)
    assert "17.00" not in s.coach.reply


# -- facts ----------------------------------------------------------------------------------


def test_every_fact_stating_phrase_is_tagged() -> None:
    # The showcase claims that were not true unless the cache said so are now tagged.
    for phrase_id, fact in [
        ("id-rea-010", "in_transit"),
        ("id-rea-017", "in_transit"),
        ("en-rea-010", "in_transit"),
        ("id-act-015", "courier_known"),
        ("en-act-022", "charge_pending"),
        ("id-rea-003", "refund_processing"),
    ]:
        phrase = PhraseLibrary.load().get(phrase_id)
        assert phrase is not None and fact in phrase.facts
    shipped = PhraseLibrary.load().all
    assert not [p.id for p in shipped if "sudah meminta" in p.text or "I've asked" in p.text]
    assert not [p.id for p in shipped if "I've flagged" in p.text or "17.00" in p.text]


def test_in_transit_claim_only_for_an_order_in_transit(library: PhraseLibrary) -> None:
    at = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    stuck = order(status="delayed", extra={"courier": "JNE", "hub": "Cikarang"})
    s = _session(library, at)
    s.set_customer(customer(salutation="Ibu", full_name="Sri Wahyuni", transactions=[stuck]))
    s.add_customer_message("Pesanan saya belum sampai!")
    assert not any("dalam perjalanan" in t for t in _texts(s))
    moving = order(status="in_transit", extra={"courier": "JNE"})
    s2 = _session(library, at)
    s2.set_customer(customer(salutation="Ibu", full_name="Sri Wahyuni", transactions=[moving]))
    s2.add_customer_message("Pesanan saya belum sampai!")
    assert any("dalam perjalanan dan tidak hilang" in t for t in _texts(s2))


def test_cache_facts() -> None:
    assert cache_facts(order(status="in_transit"), named_on_record=False) == {"in_transit"}
    assert "courier_known" in cache_facts(order(extra={"courier": "JNE"}), named_on_record=True)
    assert cache_facts(None, named_on_record=False) == frozenset()


def test_charge_already_collected_is_never_flagged_as_not_collected(
    library: PhraseLibrary,
) -> None:
    at = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    wanted = "I'll flag the charge so it isn't collected while we review it."
    for status, offered in (("completed", False), ("pending", True)):
        charge = replace(order(ref="PAY-1"), kind="payment", status=status)
        engine = FakeEngine(queued=[analysis(language="en", issue="billing_error")])
        s = AssistSession(engine, library, agent_id="a1", clock=_clock(at))
        s.set_customer(customer(language="en", transactions=[charge]))
        s.add_customer_message("You charged me twice!")
        assert (wanted in _texts(s)) is offered, status


def test_facts_field_is_validated() -> None:
    line = (
        '{"id": "x-1", "language": "en", "function": "reassure", '
        '"text": "It is on its way.", "facts": ["teleported"]}'
    )
    with pytest.raises(PhraseError) as info:
        list(read_lines([line], "t.jsonl", source="supervisor"))
    assert info.value.code == "E403"
    ok = line.replace("teleported", FACTS[0])
    assert next(iter(read_lines([ok], "t.jsonl", source="supervisor"))).phrase.facts == (FACTS[0],)


# -- order numbers --------------------------------------------------------------------------


def test_an_order_number_that_is_not_this_customers_is_not_filled_and_is_flagged(
    library: PhraseLibrary,
) -> None:
    at = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    mine = order(ref="INV/2026/11/0099", status="delayed")
    ctx = build_context(
        customer(transactions=[mine]),
        analysis(refs=("INV/2026/11/0042",)),
        channel="chat",
        now=at,
    )
    assert ctx.values["order_ref"] == "INV/2026/11/0099"  # theirs, never the foreign one
    assert ctx.foreign_refs == ("INV/2026/11/0042",)
    assert "order_on_record" not in ctx.facts
    engine = FakeEngine(queued=[analysis(refs=("INV/2026/11/0042",))])
    s = AssistSession(engine, library, agent_id="a1", clock=_clock(at))
    s.set_customer(customer(transactions=[mine]))
    s.add_customer_message("INV/2026/11/0042 belum sampai")
    assert not any("INV/2026/11/0042" in t for t in _texts(s))
    update = s.update("Saya lihat pesanan INV/2026/11/0042 sudah 7 hari, saya akan cek.")
    flagged = [f for f in update.coach.findings if f.kind == "foreign_order"]
    assert flagged and "INV/2026/11/0042" in flagged[0].message
    assert flagged[0].start is not None


def test_a_matching_order_number_is_linked(library: PhraseLibrary) -> None:
    at = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    mine = order(ref="INV-2025-00042")
    ctx = build_context(
        customer(transactions=[mine]), analysis(refs=("INV-2025-00042",)), channel="chat", now=at
    )
    assert ctx.transaction == mine
    assert ctx.foreign_refs == ()
    assert "order_on_record" in ctx.facts


# -- what was granted in this conversation --------------------------------------------------


class Advisor:
    def options(self, case: object) -> list[CompensationOption]:
        return [
            CompensationOption(
                "voucher", "Voucher belanja", 2_500_000, "IDR", WITHIN_AUTHORITY, 10_000_000, "late"
            ),
            CompensationOption(
                "full_refund", "Refund penuh", 277_400_000, "IDR", REQUIRES_APPROVAL, None, "x"
            ),
        ]


def test_the_coach_knows_an_approved_full_refund(library: PhraseLibrary) -> None:
    at = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    s = AssistSession(FakeEngine(), library, agent_id="a1", clock=_clock(at), advisor=Advisor())
    s.set_customer(customer(salutation="Ibu", full_name="Sri Wahyuni"))
    s.add_customer_message("Saya minta refund penuh!")
    offer = "Sebagai bentuk permohonan maaf, kami mengembalikan dana Rp 2.774.000 kepada Ibu."
    draft = f"Mohon maaf, Ibu Sri. {offer}"
    before = s.update(draft)
    assert any(f.kind == "over_promise" for f in before.coach.findings)
    approved = Advisor().options(None)[1]
    s.note_compensation(approved, offer)
    after = s.update(draft)
    kinds = [f.kind for f in after.coach.findings]
    assert "over_promise" not in kinds
    assert "apology_without_action" not in kinds
    assert after.coach.checklist["action_committed"] is True
    assert [o.type for o in after.compensated] == ["full_refund"]
    assert "full_refund" not in [o.type for o in after.compensation]
    # Nothing offers to change the approved 2.774.000 into a smaller amount.
    assert not any("25.000" in f.rewrite for f in after.coach.findings)


def test_a_granted_voucher_is_not_offered_again_in_the_conversation(
    library: PhraseLibrary,
) -> None:
    at = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    s = AssistSession(FakeEngine(), library, agent_id="a1", clock=_clock(at), advisor=Advisor())
    s.set_customer(customer())
    s.add_customer_message("Belum sampai!")
    voucher = s.update("").compensation[0]
    s.note_compensation(voucher, "Kami memberikan voucher belanja senilai Rp 25.000.")
    update = s.update("")
    assert [o.type for o in update.compensation] == ["full_refund"]
    assert [o.type for o in update.compensated] == ["voucher"]
    s.end("resolved")
    s.set_customer(customer())
    s.add_customer_message("Belum sampai!")
    assert s.update("").compensated == []  # a new conversation starts clean
