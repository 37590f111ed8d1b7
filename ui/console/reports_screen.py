"""The Reports screen: the same figures and charts as `peka report`, on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assist.errors import PekaError
from assist.reports.dataset import Dataset
from assist.reports.figures import Period
from assist.reports.report import (
    Report,
    build_report,
    headline,
    load_team,
    type_labels,
    write_tables,
)
from ui.charts import ChartWidget, save_chart
from ui.console.context import ConsoleContext
from ui.ops import run_in_background
from ui.plain import plain_label

TEAM = "Team database"
LOCAL = "This computer"


class ReportsScreen(QWidget):
    shown = Signal(object)  # the Report

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportsScreen")
        self.report: Report | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.source = QComboBox(self)
        self.source.setObjectName("reportSource")
        self.source.addItems([TEAM, LOCAL])
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-27), self)
        self.since.setObjectName("reportSince")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.until = QDateEdit(today, self)
        self.until.setObjectName("reportUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton("Show", self)
        self.save_button = QPushButton("Save CSV and PNG…", self)
        widgets: list[QWidget] = [QLabel("Source", self), self.source, QLabel("From", self)]
        widgets += [self.since, QLabel("to", self), self.until]
        widgets += [self.refresh_button, self.save_button]
        for widget in widgets:
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.summary = plain_label("", self, name="reportSummary")
        layout.addWidget(self.summary)
        self.tabs = QTabWidget(self)
        charts_page = QScrollArea(self)
        charts_page.setWidgetResizable(True)
        holder = QWidget(charts_page)
        self.grid = QGridLayout(holder)
        charts_page.setWidget(holder)
        self.tabs.addTab(charts_page, "Charts")
        self.table_tabs = QTabWidget(self)
        self.tabs.addTab(self.table_tabs, "Figures")
        layout.addWidget(self.tabs, 1)
        self.chart_widgets: list[ChartWidget] = []
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self._save_clicked)

    def period_bounds(self) -> tuple[str, str]:
        return (
            self.since.date().toString("yyyy-MM-dd"),
            self.until.date().toString("yyyy-MM-dd"),
        )

    def refresh(self) -> None:
        since, until = self.period_bounds()
        use_team = self.source.currentText() == TEAM
        ctx = self.ctx
        self.summary.setText("Computing…")

        def work() -> Report:
            from assist.reports.report import period_for

            policy = None
            if use_team:
                if not ctx.team_path.exists():
                    data = Dataset(source=str(ctx.team_path))
                else:
                    data = load_team(ctx.team_path)
            else:
                from assist.authority.service import AuthorityService
                from assist.reports.ledger_source import read_local

                service = AuthorityService.open(
                    ledger_path=ctx.ledger_path,
                    policy_path=ctx.policy_path,
                    keys_dir=ctx.keys_dir,
                    agent_id=ctx.supervisor,
                )
                data = read_local(service, ctx.outcomes_path)
                try:
                    policy = service.current_policy().policy
                except PekaError:
                    policy = None
            period = period_for(data, since, until)
            return build_report(data, period, type_labels(policy, ctx.language))

        run_in_background(work, self.show_report, self._failed, parent=self, lane="console")

    def _failed(self, exc: Exception) -> None:
        self.summary.setText(str(exc))

    def show_report(self, report: Report) -> None:
        self.report = report
        period: Period = report.period
        numbers = "   ".join(f"{label}: {value}" for label, value in headline(report))
        self.summary.setText(
            f"{period.since} to {period.days[-1] if period.days else period.since} "
            f"({report.source}).  {numbers}"
        )
        for widget in self.chart_widgets:
            widget.setParent(None)
            widget.deleteLater()
        self.chart_widgets = []
        for n, spec in enumerate(report.charts):
            chart = ChartWidget(spec)
            chart.setObjectName(f"chart_{spec.key}")
            chart.setMinimumHeight(340)
            self.grid.addWidget(chart, n // 2, n % 2)
            self.chart_widgets.append(chart)
        self.table_tabs.clear()
        for table in report.tables.values():
            view = QTableWidget(len(table.rows), len(table.columns))
            view.setObjectName(f"table_{table.name}")
            view.setHorizontalHeaderLabels(list(table.columns))
            view.setEditTriggers(QTableWidget.NoEditTriggers)
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row):
                    view.setItem(r, c, QTableWidgetItem("" if cell is None else str(cell)))
            self.table_tabs.addTab(view, table.name.replace("_", " "))
        self.shown.emit(report)

    def _save_clicked(self) -> None:
        folder = self.ctx.choose_file(self, "Folder for the report", "peka-report", "", True)
        if folder is not None:
            self.save(folder)

    def save(self, folder: Path) -> list[Path]:
        if self.report is None:
            return []
        paths = write_tables(self.report, folder)
        paths += [save_chart(spec, folder) for spec in self.report.charts]
        text = f"Saved {len(paths)} files to {folder}."
        self.summary.setText(text)
        self.ctx.log.append(text)
        return paths
