"""The team server's approval queue, live: requests appear as agents send them.

Shown in team mode (``team.server`` set). A core :class:`QueueWatcher` thread listens to
the server and hands over the pending list; approving or declining runs through the
background helper (``ui/ops.py``), never on the GUI thread. Everything an agent wrote is
shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assist.errors import PekaError
from assist.team.authority import approval_request
from assist.team.client import TeamClient, TeamRequest
from assist.team.watch import QueueWatcher
from ui.console.context import ConsoleContext
from ui.console.decision_panel import DecisionPanel
from ui.console.text import LiveText
from ui.i18n import tr, tr_or
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
        self.decision = DecisionPanel(ctx, "teamDecisionNote", self)
        layout.addWidget(self.decision)
        self.note = self.decision.note
        self.approve_button = self.decision.approve_button
        self.decline_button = self.decision.decline_button
        self.message = plain_label("", self, name="teamQueueMessage")
        layout.addWidget(self.message)
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.decision.decide.connect(self.decide)
        self.changed.connect(self._changed)
        self.watcher = QueueWatcher(client, self.changed.emit).start()
        self.retranslate()

    def retranslate(self) -> None:
        self.decision.retranslate()
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
            what = self.decision.what(approval_request(request))
            item = QListWidgetItem(
                f"{request.agent_id} · {request.customer_id} · {what}"
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
        request = self.requests.get(self._selected_id() or "")
        self.decision.show_case(approval_request(request) if request is not None else None)

    def decide(self, approve: bool) -> None:
        """Called by the panel once the supervisor confirmed; the server decides."""
        request = self.requests.get(self._selected_id() or "")
        if request is None:
            return
        note = self.note.text()
        self.decision.set_ready(False)

        def done(result: TeamRequest) -> None:
            self.note.clear()
            self.ctx.log.append(f"team {result.status} {result.request_id}")
            status, agent = result.status, result.agent_id
            self.live.show(
                self.message,
                lambda: tr(
                    "console.team.decided",
                    status=tr_or(f"console.team.status.{status}", status),
                    agent=agent,
                ),
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
