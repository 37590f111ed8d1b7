"""The supervisor console's main window: Policy, Phrases, Approvals and Reports.

The console speaks the interface language (Indonesian by default): View → Language or
Ctrl+L switches it at run time and every screen retranslates. Opened from the sidebar,
it shares the sidebar's translator, so both windows always speak the same language.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QWidget

from assist.errors import PekaError
from ui.console.approvals_screen import ApprovalsScreen
from ui.console.context import ConsoleContext
from ui.console.phrases_screen import PhrasesScreen
from ui.console.policy_screen import PolicyScreen
from ui.console.reports_screen import ReportsScreen
from ui.console.team_queue import TeamQueueScreen
from ui.console.text import LiveText
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, tr, translator
from ui.plain import plain_label

LANGUAGE_SHORTCUT = "Ctrl+L"


class ConsoleWindow(QMainWindow):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.translator = translator()
        if ctx.language in LANGUAGES and ctx.language != self.translator.language:
            self.translator.set_language(ctx.language)
        self.setObjectName("consoleWindow")
        self.live = LiveText()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("consoleTabs")
        self.policy = PolicyScreen(ctx, self)
        self.phrases = PhrasesScreen(ctx, self)
        self.approvals = ApprovalsScreen(ctx, self)
        self.reports = ReportsScreen(ctx, self)
        for screen in (self.policy, self.phrases, self.approvals, self.reports):
            self.tabs.addTab(screen, "")
        self.team_queue = self._team_queue(ctx)
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.resize(1280, 820)
        self.phrases.saved.connect(lambda text: self.statusBar().showMessage(text))
        self.approvals.decided.connect(
            lambda _code: self.statusBar().showMessage(tr("console.status.code_ready"))
        )
        self.tabs.currentChanged.connect(self._tab_changed)
        self.signing = plain_label("", self, name="consoleSigning")
        self.signing.setWordWrap(False)
        self.statusBar().addPermanentWidget(self.signing)
        supervisor, path = ctx.supervisor, ctx.policy_path
        self.live.show(
            self.signing, lambda: tr("console.status.signing", supervisor=supervisor, path=path)
        )
        self.translator.language_changed.connect(self.retranslate)
        self.retranslate()

    def _team_queue(self, ctx: ConsoleContext) -> TeamQueueScreen | None:
        """Team mode: the live approval queue, as the supervisor the server knows."""
        if not ctx.team_server:
            return None
        from assist.team.client import TeamClient
        from assist.team.credentials import load

        try:
            client = TeamClient(ctx.team_server, load())
        except PekaError as exc:
            self.statusBar().showMessage(str(exc))
            return None
        screen = TeamQueueScreen(ctx, client, self)
        self.tabs.insertTab(self.tabs.indexOf(self.approvals), screen, "")
        return screen

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.team_queue is not None:
            self.team_queue.close_watcher()
        super().closeEvent(event)

    def _build_menus(self) -> None:
        self.menu_console = QMenu(self)
        self.close_action = QAction(self)
        self.close_action.setShortcut(QKeySequence.Close)
        self.close_action.triggered.connect(self.close)
        self.menu_console.addAction(self.close_action)
        self.menu_view = QMenu(self)
        self.menu_language = QMenu(self)
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], group)
            action.setCheckable(True)
            action.triggered.connect(
                lambda _checked=False, lang=code: self.translator.set_language(lang)
            )
            self.menu_language.addAction(action)
            self.language_actions[code] = action
        self.toggle_language_action = QAction(self)
        self.toggle_language_action.setShortcut(QKeySequence(LANGUAGE_SHORTCUT))
        self.toggle_language_action.triggered.connect(self.translator.toggle)
        self.menu_language.addSeparator()
        self.menu_language.addAction(self.toggle_language_action)
        self.menu_view.addMenu(self.menu_language)
        self.menuBar().addMenu(self.menu_console)
        self.menuBar().addMenu(self.menu_view)

    def retranslate(self, _language: str | None = None) -> None:
        title = tr("console.window.title", supervisor=self.ctx.supervisor)
        if self.ctx.demo:
            title = tr("console.window.demo", title=title)
        self.setWindowTitle(title)
        for screen, key in (
            (self.policy, "policy"),
            (self.phrases, "phrases"),
            (self.approvals, "approvals"),
            (self.reports, "reports"),
            (self.team_queue, "team_queue"),
        ):
            if screen is not None:
                self.tabs.setTabText(self.tabs.indexOf(screen), tr(f"console.tab.{key}"))
        if self.team_queue is not None:
            self.team_queue.retranslate()
        self.tabs.setAccessibleName(tr("console.tabs"))
        self.menu_console.setTitle(tr("console.menu.console"))
        self.close_action.setText(tr("console.action.close"))
        self.menu_view.setTitle(tr("console.menu.view"))
        self.menu_language.setTitle(tr("console.menu.language"))
        self.toggle_language_action.setText(tr("console.action.language"))
        for code, action in self.language_actions.items():
            action.setChecked(code == self.translator.language)
        for screen in (self.policy, self.phrases, self.approvals, self.reports):
            screen.retranslate()
        self.live.refresh()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.reports and self.reports.report is None:
            self.reports.refresh()
