"""The fault head (learnt from hand-written messages) against the fault rules: a phrase
that says who did it wins; the head settles what the rules only inferred."""

from __future__ import annotations

from assist.nlp import scoring
from assist.nlp.components import RuleFindings
from assist.nlp.scoring import fault, reason_in


def head(company: float, customer: float, unknown: float) -> dict[str, float]:
    return {"company": company, "customer": customer, "unknown": unknown}


def test_the_customers_own_words_beat_a_head_that_blames_the_company() -> None:
    rules = RuleFindings(customer_fault=["salah transfer"])
    value, reason = fault("billing_error", 0.8, rules, "id", "anxious",
                          learned=head(0.8, 0.1, 0.1))  # fmt: skip
    assert value == "customer" and "salah transfer" in reason


def test_a_company_fault_phrase_beats_a_head_that_is_unsure() -> None:
    rules = RuleFindings(company_fault=["kurir salah alamat"])
    value, _ = fault("delivery_delay", 0.7, rules, "id", "angry", learned=head(0.3, 0.2, 0.5))
    assert value == "company"


def test_the_head_settles_a_verdict_the_rules_only_inferred() -> None:
    # Rules: an angry message with a confident issue → company, inferred. The head is
    # sure nobody is to blame yet (e.g. the customer only asks): unknown.
    rules = RuleFindings()
    value, reason = fault("refund_pending", 0.6, rules, "en", "angry",
                          learned=head(0.1, 0.05, 0.85))  # fmt: skip
    assert value == "unknown" and reason == "The problem is not clear enough yet to attribute."
    # The same message with a head leaning to the company keeps the rules' verdict.
    value, reason = fault("refund_pending", 0.6, rules, "en", "angry",
                          learned=head(0.55, 0.05, 0.4))  # fmt: skip
    assert value == "company" and reason.startswith("Refund not yet processed")


def test_a_head_only_a_little_surer_of_the_company_leaves_it_unknown(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A wrong "company" makes Peka offer an apology and compensation where the cause is
    # not clear, so the head's company must win by FAULT_COMPANY_DOUBT more.
    rules = RuleFindings()  # an angry message with a confident issue: company, inferred
    close = head(0.5, 0.05, 0.45)
    assert fault("refund_pending", 0.6, rules, "en", "angry", learned=close)[0] == "unknown"
    surer = head(0.6, 0.05, 0.35)
    assert fault("refund_pending", 0.6, rules, "en", "angry", learned=surer)[0] == "company"
    monkeypatch.setattr(scoring, "FAULT_COMPANY_DOUBT", 0.0)
    assert fault("refund_pending", 0.6, rules, "en", "angry", learned=close)[0] == "company"


def test_a_customer_verdict_without_a_phrase_says_so_in_both_languages() -> None:
    value, reason = fault("other", 0.5, RuleFindings(), "id", "anxious",
                          learned=head(0.05, 0.9, 0.05))  # fmt: skip
    assert value == "customer" and "pihak pelanggan" in reason
    assert reason_in(reason, "en") == (
        "From the way the customer tells it, the mistake seems to be their own."
    )


def test_a_company_verdict_on_an_other_issue_has_its_own_reason() -> None:
    value, reason = fault("other", 0.5, RuleFindings(), "en", "angry",
                          learned=head(0.9, 0.05, 0.05))  # fmt: skip
    assert value == "company"
    assert reason_in(reason, "id") == "Pesan pelanggan menunjuk masalah di sisi perusahaan."


def test_without_a_head_the_rules_decide_alone() -> None:
    assert fault("other", 0.5, RuleFindings(), "id", "happy")[0] == "unknown"
    assert fault("item_problem", 0.7, RuleFindings(), "id", "angry", learned=None)[0] == "company"


def test_a_customer_who_says_it_was_not_them_is_never_blamed_by_the_head() -> None:
    # "saya tidak lupa bayar, tapi …": the rules found the wording and its denial.
    rules = RuleFindings(customer_fault_denied=["lupa bayar"])
    value, _ = fault("billing_error", 0.7, rules, "id", "angry", learned=head(0.3, 0.6, 0.1))
    assert value == "company"
