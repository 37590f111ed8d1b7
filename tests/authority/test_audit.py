"""The audit chain catches edits, deletions and reordering, and names the first bad entry."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from tests.authority.conftest import Env
from ui.entry import full_cli


def filled(env: Env) -> Env:
    service = env.service()
    for n in range(5):
        service.grant(
            customer_id=f"C{n}",
            type="voucher",
            amount_minor=100_000 * (n + 1),
            idempotency_key=f"k{n}",
        )
    return env  # 6 entries: policy accepted + 5 grants


@contextmanager
def raw(env: Env) -> Iterator[sqlite3.Connection]:
    """An attacker with the file: drops the append-only triggers first."""
    conn = sqlite3.connect(env.ledger_path, isolation_level=None)
    for name in (
        "audit_append_only_update",
        "audit_append_only_delete",
        "grants_append_only_update",
        "grants_append_only_delete",
    ):
        conn.execute(f"DROP TRIGGER {name}")
    yield conn
    conn.close()


def verify(env: Env):  # type: ignore[no-untyped-def]
    return env.service().verify_audit()


def test_intact_chain(signed_env: Env) -> None:
    report = verify(filled(signed_env))
    assert report.ok and report.entries == 6 and len(report.head_hash) == 64


def test_edited_payload(signed_env: Env) -> None:
    env = filled(signed_env)
    with raw(env) as conn:
        payload = json.loads(conn.execute("SELECT payload FROM audit WHERE seq = 3").fetchone()[0])
        payload["amount_minor"] = 1
        conn.execute(
            "UPDATE audit SET payload = ? WHERE seq = 3",
            (json.dumps(payload, sort_keys=True, separators=(",", ":")),),
        )
    report = verify(env)
    assert not report.ok and report.first_bad_seq == 3 and "edited" in report.problem


def test_deleted_entry(signed_env: Env) -> None:
    env = filled(signed_env)
    with raw(env) as conn:
        conn.execute("DELETE FROM audit WHERE seq = 4")
    report = verify(env)
    assert not report.ok and report.first_bad_seq == 4 and "deleted" in report.problem


def test_deleted_last_entry(signed_env: Env) -> None:
    env = filled(signed_env)
    with raw(env) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM audit WHERE seq = 6")
    report = verify(env)
    assert not report.ok and report.first_bad_seq == 6


def test_reordered_entries(signed_env: Env) -> None:
    env = filled(signed_env)
    with raw(env) as conn:
        rows = {
            r[0]: r[1:]
            for r in conn.execute("SELECT seq, at, kind, payload, prev_hash, hash FROM audit")
        }
        for seq, other in ((2, 5), (5, 2)):
            conn.execute(
                "UPDATE audit SET at = ?, kind = ?, payload = ?, prev_hash = ?, hash = ? "
                "WHERE seq = ?",
                (*rows[other], seq),
            )
    report = verify(env)
    assert not report.ok and report.first_bad_seq == 2


def test_quietly_changed_grant_row(signed_env: Env) -> None:
    env = filled(signed_env)
    with raw(env) as conn:
        conn.execute("UPDATE grants SET amount_minor = 5000000 WHERE customer_id = 'C2'")
    report = verify(env)
    assert not report.ok and "differs from audit entry" in report.problem
    assert report.first_bad_seq == 4


def test_cli_verify_and_show(signed_env: Env) -> None:
    env = filled(signed_env)
    runner = CliRunner()
    ledger = ["--ledger", str(env.ledger_path)]
    result = runner.invoke(full_cli(), ["audit", "verify", *ledger, "--json"])
    assert result.exit_code == 0, result.output
    head = json.loads(result.output)["head_hash"]
    assert runner.invoke(full_cli(), ["audit", "verify", *ledger, "--head", head]).exit_code == 0
    bad = runner.invoke(full_cli(), ["audit", "verify", *ledger, "--head", "0" * 64])
    assert bad.exit_code == 1
    result = runner.invoke(
        full_cli(), ["audit", "show", *ledger, "--kind", "grant", "--limit", "2"]
    )
    assert result.exit_code == 0 and result.output.count("grant") >= 2
    assert "     5  " in result.output and "     2  " not in result.output
    with raw(env) as conn:
        conn.execute("DELETE FROM audit WHERE seq = 2")
    result = runner.invoke(full_cli(), ["audit", "verify", *ledger])
    assert result.exit_code == 1
    assert "[E550]" in result.output and "First bad entry: 2" in result.output


@pytest.mark.parametrize("seq", [1, 2, 6])
def test_changed_hash_field_is_caught(signed_env: Env, seq: int) -> None:
    env = filled(signed_env)
    with raw(env) as conn:
        conn.execute("UPDATE audit SET hash = ? WHERE seq = ?", ("f" * 64, seq))
    report = verify(env)
    assert not report.ok and report.first_bad_seq == seq
