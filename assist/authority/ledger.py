"""The compensation ledger: one SQLite file that must never lose or change a grant.

WAL with ``synchronous=FULL`` makes every committed grant durable; grants and the audit
log are append-only (triggers refuse UPDATE and DELETE); every check-and-insert runs in
``BEGIN IMMEDIATE`` so two Peka processes cannot both spend the last of a budget. One
connection per operation keeps the ledger safe to use from any thread.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assist import sqlite_files
from assist.authority import errors as E
from assist.errors import PekaError

BUSY_TIMEOUT_MS = 15_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS grants (
    grant_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    type TEXT NOT NULL,
    unit TEXT NOT NULL CHECK (unit IN ('money', 'days')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    transaction_id TEXT,
    transaction_amount_minor INTEGER,
    refund INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    granted_at TEXT NOT NULL,
    local_day TEXT NOT NULL,
    authority TEXT NOT NULL CHECK (authority IN ('policy', 'approval')),
    approval_id TEXT UNIQUE,
    approved_by TEXT,
    policy_version INTEGER,
    audit_seq INTEGER NOT NULL REFERENCES audit(seq)
);
CREATE INDEX IF NOT EXISTS grants_by_customer ON grants (customer_id, type, granted_at);
CREATE INDEX IF NOT EXISTS grants_by_agent_day ON grants (agent_id, type, local_day);
CREATE INDEX IF NOT EXISTS grants_by_transaction ON grants (transaction_id);
CREATE TABLE IF NOT EXISTS approval_requests (
    request_id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    type TEXT NOT NULL,
    unit TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    transaction_id TEXT,
    transaction_amount_minor INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS approvals_used (
    request_id TEXT PRIMARY KEY REFERENCES approval_requests(request_id),
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'decline')),
    approved_by TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    grant_id TEXT REFERENCES grants(grant_id),
    used_at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS grants_append_only_update BEFORE UPDATE ON grants
BEGIN SELECT RAISE(ABORT, 'grants are append-only'); END;
CREATE TRIGGER IF NOT EXISTS grants_append_only_delete BEFORE DELETE ON grants
BEGIN SELECT RAISE(ABORT, 'grants are append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS approvals_used_append_only BEFORE DELETE ON approvals_used
BEGIN SELECT RAISE(ABORT, 'used approvals are permanent'); END;
"""


LEDGER_FILE = sqlite_files.StoreKind(
    what="compensation ledger",
    cannot_open=E.E535,
    newer=E.E536,
    advice="Restore it from the backup; do not delete it (it is the record of every grant).",
    durable=True,  # money: every committed grant survives a power cut
)


def _v1_tables(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('ledger_id', ?)", (uuid.uuid4().hex,)
    )


_V2_GUARDS = """
CREATE TRIGGER IF NOT EXISTS approval_requests_append_only_update
BEFORE UPDATE ON approval_requests
BEGIN SELECT RAISE(ABORT, 'approval requests are permanent'); END;
CREATE TRIGGER IF NOT EXISTS approval_requests_append_only_delete
BEFORE DELETE ON approval_requests
BEGIN SELECT RAISE(ABORT, 'approval requests are permanent'); END;
CREATE TRIGGER IF NOT EXISTS approvals_used_append_only_update BEFORE UPDATE ON approvals_used
BEGIN SELECT RAISE(ABORT, 'used approvals are permanent'); END;
"""


def _v2_stated_facts_and_guards(conn: sqlite3.Connection) -> None:
    """Which facts the agent stated (not from the cache); approvals may not be rewritten."""
    conn.execute("ALTER TABLE grants ADD COLUMN stated_facts TEXT NOT NULL DEFAULT ''")
    for statement in _V2_GUARDS.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _normal_sql(text: str) -> str:
    return " ".join(text.replace("IF NOT EXISTS ", "").split()).rstrip(";")


# The triggers that keep grants, the audit log and approvals append-only, by name, as
# created. `peka audit verify` and every grant check that none was dropped or changed.
GUARDS: dict[str, str] = {
    _normal_sql(statement).split()[2]: _normal_sql(statement)
    for statement in (_SCHEMA + _V2_GUARDS).split(";\n")
    if statement.strip().startswith("CREATE TRIGGER")
}


