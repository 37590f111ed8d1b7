"""Helpers for sync tests: IT's sources file, and the cache's contents to compare."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assist.cache import Cache

CUSTOMER_COLUMNS = "id, full_name, salutation, phone, email, language, tier, customer_since, notes"
TABLES = {
    "customers": f"SELECT {CUSTOMER_COLUMNS} FROM customers ORDER BY id",
    "preferences": "SELECT customer_id, key, value FROM preferences ORDER BY customer_id, key",
    "transactions": "SELECT id, customer_id, created_at, kind, description, reference,"
    " amount_minor, currency, status, status_changed_at, channel, extra FROM transactions"
    " ORDER BY id",
    "interactions": "SELECT id, customer_id, occurred_at, channel, summary, outcome, sentiment,"
    " csat FROM interactions ORDER BY id",
}


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with Cache.open(path) as cache, cache.reading() as conn:
        return {name: [tuple(r) for r in conn.execute(sql)] for name, sql in TABLES.items()}


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cache.sqlite"


@pytest.fixture
def sources_file(isolated_peka: Path) -> Path:
    machine = isolated_peka / "machine"
    machine.mkdir(parents=True, exist_ok=True)
    return machine / "sync.toml"
