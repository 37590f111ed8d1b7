"""Grants within authority: limits, eligibility, idempotency and failing closed."""

from __future__ import annotations

import sqlite3
import stat
import sys
from datetime import timedelta

import pytest

from assist.authority.ledger import SCHEMA_VERSION
from assist.authority.rules import TransactionFacts
from assist.errors import PekaError
from tests.authority.conftest import NOW, Env


def tx_facts(amount: int = 40_000_000, tx_id: str = "T1", age_days: float = 5) -> TransactionFacts:
    return TransactionFacts(tx_id, amount, "IDR", "delayed", NOW - timedelta(days=age_days))


def refused(code: str, fn, **kwargs) -> PekaError:  # type: ignore[no-untyped-def]
    with pytest.raises(PekaError) as info:
        fn(**kwargs)
    assert info.value.code == code, info.value
    return info.value


def test_grant_within_authority_is_recorded_and_audited(signed_env: Env) -> None:
    service = signed_env.service()
    grant = service.grant(
        customer_id="C1", type="voucher", amount_minor=5_000_000, idempotency_key="k1"
    )
    assert grant.authority == "policy" and grant.policy_version == 1
    assert grant.amount_minor == 5_000_000 and grant.currency == "IDR"
    assert service.received_recently("C1") == [grant]
    assert service.budget_left("voucher") == 20_000_000 - 5_000_000
    report = service.verify_audit()
    assert report.ok and report.entries == 2  # policy accepted, grant


def test_ledger_file_is_private_wal_and_full_sync(signed_env: Env) -> None:
    service = signed_env.service()
    service.grant(customer_id="C1", type="voucher", amount_minor=100_000, idempotency_key="k")
    if sys.platform != "win32":
        assert stat.S_IMODE(signed_env.ledger_path.stat().st_mode) == 0o600
    with service.ledger.connect() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        assert version[0] == str(SCHEMA_VERSION) == "2"


