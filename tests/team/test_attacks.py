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
    "SELECT peka.audit_begin('agent02')",
    "SELECT peka.team_spend('default', 'voucher', current_date, 1::smallint, -99999999, NULL)",
    "UPDATE peka.team_spend SET spent = 0",
    "UPDATE peka.audit_heads SET seq = 0",
    "SELECT nextval('peka.audit_seq')",
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
            "SELECT * FROM peka.audit_chain_entries(1::smallint)",
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


def _chain_of(team: Team, agent_id: str) -> int:
    with team.admin() as admin:
        row = admin.execute(
            "SELECT chain FROM peka.audit WHERE payload::jsonb->>'agent_id' = %s LIMIT 1",
            (agent_id,),
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_removed_tail_of_one_chain_is_detected(
    team: Team, setup: tuple[TeamClient, TeamClient, TeamClient]
) -> None:
    sup, a1, a2 = setup
    a2.grant(key="g2", customer_id="C2", type="voucher", amount_minor=10_000 * RP)
    noted = verify_server(sup)
    assert noted.ok, noted.problem
    a1.grant(key="g3", customer_id="C3", type="voucher", amount_minor=10_000 * RP)
    assert verify_server(sup, head=noted.head_hash).ok  # later entries extend the noted head
    chain = _chain_of(team, "agent01")
    with team.admin() as admin:  # drop agent01's newest grant and its entry, keep the head
        admin.execute("SET session_replication_role = replica")
        admin.execute("DELETE FROM peka.grants WHERE idempotency_key = 'g3'")
        admin.execute(
            "DELETE FROM peka.audit WHERE chain = %s AND chain_seq = "
            "(SELECT max(chain_seq) FROM peka.audit WHERE chain = %s)",
            (chain, chain),
        )
    report = verify_server(sup)
    assert not report.ok and f"chain {chain} ends at entry" in report.problem
    with team.admin() as admin:  # …and moves the head back as well: the noted head catches it
        admin.execute(
            "UPDATE peka.audit_heads h SET seq = e.chain_seq, hash = e.hash FROM peka.audit e "
            "WHERE h.chain = %s AND e.chain = %s AND e.chain_seq = "
            "(SELECT max(chain_seq) FROM peka.audit WHERE chain = %s)",
            (chain, chain, chain),
        )
    assert verify_server(sup).ok  # a consistent rewrite is only caught by a noted head…
    report = verify_server(sup, head=noted.head_hash)
    assert report.ok  # …noted before the removed entry, so this one still extends it
    with team.admin() as admin:
        admin.execute("DELETE FROM peka.audit_heads WHERE chain = 5")
    report = verify_server(sup)
    assert not report.ok and "chains [5]" in report.problem


def test_rewritten_chain_fails_the_noted_head(
    team: Team, setup: tuple[TeamClient, TeamClient, TeamClient]
) -> None:
    sup, _, _ = setup
    noted = verify_server(sup)
    chain = _chain_of(team, "agent01")
    with team.admin() as admin:  # forge agent01's chain from scratch with fresh hashes
        admin.execute("SET session_replication_role = replica")
        admin.execute("DELETE FROM peka.grants")
        admin.execute("DELETE FROM peka.audit WHERE chain = %s", (chain,))
        admin.execute(
            "UPDATE peka.audit_heads SET seq = 0, hash = (SELECT hash FROM peka.audit_heads "
            "WHERE chain = 0) WHERE chain = %s",
            (chain,),
        )
    assert verify_server(sup).ok  # consistent, but shorter than what was noted
    report = verify_server(sup, head=noted.head_hash)
    assert not report.ok and "beyond the chains" in report.problem
    assert not verify_server(sup, head="abc:1.2").ok
