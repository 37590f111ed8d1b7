"""Which compensation options fit a case, how much, and whether the agent may grant alone.

Ranking weighs severity (emotion intensity, issue, fault, waiting time, a problem
transaction), the customer's value (tier, lifetime spend) and what they already received
in the last 30 days. Amounts are rounded down to friendly values and never above a limit
that would turn a "within authority" option into a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assist import i18n
from assist.authority import errors as E
from assist.authority.models import (
    REQUIRES_APPROVAL,
    WITHIN_AUTHORITY,
    CompensationCase,
    CompensationOption,
)
from assist.authority.policy import DAYS, CompensationType, Policy
from assist.authority.requests import requested_types
from assist.authority.rules import (
    GrantFacts,
    TransactionFacts,
    Usage,
    budget_left,
    customer_left,
    eligibility_problem,
    per_grant_cap,
    show,
)
from assist.cache.models import CustomerRecord, Transaction
from assist.money import EXPONENT

ISSUE_WEIGHT = {
    "delivery_delay": 0.6,
    "item_problem": 0.7,
    "billing_error": 0.8,
    "refund_pending": 0.6,
    "service_outage": 0.8,
    "account_access": 0.5,
    "poor_service": 0.5,
    "other": 0.3,
}
FAULT_WEIGHT = {"company": 1.0, "unknown": 0.5, "customer": 0.0}
TIER_VALUE = {"regular": 0.0, "silver": 0.33, "gold": 0.67, "platinum": 1.0}
SPENDING_KINDS = frozenset({"order", "payment", "subscription", "topup", "service_visit"})
NOT_SPENT = frozenset({"cancelled", "refunded", "failed"})
# Lifetime spend at which the value factor saturates: Rp 10.000.000.
SPEND_SATURATION_MINOR = 1_000_000_000

# Notes and issue names live in the core catalogue (resources/i18n/core.<language>.json):
# "comp.note.<key>" and "comp.issue.<issue>".
_NOTE_KEYS = (
    "wait", "fault", "tier", "recent", "cap", "budget", "customer", "facts",
    "no_rule", "full", "approval", "asked",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CaseSignals:
    severity: float  # 0..1
    value: float  # 0..1
    waiting_days: float | None
    recent_count: int


def _texts(language: str) -> dict[str, str]:
    lang = "en" if language == "en" else "id"
    return {key: i18n.text(lang, f"comp.note.{key}") for key in _NOTE_KEYS}


def lifetime_spend(record: CustomerRecord) -> int:
    return sum(
        t.amount_minor
        for t in record.transactions
        if t.kind in SPENDING_KINDS and t.status not in NOT_SPENT and t.amount_minor > 0
    )


def case_signals(case: CompensationCase, recent_count: int, now: datetime) -> CaseSignals:
    analysis = case.analysis
    tx = case.transactions[0] if case.transactions else None
    waiting = analysis.waiting_days() if analysis is not None else None
    if waiting is None and tx is not None and tx.is_problem and tx.status_changed_at is not None:
        waiting = max((now - tx.status_changed_at).total_seconds() / 86_400, 0.0)
    if analysis is not None:
        severity = (
            0.35 * min(max(analysis.intensity, 0.0), 1.0)
            + 0.25 * ISSUE_WEIGHT.get(analysis.issue, 0.3)
            + 0.20 * FAULT_WEIGHT.get(analysis.fault, 0.5)
        )
    else:
        severity = 0.35 * 0.4 + 0.25 * 0.3 + 0.20 * 0.5
    severity += 0.20 * min((waiting or 0.0) / 14.0, 1.0)
    if tx is not None and tx.is_problem:
        severity += 0.1
    tier = TIER_VALUE.get(case.record.customer.tier, 0.0)
    spend = min(lifetime_spend(case.record) / SPEND_SATURATION_MINOR, 1.0)
    return CaseSignals(min(severity, 1.0), 0.6 * tier + 0.4 * spend, waiting, recent_count)


def friendly_round_down(amount: int, unit: str, currency: str) -> int:
    """Round money down to a value people say (Rp 37.000, Rp 45.000, Rp 150.000)."""
    if unit == DAYS or amount <= 0:
        return max(amount, 0)
    scale = 10 ** EXPONENT.get(currency, 2)
    major = amount // scale
    if currency in ("IDR",):
        step = (
            5_000
            if major >= 100_000
            else 1_000
            if major >= 10_000
            else 500
            if major >= 1_000
            else 1
        )
    else:
        step = 5 if major >= 100 else 1
    rounded = (major // step) * step * scale
    return rounded if rounded > 0 else amount


def facts_from_case(case: CompensationCase) -> GrantFacts:
    analysis = case.analysis
    tx = case.transactions[0] if case.transactions else None
    return GrantFacts(
        customer_id=case.record.customer.id,
        tier=case.record.customer.tier or None,
        issue=analysis.issue if analysis is not None else None,
        fault=analysis.fault if analysis is not None else None,
        transaction=TransactionFacts.from_transaction(tx) if tx is not None else None,
    )


def fits_issue(ctype: CompensationType, issue: str | None) -> bool:
    """A type made for other problems is not offered for this one (a double charge gets no
    phone-credit bonus). Types without ``fits_issues`` fit anything, as does an unknown issue."""
    return issue in (None, "other") or not ctype.fits_issues or issue in ctype.fits_issues


def _fit(ctype: CompensationType, issue: str | None, tx: Transaction | None) -> float:
    if issue is None:
        fit = 0.6
    elif issue in ctype.fits_issues:
        # Earlier in the list fits better.
        fit = 1.0 - 0.08 * ctype.fits_issues.index(issue)
    else:
        fit = 0.35
    if ctype.refund and (tx is None or not tx.is_problem):
        fit *= 0.8
    return fit


def rank_options(
    *,
    policy: Policy,
    agent_id: str,
    role: str,
    case: CompensationCase,
    usage: dict[str, Usage],
    recent_count: int,
    language: str,
    now: datetime,
) -> list[CompensationOption]:
    """The options for ``case``, best first (``usage`` per type from the ledger)."""
    text = _texts(language)
    currency = policy.currency
    facts = facts_from_case(case)
    tx = case.transactions[0] if case.transactions else None
    signals = case_signals(case, recent_count, now)
    issue = facts.issue
    damp = 1.0 / (1.0 + recent_count)
    rules = policy.rules_for(agent_id, role)
    asked = requested_types(case.analysis.text) if case.analysis is not None else frozenset()

    context: list[str] = []
    if issue is not None:
        lang = "en" if language == "en" else "id"
        key = case.analysis.issue_name_key() if case.analysis is not None else issue
        context.append(i18n.text(lang, f"comp.issue.{key}") if issue in ISSUE_WEIGHT else issue)
    if signals.waiting_days is not None and signals.waiting_days >= 1:
        context.append(text["wait"].format(days=int(signals.waiting_days)))
    if facts.fault == "company":
        context.append(text["fault"])
    if facts.tier in ("gold", "platinum"):
        context.append(text["tier"].format(tier=facts.tier))
    if recent_count:
        context.append(text["recent"].format(n=recent_count))

    options: list[CompensationOption] = []
    for name, ctype in policy.types.items():
        rule = rules.get(name)
        used = usage.get(name, Usage())
        if ctype.full and tx is None:
            continue
        wanted = name in asked
        if not wanted and not fits_issue(ctype, issue):
            continue
        if rule is None:
            # Beyond the agent's authority: only the whole-transaction refund is worth
            # suggesting, when the issue calls for it or the customer asks for it, as
            # something to ask a supervisor for.
            if not (
                ctype.full and (issue in ctype.fits_issues or wanted) and facts.fault != "customer"
            ):
                continue
            amount = max(tx.amount_minor - used.refunded_on_transaction, 0) if tx else 0
            if amount <= 0:
                continue
            notes = [text["no_rule"], text["approval"]]
            status = REQUIRES_APPROVAL
            left = None
            needs_reason = True
        else:
            problem = eligibility_problem(rule, ctype, facts, now)
            if problem is not None and (problem[0] == E.E525 or facts.transaction is None):
                continue  # does not fit this case
            cap = per_grant_cap(rule, ctype, facts.transaction, used)
            left = budget_left(rule, used)
            cust_left = customer_left(rule, used)
            notes = []
            if ctype.full:
                assert tx is not None
                amount = max(tx.amount_minor - used.refunded_on_transaction, 0)
                if amount <= 0:
                    continue
            else:
                reference = cap
                if reference is None:
                    limits = [x for x in (cust_left, left) if x is not None and x > 0]
                    reference = min(limits) if limits else None
                if not reference:
                    continue  # no room at all, or nothing to size an amount by
                share = 0.35 + 0.65 * (0.6 * signals.severity + 0.4 * signals.value)
                amount = friendly_round_down(
                    max(
                        int(reference * share * (0.5 + 0.5 * damp)), 1 if ctype.unit == DAYS else 0
                    ),
                    ctype.unit,
                    currency,
                )
                if amount <= 0:
                    continue
            status = WITHIN_AUTHORITY
            if problem is not None:
                status = REQUIRES_APPROVAL
                notes.append(text["facts"])
            if cap is not None and amount > cap:
                status = REQUIRES_APPROVAL
                notes.append(text["cap"].format(cap=show(cap, ctype.unit, currency)))
            else:
                for limit, key in ((cust_left, "customer"), (left, "budget")):
                    if limit is not None and amount > limit:
                        if not ctype.full and limit > 0:
                            amount = friendly_round_down(limit, ctype.unit, currency)
                            if amount > limit:
                                amount = limit
                        else:
                            status = REQUIRES_APPROVAL
                            notes.append(text[key].format(left=show(limit, ctype.unit, currency)))
            if status == REQUIRES_APPROVAL:
                notes.append(text["approval"])
            needs_reason = rule.reason_required(amount)
        fit = _fit(ctype, issue, tx)
        score = fit * (0.5 + 0.5 * signals.severity) * (0.6 + 0.4 * damp) + 0.1 * signals.value
        if status == WITHIN_AUTHORITY:
            score += 0.15
        if wanted:
            score += 1.0  # what the customer asks for comes first, granted or asked for
        if ctype.full:
            amount_note = text["full"]
            notes.insert(0, amount_note)
        lead = [text["asked"]] if wanted else []
        reason = "; ".join(lead + context + notes) or ctype.label(language)
        options.append(
            CompensationOption(
                type=name,
                label=ctype.label(language),
                amount_minor=amount,
                currency=currency,
                status=status,
                budget_left_minor=left,
                reason=reason[:1].upper() + reason[1:],
                needs_reason=needs_reason,
                transaction_id=tx.id if tx is not None else None,
                score=round(score, 4),
                unit=ctype.unit,
            )
        )
    options.sort(key=lambda o: (-o.score, o.type))
    return options
