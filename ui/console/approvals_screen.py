"""Approval codes: paste an agent's request, see the case, approve or decline, copy the code.

Requests and codes travel by copy and paste (chat, e-mail); the code is signed with the
supervisor's key by the authority package, binding exactly what is shown here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assist.authority.approvals import (
    APPROVE,
    DECLINE,
    ApprovalRequest,
    issue_decision,
    parse_request,
)
from assist.errors import PekaError
from ui.console.context import ConsoleContext
from ui.console.decision_panel import DecisionPanel
from ui.console.text import LiveText
from ui.i18n import tr
from ui.plain import plain_label


class ApprovalsScreen(QWidget):
    decided = Signal(str)  # the code

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("approvalsScreen")
        self.request: ApprovalRequest | None = None
        self.live = LiveText()
        layout = QVBoxLayout(self)
        self.paste_label = plain_label("", self)
        layout.addWidget(self.paste_label)
        self.request_edit = QPlainTextEdit(self)
        self.request_edit.setObjectName("requestText")
        self.request_edit.setMaximumHeight(90)
        self.paste_label.setBuddy(self.request_edit)
        layout.addWidget(self.request_edit)
        self.read_button = QPushButton(self)
        layout.addWidget(self.read_button)
        self.decision = DecisionPanel(ctx, "decisionNote", self)
        layout.addWidget(self.decision)
        # The panel's parts, by the names the screen always had.
        self.case = self.decision.case
        self.note = self.decision.note
        self.approve_button = self.decision.approve_button
        self.decline_button = self.decision.decline_button
        self.code = QPlainTextEdit(self)
        self.code.setObjectName("decisionCode")
        self.code.setReadOnly(True)
        self.code.setMaximumHeight(90)
        layout.addWidget(self.code)
        self.copy_button = QPushButton(self)
        layout.addWidget(self.copy_button)
        self.message = plain_label("", self, name="approvalMessage")
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._enable(False)
        self.read_button.clicked.connect(self.read_request)
        self.decision.decide.connect(lambda yes: self.decide(APPROVE if yes else DECLINE))
        self.copy_button.clicked.connect(self.copy_code)
        self.request_edit.textChanged.connect(lambda: self._enable(False))
        self.retranslate()

    def retranslate(self) -> None:
        self.paste_label.setText(tr("console.approvals.paste"))
        self.request_edit.setAccessibleName(tr("console.approvals.request_name"))
        self.read_button.setText(tr("console.approvals.read"))
        self.decision.retranslate()
        self.code.setAccessibleName(tr("console.approvals.code_name"))
        self.copy_button.setText(tr("console.approvals.copy"))
        self.live.refresh()

    def _enable(self, ready: bool) -> None:
        self.decision.set_ready(ready)
        self.copy_button.setEnabled(bool(self.code.toPlainText()))

    def read_request(self) -> None:
        self.decision.show_case(None)
        self.code.clear()
        try:
            self.request = parse_request(self.request_edit.toPlainText())
        except PekaError as exc:
            self.request = None
            self.live.fixed(self.message, str(exc))
            self._enable(False)
            return
        self.decision.show_case(self.request)
        self.live.show(self.message, lambda: tr("console.approvals.check"))
        self._enable(True)

    def decide(self, decision: str) -> None:
        request = self.request
        if request is None:
            return
        try:
            code = issue_decision(request, self.ctx.key, decision=decision, note=self.note.text())
        except PekaError as exc:
            self.live.fixed(self.message, str(exc))
            return
        self.code.setPlainText(code)
        self.ctx.log.append(f"{decision} {request.request_id}")
        done = "approved" if decision == APPROVE else "declined"
        agent = request.agent_id
        self.live.show(self.message, lambda: tr(f"console.approvals.{done}", agent=agent))
        self._enable(False)
        self.copy_button.setEnabled(True)
        self.decided.emit(code)

    def copy_code(self) -> None:
        text = self.code.toPlainText()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.live.show(self.message, lambda: tr("console.approvals.copied"))
