"""The supervisors' phrase layer and the agents' phrase-usage memory (one SQLite file).

Supervisors' phrases are layered over the shipped library: a row with a shipped id
overrides that phrase, a new id adds one, and a disabled id hides a phrase wherever it
comes from. Agents' recent insertions are kept so the wording varies across a day.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assist import sqlite_files
from assist.errors import PekaError
from assist.suggest.errors import E410
from assist.suggest.phrases import Phrase, phrase_from_json

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS phrases (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS disabled (
    id TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    disabled_at TEXT NOT NULL,
    disabled_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS usage (
    agent_id TEXT NOT NULL,
    phrase_id TEXT NOT NULL,
    used_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS usage_agent_time ON usage (agent_id, used_at);
"""


PHRASE_FILE = sqlite_files.StoreKind(
    what="phrase database",
    cannot_open=E410,
    newer=E410,
    advice="Point `phrases.path` at another file, or move this one away and import the "
    "phrases again.",
    durable=False,  # phrases can be imported again; usage memory is a convenience
)


def _v1_tables(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


@dataclass(frozen=True, slots=True)
class DisabledPhrase:
    id: str
    reason: str
    disabled_at: str
    disabled_by: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PhraseStore:
    """The ``phrases.path`` database. Open with :meth:`open`; close when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def open(cls, path: Path) -> PhraseStore:
        db = sqlite_files.open_database(
            path, PHRASE_FILE, [_v1_tables], slot=sqlite_files.MetaVersion(key="schema")
        )
        return cls(path, db)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> PhraseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise PekaError(
                E410, f"{self.path}: could not write ({exc}). Nothing was changed."
            ) from exc

    # -- supervisors' phrases -------------------------------------------------------------

    def phrases(self) -> list[Phrase]:
        """Every supervisor phrase, each re-checked (a bad row names its id)."""
        rows = self._db.execute("SELECT id, data FROM phrases ORDER BY id").fetchall()
        found = []
        for phrase_id, data in rows:
            where = f"{self.path}: phrase {phrase_id}"
            try:
                decoded = json.loads(data)
            except json.JSONDecodeError as exc:
                raise PekaError(E410, f"{where} is damaged ({exc.msg}); add it again.") from exc
            found.append(phrase_from_json(decoded, where, source="supervisor"))
        return found

    def put(self, phrases: Iterable[Phrase], *, by: str) -> int:
        """Add or replace phrases in one transaction; returns how many were written."""
        rows = [(p.id, json.dumps(p.to_json(), ensure_ascii=False), _now(), by) for p in phrases]
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO phrases (id, data, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data, "
                "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                rows,
            )
        return len(rows)

    def remove(self, phrase_id: str) -> bool:
        """Drop a supervisor phrase (a shipped phrase of that id shows again)."""
        with self._transaction() as db:
            return db.execute("DELETE FROM phrases WHERE id = ?", (phrase_id,)).rowcount > 0

    def disabled(self) -> dict[str, DisabledPhrase]:
        rows = self._db.execute(
            "SELECT id, reason, disabled_at, disabled_by FROM disabled ORDER BY id"
        ).fetchall()
        return {r[0]: DisabledPhrase(*r) for r in rows}

    def disable(self, phrase_id: str, *, by: str, reason: str = "") -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO disabled (id, reason, disabled_at, disabled_by) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET reason = excluded.reason, "
                "disabled_at = excluded.disabled_at, disabled_by = excluded.disabled_by",
                (phrase_id, reason, _now(), by),
            )

    def enable(self, phrase_id: str) -> bool:
        with self._transaction() as db:
            return db.execute("DELETE FROM disabled WHERE id = ?", (phrase_id,)).rowcount > 0

    # -- agents' usage memory -------------------------------------------------------------

    def usage_since(self, agent_id: str, since: datetime) -> list[tuple[str, datetime]]:
        rows = self._db.execute(
            "SELECT phrase_id, used_at FROM usage WHERE agent_id = ? AND used_at >= ? "
            "ORDER BY used_at",
            (agent_id, since.astimezone(UTC).isoformat()),
        ).fetchall()
        return [(r[0], datetime.fromisoformat(r[1])) for r in rows]

    def record_usage(self, entries: Iterable[tuple[str, str, datetime]]) -> None:
        """Store (agent_id, phrase_id, used_at) rows."""
        rows = [(a, p, t.astimezone(UTC).isoformat()) for a, p, t in entries]
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO usage (agent_id, phrase_id, used_at) VALUES (?, ?, ?)", rows
            )

    def prune_usage(self, before: datetime) -> int:
        with self._transaction() as db:
            return db.execute(
                "DELETE FROM usage WHERE used_at < ?", (before.astimezone(UTC).isoformat(),)
            ).rowcount
