"""One approval request's case and the supervisor's decision on it.

Shared by the two ways a request reaches a supervisor: pasted as a code
(:mod:`ui.console.approvals_screen`) and live from the team server's queue
(:mod:`ui.console.team_queue`). The panel shows the case as plain text, names the
compensation by the installed policy's labels, keeps the note and asks before deciding;
what a decision does (sign a code, or call the server) is the screen's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from assist.authority.approvals import ApprovalRequest
from ui.console.approvals_text import customer_text, describe_request, what_text
from ui.console.context import ConsoleContext
from ui.i18n import tr, translator
from ui.plain import plain_label


class DecisionPanel(QWidget):
    decide = Signal(bool)  # True: approve, False: decline (after the supervisor confirmed)

    def __init__(self, ctx: ConsoleContext, note_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.request: ApprovalRequest | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.case = QFormLayout()
        self.case_box = QWidget(self)
        self.case_box.setLayout(self.case)
        layout.addWidget(self.case_box)
        self.note = QLineEdit(self)
        self.note.setObjectName(note_name)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self)
        self.decline_button = QPushButton(self)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.decline_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.approve_button.clicked.connect(lambda: self._ask(True))
        self.decline_button.clicked.connect(lambda: self._ask(False))
        self.set_ready(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.note.setPlaceholderText(tr("console.approvals.note"))
        self.note.setAccessibleName(tr("console.approvals.note_name"))
        self.approve_button.setText(tr("console.approvals.approve"))
        self.decline_button.setText(tr("console.approvals.decline"))
        if self.request is not None:
            self.show_case(self.request, ready=self.approve_button.isEnabled())

    def labels(self) -> dict[str, str]:
        """The installed policy's own labels for its compensation types."""
        from assist.reports.report import type_labels
        from ui.console.reports_screen import _policy_in_force

        return type_labels(_policy_in_force(self.ctx), translator().language)

    def show_case(self, request: ApprovalRequest | None, *, ready: bool = True) -> None:
        """Show ``request`` (None: nothing) and whether it may be decided now."""
        while self.case.rowCount():
            self.case.removeRow(0)
        self.request = request
        self.set_ready(ready and request is not None)
        if request is None:
            return
        for label, value in describe_request(request, datetime.now(UTC), self.labels()):
            self.case.addRow(label, plain_label(value, self.case_box))

    def set_ready(self, ready: bool) -> None:
        self.approve_button.setEnabled(ready)
        self.decline_button.setEnabled(ready)

    def what(self, request: ApprovalRequest) -> str:
        return what_text(request, self.labels())

    def _ask(self, approve: bool) -> None:
        request = self.request
        if request is None:
            return
        verb = "approve" if approve else "decline"
        question = tr(
            f"console.approvals.{verb}_question",
            what=self.what(request),
            customer=customer_text(request),
            agent=request.agent_id,
        )
        if self.ctx.confirm(self, tr(f"console.approvals.{verb}_title"), question):
            self.decide.emit(approve)
