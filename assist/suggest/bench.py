"""``peka bench suggest``: keystroke latency of AssistSession.update().

Times the full update (engine coaching + ranking + context coaching) on a 1,000
character draft with the whole phrase library, and separately the language engine's
``coach`` and everything else, so a slow part is easy to name.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from assist.cache.models import Customer, CustomerRecord, Transaction
from assist.nlp.models import DraftAnalysis, MessageAnalysis
from assist.suggest.library import PhraseLibrary

MESSAGE = (
    "Sudah 6 hari pesanan INV-2025-00042 belum sampai juga!! Saya sangat kecewa, "
    "padahal barangnya mau dipakai untuk acara keluarga. Tolong segera dicek."
)
_DRAFT_SEED = (
    "Halo Bapak Budi, saya paham betapa kesalnya Bapak menunggu selama ini tanpa kabar "
    "yang jelas. Saya sudah memeriksa pesanan INV-2025-00042 dan melihat paketnya tertahan "
    "di gudang transit sejak tiga hari lalu. Saya akan menghubungi pihak ekspedisi hari ini "
    "dan mengabari Bapak paling lambat pukul 17.00. Mohon maaf atas keterlambatan ini. "
)


def _draft(length: int = 1000) -> str:
    text = _DRAFT_SEED
    while len(text) < length:
        text += _DRAFT_SEED
    return text[:length]


def _record() -> CustomerRecord:
    now = datetime.now(UTC)
    return CustomerRecord(
        customer=Customer(
            id="BENCH-1",
            full_name="Budi Santoso",
            salutation="Bapak",
            phone="+6281200000000",
            email=None,
            language="id",
            tier="gold",
            customer_since=date(2020, 1, 1),
        ),
        preferences={},
        transactions=[
            Transaction(
                id="T1",
                customer_id="BENCH-1",
                created_at=now - timedelta(days=6),
                kind="order",
                description="Rice cooker 1,8 L",
                reference="INV-2025-00042",
                amount_minor=35_000_000,
                currency="IDR",
                status="delayed",
                status_changed_at=now - timedelta(days=3),
                channel="app",
            )
        ],
        interactions=[],
    )


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 3)


class _FixedCoachEngine:
    """The real analysis, with a pre-computed draft analysis: times everything but coach."""

    def __init__(self, engine: Any, draft: DraftAnalysis) -> None:
        self.engine = engine
        self.draft = draft

    def analyze(self, text: str) -> MessageAnalysis:
        result: MessageAnalysis = self.engine.analyze(text)
        return result

    def coach(self, text: str, **_: Any) -> DraftAnalysis:
        return self.draft


def run(keystrokes: int = 400) -> dict[str, Any]:
    from assist.nlp import load_engine
    from assist.session import AssistSession

    started = time.perf_counter()
    library = PhraseLibrary.load()
    library_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    engine = load_engine()
    engine_ms = (time.perf_counter() - started) * 1000
    record = _record()
    base = _draft()
    drafts = [base[:-1] + "abcdefghij"[i % 10] for i in range(keystrokes)]

    session = AssistSession(engine, library, agent_id="bench", channel="chat")
    session.set_customer(record)
    started = time.perf_counter()
    session.add_customer_message(MESSAGE)
    message_ms = (time.perf_counter() - started) * 1000
    session.update(drafts[0])  # warm up caches

    update_ms: list[float] = []
    for draft in drafts:
        t0 = time.perf_counter()
        session.update(draft)
        update_ms.append((time.perf_counter() - t0) * 1000)

    ctx = session.candidates.context
    coach_ms: list[float] = []
    for draft in drafts:
        t0 = time.perf_counter()
        engine.coach(
            draft,
            name=ctx.values.get("name"),
            salutation=ctx.values.get("salutation"),
            language=ctx.language,
        )
        coach_ms.append((time.perf_counter() - t0) * 1000)

    fixed = _FixedCoachEngine(
        engine, engine.coach(base, name=ctx.values.get("name"), language=ctx.language)
    )
    own = AssistSession(fixed, library, agent_id="bench", channel="chat")
    own.set_customer(record)
    own.add_customer_message(MESSAGE)
    own_ms: list[float] = []
    for draft in drafts:
        t0 = time.perf_counter()
        own.update(draft)
        own_ms.append((time.perf_counter() - t0) * 1000)

    return {
        "phrases": len(library),
        "keystrokes": keystrokes,
        "draft_chars": len(base),
        "library_load_ms": round(library_ms, 1),
        "engine_load_ms": round(engine_ms, 1),
        "add_customer_message_ms": round(message_ms, 2),
        "candidates": sum(len(v) for v in session.candidates.by_function.values()),
        "update_p50_ms": _p(update_ms, 0.5),
        "update_p95_ms": _p(update_ms, 0.95),
        "update_max_ms": round(max(update_ms), 3),
        "update_mean_ms": round(statistics.fmean(update_ms), 3),
        "engine_coach_p50_ms": _p(coach_ms, 0.5),
        "engine_coach_p95_ms": _p(coach_ms, 0.95),
        "suggest_only_p95_ms": _p(own_ms, 0.95),
        "target_update_p95_ms": 5.0,
    }
