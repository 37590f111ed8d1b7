"""The sidebar window: search, customer, transactions, message, reply, compensation, status.

The window only arranges panels, owns the keyboard shortcuts and routes the controller's
signals to the panels. Work happens in the controller's background lanes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assist.app.follow import ConversationContext, FollowView
from assist.app.open_request import context_from_request
from assist.app.settings import AppSettings
from assist.app.views import (
    ApprovalView,
    CacheView,
    CustomerView,
    GrantView,
    MessageView,
    PolicyView,
    UpdateView,
)
from assist.cache.errors import E290
from assist.errors import PekaError
from ui import i18n, theme
from ui.compensation_panel import CompensationPanel
from ui.context_bar import ContextBar
from ui.controller import SidebarController
from ui.customer_panel import CustomerCard, TransactionsPanel
from ui.demo import demo_search_examples
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, tr
from ui.message_panel import MessagePanel
from ui.outcome_dialog import OUTCOMES, choose_outcome
from ui.placement import Placement, load_placement, place, remember, save_placement
from ui.plain import plain_message_box
from ui.reply_panel import ReplyPanel
from ui.search_panel import SearchPanel
from ui.status_panel import StatusPanel
from ui.team_banner import TeamBanner
from ui.widgets import Section

# Shortcuts, also listed in docs/sidebar.md and the help dialog.
SHORTCUTS: dict[str, str] = {
    "search": "Ctrl+K",
    "message": "Ctrl+M",
    "reply": "Ctrl+R",
    "copy": "Ctrl+Return",
    "next": "Ctrl+N",
    "language": "Ctrl+L",
    "problems": "Ctrl+Shift+P",
    "compensation": "Ctrl+G",
    "refresh": "F5",
    "help": "F1",
    "quit": "Ctrl+Q",
}
# Only on a supervisor's computer (see open_console); not in SHORTCUTS so that agents'
# help lists never mention it.
CONSOLE_SHORTCUT = "Ctrl+Shift+S"
# Moving or resizing saves the place this long after the last move (a drag is many moves).
PLACE_SAVE_DELAY_MS = 600
LOCKED_RETRY_MS = 15_000  # a locked cache (E290) is tried again on its own: imports end


class SidebarWindow(QMainWindow):
    first_painted = Signal(float)  # perf_counter() of the first paint

    def __init__(
        self,
        settings: AppSettings,
        controller: SidebarController | None = None,
        *,
        remember_place: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.controller = controller or SidebarController(settings, parent=self)
        self.translator = i18n.translator()
        self.first_paint_at: float | None = None
        self.remember_place = remember_place
        self.placement: Placement = load_placement() if remember_place else Placement()
        self.dock = settings.dock
        # Seam: tests answer the outcome question without a modal dialog.
        self.choose_outcome: Callable[[QWidget], str | None] = choose_outcome
        self.setObjectName("pekaSidebar")
        self.setMinimumWidth(320)
        # The supervisor's signing key, when this computer's keyring holds one.
        self.supervisor_key: Any = None
        self.console: QMainWindow | None = None
        self._place_timer = QTimer(self)
        self._place_timer.setSingleShot(True)
        self._place_timer.setInterval(PLACE_SAVE_DELAY_MS)
        self._place_timer.timeout.connect(self.save_place)
        self._place_seq = 0
        self._locked_retry = QTimer(self)
        self._locked_retry.setSingleShot(True)
        self._locked_retry.setInterval(LOCKED_RETRY_MS)
        # Held while checking the sequence and writing: without it a worker that checked
        # before the close's write could still write its older place after it.
        self._place_lock = threading.Lock()

        self.search = SearchPanel(self.controller, self)
        self.context_bar = ContextBar(self)
        self._copied = ""  # what the sidebar itself put on the clipboard
        self._requests: list[dict[str, Any]] = []  # open requests before the first paint
        self.api_server: Any = None  # the local API, when the sidebar serves it
        self.card = CustomerCard(self)
        if settings.demo:
            self.card.demo_examples = demo_search_examples()
        self.transactions = TransactionsPanel(self)
        self.message = MessagePanel(self)
        self.reply = ReplyPanel(settings.suggest_delay_ms, self)
        self.compensation = CompensationPanel(self)
        self.status = StatusPanel(settings.agent_display, self, name=settings.agent_name)
        self.team_banner = TeamBanner(self)  # team mode: the server cannot be reached
        self.sections = {
            "customer": Section(self.card, self),
            "transactions": Section(self.transactions, self),
            "message": Section(self.message, self),
            "reply": Section(self.reply, self),
            "compensation": Section(self.compensation, self),
        }
        body = QWidget(self)
        # When the suggestions grow or shrink, the panels above them stay where they are:
        # repaint only what moved or became visible, not the transaction table (3–4 ms).
        body.setAttribute(Qt.WA_StaticContents)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(6, 0, 6, 6)
        body_layout.setSpacing(2)
        for section in self.sections.values():
            body_layout.addWidget(section)
        body_layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QScrollArea.NoFrame)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.team_banner)
        layout.addWidget(self.context_bar)
        layout.addWidget(self.search)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        # The scroll area follows keyboard focus so Tab never lands on a hidden widget.
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]

        self._build_actions()
        self._build_menus()
        self._connect()
        self.translator.language_changed.connect(self.retranslate)
        self.translator.language_changed.connect(self.controller.set_language)
        self.retranslate()
        self.set_always_on_top(settings.always_on_top, save=False)

    # -- construction -------------------------------------------------------------------
    def _action(self, key: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(self)
        action.setObjectName(f"action_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions_by_key[key] = action
        return action

    def _build_actions(self) -> None:
        self.actions_by_key: dict[str, QAction] = {}
        self._action("search", self.search.focus, SHORTCUTS["search"])
        self.actions_by_key["search"].setShortcuts(
            [QKeySequence(SHORTCUTS["search"]), QKeySequence("Ctrl+F")]
        )
        self._action("message", self.focus_message, SHORTCUTS["message"])
        self._action("reply", self.focus_reply, SHORTCUTS["reply"])
        self._action("copy", self.copy_reply, SHORTCUTS["copy"])
        self.actions_by_key["copy"].setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        )
        self._action("next", self.next_customer, SHORTCUTS["next"])
        self._action("language", self.translator.toggle, SHORTCUTS["language"])
        self._action("problems", self._toggle_problems, SHORTCUTS["problems"])
        self._action("compensation", self.focus_compensation, SHORTCUTS["compensation"])
        self._action("refresh", self.reply.refresh_now, SHORTCUTS["refresh"])
        self._action("help", self.show_shortcuts, SHORTCUTS["help"])
        self._action("quit", self.close, SHORTCUTS["quit"])
        console = self._action("console", self.open_console, CONSOLE_SHORTCUT)
        console.setVisible(False)
        console.setEnabled(False)
        for n in range(1, 10):
            self._action(f"insert_{n}", lambda n=n: self.reply.insert_suggestion(n), f"Ctrl+{n}")
            self._action(f"rewrite_{n}", lambda n=n: self.reply.apply_finding(n), f"Alt+{n}")
            self._action(
                f"compensate_{n}",
                lambda n=n: self.compensation.choose_number(n),
                f"Alt+Shift+{n}",
            )
        self.on_top_action = QAction(self)
        self.on_top_action.setCheckable(True)
        self.on_top_action.toggled.connect(lambda on: self.set_always_on_top(on))
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for language in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[language], self.language_group)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, lang=language: self._set_language(lang))
            self.language_actions[language] = action
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in theme.THEMES:
            action = QAction(self.theme_group)
            action.setCheckable(True)
            action.setChecked(name == self.settings.theme)
            action.triggered.connect(lambda _c=False, t=name: self.set_theme(t))
            self.theme_actions[name] = action
        self.dock_group = QActionGroup(self)
        self.dock_actions: dict[str, QAction] = {}
        for name in ("left", "right", "none"):
            action = QAction(self.dock_group)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, d=name: self.set_dock(d))
            self.dock_actions[name] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_peka = QMenu(self)
        for key in ("search", "message", "reply", "copy", "next", "refresh"):
            self.menu_peka.addAction(self.actions_by_key[key])
        self.menu_peka.addSeparator()
        self.menu_peka.addAction(self.actions_by_key["console"])
        self.menu_peka.addAction(self.actions_by_key["quit"])
        self.menu_view = QMenu(self)
        self.menu_language = QMenu(self)
        for action in self.language_actions.values():
            self.menu_language.addAction(action)
        self.menu_language.addAction(self.actions_by_key["language"])
        self.menu_theme = QMenu(self)
        for action in self.theme_actions.values():
            self.menu_theme.addAction(action)
        self.menu_dock = QMenu(self)
        for action in self.dock_actions.values():
            self.menu_dock.addAction(action)
        self.menu_view.addMenu(self.menu_language)
        self.menu_view.addMenu(self.menu_theme)
        self.menu_view.addMenu(self.menu_dock)
        self.menu_view.addAction(self.on_top_action)
        self.menu_view.addAction(self.actions_by_key["problems"])
        self.menu_help = QMenu(self)
        self.menu_help.addAction(self.actions_by_key["help"])
        for menu in (self.menu_peka, self.menu_view, self.menu_help):
            bar.addMenu(menu)

    def _connect(self) -> None:
        c = self.controller
        self.search.open_requested.connect(self.open_customer)
        c.customer_opened.connect(self._customer_opened)
        c.cache_opened.connect(self._cache_opened)
        c.cache_failed.connect(self._cache_failed)
        self.status.cache_retry.clicked.connect(self._retry_cache)
        self._locked_retry.timeout.connect(c.retry_cache)  # the line stays as it is meanwhile
        c.sync_changed.connect(lambda view: self.status.set_sync(view))
        c.sync_busy.connect(self._sync_busy)
        c.sync_progress.connect(lambda result: self.status.set_sync_progress(result.rows))
        self.status.sync_button.clicked.connect(c.sync_now)
        c.policy_changed.connect(self._policy_changed)
        c.team_changed.connect(self.team_banner.show_state)
        c.engine_ready.connect(self._engine_ready)
        c.engine_failed.connect(self._engine_failed)
        c.message_analysed.connect(self._message_analysed)
        c.updated.connect(self._updated)
        c.granted.connect(self._granted)
        c.approval_requested.connect(self._approval_requested)
        c.session_ended.connect(self._session_ended)
        c.error.connect(self.show_error)
        c.supervisor_key_found.connect(self._supervisor_key_found)
        c.info.connect(lambda text: self.status.show_message(text))
        c.followed.connect(self._followed)
        c.draft_followed.connect(self._draft_followed)
        self.context_bar.clipboard_toggled.connect(self._follow_clipboard)
        self.message.message_changed.connect(self._message_changed)
        self.reply.request_update = c.request_update
        self.reply.suggestion_inserted.connect(c.mark_inserted)
        self.compensation.grant_requested.connect(c.grant)
        self.compensation.approval_requested.connect(c.request_approval)
        self.compensation.code_entered.connect(c.accept_approval)

    # -- text -----------------------------------------------------------------------------
    def retranslate(self, _language: str | None = None) -> None:
        self.setWindowTitle(tr("app.title"))
        self.team_banner.retranslate()
        titles = {
            "customer": tr("section.customer"),
            "transactions": tr("section.transactions"),
            "message": tr("section.message"),
            "reply": tr("section.reply"),
            "compensation": tr("section.compensation"),
        }
        for key, section in self.sections.items():
            section.set_title(titles[key])
        for key, action in self.actions_by_key.items():
            base = key.split("_")[0]
            if base in ("insert", "rewrite", "compensate"):
                n = key.split("_")[1]
                action.setText(tr(f"action.{base}", n=n))
            else:
                action.setText(tr(f"action.{key}"))
        self.menu_peka.setTitle(tr("menu.peka"))
        self.menu_view.setTitle(tr("menu.view"))
        self.menu_help.setTitle(tr("menu.help"))
        self.menu_language.setTitle(tr("menu.language"))
        self.menu_theme.setTitle(tr("menu.theme"))
        self.menu_dock.setTitle(tr("menu.dock"))
        for name, action in self.theme_actions.items():
            action.setText(tr(f"theme.{name}"))
        for name, action in self.dock_actions.items():
            action.setText(tr(f"dock.{name}"))
            action.setChecked(name == self.dock)
        for language, action in self.language_actions.items():
            action.setChecked(language == self.translator.language)
        self.on_top_action.setText(tr("action.on_top"))
        for panel in (
            self.context_bar,
            self.search,
            self.card,
            self.transactions,
            self.message,
            self.reply,
            self.compensation,
            self.status,
        ):
            panel.retranslate()
        self.setAccessibleName(tr("app.title"))
        self.scroll.setAccessibleName(tr("app.panels"))

    def _set_language(self, language: str) -> None:
        self.translator.set_language(language)

    # -- first paint and start-up ----------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Paint and self.first_paint_at is None:
            self._painted()
        return super().event(event)

    def _painted(self) -> None:
        self.first_paint_at = time.perf_counter()
        self.first_painted.emit(self.first_paint_at)
        # The engine loads only after the window is on screen. With a context object the
        # calls are dropped if the window is gone by then (closed straight after opening).
        QTimer.singleShot(0, self.controller, self.controller.start)
        QTimer.singleShot(0, self, self._prewarm)
        # After start(): the cache opens first on the core lane, then the requests run.
        QTimer.singleShot(0, self, self._flush_requests)

    def _prewarm(self) -> None:
        """Pay for the first show of every pooled or hidden widget now, while the engine
        loads, instead of while the agent types: a widget's first show polishes it and
        activates layouts, 1 ms or more each, and an update shows dozens at once."""
        self.reply.prewarm()
        self.compensation.prewarm()
        central = self.centralWidget()
        hidden = [w for w in central.findChildren(QWidget) if w.isHidden() and not w.isWindow()]
        self.setUpdatesEnabled(False)
        try:
            for widget in hidden:
                widget.setVisible(True)
            for widget in reversed(hidden):
                widget.setVisible(False)
        finally:
            self.setUpdatesEnabled(True)

    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        if not getattr(self, "_placed", False):
            self._placed = True
            if self.remember_place:
                self.dock = place(self, self.placement, self.settings.dock)
            for name, action in self.dock_actions.items():
                action.setChecked(name == self.dock)
            # Offscreen platforms never send a paint event for an unexposed window.
            QTimer.singleShot(50, self, self._ensure_started)

    def _ensure_started(self) -> None:
        if self.first_paint_at is None:
            self.repaint()
            if self.first_paint_at is None:
                self._painted()

    # -- routing ----------------------------------------------------------------------------
    def open_customer(self, customer_id: str) -> None:
        self.status.show_message(tr("status.opening"))
        self.context_bar.show_context(None)
        self.controller.open_customer(customer_id)

    def _followed(self, view: FollowView) -> None:
        """The helpdesk moved on (extension, peka open, dashboard app, clipboard)."""
        self.context_bar.show_context(view.context)
        if view.switched or view.customer is not None:
            if view.customer is not None:
                self._customer_opened(view.customer)
            else:
                self._session_ended("")
            if view.switched:
                self.status.show_message(tr("status.followed_switch"))
        if view.message is not None:
            self.message.edit.blockSignals(True)
            self.message.edit.setPlainText(view.message.analysis.text)
            self.message.edit.blockSignals(False)
            self.message._seen_text = view.message.analysis.text
            self._message_analysed(view.message, refresh=False)
        if view.update is not None:
            self._draft_followed(view.update)
        if view.pending_message:
            self.message.set_text(view.pending_message)  # analysed once the engine is ready
        # The extension follows silently and never takes the focus from the helpdesk the
        # agent types in; peka open (a link, a CTI pop) raised the window when it asked.

    def handle_request(self, request: dict[str, Any]) -> None:
        """A request from ``peka open``, a peka:// link or a second ``peka-sidebar``."""
        if self.first_paint_at is None:
            self._requests.append(request)
            return
        if request.get("action") == "open":
            try:
                ctx = context_from_request(request.get("context"))
            except PekaError as exc:
                self.show_error(str(exc))
            else:
                self.controller.follow(ctx)
        self.bring_to_front()

    def _flush_requests(self) -> None:
        requests, self._requests = self._requests, []
        for request in requests:
            self.handle_request(request)

    def _draft_followed(self, view: UpdateView) -> None:
        self.reply.mirror_draft(view.draft)
        self._updated(view, 0.0)

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _follow_clipboard(self, on: bool) -> None:
        clipboard = QGuiApplication.clipboard()
        if on:
            clipboard.dataChanged.connect(self._clipboard_changed)
        else:
            clipboard.dataChanged.disconnect(self._clipboard_changed)

    def _clipboard_changed(self) -> None:
        text = QGuiApplication.clipboard().text().strip()
        # The sidebar's own copy (the reply) is not a customer's message.
        if not text or text == self._copied.strip() or len(text) > 5000:
            return
        self.controller.follow(ConversationContext(source="clipboard", message=text))

    def _customer_opened(self, view: CustomerView) -> None:
        self.status.message.setVisible(False)
        self.card.show_customer(view)
        self.transactions.set_transactions(view.record.transactions)
        self.message.clear()
        self.reply.clear()
        self.compensation.reset()
        self.compensation.show_options([], has_case=True)
        for section in self.sections.values():
            section.expand()
        self.scroll.verticalScrollBar().setValue(0)
        self.message.focus()

    def _message_changed(self, text: str) -> None:
        # Without customer data there is nobody to open: the message is read all the same.
        if self.controller.customer is None and self.status.cache_problem is None:
            self.message.set_waiting(False)
            self.status.show_message(tr("status.open_customer_first"), error=True)
            return
        self.controller.analyse_message(text)

    def _message_analysed(self, view: MessageView, *, refresh: bool = True) -> None:
        self.message.show_analysis(view)
        self.transactions.set_mentioned(view.analysis.order_refs())
        if refresh:
            # The draft's advice depends on the message: refresh it.
            self.controller.request_update(self.reply.text())

    def _updated(self, view: UpdateView, elapsed: float) -> None:
        self.reply.on_updated(view, elapsed)
        if self.controller.customer is not None:
            self.compensation.show_options(
                view.compensation,
                has_case=True,
                error=view.compensation_error,
                compensated=view.compensated,
            )

    def _policy_changed(self, policy: PolicyView) -> None:
        self.status.set_policy(policy)
        self.compensation.show_policy(policy)

    def _engine_ready(self) -> None:
        self.status.set_engine("ready")
        self.reply.set_engine_waiting(False)

    def _engine_failed(self, error: str) -> None:
        self.status.set_engine("failed", error)
        self.reply.set_engine_waiting(False)
        self.show_error(error)

    def _granted(self, view: GrantView) -> None:
        self.reply.insert_text(view.offer_sentence)
        self.compensation.code_accepted()
        self.compensation.show_notice(tr("comp.granted", label=view.option.label))
        self.status.show_message(tr("comp.granted", label=view.option.label))

    def _approval_requested(self, view: ApprovalView) -> None:
        self.compensation.show_request(view)

    def _cache_opened(self, view: CacheView) -> None:
        self._locked_retry.stop()
        self.status.set_cache(view)
        self.card.set_data_missing(False)
        self.search.set_unavailable(False)

    def _cache_failed(self, error: PekaError) -> None:
        """No customer data: the cache line says why for good; the message, the reply
        and the coach work on without a customer."""
        self.status.set_cache_failed(error)
        self.card.set_data_missing(True)
        self.search.set_unavailable(True)
        if error.code == E290:
            self._locked_retry.start()
        else:
            self._locked_retry.stop()

    def _retry_cache(self) -> None:
        self.status.set_cache(None)  # "Opening customer data…" again
        self.controller.retry_cache()

    def _sync_busy(self, busy: bool) -> None:
        self.status.set_sync(self.status.sync, busy)
        if busy and self.status.cache is None:
            self.status.show_message(tr("status.first_sync"), sticky=True)
        elif not busy and self.status.message.text() == tr("status.first_sync"):
            self.status.message.setVisible(False)

    def show_error(self, text: str) -> None:
        self.status.show_message(text, error=True, sticky=True)

    # -- actions ------------------------------------------------------------------------------
    def focus_message(self) -> None:
        self.sections["message"].expand()
        self.message.focus()

    def focus_reply(self) -> None:
        self.sections["reply"].expand()
        self.reply.focus()

    def focus_compensation(self) -> None:
        self.sections["compensation"].expand()
        self.scroll.ensureWidgetVisible(self.compensation)
        target = self.compensation.reason if self.compensation.options else self.compensation.code
        target.setFocus(Qt.ShortcutFocusReason)

    def _toggle_problems(self) -> None:
        box = self.transactions.problems
        box.setChecked(not box.isChecked())

    def copy_reply(self) -> None:
        text = self.reply.text().strip()
        if not text:
            self.status.show_message(tr("status.nothing_to_copy"), error=True)
            return
        self._copied = text
        QGuiApplication.clipboard().setText(text)
        self.status.show_message(tr("status.copied"))
        # What the agent copies is what they send: the outcome's checklist is this reply's.
        self.controller.reply_sent(self.reply.text())

    def next_customer(self) -> None:
        busy = self.controller.customer is not None or self.reply.text() or self.message.text()
        if busy:
            outcome = self.choose_outcome(self)
            if outcome is None:
                return
            assert outcome in OUTCOMES
            self.controller.end_conversation(outcome)
        else:
            self._session_ended("")

    def _session_ended(self, outcome: str) -> None:
        self.card.show_customer(None)
        self.transactions.set_transactions([])
        self.message.clear()
        self.reply.clear()
        self.compensation.reset()
        self.search.clear()
        self.search.focus()
        self.scroll.verticalScrollBar().setValue(0)
        self.transactions.table.horizontalScrollBar().setValue(0)
        if outcome:
            self.status.show_message(tr("status.ended", outcome=tr(f"outcome.{outcome}")))

    def _supervisor_key_found(self, key: object) -> None:
        self.supervisor_key = key
        action = self.actions_by_key["console"]
        action.setVisible(True)
        action.setEnabled(True)

    def open_console(self) -> None:
        """The supervisor console, signing with the key found in this computer's keyring."""
        if self.supervisor_key is None:
            return  # agents: the entry is hidden and its shortcut off
        if self.console is not None:
            self.console.show()
            self.console.raise_()
            self.console.activateWindow()
            return
        from ui.console.context import ConsoleContext
        from ui.console.window import ConsoleWindow

        s = self.settings
        folder = s.ledger_path.parent
        ctx = ConsoleContext(
            key=self.supervisor_key,
            policy_path=s.policy_path,
            keys_dir=s.keys_dir,
            ledger_path=s.ledger_path,
            phrases_path=s.phrases_path or folder / "phrases.sqlite",
            team_path=s.team_path or folder / "team.sqlite",
            outcomes_path=s.outcomes_path or folder / "outcomes.sqlite",
            language=self.translator.language,
            demo=s.demo,
            team_server=s.team_server,
        )
        self.console = ConsoleWindow(ctx)
        self.console.setAttribute(Qt.WA_DeleteOnClose, False)
        self.console.show()

    def show_shortcuts(self) -> None:
        lines = [f"{keys}\t{tr(f'action.{key}')}" for key, keys in SHORTCUTS.items()]
        if self.supervisor_key is not None:
            lines.append(f"{CONSOLE_SHORTCUT}\t{tr('action.console')}")
        lines += [
            f"Ctrl+1…9\t{tr('action.insert', n='1…9')}",
            f"Alt+1…9\t{tr('action.rewrite', n='1…9')}",
            f"Alt+Shift+1…9\t{tr('action.compensate', n='1…9')}",
            f"↑ ↓ Enter\t{tr('help.search_keys')}",
        ]
        box = plain_message_box(self, tr("action.help"), "\n".join(lines))
        box.setStandardButtons(QMessageBox.Ok)
        box.open()
        self._help_box = box

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply_theme(app, name)
        for key, action in self.theme_actions.items():
            action.setChecked(key == name)
        self.message.highlighter.rehighlight()
        self.reply.findings_highlighter.rehighlight()
        self.transactions.model.retranslate()

    def set_dock(self, dock: str) -> None:
        self.placement.dock = dock
        self.dock = place(self, self.placement, dock)
        self.save_place()

    def save_place(self) -> None:
        """Remember where the window is, written by a worker (the GUI never waits on disk)."""
        self._place_timer.stop()
        if not self.remember_place:
            return
        snapshot = replace(remember(self, self.placement, self.dock))
        self._place_seq += 1
        seq = self._place_seq

        def write() -> None:
            with self._place_lock:
                if seq == self._place_seq:  # a newer save (or the close) supersedes this one
                    save_placement(snapshot)

        self.controller.ops.submit(write, lambda _: None, lambda _exc: None, lane="settings")

    def _place_changed(self) -> None:
        if self.remember_place and getattr(self, "_placed", False):
            self._place_timer.start()

    def moveEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().moveEvent(event)  # type: ignore[arg-type]
        self._place_changed()

    def resizeEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._place_changed()

    def set_always_on_top(self, on: bool, *, save: bool = True) -> None:
        self.on_top_action.blockSignals(True)
        self.on_top_action.setChecked(on)
        self.on_top_action.blockSignals(False)
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowStaysOnTopHint, on)
        if visible:
            self.show()

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self.reply.edit:
            self.show_reply_with_suggestions()
        elif new is not None and self.scroll.widget().isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 20, 20)

    def show_reply_with_suggestions(self) -> None:
        """Writing the reply, the agent sees it and the suggestions under it together: the
        reply section goes to the top of the view (at any height from 700 px), unless it
        and the first suggestions are in view already."""
        body = self.scroll.widget()
        section = self.sections["reply"]
        top = section.mapTo(body, QPoint(0, 0)).y()
        bar = self.scroll.verticalScrollBar()
        wanted = min(top + self.reply.suggestion_list.y() + 160, top + section.height())
        if bar.value() <= top and wanted <= bar.value() + self.scroll.viewport().height():
            return
        bar.setValue(min(bar.maximum(), top))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._place_timer.stop()
        with self._place_lock:
            self._place_seq += 1
            if self.remember_place:
                # On the GUI thread on purpose: the worker lanes stop with the window.
                save_placement(remember(self, self.placement, self.dock))
        self.controller.shutdown()
        super().closeEvent(event)
