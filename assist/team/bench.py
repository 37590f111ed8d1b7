"""``peka bench team``: 50 agents granting and asking for approval against a team server.

Without ``--dsn`` it starts its own durable throwaway cluster (fsync on) and removes it
afterwards. Every simulated agent has its own login and connection. Agents are paced
like people, not run flat out: each agent's grants arrive as a Poisson process at
``rate / clients`` per second (open loop: the next grant's time is drawn in advance and
does not wait for the last one's answer), and a grant's latency is measured from the
moment it was *due*, not from when it was sent, so a server that falls behind shows its
queue in the latency instead of slowing the arrivals down (no coordinated omission).
Most grants are small vouchers to many customers, some to a few "hot" customers so the
30-day limit is contested; every ``APPROVAL_EVERY``-th arrival is an approval request,
which the agent's listener follows to the decision that two supervisor consoles make as
soon as LISTEN tells them. A sampler reads ``pg_stat_activity`` every 20 ms to show where
the server's backends wait. At the end the server's totals are checked against every
limit (``overruns``) and every acknowledged grant must be there exactly once
(``duplicates``, ``lost``).
"""

from __future__ import annotations

import queue
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
DEFAULT_RATE = 360.0  # grant calls per second offered by all agents together
SAMPLE_EVERY_S = 0.02

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


def _quantile(values: list[float], q: int) -> float:
    """The ``q``-th percentile (95, 99) of ``values``; the largest when there are few."""
    if not values:
        return 0.0
    if len(values) < 100 // (100 - q):
        return max(values)
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _p95(values: list[float]) -> float:
    return _quantile(values, 95)


@dataclass
class _Shared:
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    end_at: float = 0.0
    offered: int = 0
    grant_ms: list[float] = field(default_factory=list)  # due → answer
    service_ms: list[float] = field(default_factory=list)  # sent → answer
    late_ms: list[float] = field(default_factory=list)  # due → sent (the agent was busy)
    acked: dict[str, str] = field(default_factory=dict)
    refusals: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    request_started: dict[str, float] = field(default_factory=dict)
    seen_by_supervisor: dict[str, float] = field(default_factory=dict)
    decided_at: dict[str, float] = field(default_factory=dict)
    roundtrip_ms: list[float] = field(default_factory=list)
    waits: dict[str, int] = field(default_factory=dict)
    samples: int = 0


def _agent(client: Any, index: int, shared: _Shared, seed: int, rate: float) -> None:
    """One agent's arrivals: due times drawn in advance, each sent when due (or at once
    when the agent is still busy with the one before)."""
    rng = random.Random(seed)
    requests: queue.Queue[tuple[str, float] | None] = queue.Queue()
    waiter = threading.Thread(target=_approval_waiter, args=(client, requests, shared), daemon=True)
    waiter.start()
    step = 0
    due = time.perf_counter() + rng.expovariate(rate)
    try:
        while due < shared.end_at and not shared.stop.is_set():
            pause = due - time.perf_counter()
            if pause > 0 and shared.stop.wait(pause):
                break
            step += 1
            with shared.lock:
                shared.offered += 1
            if step % APPROVAL_EVERY == 0:
                _request(client, requests, index, step, shared)
            else:
                _grant(client, rng, index, step, due, shared)
            due += rng.expovariate(rate)
    except Exception as exc:  # a broken agent is reported, not hidden
        with shared.lock:
            shared.errors.append(f"agent {index}: {exc!r}")
    finally:
        requests.put(None)
        waiter.join(15)


