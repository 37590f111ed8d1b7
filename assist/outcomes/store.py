"""The agent's outcome store: one private SQLite file (config ``outcomes.path``)."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime
from pathlib import Path
from types import TracebackType

from assist.errors import PekaError
from assist.events import Event
from assist.outcomes.database import Database
from assist.outcomes.errors import E702, E703
from assist.outcomes.models import ConversationOutcome, utc_now
from assist.outcomes.tables import create_outcome_tables, iso_utc, read_outcomes, write_outcome

STORE_KIND = "outcome store"
# Conversation ids are UUIDs; a prefix this long is unambiguous in practice and short
# enough to read out over the phone.
MIN_PREFIX = 8


def _v1(conn: sqlite3.Connection) -> None:
    create_outcome_tables(conn)


MIGRATIONS = [_v1]


class OutcomeStore:
    """Record, amend and read conversation outcomes.

    ``store_messages`` mirrors config ``outcomes.store_messages``: when it is off, any
    customer text on an outcome is dropped before it reaches the disk.
    """

    def __init__(self, path: Path, *, store_messages: bool = False) -> None:
        self.path = path
        self.store_messages = store_messages
        self.db = Database(path, STORE_KIND, MIGRATIONS)
        self.recorded: Event[ConversationOutcome] = Event("outcome.recorded")

    def __enter__(self) -> OutcomeStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def record(self, outcome: ConversationOutcome) -> ConversationOutcome:
        """Store an ended conversation (amending it if the same id was stored before)."""
        if not self.store_messages and outcome.messages:
            outcome = dataclasses.replace(outcome, messages=())
        outcome = dataclasses.replace(outcome, updated_at=utc_now())
        with self.db.transaction() as conn:
            clash = conn.execute(
                "SELECT id FROM outcomes WHERE agent_id = ? AND conversation_id = ? AND id != ?",
                (outcome.agent_id, outcome.conversation_id, outcome.id),
            ).fetchone()
            if clash is not None:
                raise PekaError(
                    E703,
                    f"Conversation {outcome.conversation_id} already has outcome {clash['id']}; "
                    "amend that one instead of recording a second.",
                )
            write_outcome(conn, outcome)
        self.recorded.emit(outcome)
        return outcome

    def get(self, key: str) -> ConversationOutcome:
        """The outcome with this outcome id or conversation id (or an unambiguous prefix)."""
        with self.db.transaction() as conn:
            found = read_outcomes(conn, "o.id = ? OR o.conversation_id = ?", (key, key))
            if not found and len(key) >= MIN_PREFIX:
                found = read_outcomes(
                    conn,
                    "o.id LIKE ? ESCAPE '\\' OR o.conversation_id LIKE ? ESCAPE '\\'",
                    (_prefix(key), _prefix(key)),
                )
        if not found:
            raise PekaError(
                E702,
                f"No conversation outcome {key!r} in {self.path}. "
                "`peka outcome list` shows the recorded ones.",
            )
        if len(found) > 1:
            ids = ", ".join(o.conversation_id for o in found[:5])
            raise PekaError(E702, f"{key!r} matches several conversations ({ids}); give more.")
        return found[0]

    def record_csat(
        self, key: str, score: int, understood: bool | None, at: datetime | None = None
    ) -> ConversationOutcome:
        """Add the customer's survey answer to an outcome recorded earlier."""
        outcome = self.get(key).with_csat(score, understood, at)
        with self.db.transaction() as conn:
            write_outcome(conn, outcome)
        self.recorded.emit(outcome)
        return outcome

    def list(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        agent_id: str | None = None,
    ) -> list[ConversationOutcome]:
        """Outcomes that ended in [since, until), oldest first."""
        where, params = time_filter(since, until, agent_id)
        with self.db.transaction() as conn:
            return read_outcomes(conn, where, params)

    def count(self) -> int:
        return int(self.db.query("SELECT count(*) FROM outcomes")[0][0])


def _prefix(key: str) -> str:
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def time_filter(
    since: datetime | None, until: datetime | None, agent_id: str | None = None
) -> tuple[str, tuple[object, ...]]:
    """An SQL condition on ``o.ended_at`` (ISO text in UTC sorts as time)."""
    parts: list[str] = []
    params: list[object] = []
    if since is not None:
        parts.append("o.ended_at >= ?")
        params.append(_utc_iso(since))
    if until is not None:
        parts.append("o.ended_at < ?")
        params.append(_utc_iso(until))
    if agent_id is not None:
        parts.append("o.agent_id = ?")
        params.append(agent_id)
    return " AND ".join(parts), tuple(params)


def _utc_iso(value: datetime) -> str:
    if value.tzinfo is None:
        raise PekaError(E703, "Give times with a time zone.")
    stamp = iso_utc(value)
    assert stamp is not None
    return stamp
