"""A short run of `peka bench team` against the test cluster: the keys and the checks."""

from __future__ import annotations

from assist.team.bench import run


def test_bench_team_paced_agents_smoke(pg_dsn: str) -> None:
    result = run(pg_dsn, clients=4, seconds=2.0, rate=100.0)
    assert result["errors"] == []
    assert result["arrivals"].startswith("poisson, open loop")
    assert result["offered"] >= result["grant_calls"] > 0
    assert result["grants"] + sum(result["refusals"].values()) == result["grant_calls"]
    assert result["approvals"] > 0 and result["approval_roundtrip_p95_ms"] > 0
    assert (result["overruns"], result["duplicates"], result["lost"]) == (0, 0, 0)
    for key in ("grants_per_s", "grant_p95_ms", "grant_service_p95_ms", "offered_per_s"):
        assert result[key] > 0
    assert isinstance(result["server_busy_backends"], dict)
    assert isinstance(result["server_function_ms"], dict)  # empty: this server does not track
