"""Grants made while the team server cannot be reached, waiting to be replayed.

Each grant keeps its idempotency key, so replaying twice (or replaying one the server
already recorded before the connection broke) records it once. The server accepts or
refuses each; a refusal stays here for the agent to see and is recorded on the server
for the supervisor. The allowance itself is the policy's (published as
``offline_allowance``, default zero) and was cached from the server when last online;
the server checks it again on replay.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assist.sqlite_files import MetaVersion, StoreKind, open_database
from assist.team import errors as E

KIND = StoreKind(
    what="team outbox",
    cannot_open=E.E832,
    newer=E.E832,
    advice="Keep the file: it holds grants the team server has not seen yet.",
    durable=True,
)


def _schema(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE outbox (key TEXT PRIMARY KEY, created_at TEXT NOT NULL, "
        "local_day TEXT NOT NULL, customer_id TEXT NOT NULL, type TEXT NOT NULL, "
        "amount_minor INTEGER NOT NULL, transaction_id TEXT, transaction_amount_minor INTEGER, "
        "reason TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending' "
        "CHECK (status IN ('pending', 'accepted', 'refused')), result TEXT)"
    )
    conn.execute("CREATE TABLE cached (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@dataclass(frozen=True, slots=True)
class OutboxItem:
    key: str
    created_at: datetime
    local_day: str
    customer_id: str
    type: str
    amount_minor: int
    transaction_id: str | None
    transaction_amount_minor: int | None
    reason: str
    status: str
    result: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        out["created_at"] = self.created_at.isoformat()
        return out


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = open_database(path, KIND, [_schema], slot=MetaVersion())
        self._lock = threading.RLock()

    def close(self) -> None:
        self._conn.close()

    # -- the policy cached while online --------------------------------------------------

    def remember(self, key: str, value: Any) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO cached VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                "excluded.value",
                (key, json.dumps(value)),
            )

    def recall(self, key: str) -> Any:
        with self._lock:
            row = self._conn.execute("SELECT value FROM cached WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    # -- grants --------------------------------------------------------------------------

    def add(
        self,
        *,
        key: str,
        customer_id: str,
        type: str,
        amount_minor: int,
        allowance: int,
        local_day: str,
        transaction_id: str | None = None,
        transaction_amount_minor: int | None = None,
        reason: str = "",
        unit: str = "money",
        currency: str = "IDR",
    ) -> OutboxItem:
        """Keep an offline grant if it fits today's allowance (checked in one transaction);
        ``unit`` and ``currency`` only word the refusal."""
        from assist.authority.rules import show
        from assist.errors import PekaError

        now = datetime.now(UTC)
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                row = self._conn.execute(
                    "SELECT customer_id, type, amount_minor FROM outbox WHERE key = ?", (key,)
                ).fetchone()
                if row is not None:
                    self._conn.execute("ROLLBACK")
                    if tuple(row) != (customer_id, type, amount_minor):
                        raise PekaError(
                            "E528", f"Key {key!r} was already used offline for another grant."
                        )
                    return self.item(key)
                (used,) = self._conn.execute(
                    "SELECT COALESCE(SUM(amount_minor), 0) FROM outbox WHERE type = ? "
                    "AND local_day = ? AND status != 'refused'",
                    (type, local_day),
                ).fetchone()
                if used + amount_minor > allowance:
                    left = max(allowance - used, 0)
                    raise PekaError(
                        E.E831 if allowance == 0 else E.E830,
                        "The team server cannot be reached and "
                        + (
                            "the policy allows no grant without it."
                            if allowance == 0
                            else f"only {show(left, unit, currency)} of today's offline "
                            f"allowance of {show(allowance, unit, currency)} is left."
                        )
                        + " Tell the customer you will follow up, or request approval by "
                        "phone with a supervisor's signed code.",
                    )
                self._conn.execute(
                    "INSERT INTO outbox (key, created_at, local_day, customer_id, type, "
                    "amount_minor, transaction_id, transaction_amount_minor, reason) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        key,
                        now.isoformat(),
                        local_day,
                        customer_id,
                        type,
                        amount_minor,
                        transaction_id,
                        transaction_amount_minor,
                        reason,
                    ),
                )
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        return self.item(key)

    def item(self, key: str) -> OutboxItem:
        with self._lock:
            row = self._conn.execute(
                "SELECT key, created_at, local_day, customer_id, type, amount_minor, "
                "transaction_id, transaction_amount_minor, reason, status, result "
                "FROM outbox WHERE key = ?",
                (key,),
            ).fetchone()
        return _item(row)

    def items(self, status: str | None = None) -> list[OutboxItem]:
        sql = (
            "SELECT key, created_at, local_day, customer_id, type, amount_minor, "
            "transaction_id, transaction_amount_minor, reason, status, result FROM outbox"
        )
        args: tuple[Any, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            args = (status,)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY created_at", args).fetchall()
        return [_item(r) for r in rows]

    def settle(self, key: str, status: str, result: dict[str, Any]) -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE outbox SET status = ?, result = ? WHERE key = ?",
                (status, json.dumps(result, ensure_ascii=False, default=str), key),
            )


def _item(row: tuple[Any, ...]) -> OutboxItem:
    return OutboxItem(
        key=row[0],
        created_at=datetime.fromisoformat(row[1]),
        local_day=row[2],
        customer_id=row[3],
        type=row[4],
        amount_minor=int(row[5]),
        transaction_id=row[6],
        transaction_amount_minor=row[7],
        reason=row[8],
        status=row[9],
        result=json.loads(row[10]) if row[10] else {},
    )
