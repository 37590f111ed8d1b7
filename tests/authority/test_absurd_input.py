"""Huge amounts, 5,000-digit numbers and 100,000-deep JSON end in coded errors, not
tracebacks, and change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assist.authority.canonical import b64url_encode
from assist.authority.ledger import Ledger
from assist.cache import Cache
from assist.cache.importer import import_files
from assist.errors import PekaError
from tests.authority.conftest import Env
from ui.entry import full_cli

DIGITS = "9" * 5000
DEEP = "[" * 100_000 + "]" * 100_000


def peka(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(full_cli(), list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.output


@pytest.mark.parametrize("amount", [DIGITS, "9" * 25, "Rp " + "9" * 30])
@pytest.mark.parametrize("command", ["grant", "approval"])
def test_huge_amounts_are_refused_with_a_code(command: str, amount: str) -> None:
    head = ["grant"] if command == "grant" else ["approval", "request"]
    key = ["--key", "k"] if command == "grant" else []
    code, out = peka(*head, "--customer", "C1", "--type", "voucher", "--amount", amount, *key)
    assert code == 1 and "[E110]" in out, out
    code, out = peka(
        *head, "--customer", "C1", "--type", "voucher", "--amount", "100", *key,
        "--transaction", "T1", "--transaction-amount", amount,
    )  # fmt: skip
    assert code == 1 and "[E110]" in out, out
    code, out = peka(
        *head, "--customer", "C1", "--type", "service_credit_days", "--amount", DIGITS, *key
    )
    assert code == 1 and "[E110]" in out, out


def test_service_refuses_huge_amounts_and_records_nothing(signed_env: Env) -> None:
    service = signed_env.service()
    for amount in (10**20, 10**5000):
        with pytest.raises(PekaError) as caught:
            service.request_approval(customer_id="C1", type="voucher", amount_minor=amount)
        assert caught.value.code == "E110"
    with Ledger(signed_env.ledger_path).connect() as conn:
        assert conn.execute("SELECT COUNT(*) FROM approval_requests").fetchone() == (0,)


def test_deep_json_everywhere(tmp_path: Path, signed_env: Env) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")
    code, out = peka("policy", "install", str(deep))
    assert code == 1 and "[E109]" in out, out
    policy = tmp_path / "policy.json"
    policy.write_text('{"x": ' + DEEP + "}", encoding="utf-8")
    code, out = peka("policy", "validate", str(policy))
    assert code == 1 and ("[E109]" in out or "[E50" in out), out
    for prefix in ("PEKA-REQ1:", "PEKA-OK1:"):
        text = prefix + b64url_encode(DEEP.encode()) + (".AAAA" if "OK" in prefix else "")
        command = ["approval", "review"] if "REQ" in prefix else ["approval", "accept"]
        code, out = peka(*command, text)
        assert code == 1 and ("[E109]" in out or "[E54" in out), out


def test_import_of_absurd_values_is_coded_and_changes_nothing(tmp_path: Path) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "id,full_name,salutation,phone,email,language,tier,customer_since,notes\n"
        "C1,Budi,Bapak,,,id,gold,,\n",
        encoding="utf-8",
    )
    cache_path = tmp_path / "cache.sqlite"
    with Cache.open(cache_path) as cache:
        import_files(cache, [customers])
    header = "id,customer_id,created_at,kind,description,reference,amount,status,status_changed_at"
    for amount in (DIGITS, "9" * 25, "99999999999999999999 rb"):
        tx = tmp_path / "transactions.csv"
        tx.write_text(f"{header}\nT1,C1,2024-01-01,order,x,r,{amount},delayed,\n", "utf-8")
        code, out = peka("import", str(tx), "--db", str(cache_path))
        assert (code != 0 and "[E110]" in out) or "[E222]" in out, out
    as_json = tmp_path / "transactions.json"
    as_json.write_text(json.dumps([{"id": "T1", "customer_id": "C1", "amount": 10**30}]))
    code, out = peka("import", str(as_json), "--db", str(cache_path))
    assert code != 0 and "[E" in out, out
    deep = tmp_path / "customers.jsonl"
    deep.write_text(DEEP + "\n", encoding="utf-8")
    code, out = peka("import", str(deep), "--db", str(cache_path))
    assert code != 0 and "[E109]" in out, out
    with Cache.open(cache_path, readonly=True) as cache:
        record = cache.open_customer("C1")
        assert record is not None and record.transactions == []
