"""Namesakes: match quality first, then recency; details that tell people apart."""

from __future__ import annotations

from pathlib import Path

from assist.cache import Cache
from assist.cache.demo import generate_demo_cache
from assist.phone import display_phone


def test_the_customer_in_touch_now_comes_first_among_namesakes(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    generate_demo_cache(path, customers=2000, seed=7)
    with Cache.open(path, readonly=True) as cache:
        hits = cache.search("hotman", limit=10)
    # Four "Hotman …" match equally well; the showcase customer has the open case (a
    # disputed double charge, a follow-up call) and comes first; Enter opens him.
    assert hits[0].customer_id == "C000002"
    assert hits[0].full_name == "Hotman Simanjuntak"
    # Every "Hotman …" (name starts with the query) ranks above "… Hotman …".
    starts = [h.full_name.startswith("Hotman") for h in hits]
    assert starts == sorted(starts, reverse=True)
    assert all(h.last_activity is not None for h in hits)


def test_exact_matches_still_win_over_recency(demo_path: Path) -> None:
    with Cache.open(demo_path, readonly=True) as cache:
        assert cache.search("C000056", limit=5)[0].customer_id == "C000056"


def test_phones_are_shown_as_people_read_them() -> None:
    assert display_phone("+6281311122233") == "0813-1112-2233"
    assert display_phone("+62817372620940") == "0817-3726-20940"
    assert display_phone("+6591234567") == "+6591234567"
