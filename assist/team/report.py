"""The supervisor's figures straight from the team server (``peka report --team``).

In team mode every grant and approval is already on the server, so nobody exports or
imports anything; this turns the server's rows into the reports' :class:`Dataset`.
Outcomes (CSAT, felt understood) stay on the workstations and are not part of it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.reports.dataset import Dataset
from assist.reports.records import ApprovalRecord, BudgetRecord, GrantRecord

_FAR_PAST = datetime(1970, 1, 1, tzinfo=UTC)
_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(str(text).replace("Z", "+00:00"))


def _status(row: dict[str, Any], now: datetime) -> str:
    status = str(row["status"])
    if status == "approved":
        return "used"  # approved on the server means granted at once
    if status == "refused":
        return "declined"
    expires = _when(row.get("expires_at"))
    if status == "pending" and expires is not None and expires <= now:
        return "expired"
    return status


def load_server(client: Any) -> Dataset:
    now = datetime.now(UTC)
    grants = [
        GrantRecord(
            id=g["grant_id"],
            agent_id=g["agent_id"],
            type=g["type"],
            amount_minor=int(g["amount_minor"]),
            currency=g["currency"] or "IDR",
            unit=g["unit"],
            granted_at=_when(g["granted_at"]) or now,
            customer_id=g.get("customer_id"),
            approval_id=g.get("approval_id"),
        )
        for g in client.team_grants(_FAR_PAST, _FAR_FUTURE)
    ]
    approvals = [
        ApprovalRecord(
            id=r["request_id"],
            agent_id=r["agent_id"],
            type=r["type"],
            amount_minor=int(r["amount_minor"]),
            currency=r["currency"] or "IDR",
            unit=r["unit"],
            requested_at=_when(r["created_at"]) or now,
            status=_status(r, now),
            decided_at=_when(r.get("decided_at")),
            supervisor_id=r.get("decided_by"),
            customer_id=r.get("customer_id"),
        )
        for r in client.team_requests(_FAR_PAST, _FAR_FUTURE)
    ]
    budgets = [
        BudgetRecord(
            agent_id=b["agent_id"],
            type=b["type"],
            daily_budget=int(b["daily_budget"]),
            currency=b["currency"],
            unit=b["unit"],
        )
        for b in client.team_budgets()
    ]
    policy = client.current_policy()
    offset = int(policy["utc_offset_minutes"]) if policy else None
    # The policy of record on the server names the team's agents ([agents.<id>] name).
    roster = (policy or {}).get("policy") or {}
    names = {
        str(agent): str(entry["name"])
        for agent, entry in (roster.get("agents") or {}).items()
        if isinstance(entry, dict) and entry.get("name")
    }
    return Dataset(
        grants=grants,
        approvals=approvals,
        budgets=budgets,
        utc_offset_minutes=offset,
        source=f"team server {client.dsn}",
        agent_names=names,
    )
