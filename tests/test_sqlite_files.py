"""The one helper that opens and migrates every SQLite file Peka keeps."""

from __future__ import annotations

import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from assist import sqlite_files
from assist.authority.ledger import Ledger
from assist.cache import Cache
from assist.cache.errors import E201, E203
from assist.errors import PekaError
from assist.outcomes.store import OutcomeStore
from assist.suggest.store import PhraseStore

KIND = sqlite_files.StoreKind("test file", E201, E203, "Move it away.", durable=True)


def _v1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE a (x INTEGER)")


def _v2_index(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX a_x ON a (x)")


def _v2_fails(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO a VALUES (1)")
    raise sqlite3.OperationalError("boom")


def test_new_file_is_private_wal_versioned(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "x.sqlite"
    conn = sqlite_files.open_database(path, KIND, [_v1])
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_failed_migration_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    sqlite_files.open_database(path, KIND, [_v1]).close()
    with pytest.raises(PekaError) as info:
        sqlite_files.open_database(path, KIND, [_v1, _v2_fails])
    assert info.value.code == E201
    conn = sqlite_files.open_database(path, KIND, [_v1])
    assert conn.execute("SELECT count(*) FROM a").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1


def test_newer_file_is_refused_and_meta_slot_works(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    slot = sqlite_files.MetaVersion()
    sqlite_files.open_database(path, KIND, [_v1, _v2_index], slot=slot).close()
    with pytest.raises(PekaError) as info:
        sqlite_files.open_database(path, KIND, [_v1], slot=slot)
    assert info.value.code == E203 and "newer Peka" in info.value.message


def test_every_store_opens_through_the_helper(tmp_path: Path) -> None:
    """Money and outcomes are fully synced; the rebuildable cache and phrases are not."""
    ledger = Ledger(tmp_path / "ledger.sqlite")
    with ledger.connect() as conn:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    outcomes = OutcomeStore(tmp_path / "outcomes.sqlite")
    with outcomes.db.transaction() as conn:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    outcomes.db.close()
    with Cache.open(tmp_path / "cache.sqlite") as cache, cache.reading() as conn:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with PhraseStore.open(tmp_path / "phrases.sqlite") as phrases:
        assert phrases._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for name in ("ledger", "outcomes", "cache", "phrases"):
        if sys.platform != "win32":
            assert stat.S_IMODE((tmp_path / f"{name}.sqlite").stat().st_mode) == 0o600
