from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assist.money import Money, format_money, parse_money
from assist.phone import normalise_phone


@pytest.mark.parametrize(
    ("text", "minor", "currency"),
    [
        ("150000", 15_000_000, "IDR"),
        ("Rp 150.000", 15_000_000, "IDR"),
        ("Rp150.000,50", 15_000_050, "IDR"),
        ("150rb", 15_000_000, "IDR"),
        ("150 ribu", 15_000_000, "IDR"),
        ("1,5jt", 150_000_000, "IDR"),
        ("2 juta", 200_000_000, "IDR"),
        ("IDR 20k", 2_000_000, "IDR"),
        ("$5", 500, "USD"),
        ("USD 5.25", 525, "USD"),
        ("1.500.000", 150_000_000, "IDR"),
        ("15.000 rupiah", 1_500_000, "IDR"),
    ],
)
def test_parse_money(text: str, minor: int, currency: str) -> None:
    assert parse_money(text) == Money(minor, currency)


@pytest.mark.parametrize("text", ["", "abc", "Rp", "1,2,3jt", "-5", "Rp 1.5.0"])
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_money(text)


@given(st.integers(min_value=0, max_value=10**15))
def test_rupiah_round_trip(rupiah: int) -> None:
    minor = rupiah * 100
    assert parse_money(format_money(minor)) == Money(minor, "IDR")


@given(st.integers(min_value=0, max_value=10**12))
def test_dollar_round_trip(cents: int) -> None:
    assert parse_money(format_money(cents, "USD")) == Money(cents, "USD")


@pytest.mark.parametrize(
    "text",
    ["+62 812-3456-7890", "6281234567890", "0812-3456-7890", "081234567890", "812 3456 7890"],
)
def test_phone_formats(text: str) -> None:
    assert normalise_phone(text) == "+6281234567890"


@given(st.text(max_size=40))
def test_phone_never_crashes(text: str) -> None:
    result = normalise_phone(text)
    assert result is None or result.startswith("+")
