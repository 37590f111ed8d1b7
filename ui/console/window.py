"""The supervisor console's main window: Policy, Phrases, Approvals and Reports."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from ui.console.approvals_screen import ApprovalsScreen
from ui.console.context import ConsoleContext
from ui.console.phrases_screen import PhrasesScreen
from ui.console.policy_screen import PolicyScreen
from ui.console.reports_screen import ReportsScreen


class ConsoleWindow(QMainWindow):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("consoleWindow")
        demo = " – demo" if ctx.demo else ""
        self.setWindowTitle(f"Peka supervisor console ({ctx.supervisor}){demo}")
        self.tabs = QTabWidget(self)
        self.policy = PolicyScreen(ctx, self)
        self.phrases = PhrasesScreen(ctx, self)
        self.approvals = ApprovalsScreen(ctx, self)
        self.reports = ReportsScreen(ctx, self)
        self.tabs.addTab(self.policy, "Authority policy")
        self.tabs.addTab(self.phrases, "Phrase library")
        self.tabs.addTab(self.approvals, "Approval codes")
        self.tabs.addTab(self.reports, "Reports")
        self.setCentralWidget(self.tabs)
        self.resize(1280, 820)
        self.statusBar().showMessage(
            f"Signing as {ctx.supervisor}. Policy in force: {ctx.policy_path}"
        )
        self.phrases.saved.connect(self.statusBar().showMessage)
        self.approvals.decided.connect(lambda _code: self.statusBar().showMessage("Code ready."))
        self.tabs.currentChanged.connect(self._tab_changed)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.reports and self.reports.report is None:
            self.reports.refresh()
