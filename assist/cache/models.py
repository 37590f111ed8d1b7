"""What the rest of Peka reads from the customer cache (plain, frozen dataclasses).

Amounts are integer minor units with an ISO 4217 currency (``assist.money``); times
are timezone-aware UTC ``datetime`` objects; phones are normalised ``+62…``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# Statuses that mean something went wrong for the customer: highlighted in the sidebar
# and weighed by compensation.
PROBLEM_STATUSES = frozenset({"delayed", "failed", "disputed", "lost", "returned", "on_hold"})

SALUTATIONS = ("Bapak", "Ibu", "Kak", "")  # "" means: address by first name


@dataclass(frozen=True, slots=True)
class Customer:
    id: str
    full_name: str
    salutation: str  # Bapak, Ibu, Kak, or "" to use the first name alone
    phone: str | None
    email: str | None
    language: str  # "id" or "en"
    tier: str  # regular, silver, gold, platinum
    customer_since: date | None
    notes: str = ""

    @property
    def first_name(self) -> str:
        words = self.full_name.split()
        # Balinese names start with a gender marker ("I Wayan", "Ni Made"): the name is next.
        if len(words) > 1 and words[0] in ("I", "Ni"):
            return words[1]
        return words[0] if words else self.full_name

    @property
    def address_as(self) -> str:
        """How an agent greets them: "Bapak Budi", "Kak Rina", or "Sarah"."""
        if self.salutation:
            return f"{self.salutation} {self.first_name}"
        return self.first_name


@dataclass(frozen=True, slots=True)
class Transaction:
    id: str
    customer_id: str
    created_at: datetime
    kind: str  # order, payment, refund, subscription, service_visit, topup, …
    description: str
    reference: str | None  # order / invoice / booking number as the customer sees it
    amount_minor: int
    currency: str
    status: str  # completed, in_transit, delayed, cancelled, refunded, failed, disputed, …
    status_changed_at: datetime | None
    channel: str | None  # app, web, store, phone, …
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_problem(self) -> bool:
        return self.status in PROBLEM_STATUSES


@dataclass(frozen=True, slots=True)
class Interaction:
    id: str
    customer_id: str
    occurred_at: datetime
    channel: str  # chat, email, phone
    summary: str
    outcome: str  # resolved, follow_up, escalated, …
    sentiment: str | None  # negative, neutral, positive
    csat: int | None  # 1..5


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """Everything the sidebar shows for one customer, read in one go."""

    customer: Customer
    preferences: dict[str, str]
    transactions: list[Transaction]  # newest first
    interactions: list[Interaction]  # newest first


@dataclass(frozen=True, slots=True)
class SearchHit:
    customer_id: str
    full_name: str
    salutation: str
    phone: str | None
    email: str | None
    tier: str
    matched: str  # which field matched: name, phone, email, reference, id
    matched_value: str
    # The customer's latest transaction or interaction: ranks namesakes (the one who
    # is in touch now comes first) and tells them apart in the list.
    last_activity: datetime | None = None
