"""Open Peka's own SQLite files the same careful way: private, WAL, fully synced, versioned.

A file records which kind of store it is and its schema version, so that a team DB is
never opened as an outcome store and an older Peka refuses a newer file instead of
misreading it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from assist.errors import PekaError
from assist.outcomes.errors import E701, E704
from assist.private_files import touch_private

Migration = Callable[[sqlite3.Connection], None]


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
        self._lock = threading.RLock()
        touch_private(path)
        try:
            self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=5000")
            self._migrate(migrations, error_code)
        except sqlite3.DatabaseError as exc:
            raise PekaError(
                error_code,
                f"{path} is not a readable SQLite file ({exc}). Restore it from a backup, "
                f"or point Peka at another file.",
            ) from exc

    def _migrate(self, migrations: Sequence[Migration], error_code: str) -> None:
        with self.transaction() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            kind = rows.get("kind")
            if kind is None:
                others = conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type='table' AND name != 'meta'"
                ).fetchone()[0]
                if others:
                    raise PekaError(
                        error_code,
                        f"{self.path} holds other data, not a Peka {self.kind}. "
                        "Choose another file.",
                    )
                conn.execute("INSERT INTO meta VALUES ('kind', ?)", (self.kind,))
                conn.execute("INSERT INTO meta VALUES ('schema_version', '0')")
            elif kind != self.kind:
                raise PekaError(
                    error_code,
                    f"{self.path} is a Peka {kind}, not a {self.kind}. Choose the right file.",
                )
            current = int(rows.get("schema_version", "0"))
            if current > self.version:
                raise PekaError(
                    error_code,
                    f"{self.path} was written by a newer Peka (schema {current}, this one "
                    f"reads up to {self.version}). Update Peka.",
                )
            for migration in migrations[current:]:
                migration(conn)
            conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(self.version),)
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
