"""``peka bench team``: 50 agents granting and asking for approval against a team server.

Without ``--dsn`` it starts its own durable throwaway cluster (fsync on) and removes it
afterwards. Every simulated agent has its own login and connection and grants in a loop
(mostly small vouchers to many customers, some to a few "hot" customers so the 30-day
limit is contested); every ``APPROVAL_EVERY``-th step it requests an approval and waits
for the decision, which two supervisor consoles make as soon as LISTEN tells them. At the
end the server's totals are checked against every limit (``overruns``) and every
acknowledged grant must be there exactly once (``duplicates``, ``lost``).
"""

from __future__ import annotations

import random
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from assist.errors import PekaError

RP = 100  # Rupiah in minor units
PER_GRANT = 10_000 * RP
CUSTOMER_30D = 30_000 * RP
AGENT_DAY = 5_000_000 * RP
TEAM_DAY = 500_000_000 * RP
APPROVAL_EVERY = 25
HOT_CUSTOMERS = 20

BENCH_POLICY = """\
format = 1
version = 1
name = "bench"
currency = "IDR"
utc_offset = "+07:00"
expires = {expires}

[roles.agent.rules.voucher]
max_amount = {per_grant}
max_per_customer_30d = {customer}
max_grants_per_customer_30d = 5
daily_budget = {agent_day}
"""


def _p95(values: list[float]) -> float:
    if not values:
        return 0.0
    if len(values) < 20:
        return max(values)
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


@dataclass
class _Shared:
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    grant_ms: list[float] = field(default_factory=list)
    acked: dict[str, str] = field(default_factory=dict)
    refusals: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    request_started: dict[str, float] = field(default_factory=dict)
    seen_by_supervisor: dict[str, float] = field(default_factory=dict)
    decided_at: dict[str, float] = field(default_factory=dict)
    roundtrip_ms: list[float] = field(default_factory=list)


