"""The commands a supervisor, IT and an agent run, end to end, with the in-memory keyring."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner, Result

from ui.entry import full_cli


def peka(*args: str) -> Result:
    return CliRunner().invoke(full_cli(), list(args))


def last_line(result: Result) -> str:
    return result.output.strip().splitlines()[-1]


def test_supervisor_it_and_agent(isolated_peka: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    policy = work / "policy.toml"
    assert peka("policy", "init", str(policy)).exit_code == 0

    # Supervisor: key in the keyring, public key for IT, signed policy.
    result = peka("policy", "keygen", "--name", "sup.ani", "--out", str(work))
    assert result.exit_code == 0, result.output
    pub = work / "sup.ani.pub"
    assert pub.read_text().startswith("peka-ed25519-v1 ")
    assert peka("policy", "keygen", "--name", "sup.ani", "--out", str(work)).exit_code == 1
    signed = work / "policy.signed.json"
    result = peka("policy", "sign", str(policy), "--name", "sup.ani", "--out", str(signed))
    assert result.exit_code == 0, result.output
    assert not any("PRIVATE" in p.read_text() for p in work.iterdir())

    # Before IT installs anything, Peka fails closed and says why.
    result = peka("policy", "status")
    assert result.exit_code == 1 and "[E510]" in result.output

    # IT forgetting the supervisor's key is told to pass it; nothing is installed.
    result = peka("policy", "install", str(signed))
    assert result.exit_code == 1 and "[E513]" in result.output and "--key" in result.output
    assert peka("policy", "status").exit_code == 1

    # IT installs machine-wide (the test's machine folder).
    result = peka("policy", "install", str(signed), "--key", str(pub))
    assert result.exit_code == 0, result.output
    result = peka("policy", "status", "--json")
    assert result.exit_code == 0, result.output
    status = json.loads(result.output)
    assert status["valid"] and status["signed_by"] == "sup.ani" and status["role"] == "agent"

    # Agent grants within authority; a double click grants once.
    grant_args = [
        "grant",
        "--agent",
        "budi",
        "--customer",
        "C1",
        "--type",
        "voucher",
        "--amount",
        "Rp 40.000",
        "--key",
        "k1",
        "--fault",
        "company",
        "--json",
    ]
    first = json.loads(peka(*grant_args).output)
    again = json.loads(peka(*grant_args).output)
    assert first["ok"] and first["grant"] == again["grant"]
    assert first["grant"]["amount_minor"] == 4_000_000

    # Above authority: refused with a code, non-zero exit.
    result = peka(
        "grant",
        "--agent",
        "budi",
        "--customer",
        "C1",
        "--type",
        "voucher",
        "--amount",
        "75rb",
        "--key",
        "k2",
        "--fault",
        "company",
    )
    assert result.exit_code == 1 and "[E521]" in result.output
    result = peka(
        "grant",
        "--agent",
        "budi",
        "--customer",
        "C1",
        "--type",
        "voucher",
        "--amount",
        "75rb",
        "--key",
        "k3",
        "--json",
    )
    assert result.exit_code == 1 and json.loads(result.output)["code"] == "E527"  # fault unknown
    result = peka(
        "grant",
        "--agent",
        "budi",
        "--customer",
        "C1",
        "--type",
        "voucher",
        "--amount",
        "75rb",
        "--key",
        "k3",
        "--fault",
        "unknown",
        "--json",
    )
    assert result.exit_code == 1 and json.loads(result.output)["code"] == "E521"

    # Approval: agent asks, supervisor reviews and approves, agent accepts once.
    result = peka(
        "approval",
        "request",
        "--agent",
        "budi",
        "--customer",
        "C1",
        "--type",
        "partial_refund",
        "--amount",
        "Rp 150.000",
        "--transaction",
        "INV-9",
        "--transaction-amount",
        "Rp 300.000",
        "--reason",
        "barang rusak",
    )
    assert result.exit_code == 0, result.output
    request_text = last_line(result)
    assert request_text.startswith("PEKA-REQ1:")
    review = peka("approval", "review", request_text)
    assert review.exit_code == 0 and "Rp 150.000" in review.output and "budi" in review.output
    result = peka("approval", "approve", request_text, "--name", "sup.ani", "--note", "ok")
    assert result.exit_code == 0, result.output
    code = last_line(result)
    assert code.startswith("PEKA-OK1:")
    result = peka("approval", "accept", code, "--agent", "budi", "--customer", "C1")
    assert result.exit_code == 0 and "disetujui oleh sup.ani" in result.output  # ui.language id
    result = peka("approval", "accept", code, "--agent", "budi")
    assert result.exit_code == 1 and "[E546]" in result.output

    # A declined request.
    req2 = last_line(
        peka(
            "approval",
            "request",
            "--agent",
            "budi",
            "--customer",
            "C2",
            "--type",
            "voucher",
            "--amount",
            "Rp 200.000",
        )
    )
    no = last_line(
        peka("approval", "decline", req2, "--name", "sup.ani", "--note", "terlalu besar")
    )
    result = peka("approval", "accept", no, "--agent", "budi")
    assert result.exit_code == 1 and "[E547]" in result.output and "terlalu besar" in result.output

    # Ledger and audit.
    listing = peka("ledger", "list", "--customer", "C1")
    assert listing.exit_code == 0 and listing.output.count("Diberikan") == 2
    out = work / "grants.csv"
    assert peka("ledger", "export", "--out", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["amount"] for r in rows] == ["Rp 40.000", "Rp 150.000"]
    assert rows[1]["approved_by"] == "sup.ani"
    approvals = work / "approvals.csv"
    assert peka("ledger", "export", "--out", str(approvals), "--what", "approvals").exit_code == 0
    decisions = [r["decision"] for r in csv.DictReader(approvals.open(encoding="utf-8"))]
    assert decisions == ["approve", "decline"]
    result = peka("audit", "verify")
    assert result.exit_code == 0 and "intact" in result.output
    kinds = [
        e["kind"] for e in json.loads(peka("audit", "show", "--json", "--limit", "100").output)
    ]
    for kind in (
        "policy_signed",
        "policy_installed",
        "policy_accepted",
        "grant",
        "refusal",
        "approval_requested",
        "approval_issued",
        "approval_accepted",
        "approval_declined",
        "approval_refused",
    ):
        assert kind in kinds, kind


def test_grant_needs_facts_or_refuses(isolated_peka: Path) -> None:
    result = peka(
        "grant", "--customer", "C1", "--type", "voucher", "--amount", "10rb", "--key", "k"
    )
    assert result.exit_code == 1 and "[E510]" in result.output
    result = peka(
        "grant", "--customer", "C1", "--type", "voucher", "--amount", "ten", "--key", "k2"
    )
    assert result.exit_code == 1 and "[E529]" in result.output


def test_csv_export_neutralises_formulas(isolated_peka: Path, tmp_path: Path) -> None:
    from assist.authority.export import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("biasa") == "biasa" and _cell(None) == ""


def test_audit_show_kinds_match_the_audit_log(isolated_peka: Path) -> None:
    from assist.authority.audit import KINDS
    from assist.cli.authority_grant_commands import AUDIT_KINDS

    assert AUDIT_KINDS == KINDS
    result = peka("audit", "show", "--kind", "bogus")
    assert result.exit_code == 2 and "approval_refused" in result.output


def test_installing_the_toml_file_says_to_sign_it_first(
    isolated_peka: Path, tmp_path: Path
) -> None:
    toml = tmp_path / "policy.toml"
    assert peka("policy", "init", str(toml)).exit_code == 0
    result = peka("policy", "install", str(toml), "--machine-dir", str(tmp_path / "m"))
    assert result.exit_code == 1 and "[E511]" in result.output
    assert "peka policy sign" in result.output
