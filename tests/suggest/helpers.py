"""Hand-built customers, analyses and a small keyword engine for suggestion tests.

The real language engine is exercised in test_engine_integration.py; these fakes keep
the rest of the folder fast and independent of the trained pipelines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from assist.cache.models import Customer, CustomerRecord, Transaction
from assist.nlp.models import CHECKLIST_STEPS, DraftAnalysis, Entity, MessageAnalysis

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
# Words that say a parcel is on its way: a phrase holding one must be tagged for parcels.
PARCEL_WORDS = re.compile(
    r"\b(paket\w*|kurir\w*|ekspedisi|kiriman\w*|parcel|courier|package|in transit"
    r"|belum (?:juga )?sampai|dijadwalkan tiba|barang ini|arriv\w*|late delivery"
    r"|pesanan|order)\b",
    re.IGNORECASE,
)


def customer(
    *,
    cid: str = "C001",
    full_name: str = "Budi Santoso",
    salutation: str = "Bapak",
    language: str = "id",
    transactions: list[Transaction] | None = None,
    preferences: dict[str, str] | None = None,
) -> CustomerRecord:
    return CustomerRecord(
        customer=Customer(
            id=cid,
            full_name=full_name,
            salutation=salutation,
            phone="+6281234567890",
            email="budi@example.com",
            language=language,
            tier="gold",
            customer_since=date(2021, 5, 1),
        ),
        preferences=preferences or {},
        transactions=transactions if transactions is not None else [order()],
        interactions=[],
    )


def order(
    *,
    ref: str = "INV-2025-00042",
    status: str = "delayed",
    days_ago: int = 5,
    amount_minor: int = 35_000_000,
    description: str = "Rice cooker 1,8 L",
    extra: dict[str, object] | None = None,
) -> Transaction:
    created = NOW - timedelta(days=days_ago)
    return Transaction(
        id=f"T-{ref}",
        customer_id="C001",
        created_at=created,
        kind="order",
        description=description,
        reference=ref,
        amount_minor=amount_minor,
        currency="IDR",
        status=status,
        status_changed_at=created,
        channel="app",
        extra=dict(extra or {}),
    )


def analysis(
    *,
    text: str = "Pesanan saya belum sampai juga!",
    language: str = "id",
    emotion: str = "angry",
    intensity: float = 0.8,
    issue: str = "delivery_delay",
    fault: str = "company",
    refs: tuple[str, ...] = (),
    waiting_days: float | None = None,
    amount_minor: int | None = None,
) -> MessageAnalysis:
    entities = [Entity(0, 1, "order_ref", r, r) for r in refs]
    if waiting_days is not None:
        entities.append(Entity(0, 1, "duration", "x hari", {"days": waiting_days, "iso": "P1D"}))
    if amount_minor is not None:
        entities.append(
            Entity(0, 1, "money", "Rp", {"amount_minor": amount_minor, "currency": "IDR"})
        )
    sentiment = "negative" if emotion not in ("neutral", "happy") else "positive"
    return MessageAnalysis(
        text=text,
        language=language,
        emotion=emotion,
        emotion_scores={emotion: 0.9},
        intensity=intensity,
        sentiment=sentiment,
        sentiment_scores={sentiment: 0.9},
        issue=issue,
        issue_scores={issue: 0.9},
        fault=fault,
        fault_reason="test",
        entities=entities,
    )


# Keyword cues per function: enough for tests to see "the draft covers X".
_CUES = {
    "acknowledge_feeling": r"\b(paham|mengerti|understand|i hear|kebayang)\b",
    "validate_feeling": r"\b(wajar|understandable|reasonable|masuk akal)\b",
    "acknowledge_impact": r"\b(mengganggu|disrupt\w*|repot|hassle)\b",
    "apologise": r"\b(maaf|sorry|apolog\w*)\b",
    "thank": r"\b(terima kasih|makasih|thank\w*)\b",
    "commit_action": r"\b(saya cek|aku cek|akan|i'll|i will|we'll)\b",
    "reassure": r"\b(tenang|jangan khawatir|don't worry|aman)\b",
    "check_satisfaction": r"\b(ada lagi|anything else|sudah jelas)\b",
}


@dataclass
class FakeEngine:
    """analyze() returns the queued analyses; coach() spots functions by keyword."""

    queued: list[MessageAnalysis] = field(default_factory=list)
    coach_calls: int = 0
    findings: list[object] = field(default_factory=list)

    def analyze(self, text: str) -> MessageAnalysis:
        if self.queued:
            return self.queued.pop(0)
        return analysis(text=text)

    def coach(
        self,
        text: str,
        *,
        name: str | None = None,
        salutation: str | None = None,
        language: str | None = None,
    ) -> DraftAnalysis:
        self.coach_calls += 1
        present = frozenset(f for f, cue in _CUES.items() if re.search(cue, text, re.I))
        checklist = dict.fromkeys(CHECKLIST_STEPS, False)
        checklist["feeling_acknowledged"] = "acknowledge_feeling" in present
        checklist["action_committed"] = "commit_action" in present
        first = (name or "").split()[-1] if name else ""
        return DraftAnalysis(
            text=text,
            language=language or "id",
            checklist=checklist,
            action_has_time=False,
            tone="neutral",
            findings=list(self.findings),  # type: ignore[arg-type]
            apology_count=len(re.findall(r"\b(maaf|sorry)\b", text, re.I)),
            name_used=(first.casefold() in text.casefold()) if first else None,
            functions_present=present,
        )