def _agent(client: Any, index: int, shared: _Shared, seed: int) -> None:
    from assist.team.client import Listener

    rng = random.Random(seed)
    listener = Listener(client, "peka_decisions")
    step = 0
    try:
        while not shared.stop.is_set():
            step += 1
            if step % APPROVAL_EVERY == 0:
                _approval(client, listener, index, step, shared)
                continue
            hot = rng.random() < 0.1
            customer = f"HOT{rng.randrange(HOT_CUSTOMERS)}" if hot else f"C{rng.randrange(10**9)}"
            key = f"b{index}-{step}-{uuid.uuid4().hex[:8]}"
            started = time.perf_counter()
            try:
                grant, _ = client.grant(
                    key=key,
                    customer_id=customer,
                    type="voucher",
                    amount_minor=rng.randrange(1_000, PER_GRANT // RP + 1) * RP,
                )
            except PekaError as exc:
                elapsed = (time.perf_counter() - started) * 1000
                with shared.lock:
                    shared.grant_ms.append(elapsed)
                    shared.refusals[exc.code] = shared.refusals.get(exc.code, 0) + 1
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with shared.lock:
                shared.grant_ms.append(elapsed)
                shared.acked[key] = grant.grant_id
    except Exception as exc:  # a broken agent is reported, not hidden
        with shared.lock:
            shared.errors.append(f"agent {index}: {exc!r}")
    finally:
        listener.close()


def _approval(client: Any, listener: Any, index: int, step: int, shared: _Shared) -> None:
    started = time.perf_counter()
    request = client.request_approval(
        key=f"a{index}-{step}-{uuid.uuid4().hex[:8]}",
        customer_id=f"APR{index}-{step}",
        type="voucher",
        amount_minor=500_000 * RP,
        reason="bench",
    )
    with shared.lock:
        shared.request_started[request.request_id] = started
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline and not shared.stop.is_set():
        # A notification is only a hint to look: the state is read back from the server.
        listener.wait(0.5, stop_after=1)
        seen = time.perf_counter()
        mine = [r for r in client.my_requests() if r.request_id == request.request_id]
        if mine and mine[0].status != "pending":
            with shared.lock:
                decided = shared.decided_at.get(request.request_id)
                reached = shared.seen_by_supervisor.get(request.request_id)
                if decided is not None and reached is not None:
                    shared.roundtrip_ms.append(((reached - started) + (seen - decided)) * 1000)
            return
    if not shared.stop.is_set():
        with shared.lock:
            shared.errors.append(f"approval {request.request_id}: no decision within 10 s")


def _supervisor(client: Any, shared: _Shared) -> None:
    from assist.team.client import Listener

    listener = Listener(client, "peka_approvals")
    try:
        while not shared.stop.is_set():
            listener.wait(0.2, stop_after=1)
            for request in client.pending_approvals():
                seen = time.perf_counter()
                with shared.lock:
                    if request.request_id in shared.seen_by_supervisor:
                        continue
                    shared.seen_by_supervisor[request.request_id] = seen
                    shared.decided_at[request.request_id] = time.perf_counter()
                try:
                    client.decide(request.request_id, approve=True, note="bench")
                except PekaError as exc:
                    if exc.code != "E815":  # the other console was quicker
                        raise
    except Exception as exc:
        with shared.lock:
            shared.errors.append(f"supervisor: {exc!r}")
    finally:
        listener.close()


def run(
    dsn: str | None = None, *, clients: int = 50, seconds: float = 20.0, supervisors: int = 2
) -> dict[str, Any]:
    """Run the benchmark; ``dsn`` is an administrator's (superuser) DSN, else a new cluster."""
    from assist.team.pgcluster import PgCluster

    cluster = None
    if dsn is None:
        cluster = PgCluster.start(fast=False, settings={"max_connections": str(clients * 2 + 50)})
        dsn = cluster.create_database("peka_bench")
    try:
        return _run(dsn, clients, seconds, supervisors, local=cluster is not None)
    finally:
        if cluster is not None:
            cluster.stop()


def _run(dsn: str, clients: int, seconds: float, supervisors: int, local: bool) -> dict[str, Any]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    from assist.authority.keys import SigningKey
    from assist.authority.policy_file import load_policy_text
    from assist.authority.signing import sign_policy
    from assist.team import schema
    from assist.team.client import TeamClient
    from assist.team.credentials import Credential
    from assist.team.publish import limit_rows, policy_document

    schema.init(dsn)
    parts = conninfo_to_dict(dsn)
    for secret in ("user", "password", "passfile"):
        parts.pop(secret, None)
    site = make_conninfo(**{k: str(v) for k, v in parts.items()})
    run_id = uuid.uuid4().hex[:6]
    team_name = f"bench-{run_id}"

    def enrol(agent: str, supervisor: bool = False) -> TeamClient:
        e = schema.enrol(dsn, agent, team=team_name, supervisor=supervisor)
        return TeamClient(site, Credential(e.login, e.password))

    sups = [enrol(f"bench{run_id}-lead{i}", supervisor=True) for i in range(supervisors)]
    agents = [enrol(f"bench{run_id}-a{i:03d}") for i in range(clients)]
    key = SigningKey("bench", Ed25519PrivateKey.generate())
    expires = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    text = BENCH_POLICY.format(
        expires=expires,  # bare numbers in a policy file are Rupiah, not minor units
        per_grant=PER_GRANT // RP,
        customer=CUSTOMER_30D // RP,
        agent_day=AGENT_DAY // RP,
    )
    policy = load_policy_text(text, "bench.toml")
    rule = policy.roles["agent"].rules["voucher"]
    assert (rule.max_amount, rule.max_per_customer_30d, rule.daily_budget) == (
        PER_GRANT,
        CUSTOMER_30D,
        AGENT_DAY,
    )
    signed_text = sign_policy(policy, key)
    from assist.authority.signing import verify_signed_policy

    signed = verify_signed_policy(signed_text, {key.public.key_id: key.public})
    roster = [(str(a["agent_id"]), str(a["role"])) for a in sups[0].roster()]
    current = sups[0].current_policy()
    version = (int(current["version"]) + 1) if current else 1
    if version != policy.version:
        from dataclasses import replace

        policy = replace(policy, version=version)
        signed_text = sign_policy(policy, key)
        signed = verify_signed_policy(signed_text, {key.public.key_id: key.public})
    sups[0].publish_policy(
        policy_document(signed, signed_text),
        limit_rows(policy, roster),
        [{"type": "voucher", "team_daily_budget": TEAM_DAY, "offline_allowance": 0}],
    )
    shared = _Shared()
    threads = [threading.Thread(target=_supervisor, args=(s, shared), daemon=True) for s in sups]
    threads += [
        threading.Thread(target=_agent, args=(a, i, shared, i), daemon=True)
        for i, a in enumerate(agents)
    ]
    for t in threads:
        t.start()
    started = time.perf_counter()
    shared.stop.wait(seconds)
    shared.stop.set()
    for t in threads:
        t.join(30)
    elapsed = time.perf_counter() - started
    overruns, duplicates, lost = _check(dsn, team_name, shared.acked)
    for c in [*sups, *agents]:
        c.close()
    grants = len(shared.acked)
    return {
        "clients": clients,
        "supervisors": supervisors,
        "seconds": round(elapsed, 1),
        "grants": grants,
        "grants_per_s": round(grants / elapsed, 1),
        "grant_calls": len(shared.grant_ms),
        "grant_p50_ms": round(statistics.median(shared.grant_ms), 2) if shared.grant_ms else 0,
        "grant_p95_ms": round(_p95(shared.grant_ms), 2),
        "refusals": dict(sorted(shared.refusals.items())),
        "approvals": len(shared.roundtrip_ms),
        "approval_roundtrip_p95_ms": round(_p95(shared.roundtrip_ms), 1),
        "overruns": overruns,
        "duplicates": duplicates,
        "lost": lost,
        "errors": shared.errors[:5],
        "server": "throwaway local cluster (fsync on)" if local else "given --dsn",
    }


def _check(dsn: str, team: str, acked: dict[str, str]) -> tuple[int, int, int]:
    import psycopg

    with psycopg.connect(dsn) as conn:
        over = 0
        over += conn.execute(
            "SELECT count(*) FROM (SELECT customer_id FROM peka.grants WHERE team = %s "
            "AND authority = 'policy' GROUP BY customer_id "
            "HAVING sum(amount_minor) > %s OR count(*) > 5) x",
            (team, CUSTOMER_30D),
        ).fetchone()[0]  # type: ignore[index]
        over += conn.execute(
            "SELECT count(*) FROM (SELECT agent_id FROM peka.grants WHERE team = %s "
            "AND authority = 'policy' GROUP BY agent_id, local_day "
            "HAVING sum(amount_minor) > %s) x",
            (team, AGENT_DAY),
        ).fetchone()[0]  # type: ignore[index]
        over += conn.execute(
            "SELECT count(*) FROM (SELECT local_day FROM peka.grants WHERE team = %s "
            "AND authority = 'policy' GROUP BY local_day HAVING sum(amount_minor) > %s) x",
            (team, TEAM_DAY),
        ).fetchone()[0]  # type: ignore[index]
        over += conn.execute(
            "SELECT count(*) FROM peka.grants WHERE team = %s AND authority = 'policy' "
            "AND amount_minor > %s",
            (team, PER_GRANT),
        ).fetchone()[0]  # type: ignore[index]
        rows: dict[str, str] = dict(
            conn.execute(
                "SELECT idempotency_key, grant_id FROM peka.grants WHERE team = %s", (team,)
            ).fetchall()
        )
        (dupes,) = conn.execute(
            "SELECT count(*) - count(DISTINCT idempotency_key) FROM peka.grants"
        ).fetchone() or (0,)
    lost = len([k for k, g in acked.items() if rows.get(k) != g])
    return int(over), int(dupes), lost
