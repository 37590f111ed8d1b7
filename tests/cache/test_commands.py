"""The cache's commands, the demo generator and retention."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from assist.cache import Cache
from assist.cache.demo import SHOWCASE, generate_demo_cache
from assist.cache.purge import purge
from assist.cache.schema import SCHEMA_VERSION
from assist.cli.main import build_cli
from tests.cache.conftest import ANCHOR, CUSTOMERS_CSV, TRANSACTIONS_CSV
from tests.cache.helpers import content_hash


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_cli(), list(args))
    return result.exit_code, result.output


def test_import_customer_info_commands(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    (tmp_path / "c.csv").write_text(CUSTOMERS_CSV, encoding="utf-8")
    (tmp_path / "t.csv").write_text(TRANSACTIONS_CSV, encoding="utf-8")
    code, out = run("import", str(tmp_path / "t.csv"), str(tmp_path / "c.csv"), "--db", str(db))
    assert code == 0, out
    assert "3 customers rows — 3 new" in out
    code, out = run("customer", "0812 3456", "--db", str(db))
    assert code == 0, out
    assert "Budi Santoso  (C1)" in out and "Address as: Bapak Budi" in out
    assert "Rp 450.000" in out and " ! " in out  # the delayed order is marked
    code, out = run("customer", "budi", "--db", str(db), "--json")
    data = json.loads(out)
    assert data["customer"]["customer"]["id"] == "C1"
    code, out = run("customer", "zzzz-nobody", "--db", str(db))
    assert code == 1 and "No customer matches" in out
    code, out = run("cache", "info", "--db", str(db), "--json")
    info = json.loads(out)
    assert (
        info["customers"] == 3
        and info["transactions"] == 3
        and info["schema_version"] == SCHEMA_VERSION
    )


def test_import_report_and_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    bad = tmp_path / "bad.csv"
    bad.write_text("id,full_name,phone,tier\nC1,A,0812x,gold\nC2,B,0812-1,bronze\n", "utf-8")
    code, out = run("import", str(bad), "--db", str(db), "--report")
    assert code == 1
    assert "line 2, field 'phone'" in out and "line 3, field 'phone'" in out
    assert "[E229]" in out
    code, out = run("import", str(bad), "--db", str(db))
    assert code == 1 and "[E224]" in out and "line 2" in out


def test_demo_is_deterministic(tmp_path: Path) -> None:
    first = generate_demo_cache(tmp_path / "a.sqlite", customers=120, seed=3, anchor=ANCHOR)
    second = generate_demo_cache(tmp_path / "b.sqlite", customers=120, seed=3, anchor=ANCHOR)
    other = generate_demo_cache(tmp_path / "c.sqlite", customers=120, seed=4, anchor=ANCHOR)
    with Cache.open(first.path) as a, Cache.open(second.path) as b, Cache.open(other.path) as c:
        assert content_hash(a) == content_hash(b) != content_hash(c)
    assert first.transactions == second.transactions > 120


def test_demo_looks_like_the_market(demo_path: Path) -> None:
    with Cache.open(demo_path, readonly=True) as cache, cache.reading() as conn:
        languages = dict(conn.execute("SELECT language, count(*) FROM customers GROUP BY 1"))
        share_en = languages["en"] / sum(languages.values())
        assert 0.08 < share_en < 0.25
        salutations = {r[0] for r in conn.execute("SELECT DISTINCT salutation FROM customers")}
        assert salutations == {"Bapak", "Ibu", "Kak", ""}
        assert not conn.execute("SELECT 1 FROM customers WHERE phone NOT LIKE '+628%'").fetchall()
        recent = (ANCHOR - timedelta(days=21)).isoformat()
        problems = conn.execute(
            "SELECT count(*) FROM transactions WHERE created_at >= ?"
            " AND status IN ('delayed', 'failed', 'disputed')",
            (recent,),
        ).fetchone()[0]
        assert problems > 10
        kinds = {r[0] for r in conn.execute("SELECT DISTINCT kind FROM transactions")}
        assert {"order", "payment", "refund", "subscription", "topup", "service_visit"} <= kinds
        assert conn.execute("SELECT count(*) FROM interactions").fetchone()[0] > 100
        assert conn.execute("SELECT count(*) FROM preferences").fetchone()[0] > 100
        for showcase in SHOWCASE:
            record = cache.open_customer(showcase.id)
            assert record is not None and any(t.is_problem for t in record.transactions)


def test_purge_deletes_old_rows_and_empty_customers(tmp_path: Path, filled: Cache) -> None:
    now = datetime(2024, 4, 1, tzinfo=UTC)
    with filled.transaction() as conn:  # make C2's record itself old
        conn.execute("UPDATE customers SET updated_at = '2020-01-01T00:00:00Z' WHERE id = 'C2'")
    result = purge(filled, 60, now=now)  # cutoff 2024-02-01: T3 (January) goes
    assert (result.transactions, result.customers) == (1, 0)
    result = purge(filled, 10, now=now)  # cutoff 2024-03-22: T1 (changed 14 March) and T2
    assert result.transactions == 2
    assert result.customers == 1  # C2: nothing left and not updated recently; C1, C3 stay
    assert filled.open_customer("C2") is None
    assert filled.open_customer("C1") is not None
    assert [h.customer_id for h in filled.search("sarah")] == []


def test_purge_command_uses_configured_retention(tmp_path: Path, filled: Cache) -> None:
    code, out = run("cache", "purge", "--db", str(filled.path))
    assert code == 0, out
    assert "Deleted 3 transactions" in out  # default 730 days; the rows are from early 2024
    code, out = run("cache", "purge", "--older-than", "0", "--db", str(filled.path))
    assert code == 1 and "[E230]" in out


def test_bench_command_reports_its_keys(tmp_path: Path) -> None:
    db = tmp_path / "bench.sqlite"
    code, out = run(
        "bench", "cache", "--db", str(db), "--json", "--generate", "--customers", "60",
        "--samples", "20", "--import-rows", "300",
    )  # fmt: skip
    assert code == 0, out
    data = json.loads(out)
    for key in (
        "customers",
        "transactions",
        "open_customer_p95_ms",
        "search_p95_ms",
        "import_rows_per_s",
        "generate_s",
    ):
        assert key in data, key
    assert data["customers"] == 60


def test_demo_data_command_refuses_to_overwrite(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    code, out = run("demo-data", "--customers", "20", "--db", str(db))
    assert code == 0, out
    assert "C000001" in out
    code, out = run("demo-data", "--customers", "20", "--db", str(db))
    assert code == 1 and "[E230]" in out
    code, out = run("demo-data", "--customers", "20", "--db", str(db), "--replace", "--seed", "9")
    assert code == 0
