"""Open Peka's own SQLite files the same careful way: private, WAL, fully synced, versioned.

A file records which kind of store it is and its schema version, so that a team DB is
never opened as an outcome store and an older Peka refuses a newer file instead of
misreading it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from assist import sqlite_files
from assist.errors import PekaError
from assist.outcomes.errors import E701, E704

Migration = sqlite_files.Migration


class Database:
    """One SQLite connection with a lock, usable from the GUI's worker threads."""

    def __init__(
        self,
        path: Path,
        kind: str,
        migrations: Sequence[Migration],
        *,
        error_code: str = E701,
    ) -> None:
        self.path = path
        self.kind = kind
        self.version = len(migrations)
        self.error_code = error_code
        self._lock = threading.RLock()
        store = sqlite_files.StoreKind(
            what=kind,
            cannot_open=error_code,
            newer=error_code,
            advice="Restore it from a backup, or point Peka at another file.",
            durable=True,  # outcomes and team history are not rebuildable
        )
        self.conn = sqlite_files.open_database(
            path, store, migrations, slot=sqlite_files.MetaVersion(), check=self._check_kind
        )
        self.conn.row_factory = sqlite3.Row

    def _check_kind(self, conn: sqlite3.Connection, found: int) -> None:
        """A file records which kind of store it is: never open a team DB as outcomes."""
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        row = conn.execute("SELECT value FROM meta WHERE key = 'kind'").fetchone()
        if row is None:
            others = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name != 'meta'"
            ).fetchone()[0]
            if others:
                raise PekaError(
                    self.error_code,
                    f"{self.path} holds other data, not a Peka {self.kind}. Choose another file.",
                )
            conn.execute("INSERT INTO meta VALUES ('kind', ?)", (self.kind,))
        elif row[0] != self.kind:
            raise PekaError(
                self.error_code,
                f"{self.path} is a Peka {row[0]}, not a {self.kind}. Choose the right file.",
            )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise PekaError(
                    E704, f"{self.path} is busy or cannot be written ({exc}). Try again."
                ) from exc
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return list(self.conn.execute(sql, params).fetchall())

    def close(self) -> None:
        with self._lock:
            self.conn.close()
