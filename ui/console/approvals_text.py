"""How an approval request reads to the supervisor: the compensation by its label, the
customer by name, the case row by row, in the interface language (plain text)."""

from __future__ import annotations

from datetime import datetime

from assist.authority.approvals import ApprovalRequest
from assist.formatting import format_moment, format_money, format_number
from assist.reports.report import type_labels
from ui.i18n import tr, tr_or, translator

# Case facts the sidebar sends whose values the interface can name ("issue.delivery_delay").
NAMED_VALUES = ("issue", "emotion", "fault")


# Context keys shown in rows of their own (not in the generic list).
OWN_ROWS = ("customer_name", "tier_name")


def what_text(request: ApprovalRequest, labels: dict[str, str] | None = None) -> str:
    """``Pengembalian dana penuh: Rp 2.774.000``, never the raw id ``full_refund``."""
    language = translator().language
    label = (labels or {}).get(request.type) or type_labels(None, language).get(request.type)
    name = label or request.type.replace("_", " ").capitalize()
    if request.unit == "days":
        amount = tr("comp.days", days=format_number(request.amount_minor, language))
    else:
        amount = format_money(request.amount_minor, request.currency or "IDR", language)
    return f"{name}: {amount}"


def customer_text(request: ApprovalRequest) -> str:
    name = request.context.get("customer_name", "").strip()
    return f"{name} ({request.customer_id})" if name else request.customer_id


def describe_request(
    request: ApprovalRequest, now: datetime, labels: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """The case as the supervisor reads it before deciding, in the interface language:
    the compensation by its label, the customer by name, times in local time.

    Everything the agent wrote (reason, ids) is passed through unchanged, as plain text."""
    language = translator().language
    left = request.expires_at - now
    hours = max(0, int(left.total_seconds() // 3600))
    when = format_moment(request.expires_at, language)
    expiry = (
        tr("console.approvals.expired", when=when)
        if left.total_seconds() <= 0
        else tr("console.approvals.expires_in", when=when, hours=hours)
    )
    rows = [
        (tr("console.approvals.row.request"), request.request_id),
        (tr("console.approvals.row.agent"), request.agent_id),
        (tr("console.approvals.row.customer"), customer_text(request)),
        (tr("console.approvals.row.compensation"), what_text(request, labels)),
    ]
    if request.transaction_id:
        paid = (
            format_money(request.transaction_amount_minor, request.currency or "IDR", language)
            if request.transaction_amount_minor is not None
            else tr("console.approvals.amount_unknown")
        )
        rows.append((tr("console.approvals.row.transaction"), f"{request.transaction_id} ({paid})"))
    rows.append(
        (tr("console.approvals.row.reason"), request.reason or tr("console.approvals.no_reason"))
    )
    for key, value in sorted(request.context.items()):
        if key in OWN_ROWS:
            continue
        label = tr_or(f"console.approvals.row.{key}", key.replace("_", " ").capitalize())
        shown = tr_or(f"{key}.{value}", value) if key in NAMED_VALUES else value
        rows.append((label, shown))
    rows.append(
        (tr("console.approvals.row.requested"), format_moment(request.created_at, language))
    )
    rows.append((tr("console.approvals.row.expires"), expiry))
    return rows
