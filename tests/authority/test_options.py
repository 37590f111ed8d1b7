"""Options for a case: what fits, how much, within authority or not, ranked, explained."""

from __future__ import annotations

from dataclasses import replace

from assist.authority.demo import install_demo_policy
from assist.authority.models import REQUIRES_APPROVAL, WITHIN_AUTHORITY, CompensationCase
from assist.authority.service import AuthorityService
from tests.authority.conftest import NOW, Env, analysis, record, transaction


def case(agent: str = "budi", **kw) -> CompensationCase:  # type: ignore[no-untyped-def]
    tx = kw.pop("tx", transaction())
    rec = kw.pop("rec", record(txs=[tx] if tx else []))
    return CompensationCase(agent, rec, kw.pop("analysis", analysis(**kw)), [tx] if tx else [])


def by_type(options):  # type: ignore[no-untyped-def]
    return {o.type: o for o in options}


def test_options_fit_the_case_and_stay_within_limits(signed_env: Env) -> None:
    service = signed_env.service()
    options = service.options(case())
    found = by_type(options)
    # Cashback needs gold (the customer is gold); service credit days need an outage.
    assert set(found) == {"voucher", "partial_refund", "cashback"}
    for option in options:
        assert option.status == WITHIN_AUTHORITY
        assert option.amount_minor > 0 and option.currency == "IDR"
        assert option.transaction_id == "T1"
        assert option.reason and "\n" not in option.reason
    assert found["voucher"].amount_minor <= 5_000_000
    assert found["voucher"].budget_left_minor == 20_000_000
    assert found["partial_refund"].needs_reason
    assert [o.score for o in options] == sorted((o.score for o in options), reverse=True)


def test_every_within_authority_option_can_be_granted(signed_env: Env) -> None:
    service = signed_env.service()
    c = case()
    for n, option in enumerate(service.options(c)):
        if option.status == WITHIN_AUTHORITY:
            grant = service.grant_option(c, option, idempotency_key=f"k{n}", reason="sesuai")
            assert grant.amount_minor == option.amount_minor


def test_severity_and_customer_value_raise_the_amount(signed_env: Env) -> None:
    service = signed_env.service()
    calm = by_type(service.options(case(intensity=0.0, fault="unknown", waiting_days=None)))
    angry = by_type(service.options(case(intensity=1.0, fault="company", waiting_days=14)))
    assert angry["voucher"].amount_minor > calm["voucher"].amount_minor
    regular = record(tier="regular", txs=[transaction()])
    low = by_type(service.options(case(rec=regular)))
    assert low["voucher"].amount_minor <= angry["voucher"].amount_minor


def test_recent_compensation_lowers_and_is_mentioned(signed_env: Env) -> None:
    service = signed_env.service()
    before = by_type(service.options(case()))
    service.grant(customer_id="C1", type="voucher", amount_minor=3_000_000, idempotency_key="x")
    after = by_type(service.options(case(), language="en"))
    assert after["voucher"].amount_minor <= before["voucher"].amount_minor
    assert after["voucher"].amount_minor <= 5_000_000  # the Rp 80.000 customer limit minus 30.000
    assert "already received 1 compensation" in after["voucher"].reason
    assert len(service.received_recently("C1")) == 1


def test_exhausted_budget_turns_into_requires_approval(signed_env: Env) -> None:
    service = signed_env.service()
    for n in range(4):
        service.grant(
            customer_id=f"X{n}", type="voucher", amount_minor=5_000_000, idempotency_key=f"{n}"
        )
    voucher = by_type(service.options(case(), language="en"))["voucher"]
    assert voucher.status == REQUIRES_APPROVAL and voucher.budget_left_minor == 0
    assert "daily budget left Rp 0" in voucher.reason


def test_full_refund_above_authority_is_offered_for_approval(signed_env: Env) -> None:
    service = signed_env.service("budi")  # agents have no full refunds at all
    c = case(issue="item_problem", tx=transaction(amount=90_000_000))
    full = by_type(service.options(c))["full_refund"]
    assert full.status == REQUIRES_APPROVAL and full.amount_minor == 90_000_000
    senior = by_type(signed_env.service("siti").options(replace(c, agent_id="siti")))
    assert senior["full_refund"].status == REQUIRES_APPROVAL  # above Rp 500.000
    small = case(issue="item_problem", tx=transaction(amount=30_000_000))
    ok = by_type(signed_env.service("siti").options(replace(small, agent_id="siti")))
    assert (
        ok["full_refund"].status == WITHIN_AUTHORITY
        and ok["full_refund"].amount_minor == 30_000_000
    )


def test_customer_fault_gets_no_refund(signed_env: Env) -> None:
    found = by_type(signed_env.service().options(case(fault="customer")))
    assert "partial_refund" not in found and "full_refund" not in found


def test_days_options_for_outages(signed_env: Env) -> None:
    found = by_type(signed_env.service().options(case(issue="service_outage", tx=None)))
    days = found["service_credit_days"]
    assert days.unit == "days" and 1 <= days.amount_minor <= 3
    assert "partial_refund" not in found  # no transaction to refund


def test_language(signed_env: Env) -> None:
    service = signed_env.service()
    indonesian = by_type(service.options(case(), language="id"))["voucher"]
    english = by_type(service.options(case(), language="en"))["voucher"]
    assert (
        indonesian.label == "Voucher belanja"
        and "pengiriman terlambat" in indonesian.reason.lower()
    )
    assert english.label == "Shopping voucher" and "late delivery" in english.reason.lower()


def test_a_late_visit_is_named_as_one_and_refunds_no_parcel(
    signed_env: Env,
) -> None:
    # The session gives a late visit no transaction (the cache's orders are parcels).
    visit = CompensationCase("budi", record(txs=[]), replace(analysis(), awaited=["visit"]), [])
    service = signed_env.service()
    indonesian = by_type(service.options(visit, language="id"))
    english = by_type(service.options(visit, language="en"))
    assert "kunjungan terlambat" in indonesian["voucher"].reason.lower()
    assert "late visit" in english["voucher"].reason.lower()
    assert "late delivery" not in english["voucher"].reason.lower()
    # Nothing of the order in the cache is refunded for a technician who did not come.
    assert "partial_refund" not in english and "voucher" in english


def test_no_policy_no_options(env: Env) -> None:
    assert env.service().options(case()) == []


def test_demo_policy_shows_options_and_writes_no_private_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    demo = install_demo_policy(tmp_path / "demo", now=NOW)
    service = AuthorityService.open(
        ledger_path=tmp_path / "demo-ledger.sqlite",
        policy_path=demo.policy_path,
        keys_dir=demo.keys_dir,
        agent_id="demo",
        clock=lambda: NOW,
    )
    assert service.status().valid
    assert service.options(case("demo"))
    for path in (tmp_path / "demo").rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert "PRIVATE" not in text and "private" not in text
    assert [p.name for p in demo.keys_dir.iterdir()] == ["demo-supervisor.pub"]
    again = install_demo_policy(tmp_path / "demo", now=NOW.replace(minute=5))
    assert again.version > demo.version and again.key_id != demo.key_id
    assert service.status().valid  # the newer demo replaces the older one
