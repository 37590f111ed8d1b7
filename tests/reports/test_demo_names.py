"""The demo team database names its agents, as their own exports would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assist.reports.demo_history import DEMO_AGENT_NAMES, write_demo_history
from assist.reports.report import build_report, period_for
from assist.reports.team import TeamStore


def test_demo_history_names_every_agent_in_reports(tmp_path: Path) -> None:
    team_path = tmp_path / "team.sqlite"
    write_demo_history(team_path, agents=4, days=7, end=date(2026, 10, 29))
    with TeamStore(team_path) as team:
        data = team.dataset()
    assert data.agent_names == {a: DEMO_AGENT_NAMES[a] for a in data.agents()}
    assert data.agent_names["budi.santoso"] == "Budi Santoso"
    report = build_report(data, period_for(data, "2026-10-22", "2026-10-28"), {}, "id")
    chart = next(c for c in report.charts if c.key == "compensation_by_agent")
    assert chart.categories and not [c for c in chart.categories if "." in c]