def missing_guards(conn: sqlite3.Connection) -> list[str]:
    """Names of append-only triggers that were dropped or changed (empty: all in place)."""
    found = {
        str(name): _normal_sql(str(sql))
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    return [name for name, sql in GUARDS.items() if found.get(name) != sql]


# A schema change is a new migration appended here, never an edit of an earlier one.
LEDGER_MIGRATIONS: list[sqlite_files.Migration] = [_v1_tables, _v2_stated_facts_and_guards]
SCHEMA_VERSION = len(LEDGER_MIGRATIONS)


def utc_text(moment: datetime) -> str:
    """Fixed-width UTC text, so that string order is time order in SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12].upper()}"


@dataclass(frozen=True, slots=True)
class Grant:
    """One compensation given to a customer, as recorded in the ledger."""

    grant_id: str
    idempotency_key: str
    agent_id: str
    customer_id: str
    type: str
    unit: str  # "money" (amount in minor units of currency) or "days"
    amount_minor: int
    currency: str
    transaction_id: str | None
    reason: str
    granted_at: datetime
    authority: str  # "policy" (within the agent's authority) or "approval"
    approval_id: str | None = None
    approved_by: str | None = None
    policy_version: int | None = None
    audit_seq: int = 0
    transaction_amount_minor: int | None = None
    # Facts the agent stated rather than the cache gave ("transaction_amount", "tier", …).
    stated_facts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "grant_id": self.grant_id,
            "idempotency_key": self.idempotency_key,
            "agent_id": self.agent_id,
            "customer_id": self.customer_id,
            "type": self.type,
            "unit": self.unit,
            "amount_minor": self.amount_minor,
            "currency": self.currency,
            "transaction_id": self.transaction_id,
            "transaction_amount_minor": self.transaction_amount_minor,
            "reason": self.reason,
            "granted_at": utc_text(self.granted_at),
            "authority": self.authority,
            "approval_id": self.approval_id,
            "approved_by": self.approved_by,
            "policy_version": self.policy_version,
            "audit_seq": self.audit_seq,
            "stated_facts": list(self.stated_facts),
        }


GRANT_COLUMNS = (
    "grant_id, idempotency_key, agent_id, customer_id, type, unit, amount_minor, currency, "
    "transaction_id, reason, granted_at, authority, approval_id, approved_by, policy_version, "
    "audit_seq, transaction_amount_minor, stated_facts"
)


def stated_text(facts: tuple[str, ...]) -> str:
    return ",".join(sorted(set(facts)))


def grant_from_row(row: tuple[Any, ...]) -> Grant:
    return Grant(
        grant_id=row[0],
        idempotency_key=row[1],
        agent_id=row[2],
        customer_id=row[3],
        type=row[4],
        unit=row[5],
        amount_minor=int(row[6]),
        currency=row[7],
        transaction_id=row[8],
        reason=row[9],
        granted_at=parse_utc(row[10]),
        authority=row[11],
        approval_id=row[12],
        approved_by=row[13],
        policy_version=row[14],
        audit_seq=int(row[15]),
        transaction_amount_minor=row[16],
        stated_facts=tuple(f for f in str(row[17] or "").split(",") if f),
    )


class Ledger:
    """The ledger file; every method opens its own short-lived connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._initialise()

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite_files.connect(self.path, LEDGER_FILE, busy_timeout_ms=BUSY_TIMEOUT_MS)
        try:
            yield conn
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise PekaError(
                    E.E537,
                    f"The ledger {self.path} stayed busy for {BUSY_TIMEOUT_MS // 1000} s "
                    "(another Peka is writing). Try again; nothing was granted.",
                ) from exc
            raise PekaError(E.E535, f"Ledger {self.path}: {exc}.") from exc
        except sqlite3.DatabaseError as exc:
            raise PekaError(
                E.E535,
                f"The ledger {self.path} is damaged or not a Peka ledger ({exc}). Restore it "
                "from the backup; do not delete it (it is the record of every grant).",
            ) from exc
        finally:
            conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: BEGIN IMMEDIATE takes the write lock before anything is read."""
        with self.connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _initialise(self) -> None:
        sqlite_files.open_database(
            self.path,
            LEDGER_FILE,
            LEDGER_MIGRATIONS,
            slot=sqlite_files.MetaVersion(),
            busy_timeout_ms=BUSY_TIMEOUT_MS,
        ).close()

    # -- reading -------------------------------------------------------------------------

    def meta(self, conn: sqlite3.Connection, key: str) -> str | None:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def grants(
        self,
        *,
        customer_id: str | None = None,
        since: datetime | None = None,
        agent_id: str | None = None,
    ) -> list[Grant]:
        sql = f"SELECT {GRANT_COLUMNS} FROM grants WHERE 1 = 1"
        args: list[Any] = []
        if customer_id is not None:
            sql += " AND customer_id = ?"
            args.append(customer_id)
        if agent_id is not None:
            sql += " AND agent_id = ?"
            args.append(agent_id)
        if since is not None:
            sql += " AND granted_at >= ?"
            args.append(utc_text(since))
        sql += " ORDER BY granted_at, grant_id"
        with self.connect() as conn:
            return [grant_from_row(r) for r in conn.execute(sql, args)]

    def latest_time(self) -> datetime | None:
        """The latest time this ledger recorded (any audit entry), or None if it is new."""
        with self.connect() as conn:
            recorded = self.meta(conn, "latest_at")
            # The newest entry, not MAX(at): this runs on every status check and stays O(1);
            # `latest_at` already holds the maximum for every ledger written since it exists.
            row = conn.execute("SELECT at FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        last = row[0] if row else None
        found = max((t for t in (recorded, last) if t), default=None)
        return parse_utc(found) if found else None

    def highest_policy_version(self) -> tuple[int, str]:
        with self.connect() as conn:
            version = self.meta(conn, "policy_max_version")
            digest = self.meta(conn, "policy_max_hash") or ""
        return (int(version) if version else 0), digest


def record_event(ledger: Ledger, kind: str, payload: dict[str, Any], now: datetime) -> int:
    """Append one audit entry on its own (policy signed or installed, approval issued)."""
    from assist.authority import audit

    with ledger.write() as conn:
        return audit.append(conn, kind, payload, utc_text(now)).seq
