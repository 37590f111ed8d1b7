"""The authority policy as Peka uses it: roles, compensation types and their limits.

Amounts are integer minor units of the policy currency (days for day-based types);
percentages are basis points (1 % == 100 bp). The policy is read from a supervisor's
TOML file by :mod:`assist.authority.policy_file` and travels signed as its normalised
dictionary form (:meth:`Policy.to_dict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta, timezone
from typing import Any

FORMAT = 1
MONEY = "money"
DAYS = "days"
UNITS = (MONEY, DAYS)
DEFAULT_TIERS = ("regular", "silver", "gold", "platinum")


@dataclass(frozen=True, slots=True)
class CompensationType:
    name: str
    label_id: str
    label_en: str
    unit: str = MONEY  # MONEY or DAYS
    refund: bool = False  # returns money paid: never more than the transaction, needs one
    full: bool = False  # always the whole transaction amount (full refund)
    fits_issues: tuple[str, ...] = ()  # issues where this type fits best (for ranking)

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_id


BUILTIN_TYPES: dict[str, CompensationType] = {
    t.name: t
    for t in (
        CompensationType(
            "voucher",
            "Voucher belanja",
            "Shopping voucher",
            fits_issues=("delivery_delay", "poor_service", "item_problem", "other"),
        ),
        CompensationType(
            "shipping_fee_waiver",
            "Gratis ongkos kirim",
            "Shipping fee waiver",
            fits_issues=("delivery_delay", "item_problem"),
        ),
        CompensationType(
            "partial_refund",
            "Pengembalian dana sebagian",
            "Partial refund",
            refund=True,
            fits_issues=("item_problem", "billing_error", "delivery_delay"),
        ),
        CompensationType(
            "full_refund",
            "Pengembalian dana penuh",
            "Full refund",
            refund=True,
            full=True,
            fits_issues=("item_problem", "billing_error", "refund_pending"),
        ),
        CompensationType(
            "cashback",
            "Cashback",
            "Cashback",
            fits_issues=("billing_error", "refund_pending", "delivery_delay", "poor_service"),
        ),
        CompensationType(
            "service_credit_days",
            "Kompensasi hari layanan",
            "Service credit days",
            unit=DAYS,
            fits_issues=("service_outage", "account_access"),
        ),
        CompensationType(
            "plan_upgrade",
            "Upgrade paket (hari)",
            "Plan upgrade (days)",
            unit=DAYS,
            fits_issues=("service_outage", "poor_service"),
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Rule:
    """What one role (or one agent) may grant of one compensation type."""

    max_amount: int | None = None  # per grant
    max_percent: int | None = None  # per grant, basis points of the affected transaction
    max_per_customer_30d: int | None = None  # sum per customer over a rolling 30 days
    max_grants_per_customer_30d: int | None = None
    daily_budget: int | None = None  # sum per agent per local day
    needs_reason: bool = False
    needs_reason_above: int | None = None
    requires_transaction: bool = False
    issues: tuple[str, ...] | None = None  # None: any issue
    faults: tuple[str, ...] | None = None
    tiers: tuple[str, ...] | None = None
    transaction_statuses: tuple[str, ...] | None = None
    max_transaction_age_days: int | None = None

    def reason_required(self, amount: int) -> bool:
        if self.needs_reason:
            return True
        return self.needs_reason_above is not None and amount > self.needs_reason_above

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value is False:
                continue
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


RULE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Rule))


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    label: str
    rules: dict[str, Rule] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AgentOverride:
    agent_id: str
    role: str | None = None
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # type -> changed fields
    name: str = ""  # the agent's display name in reports; the id where empty


@dataclass(frozen=True, slots=True)
class Policy:
    version: int
    name: str
    currency: str
    utc_offset_minutes: int
    expires_at: datetime
    valid_from: datetime | None
    tiers: tuple[str, ...]
    types: dict[str, CompensationType]
    roles: dict[str, Role]
    agents: dict[str, AgentOverride]
    default_role: str = "agent"

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(minutes=self.utc_offset_minutes))

    def local_day(self, moment: datetime) -> str:
        """The calendar day (in the policy's time zone) that daily budgets count in."""
        return moment.astimezone(self.tz).date().isoformat()

    def role_for(self, agent_id: str, requested: str | None) -> str:
        """The supervisor's assignment wins over the agent's own configuration."""
        override = self.agents.get(agent_id)
        if override is not None and override.role:
            return override.role
        if requested and requested in self.roles:
            return requested
        return self.default_role

    def rule_for(self, agent_id: str, role: str, type_name: str) -> Rule | None:
        base = self.roles.get(role)
        rule = base.rules.get(type_name) if base else None
        override = self.agents.get(agent_id)
        if override is not None and type_name in override.rules:
            changes = override.rules[type_name]
            rule = replace(rule or Rule(), **changes)
        return rule

    def rules_for(self, agent_id: str, role: str) -> dict[str, Rule]:
        names = set(self.roles[role].rules) if role in self.roles else set()
        override = self.agents.get(agent_id)
        if override is not None:
            names |= set(override.rules)
        out = {}
        for name in sorted(names):
            rule = self.rule_for(agent_id, role, name)
            if rule is not None:
                out[name] = rule
        return out

    def type(self, name: str) -> CompensationType | None:
        return self.types.get(name)

    def custom_types_dict(self) -> dict[str, dict[str, Any]]:
        """The compensation types a supervisor defined or changed (built-ins are implied)."""
        return {
            name: {
                "label_id": t.label_id,
                "label_en": t.label_en,
                "unit": t.unit,
                "refund": t.refund,
                "full": t.full,
                "fits_issues": list(t.fits_issues),
            }
            for name, t in self.types.items()
            if BUILTIN_TYPES.get(name) != t
        }

    def to_dict(self) -> dict[str, Any]:
        """The normalised form that is signed (integers only, no floats)."""
        sign = "-" if self.utc_offset_minutes < 0 else "+"
        hours, minutes = divmod(abs(self.utc_offset_minutes), 60)
        out: dict[str, Any] = {
            "format": FORMAT,
            "version": self.version,
            "name": self.name,
            "currency": self.currency,
            "utc_offset": f"{sign}{hours:02d}:{minutes:02d}",
            "expires": self.expires_at.isoformat(),
            "default_role": self.default_role,
            "tiers": list(self.tiers),
            "types": self.custom_types_dict(),
            "roles": {
                name: {
                    "label": role.label,
                    "rules": {t: r.to_dict() for t, r in role.rules.items()},
                }
                for name, role in self.roles.items()
            },
            "agents": {
                agent: {
                    **({"role": o.role} if o.role else {}),
                    **({"name": o.name} if o.name else {}),
                    "rules": {
                        t: {k: list(v) if isinstance(v, tuple) else v for k, v in changes.items()}
                        for t, changes in o.rules.items()
                    },
                }
                for agent, o in self.agents.items()
            },
        }
        if self.valid_from is not None:
            out["valid_from"] = self.valid_from.isoformat()
        return out
