"""The status lines at the bottom: messages, engine, cache freshness, policy, agent."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from assist.app.views import CacheView, PolicyView, SyncView
from assist.authority.demo import DEMO_POLICY_NAME, DEMO_SIGNER
from assist.errors import PekaError
from assist.formatting import format_ago, format_day, format_number
from ui.i18n import tr, tr_or, translator
from ui.plain import plain_label, set_plain, set_plain_tooltip

MESSAGE_MS = 8000


def age_text(moment: datetime, now: datetime | None = None) -> str:
    """``5 menit yang lalu`` / ``5 minutes ago`` (Babel), ``baru saja`` under a minute."""
    now = now or datetime.now(UTC)
    if (now - moment).total_seconds() < 60:
        return tr("status.just_now")
    return format_ago(min(moment, now), now, translator().language)


# Versions above this are timestamps (the demo policy uses the Unix time): not for people.
READABLE_VERSION_MAX = 1_000_000


def policy_title(policy: PolicyView) -> str:
    """The policy as an agent reads it: its name (and a small version number), else the
    version alone."""
    version = policy.version if policy.version.isdigit() else ""
    readable = version if version and int(version) < READABLE_VERSION_MAX else ""
    name = policy.name
    if name == DEMO_POLICY_NAME and policy.signer == DEMO_SIGNER:
        name = tr("status.policy_demo")  # Peka's own words: in the interface language
    if name:
        return f"{name} v{readable}" if readable else name
    return tr("status.policy_version", version=readable or version or "?")


class StatusPanel(QFrame):
    def __init__(self, agent: str, parent: QWidget | None = None, *, name: str = "") -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.agent = agent
        self.agent_name = name  # the display name from the config; the id may change
        self.cache: CacheView | None = None
        self.policy: PolicyView | None = None
        self.engine_state = "loading"
        self.engine_error = ""
        self.message = plain_label("", self, name="warning")
        self.message.setVisible(False)
        self.engine = plain_label("", self, name="muted")
        self.cache_label = plain_label("", self, name="muted")
        self.cache_problem: PekaError | None = None  # why the customer data is not open
        self.cache_retry = QToolButton(self)  # "Try again": the lock is gone, IT resynced
        self.cache_retry.setVisible(False)
        self.cache_retry.setAutoRaise(True)
        cache_row = _line_with_button(self.cache_label, self.cache_retry)
        self.sync: SyncView | None = None
        self.sync_label = plain_label("", self, name="muted")
        self.sync_label.setVisible(False)
        self.sync_button = QToolButton(self)
        self.sync_button.setVisible(False)
        self.sync_button.setAutoRaise(True)
        sync_row = _line_with_button(self.sync_label, self.sync_button)
        self.policy_label = plain_label("", self, name="muted")
        self.agent_label = plain_label("", self, name="muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(1)
        layout.addWidget(self.message)
        layout.addWidget(self.engine)
        layout.addLayout(cache_row)
        layout.addLayout(sync_row)
        layout.addWidget(self.policy_label)
        layout.addWidget(self.agent_label)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.timeout.connect(lambda: self.message.setVisible(False))

    def retranslate(self) -> None:
        self.message.setAccessibleName(tr("status.message"))
        self._engine_text()
        self.cache_retry.setText(tr("status.cache_retry"))
        if self.cache_problem is not None:
            self.set_cache_failed(self.cache_problem)
        else:
            self.set_cache(self.cache)
        self.set_sync(self.sync)
        self.set_policy(self.policy)
        set_plain(self.agent_label, tr("status.agent", agent=self.agent))

    def show_message(self, text: str, *, error: bool = False, sticky: bool = False) -> None:
        set_plain(self.message, text)
        self.message.setObjectName("warning" if error else "ok")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))
        if sticky:
            self._clear.stop()
        else:
            self._clear.start(MESSAGE_MS)

    def set_engine(self, state: str, error: str = "") -> None:
        self.engine_state, self.engine_error = state, error
        self._engine_text()

    def _engine_text(self) -> None:
        if self.engine_state == "ready":
            text = tr("status.engine_ready")
        elif self.engine_state == "failed":
            text = tr("status.engine_failed", error=self.engine_error)
        else:
            text = tr("status.engine_loading")
        set_plain(self.engine, text)

    def set_cache(self, cache: CacheView | None) -> None:
        self.cache = cache
        self.cache_problem = None
        self.cache_retry.setVisible(False)
        _restyle(self.cache_label, "muted")
        if cache is None:
            set_plain(self.cache_label, tr("status.cache_opening"))
            set_plain_tooltip(self.cache_label, "")
            return
        customers = format_number(cache.customers, translator().language)
        if cache.last_import_at is None:
            text = tr("status.cache_never", customers=customers)
        else:
            text = tr("status.cache", customers=customers, age=age_text(cache.last_import_at))
        set_plain(self.cache_label, text)
        set_plain_tooltip(self.cache_label, str(cache.path))

    def set_cache_failed(self, error: PekaError) -> None:
        """The customer data could not be opened: say so for good, in the interface
        language, with the code and what to do; the coded message (English, the path) is
        the tooltip, for IT."""
        self.cache = None
        self.cache_problem = error
        hint = tr_or(f"status.cache_reason.{error.code}", tr("status.cache_reason.other"))
        set_plain(self.cache_label, tr("status.cache_failed", code=error.code, hint=hint))
        set_plain_tooltip(self.cache_label, str(error))
        _restyle(self.cache_label, "warning")
        self.cache_retry.setText(tr("status.cache_retry"))
        self.cache_retry.setVisible(True)

    def set_sync(self, view: SyncView | None, busy: bool = False) -> None:
        """One line per sync source: when it last succeeded, or that it failed."""
        self.sync = view
        configured = view is not None and view.configured
        self.sync_label.setVisible(configured)
        self.sync_button.setVisible(configured)
        self.sync_button.setEnabled(not busy)
        self.sync_button.setText(tr("status.syncing") if busy else tr("status.sync_now"))
        if view is None or not view.configured:
            return
        lines, details = [], []
        for source in view.sources:
            if source.ok is False:
                # A failed source still says when it last succeeded: the data is that old.
                if source.last_success_at is None:
                    lines.append(tr("status.sync_failed_never", source=source.name))
                else:
                    age = age_text(source.last_success_at)
                    lines.append(tr("status.sync_failed", source=source.name, age=age))
                details.append(source.error or "")
            elif source.last_success_at is None:
                lines.append(tr("status.sync_never", source=source.name))
            else:
                age = age_text(source.last_success_at)
                lines.append(tr("status.sync_ok", source=source.name, age=age))
        set_plain(self.sync_label, "\n".join(lines))
        set_plain_tooltip(self.sync_label, "\n\n".join(d for d in details if d))

    def set_sync_progress(self, rows: int) -> None:
        """Rows the running sync has brought so far (its source's running total)."""
        if not self.sync_button.isEnabled():  # still busy: not a late message
            rows_text = format_number(rows, translator().language)
            self.sync_button.setText(tr("status.syncing_rows", rows=rows_text))

    def set_policy(self, policy: PolicyView | None) -> None:
        self.policy = policy
        if policy is not None and policy.agent_id:  # team mode: who the server says
            name, agent_id = self.agent_name, policy.agent_id
            self.agent = f"{name} ({agent_id})" if name else agent_id
            set_plain(self.agent_label, tr("status.agent", agent=self.agent))
        if policy is None:
            set_plain(self.policy_label, tr("status.policy_loading"))
        elif policy.valid:
            expiry = (
                format_day(policy.expires_at.astimezone(), translator().language)
                if policy.expires_at
                else "—"
            )
            set_plain(
                self.policy_label,
                tr(
                    "status.policy_ok",
                    policy=policy_title(policy),
                    signer=policy.signer or "—",
                    expiry=expiry,
                ),
            )
            set_plain_tooltip(
                self.policy_label,
                f"{policy.name} · v{policy.version} · {policy.signer} · {policy.role}",
            )
        else:
            # The coded reason is written for IT (English, paths): the line says in the
            # interface language what it means for the agent; the tooltip keeps the detail.
            hint = tr_or(f"status.policy_reason.{policy.code}", tr("status.policy_reason.other"))
            code = f"[{policy.code}] " if policy.code else ""
            set_plain(self.policy_label, tr("status.policy_invalid", reason=code + hint))
            set_plain_tooltip(self.policy_label, policy.reason)


def _restyle(label: QWidget, name: str) -> None:
    if label.objectName() != name:
        label.setObjectName(name)
        label.style().unpolish(label)
        label.style().polish(label)


def _line_with_button(label: QLabel, button: QToolButton) -> QHBoxLayout:
    """A status line with its small button at the right, aligned to the first line."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label, 1)
    row.addWidget(button, 0, Qt.AlignTop)
    return row
