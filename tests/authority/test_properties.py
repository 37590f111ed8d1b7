"""No sequence of grants ever exceeds a limit, whatever is asked and whenever."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assist.authority.ledger import Grant
from assist.authority.rules import TransactionFacts
from assist.errors import PekaError
from tests.authority.conftest import NOW, Clock, Env, new_key

KEY = new_key()
TRANSACTIONS = {
    "T0": TransactionFacts("T0", 15_000_000, "IDR", "delayed", NOW - timedelta(days=2)),
    "T1": TransactionFacts("T1", 30_000_000, "IDR", "delayed", NOW - timedelta(days=1)),
}
REFUSALS = {"E520", "E521", "E522", "E523", "E524", "E525", "E526", "E527", "E529"}

step = st.tuples(
    st.sampled_from(["budi", "siti"]),
    st.sampled_from(["C0", "C1", "C2"]),
    st.sampled_from(["voucher", "partial_refund", "full_refund", "service_credit_days"]),
    st.one_of(
        st.integers(1, 6_000_000),
        st.sampled_from([5_000_000, 7_500_000, 15_000_000, 30_000_000, 1, 2, 3, 4]),
    ),
    st.sampled_from(["T0", "T1", None]),
    st.sampled_from([0, 0, 0, 1, 7, 20, 24 * 10]),  # hours to wait before this grant
)


def make_env(folder: Path) -> Env:
    keys = folder / "keys"
    keys.mkdir()
    env = Env(folder, KEY, keys, folder / "policy.json", folder / "ledger.sqlite", Clock(NOW))
    env.install_key(KEY)
    env.write_policy(expires_at=NOW + timedelta(days=400))
    return env


def check_invariants(env: Env, grants: list[Grant]) -> None:
    policy = env.policy()
    tz = policy.tz
    per_day: dict[tuple[str, str, object], int] = defaultdict(int)
    refunded: dict[str, int] = defaultdict(int)
    for g in grants:
        role = policy.role_for(g.agent_id, None)
        rule = policy.rule_for(g.agent_id, role, g.type)
        assert rule is not None, g
        assert g.amount_minor > 0
        if rule.max_amount is not None:
            assert g.amount_minor <= rule.max_amount
        tx = TRANSACTIONS.get(g.transaction_id or "")
        if rule.max_percent is not None:
            assert tx is not None and g.amount_minor * 10_000 <= tx.amount_minor * rule.max_percent
        # What the ledger held when ``g`` was granted: the grants before it in the audit
        # chain, not every grant stamped with the same instant (a senior agent's grant
        # without a count limit may follow an agent's third one in the same second).
        window = [
            o
            for o in grants
            if o.customer_id == g.customer_id
            and o.type == g.type
            and o.audit_seq <= g.audit_seq
            and g.granted_at - timedelta(days=30) <= o.granted_at
        ]
        if rule.max_per_customer_30d is not None:
            assert sum(o.amount_minor for o in window) <= rule.max_per_customer_30d
        if rule.max_grants_per_customer_30d is not None:
            assert len(window) <= rule.max_grants_per_customer_30d
        per_day[(g.agent_id, g.type, g.granted_at.astimezone(tz).date())] += g.amount_minor
        if policy.types[g.type].refund:
            assert tx is not None
            refunded[tx.id] += g.amount_minor
    for (agent, type_name, _), total in per_day.items():
        rule = policy.rule_for(agent, policy.role_for(agent, None), type_name)
        assert rule is not None
        if rule.daily_budget is not None:
            assert total <= rule.daily_budget
    for tx_id, total in refunded.items():
        assert total <= TRANSACTIONS[tx_id].amount_minor


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=5, max_size=40))
# Found by this test: an agent's three vouchers to one customer, then a senior agent's
# fourth in the same second (her rule has no count limit) — allowed, and not a breach.
@example(
    steps=[("budi", "C0", "voucher", 1, "T0", 0)] * 4 + [("siti", "C0", "voucher", 1, "T0", 0)]
)
def test_no_sequence_of_grants_exceeds_any_limit(steps: list[tuple]) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as folder:
        env = make_env(Path(folder))
        services = {"budi": env.service("budi"), "siti": env.service("siti")}
        granted = 0
        for n, (agent, customer, type_name, amount, tx_id, wait) in enumerate(steps):
            env.clock.advance(hours=wait)
            try:
                services[agent].grant(
                    customer_id=customer,
                    type=type_name,
                    amount_minor=amount,
                    idempotency_key=f"k{n}",
                    reason="property test",
                    transaction=TRANSACTIONS.get(tx_id or ""),
                    fault="company",
                    issue="service_outage",
                )
                granted += 1
            except PekaError as exc:
                assert exc.code in REFUSALS, exc
        grants = services["budi"].ledger.grants()
        assert len(grants) == granted
        check_invariants(env, grants)
        assert services["budi"].verify_audit().ok
