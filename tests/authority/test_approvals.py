"""Approvals above authority, by copy and paste: bound, signed, expiring, used once."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from assist.authority.approvals import (
    APPROVE,
    APPROVE_PREFIX,
    DECLINE,
    issue_decision,
    parse_request,
)
from assist.authority.canonical import b64url_decode, b64url_encode
from assist.authority.rules import TransactionFacts
from assist.errors import PekaError
from tests.authority.conftest import NOW, Env, new_key

TX = TransactionFacts("T1", 45_000_000, "IDR", "delayed", NOW - timedelta(days=3))


def request(env: Env, amount: int = 45_000_000, customer: str = "C1"):  # type: ignore[no-untyped-def]
    return env.service().request_approval(
        customer_id=customer,
        type="full_refund",
        amount_minor=amount,
        transaction=TX,
        reason="barang rusak",
        context={"issue": "item_problem"},
    )


def approve(env: Env, req, **kw):  # type: ignore[no-untyped-def]
    return issue_decision(parse_request(req.text), env.key, decision=APPROVE, now=env.clock(), **kw)


def accept_error(env: Env, code: str, **kw) -> PekaError:  # type: ignore[no-untyped-def]
    with pytest.raises(PekaError) as info:
        env.service().accept_approval(code, **kw)
    return info.value


def test_request_approve_accept(signed_env: Env) -> None:
    req = request(signed_env)
    assert req.text.startswith("PEKA-REQ1:") and "\n" not in req.text
    seen = parse_request(req.text)
    assert seen == req
    code = approve(signed_env, req, note="ok, pelanggan lama")
    assert code.startswith(APPROVE_PREFIX) and "\n" not in code and len(code) < 600
    grant = signed_env.service().accept_approval(code, customer_id="C1")
    assert grant.authority == "approval" and grant.approved_by == "sup.ani"
    assert grant.amount_minor == 45_000_000 and grant.transaction_id == "T1"
    assert grant.approval_id == req.request_id
    assert signed_env.service().verify_audit().ok


def test_approvals_work_without_a_policy(env: Env) -> None:
    req = request(env)
    grant = env.service().accept_approval(approve(env, req))
    assert grant.policy_version is None and grant.authority == "approval"


def test_replayed_code_grants_nothing_more(signed_env: Env) -> None:
    code = approve(signed_env, request(signed_env))
    grant = signed_env.service().accept_approval(code)
    err = accept_error(signed_env, code)
    assert err.code == "E546" and grant.grant_id in err.message
    assert len(signed_env.service().received_recently("C1")) == 1


def _edit(code: str, **changes: object) -> str:
    prefix, rest = code.split(":", 1)
    body, sig = rest.split(".")
    data = json.loads(b64url_decode(body))
    data.update(changes)
    return f"{prefix}:{b64url_encode(json.dumps(data).encode())}.{sig}"


def test_changed_amount_or_customer_breaks_the_signature(signed_env: Env) -> None:
    code = approve(signed_env, request(signed_env, amount=10_000_000))
    assert accept_error(signed_env, _edit(code, m=45_000_000)).code == "E542"
    assert accept_error(signed_env, _edit(code, c="C2")).code == "E542"
    assert accept_error(signed_env, code[:-3]).code in ("E541", "E542")
    assert accept_error(signed_env, "hello").code == "E541"


def test_code_for_another_customer_or_request(signed_env: Env) -> None:
    code = approve(signed_env, request(signed_env, customer="C1"))
    err = accept_error(signed_env, code, customer_id="C2")
    assert err.code == "E545" and "C1" in err.message
    # A request made on another agent's Peka (another ledger) is not ours to accept.
    other = Env(**{**signed_env.__dict__, "ledger_path": signed_env.tmp / "other.sqlite"})
    assert accept_error(other, code).code == "E545"


def test_expired_code_and_expired_request(signed_env: Env) -> None:
    req = request(signed_env)
    code = approve(signed_env, req, expires_in_hours=2)
    signed_env.clock.advance(hours=2, seconds=1)
    assert accept_error(signed_env, code).code == "E544"
    signed_env.clock.advance(hours=22)
    with pytest.raises(PekaError) as info:
        approve(signed_env, req)
    assert info.value.code == "E544"


def test_code_signed_by_an_unknown_key(signed_env: Env) -> None:
    req = request(signed_env)
    code = issue_decision(parse_request(req.text), new_key("mallory"), decision=APPROVE, now=NOW)
    err = accept_error(signed_env, code)
    assert err.code == "E543"


def test_decline(signed_env: Env) -> None:
    req = request(signed_env)
    code = issue_decision(
        parse_request(req.text),
        signed_env.key,
        decision=DECLINE,
        note="pakai voucher saja",
        now=NOW,
    )
    err = accept_error(signed_env, code)
    assert err.code == "E547" and "pakai voucher saja" in err.message
    assert signed_env.service().received_recently("C1") == []
    assert accept_error(signed_env, approve(signed_env, req)).code == "E546"


def test_refund_requests_cannot_exceed_the_paid_amount(signed_env: Env) -> None:
    with pytest.raises(PekaError) as info:
        request(signed_env, amount=45_000_001)
    assert info.value.code == "E524"


def test_bad_request_text() -> None:
    for text in ("PEKA-REQ1:!!!", "hello", "PEKA-REQ1:" + b64url_encode(b'{"v": 1}')):
        with pytest.raises(PekaError) as info:
            parse_request(text)
        assert info.value.code == "E540"


def test_text_pasted_around_the_line_is_ignored(signed_env: Env) -> None:
    # People paste the whole output of `peka approval request`, or add a greeting, and
    # chat tools wrap long lines: only the prefixed token counts.
    req = request(signed_env)
    wrapped = "\n".join(req.text[i : i + 60] for i in range(0, len(req.text), 60))
    pasted = f"Request {req.request_id}: full_refund.\nSend this line to a supervisor:\n{wrapped}\n"
    assert parse_request(pasted) == req
    code = approve(signed_env, req)
    grant = signed_env.service().accept_approval(f"Pak, ini kodenya: {code}")
    assert grant.approval_id == req.request_id
