"""``peka bench sync``: a throwaway PostgreSQL source filled with generated customers,
synced into an empty cache (initial), then 1 % of customers and their transactions
changed at the source and synced again (incremental). The sidebar part
(``gui_block_max_ms``) is measured by ``ui.sync_bench``: the real sidebar runs the
incremental sync itself, from a sources file naming this source.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.cache.store import Cache
from assist.sync.runner import RunResult, sync_source
from assist.sync.sqlsource import SqlSource

BATCH_SIZE = 20_000
SOURCE_NAME = "bench-crm"

_FILL = """
CREATE SCHEMA crm;
CREATE TABLE crm.customers AS
SELECT 'C' || lpad(i::text, 6, '0') AS id,
       (ARRAY['Sri','Budi','Putri','Hotman','Wayan','Andi','Kevin','Siti','Agus',
              'Dewi'])[i % 10 + 1]
         || ' ' ||
       (ARRAY['Wahyuni','Santoso','Lestari','Simanjuntak','Sudarsana','Tanoto','Rahayu',
              'Saputra','Pratama','Nasution'])[(i / 10) % 10 + 1] AS full_name,
       (ARRAY['Ibu','Bapak','Kak',''])[i % 4 + 1] AS salutation,
       '+62812' || lpad(i::text, 8, '0') AS phone,
       'pelanggan' || i || '@example.co.id' AS email,
       CASE WHEN i % 7 = 0 THEN 'en' ELSE 'id' END AS language,
       (ARRAY['regular','silver','gold','platinum'])[i % 4 + 1] AS tier,
       date '2018-01-01' + (i % 2500) AS customer_since,
       CASE WHEN i % 5 = 0 THEN 'Pelanggan lama, suka dihubungi lewat WhatsApp' ELSE '' END
         AS notes,
       timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second' AS updated_at
FROM generate_series(1, :customers) AS i;
ALTER TABLE crm.customers ADD PRIMARY KEY (id);
CREATE INDEX ON crm.customers (updated_at, id);
CREATE TABLE crm.transactions AS
SELECT 'T' || lpad(n::text, 9, '0') AS id,
       'C' || lpad(((n - 1) / :per + 1)::text, 6, '0') AS customer_id,
       timestamptz '2024-01-01 00:00:00+00' + n * interval '29 seconds' AS created_at,
       (ARRAY['order','payment','refund','topup','bill'])[n % 5 + 1] AS kind,
       (ARRAY['Rice cooker Miyako 1,8 L','Pulsa 100rb','Paket data 20 GB',
              'Tagihan internet','Kulkas 2 pintu'])[n % 5 + 1] AS description,
       'INV/2024/MPL/' || n AS reference,
       ((n % 900 + 1) * 1000)::numeric(14, 2) AS amount,
       'IDR' AS currency,
       (ARRAY['completed','delivered','in_transit','delayed','refunded','completed'])[n % 6 + 1]
         AS status,
       NULL::timestamptz AS status_changed_at,
       (ARRAY['app','web','store'])[n % 3 + 1] AS channel,
       timestamptz '2026-01-02 00:00:00+00' + n * interval '10 milliseconds' AS updated_at
