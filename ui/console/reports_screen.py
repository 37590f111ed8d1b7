"""The Reports screen: the same figures and charts as `peka report`, on screen.

Chart text follows the interface language (the report is made again when it changes);
the tables' column headings are the CSV files' English snake_case names.
"""

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

from assist.authority.keys import load_public_keys
from assist.authority.policy import Policy
from assist.authority.signing import read_signed_policy
from assist.errors import PekaError
from assist.reports.dataset import Dataset
from assist.reports.report import (
    Report,
    agent_names,
    build_report,
    headline,
    load_team,
    type_labels,
    write_tables,
)
from ui.charts import ChartWidget, save_chart
from ui.console.context import ConsoleContext
from ui.console.text import LiveText, language
from ui.i18n import tr
from ui.ops import run_in_background
from ui.plain import plain_label

TEAM = "team"
LOCAL = "local"
DATE_FORMATS = {"id": "dd-MM-yyyy", "en": "yyyy-MM-dd"}


class ReportsScreen(QWidget):
    shown = Signal(object)  # the Report

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportsScreen")
        self.report: Report | None = None
        self.live = LiveText()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.source = QComboBox(self)
        self.source.setObjectName("reportSource")
        self.source.addItem("", TEAM)
        self.source.addItem("", LOCAL)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-27), self)
        self.since.setObjectName("reportSince")
        self.since.setCalendarPopup(True)
        self.until = QDateEdit(today, self)
        self.until.setObjectName("reportUntil")
        self.until.setCalendarPopup(True)
        self.refresh_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.source_label = QLabel(self)
        self.source_label.setBuddy(self.source)
        self.from_label = QLabel(self)
        self.from_label.setBuddy(self.since)
        self.to_label = QLabel(self)
        self.to_label.setBuddy(self.until)
        widgets: list[QWidget] = [self.source_label, self.source, self.from_label]
        widgets += [self.since, self.to_label, self.until]
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
        self.tabs.addTab(charts_page, "")
        self.table_tabs = QTabWidget(self)
        self.tabs.addTab(self.table_tabs, "")
        layout.addWidget(self.tabs, 1)
        self.chart_widgets: list[ChartWidget] = []
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self._save_clicked)
        self.retranslate()

    def retranslate(self) -> None:
        """Labels in the interface language; a report on screen is made again in it."""
        self.source_label.setText(tr("console.reports.source"))
        self.source.setItemText(0, tr("console.reports.team"))
        self.source.setItemText(1, tr("console.reports.local"))
        self.source.setAccessibleName(tr("console.reports.source"))
        self.from_label.setText(tr("console.reports.from"))
        self.since.setAccessibleName(tr("console.reports.from"))
        self.to_label.setText(tr("console.reports.to"))
        self.until.setAccessibleName(tr("console.reports.to"))
        for edit in (self.since, self.until):
            edit.setDisplayFormat(DATE_FORMATS.get(language(), "yyyy-MM-dd"))
        self.refresh_button.setText(tr("console.reports.show"))
        self.save_button.setText(tr("console.reports.save"))
        self.tabs.setTabText(0, tr("console.reports.charts"))
        self.tabs.setTabText(1, tr("console.reports.figures"))
        self.table_tabs.setToolTip(tr("console.reports.columns_note"))
        self.live.refresh()
        if self.report is not None and self.report.language != language():
            self.refresh()

    def period_bounds(self) -> tuple[str, str]:
        return (
            self.since.date().toString("yyyy-MM-dd"),
            self.until.date().toString("yyyy-MM-dd"),
        )

    def refresh(self) -> None:
        since, until = self.period_bounds()
        use_team = self.source.currentData() == TEAM
        ctx = self.ctx
        lang = language()
        self.live.show(self.summary, lambda: tr("console.reports.computing"))

        def work() -> Report:
            from assist.reports.report import period_for

            policy = None
            if use_team:
                if not ctx.team_path.exists():
                    data = Dataset(source=str(ctx.team_path))
                else:
                    data = load_team(ctx.team_path)
                policy = _policy_in_force(ctx)
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
            labels = type_labels(policy, lang)
            return build_report(data, period, labels, lang, names=agent_names(policy))

        run_in_background(work, self.show_report, self._failed, parent=self, lane="console")

    def _failed(self, exc: Exception) -> None:
        self.live.fixed(self.summary, str(exc))

    def show_report(self, report: Report) -> None:
        self.report = report
        numbers = "   ".join(f"{label}: {value}" for label, value in headline(report))
        self.live.fixed(
            self.summary,
            tr(
                "console.reports.summary",
                period=report.period_text(),
                source=report.source,
                numbers=numbers,
            ),
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
            self.table_tabs.addTab(view, report.title_of(table.name))
            view.setAccessibleName(report.title_of(table.name))
        self.shown.emit(report)

    def _save_clicked(self) -> None:
        folder = self.ctx.choose_file(
            self, tr("console.reports.folder_title"), "peka-report", "", True
        )
        if folder is not None:
            self.save(folder)

    def save(self, folder: Path) -> list[Path]:
        if self.report is None:
            return []
        paths = write_tables(self.report, folder)
        paths += [save_chart(spec, folder) for spec in self.report.charts]
        count = len(paths)
        text = self.live.show(
            self.summary, lambda: tr("console.reports.saved", count=count, folder=folder)
        )
        self.ctx.log.append(text)
        return paths


def _policy_in_force(ctx: ConsoleContext) -> Policy | None:
    """The installed policy, whose labels name the team's compensation types."""
    try:
        keys, _notes = load_public_keys(ctx.keys_dir)
        return read_signed_policy(ctx.policy_path, keys).policy
    except (PekaError, OSError):
        return None
