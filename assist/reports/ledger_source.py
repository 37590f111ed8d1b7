"""Read this machine's own records for a report or an export.

Grants come through the authority ledger's API; approval requests and their outcomes
are read from the ledger's documented tables (``approval_requests`` and
``approvals_used``, see docs/authority.md) because reports need every request, not one
at a time. Budgets come from the signed policy in force. Ledger grant ids are unique
within one ledger; an export qualifies them with the ledger's own id so that grants
from many agents' ledgers never collide in a team database.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from assist.authority.ledger import Ledger, parse_utc
from assist.authority.policy import Policy
from assist.authority.service import AuthorityService
from assist.errors import PekaError
from assist.outcomes.store import OutcomeStore
from assist.reports.dataset import Dataset
from assist.reports.errors import E716
from assist.reports.records import ApprovalRecord, BudgetRecord, GrantRecord


def qualified(record_id: str, ledger_id: str) -> str:
    return f"{record_id}@{ledger_id}"


def ledger_id(ledger: Ledger) -> str:
    with ledger.connect() as conn:
        value = ledger.meta(conn, "ledger_id")
    if not value:
        raise PekaError(E716, f"The ledger {ledger.path} has no id; open it once with Peka.")
    return value


def read_grants(ledger: Ledger, since: datetime | None = None) -> list[GrantRecord]:
    lid = ledger_id(ledger)
    return [
        GrantRecord(
            id=qualified(g.grant_id, lid),
            agent_id=g.agent_id,
            type=g.type,
            amount_minor=g.amount_minor,
            currency=g.currency or "IDR",
            unit=g.unit,
            granted_at=g.granted_at,
            customer_id=g.customer_id,
            approval_id=qualified(g.approval_id, lid) if g.approval_id else None,
        )
        for g in ledger.grants(since=since)
    ]


def read_approvals(
    ledger: Ledger, since: datetime | None = None, now: datetime | None = None
) -> list[ApprovalRecord]:
    lid = ledger_id(ledger)
    now = now or datetime.now(UTC)
    sql = (
        "SELECT r.request_id, r.agent_id, r.customer_id, r.type, r.unit, r.amount_minor, "
        "r.currency, r.created_at, r.expires_at, u.decision, u.approved_by, u.grant_id, "
        "u.used_at FROM approval_requests r LEFT JOIN approvals_used u "
        "ON u.request_id = r.request_id"
    )
    params: tuple[object, ...] = ()
    if since is not None:
        sql += " WHERE r.created_at >= ?"
        params = (since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),)
    sql += " ORDER BY r.created_at, r.request_id"
    try:
        with ledger.connect() as conn:
            rows = conn.execute(sql, params).fetchall()
    except sqlite3.Error as exc:
        raise PekaError(E716, f"Cannot read approvals from {ledger.path}: {exc}.") from exc
    records = []
    for (
        rid,
        agent,
        customer,
        kind,
        unit,
        amount,
        currency,
        created,
        expires,
        decision,
        approver,
        grant_id,
        used_at,
    ) in rows:
        if decision == "decline":
            status = "declined"
        elif decision == "approve":
            status = "used" if grant_id else "approved"
        else:
            status = "expired" if parse_utc(expires) <= now else "pending"
        records.append(
            ApprovalRecord(
                id=qualified(rid, lid),
                agent_id=agent,
                type=kind,
                amount_minor=int(amount),
                currency=currency or "IDR",
                unit=unit,
                requested_at=parse_utc(created),
                status=status,
                decided_at=parse_utc(used_at) if used_at else None,
                supervisor_id=approver,
                customer_id=customer,
            )
        )
    return records


def policy_budgets(policy: Policy, roles: dict[str, str | None]) -> list[BudgetRecord]:
    """Each agent's daily budgets; ``roles`` maps agent id to the role they configured."""
    budgets = []
    for agent, role in sorted(roles.items()):
        for name, rule in policy.rules_for(agent, policy.role_for(agent, role)).items():
            if rule.daily_budget is None:
                continue
            ctype = policy.type(name)
            budgets.append(
                BudgetRecord(
                    agent,
                    name,
                    rule.daily_budget,
                    policy.currency,
                    ctype.unit if ctype else "money",
                )
            )
    return budgets


def read_local(
    service: AuthorityService,
    outcomes_path: Path | None,
    since: datetime | None = None,
    *,
    store_messages: bool = False,
) -> Dataset:
    """This machine's grants, approvals and outcomes, with the policy's budgets."""
    grants = read_grants(service.ledger, since)
    approvals = read_approvals(service.ledger, since, service.now())
    outcomes = []
    if outcomes_path is not None and outcomes_path.exists():
        with OutcomeStore(outcomes_path, store_messages=store_messages) as store:
            outcomes = store.list(since=since)
    policy: Policy | None
    try:
        policy = service.current_policy().policy
    except PekaError:
        policy = None  # no policy in force: the figures still count, without budgets
    agents = sorted(
        {service.agent_id}
        | {g.agent_id for g in grants}
        | {a.agent_id for a in approvals}
        | {o.agent_id for o in outcomes}
    )
    roles = {a: service.requested_role if a == service.agent_id else None for a in agents}
    budgets = policy_budgets(policy, roles) if policy else []
    return Dataset(
        grants=grants,
        approvals=approvals,
        outcomes=outcomes,
        budgets=budgets,
        utc_offset_minutes=policy.utc_offset_minutes if policy else None,
        source=f"{service.ledger.path} + {outcomes_path}",
    )
