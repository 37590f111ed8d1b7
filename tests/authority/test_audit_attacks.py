"""An agent with the ledger file edits the tables that budgets, limits and rollback count.

Before: `peka audit verify` looked only at the chain and at the rows it could find, so
dropping a trigger and deleting a grant (budget back, grant gone from the lists), moving
a grant to another day, flipping its refund flag or content hash, or lowering the
remembered policy version all went unnoticed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from assist.authority.approvals import APPROVE, issue_decision
from assist.authority.ledger import GUARDS, Ledger
from assist.authority.rules import TransactionFacts
from assist.errors import PekaError
from tests.authority.conftest import Env
from ui.entry import full_cli


def filled(env: Env) -> Env:
    service = env.service()
    for n in range(3):
        service.grant(
            customer_id=f"C{n}", type="voucher", amount_minor=5_000_000, idempotency_key=f"k{n}"
        )
    service.grant(
        customer_id="C9",
        type="partial_refund",
        amount_minor=1_000_000,
        idempotency_key="r",
        reason="rusak",
        fault="company",
        transaction=TransactionFacts("T1", 10_000_000, "IDR", "delivered", env.clock()),
    )
    return env


@contextmanager
def tampered(env: Env) -> Iterator[sqlite3.Connection]:
    """The attacker drops every append-only trigger, then edits."""
    conn = sqlite3.connect(env.ledger_path, isolation_level=None)
    for name in GUARDS:
        conn.execute(f"DROP TRIGGER {name}")
    yield conn
    conn.close()


def verify(env: Env) -> tuple[str | None, str]:
    report = env.service().verify_audit()
    return (None, "") if report.ok else (report.code, report.problem)


def test_untouched_ledger_verifies(signed_env: Env) -> None:
    assert verify(filled(signed_env)) == (None, "")


def test_dropped_triggers_alone_are_reported_and_stop_grants(signed_env: Env) -> None:
    env = filled(signed_env)
    with tampered(env):
        pass
    code, problem = verify(env)
    assert code == "E553" and "grants_append_only_delete" in problem
    with pytest.raises(PekaError) as caught:
        env.service().grant(
            customer_id="C5", type="voucher", amount_minor=1_000_000, idempotency_key="z"
        )
    assert caught.value.code == "E553"


def test_deleted_grant_is_caught_and_budget_refund_noticed(signed_env: Env) -> None:
    env = filled(signed_env)
    before = env.service().budget_left("voucher")
    with tampered(env) as conn:
        conn.execute("DELETE FROM grants WHERE idempotency_key = 'k1'")
    assert env.service().budget_left("voucher") == before + 5_000_000  # what the attack buys
    code, problem = verify(env)
    assert code == "E554" and "missing from the ledger" in problem


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("local_day", "'2020-01-01'"),
        ("refund", "0"),
        ("content_hash", "'0000'"),
        ("amount_minor", "1"),
        ("agent_id", "'someone'"),
        ("granted_at", "'2020-01-01T00:00:00.000000Z'"),
        ("stated_facts", "'tier'"),
    ],
)
def test_every_counted_column_is_checked(signed_env: Env, column: str, value: str) -> None:
    env = filled(signed_env)
    target = "r" if column == "refund" else "k0"
    with tampered(env) as conn:
        conn.execute(f"UPDATE grants SET {column} = {value} WHERE idempotency_key = '{target}'")
    code, problem = verify(env)
    assert code == "E551" and column in problem


def test_lowered_policy_version_is_caught(signed_env: Env) -> None:
    env = filled(signed_env)
    with tampered(env) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'policy_max_version'")
    code, problem = verify(env)
    assert code == "E555" and "lowered" in problem


def test_lowered_latest_time_is_caught(signed_env: Env) -> None:
    env = filled(signed_env)
    with tampered(env) as conn:
        conn.execute(
            "UPDATE meta SET value = '2000-01-01T00:00:00.000000Z' WHERE key = 'latest_at'"
        )
    assert verify(env)[0] == "E555"


def test_deleted_approval_use_is_caught(signed_env: Env) -> None:
    service = signed_env.service()
    request = service.request_approval(customer_id="C1", type="voucher", amount_minor=9_000_000)
    code = issue_decision(request, signed_env.key, decision=APPROVE, now=signed_env.clock())
    service.accept_approval(code)
    assert verify(signed_env) == (None, "")
    with tampered(signed_env) as conn:
        conn.execute("DELETE FROM approvals_used")
    assert verify(signed_env)[0] == "E554"


def test_changed_approval_request_is_caught(signed_env: Env) -> None:
    service = signed_env.service()
    service.request_approval(customer_id="C1", type="voucher", amount_minor=9_000_000)
    with tampered(signed_env) as conn:
        conn.execute("UPDATE approval_requests SET amount_minor = 90000000")
    assert verify(signed_env)[0] == "E551"


def test_head_accepts_a_log_that_grew_and_refuses_a_rewritten_one(signed_env: Env) -> None:
    env = filled(signed_env)
    runner = CliRunner()
    args = ["audit", "verify", "--ledger", str(env.ledger_path), "--json"]
    head = json.loads(runner.invoke(full_cli(), args).output)["head_hash"]
    env.service().grant(customer_id="C7", type="voucher", amount_minor=100, idempotency_key="n")
    result = runner.invoke(full_cli(), [*args, "--head", head])
    out = json.loads(result.output)
    assert result.exit_code == 0 and out["ok"] and out["extends_noted_head_at"] == 5
    text = runner.invoke(full_cli(), [*args[:-1], "--head", head])
    assert "extends the noted head (entry 5)" in text.output
    # A rewritten log (a fresh ledger with the same grants) no longer holds the noted head.
    env.ledger_path.unlink()
    for suffix in ("-wal", "-shm"):
        env.ledger_path.with_name(env.ledger_path.name + suffix).unlink(missing_ok=True)
    Ledger(env.ledger_path)
    filled(env)
    result = runner.invoke(full_cli(), [*args, "--head", head])
    out = json.loads(result.output)
    assert result.exit_code == 1 and out["code"] == "E550"


def test_ledger_export_is_owner_only(signed_env: Env, tmp_path: Path) -> None:
    import os
    import stat
    import sys

    from assist.authority.export import export_approvals, export_grants

    env = filled(signed_env)
    out = tmp_path / "out" / "grants.csv"
    old_umask = os.umask(0o022)
    try:
        assert export_grants(Ledger(env.ledger_path), out) == 4
        assert export_approvals(Ledger(env.ledger_path), tmp_path / "a.csv") == 0
    finally:
        os.umask(old_umask)
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == 0o600
    assert "stated_facts" in out.read_text(encoding="utf-8").splitlines()[0]
