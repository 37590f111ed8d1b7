"""`peka grant --db` reads the customer's tier and the transaction from the customer cache."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from assist import paths
from tests.authority.conftest import Env
from ui.entry import full_cli


def test_grant_with_facts_from_the_cache(signed_env: Env, tmp_path: Path) -> None:
    demo = pytest.importorskip("assist.cache.demo")
    from assist.cache import Cache

    db = tmp_path / "cache.sqlite"
    demo.generate_demo_cache(db, customers=30, seed=3)
    with Cache.open(db, readonly=True) as cache:
        record = next(
            r
            for r in (cache.open_customer(f"{hit}") for hit in _customer_ids(db))
            if r is not None and r.transactions and r.transactions[0].amount_minor > 1_000_000
        )
    tx = record.transactions[0]
    # `peka grant` runs on the real clock: sign a policy valid around today.
    signed_env.write_policy(expires_at=datetime.now(UTC) + timedelta(days=30))
    machine = paths.machine_dir()
    (machine / "keys").mkdir(parents=True)
    signed_env.policy_path.replace(machine / "policy.signed.json")
    (signed_env.keys_dir / "sup.ani.pub").replace(machine / "keys" / "sup.ani.pub")
    runner = CliRunner()
    args = [
        "grant",
        "--agent",
        "budi",
        "--customer",
        record.customer.id,
        "--type",
        "partial_refund",
        "--amount",
        "100",
        "--transaction",
        tx.reference or tx.id,
        "--reason",
        "barang rusak",
        "--fault",
        "company",
        "--db",
        str(db),
        "--json",
        "--key",
        "k1",
    ]
    result = runner.invoke(full_cli(), args)
    out = json.loads(result.output)
    # Granted, or refused for a fact of the real transaction (status/age) - never for a
    # missing one, since the cache knew the transaction's amount, date and status.
    if out["ok"]:
        assert out["grant"]["transaction_id"] == tx.id
        assert out["grant"]["transaction_amount_minor"] == tx.amount_minor
    else:
        assert out["code"] in {"E525", "E521", "E524"}, out
    other = [*args]
    other[other.index(record.customer.id)] = "nobody"
    other[other.index("k1")] = "k2"
    result = runner.invoke(full_cli(), other)
    assert json.loads(result.output)["code"] == "E538"


def _customer_ids(db: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM customers ORDER BY id LIMIT 30")]
    finally:
        conn.close()
