"""Setting the computer's clock back revives nothing: the ledger remembers the latest time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from assist.authority.approvals import APPROVE, issue_decision
from assist.errors import PekaError
from tests.authority.conftest import NOW, Env


def refused(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(PekaError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value.code


def voucher(service: object, key: str, customer: str = "C1", amount: int = 5_000_000) -> object:
    return service.grant(  # type: ignore[attr-defined]
        customer_id=customer, type="voucher", amount_minor=amount, idempotency_key=key
    )


def test_clock_set_back_cannot_revive_an_expired_policy(env: Env) -> None:
    env.write_policy(expires_at=NOW + timedelta(hours=1))
    service = env.service()
    voucher(service, "a")
    env.clock.advance(hours=2)
    assert refused(voucher, service, "b") == "E514"
    env.clock.now = NOW + timedelta(minutes=30)  # back before the expiry
    assert refused(voucher, service, "c") == "E552"
    status = service.status()
    assert not status.valid and status.code == "E552"
    assert "set the date and time right" in status.reason


def test_clock_set_back_cannot_open_a_new_daily_budget(signed_env: Env) -> None:
    service = signed_env.service()
    for n in range(4):  # Rp 200.000 budget, Rp 50.000 each, different customers
        voucher(service, f"k{n}", customer=f"C{n}")
    assert refused(voucher, service, "k9", "C9") == "E523"
    signed_env.clock.advance(days=-1)
    assert refused(voucher, service, "k10", "C10") == "E552"
    signed_env.clock.now = NOW + timedelta(days=1)  # tomorrow, for real: a new budget
    assert voucher(service, "k11", "C11")


def test_clock_set_back_cannot_revive_an_expired_approval_code(signed_env: Env) -> None:
    service = signed_env.service("agent01")
    request = service.request_approval(customer_id="C1", type="voucher", amount_minor=9_000_000)
    code = issue_decision(
        request, signed_env.key, decision=APPROVE, expires_in_hours=2, now=signed_env.clock()
    )
    signed_env.clock.advance(hours=3)
    assert refused(service.accept_approval, code) == "E544"
    signed_env.clock.advance(hours=-2)
    assert refused(service.accept_approval, code) == "E552"


def test_small_clock_corrections_are_tolerated(signed_env: Env) -> None:
    service = signed_env.service()
    voucher(service, "a")
    signed_env.clock.advance(minutes=-2)
    assert voucher(service, "b", customer="C2")
