"""The policy file: every field checked, every problem reported with its place."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.authority.policy_file import read_policy_text
from assist.authority.policy_template import example_policy_text
from tests.authority.conftest import TEST_POLICY
from ui.entry import full_cli


def problems_of(text: str) -> list[tuple[str, str, int | None]]:
    policy, problems = read_policy_text(text, "p.toml")
    assert policy is None
    return [(p.code, p.key, p.line) for p in problems]


def test_example_is_valid_and_amounts_are_minor_units() -> None:
    policy, problems = read_policy_text(example_policy_text(date(2026, 1, 1)))
    assert problems == [] and policy is not None
    voucher = policy.roles["agent"].rules["voucher"]
    assert voucher.max_amount == 5_000_000  # Rp 50.000
    assert voucher.daily_budget == 50_000_000
    assert policy.roles["agent"].rules["cashback"].max_amount == 2_500_000  # "25rb"
    assert policy.roles["agent"].rules["partial_refund"].max_percent == 2000  # 20 %
    assert policy.roles["agent"].rules["service_credit_days"].max_amount == 3  # days
    assert policy.types["pulsa_bonus"].label_en == "Phone credit bonus"
    assert policy.expires_at.date() == date(2027, 1, 1)  # a year after the day it is written
    assert policy.role_for("siti.rahma", None) == "senior_agent"


def test_every_problem_is_reported_at_once_with_line_and_key() -> None:
    bad = (
        TEST_POLICY.replace("version = 1\n", "")
        .replace('max_amount = "Rp 50.000"', 'max_amout = "Rp 50.000"')
        .replace('faults = ["company", "unknown"]', 'faults = ["compny"]')
        .replace("max_percent = 50", "max_percent = 150")
        .replace('max_amount = "Rp 20.000"', 'max_amount = "20 dolar"')
        .replace('role = "senior_agent"', 'role = "boss"')
        .replace("[roles.agent.rules.cashback]", "[roles.agent.rules.cashbak]")
    )
    found = problems_of(bad)
    lines = bad.splitlines()

    def line_with(fragment: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if fragment in line)

    assert ("E504", "version", None) in found
    assert ("E502", "roles.agent.rules.voucher.max_amout", line_with("max_amout")) in found
    assert ("E505", "roles.agent.rules.partial_refund.faults[0]", line_with("compny")) in found
    assert ("E503", "roles.agent.rules.partial_refund.max_percent", line_with("150")) in found
    assert ("E505", "roles.agent.rules.cashbak", line_with("cashbak")) in found
    assert ("E505", "agents.siti.role", line_with('"boss"')) in found
    assert len(found) == 6


def test_messages_say_what_to_do() -> None:
    _, problems = read_policy_text(TEST_POLICY.replace("max_amount = 3", "max_amount = 2.5"))
    assert "whole number of days" in problems[0].message
    _, problems = read_policy_text(TEST_POLICY.replace('"Rp 50.000"', "50000.5"))
    assert '"Rp 50.000"' in problems[0].message
    _, problems = read_policy_text(TEST_POLICY.replace('"Rp 50.000"', '"USD 5"'))
    assert "policy's currency is IDR" in problems[0].message
    _, problems = read_policy_text(TEST_POLICY + "colour = 1\n")
    assert problems[0].code == "E502" and "Allowed here" in problems[0].message


def test_syntax_error_names_the_line() -> None:
    policy, problems = read_policy_text("format = 1\nversion = = 2\n", "p.toml")
    assert policy is None and problems[0].code == "E501" and problems[0].line == 2


def test_missing_required_fields_and_empty_roles() -> None:
    codes = {(c, k) for c, k, _ in problems_of("name = 'x'\n")}
    assert {
        ("E504", "format"),
        ("E504", "version"),
        ("E504", "expires"),
        ("E504", "roles"),
    } <= codes


def test_custom_type_rules() -> None:
    text = TEST_POLICY + (
        "\n[types.pulsa]\nlabel_id = 'Pulsa'\nlabel_en = 'Credit'\n"
        "[roles.agent.rules.pulsa]\nmax_amount = '10rb'\n"
    )
    policy, problems = read_policy_text(text)
    assert problems == [] and policy is not None
    assert policy.roles["agent"].rules["pulsa"].max_amount == 1_000_000
    found = problems_of(TEST_POLICY + "\n[types.pulsa]\nunit = 'hours'\n")
    assert ("E504", "types.pulsa.label_id", found[0][2]) in found
    assert any(k == "types.pulsa.unit" for _, k, _ in found)
    found = problems_of(TEST_POLICY + "\n[types.voucher]\nrefund = true\n")
    assert [k for _, k, _ in found] == ["types.voucher.refund"]


def test_json_policy_files_are_accepted() -> None:
    data = {
        "format": 1,
        "version": 2,
        "expires": "2027-01-01",
        "roles": {"agent": {"rules": {"voucher": {"max_amount": "Rp 10.000"}}}},
    }
    policy, problems = read_policy_text(json.dumps(data))
    assert problems == [] and policy is not None
    assert policy.roles["agent"].rules["voucher"].max_amount == 1_000_000


@settings(max_examples=40, deadline=None)
@given(rupiah=st.integers(min_value=0, max_value=10**9), percent=st.integers(0, 10000))
def test_amounts_and_percentages_survive_signing_form(rupiah: int, percent: int) -> None:
    from assist.authority.policy_file import policy_from_normalised

    text = TEST_POLICY.replace('max_amount = "Rp 50.000"', f"max_amount = {rupiah}").replace(
        "max_percent = 50", f'max_percent = "{percent / 100:.2f}"'
    )
    policy, problems = read_policy_text(text)
    assert problems == [] and policy is not None
    assert policy.roles["agent"].rules["voucher"].max_amount == rupiah * 100
    assert policy.roles["agent"].rules["partial_refund"].max_percent == percent
    assert policy_from_normalised(policy.to_dict()) == policy


def test_cli_init_and_validate(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "policy.toml"
    result = runner.invoke(full_cli(), ["policy", "init", str(target)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(full_cli(), ["policy", "init", str(target)])
    assert result.exit_code == 1 and "[E507]" in result.output
    result = runner.invoke(full_cli(), ["policy", "validate", str(target)])
    assert result.exit_code == 0 and "valid, versi 1" in result.output  # ui.language "id"
    target.write_text(target.read_text().replace("max_grants_per_customer_30d", "max_grant"))
    target.write_text(target.read_text().replace('currency = "IDR"', 'currency = "XYZ"'))
    result = runner.invoke(full_cli(), ["policy", "validate", str(target), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert {p["code"] for p in report["problems"]} == {"E502", "E503"}
    assert all(p["file"] == str(target) and p["line"] for p in report["problems"])
