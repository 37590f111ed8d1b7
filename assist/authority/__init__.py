"""Compensation within the agent's authority: signed policy, ledger, approvals and audit.

Start with :class:`AuthorityService` (``assist.authority.service``); see docs/authority.md.
"""

from __future__ import annotations

from assist.authority.approvals import ApprovalRequest
from assist.authority.ledger import Grant
from assist.authority.models import (
    REQUIRES_APPROVAL,
    WITHIN_AUTHORITY,
    CompensationAdvisor,
    CompensationCase,
    CompensationOption,
)
from assist.authority.rules import GrantFacts, TransactionFacts
from assist.authority.service import AuthorityService, PolicyStatus

__all__ = [
    "REQUIRES_APPROVAL",
    "WITHIN_AUTHORITY",
    "ApprovalRequest",
    "AuthorityService",
    "CompensationAdvisor",
    "CompensationCase",
    "CompensationOption",
    "Grant",
    "GrantFacts",
    "PolicyStatus",
    "TransactionFacts",
]
