"""Options follow what the customer asks for and what the issue is (issue 15)."""

from __future__ import annotations

from dataclasses import replace

from assist.authority.advisor import fits_issue
from assist.authority.models import REQUIRES_APPROVAL, CompensationCase
from assist.authority.policy import BUILTIN_TYPES, CompensationType
from assist.authority.requests import requested_types
from tests.authority.conftest import Env, analysis, record, transaction


def _case(text: str, issue: str = "delivery_delay") -> CompensationCase:
    tx = transaction(amount=277_400_000)
    return CompensationCase(
        "budi", record(txs=[tx]), replace(analysis(issue=issue), text=text), [tx]
    )


def test_the_customers_own_words_name_the_compensation() -> None:
    assert requested_types("Saya minta refund penuh aja, batalin pesanannya!") == {"full_refund"}
    assert requested_types("I just want my money back, cancel the order.") == {"full_refund"}
    assert requested_types("Kembalikan selisihnya dong") == {"partial_refund"}
    assert requested_types("Minimal kasih voucher atau gratis ongkir lah") == {
        "voucher",
        "shipping_fee_waiver",
    }
    assert requested_types("kalau begini terus saya minta refund saja.") == {"full_refund"}
    assert requested_types("I want a refund now") == {"full_refund"}
    assert requested_types("minta refund sebagian aja") == {"partial_refund"}
    assert requested_types("Pesanan saya belum sampai juga") == frozenset()


def test_a_late_order_with_a_full_refund_request_offers_the_full_refund_first(
    signed_env: Env,
) -> None:
    service = signed_env.service()
    plain = service.options(_case("Pesanan saya belum sampai juga!!"))
    assert "full_refund" not in [o.type for o in plain]
    asked = service.options(_case("Saya minta refund penuh aja, batalin pesanannya!"))
    first = asked[0]
    assert first.type == "full_refund"
    assert first.amount_minor == 277_400_000
    assert first.status == REQUIRES_APPROVAL
    assert first.reason.startswith("Diminta pelanggan")


def test_options_made_for_other_problems_are_not_offered(signed_env: Env) -> None:
    bonus = CompensationType("pulsa_bonus", "Bonus pulsa", "Phone credit bonus",
                             fits_issues=("service_outage", "poor_service"))  # fmt: skip
    assert not fits_issue(bonus, "billing_error")
    assert fits_issue(bonus, "service_outage") and fits_issue(bonus, None)
    assert fits_issue(CompensationType("x", "x", "x"), "billing_error")
    service = signed_env.service()
    for option in service.options(_case("Saya ditagih dua kali!", issue="billing_error")):
        ctype = BUILTIN_TYPES.get(option.type)
        assert ctype is None or fits_issue(ctype, "billing_error"), option.type
