"""Reports add up to the ledger exactly, for this machine and through a team database."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

from assist.outcomes.store import OutcomeStore
from assist.reports.bundle import read_export, write_export
from assist.reports.csv_out import read_csv
from assist.reports.figures import compute
from assist.reports.ledger_source import read_local
from assist.reports.report import build_report, load_team, period_for, type_labels, write_tables
from assist.reports.team import TeamStore
from tests.reports.conftest import LedgerWorld


def ledger_sums(path: Path) -> dict[tuple[str, str, str], int]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT local_day, agent_id, type, SUM(amount_minor) FROM grants "
        "GROUP BY local_day, agent_id, type"
    ).fetchall()
    conn.close()
    return {(d, a, t): int(s) for d, a, t, s in rows}


def csv_sums(folder: Path) -> dict[tuple[str, str, str], int]:
    sums: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in read_csv(folder / "compensation_daily.csv"):
        sums[(row["day"], row["agent_id"], row["type"])] += int(row["amount_minor"])
    return dict(sums)


def test_local_report_adds_up_to_the_ledger(ledger_world: LedgerWorld, tmp_path: Path) -> None:
    service = ledger_world.service("rina")
    data = read_local(service, tmp_path / "none.sqlite")
    period = period_for(data, "2026-11-01", "2026-11-05", now=ledger_world.clock[0])
    report = build_report(data, period, type_labels(None, "en"))
    write_tables(report, tmp_path / "report")
    expected = ledger_sums(ledger_world.ledger)
    assert csv_sums(tmp_path / "report") == expected
    by_agent = {
        (r["agent_id"], r["type"]): int(r["amount_minor"])
        for r in read_csv(tmp_path / "report" / "compensation_by_agent.csv")
        if int(r["grants"])
    }
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for (_day, agent, kind), amount in expected.items():
        totals[(agent, kind)] += amount
    assert by_agent == dict(totals)
    approvals = read_csv(tmp_path / "report" / "approvals.csv")
    assert [(r["agent_id"], r["type"], r["requests"], r["pending"]) for r in approvals] == [
        ("budi", "full_refund", "1", "1")
    ]
    # Budgets come from the signed policy: the example's agent voucher budget.
    daily = read_csv(tmp_path / "report" / "compensation_daily.csv")
    voucher = next(r for r in daily if r["type"] == "voucher")
    assert voucher["daily_budget_minor"] == "50000000"


def test_team_import_twice_counts_once(ledger_world: LedgerWorld, tmp_path: Path) -> None:
    exports = []
    for agent in ("rina", "budi", "sari"):
        service = ledger_world.service(agent)
        data = read_local(service, tmp_path / "none.sqlite")
        exports.append(tmp_path / f"{agent}.jsonl")
        write_export(exports[-1], agent, data)
    team_path = tmp_path / "team.sqlite"
    with TeamStore(team_path) as team:
        first = team.import_bundles([read_export(p) for p in exports])
        assert sum(r.added["grant"] for r in first) == 30
        again = team.import_bundles([read_export(p) for p in exports[:2]])
        assert all(r.already_imported and r.added["grant"] == 0 for r in again)
        assert sum(r.unchanged["grant"] for r in again) == 24
    # A fresh export of the same ledger has a new export id but the same records.
    service = ledger_world.service("rina")
    write_export(tmp_path / "rina2.jsonl", "rina", read_local(service, tmp_path / "none.sqlite"))
    with TeamStore(team_path) as team:
        (result,) = team.import_bundles([read_export(tmp_path / "rina2.jsonl")])
        assert not result.already_imported and result.added["grant"] == 0
    data = load_team(team_path)
    period = period_for(data, "2026-11-01", "2026-11-05", now=ledger_world.clock[0])
    tables = compute(data, period)
    write_tables(build_report(data, period, {}), tmp_path / "team-report")
    assert csv_sums(tmp_path / "team-report") == ledger_sums(ledger_world.ledger)
    assert sum(int(r[6]) for r in tables["compensation_daily"].rows) == sum(
        ledger_sums(ledger_world.ledger).values()
    )


def test_export_carries_outcomes_without_messages(
    ledger_world: LedgerWorld, tmp_path: Path
) -> None:
    from tests.outcomes.test_store import outcome

    store_path = tmp_path / "outcomes.sqlite"
    with OutcomeStore(store_path, store_messages=True) as store:
        store.record(outcome(agent_id="rina", messages=("customer: alamat Jl. Kenanga 3",)))
    data = read_local(ledger_world.service("rina"), store_path, store_messages=True)
    write_export(tmp_path / "rina.jsonl", "rina", data)
    text = (tmp_path / "rina.jsonl").read_text(encoding="utf-8")
    assert "Kenanga" not in text
    bundle = read_export(tmp_path / "rina.jsonl")
    assert len(bundle.outcomes) == 1 and bundle.outcomes[0].messages == ()
