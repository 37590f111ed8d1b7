"""The sidebar's authority service in team mode: options, grants and approvals through
the server, offline within the allowance, identity from the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.authority.ledger import Ledger
from assist.authority.models import CompensationCase
from assist.errors import PekaError
from assist.team.authority import TeamAuthorityService
from assist.team.client import TeamClient
from assist.team.session import TeamSession
from tests.authority.conftest import analysis, record
from tests.team.conftest import Team

RP = 100


def service(team: Team, client: TeamClient, tmp: Path, config_agent: str) -> TeamAuthorityService:
    keys = tmp / "keys"
    keys.mkdir(exist_ok=True)
    (keys / "sup.ani.pub").write_text(team.key.public.file_text())
    session = TeamSession(team.dsn, client.credential, tmp / f"{config_agent}-outbox.sqlite")
    return TeamAuthorityService(
        session,
        ledger=Ledger(tmp / f"{config_agent}-ledger.sqlite"),
        keys_dir=keys,
        agent_id=config_agent,
    )


def case(customer: str = "C1") -> CompensationCase:
    return CompensationCase("whoever", record(customer, txs=[]), analysis(), [])


def test_options_and_grants_follow_the_server(team: Team, tmp_path: Path) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    a2 = team.enrol("agent02")
    team.publish(sup)
    # The config says "lead.budi"; the server says agent02, and the server wins.
    svc = service(team, a2, tmp_path, "lead.budi")
    assert svc.agent_id == "agent02"
    assert svc.status().valid
    vouchers = [o for o in svc.options(case()) if o.type == "voucher"]
    assert vouchers and vouchers[0].status == "within_authority"
    a1.grant(key="other", customer_id="C1", type="voucher", amount_minor=50_000 * RP)
    # Another agent used most of C1's 30 days: the offer shrinks accordingly.
    vouchers = [o for o in svc.options(case()) if o.type == "voucher"]
    assert vouchers and vouchers[0].amount_minor <= 30_000 * RP
    grant = svc.grant(
        customer_id="C1", type="voucher", amount_minor=30_000 * RP, idempotency_key="k1"
    )
    assert grant.agent_id == "agent02" and grant.authority == "policy"
    with pytest.raises(PekaError) as excinfo:
        svc.grant(customer_id="C1", type="voucher", amount_minor=1, idempotency_key="k2")
    assert excinfo.value.code == "E522"
    assert svc.budget_left("voucher") == 200_000 * RP - 30_000 * RP


def test_live_approval_and_offline_state(team: Team, tmp_path: Path) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    team.publish(sup, limits="[offline_allowance]\nvoucher = 1_000_000\n", tmp=tmp_path)
    svc = service(team, a1, tmp_path, "agent01")
    request = svc.request_approval(customer_id="C1", type="voucher", amount_minor=99_000 * RP)
    (pending,) = sup.pending_approvals()
    sup.decide(pending.request_id, approve=True, note="ok")
    decision = svc.wait_for_decision(request.request_id, 5)
    assert decision is not None and decision.status == "approved" and decision.grant_id
    # Pull the network: the status says so plainly; a small grant waits in the outbox.
    svc.team.client.close()
    svc.team.client.dsn = "host=127.0.0.1 port=1 dbname=x connect_timeout=2"
    grant = svc.grant(
        customer_id="C2", type="voucher", amount_minor=5_000 * RP, idempotency_key="o"
    )
    assert grant.authority == "offline" and grant.grant_id == "offline:o"
    status = svc.status()
    assert status.reason.startswith("OFFLINE")
    with pytest.raises(PekaError) as excinfo:
        svc.grant(customer_id="C3", type="voucher", amount_minor=6_000 * RP, idempotency_key="p")
    assert excinfo.value.code == "E830"
    svc.team.client.dsn = team.dsn
    report = svc.team.replay()
    assert [i.key for i in report.accepted] == ["o"]


def test_received_recently_lists_the_whole_teams_grants_to_this_customer(
    team: Team, tmp_path: Path
) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    a2 = team.enrol("agent02")
    team.publish(sup, limits="[offline_allowance]\nvoucher = 1_000_000\n", tmp=tmp_path)
    a1.grant(key="a1-c1", customer_id="C1", type="voucher", amount_minor=20_000 * RP)
    a1.grant(key="a1-c2", customer_id="C2", type="voucher", amount_minor=10_000 * RP)
    svc = service(team, a2, tmp_path, "agent02")
    svc.grant(customer_id="C1", type="voucher", amount_minor=15_000 * RP, idempotency_key="mine")
    recent = svc.received_recently("C1")
    assert [(g.agent_id, g.amount_minor) for g in recent] == [
        ("agent01", 20_000 * RP),  # another workstation's grant, oldest first
        ("agent02", 15_000 * RP),
    ]
    assert all(g.idempotency_key in ("", "mine") for g in recent)  # others' keys stay hidden
    assert recent[0].idempotency_key == ""
    assert svc.received_recently("nobody") == []
    # The sidebar's lines read it: one per grant, newest first.
    from assist.app.core import recent_lines

    assert len(recent_lines(recent, "en")) == 2
    # Offline: the server's list is not there; what this workstation kept offline is.
    svc.team.client.close()
    svc.team.client.dsn = "host=127.0.0.1 port=1 dbname=x connect_timeout=2"
    svc.grant(customer_id="C1", type="voucher", amount_minor=5_000 * RP, idempotency_key="off")
    offline = svc.received_recently("C1")
    assert [(g.grant_id, g.authority) for g in offline] == [("offline:off", "offline")]


def test_customer_grants_needs_an_enrolled_agent(team: Team) -> None:
    import psycopg

    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    team.publish(sup)
    a1.grant(key="k", customer_id="C1", type="voucher", amount_minor=1_000 * RP)
    assert [g.customer_id for g in sup.customer_grants("C1")] == ["C1"]
    with team.admin() as admin:
        admin.execute("UPDATE peka.agents SET active = false WHERE agent_id = 'agent01'")
    with pytest.raises(PekaError) as excinfo:
        a1.customer_grants("C1")
    assert excinfo.value.code == "E810"
    with psycopg.connect(team.admin_dsn, autocommit=True) as conn:  # PUBLIC may not call it
        outsider = f"outsider_{team.dbname}"
        conn.execute(f"CREATE ROLE {outsider} LOGIN PASSWORD 'x'")
        (allowed,) = conn.execute(
            "SELECT has_function_privilege(%s, 'peka.customer_grants(text, integer)', 'EXECUTE')",
            (outsider,),
        ).fetchone() or (True,)
        conn.execute(f"DROP ROLE {outsider}")
    assert allowed is False


def test_request_is_checked_like_standalone_before_it_is_sent(team: Team, tmp_path: Path) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    team.publish(sup)
    svc = service(team, a1, tmp_path, "agent01")
    for bad in (
        {"type": "no_such_type", "amount_minor": 1_000},
        {"type": "voucher", "amount_minor": 0},
        {"type": "voucher", "amount_minor": 1_000, "expires_in_hours": 1_000},
    ):
        with pytest.raises(PekaError) as excinfo:
            svc.request_approval(customer_id="C1", **bad)  # type: ignore[arg-type]
        assert excinfo.value.code == "E529"
    assert sup.pending_approvals() == []  # nothing reached the queue
