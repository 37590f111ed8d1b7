"""Hypothesis drives grants, approvals and replays in any order: no limit is ever passed."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from assist.errors import PekaError
from assist.team.client import TeamClient
from tests.team.conftest import Team

RP = 100
CUSTOMER_30D = 80_000 * RP
CUSTOMER_COUNT = 3
AGENT_DAY = 200_000 * RP
TEAM_DAY = 300_000 * RP
PER_GRANT = 50_000 * RP
_runs = itertools.count()


def machine_for(team: Team, tmp: Path) -> type[RuleBasedStateMachine]:
    sup = team.enrol("lead", supervisor=True)
    team.publish(sup, limits="[team_daily_budget]\nvoucher = 30_000_000\n", tmp=tmp)

    class Grants(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            run = next(_runs)
            # A fresh team, agents and customers for every example (budgets start empty).
            self.team_name = f"t{run}"
            self.agents: list[TeamClient] = []
            for i in range(3):
                from assist.team import schema

                enrolment = schema.enrol(
                    team.admin_dsn,
                    f"r{run}a{i}",
                    login=team.login(f"r{run}a{i}"),
                    team=self.team_name,
                )
                client = TeamClient(team.dsn, team_credential(enrolment))
                team.clients.append(client)
                self.agents.append(client)
            self.customers = [f"r{run}c{i}" for i in range(3)]
            self.keys: dict[str, tuple[int, str, int]] = {}
            self.pending: list[str] = []
            self.requests = itertools.count()

        @rule(
            agent=st.integers(0, 2),
            customer=st.integers(0, 2),
            amount=st.sampled_from([1, 10_000 * RP, 30_000 * RP, 50_000 * RP, 60_000 * RP]),
            key=st.integers(0, 30),
        )
        def grant(self, agent: int, customer: int, amount: int, key: int) -> None:
            name = f"{self.team_name}-{key}"
            try:
                grant, replay = self.agents[agent].grant(
                    key=name,
                    customer_id=self.customers[customer],
                    type="voucher",
                    amount_minor=amount,
                )
            except PekaError as exc:
                assert exc.code in {"E521", "E522", "E523", "E528", "E820"}, exc
                if exc.code == "E528":
                    assert name in self.keys
                return
            if replay:  # same key, same content: the first grant, unchanged
                assert self.keys[name] == (agent, self.customers[customer], amount)
            else:
                assert name not in self.keys
                self.keys[name] = (agent, self.customers[customer], amount)
            assert grant.amount_minor == amount

        @rule(agent=st.integers(0, 2), customer=st.integers(0, 2))
        def request(self, agent: int, customer: int) -> None:
            request = self.agents[agent].request_approval(
                key=f"{self.team_name}-req-{next(self.requests)}",
                customer_id=self.customers[customer],
                type="voucher",
                amount_minor=70_000 * RP,
            )
            self.pending.append(request.request_id)

        @rule(approve=st.booleans())
        def decide(self, approve: bool) -> None:
            if self.pending:
                sup.decide(self.pending.pop(0), approve=approve, note="hypothesis")

        @invariant()
        def limits_hold(self) -> None:
            with team.admin() as conn:
                rows = conn.execute(
                    "SELECT customer_id, sum(amount_minor), count(*) FROM peka.grants "
                    "WHERE team = %s AND authority = 'policy' GROUP BY 1",
                    (self.team_name,),
                ).fetchall()
                for _customer, total, count in rows:
                    assert total <= CUSTOMER_30D and count <= CUSTOMER_COUNT
                rows = conn.execute(
                    "SELECT agent_id, sum(amount_minor), max(amount_minor) FROM peka.grants "
                    "WHERE team = %s AND authority = 'policy' GROUP BY 1",
                    (self.team_name,),
                ).fetchall()
                for _agent, total, biggest in rows:
                    assert total <= AGENT_DAY and biggest <= PER_GRANT
                (team_total,) = conn.execute(
                    "SELECT COALESCE(sum(amount_minor), 0) FROM peka.grants "
                    "WHERE team = %s AND authority = 'policy'",
                    (self.team_name,),
                ).fetchone() or (0,)
                assert team_total <= TEAM_DAY
                (dupes,) = conn.execute(
                    "SELECT count(*) - count(DISTINCT idempotency_key) FROM peka.grants"
                ).fetchone() or (0,)
                assert dupes == 0

    return Grants


def team_credential(enrolment: object) -> object:
    from assist.team.credentials import Credential

    return Credential(enrolment.login, enrolment.password)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_no_sequence_of_grants_and_approvals_passes_a_limit(team: Team, tmp_path: Path) -> None:
    machine = machine_for(team, tmp_path)
    machine.TestCase.settings = settings(
        max_examples=25,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    machine.TestCase().runTest()
