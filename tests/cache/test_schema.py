"""Schema, migrations, permissions and the thread-safe API."""

from __future__ import annotations

import sqlite3
import stat
import sys
import threading
from pathlib import Path

import pytest

from assist.cache import Cache
from assist.cache.errors import E201, E202, E203
from assist.cache.schema import SCHEMA_VERSION, migrate
from assist.errors import PekaError


def test_new_cache_is_current_wal_with_foreign_keys(cache: Cache) -> None:
    stats = cache.stats()
    assert stats.schema_version == SCHEMA_VERSION
    assert stats.customers == stats.transactions == stats.interactions == 0
    assert stats.last_import_at is None
    with cache.reading() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_cache_file_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "cache.sqlite"
    with Cache.open(path) as cache, cache.transaction() as conn:
        conn.execute("INSERT INTO customers (id, full_name, updated_at) VALUES ('C', 'X', 'n')")
        for p in (path, Path(f"{path}-wal")):
            if p.exists():
                assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_version_1_file_migrates_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO customers (id, full_name, phone, updated_at)"
        " VALUES ('C9', 'Asep Saepudin', '+6281398765432', '2024-01-01T00:00:00Z')"
    )
    conn.execute(
        "INSERT INTO transactions (id, customer_id, created_at, kind, reference, amount_minor,"
        " status) VALUES ('T9', 'C9', '2024-01-02T00:00:00Z', 'order', 'ORD-777/AB', 100, "
        "'delayed')"
    )
    conn.execute("COMMIT")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    with Cache.open(path) as cache:
        assert cache.stats().schema_version == SCHEMA_VERSION
        assert [h.customer_id for h in cache.search("asep")] == ["C9"]
        assert [h.customer_id for h in cache.search("0813-9876")] == ["C9"]
        assert [t.id for t in cache.transactions_by_reference(["ord 777 ab"])] == ["T9"]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    Cache.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(PekaError) as info:
        Cache.open(path)
    assert info.value.code == E203


def test_missing_readonly_and_garbage_files(tmp_path: Path) -> None:
    with pytest.raises(PekaError) as info:
        Cache.open(tmp_path / "none.sqlite", readonly=True)
    assert info.value.code == E202
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(PekaError) as info:
        Cache.open(garbage)
    assert info.value.code == E201


def test_readonly_cannot_write(filled: Cache) -> None:
    with Cache.open(filled.path, readonly=True) as ro:
        assert ro.stats().customers == 3
        with pytest.raises(sqlite3.OperationalError), ro.transaction() as conn:
            conn.execute("DELETE FROM customers")


def test_cache_is_usable_from_many_threads(filled: Cache) -> None:
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(50):
                assert filled.search("budi")[0].customer_id == "C1"
                record = filled.open_customer("C1")
                assert record is not None and record.transactions
        except BaseException as exc:  # collected for the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures


def test_open_customer_reads_everything(filled: Cache) -> None:
    record = filled.open_customer("C1", transactions=1)
    assert record is not None
    assert record.customer.address_as == "Bapak Budi"
    assert record.customer.email == "budi.santoso@gmail.com"
    assert record.customer.phone == "+6281234567890"
    assert [t.id for t in record.transactions] == ["T1"]  # newest first, limited
    t1 = record.transactions[0]
    assert t1.amount_minor == 45_000_000 and t1.currency == "IDR" and t1.is_problem
    assert t1.created_at.isoformat() == "2024-03-12T03:00:00+00:00"
    assert filled.open_customer("nobody") is None
    bali = filled.open_customer("C3")
    assert bali is not None and bali.customer.address_as == "Ibu Made"


def test_version_3_file_gets_sync_counters_not_null_through_transform(tmp_path: Path) -> None:
    """Version 4 changes a column's constraints, which ALTER TABLE cannot: sqlite-utils'
    transform rebuilds sync_sources in the migration's transaction and keeps its rows."""
    path = tmp_path / "v3.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, target=3)
    conn.execute(
        "INSERT INTO customers (id, full_name, updated_at, source)"
        " VALUES ('C1', 'Sri Wahyuni', '2026-12-01T00:00:00Z', 'crm')"
    )
    conn.execute(
        "INSERT INTO sync_sources (name, kind, cursor, last_success_at, total_rows)"
        " VALUES ('crm', 'sql', '{\"customers\": []}', '2026-12-05T01:00:00Z', 42)"
    )
    conn.execute("INSERT INTO sync_sources (name, kind) VALUES ('exports', 'folder')")
    conn.execute("COMMIT")
    conn.close()
    with Cache.open(path) as cache:
        assert cache.stats().schema_version == SCHEMA_VERSION >= 4
        columns = {c.name: c for c in cache.db.table("sync_sources").columns}
        assert columns["last_rows"].notnull and columns["total_rows"].notnull
        assert columns["last_rows"].default_value == "0"
        with cache.reading() as conn:
            rows = conn.execute(
                "SELECT name, kind, cursor, last_success_at, last_rows, total_rows"
                " FROM sync_sources ORDER BY name"
            ).fetchall()
        assert rows == [
            ("crm", "sql", '{"customers": []}', "2026-12-05T01:00:00Z", 0, 42),
            ("exports", "folder", None, None, 0, 0),
        ]
        # The customer still points at its source: the card's "data as of" still works.
        assert cache.customer_as_of("C1") is not None
        with cache.transaction() as conn:
            conn.execute("INSERT INTO sync_sources (name, kind) VALUES ('new', 'rest')")
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute("UPDATE sync_sources SET total_rows = NULL WHERE name = 'new'")


def test_a_read_only_open_upgrades_an_older_cache_once(tmp_path: Path) -> None:
    """The sidebar opens the cache read-only. After a Peka update its cache is one schema
    behind: it must be upgraded then, not refused (found by hand: the sidebar said
    "Membuka data pelanggan…" for ever on a workstation's version-3 cache)."""
    path = tmp_path / "v3.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, target=3)
    conn.execute(
        "INSERT INTO customers (id, full_name, updated_at, source)"
        " VALUES ('C1', 'Sri Wahyuni', '2026-12-01T00:00:00Z', 'crm')"
    )
    conn.execute("COMMIT")
    conn.close()
    with Cache.open(path, readonly=True) as cache:
        assert cache.stats().schema_version == SCHEMA_VERSION
        assert cache.open_customer("C1") is not None
        with pytest.raises(sqlite3.OperationalError):  # still a read-only connection
            cache._conn.execute("DELETE FROM customers")
