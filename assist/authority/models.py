"""The compensation seam between the authority engine and the suggestion session."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from assist.cache.models import CustomerRecord, Transaction
from assist.nlp.models import MessageAnalysis

WITHIN_AUTHORITY = "within_authority"
REQUIRES_APPROVAL = "requires_approval"


@dataclass(frozen=True, slots=True)
class CompensationCase:
    """One customer's problem as the authority engine sees it."""

    agent_id: str
    record: CustomerRecord
    analysis: MessageAnalysis | None
    transactions: list[Transaction] = field(default_factory=list)  # the affected ones


@dataclass(frozen=True, slots=True)
class CompensationOption:
    type: str  # voucher, shipping_fee_waiver, partial_refund, full_refund, cashback, …
    label: str  # shown to the agent, in the interface language
    amount_minor: int
    currency: str
    status: str  # WITHIN_AUTHORITY or REQUIRES_APPROVAL
    budget_left_minor: int | None  # the agent's daily budget left for this type
    reason: str  # one line: why this option fits this case
    needs_reason: bool = False  # the policy asks for a written reason
    transaction_id: str | None = None
    score: float = 0.0
    unit: str = "money"  # "money", or "days" for service credit

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class CompensationAdvisor(Protocol):
    """Anything that can list the compensation options for a case."""

    def options(self, case: CompensationCase) -> list[CompensationOption]: ...