def _grant(client: Any, rng: random.Random, index: int, step: int, due: float, s: _Shared) -> None:
    hot = rng.random() < 0.1
    customer = f"HOT{rng.randrange(HOT_CUSTOMERS)}" if hot else f"C{rng.randrange(10**9)}"
    key = f"b{index}-{step}-{uuid.uuid4().hex[:8]}"
    sent = time.perf_counter()
    code = None
    grant_id = ""
    try:
        grant, _ = client.grant(
            key=key,
            customer_id=customer,
            type="voucher",
            amount_minor=rng.randrange(1_000, PER_GRANT // RP + 1) * RP,
        )
        grant_id = grant.grant_id
    except PekaError as exc:
        if exc.code in ("E804", "E819"):
            raise
        code = exc.code
    done = time.perf_counter()
    with s.lock:
        s.grant_ms.append((done - due) * 1000)
        s.service_ms.append((done - sent) * 1000)
        s.late_ms.append(max(sent - due, 0.0) * 1000)
        if code is None:
            s.acked[key] = grant_id
        else:
            s.refusals[code] = s.refusals.get(code, 0) + 1


def _request(
    client: Any,
    requests: queue.Queue[tuple[str, float] | None],
    index: int,
    step: int,
    shared: _Shared,
) -> None:
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
    requests.put((request.request_id, started))


def _approval_waiter(
    client: Any, requests: queue.Queue[tuple[str, float] | None], shared: _Shared
) -> None:
    """The agent's sidebar side: wake on LISTEN, read the decision back from the server
    (on its own connection, like the sidebar's listener)."""
    from assist.team.client import Listener, TeamClient

    reader = TeamClient(client.dsn, client.credential)
    listener = Listener(reader, "peka_decisions")
    waiting: dict[str, float] = {}
    closing = False
    try:
        while not closing or waiting:
            try:  # block for the next request only when nothing is waiting
                item = requests.get(timeout=0.5) if not waiting else requests.get_nowait()
            except queue.Empty:
                item = ("", 0.0)
            if item is None:
                closing = True
            elif item[0]:
                waiting[item[0]] = item[1]
                continue
            if not waiting:
                continue
            # A notification is only a hint to look; the state is read back from the server.
            hints = listener.wait(0.2, stop_after=1)
            if hints and not any(p.rpartition(" ")[2] in waiting for _, p in hints):
                continue
            seen = time.perf_counter()
            for r in reader.my_requests():
                if r.request_id in waiting and r.status != "pending":
                    started = waiting.pop(r.request_id)
                    with shared.lock:
                        decided = shared.decided_at.get(r.request_id)
                        reached = shared.seen_by_supervisor.get(r.request_id)
                        if decided is not None and reached is not None:
                            shared.roundtrip_ms.append(
                                ((reached - started) + (seen - decided)) * 1000
                            )
            for key in [k for k, t in waiting.items() if seen - t > 10]:
                waiting.pop(key)
                with shared.lock:
                    shared.errors.append(f"approval {key}: no decision within 10 s")
    except Exception as exc:
        with shared.lock:
            shared.errors.append(f"approval waiter: {exc!r}")
    finally:
        listener.close()
        reader.close()


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


def _sampler(dsn: str, dbname: str, shared: _Shared) -> None:
    """Where the server's backends are: waiting for a lock, for the WAL, or on the CPU."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        while not shared.stop.wait(SAMPLE_EVERY_S):
            rows = conn.execute(
                "SELECT COALESCE(wait_event_type || ':' || wait_event, 'CPU') "
                "FROM pg_stat_activity WHERE datname = %s AND state = 'active' "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
                (dbname,),
            ).fetchall()
            with shared.lock:
                shared.samples += 1
                for (event,) in rows:
                    if event != "Client:ClientRead":
                        shared.waits[event] = shared.waits.get(event, 0) + 1


def run(
    dsn: str | None = None,
    *,
    clients: int = 50,
    seconds: float = 20.0,
    supervisors: int = 2,
    rate: float = DEFAULT_RATE,
) -> dict[str, Any]:
    """Run the benchmark; ``dsn`` is an administrator's (superuser) DSN, else a new cluster."""
    from assist.team.pgcluster import PgCluster

    cluster = None
    if dsn is None:
        settings = {"max_connections": str(clients * 3 + 50), "track_functions": "pl"}
        cluster = PgCluster.start(fast=False, settings=settings)
        dsn = cluster.create_database("peka_bench")
    try:
        return _run(dsn, clients, seconds, supervisors, rate, local=cluster is not None)
    finally:
        if cluster is not None:
            cluster.stop()


def _run(
    dsn: str, clients: int, seconds: float, supervisors: int, rate: float, local: bool
) -> dict[str, Any]:
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
    dbname = str(parts.get("dbname") or "")
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
    # A workstation's connection is open all day: log in and compile the server's
    # functions in every backend before the clock starts.
    for i, agent in enumerate(agents):
        agent.grant(key=f"warm-{run_id}-{i}", customer_id=f"W{i}", type="voucher", amount_minor=RP)
    shared = _Shared()
    per_agent = rate / clients
    threads = [threading.Thread(target=_supervisor, args=(s, shared), daemon=True) for s in sups]
    threads += [
        threading.Thread(target=_agent, args=(a, i, shared, i, per_agent), daemon=True)
        for i, a in enumerate(agents)
    ]
    sampler = threading.Thread(target=_sampler, args=(dsn, dbname, shared), daemon=True)
    started = time.perf_counter()
    shared.end_at = started + seconds
    sampler.start()
    for t in threads:
        t.start()
    for t in threads[len(sups) :]:
        t.join(seconds + 30)
    elapsed = time.perf_counter() - started
    shared.stop.set()
    for t in [*threads[: len(sups)], sampler]:
        t.join(30)
    overruns, duplicates, lost = _check(dsn, team_name, shared.acked)
    functions = _function_times(dsn)
    for c in [*sups, *agents]:
        c.close()
    grants = len(shared.acked)
    calls = len(shared.grant_ms)
    samples = max(shared.samples, 1)
    return {
        "clients": clients,
        "supervisors": supervisors,
        "seconds": round(elapsed, 1),
        "arrivals": "poisson, open loop; latency from the due time",
        "offered_per_s": round(rate, 1),
        "offered": shared.offered,
        "grants": grants,
        "grants_per_s": round(grants / elapsed, 1),
        "grant_calls": calls,
        "grant_calls_per_s": round(calls / elapsed, 1),
        "grant_p50_ms": round(statistics.median(shared.grant_ms), 2) if calls else 0,
        "grant_p95_ms": round(_p95(shared.grant_ms), 2),
        "grant_p99_ms": round(_quantile(shared.grant_ms, 99), 2),
        "grant_service_p95_ms": round(_p95(shared.service_ms), 2),
        "grant_late_p95_ms": round(_p95(shared.late_ms), 2),
        "refusals": dict(sorted(shared.refusals.items())),
        "approvals": len(shared.roundtrip_ms),
        "approval_roundtrip_p95_ms": round(_p95(shared.roundtrip_ms), 1),
        "overruns": overruns,
        "duplicates": duplicates,
        "lost": lost,
        "server_busy_backends": {
            k: round(v / samples, 2)
            for k, v in sorted(shared.waits.items(), key=lambda kv: -kv[1])[:8]
        },
        "server_function_ms": functions,
        "errors": shared.errors[:5],
        "server": "throwaway local cluster (fsync on)" if local else "given --dsn",
    }


def _function_times(dsn: str) -> dict[str, list[float]]:
    """Where the server's time went, per PL/pgSQL function: [calls, ms per call in the
    function itself (its SQL, not the functions it calls), ms per call in all]. Needs
    ``track_functions = pl`` (the benchmark's own cluster sets it); else empty."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT funcname, calls, self_time, total_time FROM pg_stat_user_functions "
            "WHERE schemaname = 'peka' AND calls > 0 ORDER BY self_time DESC LIMIT 8"
        ).fetchall()
    return {
        str(name): [int(calls), round(self_ms / calls, 3), round(total_ms / calls, 3)]
        for name, calls, self_ms, total_ms in rows
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
