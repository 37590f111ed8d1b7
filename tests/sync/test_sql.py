"""The SQL source against a real throwaway PostgreSQL, as IT sets it up (docs/sync.md)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assist.cache import Cache
from assist.cli.main import build_cli
from assist.sync.runner import sync_source
from assist.sync.sqlsource import SqlSource
from assist.team.pgcluster import PgCluster
from tests.sync.conftest import snapshot

SCHEMA = """
CREATE SCHEMA crm;
CREATE TABLE crm.customers (
    id text PRIMARY KEY, full_name text NOT NULL, salutation text, phone text, email text,
    tier text, updated_at timestamptz NOT NULL, deleted boolean NOT NULL DEFAULT false,
    merged_into text
);
CREATE INDEX ON crm.customers (updated_at, id);
CREATE TABLE crm.orders (
    id text PRIMARY KEY, customer_id text NOT NULL, created_at timestamptz NOT NULL,
    kind text NOT NULL, reference text, amount numeric(14, 2) NOT NULL, status text NOT NULL,
    updated_at timestamptz NOT NULL, deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX ON crm.orders (updated_at, id);
CREATE ROLE peka_reader LOGIN PASSWORD 'reader-pw';
GRANT USAGE ON SCHEMA crm TO peka_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA crm TO peka_reader;
"""
QUERIES = {
    "customers": "SELECT id, full_name, salutation, phone, email, tier, updated_at, deleted,"
    " merged_into FROM crm.customers",
    "transactions": "SELECT id, customer_id, created_at, kind, reference, amount, status,"
    " updated_at, deleted FROM crm.orders",
}
T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
def crm(pg_cluster: PgCluster, pg_dsn: str) -> Iterator[tuple[str, str]]:
    """(superuser DSN, the reader's DSN without a password) of a fresh CRM database."""
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS peka_reader")
        conn.execute(SCHEMA)
    dbname = psycopg.conninfo.conninfo_to_dict(pg_dsn)["dbname"]
    reader = f"host={pg_cluster.host} port={pg_cluster.port} dbname={dbname} user=peka_reader"
    yield pg_dsn, reader
    with psycopg.connect(pg_cluster.dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute("DROP ROLE IF EXISTS peka_reader")


def put_customer(conn: psycopg.Connection[Any], cid: str, tier: str, at: datetime) -> None:
    conn.execute(
        "INSERT INTO crm.customers (id, full_name, salutation, phone, tier, updated_at)"
        " VALUES (%s, %s, 'Ibu', %s, %s, %s) ON CONFLICT (id) DO UPDATE SET tier = excluded.tier,"
        " updated_at = excluded.updated_at, deleted = false, merged_into = NULL",
        (cid, f"Pelanggan {cid}", f"0812-0000-{int(cid[1:]):04d}", tier, at),
    )


def put_order(
    conn: psycopg.Connection[Any], oid: str, cid: str, status: str, at: datetime, amount: str
) -> None:
    conn.execute(
        "INSERT INTO crm.orders (id, customer_id, created_at, kind, reference, amount, status,"
        " updated_at) VALUES (%s, %s, %s, 'order', %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE"
        " SET customer_id = excluded.customer_id, status = excluded.status,"
        " amount = excluded.amount, updated_at = excluded.updated_at, deleted = false",
        (oid, cid, T0, f"INV/{oid}", amount, status, at),
    )


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_cli(), list(args))
    return result.exit_code, result.output


def sources_toml(reader: str, extra: str = "") -> str:
    queries = "\n".join(f'{k} = "{v}"' for k, v in QUERIES.items())
    return (
        f'[sources.crm]\nkind = "sql"\ndsn = "{reader}"\nbatch_size = 2\n{extra}'
        f"[sources.crm.queries]\n{queries}\n"
    )


def test_it_workflow_fills_updates_and_refuses_a_bad_batch(
    crm: tuple[str, str], sources_file: Path, cache_path: Path
) -> None:
    admin, reader = crm
    sources_file.write_text(sources_toml(reader), encoding="utf-8")
    with psycopg.connect(admin, autocommit=True) as conn:
        for n in range(1, 6):
            put_customer(conn, f"C{n}", "regular", T0)  # five rows with the same time: ties
        put_order(conn, "T1", "C1", "delayed", T0, "450000.00")
        put_order(conn, "T2", "C2", "completed", T0, "150000")
    # No password yet: the server refuses, and says where the secret goes.
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 1 and "[E252]" in out and "peka sync secret crm" in out
    assert run("sync", "secret", "crm", "--value", "reader-pw")[0] == 0
    code, out = run("sync", "run", "--db", str(cache_path), "--json")
    assert code == 0, out
    first = json.loads(out)[0]
    assert first["rows"] == 7 and first["upserted"] == 7
    state = snapshot(cache_path)
    assert [c[0] for c in state["customers"]] == ["C1", "C2", "C3", "C4", "C5"]
    assert [(t[0], t[6]) for t in state["transactions"]] == [("T1", 45_000_000), ("T2", 15_000_000)]
    # A change at the source: only that row changes the cache on the next run (the rows
    # sharing the last run's time are read again, in case one was written since: unchanged).
    with psycopg.connect(admin, autocommit=True) as conn:
        put_customer(conn, "C3", "gold", T0 + timedelta(minutes=5))
    code, out = run("sync", "run", "--db", str(cache_path), "--json")
    second = json.loads(out)[0]
    assert second["upserted"] == 1 and second["unchanged"] == 6
    assert ("C3", "gold") in [(c[0], c[6]) for c in snapshot(cache_path)["customers"]]
    # A bad row: the batch is refused, the cache and the cursor keep the good state.
    good = snapshot(cache_path)
    with psycopg.connect(admin, autocommit=True) as conn:
        put_order(conn, "T3", "C3", "teleported", T0 + timedelta(minutes=6), "1")
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 1
    where = (
        "source 'crm', transactions id T3 (updated_at 2026-12-01 01:06:00+00:00), field 'status'"
    )
    assert where in out and "[E253]" in out
    assert snapshot(cache_path) == good
    code, out = run("sync", "status", "--db", str(cache_path), "--json")
    status = json.loads(out)[0]
    assert not status["ok"] and where in status["last_error"]
    cursor = json.loads(status["cursor"])
    assert cursor["transactions"][1] == "T2"  # the cursor stayed before the bad row
    # Fixed at the source: the next run takes it and the status is clean.
    with psycopg.connect(admin, autocommit=True) as conn:
        put_order(conn, "T3", "C3", "in_transit", T0 + timedelta(minutes=7), "1")
        conn.execute(
            "UPDATE crm.customers SET deleted = true, updated_at = %s WHERE id = 'C5'",
            (T0 + timedelta(minutes=8),),
        )
        conn.execute(
            "UPDATE crm.customers SET merged_into = 'C1', updated_at = %s WHERE id = 'C2'",
            (T0 + timedelta(minutes=8),),
        )
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 0, out
    state = snapshot(cache_path)
    assert [c[0] for c in state["customers"]] == ["C1", "C3", "C4"]
    assert [(t[0], t[1]) for t in state["transactions"]] == [
        ("T1", "C1"),
        ("T2", "C1"),
        ("T3", "C3"),
    ]


def test_password_in_dsn_is_refused(crm: tuple[str, str], sources_file: Path) -> None:
    _, reader = crm
    sources_file.write_text(sources_toml(reader + " password=reader-pw"), encoding="utf-8")
    code, out = run("sync", "run")
    assert code == 1 and "[E250]" in out and "peka sync secret" in out


def test_ties_are_neither_repeated_nor_lost_in_any_page_size(crm: tuple[str, str]) -> None:
    admin, reader = crm
    with psycopg.connect(admin, autocommit=True) as conn:
        for n in range(1, 24):
            put_customer(conn, f"C{n}", "regular", T0 + timedelta(seconds=n // 7))
    for size in (1, 2, 5, 7, 50):
        with tempfile.TemporaryDirectory() as tmp, Cache.open(Path(tmp) / "c.sqlite") as cache:
            source = SqlSource("crm", reader, QUERIES, password="reader-pw")
            result = sync_source(cache, source, batch_size=size)
            assert result.ok, result.error
            assert result.rows == 23 and result.upserted == 23  # each row exactly once
            assert cache.stats().customers == 23


ops = st.lists(
    st.one_of(
        st.tuples(st.just("customer"), st.integers(1, 5), st.sampled_from(["regular", "gold"])),
        st.tuples(
            st.just("order"),
            st.integers(1, 6),
            st.integers(1, 5),
            st.sampled_from(["completed", "delayed"]),
        ),
        st.tuples(st.just("delete"), st.integers(1, 5)),
        st.tuples(st.just("merge"), st.integers(1, 5), st.integers(1, 5)),
        st.tuples(st.just("sync"), st.integers(1, 4)),
    ),
    max_size=25,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops, st.integers(1, 6))
def test_any_source_changes_in_any_batches_leave_the_cache_equal_to_postgres(
    crm: tuple[str, str], steps: list[tuple[Any, ...]], final: int
) -> None:
    admin, reader = crm
    tick = iter(range(10_000))

    def now() -> datetime:
        return T0 + timedelta(seconds=next(tick) // 3)  # three changes per second: ties

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("TRUNCATE crm.customers, crm.orders")
        with tempfile.TemporaryDirectory() as tmp, Cache.open(Path(tmp) / "c.sqlite") as cache:
            source = SqlSource("crm", reader, QUERIES, password="reader-pw")
            for step in steps:
                live = {
                    r[0]
                    for r in conn.execute(
                        "SELECT id FROM crm.customers WHERE NOT deleted AND merged_into IS NULL"
                    )
                }
                kind = step[0]
                if kind == "customer":
                    put_customer(conn, f"C{step[1]}", step[2], now())
                elif kind == "order" and f"C{step[2]}" in live:
                    put_order(conn, f"T{step[1]}", f"C{step[2]}", step[3], now(), "1000")
                elif kind == "delete" and f"C{step[1]}" in live:
                    at = now()
                    conn.execute(
                        "UPDATE crm.orders SET deleted = true, updated_at = %s"
                        " WHERE customer_id = %s AND NOT deleted",
                        (at, f"C{step[1]}"),
                    )
                    conn.execute(
                        "UPDATE crm.customers SET deleted = true, updated_at = %s WHERE id = %s",
                        (at, f"C{step[1]}"),
                    )
                elif (
                    kind == "merge"
                    and {f"C{step[1]}", f"C{step[2]}"} <= live
                    and step[1] != step[2]
                ):
                    at = now()
                    conn.execute(
                        "UPDATE crm.orders SET customer_id = %s, updated_at = %s"
                        " WHERE customer_id = %s AND NOT deleted",
                        (f"C{step[2]}", at, f"C{step[1]}"),
                    )
                    conn.execute(
                        "UPDATE crm.customers SET merged_into = %s, updated_at = %s WHERE id = %s",
                        (f"C{step[2]}", at, f"C{step[1]}"),
                    )
                elif kind == "sync":
                    assert sync_source(cache, source, batch_size=step[1]).ok
            assert sync_source(cache, source, batch_size=final).ok
            with cache.reading() as local:
                customers = sorted(local.execute("SELECT id, tier FROM customers").fetchall())
                orders = sorted(
                    local.execute("SELECT id, customer_id, status FROM transactions").fetchall()
                )
        expected_customers = sorted(
            conn.execute(
                "SELECT id, tier FROM crm.customers WHERE NOT deleted AND merged_into IS NULL"
            ).fetchall()
        )
        expected_orders = sorted(
            conn.execute(
                "SELECT id, customer_id, status FROM crm.orders WHERE NOT deleted"
            ).fetchall()
        )
    assert customers == expected_customers
    assert orders == expected_orders
