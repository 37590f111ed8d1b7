"""Upgrading a team server: a database made by an older Peka takes the new migrations."""

from __future__ import annotations

import psycopg
import pytest

from assist.errors import PekaError
from assist.team import schema
from assist.team.client import TeamClient
from assist.team.verify import verify_server
from tests.team.conftest import Team

RP = 100


def _enrol(team: Team, agent_id: str, *, supervisor: bool = False) -> TeamClient:
    return team.enrol(agent_id, supervisor=supervisor)


def test_version_2_database_upgrades_to_sharded_audit(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fixture initialised the newest schema; start again from an empty database at 2.
    with team.admin() as admin:
        admin.execute("DROP SCHEMA peka CASCADE")
    every = schema.migrations()
    monkeypatch.setattr(schema, "migrations", lambda: [m for m in every if m.version <= 2])
    assert schema.init(team.admin_dsn).after == 2
    sup = _enrol(team, "lead", supervisor=True)
    a1 = _enrol(team, "agent01")
    a2 = _enrol(team, "agent02")
    team.publish(sup)
    old, _ = a1.grant(key="old1", customer_id="C1", type="voucher", amount_minor=50_000 * RP)
    with pytest.raises(PekaError):  # a refusal is audited on the old chain too
        a2.grant(key="old2", customer_id="C1", type="voucher", amount_minor=40_000 * RP)
    request = a2.request_approval(
        key="r1", customer_id="C9", type="voucher", amount_minor=90_000 * RP, reason="late"
    )
    with team.admin() as admin:
        (entries_before,) = admin.execute("SELECT count(*) FROM peka.audit").fetchone() or (0,)

    monkeypatch.setattr(schema, "migrations", lambda: every)
    report = schema.init(team.admin_dsn)
    assert (report.before, report.after) == (2, schema.latest_version())
    assert "0003_sharded_audit" in report.applied
    for client in (sup, a1, a2):  # sessions opened before the upgrade carry on
        client.close()
    result = verify_server(sup)
    assert result.ok, result.problem
    assert result.entries == entries_before
    # The old history is chain 0; new entries go to the agents' chains and verify.
    sup.decide(request.request_id, approve=True, note="ok")
    new, _ = a2.grant(key="new1", customer_id="C2", type="voucher", amount_minor=10_000 * RP)
    assert new.audit_seq > old.audit_seq
    with pytest.raises(PekaError):  # the customer limit still counts old grants
        a2.grant(key="new2", customer_id="C1", type="voucher", amount_minor=40_000 * RP)
    result = verify_server(sup)
    assert result.ok, result.problem
    with team.admin() as admin:
        chains = dict(
            admin.execute("SELECT chain, count(*) FROM peka.audit GROUP BY chain").fetchall()
        )
        assert chains[0] == entries_before
        assert sum(chains.values()) == entries_before + 4  # decision, grant, grant, refusal
    # An agent still has no privilege on the new table.
    with (
        psycopg.connect(
            team.dsn, user=a1.credential.login, password=a1.credential.password, autocommit=True
        ) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("SELECT * FROM peka.audit_heads")
