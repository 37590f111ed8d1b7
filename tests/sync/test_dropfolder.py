"""The drop-folder source through `peka sync run|status|reset`, as IT uses it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from assist.cli.main import build_cli
from tests.sync.conftest import snapshot

CUSTOMERS = """id,full_name,salutation,phone,email,tier
C1,Sri Wahyuni,Ibu,0812-3456-7890,sri@example.co.id,gold
C2,Budi Santoso,Bapak,0813-1111-2222,,regular
C3,Kevin Tanoto,Kak,,kevin@example.com,silver
"""
TRANSACTIONS = """id,customer_id,created_at,kind,reference,amount,status
T1,C1,2026-12-01 10:00,order,INV/1,Rp 450.000,delayed
T2,C2,2026-12-02 11:00,payment,ORD-2,150rb,completed
T3,C3,2026-12-03 12:00,topup,TU-3,50000,failed
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_cli(), list(args))
    return result.exit_code, result.output


def setup_folder(tmp_path: Path, sources_file: Path, extra: str = "") -> Path:
    drop = tmp_path / "drop"
    drop.mkdir()
    sources_file.write_text(
        f'[sources.exports]\nkind = "folder"\npath = "{drop}"\nsettle_seconds = 0\n{extra}',
        encoding="utf-8",
    )
    return drop


