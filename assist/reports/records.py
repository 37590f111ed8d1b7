"""Grants, approval requests and budgets as reports see them (plain, frozen dataclasses).

These mirror the authority ledger's rows in the fields figures need; the ledger stays
the source of truth and :mod:`assist.reports.ledger_source` converts its rows. Every
record has a globally unique ``id`` and the agent's id, so merging exports from many
agents can recognise a record it already holds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

APPROVAL_STATUSES = ("pending", "approved", "declined", "expired", "used")


def _stamp(value: object) -> datetime | None:
    return None if value in (None, "") else datetime.fromisoformat(str(value))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class GrantRecord:
    id: str
    agent_id: str
    type: str
    amount_minor: int  # minor units, or days for day-based types
    currency: str
    unit: str  # "money" or "days"
    granted_at: datetime
    customer_id: str | None = None
    conversation_id: str | None = None
    approval_id: str | None = None  # set when granted above authority with a code

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["granted_at"] = _iso(self.granted_at)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GrantRecord:
        granted = _stamp(data["granted_at"])
        assert granted is not None
        return cls(
            id=str(data["id"]),
            agent_id=str(data["agent_id"]),
            type=str(data["type"]),
            amount_minor=int(data["amount_minor"]),
            currency=str(data.get("currency") or "IDR"),
            unit=str(data.get("unit") or "money"),
            granted_at=granted,
            customer_id=data.get("customer_id"),
            conversation_id=data.get("conversation_id"),
            approval_id=data.get("approval_id"),
        )


@dataclass(frozen=True, slots=True)
class ApprovalRecord:
    """One request above authority and what became of it."""

    id: str
    agent_id: str
    type: str
    amount_minor: int
    currency: str
    unit: str
    requested_at: datetime
    status: str  # pending, approved, declined, expired or used (approved and granted)
    decided_at: datetime | None = None
    supervisor_id: str | None = None
    customer_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["requested_at"] = _iso(self.requested_at)
        data["decided_at"] = _iso(self.decided_at)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ApprovalRecord:
        requested = _stamp(data["requested_at"])
        assert requested is not None
        return cls(
            id=str(data["id"]),
            agent_id=str(data["agent_id"]),
            type=str(data["type"]),
            amount_minor=int(data["amount_minor"]),
            currency=str(data.get("currency") or "IDR"),
            unit=str(data.get("unit") or "money"),
            requested_at=requested,
            status=str(data["status"]),
            decided_at=_stamp(data.get("decided_at")),
            supervisor_id=data.get("supervisor_id"),
            customer_id=data.get("customer_id"),
        )


@dataclass(frozen=True, slots=True)
class BudgetRecord:
    """An agent's daily budget for one compensation type under the policy in force."""

    agent_id: str
    type: str
    daily_budget: int  # minor units, or days
    currency: str
    unit: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BudgetRecord:
        return cls(
            agent_id=str(data["agent_id"]),
            type=str(data["type"]),
            daily_budget=int(data["daily_budget"]),
            currency=str(data.get("currency") or "IDR"),
            unit=str(data.get("unit") or "money"),
        )
