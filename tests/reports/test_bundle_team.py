"""Export files refuse damage; the team database merges without double counting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from assist.errors import PekaError
from assist.reports.bundle import read_export, write_export
from assist.reports.dataset import Dataset
from assist.reports.demo_history import generate_demo_history, write_demo_history
from assist.reports.figures import Period, compute
from assist.reports.records import ApprovalRecord, GrantRecord
from assist.reports.report import parse_day, period_for
from assist.reports.team import TeamStore
from ui.entry import full_cli

END = date(2026, 11, 16)


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return generate_demo_history(agents=3, days=7, seed=3, end=END)


def one_agent(data: Dataset, agent: str) -> Dataset:
    return Dataset(
        [g for g in data.grants if g.agent_id == agent],
        [a for a in data.approvals if a.agent_id == agent],
        [o for o in data.outcomes if o.agent_id == agent],
        [b for b in data.budgets if b.agent_id == agent],
        data.utc_offset_minutes,
    )


def test_tampered_or_truncated_exports_are_refused(demo: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    write_export(path, "siti.rahma", demo)
    good = path.read_bytes()
    path.write_bytes(good.replace(b'"amount_minor": 5', b'"amount_minor": 9', 1))
    with pytest.raises(PekaError) as changed:
        read_export(path)
    assert changed.value.code == "E711"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(PekaError) as cut:
        read_export(path)
    assert cut.value.code in ("E710", "E711")
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(PekaError) as junk:
        read_export(path)
    assert junk.value.code == "E710" and "line 1" in junk.value.message


def test_csat_recorded_later_updates_the_team(demo: Dataset, tmp_path: Path) -> None:
    agent = "siti.rahma"
    mine = one_agent(demo, agent)
    unanswered = next(o for o in mine.outcomes if o.csat is None)
    write_export(tmp_path / "1.jsonl", agent, mine)
    answered = unanswered.with_csat(5, True, at=unanswered.ended_at + timedelta(days=1))
    later = Dataset(
        mine.grants,
        mine.approvals,
        [answered if o.id == answered.id else o for o in mine.outcomes],
        mine.budgets,
        mine.utc_offset_minutes,
    )
    write_export(tmp_path / "2.jsonl", agent, later)
    with TeamStore(tmp_path / "team.sqlite") as team:
        team.import_bundles([read_export(tmp_path / "1.jsonl")])
        (second,) = team.import_bundles([read_export(tmp_path / "2.jsonl")])
        assert second.updated["outcome"] == 1 and second.added["outcome"] == 0
        (third,) = team.import_bundles([read_export(tmp_path / "1.jsonl")])  # older copy
        assert third.updated["outcome"] == 0
        merged = team.dataset()
    assert len(merged.outcomes) == len(mine.outcomes)
    assert next(o for o in merged.outcomes if o.id == answered.id).csat == 5


def test_a_record_claimed_by_two_agents_is_refused(demo: Dataset, tmp_path: Path) -> None:
    grant = demo.grants[0]
    forged = GrantRecord(
        grant.id,
        "someone.else",
        grant.type,
        grant.amount_minor,
        grant.currency,
        grant.unit,
        grant.granted_at,
    )
    write_export(tmp_path / "a.jsonl", grant.agent_id, Dataset([grant]))
    write_export(tmp_path / "b.jsonl", "someone.else", Dataset([forged]))
    with TeamStore(tmp_path / "team.sqlite") as team:
        team.import_bundles([read_export(tmp_path / "a.jsonl")])
        with pytest.raises(PekaError) as clash:
            team.import_bundles([read_export(tmp_path / "b.jsonl")])
        assert clash.value.code == "E712"
        assert len(team.dataset().grants) == 1  # nothing half-imported


def test_approvals_only_move_forward(tmp_path: Path) -> None:
    at = datetime(2026, 11, 3, 3, tzinfo=UTC)
    pending = ApprovalRecord("R-1", "rina", "full_refund", 100, "IDR", "money", at, "pending")
    used = ApprovalRecord("R-1", "rina", "full_refund", 100, "IDR", "money", at, "used", at)
    for name, item in (("p", pending), ("u", used)):
        write_export(tmp_path / f"{name}.jsonl", "rina", Dataset(approvals=[item]))
    with TeamStore(tmp_path / "team.sqlite") as team:
        team.import_bundles([read_export(tmp_path / "p.jsonl")])
        team.import_bundles([read_export(tmp_path / "u.jsonl")])
        team.import_bundles([read_export(tmp_path / "p.jsonl")])
        assert [a.status for a in team.dataset().approvals] == ["used"]


def test_demo_history_is_plausible(demo: Dataset) -> None:
    budgets = {(b.agent_id, b.type): b.daily_budget for b in demo.budgets}
    period = Period(END - timedelta(days=7), END, demo.tz)
    tables = compute(demo, period)
    for row in tables["compensation_daily"].dicts():
        budget = budgets.get((str(row["agent_id"]), str(row["type"])))
        within = int(row["within_authority_minor"] or 0)
        # Types outside an agent's rules are granted only with an approval code.
        assert within <= budget if budget is not None else within == 0
    statuses = {a.status for a in demo.approvals}
    assert {"used", "declined"} <= statuses
    assert {o.emotion for o in demo.outcomes} >= {"angry", "disappointed", "neutral"}
    assert any(o.csat for o in demo.outcomes) and any(o.understood for o in demo.outcomes)
    again = generate_demo_history(agents=3, days=7, seed=3, end=END)
    assert [g.id for g in again.grants] == [g.id for g in demo.grants]


def test_demo_history_written_once(tmp_path: Path) -> None:
    team = tmp_path / "team.sqlite"
    first = write_demo_history(team, agents=2, days=3, end=END)
    assert first is not None and first.added["outcome"] > 0
    assert write_demo_history(team, agents=2, days=3, end=END) is None


def test_dates_and_periods() -> None:
    today = date(2026, 11, 22)
    assert parse_day("2026-11-01", "--since", today) == date(2026, 11, 1)
    assert parse_day("7d", "--since", today) == date(2026, 11, 15)
    assert parse_day("2w", "--since", today) == date(2026, 11, 8)
    with pytest.raises(PekaError) as bad:
        parse_day("last tuesday", "--since", today)
    assert bad.value.code == "E714"
    data = Dataset(utc_offset_minutes=420)
    period = period_for(data, "2026-11-01", "2026-11-03")
    assert period.days == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]
    with pytest.raises(PekaError):
        period_for(data, "2026-11-05", "2026-11-03")


def test_team_commands(demo: Dataset, tmp_path: Path) -> None:
    write_export(tmp_path / "e.jsonl", "siti.rahma", one_agent(demo, "siti.rahma"))
    team = tmp_path / "team.sqlite"
    cli = full_cli()
    args = ["team", "import", str(tmp_path / "e.jsonl"), "--db", str(team)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, args)
    assert "(imported before)" in second.output and "added 0 grants" in second.output
    shown = CliRunner().invoke(cli, ["team", "show", "--db", str(team)])
    assert "siti.rahma" in shown.output and "imported 2x" in shown.output
    (tmp_path / "bad.jsonl").write_text("{}\n", encoding="utf-8")
    bad = CliRunner().invoke(
        cli, ["team", "import", str(tmp_path / "bad.jsonl"), "--db", str(team)]
    )
    assert bad.exit_code == 1 and "[E710]" in bad.output


def test_report_command_writes_csv_png_and_index(tmp_path: Path) -> None:
    team = tmp_path / "team.sqlite"
    write_demo_history(team, agents=3, days=7, end=END)
    out = tmp_path / "report"
    result = CliRunner().invoke(
        full_cli(),
        [
            "report",
            "--team",
            str(team),
            "--since",
            "2026-11-09",
            "--until",
            "2026-11-15",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"compensation_daily.csv", "approvals.png", "csat_daily.png", "index.html"} <= names
    png = (out / "csat_daily.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    missing = CliRunner().invoke(
        full_cli(), ["report", "--team", str(tmp_path / "none.sqlite"), "--out", str(out)]
    )
    assert missing.exit_code == 1 and "[E713]" in missing.output