def test_grants_and_audit_are_append_only(signed_env: Env) -> None:
    service = signed_env.service()
    service.grant(customer_id="C1", type="voucher", amount_minor=100_000, idempotency_key="k")
    conn = sqlite3.connect(signed_env.ledger_path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE grants SET amount_minor = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit")
    conn.close()


def test_same_key_same_content_grants_once(signed_env: Env) -> None:
    service = signed_env.service()
    args = dict(customer_id="C1", type="voucher", amount_minor=3_000_000, idempotency_key="dbl")
    first = service.grant(**args)  # type: ignore[arg-type]
    second = service.grant(**args)  # type: ignore[arg-type]
    assert first == second
    assert len(service.received_recently("C1")) == 1
    # Even when the budget is spent afterwards, the retry still answers with the grant.
    assert signed_env.service().grant(**args) == first  # type: ignore[arg-type]


def test_same_key_different_content_is_refused(signed_env: Env) -> None:
    service = signed_env.service()
    service.grant(customer_id="C1", type="voucher", amount_minor=3_000_000, idempotency_key="k")
    err = refused(
        "E528",
        service.grant,
        customer_id="C1",
        type="voucher",
        amount_minor=4_000_000,
        idempotency_key="k",
    )
    assert "G-" in err.message
    assert len(service.received_recently("C1")) == 1


def test_per_grant_maximum(signed_env: Env) -> None:
    service = signed_env.service()
    refused(
        "E521",
        service.grant,
        customer_id="C1",
        type="voucher",
        amount_minor=5_000_001,
        idempotency_key="a",
    )
    assert service.grant(
        customer_id="C1", type="voucher", amount_minor=5_000_000, idempotency_key="b"
    )


def test_percentage_limit_of_the_transaction(signed_env: Env) -> None:
    service = signed_env.service()
    # 50 % of Rp 150.000 is Rp 75.000, below the Rp 100.000 maximum.
    tx = tx_facts(15_000_000)
    err = refused(
        "E521",
        service.grant,
        customer_id="C1",
        type="partial_refund",
        amount_minor=7_500_100,
        idempotency_key="a",
        transaction=tx,
        fault="company",
        reason="rusak",
    )
    assert "Rp 75.000" in err.message
    service.grant(
        customer_id="C1",
        type="partial_refund",
        amount_minor=7_500_000,
        idempotency_key="b",
        transaction=tx,
        fault="company",
        reason="rusak",
    )


def test_refunds_never_exceed_what_was_paid(signed_env: Env) -> None:
    service = signed_env.service("siti")  # senior agent: full refunds up to Rp 500.000
    tx = tx_facts(30_000_000)
    refused(
        "E529",
        service.grant,
        customer_id="C1",
        type="full_refund",
        amount_minor=20_000_000,
        idempotency_key="part",
        transaction=tx,
    )
    service.grant(
        customer_id="C1",
        type="full_refund",
        amount_minor=30_000_000,
        idempotency_key="full",
        transaction=tx,
    )
    refused(
        "E524",
        service.grant,
        customer_id="C1",
        type="full_refund",
        amount_minor=30_000_000,
        idempotency_key="again",
        transaction=tx,
    )


def test_refund_needs_the_transaction_amount(signed_env: Env) -> None:
    service = signed_env.service()
    refused(
        "E527",
        service.grant,
        customer_id="C1",
        type="partial_refund",
        amount_minor=100,
        idempotency_key="a",
        fault="company",
        reason="x",
    )
    refused(
        "E527",
        service.grant,
        customer_id="C1",
        type="partial_refund",
        amount_minor=100,
        idempotency_key="b",
        fault="company",
        reason="x",
        transaction=TransactionFacts("T9", None, "IDR", "delayed", NOW),
    )


def test_customer_limit_over_30_days(signed_env: Env) -> None:
    service = signed_env.service()
    service.grant(customer_id="C1", type="voucher", amount_minor=5_000_000, idempotency_key="1")
    err = refused(
        "E522",
        service.grant,
        customer_id="C1",
        type="voucher",
        amount_minor=3_000_001,
        idempotency_key="2",
    )
    assert "Rp 30.000" in err.message
    service.grant(customer_id="C1", type="voucher", amount_minor=3_000_000, idempotency_key="3")
    signed_env.clock.advance(days=30, seconds=1)
    service.grant(customer_id="C1", type="voucher", amount_minor=5_000_000, idempotency_key="4")


def test_customer_grant_count_over_30_days(signed_env: Env) -> None:
    service = signed_env.service()
    for n in range(3):
        service.grant(
            customer_id="C1", type="voucher", amount_minor=100_000, idempotency_key=f"{n}"
        )
    refused(
        "E522",
        service.grant,
        customer_id="C1",
        type="voucher",
        amount_minor=100_000,
        idempotency_key="x",
    )


def test_daily_budget_resets_at_local_midnight(signed_env: Env) -> None:
    service = signed_env.service()
    for n in range(4):
        service.grant(
            customer_id=f"C{n}", type="voucher", amount_minor=5_000_000, idempotency_key=f"{n}"
        )
    assert service.budget_left("voucher") == 0
    refused(
        "E523",
        service.grant,
        customer_id="C9",
        type="voucher",
        amount_minor=100,
        idempotency_key="x",
    )
    signed_env.clock.advance(hours=13, minutes=59)  # 23:59 WIB: still the same day
    refused(
        "E523",
        service.grant,
        customer_id="C9",
        type="voucher",
        amount_minor=100,
        idempotency_key="y",
    )
    signed_env.clock.advance(minutes=2)  # 00:01 WIB
    assert service.budget_left("voucher") == 20_000_000
    service.grant(customer_id="C9", type="voucher", amount_minor=100, idempotency_key="z")


def test_eligibility_fault_tier_issue_and_age(signed_env: Env) -> None:
    service = signed_env.service()
    refund = dict(type="partial_refund", amount_minor=1_000_000, reason="rusak", customer_id="C1")
    refused(
        "E525",
        service.grant,
        idempotency_key="a",
        transaction=tx_facts(),
        fault="customer",
        **refund,
    )
    refused("E527", service.grant, idempotency_key="b", transaction=tx_facts(), **refund)
    refused(
        "E525",
        service.grant,
        idempotency_key="c",
        transaction=tx_facts(age_days=31),
        fault="company",
        **refund,
    )
    refused(
        "E525",
        service.grant,
        customer_id="C1",
        type="cashback",
        amount_minor=100,
        idempotency_key="d",
        tier="regular",
    )
    refused(
        "E527",
        service.grant,
        customer_id="C1",
        type="cashback",
        amount_minor=100,
        idempotency_key="e",
    )
    service.grant(
        customer_id="C1", type="cashback", amount_minor=100, idempotency_key="f", tier="gold"
    )
    refused(
        "E525",
        service.grant,
        customer_id="C1",
        type="service_credit_days",
        amount_minor=1,
        idempotency_key="g",
        issue="delivery_delay",
    )
    days = service.grant(
        customer_id="C1",
        type="service_credit_days",
        amount_minor=3,
        idempotency_key="h",
        issue="service_outage",
    )
    assert days.unit == "days" and days.currency == ""


def test_written_reason(signed_env: Env) -> None:
    service = signed_env.service()
    refused(
        "E526",
        service.grant,
        customer_id="C1",
        type="partial_refund",
        amount_minor=100,
        idempotency_key="a",
        transaction=tx_facts(),
        fault="company",
        reason="  ",
    )
    refused(
        "E526",
        service.grant,
        customer_id="C1",
        type="cashback",
        amount_minor=1_500_000,
        idempotency_key="b",
        tier="gold",
    )
    service.grant(
        customer_id="C1", type="cashback", amount_minor=1_000_000, idempotency_key="c", tier="gold"
    )


def test_types_outside_the_role_and_unknown_types(signed_env: Env) -> None:
    service = signed_env.service()
    refused(
        "E520",
        service.grant,
        customer_id="C1",
        type="full_refund",
        amount_minor=100,
        idempotency_key="a",
        transaction=tx_facts(),
    )
    refused(
        "E529",
        service.grant,
        customer_id="C1",
        type="gift_car",
        amount_minor=100,
        idempotency_key="b",
    )
    refused(
        "E529", service.grant, customer_id="C1", type="voucher", amount_minor=0, idempotency_key="c"
    )


def test_supervisor_role_assignment_beats_the_agents_own_config(signed_env: Env) -> None:
    # Budi claims to be a senior agent in his own config: the policy does not list him.
    budi = signed_env.service("budi", role="senior_agent")
    assert budi.status().role == "senior_agent"  # a role the policy defines is honoured
    siti = signed_env.service("siti", role="agent")
    assert siti.status().role == "senior_agent"  # the policy's [agents] table wins
    nobody = signed_env.service("x", role="director")
    assert nobody.status().role == "agent"  # unknown roles fall back to default_role


def test_refusals_are_audited(signed_env: Env) -> None:
    service = signed_env.service()
    refused(
        "E521",
        service.grant,
        customer_id="C1",
        type="voucher",
        amount_minor=9_000_000,
        idempotency_key="a",
    )
    from assist.authority import audit

    with service.ledger.connect() as conn:
        kinds = [e.kind for e in audit.entries(conn)]
        refusal = audit.entries(conn, kind="refusal")[0]
    assert kinds == ["policy_accepted", "refusal"]
    assert refusal.payload["code"] == "E521" and refusal.payload["amount_minor"] == 9_000_000


def test_fails_closed_without_a_policy(env: Env) -> None:
    service = env.service()
    status = service.status()
    assert not status.valid and status.code == "E510"
    assert str(env.policy_path) in status.reason
    err = refused(
        "E510",
        service.grant,
        customer_id="C1",
        type="voucher",
        amount_minor=100,
        idempotency_key="a",
    )
    assert "Nothing is within your authority" in err.message
    assert service.budget_left("voucher") is None
    assert service.verify_audit().ok  # the refusal itself was recorded


def test_fails_closed_when_the_policy_expires(signed_env: Env) -> None:
    service = signed_env.service()
    service.grant(customer_id="C1", type="voucher", amount_minor=100, idempotency_key="a")
    signed_env.clock.now = NOW.replace(year=2027, month=1, day=1)
    assert service.status().code == "E514"
    refused(
        "E514",
        service.grant,
        customer_id="C1",
        type="voucher",
        amount_minor=100,
        idempotency_key="b",
    )
