"""The team-server source: IT loads customer data once into the team database's
customer_data schema (`peka sync team-schema`); workstations sync from it."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from click.testing import CliRunner

from assist.cli.main import build_cli
from assist.team.pgcluster import PgCluster
from tests.sync.conftest import snapshot


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_cli(), list(args))
    return result.exit_code, result.output


def test_workstation_syncs_customer_data_from_the_team_server(
    pg_cluster: PgCluster, pg_dsn: str, sources_file: Path, cache_path: Path
) -> None:
    code, schema = run("sync", "team-schema")
    assert code == 0 and "customer_data.transactions" in schema
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(schema)
        conn.execute("DROP ROLE IF EXISTS agent_reader")
        conn.execute("CREATE ROLE agent_reader LOGIN PASSWORD 'agent-pw'")
        conn.execute("GRANT USAGE ON SCHEMA customer_data TO agent_reader")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA customer_data TO agent_reader")
        conn.execute(
            "INSERT INTO customer_data.customers (id, full_name, salutation, phone, tier)"
            " VALUES ('C1', 'Sri Wahyuni', 'Ibu', '0812-3456-7890', 'gold'),"
            " ('C2', 'Budi Santoso', 'Pak', NULL, 'regular')"
        )
        conn.execute(
            "INSERT INTO customer_data.preferences (customer_id, key, value)"
            " VALUES ('C1', 'preferred_channel', 'whatsapp')"
        )
        conn.execute(
            "INSERT INTO customer_data.transactions (id, customer_id, created_at, kind,"
            " reference, amount, status, extra) VALUES ('T1', 'C1', '2026-12-01 10:00+07',"
            " 'order', 'INV/1', 450000, 'delayed', '{\"courier\": \"JNE\"}')"
        )
        conn.execute(
            "INSERT INTO customer_data.interactions (id, customer_id, occurred_at, channel,"
            " outcome, csat) VALUES ('I1', 'C1', '2026-12-02 09:00+07', 'chat', 'follow_up', 2)"
        )
    dbname = psycopg.conninfo.conninfo_to_dict(pg_dsn)["dbname"]
    dsn = f"host={pg_cluster.host} port={pg_cluster.port} dbname={dbname} user=agent_reader"
    sources_file.write_text(f'[sources.team]\nkind = "team"\ndsn = "{dsn}"\n', encoding="utf-8")
    assert run("sync", "secret", "team", "--value", "agent-pw")[0] == 0
    try:
        code, out = run("sync", "run", "--db", str(cache_path), "--json")
        assert code == 0, out
        assert json.loads(out)[0]["rows"] == 5
        state = snapshot(cache_path)
        assert [(c[0], c[2]) for c in state["customers"]] == [("C1", "Ibu"), ("C2", "Bapak")]
        assert state["preferences"] == [("C1", "preferred_channel", "whatsapp")]
        t1 = state["transactions"][0]
        assert t1[0] == "T1" and t1[2] == "2026-12-01T03:00:00Z" and t1[6] == 45_000_000
        assert json.loads(t1[11]) == {"courier": "JNE"}
        assert state["interactions"][0][7] == 2
    finally:
        with psycopg.connect(pg_cluster.dsn(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            conn.execute("DROP ROLE IF EXISTS agent_reader")
