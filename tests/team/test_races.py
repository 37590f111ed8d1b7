"""Many workstations at once, and workstations killed mid-grant: the server's limits hold."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assist.team.verify import verify_server
from tests.team.conftest import Team

RP = 100
ROOT = Path(__file__).resolve().parents[2]
KILL_ITERATIONS = 200  # kills in total, four workstations at a time


def _worker(team: Team, client: object, **args: object) -> subprocess.Popen[str]:
    cred = client.credential  # type: ignore[attr-defined]
    payload = {"dsn": team.dsn, "login": cred.login, "password": cred.password, **args}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.team.grant_worker", json.dumps(payload)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def _acknowledged(output: str) -> dict[str, str]:
    acks = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "ok":
            acks[parts[1]] = parts[2]
    return acks


def _finish(procs: list[subprocess.Popen[str]]) -> dict[str, str]:
    """Wait for workstations that were left to finish; what they acknowledged."""
    acks: dict[str, str] = {}
    for proc in procs:
        out, _ = proc.communicate(timeout=240)
        assert proc.returncode == 0
        acks.update(_acknowledged(out))
    return acks


def _totals(team: Team) -> dict[str, object]:
    with team.admin() as conn:
        return {
            "customer": dict(
                conn.execute(
                    "SELECT customer_id, sum(amount_minor) FROM peka.grants GROUP BY 1"
                ).fetchall()
            ),
            "customer_count": dict(
                conn.execute("SELECT customer_id, count(*) FROM peka.grants GROUP BY 1").fetchall()
            ),
            "agent": dict(
                conn.execute(
                    "SELECT agent_id, sum(amount_minor) FROM peka.grants GROUP BY 1"
                ).fetchall()
            ),
            "team": conn.execute(
                "SELECT COALESCE(sum(amount_minor), 0) FROM peka.grants"
            ).fetchone()[0],  # type: ignore[index]
            "keys": conn.execute(
                "SELECT count(*), count(DISTINCT idempotency_key) FROM peka.grants"
            ).fetchone(),
            "ids": {
                k: g for k, g in conn.execute("SELECT idempotency_key, grant_id FROM peka.grants")
            },
        }


def test_eight_processes_race_for_customer_agent_and_team_budgets(
    team: Team, tmp_path: Path
) -> None:
    sup = team.enrol("lead", supervisor=True)
    agents = [team.enrol(f"agent{i:02d}") for i in range(4)]
    team.publish(sup, limits="[team_daily_budget]\nvoucher = 50_000_000\n", tmp=tmp_path)
    # Two processes per agent (two windows), all on the same two customers.
    procs = [
        _worker(
            team,
            agents[i % 4],
            prefix=f"p{i}",
            count=40,
            customers=["C1", "C2", f"X{i}", f"Y{i}", f"Z{i}"],
            amounts=[10_000 * RP, 20_000 * RP, 30_000 * RP],
            seed=i,
        )
        for i in range(8)
    ]
    acks = _finish(procs)
    totals = _totals(team)
    customer = totals["customer"]
    assert isinstance(customer, dict)
    assert all(v <= 80_000 * RP for v in customer.values()), customer  # per customer 30 d
    counts = totals["customer_count"]
    assert isinstance(counts, dict) and all(v <= 3 for v in counts.values())
    agent = totals["agent"]
    assert isinstance(agent, dict) and all(v <= 200_000 * RP for v in agent.values())
    assert totals["team"] <= 500_000 * RP  # type: ignore[operator]
    assert customer.get("C1") and customer.get("C2")  # the race was real: both were used
    keys = totals["keys"]
    assert keys[0] == keys[1]  # type: ignore[index]
    assert totals["ids"] == acks  # every acknowledged grant is there, nothing else
    assert verify_server(sup).ok


@pytest.mark.slow
def test_kill_minus_nine_mid_grant_loses_nothing_acknowledged(team: Team) -> None:
    sup = team.enrol("lead", supervisor=True)
    agents = [team.enrol(f"agent{i:02d}") for i in range(2)]
    team.publish(sup)
    rng = random.Random(11)
    acks: dict[str, str] = {}
    started = time.monotonic()
    for batch in range(0, KILL_ITERATIONS, 4):
        procs = [
            _worker(
                team,
                agents[n % 2],
                prefix=f"k{n}",
                count=1000,
                customers=[f"C{n}-{j}" for j in range(50)],
                amounts=[1, 2, 3],
                seed=n,
                raw=True,
            )
            for n in range(batch, batch + 4)
        ]
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:
            time.sleep(rng.uniform(0.0, 0.02))
            os.kill(proc.pid, signal.SIGKILL)
        for proc in procs:
            out, _ = proc.communicate(timeout=30)
            acks.update(_acknowledged(out))
    elapsed = time.monotonic() - started
    totals = _totals(team)
    ids = totals["ids"]
    assert isinstance(ids, dict)
    for key, grant_id in acks.items():
        assert ids.get(key) == grant_id, key  # 0 acknowledged grants lost
    keys = totals["keys"]
    assert keys[0] == keys[1]  # type: ignore[index]
    assert len(acks) > KILL_ITERATIONS  # the kills landed mid-stream, not before it
    assert verify_server(sup).ok
    with team.admin() as conn:  # no backend left holding the chain's head
        conn.execute("SET lock_timeout = '5s'")
        conn.execute("SELECT * FROM peka.audit_heads FOR UPDATE")
    print(f"{KILL_ITERATIONS} kills in {elapsed:.1f} s, {len(acks)} acknowledged grants")


def test_team_budget_shared_by_chains_is_spent_exactly(team: Team, tmp_path: Path) -> None:
    """Agents on different audit chains spend the team's day from their chains' shares;
    when a share runs out the grant counts the whole day, so the budget is filled to the
    last grant and never past it, with nobody refused while room is left."""
    sup = team.enrol("lead", supervisor=True)
    agents = [team.enrol(f"agent{i:02d}") for i in range(8)]
    budget = "[team_daily_budget]\nvoucher = 100_000_000\n"  # minor units: Rp 1.000.000
    team.publish(sup, limits=budget, tmp=tmp_path)
    with team.admin() as conn:
        chains = {
            conn.execute("SELECT 1 + ((hashtext(%s)::bigint %% 16) + 16) %% 16", (a,)).fetchone()
            for a in (f"agent{i:02d}" for i in range(8))
        }
    assert len(chains) >= 4  # the agents really are on different chains
    procs = [  # 8 agents x 15 grants of 10.000 = 1.200.000 asked, 1.000.000 to give
        _worker(
            team,
            agents[i],
            prefix=f"t{i}",
            count=15,
            customers=[f"T{i}-{n}" for n in range(500)],
            amounts=[10_000 * RP],
            seed=i,
        )
        for i in range(8)
    ]
    acks = _finish(procs)
    assert len(acks) == 100  # exactly the budget: 100 x 10.000
    assert _totals(team)["team"] == 1_000_000 * RP
    usage = agents[0].usage("nobody")
    assert usage["team_today"] == {"voucher": 1_000_000 * RP}
    assert verify_server(sup).ok
