"""A sample customer and case for previews (Qt-free): no real customer data needed.

The supervisor adjusts the few facts that decide compensation and phrasing – tier,
issue, emotion, fault, the order's amount and status – and sees what an agent would see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from assist.authority.models import CompensationCase
from assist.cache.models import Customer, CustomerRecord, Transaction
from assist.nlp.models import EMOTIONS, ISSUES, MessageAnalysis


@dataclass(frozen=True)
class SampleCase:
    tier: str = "gold"
    issue: str = "delivery_delay"
    emotion: str = "disappointed"
    fault: str = "company"
    amount_minor: int = 35_000_000  # Rp 350.000
    status: str = "delayed"
    waiting_days: int = 5
    language: str = "id"


def sample_record(case: SampleCase, now: datetime | None = None) -> CustomerRecord:
    now = now or datetime.now(UTC)
    english = case.language == "en"
    customer = Customer(
        id="SAMPLE-0001",
        full_name="Sarah Wijaya" if english else "Budi Santoso",
        salutation="" if english else "Bapak",
        phone="+6281234567890",
        email="sample@example.com",
        language=case.language,
        tier=case.tier,
        customer_since=date(2021, 3, 1),
    )
    order = Transaction(
        id="SAMPLE-TX-1",
        customer_id=customer.id,
        created_at=now - timedelta(days=case.waiting_days),
        kind="order",
        description="Rice cooker 1.8 L" if english else "Rice cooker 1,8 L",
        reference="INV-2026-00123",
        amount_minor=case.amount_minor,
        currency="IDR",
        status=case.status,
        status_changed_at=now - timedelta(days=case.waiting_days),
        channel="app",
        extra={"eta": (now + timedelta(days=2)).date().isoformat()},
    )
    return CustomerRecord(customer, {}, [order], [])


def sample_analysis(case: SampleCase) -> MessageAnalysis:
    emotion = case.emotion if case.emotion in EMOTIONS else "neutral"
    issue = case.issue if case.issue in ISSUES else "other"
    negative = emotion in ("angry", "disappointed", "anxious")
    return MessageAnalysis(
        text="",
        language=case.language,
        emotion=emotion,
        emotion_scores={emotion: 1.0},
        intensity=0.7 if negative else 0.2,
        sentiment="negative" if negative else "neutral",
        sentiment_scores={"negative" if negative else "neutral": 1.0},
        issue=issue,
        issue_scores={issue: 1.0},
        fault=case.fault,
        fault_reason="sample case",
    )


def sample_case(agent_id: str, case: SampleCase, now: datetime | None = None) -> CompensationCase:
    record = sample_record(case, now)
    return CompensationCase(
        agent_id=agent_id,
        record=record,
        analysis=sample_analysis(case),
        transactions=list(record.transactions),
    )
