"""The approval queue (LISTEN/NOTIFY) and the offline outbox against a real server."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from assist.errors import PekaError
from assist.team.client import Listener, TeamClient
from assist.team.session import OFFLINE, ONLINE, TeamSession
from tests.team.conftest import Team

RP = 100


def session(team: Team, client: TeamClient, tmp: Path) -> TeamSession:
    return TeamSession(team.dsn, client.credential, tmp / f"{client.credential.login}.sqlite")


def pull_the_network(s: TeamSession) -> None:
    s.client.close()
    s.client.dsn = "host=127.0.0.1 port=1 dbname=peka connect_timeout=2"


def plug_it_back(s: TeamSession, team: Team) -> None:
    s.client.dsn = team.dsn


def test_request_reaches_supervisor_live_and_decision_reaches_agent(
    team: Team, tmp_path: Path
) -> None:
    sup = team.enrol("lead", supervisor=True)
    other_sup = team.enrol("lead2", supervisor=True)
    a1 = team.enrol("agent01")
    team.publish(sup)
    listener = Listener(sup, "peka_approvals")
    agent = session(team, a1, tmp_path)
    started = time.monotonic()
    request = agent.request_approval(
        key="req-1",
        customer_id="C1",
        type="voucher",
        amount_minor=150_000 * RP,
        reason="parcel lost twice",
        context={"issue": "delivery_delay", "message": "<b>Paket saya hilang</b>"},
    )
    notes = listener.wait(5, stop_after=1)
    assert notes == [("peka_approvals", request.request_id)]
    assert time.monotonic() - started < 1.0
    (pending,) = sup.pending_approvals()
    assert pending.request_id == request.request_id and pending.agent_id == "agent01"
    assert pending.context["message"] == "<b>Paket saya hilang</b>"
    result: list[object] = []
    waiter = threading.Thread(
        target=lambda: result.append(agent.wait_for_decision(request.request_id, 10))
    )
    waiter.start()
    time.sleep(0.2)
    decided_at = time.monotonic()
    decided = other_sup.decide(request.request_id, approve=True, note="ok, once")
    waiter.join(10)
    assert time.monotonic() - decided_at < 1.0
    assert decided.status == "approved" and decided.grant_id
    (seen,) = result
    assert getattr(seen, "status", None) == "approved" and getattr(seen, "note", "") == "ok, once"
    with pytest.raises(PekaError) as excinfo:
        sup.decide(request.request_id, approve=False)
    assert excinfo.value.code == "E815"
    with team.admin() as conn:
        row = conn.execute(
            "SELECT agent_id, authority, approved_by, amount_minor FROM peka.grants "
            "WHERE approval_id = %s",
            (request.request_id,),
        ).fetchone()
    assert row == ("agent01", "approval", "lead2", 150_000 * RP)
    listener.close()


def test_decline_with_note_and_no_self_approval(team: Team, tmp_path: Path) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    team.publish(sup)
    request = a1.request_approval(key="r", customer_id="C1", type="voucher", amount_minor=99)
    declined = sup.decide(request.request_id, approve=False, note="offer a voucher instead")
    assert declined.status == "declined" and declined.note == "offer a voucher instead"
    (mine,) = a1.my_requests()
    assert mine.status == "declined" and mine.grant_id is None
    own = sup.request_approval(key="own", customer_id="C1", type="voucher", amount_minor=99)
    with pytest.raises(PekaError) as excinfo:
        sup.decide(own.request_id, approve=True)
    assert excinfo.value.code == "E814"


def test_offline_default_allows_nothing(team: Team, tmp_path: Path) -> None:
    sup = team.enrol("lead", supervisor=True)
    agent = session(team, team.enrol("agent01"), tmp_path)
    team.publish(sup)
    agent.refresh()
    assert agent.state == ONLINE
    pull_the_network(agent)
    with pytest.raises(PekaError) as excinfo:
        agent.grant(key="k", customer_id="C1", type="voucher", amount_minor=100)
    assert excinfo.value.code == "E831"
    assert agent.state == OFFLINE and agent.status()["problem"].startswith("[E804]")


def test_offline_allowance_outbox_replay_and_refusal(team: Team, tmp_path: Path) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = session(team, team.enrol("agent01"), tmp_path)
    a2 = team.enrol("agent02")
    team.publish(sup, limits="[offline_allowance]\nvoucher = 6_000_000\n", tmp=tmp_path)
    a1.refresh()
    pull_the_network(a1)
    first = a1.grant(key="off-1", customer_id="C1", type="voucher", amount_minor=40_000 * RP)
    assert first.offline and first.pending is not None
    again = a1.grant(key="off-1", customer_id="C1", type="voucher", amount_minor=40_000 * RP)
    assert again.pending == first.pending  # a double click keeps one
    second = a1.grant(key="off-2", customer_id="C2", type="voucher", amount_minor=20_000 * RP)
    assert second.offline
    with pytest.raises(PekaError) as excinfo:
        a1.grant(key="off-3", customer_id="C3", type="voucher", amount_minor=1)
    assert excinfo.value.code == "E830"
    assert "only Rp 0 of today's offline allowance of Rp 60.000" in excinfo.value.message
    # Meanwhile a colleague gives C2 all that the customer may have in 30 days.
    a2.grant(key="on-1", customer_id="C2", type="voucher", amount_minor=50_000 * RP)
    a2.grant(key="on-2", customer_id="C2", type="voucher", amount_minor=30_000 * RP)
    assert a1.replay().still_pending == 2  # still offline: nothing lost, nothing sent
    plug_it_back(a1, team)
    report = a1.replay()
    assert [i.key for i in report.accepted] == ["off-1"]
    assert [i.key for i in report.refused] == ["off-2"]
    assert report.refused[0].result["code"] == "E522"
    assert a1.state == ONLINE
    assert a1.replay().accepted == []  # replaying again sends nothing twice
    (refusal,) = sup.offline_refusals()  # the supervisor sees it too
    assert refusal["agent_id"] == "agent01" and refusal["code"] == "E522"
    (mine,) = a1.client.my_offline_refusals()
    assert mine["idempotency_key"] == "off-2"
    with team.admin() as conn:
        rows = conn.execute(
            "SELECT idempotency_key, authority, offline_at IS NOT NULL FROM peka.grants "
            "WHERE agent_id = 'agent01'"
        ).fetchall()
    assert rows == [("off-1", "offline", True)]
