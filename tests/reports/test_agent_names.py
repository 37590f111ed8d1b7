"""Reports name agents by the policy's [agents] names, falling back to the id."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assist.authority.policy_file import check_policy, load_policy_text
from assist.authority.policy_template import example_policy_text
from assist.reports.bundle import read_export, write_export
from assist.reports.csv_out import read_csv
from assist.reports.demo_history import generate_demo_history, write_demo_history
from assist.reports.report import (
    agent_names,
    build_report,
    load_team,
    period_for,
    type_labels,
    write_tables,
)
from assist.reports.team import TeamStore

END = date(2026, 10, 28)


@pytest.fixture(scope="module")
def team_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("names") / "team.sqlite"
    write_demo_history(path, agents=3, days=7, end=END, named=False)  # ids only
    return path


def test_the_policy_names_agents_and_keeps_the_name_when_signed() -> None:
    policy = load_policy_text(example_policy_text(END), "<example>")
    assert agent_names(policy) == {"siti.rahma": "Siti Rahma"}
    normalised = policy.to_dict()
    assert normalised["agents"]["siti.rahma"]["name"] == "Siti Rahma"
    again, problems = check_policy(normalised, normalised=True)
    assert problems == [] and again is not None and agent_names(again) == agent_names(policy)
    _none, problems = check_policy({**normalised, "agents": {"x": {"name": 7}}}, normalised=True)
    assert [p.key for p in problems] == ["agents.x.name"]


def test_a_report_lists_names_and_ids_where_no_name_is_known(team_db: Path, tmp_path: Path) -> None:
    policy = load_policy_text(example_policy_text(END), "<example>")
    data = load_team(team_db)
    period = period_for(data, "2026-10-22", "2026-10-28")
    report = build_report(data, period, type_labels(policy, "en"), "en", names=agent_names(policy))
    rows = report.tables["compensation_by_agent"].dicts()
    shown = {str(r["agent_id"]): r["agent_name"] for r in rows}
    assert shown["siti.rahma"] == "Siti Rahma"
    assert shown["budi.santoso"] == "budi.santoso"
    chart = next(c for c in report.charts if c.key == "compensation_by_agent")
    assert "Siti Rahma" in chart.categories and "siti.rahma" not in chart.categories
    approvals = next(c for c in report.charts if c.key == "approvals")
    assert "Siti Rahma" in approvals.categories
    write_tables(report, tmp_path)
    csv_rows = read_csv(tmp_path / "checklist.csv")
    assert list(csv_rows[0])[-1] == "agent_name"
    assert {r["agent_name"] for r in csv_rows} >= {"Siti Rahma", "dewi.lestari", "(team)"}


def test_an_export_carries_the_agents_name_into_the_team_database(tmp_path: Path) -> None:
    data = generate_demo_history(agents=3, days=7, end=END).named({"siti.rahma": "Siti Rahma"})
    named, unnamed = tmp_path / "siti.jsonl", tmp_path / "budi.jsonl"
    write_export(named, "siti.rahma", data)
    write_export(unnamed, "budi.santoso", data)
    header = json.loads(named.read_text("utf-8").splitlines()[0])
    assert header["agent_name"] == "Siti Rahma"
    assert "agent_name" not in json.loads(unnamed.read_text("utf-8").splitlines()[0])
    with TeamStore(tmp_path / "team.sqlite") as team:
        team.import_bundles([read_export(named), read_export(unnamed)])
        merged = team.dataset()
    assert merged.agent_names == {"siti.rahma": "Siti Rahma"}
    period = period_for(merged, "2026-10-22", "2026-10-28")
    report = build_report(merged, period, {}, "en")
    chart = next(c for c in report.charts if c.key == "compensation_by_agent")
    assert set(chart.categories) == {"Siti Rahma", "budi.santoso"}
    # The supervisor's own policy wins over the name an export carried.
    renamed = build_report(merged, period, {}, "en", names={"siti.rahma": "Siti R."})
    rows = renamed.tables["approvals"].dicts()
    assert {r["agent_name"] for r in rows if r["agent_id"] == "siti.rahma"} == {"Siti R."}
