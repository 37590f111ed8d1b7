"""An enrolled agent talking to PostgreSQL directly, not through Peka, as an attacker would."""

from __future__ import annotations

import psycopg
import pytest

from assist.errors import PekaError
from assist.team.client import TeamClient
from assist.team.verify import verify_server
from tests.team.conftest import Team

RP = 100


def raw(team: Team, client: TeamClient) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        team.dsn,
        user=client.credential.login,
        password=client.credential.password,
        autocommit=True,
    )


@pytest.fixture
def setup(team: Team) -> tuple[TeamClient, TeamClient, TeamClient]:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    a2 = team.enrol("agent02")
    team.publish(sup)
    a1.grant(key="g1", customer_id="C1", type="voucher", amount_minor=50_000 * RP)
    return sup, a1, a2


FORBIDDEN = [
    "SELECT * FROM peka.grants",
    "SELECT * FROM peka.audit",
    "SELECT * FROM peka.limits",
    "INSERT INTO peka.grants (grant_id) VALUES ('x')",
    "UPDATE peka.audit SET payload = '{}'",
    "DELETE FROM peka.grants",
    "DELETE FROM peka.audit",
    "TRUNCATE peka.audit",
    "UPDATE peka.day_totals SET amount = 0",
    "UPDATE peka.agents SET supervisor = true",
    "UPDATE peka.limits SET max_amount = 999999999",
    "SELECT peka.audit_append('grant', '{}'::jsonb)",
    "SELECT peka.add_day_total('agent', 'agent01', 'voucher', current_date, -99999999)",
    "SET SESSION AUTHORIZATION postgres",
    "CREATE TEMP TABLE grants (x int)",
    "CREATE TABLE public.evil (x int)",
    "CREATE FUNCTION peka.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "ALTER TABLE peka.audit DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_append_only ON peka.audit",
]


@pytest.mark.parametrize("statement", FORBIDDEN)
def test_agent_cannot_touch_tables_or_internals(
    team: Team, setup: tuple[TeamClient, TeamClient, TeamClient], statement: str
) -> None:
    _, a1, _ = setup
    with raw(team, a1) as conn, pytest.raises(psycopg.Error):
        conn.execute(statement)


def test_agent_cannot_become_someone_else(
    team: Team, setup: tuple[TeamClient, TeamClient, TeamClient]
) -> None:
    _, a1, a2 = setup
    roles = [f"peka_{team.dbname}_owner", f"peka_{team.dbname}_supervisor", a2.credential.login]
    with raw(team, a1) as conn:
        for role in roles:
            with pytest.raises(psycopg.Error):
                conn.execute(psycopg.sql.SQL("SET ROLE {}").format(psycopg.sql.Identifier(role)))
        # The identity is session_user: there is no parameter to claim another agent.
        (me,) = conn.execute("SELECT peka.whoami()").fetchone() or ({},)
        assert isinstance(me, dict) and me["agent_id"] == "agent01"
        # Another agent's login with a guessed password does not get in.
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(team.dsn, user=a2.credential.login, password="guess").close()


def test_agent_cannot_exceed_limits_or_approve_or_read_others(
    team: Team, setup: tuple[TeamClient, TeamClient, TeamClient]
) -> None:
    _, a1, a2 = setup
    with raw(team, a1) as conn:
        for amount in (60_000 * RP, -5, 0, 2**62):
            (result,) = conn.execute(
                "SELECT peka.grant('x' || %s::text, 'C2', 'voucher', %s)", (amount, amount)
            ).fetchone() or (None,)
            assert isinstance(result, dict) and result["ok"] is False, amount
        (result,) = conn.execute(
            "SELECT peka.request_approval('r1', 'C2', 'voucher', 1000000)"
        ).fetchone() or (None,)
        assert isinstance(result, dict)
        request_id = result["request"]["request_id"]
        for call in (
            f"SELECT peka.decide_approval('{request_id}', true, 'me')",
            "SELECT peka.pending_approvals()",
            "SELECT * FROM peka.audit_entries()",
            "SELECT peka.roster()",
            "SELECT peka.publish_policy('{}', '[]', '[]')",
        ):
            with pytest.raises(psycopg.Error) as excinfo:
                conn.execute(call).fetchall()
            assert isinstance(excinfo.value, psycopg.errors.InsufficientPrivilege)
    # agent02 sees nothing of agent01's requests.
    assert a2.my_requests() == []
    assert [r.request_id for r in a1.my_requests()] == [request_id]


def test_audit_verifies_and_detects_superuser_tampering(
    team: Team, setup: tuple[TeamClient, TeamClient, TeamClient]
) -> None:
    sup, a1, _ = setup
    with pytest.raises(PekaError):
        a1.grant(key="g2", customer_id="C1", type="voucher", amount_minor=50_000 * RP)
    report = verify_server(sup)
    assert report.ok, report.problem
    assert report.entries >= 3  # policy, grant, refusal
    assert verify_server(sup, head=report.head_hash).ok
    assert not verify_server(sup, head="0" * 63 + "1").ok
    with team.admin() as admin:  # someone with the database's superuser password
        admin.execute("SET session_replication_role = replica")  # triggers off
        admin.execute("UPDATE peka.grants SET amount_minor = 1")
    report = verify_server(sup)
    assert not report.ok and "amount_minor" in report.problem
    with team.admin() as admin:
        admin.execute("SET session_replication_role = replica")
        admin.execute("DELETE FROM peka.grants")
    report = verify_server(sup)
    assert not report.ok and "missing from the grants table" in report.problem
