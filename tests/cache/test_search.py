"""Search: every phone format, partial input, case and spacing, references, odd text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assist.cache import Cache


@pytest.mark.parametrize(
    "query",
    [
        "+62 812-3456-7890",
        "+6281234567890",
        "6281234567890",
        "0812-3456-7890",
        "081234567890",
        "0812 3456 7890",
        "812 3456 7890",
        "(0812) 3456-7890",
        "3456-7890",
        "34567",
        "0812-345",
    ],
)
def test_phone_in_any_format(filled: Cache, query: str) -> None:
    hits = filled.search(query)
    assert hits and hits[0].customer_id == "C1", query
    assert hits[0].matched == "phone"


@pytest.mark.parametrize(
    "query", ["Budi Santoso", "budi santoso", "  BUDI   santoso ", "budi", "santo", "bud", "bu"]
)
def test_names_forgiving_case_spacing_and_partial(filled: Cache, query: str) -> None:
    hits = filled.search(query)
    assert hits and hits[0].customer_id == "C1", query


def test_partial_words_and_email(filled: Cache) -> None:
    assert filled.search("sar mitch")[0].customer_id == "C2"
    assert filled.search("SARAH@example.com")[0].matched == "email"
    assert filled.search("santoso@gm")[0].customer_id == "C1"


@pytest.mark.parametrize(
    "query",
    [
        "INV/20240312/MPL/123456789",
        "inv/20240312/mpl/123456789",
        "INV 20240312 MPL 123456789",
        "inv20240312",
        "123456789",
    ],
)
def test_reference_forms(filled: Cache, query: str) -> None:
    hit = filled.search(query)[0]
    assert hit.customer_id == "C1" and hit.matched == "reference"
    assert hit.matched_value == "INV/20240312/MPL/123456789"


def test_exact_matches_rank_first(filled: Cache) -> None:
    assert filled.search("c2")[0].matched == "id"
    hits = filled.search("98765")  # tail of ORD-24031298765
    assert hits[0].customer_id == "C2" and hits[0].matched == "reference"


def test_transactions_by_reference_normalises(filled: Cache) -> None:
    found = filled.transactions_by_reference(["ord 24031298765", "nothing-here"])
    assert [t.id for t in found] == ["T2"]
    assert filled.transactions_by_reference(["ORD-24031298765"], customer_id="C1") == []
    assert filled.transactions_by_reference(["", "--"]) == []


def test_demo_showcases_are_findable(demo_path: object) -> None:
    from pathlib import Path

    assert isinstance(demo_path, Path)
    with Cache.open(demo_path, readonly=True) as cache:
        assert cache.search("sri wahyuni")[0].customer_id == "C000001"
        assert cache.search("0812-3456-7890")[0].customer_id == "C000001"
        assert cache.search("sarah.mitchell@outlook.com")[0].customer_id == "C000004"
        record = cache.open_customer("C000001")
        assert record is not None
        delayed = [t for t in record.transactions if t.status == "delayed"]
        assert delayed and delayed[0].reference
        assert cache.search(delayed[0].reference or "")[0].customer_id == "C000001"


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.text(max_size=40),
        st.lists(
            st.sampled_from(
                ['"', "*", "NEAR", "-", ":", "(", ")", "^", "AND", "OR", "NOT", "budi"]
            ),
            max_size=8,
        ).map(" ".join),
    )
)
def test_search_never_crashes(filled: Cache, query: str) -> None:
    hits = filled.search(query)
    assert isinstance(hits, list)
    assert len({h.customer_id for h in hits}) == len(hits)
