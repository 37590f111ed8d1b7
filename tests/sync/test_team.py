"""The team-server source: IT loads customer data once into the team server's
customer_data schema (`peka sync team-schema --dsn`), and every workstation syncs from it
over team mode's own connection: `team.server` and the agent's team login from the
keyring (`peka team join`). A real team server (`peka team init`) on a throwaway cluster."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from click.testing import CliRunner

from assist.cli.common import get_config
from assist.cli.main import build_cli
from assist.team import credentials
from tests.sync.conftest import snapshot
from tests.team.conftest import Team, team  # noqa: F401  (the real team server fixture)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_cli(), list(args))
    return result.exit_code, result.output


def join_team_mode(home: Path, team: Team, agent: str) -> credentials.Credential:  # noqa: F811
    """What `peka team join` leaves behind: team.server in the machine-wide config and
    the agent's login in this account's keyring."""
    client = team.enrol(agent)
    (home / "machine").mkdir(parents=True, exist_ok=True)
    (home / "machine" / "config.toml").write_text(
        f"[team]\nserver = {json.dumps(team.dsn)}\n", encoding="utf-8"
    )
    get_config.cache_clear()
    credentials.store(client.credential)
    return client.credential


def load_customer_data(team: Team) -> None:  # noqa: F811
    with team.admin() as conn:
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


def test_workstation_syncs_customer_data_over_team_modes_connection(
    team: Team,  # noqa: F811
    isolated_peka: Path,
    sources_file: Path,
    cache_path: Path,
) -> None:
    # IT: the team server exists (`peka team init`); customer_data is created once and
    # the team's agents may read it.
    code, out = run("sync", "team-schema", "--dsn", team.admin_dsn)
    assert code == 0, out
    assert "customer_data is ready" in out
    load_customer_data(team)
    credential = join_team_mode(isolated_peka, team, "dewi")
    # The sources file names the source only: no address, no password of its own.
    sources_file.write_text('[sources.team]\nkind = "team"\n', encoding="utf-8")
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
    # A change IT makes centrally reaches the workstation on the next run.
    with team.admin() as conn:
        conn.execute(
            "UPDATE customer_data.customers SET tier = 'platinum', updated_at = now()"
            " WHERE id = 'C2'"
        )
    code, out = run("sync", "run", "--db", str(cache_path), "--json")
    assert code == 0, out
    assert json.loads(out)[0]["upserted"] == 1
    assert [c[6] for c in snapshot(cache_path)["customers"]] == ["gold", "platinum"]
    # The agent's login may read customer_data and nothing else there.
    with psycopg.connect(team.dsn, user=credential.login, password=credential.password) as conn:
        try:
            conn.execute("INSERT INTO customer_data.customers (id, full_name) VALUES ('X', 'X')")
            raise AssertionError("an agent's login could write customer_data")
        except psycopg.errors.InsufficientPrivilege:
            conn.rollback()
        try:
            conn.execute("SELECT * FROM peka.grants")
            raise AssertionError("an agent's login could read team mode's tables")
        except psycopg.errors.InsufficientPrivilege:
            conn.rollback()


def test_team_source_needs_team_mode_and_takes_no_address_of_its_own(
    team: Team,  # noqa: F811
    isolated_peka: Path,
    sources_file: Path,
    cache_path: Path,
) -> None:
    sources_file.write_text('[sources.team]\nkind = "team"\n', encoding="utf-8")
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 1 and "[E262]" in out and "team.server" in out
    code, out = run("sync", "status", "--db", str(cache_path), "--json")
    [status] = json.loads(out)
    assert status["last_error_code"] == "E262" and not status["ok"]
    sources_file.write_text(
        f'[sources.team]\nkind = "team"\ndsn = {json.dumps(team.dsn)}\n', encoding="utf-8"
    )
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code != 0 and "[E250]" in out and "team mode's server" in out


def test_team_schema_needs_an_initialised_team_server(pg_dsn: str) -> None:
    code, out = run("sync", "team-schema", "--dsn", pg_dsn)
    assert code != 0 and "[E263]" in out and "peka team init" in out


def test_the_sidebars_sync_process_gets_team_modes_login_from_the_sidebar(
    team: Team,  # noqa: F811
    isolated_peka: Path,
    sources_file: Path,
    cache_path: Path,
) -> None:
    """The sidebar syncs in a child process: it asks the sidebar for team mode's login,
    which the sidebar reads from its own keyring (the child never opens the keyring)."""
    from assist.sync.child import SyncChild
    from assist.sync.sources import configured_team_login

    assert run("sync", "team-schema", "--dsn", team.admin_dsn)[0] == 0
    load_customer_data(team)
    join_team_mode(isolated_peka, team, "wayan")
    sources_file.write_text('[sources.team]\nkind = "team"\n', encoding="utf-8")
    asked: list[str] = []

    def team_login():  # type: ignore[no-untyped-def]
        asked.append("team")
        return configured_team_login(team.dsn)

    child = SyncChild(cache_path, sources_file, secret=lambda _n: None, team_login=team_login)
    [result] = child.run()
    assert result.ok, result.error
    assert result.rows == 5 and asked == ["team"]
    assert len(snapshot(cache_path)["customers"]) == 2
