"""Replay on reconnect: the session says when the server goes away and comes back (the
event the sidebar's banner listens to) and replays the outbox by itself, against a real
server (the network is "pulled" by pointing the client at a closed port)."""

from __future__ import annotations

from pathlib import Path

from assist.team.session import TeamSession, TeamState
from tests.team.conftest import Team
from tests.team.test_approvals_offline import plug_it_back, pull_the_network, session

RP = 100


def test_offline_event_then_replay_on_reconnect(team: Team, tmp_path: Path) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1: TeamSession = session(team, team.enrol("agent01"), tmp_path)
    a2 = team.enrol("agent02")
    team.publish(sup, limits="[offline_allowance]\nvoucher = 6_000_000\n", tmp=tmp_path)
    seen: list[TeamState] = []
    a1.changed.connect(seen.append)
    a1.refresh()
    assert seen[-1].online and seen[-1].pending == 0
    assert seen[-1].allowance_left == {"voucher": 6_000_000}

    pull_the_network(a1)
    a1.grant(key="off-1", customer_id="C1", type="voucher", amount_minor=40_000 * RP)
    offline = seen[-1]
    assert not offline.online and offline.problem and offline.pending == 1
    assert offline.allowance_left == {"voucher": 2_000_000}  # what is left for today
    a1.grant(key="off-2", customer_id="C2", type="voucher", amount_minor=20_000 * RP)
    assert seen[-1].pending == 2 and seen[-1].allowance_left == {"voucher": 0}
    # A colleague meanwhile gives C2 all a customer may have in 30 days.
    a2.grant(key="on-1", customer_id="C2", type="voucher", amount_minor=50_000 * RP)
    a2.grant(key="on-2", customer_id="C2", type="voucher", amount_minor=30_000 * RP)

    count = len(seen)
    still = a1.reconnect()  # the server is still away: nothing sent, nothing lost
    assert still.still_pending == 2 and not still.accepted and not still.refused
    assert len(seen) == count  # no new event while nothing changed

    plug_it_back(a1, team)
    report = a1.reconnect()
    assert [i.key for i in report.accepted] == ["off-1"]
    assert [i.key for i in report.refused] == ["off-2"]
    back = seen[-1]
    assert back.online and back.pending == 0
    assert [i.key for i in back.accepted] == ["off-1"]
    (refused,) = back.refused  # the refusal reaches the agent…
    assert refused.result["code"] == "E522" and refused.customer_id == "C2"
    (refusal,) = sup.offline_refusals()  # …and the supervisor
    assert refusal["agent_id"] == "agent01"

    count = len(seen)
    again = a1.reconnect()  # online, nothing waiting: nothing sent twice, no event
    assert not again.accepted and not again.refused and len(seen) == count
    with team.admin() as conn:
        (n,) = conn.execute(
            "SELECT count(*) FROM peka.grants WHERE agent_id = 'agent01'"
        ).fetchone() or (0,)
    assert n == 1


def test_refusals_count_as_answers_a_refused_login_does_not(team: Team, tmp_path: Path) -> None:
    import pytest

    from assist.errors import PekaError
    from assist.team.credentials import Credential
    from assist.team.session import OFFLINE, ONLINE

    sup = team.enrol("lead", supervisor=True)
    a1: TeamSession = session(team, team.enrol("agent01"), tmp_path)
    team.publish(sup)
    pull_the_network(a1)
    with pytest.raises(PekaError):
        a1.refresh()
    assert a1.state == OFFLINE
    plug_it_back(a1, team)
    with pytest.raises(PekaError) as excinfo:  # the server answers with a refusal: online
        a1.grant(key="big", customer_id="C1", type="voucher", amount_minor=90_000 * RP)
    assert excinfo.value.code == "E521" and a1.state == ONLINE
    pull_the_network(a1)
    with pytest.raises(PekaError):
        a1.refresh()
    plug_it_back(a1, team)
    a1.client.credential = Credential(a1.client.credential.login, "not-the-password")
    with pytest.raises(PekaError) as excinfo:  # the login is refused: still not online
        a1.refresh()
    assert excinfo.value.code == "E817" and a1.state == OFFLINE
