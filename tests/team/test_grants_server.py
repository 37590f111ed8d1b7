"""Grants through the team server: every limit is the server's, across workstations."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.errors import PekaError
from assist.team import schema
from tests.team.conftest import Team

RP = 100  # Rupiah in minor units


def _codes(excinfo: pytest.ExceptionInfo[PekaError]) -> str:
    return excinfo.value.code


def test_init_is_idempotent_and_versioned(team: Team) -> None:
    again = schema.init(team.admin_dsn)
    assert again.before == again.after == schema.latest_version()
    assert again.applied == ()


def test_second_agent_cannot_pass_customer_limit_the_first_used(team: Team) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    a2 = team.enrol("agent02")
    team.publish(sup)
    grant, replay = a1.grant(key="k1", customer_id="C1", type="voucher", amount_minor=50_000 * RP)
    assert grant.agent_id == "agent01" and not replay
    assert grant.authority == "policy" and grant.policy_version == 1
    with pytest.raises(PekaError) as excinfo:
        a2.grant(key="k2", customer_id="C1", type="voucher", amount_minor=40_000 * RP)
    assert _codes(excinfo) == "E522"
    assert "whole team" in excinfo.value.message
    ok, _ = a2.grant(key="k3", customer_id="C1", type="voucher", amount_minor=30_000 * RP)
    assert ok.agent_id == "agent02"


def test_limits_per_grant_agent_day_and_team_day(team: Team, tmp_path: Path) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    a2 = team.enrol("agent02")
    siti = team.enrol("siti")  # the policy makes her a senior agent
    team.publish(sup, limits="[team_daily_budget]\nvoucher = 30_000_000\n", tmp=tmp_path)
    with pytest.raises(PekaError) as excinfo:
        a1.grant(key="big", customer_id="C1", type="voucher", amount_minor=60_000 * RP)
    assert _codes(excinfo) == "E521"
    big, _ = siti.grant(key="siti", customer_id="C9", type="voucher", amount_minor=90_000 * RP)
    assert big.amount_minor == 90_000 * RP
    for i in range(4):  # 4 x 50.000 = the agent's daily budget of 200.000
        a1.grant(key=f"a1-{i}", customer_id=f"D{i}", type="voucher", amount_minor=50_000 * RP)
    with pytest.raises(PekaError) as excinfo:
        a1.grant(key="a1-over", customer_id="D9", type="voucher", amount_minor=1)
    assert _codes(excinfo) == "E523"
    # The team has 300.000 a day: 290.000 used by agent01 and siti.
    a2.grant(key="a2-0", customer_id="E0", type="voucher", amount_minor=10_000 * RP)
    with pytest.raises(PekaError) as excinfo:
        a2.grant(key="a2-1", customer_id="E1", type="voucher", amount_minor=1)
    assert _codes(excinfo) == "E820"
    with pytest.raises(PekaError) as excinfo:
        a1.grant(key="refund", customer_id="C1", type="cashback", amount_minor=1)
    assert _codes(excinfo) == "E520"


def test_idempotency_same_key_same_result_other_payload_refused(team: Team) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    a2 = team.enrol("agent02")
    team.publish(sup)
    first, replay1 = a1.grant(
        key="same", customer_id="C1", type="voucher", amount_minor=20_000 * RP
    )
    second, replay2 = a1.grant(
        key="same", customer_id="C1", type="voucher", amount_minor=20_000 * RP
    )
    assert first == second and not replay1 and replay2
    with pytest.raises(PekaError) as excinfo:
        a1.grant(key="same", customer_id="C1", type="voucher", amount_minor=20_001 * RP)
    assert _codes(excinfo) == "E528"
    with pytest.raises(PekaError) as excinfo:  # another agent cannot claim the key either
        a2.grant(key="same", customer_id="C1", type="voucher", amount_minor=20_000 * RP)
    assert _codes(excinfo) == "E528"


def test_refunds_never_exceed_the_transaction(team: Team) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    a2 = team.enrol("agent02")
    team.publish(sup)
    a1.grant(
        key="r1",
        customer_id="C1",
        type="partial_refund",
        amount_minor=80_000 * RP,
        transaction_id="T1",
        transaction_amount_minor=120_000 * RP,
    )
    with pytest.raises(PekaError) as excinfo:
        a2.grant(
            key="r2",
            customer_id="C1",
            type="partial_refund",
            amount_minor=50_000 * RP,
            transaction_id="T1",
            transaction_amount_minor=120_000 * RP,
        )
    assert _codes(excinfo) == "E524"
    with pytest.raises(PekaError) as excinfo:
        a2.grant(key="r3", customer_id="C1", type="partial_refund", amount_minor=5)
    assert _codes(excinfo) == "E527"


def test_no_policy_and_unenrolled(team: Team) -> None:
    a1 = team.enrol("agent01")
    with pytest.raises(PekaError) as excinfo:
        a1.grant(key="k", customer_id="C1", type="voucher", amount_minor=1)
    assert _codes(excinfo) == "E812"
    schema.disable(team.admin_dsn, "agent01")
    a1.close()
    with pytest.raises(PekaError):
        a1.whoami()


def test_publish_refuses_older_version_and_non_supervisors(team: Team) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    assert team.publish(sup, 2) == 2
    with pytest.raises(PekaError) as excinfo:
        team.publish(sup, 2)
    assert _codes(excinfo) == "E515"
    with pytest.raises(PekaError) as excinfo:
        team.publish(a1, 3)
    assert _codes(excinfo) == "E811"
    # An agent enrolled after publishing gets the policy's limits at once.
    late = team.enrol("agent09")
    grant, _ = late.grant(key="late", customer_id="C1", type="voucher", amount_minor=10_000 * RP)
    assert grant.policy_version == 2


def test_refusals_name_money_as_people_read_it(team: Team) -> None:
    sup = team.enrol("lead", supervisor=True)
    a1 = team.enrol("agent01")
    team.publish(sup)
    with pytest.raises(PekaError) as excinfo:
        a1.grant(key="big", customer_id="C1", type="voucher", amount_minor=6_000_050)
    assert "Rp 60.000,50" in excinfo.value.message
    assert "Rp 50.000 per grant" in excinfo.value.message
    with team.admin() as conn:
        rows = conn.execute(
            "SELECT peka.money(0, 'money', 'IDR'), peka.money(123456789, 'money', 'IDR'), "
            "peka.money(5, 'money', 'USD'), peka.money(3, 'days', '')"
        ).fetchone()
    assert rows == ("Rp 0", "Rp 1.234.567,89", "USD 0,05", "3 day(s)")
