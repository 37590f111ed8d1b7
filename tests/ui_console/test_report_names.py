"""The console's Reports screen names agents as the policy in force does."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from assist.reports.demo_history import write_demo_history
from ui.console.context import ConsoleContext
from ui.console.window import ConsoleWindow


def test_console_reports_screen_shows_agent_names(
    qtbot: QtBot, console_ctx: ConsoleContext
) -> None:
    """The demo policy in force names siti.rahma; the demo team database names every demo
    agent, as their own exports would; the policy's name wins."""
    write_demo_history(console_ctx.team_path, agents=3, days=10, end=date.today())
    window = ConsoleWindow(console_ctx)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.reports.shown, timeout=20_000):
        window.tabs.setCurrentWidget(window.reports)
    report = window.reports.report
    assert report is not None
    chart = next(c for c in report.charts if c.key == "compensation_by_agent")
    assert "Siti Rahma" in chart.categories and "Budi Santoso" in chart.categories
    assert not [c for c in chart.categories if "." in c]  # no agent shown by id
    view = window.reports.table_tabs.widget(list(report.tables).index("compensation_by_agent"))
    header = [view.horizontalHeaderItem(c).text() for c in range(view.columnCount())]
    column = header.index("agent_name")
    names = {view.item(r, column).text() for r in range(view.rowCount())}
    assert "Siti Rahma" in names
