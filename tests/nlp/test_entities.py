from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.errors import PekaError
from assist.nlp import entities as E
from assist.nlp.entities import compile_order_patterns, find_entities

TODAY = date(2024, 6, 1)


def values(text: str, label: str, extra: tuple[str, ...] = ()) -> list[object]:
    found = find_entities(text, compile_order_patterns(extra), TODAY)
    for e in found:
        assert text[e.start : e.end] == e.text
    return [e.value for e in found if e.label == label]


@pytest.mark.parametrize(
    ("text", "minor", "currency"),
    [("Rp 150.000", 15_000_000, "IDR"), ("150rb", 15_000_000, "IDR"),
     ("1,5jt", 150_000_000, "IDR"), ("IDR 20k", 2_000_000, "IDR"), ("$5", 500, "USD")],
)  # fmt: skip
def test_money(text: str, minor: int, currency: str) -> None:
    assert values(f"sudah bayar {text} kemarin", "money") == [
        {"amount_minor": minor, "currency": currency}
    ]


def test_order_refs() -> None:
    assert values("pesanan INV-2024-00123 belum sampai", "order_ref") == ["INV-2024-00123"]
    assert values("resi: JP1234567890", "order_ref") == ["JP1234567890"]
    assert values("order #88120344 ya", "order_ref") == ["88120344"]
    assert values("INV/20240101/MPL/123456", "order_ref") == ["INV/20240101/MPL/123456"]


def test_configured_order_pattern() -> None:
    assert values("tiket KLM-77-1234 belum", "order_ref", (r"KLM-\d+-\d+",)) == ["KLM-77-1234"]


def test_bad_order_pattern_is_coded_error() -> None:
    with pytest.raises(PekaError) as err:
        compile_order_patterns(["("])
    assert err.value.code == "E304"


def test_durations_and_dates() -> None:
    assert values("udah 3 hari", "duration") == [{"days": 3.0, "iso": "P3D"}]
    assert values("sudah seminggu", "duration") == [{"days": 7.0, "iso": "P1W"}]
    assert values("for 2 weeks", "duration") == [{"days": 14.0, "iso": "P2W"}]
    assert values("sejak kemarin", "date") == [{"date": "2024-05-31", "days_ago": 1.0}]
    assert values("tgl 5 Maret 2024", "date") == [{"date": "2024-03-05", "days_ago": 88.0}]


def test_phone() -> None:
    assert values("hubungi 0812-3456-7890", "phone") == ["+6281234567890"]
    assert values("wa +62 812 3456 789", "phone") == ["+628123456789"]


# The lookaheads in front of the case-insensitive alternations are a speed-up only: the
# same regex without its first "(?=[...])" must find the same matches, also on the
# characters Unicode case-folding ties to ASCII letters (İ ı ſ K).
_GATE = re.compile(r"\(\?=\[[^\]]*\]\)")
_FRAGMENTS = [
    *"0123456789 .,-/#:!İıſKk٣३AaSsTtIiNnBb", "januari", "Jan", "tgl", "tanggal", "Mei",
    "nomor", "No.", "pesanan", "resi", "ORDER", "awb", "kode booking", "id transaksi",
    "kemarin", "sejak", "last week", "hari ini", "lalu", "ago", "yg lalu", "hari", "jam",
    "minggu", "days", "weeks", "two", "a few", "a couple of", "se", "seminggu", "sebulan",
    "berhari-hari", "beberapa", "INV-", "2024-", "12", "12/05/2024",
]  # fmt: skip
_GATED = [
    E.DURATION_RE, E.AGO_RE, E.RELATIVE_RE, E.DATE_RE, E.COMPACT_DURATION_RE,
    re.compile(E.DEFAULT_ORDER_PATTERNS[1], re.IGNORECASE),
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join))
def test_lookaheads_change_no_match(text: str) -> None:
    for gated in _GATED:
        plain = re.compile(_GATE.sub("", gated.pattern, count=1), gated.flags)
        assert plain.pattern != gated.pattern
        found = [(m.span(), m.groupdict()) for m in gated.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
