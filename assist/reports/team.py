"""The supervisor's team database: many agents' exports merged, each record once.

Every grant, approval and outcome is keyed by its globally unique id, so importing the
same export twice (or two exports that overlap) adds nothing the second time. A record
that comes back changed – a CSAT answer recorded later, an approval that was decided –
replaces the older copy only when it is newer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from assist.errors import PekaError
from assist.outcomes.database import Database
from assist.outcomes.models import ConversationOutcome
from assist.outcomes.store import time_filter
from assist.outcomes.tables import create_outcome_tables, iso_utc, read_outcomes, write_outcome
from assist.reports.bundle import Bundle
from assist.reports.dataset import Dataset
from assist.reports.errors import E712, E713
from assist.reports.records import ApprovalRecord, BudgetRecord, GrantRecord

TEAM_KIND = "team database"
# An approval moves forward only: pending -> approved/declined/expired -> used.
_APPROVAL_RANK = {"pending": 0, "approved": 1, "declined": 1, "expired": 1, "used": 2}


def _v1(conn: sqlite3.Connection) -> None:
    create_outcome_tables(conn)
    conn.execute(
        """CREATE TABLE grants (
            id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, type TEXT NOT NULL,
            amount_minor INTEGER NOT NULL, currency TEXT NOT NULL, unit TEXT NOT NULL,
            granted_at TEXT NOT NULL, customer_id TEXT, conversation_id TEXT,
            approval_id TEXT, export_id TEXT NOT NULL)"""
    )
    conn.execute("CREATE INDEX grants_time ON grants (granted_at)")
    conn.execute(
        """CREATE TABLE approvals (
            id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, type TEXT NOT NULL,
            amount_minor INTEGER NOT NULL, currency TEXT NOT NULL, unit TEXT NOT NULL,
            requested_at TEXT NOT NULL, status TEXT NOT NULL, decided_at TEXT,
            supervisor_id TEXT, customer_id TEXT, export_id TEXT NOT NULL)"""
    )
    conn.execute(
        """CREATE TABLE budgets (
            agent_id TEXT NOT NULL, type TEXT NOT NULL, daily_budget INTEGER NOT NULL,
            currency TEXT NOT NULL, unit TEXT NOT NULL, export_created_at TEXT NOT NULL,
            PRIMARY KEY (agent_id, type))"""
    )
    conn.execute(
        """CREATE TABLE imports (
            export_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, created_at TEXT NOT NULL,
            first_imported_at TEXT NOT NULL, last_imported_at TEXT NOT NULL,
            times_imported INTEGER NOT NULL, source TEXT NOT NULL,
            utc_offset_minutes INTEGER, grants INTEGER NOT NULL, approvals INTEGER NOT NULL,
            outcomes INTEGER NOT NULL)"""
    )


def _v2(conn: sqlite3.Connection) -> None:
    # The name the newest export of each agent carried (reports show it beside the id).
    conn.execute(
        """CREATE TABLE agent_names (
            agent_id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL)"""
    )


MIGRATIONS = [_v1, _v2]


@dataclass
class ImportResult:
    """What one export added to the team database."""

    export_id: str
    agent_id: str
    source: str
    already_imported: bool
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "export_id": self.export_id,
            "agent_id": self.agent_id,
            "source": self.source,
            "already_imported": self.already_imported,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class ImportedExport:
    export_id: str
    agent_id: str
    created_at: str
    first_imported_at: str
    last_imported_at: str
    times_imported: int
    source: str
    grants: int
    approvals: int
    outcomes: int


class TeamStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = Database(path, TEAM_KIND, MIGRATIONS, error_code=E713)

    def __enter__(self) -> TeamStore:
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

    def import_bundles(self, bundles: Iterable[Bundle]) -> list[ImportResult]:
        """Merge exports in one transaction: all files are merged, or none."""
        now = datetime.now(UTC)
        with self.db.transaction() as conn:
            return [self._import(conn, bundle, now) for bundle in bundles]

    def _import(
        self,
        conn: sqlite3.Connection,
        bundle: Bundle,
        now: datetime,
        names: Mapping[str, str] | None = None,
    ) -> ImportResult:
        """``names``: agents' display names (default: the bundle's own agent's)."""
        seen = conn.execute(
            "SELECT times_imported FROM imports WHERE export_id = ?", (bundle.export_id,)
        ).fetchone()
        result = ImportResult(bundle.export_id, bundle.agent_id, bundle.source, seen is not None)
        tally = {"added": result.added, "updated": result.updated, "unchanged": result.unchanged}
        for kind in ("grant", "approval", "outcome"):
            for bucket in tally.values():
                bucket[kind] = 0
        for grant in bundle.grants:
            tally[self._merge_grant(conn, grant, bundle.export_id)]["grant"] += 1
        for approval in bundle.approvals:
            tally[self._merge_approval(conn, approval, bundle.export_id)]["approval"] += 1
        for outcome in bundle.outcomes:
            tally[self._merge_outcome(conn, outcome)]["outcome"] += 1
        created = iso_utc(bundle.created_at)
        for budget in bundle.budgets:
            # The newest export's policy wins: budgets are the policy in force then.
            conn.execute(
                """INSERT INTO budgets VALUES (?,?,?,?,?,?)
                   ON CONFLICT (agent_id, type) DO UPDATE SET
                     daily_budget = excluded.daily_budget, currency = excluded.currency,
                     unit = excluded.unit, export_created_at = excluded.export_created_at
                   WHERE excluded.export_created_at >= budgets.export_created_at""",
                (
                    budget.agent_id,
                    budget.type,
                    budget.daily_budget,
                    budget.currency,
                    budget.unit,
                    created,
                ),
            )
        stamp = iso_utc(now)
        if names is None:
            names = {bundle.agent_id: bundle.agent_name} if bundle.agent_name else {}
        for agent_id, name in names.items():
            conn.execute(
                """INSERT INTO agent_names VALUES (?,?,?)
                   ON CONFLICT (agent_id) DO UPDATE SET
                   name = excluded.name, created_at = excluded.created_at
                   WHERE excluded.created_at >= agent_names.created_at""",
                (agent_id, name, created),
            )
        if seen is None:
            conn.execute(
                "INSERT INTO imports VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    bundle.export_id,
                    bundle.agent_id,
                    created,
                    stamp,
                    stamp,
                    1,
                    bundle.source,
                    bundle.utc_offset_minutes,
                    len(bundle.grants),
                    len(bundle.approvals),
                    len(bundle.outcomes),
                ),
            )
        else:
            conn.execute(
                "UPDATE imports SET last_imported_at = ?, times_imported = times_imported + 1 "
                "WHERE export_id = ?",
                (stamp, bundle.export_id),
            )
        return result

    @staticmethod
    def _owner_check(row: sqlite3.Row | None, agent_id: str, kind: str, record_id: str) -> None:
        if row is not None and row["agent_id"] != agent_id:
            raise PekaError(
                E712,
                f"{kind} {record_id} is already in the team database for agent "
                f"{row['agent_id']!r}, but this export says {agent_id!r}. Nothing was "
                "imported; check where the file came from.",
            )

    def _merge_grant(self, conn: sqlite3.Connection, grant: GrantRecord, export_id: str) -> str:
        row = conn.execute("SELECT * FROM grants WHERE id = ?", (grant.id,)).fetchone()
        self._owner_check(row, grant.agent_id, "grant", grant.id)
        if row is not None:
            # Ledger grants never change; a different amount means a forged or mixed file.
            if (row["amount_minor"], row["type"]) != (grant.amount_minor, grant.type):
                raise PekaError(
                    E712,
                    f"grant {grant.id} differs from the copy already imported (type or "
                    "amount). Nothing was imported; ask the agent to export again.",
                )
            return "unchanged"
        conn.execute(
            "INSERT INTO grants VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                grant.id,
                grant.agent_id,
                grant.type,
                grant.amount_minor,
                grant.currency,
                grant.unit,
                iso_utc(grant.granted_at),
                grant.customer_id,
                grant.conversation_id,
                grant.approval_id,
                export_id,
            ),
        )
        return "added"

    def _merge_approval(
        self, conn: sqlite3.Connection, approval: ApprovalRecord, export_id: str
    ) -> str:
        row = conn.execute("SELECT * FROM approvals WHERE id = ?", (approval.id,)).fetchone()
        self._owner_check(row, approval.agent_id, "approval", approval.id)
        values = (
            approval.id,
            approval.agent_id,
            approval.type,
            approval.amount_minor,
            approval.currency,
            approval.unit,
            iso_utc(approval.requested_at),
            approval.status,
            iso_utc(approval.decided_at),
            approval.supervisor_id,
            approval.customer_id,
            export_id,
        )
        if row is None:
            conn.execute("INSERT INTO approvals VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", values)
            return "added"
        old_rank = _APPROVAL_RANK.get(row["status"], 0)
        if _APPROVAL_RANK.get(approval.status, 0) > old_rank:
            conn.execute("DELETE FROM approvals WHERE id = ?", (approval.id,))
            conn.execute("INSERT INTO approvals VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", values)
            return "updated"
        return "unchanged"

    def _merge_outcome(self, conn: sqlite3.Connection, outcome: ConversationOutcome) -> str:
        row = conn.execute(
            "SELECT agent_id, updated_at FROM outcomes WHERE id = ?", (outcome.id,)
        ).fetchone()
        self._owner_check(row, outcome.agent_id, "outcome", outcome.id)
        incoming = outcome if outcome.updated_at else _stamped(outcome)
        if row is None:
            clash = conn.execute(
                "SELECT id FROM outcomes WHERE agent_id = ? AND conversation_id = ?",
                (outcome.agent_id, outcome.conversation_id),
            ).fetchone()
            if clash is not None:
                raise PekaError(
                    E712,
                    f"conversation {outcome.conversation_id} of agent {outcome.agent_id!r} is "
                    f"already imported as outcome {clash['id']}; this export has it as "
                    f"{outcome.id}. Nothing was imported.",
                )
            write_outcome(conn, incoming)
            return "added"
        if (iso_utc(incoming.updated_at) or "") > row["updated_at"]:
            write_outcome(conn, incoming)
            return "updated"
        return "unchanged"

    def imports(self) -> list[ImportedExport]:
        rows = self.db.query(
            "SELECT export_id, agent_id, created_at, first_imported_at, last_imported_at, "
            "times_imported, source, grants, approvals, outcomes FROM imports "
            "ORDER BY created_at"
        )
        return [ImportedExport(**dict(r)) for r in rows]

    def dataset(self, since: datetime | None = None, until: datetime | None = None) -> Dataset:
        """The merged records in [since, until) (by grant, request and end time)."""
        with self.db.transaction() as conn:
            grants = [
                GrantRecord.from_dict(dict(r))
                for r in conn.execute(*_window("SELECT * FROM grants", "granted_at", since, until))
            ]
            approvals = [
                ApprovalRecord.from_dict(dict(r))
                for r in conn.execute(
                    *_window("SELECT * FROM approvals", "requested_at", since, until)
                )
            ]
            where, params = time_filter(since, until)
            outcomes = read_outcomes(conn, where, params)
            budgets = [
                BudgetRecord.from_dict(dict(r))
                for r in conn.execute("SELECT * FROM budgets ORDER BY agent_id, type")
            ]
            names = dict(conn.execute("SELECT agent_id, name FROM agent_names").fetchall())
            offsets = {
                r[0]
                for r in conn.execute(
                    "SELECT utc_offset_minutes FROM imports WHERE utc_offset_minutes IS NOT NULL"
                )
            }
        return Dataset(
            grants=grants,
            approvals=approvals,
            outcomes=outcomes,
            budgets=budgets,
            utc_offset_minutes=offsets.pop() if len(offsets) == 1 else None,
            source=str(self.path),
            agent_names=names,
        )

    def add_records(self, data: Dataset, export_id: str, source: str) -> ImportResult:
        """Merge records made on this machine (the demo history) as one pseudo-export."""
        agents = data.agents()
        bundle = Bundle(
            export_id=export_id,
            agent_id=",".join(agents),
            created_at=datetime.now(UTC),
            utc_offset_minutes=data.utc_offset_minutes,
            grants=data.grants,
            approvals=data.approvals,
            outcomes=data.outcomes,
            budgets=data.budgets,
            source=source,
        )
        with self.db.transaction() as conn:
            return self._import(conn, bundle, datetime.now(UTC), names=data.agent_names)


def _stamped(outcome: ConversationOutcome) -> ConversationOutcome:
    import dataclasses

    return dataclasses.replace(outcome, updated_at=outcome.csat_recorded_at or outcome.ended_at)


def _window(
    select: str, column: str, since: datetime | None, until: datetime | None
) -> tuple[str, tuple[object, ...]]:
    parts, params = [], []
    if since is not None:
        parts.append(f"{column} >= ?")
        params.append(iso_utc(since))
    if until is not None:
        parts.append(f"{column} < ?")
        params.append(iso_utc(until))
    where = (" WHERE " + " AND ".join(parts)) if parts else ""
    return f"{select}{where} ORDER BY {column}, id", tuple(params)