def test_files_are_taken_once_customers_first_and_left_in_place(
    tmp_path: Path, sources_file: Path, cache_path: Path
) -> None:
    drop = setup_folder(tmp_path, sources_file)
    # Named so that plain name order would take the transactions first.
    (drop / "a-transactions.csv").write_text(TRANSACTIONS, encoding="utf-8")
    (drop / "b-customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (drop / "notes.txt").write_text("not an export", encoding="utf-8")
    (drop / ".c-customers.csv.part").write_text("id,full_name\n", encoding="utf-8")
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 0, out
    assert "exports: 6 rows in 2 batches" in out
    state = snapshot(cache_path)
    assert [c[0] for c in state["customers"]] == ["C1", "C2", "C3"]
    assert [t[0] for t in state["transactions"]] == ["T1", "T2", "T3"]
    assert sorted(p.name for p in drop.iterdir()) == [
        ".c-customers.csv.part",
        "a-transactions.csv",
        "b-customers.csv",
        "notes.txt",
    ]
    # The same files again: nothing to take. A copy under another name: same content, skipped.
    (drop / "c-customers-copy.csv").write_text(CUSTOMERS, encoding="utf-8")
    code, out = run("sync", "run", "--db", str(cache_path), "--json")
    assert code == 0, out
    assert json.loads(out)[0]["rows"] == 0
    assert snapshot(cache_path) == state
    code, out = run("sync", "status", "--db", str(cache_path), "--json")
    status = json.loads(out)[0]
    assert status["name"] == "exports" and status["ok"] and status["last_success_at"]
    assert status["total_rows"] == 6


def test_bad_row_refuses_the_file_and_names_source_row_and_field(
    tmp_path: Path, sources_file: Path, cache_path: Path
) -> None:
    drop = setup_folder(tmp_path, sources_file)
    (drop / "1-customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    assert run("sync", "run", "--db", str(cache_path))[0] == 0
    good = snapshot(cache_path)
    bad = TRANSACTIONS.replace("150rb", "seratus")
    (drop / "2-transactions.csv").write_text(bad, encoding="utf-8")
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 1
    assert "[E253]" in out
    message = "source 'exports', transactions 2-transactions.csv, line 3, field 'amount'"
    assert message in out
    assert snapshot(cache_path) == good  # nothing of the bad file went in
    code, out = run("sync", "status", "--db", str(cache_path))
    assert "FAILED" in out and message in out
    # Fixed at the source (a new file): taken, and the status is clean again.
    (drop / "2-transactions.csv").unlink()
    (drop / "3-transactions.csv").write_text(TRANSACTIONS, encoding="utf-8")
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 0, out
    assert len(snapshot(cache_path)["transactions"]) == 3
    code, out = run("sync", "status", "--db", str(cache_path), "--json")
    assert json.loads(out)[0]["last_error"] is None


def test_quarantine_keeps_bad_rows_aside_and_goes_on(
    tmp_path: Path, sources_file: Path, cache_path: Path
) -> None:
    drop = setup_folder(tmp_path, sources_file, 'on_bad_rows = "quarantine"\n')
    (drop / "1-customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    bad = TRANSACTIONS.replace("150rb", "seratus").replace("T3,C3", "T3,C9")
    (drop / "2-transactions.csv").write_text(bad, encoding="utf-8")
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 0, out
    assert "2 quarantined" in out
    assert [t[0] for t in snapshot(cache_path)["transactions"]] == ["T1"]
    code, out = run("sync", "status", "--db", str(cache_path), "--json")
    rows = json.loads(out)[0]["quarantined_rows"]
    assert {(r["row"], r["field"], r["code"]) for r in rows} == {
        ("2-transactions.csv, line 3", "amount", "E222"),
        ("2-transactions.csv, line 4", "customer_id", "E225"),
    }
    code, out = run("sync", "status", "--db", str(cache_path))
    assert "quarantined: transactions 2-transactions.csv, line 3, field 'amount'" in out


def test_deletions_and_merges_from_a_deletions_file(
    tmp_path: Path, sources_file: Path, cache_path: Path
) -> None:
    drop = setup_folder(tmp_path, sources_file)
    (drop / "1-customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (drop / "1-transactions.csv").write_text(TRANSACTIONS, encoding="utf-8")
    (drop / "1-prefs.csv").write_text(
        "customer_id,key,value\nC2,preferred_channel,whatsapp\nC1,preferred_channel,email\n",
        encoding="utf-8",
    )
    assert run("sync", "run", "--db", str(cache_path))[0] == 0
    (drop / "2-deletions.csv").write_text(
        "entity,id,merged_into\ntransactions,T3,\ncustomers,C2,C1\n", encoding="utf-8"
    )
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 0, out
    state = snapshot(cache_path)
    assert [c[0] for c in state["customers"]] == ["C1", "C3"]
    assert [(t[0], t[1]) for t in state["transactions"]] == [("T1", "C1"), ("T2", "C1")]
    assert state["preferences"] == [("C1", "preferred_channel", "email")]  # survivor's wins
    # A record that still names the merged customer is filed under the survivor.
    (drop / "3-transactions.csv").write_text(
        "id,customer_id,created_at,kind,amount,status\nT9,C2,2026-12-04,order,1000,pending\n",
        encoding="utf-8",
    )
    assert run("sync", "run", "--db", str(cache_path))[0] == 0
    assert ("T9", "C1") in [(t[0], t[1]) for t in snapshot(cache_path)["transactions"]]


def test_reset_reads_everything_again_and_unreadable_folder_is_reported(
    tmp_path: Path, sources_file: Path, cache_path: Path
) -> None:
    drop = setup_folder(tmp_path, sources_file)
    (drop / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    assert run("sync", "run", "exports", "--db", str(cache_path))[0] == 0
    code, out = run("sync", "reset", "exports", "--db", str(cache_path))
    assert code == 0, out
    code, out = run("sync", "run", "--db", str(cache_path), "--json")
    result = json.loads(out)[0]
    assert result["rows"] == 3 and result["unchanged"] == 3
    code, out = run("sync", "run", "nosuch", "--db", str(cache_path))
    assert code == 1 and "[E251]" in out and "exports" in out
    os.rename(drop, tmp_path / "gone")
    code, out = run("sync", "run", "--db", str(cache_path))
    assert code == 1 and "[E258]" in out and str(drop) in out


def test_sources_file_is_checked_and_credentials_refused(sources_file: Path) -> None:
    sources_file.write_text(
        '[sources.crm]\nkind = "sql"\ndsn = "host=x"\npassword = "hunter2"\n', encoding="utf-8"
    )
    code, out = run("sync", "status")
    assert code == 1 and "[E250]" in out and "[sources.crm] password" in out
    assert "keyring" in out
    sources_file.write_text('[sources.crm]\nkind = "ftp"\n', encoding="utf-8")
    code, out = run("sync", "status")
    assert code == 1 and "[E250]" in out and "folder" in out and "rest" in out