FROM generate_series(1, :customers * :per) AS n;
ALTER TABLE crm.transactions ADD PRIMARY KEY (id);
CREATE INDEX ON crm.transactions (updated_at, id);
ANALYZE crm.customers;
ANALYZE crm.transactions;
"""

QUERIES = {
    "customers": "SELECT id, full_name, salutation, phone, email, language, tier,"
    " customer_since, notes, updated_at FROM crm.customers",
    "transactions": "SELECT id, customer_id, created_at, kind, description, reference, amount,"
    " currency, status, status_changed_at, channel, updated_at FROM crm.transactions",
}


@dataclass
class BenchSource:
    dsn: str
    customers: int
    transactions: int
    password: str  # the throwaway cluster's; IT's would be in the keyring

    def connector(self) -> SqlSource:
        return SqlSource(SOURCE_NAME, self.dsn, QUERIES, password=self.password)

    def write_sources_file(self, path: Path) -> Path:
        """A sources file (docs/sync.md) naming this source, as IT would write it: the
        DSN without its password (the caller hands the password over as the keyring
        would)."""
        import tomlkit
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        parts = {k: v for k, v in conninfo_to_dict(self.dsn).items() if k != "password"}
        document = tomlkit.document()
        sources = tomlkit.table(is_super_table=True)
        source = tomlkit.table()
        source.add("kind", "sql")
        source.add("dsn", make_conninfo(**{k: str(v) for k, v in parts.items()}))
        source.add("batch_size", BATCH_SIZE)
        source.add("queries", dict(QUERIES))
        sources.add(SOURCE_NAME, source)
        document.add("sources", sources)
        path.write_text(tomlkit.dumps(document), encoding="utf-8")
        return path

    def change_share(self, share: float) -> int:
        """Change ``share`` of the customers and all their transactions at the source."""
        import psycopg

        step = max(1, round(1 / share))
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(
                "UPDATE crm.customers SET tier = 'gold', notes = 'Diperbarui', updated_at = now()"
                " WHERE substr(id, 2)::int %% %s = 0",
                (step,),
            )
            conn.execute(
                "UPDATE crm.transactions SET status = 'delayed', updated_at = now()"
                " WHERE substr(customer_id, 2)::int %% %s = 0",
                (step,),
            )
            row = conn.execute(
                "SELECT count(*) FROM crm.transactions WHERE substr(customer_id, 2)::int %% %s = 0",
                (step,),
            ).fetchone()
        return self.customers // step + (int(row[0]) if row else 0)


@contextmanager
def bench_source(customers: int, per_customer: int) -> Iterator[BenchSource]:
    """A throwaway PostgreSQL cluster holding the generated CRM."""
    import psycopg

    from assist.team.pgcluster import PgCluster

    cluster = PgCluster.start(fast=True, settings={"shared_buffers": "256MB"})
    try:
        dsn = cluster.create_database("crm")
        with psycopg.connect(dsn, autocommit=True) as conn:
            fill = _FILL.replace(":customers", str(int(customers))).replace(
                ":per", str(int(per_customer))
            )
            conn.execute(fill)
        yield BenchSource(dsn, customers, customers * per_customer, cluster.password)
    finally:
        cluster.stop()


def timed_sync(cache: Cache, source: BenchSource) -> tuple[RunResult, float, float]:
    """The run, its wall time and this process's CPU time (both of the run's threads)."""
    started = time.perf_counter()
    cpu = time.process_time()
    result = sync_source(cache, source.connector(), batch_size=BATCH_SIZE)
    if not result.ok:
        raise RuntimeError(result.error)
    return result, time.perf_counter() - started, time.process_time() - cpu


def run_bench(
    *,
    customers: int = 100_000,
    per_customer: int = 20,
    changed_share: float = 0.01,
    during_incremental: Callable[[BenchSource, Path], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Fill, sync, change, sync again; ``during_incremental(source, cache_path)`` runs the
    incremental sync its own way (the sidebar part) and returns its measures."""
    out: dict[str, Any] = {}
    with bench_source(customers, per_customer) as source, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cache.sqlite"
        with Cache.open(path) as cache:
            initial, seconds, cpu_s = timed_sync(cache, source)
            stats = cache.stats()
        out["customers"] = stats.customers
        out["transactions"] = stats.transactions
        out["initial_rows"] = initial.rows
        out["initial_s"] = round(seconds, 2)
        out["initial_rows_per_s"] = round(initial.rows / seconds)
        # This process's CPU time for the fill (both its threads): on a shared machine the
        # wall time also holds waits for a core, this does not.
        out["initial_cpu_s"] = round(cpu_s, 2)
        out["initial_rows_per_cpu_s"] = round(initial.rows / cpu_s) if cpu_s else None
        changed = source.change_share(changed_share)
        out["changed_rows"] = changed

        if during_incremental is not None:
            out.update(during_incremental(source, path))
        else:
            with Cache.open(path) as cache:
                result, seconds, _ = timed_sync(cache, source)
            out["incremental_rows"] = result.upserted
            out["incremental_s"] = round(seconds, 2)
        out["size_bytes"] = sum(p.stat().st_size for p in Path(tmp).glob("cache.sqlite*"))
    return out
