"""Several Peka processes granting at the same moment never exceed the daily budget."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assist.authority.ledger import Ledger
from assist.errors import PekaError
from tests.authority.conftest import Env
from tests.peka_child import child_env as child_env_for

ROOT = Path(__file__).resolve().parents[2]


def _worker(env: Env, worker: int, barrier: object, results: object) -> None:
    service = env.service("budi")
    barrier.wait()  # type: ignore[attr-defined]
    granted = refused = 0
    for n in range(8):
        try:
            service.grant(
                customer_id=f"C{worker}-{n}",
                type="voucher",
                amount_minor=2_500_000,
                idempotency_key=f"w{worker}-{n}",
            )
            granted += 1
        except PekaError as exc:
            assert exc.code == "E523", exc
            refused += 1
    results.put((granted, refused))  # type: ignore[attr-defined]


@pytest.mark.skipif(sys.platform == "win32", reason="uses fork to share the test clock")
def test_processes_racing_on_one_ledger(signed_env: Env) -> None:
    signed_env.service().status()  # create the ledger before the race
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(4)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(signed_env, n, barrier, results)) for n in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    outcomes = [results.get(timeout=5) for _ in workers]
    # Budget Rp 200.000 / Rp 25.000 per grant: exactly 8 of the 32 attempts fit.
    assert sum(g for g, _ in outcomes) == 8
    assert sum(r for _, r in outcomes) == 24
    grants = Ledger(signed_env.ledger_path).grants()
    assert sum(g.amount_minor for g in grants) == 20_000_000
    assert signed_env.service().verify_audit().ok


def test_peka_grant_commands_racing(env: Env, tmp_path: Path) -> None:
    """Real `peka grant` processes, started together, against one ledger file."""
    machine = tmp_path / "machine"
    (machine / "keys").mkdir(parents=True)
    env.policy_path = machine / "policy.signed.json"
    env.keys_dir = machine / "keys"
    env.install_key(env.key)
    real_now = datetime.now(UTC)
    env.clock.now = real_now
    env.write_policy(expires_at=real_now + timedelta(days=30))
    ledger = tmp_path / "data" / "ledger.sqlite"  # the default `ledger.path` in the child
    Ledger(ledger)
    child_env = child_env_for(machine, tmp_path / "config", tmp_path / "data")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.peka_child",
                "grant",
                "--agent",
                "budi",
                "--customer",
                f"C{n}",
                "--type",
                "voucher",
                "--amount",
                "Rp 50.000",
                "--key",
                f"race-{n}",
                "--json",
            ],
            env=child_env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    results = [json.loads(out) for out, _ in outputs]
    ok = [r for r in results if r["ok"]]
    assert len(ok) == 4  # Rp 200.000 budget / Rp 50.000
    assert {r["code"] for r in results if not r["ok"]} == {"E523"}
    assert sorted(p.returncode for p in procs) == [0, 0, 0, 0, 1, 1]
    assert sum(g.amount_minor for g in Ledger(ledger).grants()) == 20_000_000
