"""The sidebar's controller: widgets ask it for work, it runs the work off the GUI thread.

Every call into the core goes through :func:`ui.ops.run_in_background`. The cache, the
session and the ledger share the ``core`` lane (one thread, in order); loading the
language engine has a lane of its own so the agent can search while spaCy loads.
Results come back as Qt signals the panels are connected to.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from assist.app.core import AgentCore
from assist.app.follow import ConversationContext, FollowView
from assist.app.settings import AppSettings
from assist.app.views import (
    ApprovalView,
    CustomerView,
    GrantView,
    MessageView,
    PolicyView,
    SyncView,
    UpdateView,
)
from assist.authority.models import CompensationOption
from assist.cache.models import SearchHit
from assist.errors import PekaError
from ui.bridge import EventBridge
from ui.ops import BackgroundRunner, error_text, runner

T = TypeVar("T")
ENGINE_LANE = "engine"
CORE_LANE = "core"
TEAM_LANE = "team"  # waits for supervisors' decisions (team mode), never blocks the core
KEYRING_LANE = "keyring"
RECONNECT_LANE = "team-reconnect"  # team mode: retries the server, replays the outbox
TEAM_RETRY_MS = 10_000  # how often the sidebar tries the team server again while offline
TEAM_CHECK_MS = 60_000  # …and checks that it still answers while online
SYNC_LANE = "sync"  # syncs take seconds to minutes: never in the way of the core lane
CACHE_OPEN_CODES = ("E201", "E203", "E290", "E292")  # said on the cache line (assist.cache)


class SidebarController(QObject):
    cache_opened = Signal(object)  # CacheView
    cache_failed = Signal(object)  # PekaError: why the customer data could not be opened
    search_done = Signal(str, list)  # query, [SearchHit]
    customer_opened = Signal(object)  # CustomerView
    engine_loading = Signal()
    engine_ready = Signal()
    engine_failed = Signal(str)
    message_analysed = Signal(object)  # MessageView
    updated = Signal(object, float)  # UpdateView, seconds since the request was made
    policy_changed = Signal(object)  # PolicyView
    granted = Signal(object)  # GrantView
    approval_requested = Signal(object)  # ApprovalView
    session_ended = Signal(str)  # outcome
    supervisor_key_found = Signal(object)  # SigningKey: this computer is a supervisor's
    sync_changed = Signal(object)  # SyncView: each source's last success or error
    sync_busy = Signal(bool)  # a sync is running
    sync_progress = Signal(object)  # RunResult: a source's running totals during a sync
    team_changed = Signal(object)  # TeamState: the team server went away / came back
    followed = Signal(object)  # FollowView: the helpdesk (extension, peka open…) moved on
    draft_followed = Signal(object)  # UpdateView for the draft typed in the helpdesk
    error = Signal(str)  # coded message for the status line
    info = Signal(str)  # a short notice for the status line

    def __init__(
        self,
        settings: AppSettings,
        core: AgentCore | None = None,
        ops: BackgroundRunner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.core = core or AgentCore(settings)
        self.ops = ops or runner()
        self.ops.error_reported.connect(self.error)
        self.bridge = EventBridge(self)
        # The core's own events (not one session's): connected for the controller's life.
        self.core_bridge = EventBridge(self)
        self.core_bridge.connect_event(self.core.followed, self._followed)
        self.core_bridge.connect_event(self.core.draft_followed, self._draft_followed)
        self.core_bridge.connect_event(self.core.session_replaced, self._watch_session)
        self.core_bridge.connect_event(self.core.team_changed, self._team_changed)
        self.team: Any = None  # the last TeamState (team mode)
        self._reconnecting = False
        self._team_timer = QTimer(self)
        self.team_retry_ms = TEAM_RETRY_MS
        self.team_check_ms = TEAM_CHECK_MS
        self._team_timer.timeout.connect(self.reconnect_team)
        self.ready = False
        self.customer: CustomerView | None = None
        self.message: MessageView | None = None
        self.last_update: UpdateView | None = None
        self.policy: PolicyView | None = None
        self._pending_message: str | None = None
        self._pending_draft: tuple[str, float] | None = None
        self.supervisor_checked = False  # the keyring was asked (see supervisor_key_found)
        self.sync: SyncView | None = None
        self.syncing = False
        self._sync_timer = QTimer(self)
        self._sync_timer.timeout.connect(self.sync_now)

    # -- start-up ---------------------------------------------------------------------------
    def start(self) -> None:
        """Open the cache and the policy, then load the language engine (all in background).

        With sync sources configured, the sync lane looks first: a workstation without a
        cache gets its customers before the cache opens (no "No customer cache" error)."""
        sources = self.settings.sync_sources_file
        if sources is not None and sources.is_file() and not self.settings.cache_path.exists():
            self.syncing = True  # a fresh workstation: the first sync fills the cache
            self.sync_busy.emit(True)
        self._submit(
            lambda: self.core.sync_startup(self.sync_progress.emit),
            self._sync_started,
            self._sync_start_failed,
            lane=SYNC_LANE,
        )
        self._submit(self.core.open_authority, self._policy_loaded, self._failed, lane=CORE_LANE)
        self.engine_loading.emit()
        self._submit(
            self.core.load_engine, self._engine_loaded, self._engine_failed, lane=ENGINE_LANE
        )
        # Keyring calls can block (a locked desktop keyring asks for a password): a lane
        # of their own, so neither the GUI nor the core lane waits for them.
        self._submit(
            self._find_supervisor_key,
            self._supervisor_key,
            lambda _exc: self._supervisor_key(None),  # a broken keyring: an agent's view
            lane=KEYRING_LANE,
        )

    def _find_supervisor_key(self) -> Any:
        """The signing key of a supervisor whose public key is installed here, when its
        private half is in this computer's keyring (then the console may open); else None."""
        from ui.console.access import find_supervisor_key

        try:
            return find_supervisor_key(self.settings.keys_dir)
        except PekaError:
            return None  # an agent's computer: no console

    def _supervisor_key(self, key: Any) -> None:
        self.supervisor_checked = True
        if key is not None:
            self.supervisor_key_found.emit(key)

    def _submit(
        self,
        op: Callable[[], T],
        success: Callable[[T], None],
        failure: Callable[[Exception], None] | None = None,
        *,
        key: str | None = None,
        lane: str = CORE_LANE,
    ) -> None:
        # parent=self: a result that arrives after the window closed is dropped.
        self.ops.submit(op, success, failure, key=key, lane=lane, parent=self)

    # -- cache synchronisation ------------------------------------------------------------
    def _open_cache(self) -> None:
        self._submit(
            self.core.open_cache, self.cache_opened.emit, self._cache_failed, lane=CORE_LANE
        )

    def retry_cache(self) -> None:
        """Open the cache again (the agent's "Try again": the lock is gone, IT resynced)."""
        self._open_cache()

    def _cache_failed(self, exc: Exception) -> None:
        # The cache line says it for good; the rest of the sidebar works without customers.
        if isinstance(exc, PekaError):
            self.cache_failed.emit(exc)
        else:
            self._failed(exc)

    def _sync_started(self, view: SyncView) -> None:
        if self.syncing:
            self.syncing = False
            self.sync_busy.emit(False)
        self.sync = view
        self.sync_changed.emit(view)
        self._open_cache()
        if view.ran:
            self._report_sync(view)
        minutes = self.settings.sync_interval_minutes
        if view.configured and minutes > 0:
            self._sync_timer.start(minutes * 60_000)

    def _sync_start_failed(self, exc: Exception) -> None:
        if self.syncing:
            self.syncing = False
            self.sync_busy.emit(False)
        # E.g. a broken sources file: say so, and work on the cache as is. A cache that
        # cannot be opened is said on the cache line (next), not twice.
        if getattr(exc, "code", "") not in CACHE_OPEN_CODES:
            self._failed(exc)
        self._open_cache()

    def sync_now(self) -> None:
        """Sync every configured source in the background (the schedule and the button)."""
        if self.syncing:
            return
        self.syncing = True
        self.sync_busy.emit(True)
        # The sync itself runs in a child process (assist.sync.child): this lane only waits
        # on a pipe, so the GUI thread never waits for the sync's interpreter lock.
        # Progress is emitted from the lane; Qt queues it to the GUI thread.
        self._submit(
            lambda: self.core.run_sync(self.sync_progress.emit),
            self._synced,
            self._sync_failed,
            lane=SYNC_LANE,
        )

    def _synced(self, view: SyncView) -> None:
        self.syncing = False
        self.sync_busy.emit(False)
        self.sync = view
        self.sync_changed.emit(view)
        if self.core.cache is None:
            self._open_cache()  # the first sync created it
        elif view.changed_rows:
            self._submit(self.core.cache_view, self.cache_opened.emit, self._failed)
        self._report_sync(view)

    def _report_sync(self, view: SyncView) -> None:
        failed = [s for s in view.sources if s.ok is False and s.error]
        if failed:
            self.error.emit(failed[0].error or "")

    def _sync_failed(self, exc: Exception) -> None:
        self.syncing = False
        self.sync_busy.emit(False)
        self._failed(exc)

    def _policy_loaded(self, view: PolicyView) -> None:
        self.policy = view
        self.policy_changed.emit(view)
        if self.team is None:  # team mode: the state at start-up (later ones are events)
            self._submit(self.core.team_state, self._team_changed, self._failed)

    # -- team mode: the server's reachability and the offline outbox ---------------------
    def _team_changed(self, state: Any) -> None:
        if state is None:
            return
        self.team = state
        self.team_changed.emit(state)
        waiting = not state.online or state.pending
        self._team_timer.start(self.team_retry_ms if waiting else self.team_check_ms)
        if state.online and state.pending:  # back online through another call: replay
            self.reconnect_team()

    def reconnect_team(self) -> None:
        """Try the team server again and replay the outbox, off the GUI thread."""
        if self._reconnecting:
            return
        self._reconnecting = True
        self._submit(
            self.core.team_reconnect,
            self._team_reconnected,
            self._team_reconnect_failed,
            lane=RECONNECT_LANE,
        )

    def _team_reconnected(self, _report: Any) -> None:
        self._reconnecting = False  # the results arrive as team_changed

    def _team_reconnect_failed(self, exc: Exception) -> None:
        self._reconnecting = False
        self._failed(exc)

    def _engine_loaded(self, _: None) -> None:
        # The session uses the cache's record and the ledger: it lives on the core lane.
        self._submit(self.core.start_session, self._session_started, self._failed)

    def _session_started(self, _: None) -> None:
        # spaCy's pipelines are hundreds of thousands of long-lived objects; a full garbage
        # collection scanning them takes 30-60 ms and would freeze typing. Moving what
        # exists now to the permanent generation keeps later collections small.
        gc.freeze()
        self._watch_session(self.core.session)
        self.ready = True
        self.engine_ready.emit()
        if self.core.outcomes_error:
            self.error.emit(self.core.outcomes_error)
        if self._pending_message is not None:
            text, self._pending_message = self._pending_message, None
            self.analyse_message(text)
        if self._pending_draft is not None:
            draft, asked_at = self._pending_draft
            self._pending_draft = None
            self.request_update(draft, asked_at)

    def _engine_failed(self, exc: Exception) -> None:
        self.engine_failed.emit(error_text(exc))

    def _watch_session(self, session: Any) -> None:
        """Relay the session's Qt-free events (connected here, on the GUI thread)."""
        self.bridge.disconnect_all()
        for name in ("message_analysed", "updated", "ended", "suggestion_event"):
            event = getattr(session, name, None)
            if event is not None and hasattr(event, "connect"):
                self.bridge.connect_event(event)
        recorder = self.core.recorder
        if recorder is not None:
            # The recorder writes on the core lane; its failures reach the status line.
            self.bridge.connect_event(recorder.failed, self.error.emit)
            self.bridge.connect_event(recorder.recorded)

    def _failed(self, exc: Exception) -> None:
        self.error.emit(error_text(exc))

    # -- customers -----------------------------------------------------------------------
    def search(self, query: str) -> None:
        def done(hits: list[SearchHit]) -> None:
            self.search_done.emit(query, hits)

        self._submit(lambda: self.core.search(query), done, self._failed, key="search")

    def open_customer(self, customer_id: str) -> None:
        self.ops.supersede("draft")
        self._submit(
            lambda: self.core.choose_customer(customer_id),
            self._customer_opened,
            self._failed,
            key="customer",
        )

    def _followed(self, view: FollowView) -> None:
        """The conversation changed outside the sidebar (already done on the core)."""
        if view.switched or view.customer is not None:
            self.ops.supersede("draft")
            self.ops.supersede("message")
            self.last_update = None
            self.message = None
        if view.customer is not None:
            self.customer = view.customer
        elif view.switched:
            self.customer = None
        if view.message is not None:
            self.message = view.message
        if view.update is not None:
            self.last_update = view.update
        self.followed.emit(view)

    def _draft_followed(self, view: UpdateView) -> None:
        self.last_update = view
        self.draft_followed.emit(view)

    def follow(self, ctx: ConversationContext) -> None:
        """Follow ``ctx`` (``peka open``, the clipboard): the result arrives as ``followed``."""
        self._submit(lambda: self.core.follow(ctx), _ignore, self._failed, key="follow")

    def _customer_opened(self, view: CustomerView) -> None:
        self.customer = view
        self.message = None
        self.last_update = None
        self.customer_opened.emit(view)

    # -- the conversation ------------------------------------------------------------------
    def analyse_message(self, text: str) -> None:
        if not text.strip():
            return
        if not self.ready:
            self._pending_message = text
            return
        self._submit(
            lambda: self.core.analyse(text), self._message_done, self._failed, key="message"
        )

    def _message_done(self, view: MessageView) -> None:
        self.message = view
        self.message_analysed.emit(view)

    def request_update(self, draft: str, asked_at: float | None = None) -> None:
        """Suggestions and coaching for ``draft``; superseded drafts are never shown."""
        asked_at = time.perf_counter() if asked_at is None else asked_at
        if not self.ready:
            self._pending_draft = (draft, asked_at)
            return

        def done(view: UpdateView) -> None:
            self.last_update = view
            self.updated.emit(view, time.perf_counter() - asked_at)

        self._submit(lambda: self.core.update(draft), done, self._failed, key="draft")

    def mark_inserted(self, suggestion_id: str) -> None:
        self._submit(lambda: self.core.mark_inserted(suggestion_id), _ignore, self._failed)

    def reply_sent(self, text: str) -> None:
        """The agent copied the reply to send it: the session records it as sent."""
        if self.ready:
            self._submit(lambda: self.core.add_agent_message(text), _ignore, self._failed)

    def end_conversation(self, outcome: str) -> None:
        self.ops.supersede("draft")
        self.ops.supersede("message")

        def done(_: None) -> None:
            self.customer = None
            self.message = None
            self.last_update = None
            self.session_ended.emit(outcome)

        self._submit(lambda: self.core.end(outcome), done, self._failed)

    # -- compensation ------------------------------------------------------------------------
    def grant(self, option: CompensationOption, reason: str) -> None:
        self._submit(lambda: self.core.grant(option, reason), self._granted, self._failed)

    def _granted(self, view: GrantView) -> None:
        self.granted.emit(view)
        self.refresh_after_ledger_change()

    def request_approval(self, option: CompensationOption, reason: str) -> None:
        def requested(view: ApprovalView) -> None:
            self.approval_requested.emit(view)
            if view.live:  # team mode: the decision comes back from the server
                self._submit(
                    lambda: self.core.wait_for_decision(view.request_id),
                    self._decided,
                    self._failed,
                    lane=TEAM_LANE,
                )

        self._submit(lambda: self.core.request_approval(option, reason), requested, self._failed)

    def _decided(self, decision: object) -> None:
        if decision is not None:
            self._submit(lambda: self.core.team_decided(decision), self._granted, self._failed)

    def accept_approval(self, code: str) -> None:
        self._submit(lambda: self.core.accept_approval(code), self._granted, self._failed)

    def refresh_after_ledger_change(self) -> None:
        """Budgets changed: recompute the options for the current draft."""
        if self.ready and self.customer is not None:
            draft = self.last_update.draft if self.last_update else ""
            self.request_update(draft)

    def set_language(self, language: str) -> None:
        def done(_: None) -> None:
            if self.last_update is not None:
                self.request_update(self.last_update.draft)

        self._submit(lambda: self.core.set_language(language), done, self._failed)

    def shutdown(self) -> None:
        self._sync_timer.stop()
        self.core.stop_sync()  # a kill signal to the sync's child process: returns at once
        self._team_timer.stop()
        self.bridge.disconnect_all()
        self.core_bridge.disconnect_all()
        self._submit(self.core.close, _ignore, lambda exc: None)


def _ignore(_: Any) -> None:
    return None
