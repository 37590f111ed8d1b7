"""The pure decision: may this agent grant this amount, given the facts and the usage?

No I/O here: the ledger supplies the usage inside its write transaction, so the same
function decides in tests, in ``peka grant`` and in the sidebar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assist.authority import errors as E
from assist.authority.policy import DAYS, CompensationType, Rule
from assist.cache.models import Transaction
from assist.errors import PekaError
from assist.money import format_money


@dataclass(frozen=True, slots=True)
class TransactionFacts:
    """What the policy needs to know about the affected transaction."""

    id: str
    amount_minor: int | None = None
    currency: str = "IDR"
    status: str | None = None
    created_at: datetime | None = None

    @classmethod
    def from_transaction(cls, tx: Transaction) -> TransactionFacts:
        return cls(tx.id, tx.amount_minor, tx.currency, tx.status, tx.created_at)


@dataclass(frozen=True, slots=True)
class GrantFacts:
    """The case facts that eligibility rules look at (None: not known)."""

    customer_id: str
    tier: str | None = None
    issue: str | None = None
    fault: str | None = None
    transaction: TransactionFacts | None = None


@dataclass(frozen=True, slots=True)
class Usage:
    """What the ledger already holds that counts against the limits."""

    customer_amount_30d: int = 0  # this type, this customer, all agents and authorities
    customer_count_30d: int = 0
    agent_amount_today: int = 0  # this type, this agent, within its own authority
    refunded_on_transaction: int = 0  # all refund types on the affected transaction


def show(amount: int, unit: str, currency: str) -> str:
    if unit == DAYS:
        return f"{amount} day" + ("" if amount == 1 else "s")
    return format_money(amount, currency)


def per_grant_cap(
    rule: Rule, ctype: CompensationType, tx: TransactionFacts | None, usage: Usage
) -> int | None:
    """The most one grant may be under this rule (None: no per-grant limit known)."""
    caps: list[int] = []
    if rule.max_amount is not None:
        caps.append(rule.max_amount)
    paid = tx.amount_minor if tx is not None else None
    if rule.max_percent is not None and paid is not None:
        caps.append(paid * rule.max_percent // 10_000)
    if ctype.refund and paid is not None:
        caps.append(max(paid - usage.refunded_on_transaction, 0))
    return min(caps) if caps else None


def budget_left(rule: Rule, usage: Usage) -> int | None:
    if rule.daily_budget is None:
        return None
    return max(rule.daily_budget - usage.agent_amount_today, 0)


def customer_left(rule: Rule, usage: Usage) -> int | None:
    if rule.max_grants_per_customer_30d is not None and (
        usage.customer_count_30d >= rule.max_grants_per_customer_30d
    ):
        return 0
    if rule.max_per_customer_30d is None:
        return None
    return max(rule.max_per_customer_30d - usage.customer_amount_30d, 0)


def eligibility_problem(
    rule: Rule, ctype: CompensationType, facts: GrantFacts, now: datetime
) -> tuple[str, str] | None:
    """Why the case does not fit the rule (code, message), or None if it does."""
    tx = facts.transaction
    checks: list[tuple[tuple[str, ...] | None, str | None, str, str]] = [
        (rule.issues, facts.issue, "issue", "--issue"),
        (rule.faults, facts.fault, "fault", "--fault"),
        (rule.tiers, facts.tier, "customer tier", "--tier"),
    ]
    if rule.transaction_statuses is not None:
        if tx is None:
            return (
                E.E527,
                "the policy needs the affected transaction's status; name the transaction",
            )
        checks.append(
            (rule.transaction_statuses, tx.status, "transaction status", "--transaction-status")
        )
    for allowed, value, what, option in checks:
        if allowed is None:
            continue
        if value is None:
            return (
                E.E527,
                f"the policy limits this by {what}, which is not known ({option})",
            )
        if value not in allowed:
            return E.E525, f"not for {what} {value!r} (allowed: {', '.join(allowed)})"
    needs_tx = rule.requires_transaction or ctype.refund or rule.max_percent is not None
    if needs_tx and tx is None:
        return E.E527, "this compensation needs the affected transaction (--transaction)"
    if (
        (ctype.refund or rule.max_percent is not None)
        and tx is not None
        and tx.amount_minor is None
    ):
        return E.E527, "the transaction's amount is not known (give --db or --transaction-amount)"
    if rule.max_transaction_age_days is not None:
        if tx is None or tx.created_at is None:
            return E.E527, "the policy needs the transaction's date, which is not known"
        age = (now - tx.created_at).total_seconds() / 86_400
        if age > rule.max_transaction_age_days:
            return (
                E.E525,
                f"the transaction is {int(age)} days old; the limit is "
                f"{rule.max_transaction_age_days} days",
            )
    return None


def check_grant(
    *,
    rule: Rule | None,
    ctype: CompensationType,
    facts: GrantFacts,
    amount: int,
    reason: str,
    usage: Usage,
    currency: str,
    now: datetime,
) -> None:
    """Raise the coded refusal, or return if the grant is within authority."""
    name = ctype.name
    if amount <= 0:
        raise PekaError(E.E529, f"The amount must be more than zero, not {amount}.")
    if rule is None:
        raise PekaError(
            E.E520,
            f"{name} is not within your authority under the current policy. Request "
            "approval from a supervisor (`peka approval request`).",
        )
    tx = facts.transaction
    if (
        ctype.unit != DAYS
        and tx is not None
        and tx.amount_minor is not None
        and tx.currency != currency
    ):
        raise PekaError(
            E.E529,
            f"The transaction is in {tx.currency} but the policy counts in {currency}.",
        )
    problem = eligibility_problem(rule, ctype, facts, now)
    if problem is not None:
        code, message = problem
        suffix = " Request approval if it is still right." if code == E.E525 else ""
        raise PekaError(code, f"{name}: {message}.{suffix}")
    unit = ctype.unit
    if ctype.refund and tx is not None and tx.amount_minor is not None:
        left = tx.amount_minor - usage.refunded_on_transaction
        if amount > left:
            raise PekaError(
                E.E524,
                f"{name} of {show(amount, unit, currency)} is more than the "
                f"{show(max(left, 0), unit, currency)} of transaction {tx.id} not yet refunded.",
            )
        if ctype.full and amount != tx.amount_minor:
            raise PekaError(
                E.E529,
                f"A full refund is the whole {show(tx.amount_minor, unit, currency)}; use "
                "partial_refund for less.",
            )
    cap = per_grant_cap(rule, ctype, tx, usage)
    if cap is not None and amount > cap:
        raise PekaError(
            E.E521,
            f"{name} of {show(amount, unit, currency)} is above your limit of "
            f"{show(cap, unit, currency)} per grant. Offer less or request approval.",
        )
    left_customer = customer_left(rule, usage)
    if left_customer is not None and amount > left_customer:
        raise PekaError(
            E.E522,
            f"The customer already received {show(usage.customer_amount_30d, unit, currency)} "
            f"of {name} in {usage.customer_count_30d} grant(s) in 30 days; only "
            f"{show(left_customer, unit, currency)} more is within authority. Request approval.",
        )
    left_budget = budget_left(rule, usage)
    if left_budget is not None and amount > left_budget:
        raise PekaError(
            E.E523,
            f"Your daily budget for {name} has {show(left_budget, unit, currency)} left. "
            "Request approval or offer less.",
        )
    if rule.reason_required(amount) and not reason.strip():
        raise PekaError(E.E526, f"{name}: the policy asks for a written reason (--reason).")
