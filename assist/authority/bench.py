"""``peka bench authority``: how long options and grants take on a filled ledger."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from assist.authority.demo import install_demo_policy
from assist.authority.models import CompensationCase
from assist.authority.service import AuthorityService
from assist.cache.models import Customer, CustomerRecord, Transaction
from assist.nlp.models import Entity, MessageAnalysis


def _case(now: datetime, n: int) -> CompensationCase:
    tx = Transaction(
        f"T{n}",
        f"C{n}",
        now - timedelta(days=4),
        "order",
        "Sepatu",
        f"INV-{n}",
        45_000_000,
        "IDR",
        "delayed",
        now - timedelta(days=3),
        "app",
    )
    customer = Customer(f"C{n}", "Rina Wijaya", "Ibu", None, None, "id", "gold", None)
    analysis = MessageAnalysis(
        "Sudah 5 hari belum sampai!!",
        "id",
        "angry",
        {},
        0.8,
        "negative",
        {},
        "delivery_delay",
        {},
        "company",
        "",
        [],
        [Entity(0, 6, "duration", "5 hari", {"days": 5.0, "iso": "P5D"})],
    )
    return CompensationCase("bench", CustomerRecord(customer, {}, [tx], []), analysis, [tx])


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 3),
    }


def run_bench(grants: int = 2000, rounds: int = 200) -> dict[str, Any]:
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        demo = install_demo_policy(base / "demo", now=now)
        service = AuthorityService.open(
            ledger_path=base / "ledger.sqlite",
            policy_path=demo.policy_path,
            keys_dir=demo.keys_dir,
            agent_id="bench",
            clock=lambda: now,
        )
        service.status()
        grant_times = []
        for n in range(grants):
            start = time.perf_counter()
            service.grant(
                customer_id=f"C{n % 500}",
                type="pulsa_bonus",
                amount_minor=100,
                idempotency_key=f"k{n}",
            )
            grant_times.append(time.perf_counter() - start)
        option_times = []
        for n in range(rounds):
            case = _case(now, n % 500)
            start = time.perf_counter()
            service.options(case, "id")
            option_times.append(time.perf_counter() - start)
        status_times = []
        for _ in range(rounds):
            start = time.perf_counter()
            service.status()
            status_times.append(time.perf_counter() - start)
        verify_start = time.perf_counter()
        report = service.verify_audit()
        verify_s = time.perf_counter() - verify_start
    return {
        "ledger_grants": grants,
        "grant": _ms(grant_times),
        "options": _ms(option_times),
        "status": _ms(status_times),
        "audit_verify_s": round(verify_s, 3),
        "audit_ok": report.ok,
    }
