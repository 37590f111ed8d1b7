"""A late technician is not a late parcel: what Peka suggests says what the customer waits for.

The engine calls both ``delivery_delay`` (the label definitions count a late technician or
driver), so the phrases that speak of a parcel, a courier or an order arriving carry
``awaited: ["parcel"]`` and are kept from a customer who waits for a visit, who is offered
the ``["visit"]`` phrases instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from assist.nlp import load_engine
from assist.nlp.engine import Engine
from assist.nlp.models import Entity
from assist.session import AssistSession
from assist.suggest.context import DEFAULT_AWAITED, awaited_of, build_context
from assist.suggest.library import PhraseLibrary
from assist.suggest.phrases import PhraseError, read_lines
from tests.suggest.helpers import NOW, PARCEL_WORDS, FakeEngine, analysis, customer, order

PHRASES = Path(__file__).resolve().parents[2] / "resources" / "phrases"
VISIT_WORDS = re.compile(r"\b(petugas\w*|kunjungan\w*|visit|turned up)\b", re.IGNORECASE)


def _texts(session: AssistSession) -> list[str]:
    return [c.text for items in session.candidates.by_function.values() for c in items]


def _shipped() -> list[dict[str, object]]:
    rows = []
    for path in sorted(PHRASES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                rows.append(json.loads(line))
    return rows


def test_every_shipped_delay_phrase_that_speaks_of_a_parcel_is_tagged_for_parcels() -> None:
    for row in _shipped():
        if "delivery_delay" not in row.get("issues", []):  # type: ignore[operator]
            continue
        text = str(row["text"])
        if PARCEL_WORDS.search(text):
            assert row.get("awaited") == ["parcel"], row["id"]
        if VISIT_WORDS.search(text):
            assert row.get("awaited") == ["visit"], row["id"]


def test_a_customer_who_names_neither_waits_for_a_parcel() -> None:
    assert awaited_of(None) == DEFAULT_AWAITED == {"parcel"}
    assert awaited_of(analysis()) == {"parcel"}
    visit = replace(analysis(), awaited=["visit"])
    assert awaited_of(visit) == {"visit"}
    assert visit.late_visit()
    both = replace(analysis(), awaited=["parcel", "visit"])
    assert awaited_of(both) == {"parcel", "visit"} and not both.late_visit()


def _session(library: PhraseLibrary, message: object, **record: object) -> AssistSession:
    s = AssistSession(
        FakeEngine(queued=[message]),  # type: ignore[list-item]
        library,
        agent_id="a1",
        clock=lambda: NOW,
    )  # type: ignore[arg-type]
    s.set_customer(customer(**record))  # type: ignore[arg-type]
    s.add_customer_message("x")
    return s


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_late_technician_is_never_offered_a_parcel_phrase(
    library: PhraseLibrary, language: str
) -> None:
    # Even with a courier on record: the customer is writing about the visit.
    tx = order(status="in_transit", extra={"courier": "JNE"})
    late_visit = replace(analysis(language=language), awaited=["visit"])
    s = _session(library, late_visit, language=language, transactions=[tx])
    texts = _texts(s)
    assert texts
    assert not [t for t in texts if PARCEL_WORDS.search(t)]
    assert any(VISIT_WORDS.search(t) for t in texts)


def test_a_late_parcel_is_never_offered_a_visit_phrase(library: PhraseLibrary) -> None:
    tx = order(status="in_transit", extra={"courier": "JNE"})
    s = _session(library, replace(analysis(), awaited=["parcel"]), transactions=[tx])
    texts = _texts(s)
    assert any(PARCEL_WORDS.search(t) for t in texts)
    assert not [t for t in texts if VISIT_WORDS.search(t)]


@pytest.mark.parametrize(
    ("language", "expected"), [("id", "keterlambatan kunjungan"), ("en", "the late visit")]
)
def test_the_issue_placeholder_names_the_visit(language: str, expected: str) -> None:
    late_visit = replace(analysis(language=language), awaited=["visit"])
    ctx = build_context(customer(language=language), late_visit, channel="chat", now=NOW)
    assert ctx.values["issue"] == expected


def test_a_late_visit_is_not_pinned_on_an_order_in_the_cache() -> None:
    # The customer waits for a technician; the parcel on their record is another matter.
    record = customer(transactions=[order(status="in_transit", extra={"courier": "JNE"})])
    late_visit = replace(analysis(), awaited=["visit"])
    ctx = build_context(record, late_visit, channel="chat", now=NOW)
    assert ctx.transaction is None and ctx.facts == frozenset()
    assert "order_ref" not in ctx.values and "item" not in ctx.values
    assert "days_waiting" not in ctx.values
    # Named in the message, the order is theirs to talk about.
    named = replace(
        late_visit, entities=[Entity(0, 1, "order_ref", "INV-2025-00042", "INV-2025-00042")]
    )
    assert build_context(record, named, channel="chat", now=NOW).values["order_ref"]
    parcel = build_context(record, analysis(), channel="chat", now=NOW)
    assert parcel.values["order_ref"] == "INV-2025-00042"


def test_an_unknown_awaited_tag_is_refused_and_a_known_one_round_trips() -> None:
    bad = {"id": "x-1", "language": "id", "function": "apologise", "text": "Maaf ya.",
           "awaited": ["pizza"]}  # fmt: skip
    with pytest.raises(PhraseError) as info:
        list(read_lines([json.dumps(bad)], "t.jsonl", source="supervisor"))
    assert "E403" in str(info.value) and "awaited" in str(info.value)
    good = dict(bad, awaited=["visit"])
    phrase = next(iter(read_lines([json.dumps(good)], "t.jsonl", source="supervisor"))).phrase
    assert phrase.awaited == ("visit",)
    assert phrase.to_json()["awaited"] == ["visit"]


# -- with the real engine ---------------------------------------------------------------


@pytest.fixture(scope="module")
def engine() -> Engine:
    return load_engine()


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Kamar 1207 AC-nya mati dari jam 2 pagi, teknisinya belum datang juga.", ["visit"]),
        ("The technician never showed up for my 9am installation appointment.", ["visit"]),
        ("Paket saya sudah seminggu belum sampai, kurirnya nggak bisa dihubungi.", ["parcel"]),
        ("My parcel has been stuck in transit for a week.", ["parcel"]),
        ("Halo kak, mau tanya jam buka toko.", []),
    ],
)
def test_the_engine_reads_what_is_awaited(
    engine: Engine, message: str, expected: list[str]
) -> None:
    assert engine.analyze(message).awaited == expected


def test_the_real_engine_and_session_for_a_late_technician(
    engine: Engine, library: PhraseLibrary
) -> None:
    s = AssistSession(engine, library, agent_id="a1", clock=lambda: NOW)  # type: ignore[arg-type]
    s.set_customer(customer(salutation="Ibu", full_name="Sri Wahyuni"))
    s.add_customer_message(
        "Sudah dua kali jadwal pemasangan AC saya diundur, teknisinya nggak datang lagi "
        "hari ini padahal saya sudah izin kerja. Tolong kepastiannya!"
    )
    assert s.analysis is not None and s.analysis.issue == "delivery_delay"
    assert s.analysis.late_visit()
    texts = _texts(s)
    assert not [t for t in texts if PARCEL_WORDS.search(t)]
    assert any("kunjungan" in t or "petugas" in t for t in texts)
