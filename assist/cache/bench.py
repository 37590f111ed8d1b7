"""``peka bench cache``: the cache's speed targets, measured on a real-sized file."""

from __future__ import annotations

import csv
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from assist.cache.demo import generate_demo_cache
from assist.cache.demo_catalog import PRODUCTS
from assist.cache.errors import E202
from assist.cache.importer import import_files
from assist.cache.store import Cache
from assist.errors import PekaError


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _ms(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(samples) * 1000, 3),
        "p95_ms": round(_percentile(samples, 0.95) * 1000, 3),
    }


def _queries(rng: random.Random, customers: list[tuple[Any, ...]], refs: list[str]) -> list[str]:
    """Mixed queries as agents type them: names, partial names, phones, e-mails, references."""
    queries: list[str] = []
    for cid, name, phone, email in customers:
        words = name.split()
        queries.append(name)
        queries.append(name.lower()[: max(3, len(name) // 2)])
        queries.append(" ".join(w[:4] for w in words[-2:]))
        if phone:
            local = "0" + phone[3:]
            queries.append(phone)
            queries.append(f"{local[:4]}-{local[4:8]}-{local[8:]}")
            queries.append(phone[1:])
            queries.append(phone[-6:])
        if email:
            queries.append(email)
        queries.append(cid)
    for ref in refs:
        queries.append(ref)
        queries.append(ref.lower().replace("/", " "))
        queries.append(ref[-8:])
    rng.shuffle(queries)
    return queries


def _import_sample(cache: Cache, rows: int, rng: random.Random) -> dict[str, Any]:
    """Import a customers file and ``rows`` transactions into a fresh cache; rows per second."""
    with cache.reading() as conn:
        people = conn.execute(
            "SELECT id, full_name, salutation, phone, email, language, tier, customer_since"
            " FROM customers LIMIT 20000"
        ).fetchall()
    amounts = ("{}", "Rp {}", "{}rb")
    # One description in ten has a comma, so its CSV value is quoted, as in real exports.
    descriptions = ["Rice cooker Miyako 1,8 L", *[d for d, _ in PRODUCTS if "," not in d][:9]]
    with tempfile.TemporaryDirectory(prefix="peka-bench-") as folder:
        base = Path(folder)
        customers_csv = base / "customers.csv"
        with customers_csv.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                ["id", "full_name", "salutation", "phone", "email", "language", "tier",
                 "customer_since"]
            )  # fmt: skip
            writer.writerows(people)
        tx_csv = base / "transactions.csv"
        with tx_csv.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                ["id", "customer_id", "created_at", "kind", "description", "reference", "amount",
                 "status", "channel"]
            )  # fmt: skip
            for n in range(rows):
                rupiah = rng.randrange(10, 5000) * 1000
                form = amounts[n % 3]
                amount = form.format(f"{rupiah // 1000}" if form.endswith("rb") else rupiah)
                if form.startswith("Rp"):
                    amount = "Rp " + f"{rupiah:,}".replace(",", ".")
                day = rng.randrange(1, 28)
                created = (
                    f"2024-03-{day:02d}T10:{n % 60:02d}:00+07:00" if n % 2 else f"{day:02d}/03/2024"
                )
                writer.writerow(
                    [f"B{n:09d}", people[n % len(people)][0], created, "order",
                     descriptions[n % 10], f"ORD-2403{n:08d}", amount, "completed", "app"]
                )  # fmt: skip
        target = Cache.open(base / "import.sqlite")
        try:
            started = time.perf_counter()
            result = import_files(target, [customers_csv, tx_csv])
            seconds = time.perf_counter() - started
            # The same files again: every row exists and is unchanged (the upsert path).
            started = time.perf_counter()
            import_files(target, [customers_csv, tx_csv])
            again = time.perf_counter() - started
        finally:
            target.close()
    total = len(people) + rows
    return {
        "import_rows": total,
        "import_s": round(seconds, 3),
        "import_rows_per_s": round(total / seconds),
        "import_ok": result.ok,
        "reimport_rows_per_s": round(total / again),
    }


def run_bench(
    db: Path,
    *,
    generate: bool = False,
    customers: int = 100_000,
    seed: int = 7,
    samples: int = 400,
    import_rows: int = 200_000,
) -> dict[str, Any]:
    report: dict[str, Any] = {}
    if not db.exists():
        if not generate:
            raise PekaError(
                E202, f"No cache at {db}. Pass --generate to create a demo cache there first."
            )
        stats = generate_demo_cache(db, customers=customers, seed=seed)
        report["generate_s"] = round(stats.seconds, 2)
    rng = random.Random(seed)
    with Cache.open(db) as cache:
        info = cache.stats()
        report.update(
            customers=info.customers,
            transactions=info.transactions,
            interactions=info.interactions,
            size_bytes=info.size_bytes,
        )
        with cache.reading() as conn:
            sample = conn.execute(
                "SELECT id, full_name, phone, email FROM customers ORDER BY random() LIMIT ?",
                (max(1, samples // 10),),
            ).fetchall()
            refs = [
                r[0]
                for r in conn.execute(
                    "SELECT reference FROM transactions WHERE rowid IN "
                    "(SELECT abs(random()) % (SELECT max(rowid) FROM transactions) + 1"
                    " FROM customers LIMIT ?) AND reference IS NOT NULL",
                    (max(1, samples // 10),),
                )
            ]
        ids = [row[0] for row in sample]
        opens: list[float] = []
        for n in range(samples):
            started = time.perf_counter()
            cache.open_customer(ids[n % len(ids)], transactions=50)
            opens.append(time.perf_counter() - started)
        report.update({f"open_customer_{k}": v for k, v in _ms(opens).items()})
        queries = _queries(rng, sample, refs)
        found = 0
        searches: list[float] = []
        for query in queries:
            started = time.perf_counter()
            hits = cache.search(query)
            searches.append(time.perf_counter() - started)
            found += bool(hits)
        report.update({f"search_{k}": v for k, v in _ms(searches).items()})
        report["search_queries"] = len(queries)
        report["search_found_share"] = round(found / max(1, len(queries)), 3)
        if import_rows > 0:
            report.update(_import_sample(cache, import_rows, rng))
    return report
