"""CSV exports of the ledger for finance and supervisors."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from assist.authority.ledger import GRANT_COLUMNS, Ledger, grant_from_row
from assist.money import format_money
from assist.private_files import touch_private

GRANT_HEADER = [
    "grant_id",
    "granted_at",
    "agent_id",
    "customer_id",
    "type",
    "unit",
    "amount_minor",
    "amount",
    "currency",
    "transaction_id",
    "transaction_amount_minor",
    "authority",
    "approval_id",
    "approved_by",
    "policy_version",
    "reason",
    "idempotency_key",
    "audit_seq",
    "stated_facts",
]
APPROVAL_HEADER = [
    "request_id",
    "created_at",
    "expires_at",
    "agent_id",
    "customer_id",
    "type",
    "unit",
    "amount_minor",
    "currency",
    "transaction_id",
    "reason",
    "decision",
    "decided_by",
    "grant_id",
    "used_at",
]


def _cell(value: Any) -> Any:
    """Keep spreadsheet programs from running free text as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def export_grants(ledger: Ledger, out: Path) -> int:
    with ledger.connect() as conn:
        rows = conn.execute(
            f"SELECT {GRANT_COLUMNS} FROM grants ORDER BY granted_at, grant_id"
        ).fetchall()
    records = []
    for row in rows:
        g = grant_from_row(row)
        data = g.to_dict()
        data["amount"] = (
            format_money(g.amount_minor, g.currency) if g.unit == "money" else f"{g.amount_minor}"
        )
        data["stated_facts"] = ",".join(g.stated_facts)
        records.append([_cell(data[h]) for h in GRANT_HEADER])
    _write(out, GRANT_HEADER, records)
    return len(records)


def export_approvals(ledger: Ledger, out: Path) -> int:
    with ledger.connect() as conn:
        rows = conn.execute(
            "SELECT r.request_id, r.created_at, r.expires_at, r.agent_id, r.customer_id, r.type, "
            "r.unit, r.amount_minor, r.currency, r.transaction_id, r.reason, u.decision, "
            "u.approved_by, u.grant_id, u.used_at FROM approval_requests r "
            "LEFT JOIN approvals_used u ON u.request_id = r.request_id ORDER BY r.created_at"
        ).fetchall()
    _write(out, APPROVAL_HEADER, [[_cell(v) for v in row] for row in rows])
    return len(rows)


def _write(out: Path, header: list[str], rows: list[list[Any]]) -> None:
    """Write atomically and owner-only, like the ledger itself: it names customers."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)  # a leftover from another user keeps its own mode
    touch_private(tmp)
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(tmp, out)
