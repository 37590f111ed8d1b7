"""What Peka knows about this conversation, as the values that fill phrase placeholders.

Everything here is computed once per customer message, so the keystroke path only
looks values up. A placeholder with no value makes its phrase unavailable: a phrase
is never shown with a raw ``{brace}`` in it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from assist.cache.models import CustomerRecord, Transaction
from assist.i18n import has, text
from assist.money import format_money
from assist.month_names import month_names
from assist.nlp.models import MessageAnalysis
from assist.suggest.deadline import WorkingHours, deadline_text
from assist.suggest.phrases import PLACEHOLDER_RE

# What no specific problem is called in a reply; it never fills ``{issue}`` (a phrase that
# names the problem is offered only when the problem is known).
GENERIC_ISSUE = "other"


# A delay whose message names neither a parcel nor a visit is read as the usual case.
DEFAULT_AWAITED = frozenset({"parcel"})


def awaited_of(analysis: MessageAnalysis | None) -> frozenset[str]:
    """What the customer waits for, as the message says; a parcel when it says neither."""
    if analysis is None or not analysis.awaited:
        return DEFAULT_AWAITED
    return frozenset(analysis.awaited)


def issue_label(language: str, issue: str) -> str:
    """The problem in words, as it reads inside a reply (``reply.issue.<issue>`` in the
    core catalogues under ``resources/i18n``)."""
    key = f"reply.issue.{issue}"
    # Never English words inside an Indonesian reply: a missing label leaves ``{issue}`` empty.
    return text(language, key) if has(language, key) else ""


_EN_SALUTATION = {"Bapak": "Mr", "Ibu": "Ms"}


def _clean(value: str) -> str:
    """Untrusted text (names, descriptions) never carries braces or line breaks into a reply."""
    return " ".join(value.replace("{", "").replace("}", "").split())


def _ref_key(ref: str) -> str:
    return re.sub(r"[\s]", "", ref).upper()


# Problems that are about one transaction, and the kinds of transaction they concern.
TRANSACTION_ISSUES: dict[str, frozenset[str]] = {
    "delivery_delay": frozenset({"order"}),
    "item_problem": frozenset({"order"}),
    "refund_pending": frozenset({"refund", "return"}),
    "billing_error": frozenset({"payment", "subscription", "topup", "bill"}),
}
OPEN_STATUSES = frozenset({"in_transit", "processing", "pending", "scheduled"})
WAITING_ISSUES = frozenset({"delivery_delay", "refund_pending"})


def mentioned_transactions(
    record: CustomerRecord | None, analysis: MessageAnalysis | None
) -> list[Transaction]:
    """This customer's transactions whose reference the message names."""
    if record is None or analysis is None:
        return []
    wanted = {_ref_key(r) for r in analysis.order_refs()}
    return [tx for tx in record.transactions if tx.reference and _ref_key(tx.reference) in wanted]


def foreign_refs(record: CustomerRecord | None, analysis: MessageAnalysis | None) -> list[str]:
    """Order numbers the message names that are not this customer's transactions: never
    put into a reply as theirs; the sidebar flags them."""
    if analysis is None:
        return []
    own = {
        _ref_key(tx.reference)
        for tx in (record.transactions if record is not None else [])
        if tx.reference
    }
    return [ref for ref in analysis.order_refs() if _ref_key(ref) not in own]


# Transaction states that make a phrase's fact true (docs/phrase-format.md, "Facts").
_PENDING_CHARGE_KINDS = frozenset({"payment", "subscription", "topup", "bill"})


def cache_facts(tx: Transaction | None, *, named_on_record: bool) -> frozenset[str]:
    """The facts the cache shows about the transaction a message is about."""
    facts: set[str] = set()
    if named_on_record:
        facts.add("order_on_record")
    if tx is None:
        return frozenset(facts)
    if tx.kind == "order" and tx.status == "in_transit":
        facts.add("in_transit")
    if tx.kind == "order" and str(tx.extra.get("courier") or "").strip():
        facts.add("courier_known")
    if tx.kind in ("refund", "return") and tx.status in ("processing", "pending"):
        facts.add("refund_processing")
    if tx.kind in _PENDING_CHARGE_KINDS and tx.status == "pending":
        facts.add("charge_pending")
    return frozenset(facts)


def affected_transaction(
    record: CustomerRecord | None, analysis: MessageAnalysis | None
) -> Transaction | None:
    """The transaction the message is about: the one it names; else, for a problem about a
    transaction, the newest problem transaction of a fitting kind (or any problem one)."""
    if record is None:
        return None
    if analysis is not None:
        named = mentioned_transactions(record, analysis)
        if named:
            return named[0]
        if analysis.issue not in TRANSACTION_ISSUES:
            return None
        # The cache records orders, not visits: an order on the way is not the technician
        # the customer waits for, and its number, age or item would be untrue in a reply.
        if analysis.late_visit():
            return None
        kinds = TRANSACTION_ISSUES[analysis.issue]
        for tx in record.transactions:
            if tx.is_problem and tx.kind in kinds:
                return tx
        # Not marked as a problem yet, but still open: a late order still in transit.
        for tx in record.transactions:
            if tx.kind in kinds and tx.status in OPEN_STATUSES:
                return tx
    for tx in record.transactions:
        if tx.is_problem:
            return tx
    return None


