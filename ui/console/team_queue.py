"""The team server's approval queue, live: requests appear as agents send them.

Shown in team mode (``team.server`` set). A core :class:`QueueWatcher` thread listens to
the server and hands over the pending list; approving or declining runs through the
background helper (``ui/ops.py``), never on the GUI thread. Everything an agent wrote is
shown as plain text.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assist.authority.rules import show
from assist.errors import PekaError
from assist.team.authority import approval_request
from assist.team.client import TeamClient, TeamRequest
from assist.team.watch import QueueWatcher
from ui.console.approvals_screen import describe_request
from ui.console.context import ConsoleContext
from ui.console.text import LiveText
from ui.i18n import tr
from ui.ops import error_text, runner
from ui.plain import plain_label

LANE = "team-queue"


class TeamQueueScreen(QWidget):
    changed = Signal(object)  # list[TeamRequest] | PekaError, from the watcher's thread

    def __init__(self, ctx: ConsoleContext, client: TeamClient, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client = client
        self.setObjectName("teamQueueScreen")
        self.live = LiveText()
        self.requests: dict[str, TeamRequest] = {}
        layout = QVBoxLayout(self)
        self.state = plain_label("", self, name="teamQueueState")
        layout.addWidget(self.state)
        self.list = QListWidget(self)
        self.list.setObjectName("teamQueueList")
        layout.addWidget(self.list)
        self.case = QFormLayout()
        self.case_box = QWidget(self)
        self.case_box.setLayout(self.case)
        layout.addWidget(self.case_box)
        self.note = QLineEdit(self)
        self.note.setObjectName("teamDecisionNote")
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self)
        self.decline_button = QPushButton(self)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.decline_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = plain_label("", self, name="teamQueueMessage")
        layout.addWidget(self.message)
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.decline_button.clicked.connect(lambda: self.decide(False))
        self.changed.connect(self._changed)
        self.watcher = QueueWatcher(client, self.changed.emit).start()
        self.retranslate()

    def retranslate(self) -> None:
        self.note.setPlaceholderText(tr("console.approvals.note"))
        self.approve_button.setText(tr("console.approvals.approve"))
        self.decline_button.setText(tr("console.approvals.decline"))
        self._show_selected()
        self.live.refresh()

    def close_watcher(self) -> None:
        self.watcher.stop()
        self.client.close()

    def _changed(self, update: object) -> None:
        if isinstance(update, PekaError):
            text = tr("console.team.offline", problem=update.message)
            self.live.fixed(self.state, text)
            return
        assert isinstance(update, list)
        selected = self._selected_id()
        self.requests = {r.request_id: r for r in update}
        self.list.clear()
        for request in update:
            what = show(request.amount_minor, request.unit, request.currency)
            item = QListWidgetItem(
                f"{request.agent_id} · {request.customer_id} · {request.type} {what}"
                + (f" · {request.reason}" if request.reason else "")
            )
            item.setData(256, request.request_id)
            self.list.addItem(item)
            if request.request_id == selected:
                self.list.setCurrentItem(item)
        count = len(update)
        self.live.show(self.state, lambda: tr("console.team.waiting", count=count))
        self._show_selected()

    def _selected_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(256)) if item is not None else None

    def _show_selected(self) -> None:
        while self.case.rowCount():
            self.case.removeRow(0)
        request = self.requests.get(self._selected_id() or "")
        ready = request is not None
        self.approve_button.setEnabled(ready)
        self.decline_button.setEnabled(ready)
        if request is None:
            return
        for label, value in describe_request(approval_request(request), datetime.now(UTC)):
            self.case.addRow(label, plain_label(value, self.case_box))

    def decide(self, approve: bool) -> None:
        request = self.requests.get(self._selected_id() or "")
        if request is None:
            return
        verb = "approve" if approve else "decline"
        question = tr(
            f"console.approvals.{verb}_question",
            what=f"{request.type}: {show(request.amount_minor, request.unit, request.currency)}",
            customer=request.customer_id,
            agent=request.agent_id,
        )
        if not self.ctx.confirm(self, tr(f"console.approvals.{verb}_title"), question):
            return
        note = self.note.text()
        self.approve_button.setEnabled(False)
        self.decline_button.setEnabled(False)

        def done(result: TeamRequest) -> None:
            self.note.clear()
            self.ctx.log.append(f"team {result.status} {result.request_id}")
            status, agent = result.status, result.agent_id
            self.live.show(
                self.message, lambda: tr("console.team.decided", status=status, agent=agent)
            )

        def failed(exc: Exception) -> None:
            self.live.fixed(self.message, error_text(exc))
            self._show_selected()

        runner().submit(
            lambda: self.client.decide(request.request_id, approve=approve, note=note),
            done,
            failed,
            lane=LANE,
            parent=self,
        )