def format_days(days: int, language: str) -> str:
    if language == "id":
        return f"{days} hari"
    return "a day" if days == 1 else f"{days} days"


def format_eta(value: object, language: str) -> str:
    """An ETA from the helpdesk: an ISO date becomes "12 Mei 2025"; other text is kept."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip()[:10])
        except ValueError:
            return _clean(str(value))
    if isinstance(value, date):
        months = month_names(language)
        return f"{value.day} {months[value.month - 1]} {value.year}"
    return ""


@dataclass(frozen=True, slots=True)
class ConversationContext:
    """Placeholder values plus the facts ranking and coaching need."""

    language: str
    register: str  # formal, friendly (Indonesian) or any (English)
    channel: str
    values: Mapping[str, str] = field(default_factory=dict)
    days_waiting: int | None = None
    transaction: Transaction | None = None
    facts: frozenset[str] = frozenset()
    # Order numbers the customer wrote that are not theirs (flagged, never filled in).
    foreign_refs: tuple[str, ...] = ()
    # What the customer waits for (see ``awaited_of``): phrases about anything else are out.
    awaited: frozenset[str] = DEFAULT_AWAITED

    def fill(self, text: str) -> str | None:
        """``text`` with every placeholder filled, or None when one has no value."""
        missing = False

        def value(match: re.Match[str]) -> str:
            nonlocal missing
            got = self.values.get(match.group(1), "")
            if not got:
                missing = True
            return got

        filled = PLACEHOLDER_RE.sub(value, text)
        if missing or "{" in filled or "}" in filled:
            return None
        return filled


def choose_register(record: CustomerRecord | None, language: str) -> str:
    if language != "id":
        return "any"
    if record is not None:
        preferred = record.preferences.get("register", "")
        if preferred in ("formal", "friendly"):
            return preferred
        salutation = record.customer.salutation
        if salutation == "Kak":
            return "friendly"
        if salutation in ("Bapak", "Ibu"):
            return "formal"
    return "formal"


def choose_language(
    record: CustomerRecord | None, analysis: MessageAnalysis | None, fallback: str
) -> str:
    """The customer's latest message decides; then their profile; then the interface."""
    for candidate in (
        analysis.language if analysis is not None else "",
        record.customer.language if record is not None else "",
        fallback,
    ):
        if candidate in ("id", "en"):
            return candidate
    return "id"


def build_context(
    record: CustomerRecord | None,
    analysis: MessageAnalysis | None,
    *,
    channel: str,
    now: datetime,
    agent_name: str = "",
    ui_language: str = "id",
    hours: WorkingHours | None = None,
) -> ConversationContext:
    """``now`` is the agent's clock; its time zone is the agent's (a deadline is read in it)."""
    language = choose_language(record, analysis, ui_language)
    values: dict[str, str] = {}
    if record is not None:
        customer = record.customer
        first = _clean(customer.first_name)
        salutation = _clean(customer.salutation)
        values["first_name"] = first
        if language == "id":
            values["salutation"] = salutation
            values["name"] = f"{salutation} {first}" if salutation and first else first
        else:
            english = _EN_SALUTATION.get(salutation, "")
            values["salutation"] = english
            values["name"] = f"{english} {first}" if english and first else first
    tx = affected_transaction(record, analysis)
    named = mentioned_transactions(record, analysis)
    # Only a reference on this customer's record goes into a reply.
    if tx is not None and tx.reference:
        values["order_ref"] = _clean(tx.reference)
    if tx is not None:
        values["item"] = _clean(tx.description)
        eta = tx.extra.get("eta") or tx.extra.get("estimated_delivery")
        if eta:
            values["eta"] = format_eta(eta, language)
    amounts = analysis.amounts() if analysis is not None else []
    if amounts and isinstance(amounts[0].get("amount_minor"), int):
        values["amount"] = format_money(
            int(amounts[0]["amount_minor"]), str(amounts[0].get("currency", "IDR"))
        )
    elif tx is not None and tx.amount_minor > 0:
        values["amount"] = format_money(tx.amount_minor, tx.currency)
    days: int | None = None
    waited = analysis.waiting_days() if analysis is not None else None
    if waited is not None and waited >= 1:
        days = round(waited)
    elif tx is not None and (analysis is None or analysis.issue in WAITING_ISSUES):
        age = (now - tx.created_at).days
        if age >= 1:
            days = age
    if days is not None:
        values["days_waiting"] = format_days(days, language)
    if analysis is not None and analysis.issue != GENERIC_ISSUE:
        values["issue"] = issue_label(language, analysis.issue_name_key())
    if agent_name.strip():
        values["agent_name"] = _clean(agent_name)
    values["deadline"] = deadline_text(now, hours or WorkingHours(), language)
    return ConversationContext(
        language=language,
        register=choose_register(record, language),
        channel=channel,
        values={k: v for k, v in values.items() if v},
        days_waiting=days,
        transaction=tx,
        facts=cache_facts(tx, named_on_record=bool(named)),
        foreign_refs=tuple(foreign_refs(record, analysis)),
        awaited=awaited_of(analysis),
    )
