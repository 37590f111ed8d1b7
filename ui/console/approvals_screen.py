"""Approval codes: paste an agent's request, see the case, approve or decline, copy the code.

Requests and codes travel by copy and paste (chat, e-mail); the code is signed with the
supervisor's key by the authority package, binding exactly what is shown here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
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
from assist.authority.rules import show
from assist.errors import PekaError
from ui.console.context import ConsoleContext
from ui.plain import plain_label


def describe_request(request: ApprovalRequest, now: datetime) -> list[tuple[str, str]]:
    """The case as the supervisor reads it before deciding."""
    left = request.expires_at - now
    hours = max(0, int(left.total_seconds() // 3600))
    expiry = (
        f"expired {request.expires_at:%Y-%m-%d %H:%M} UTC"
        if left.total_seconds() <= 0
        else f"{request.expires_at:%Y-%m-%d %H:%M} UTC (in {hours} h)"
    )
    rows = [
        ("Request", request.request_id),
        ("Agent", request.agent_id),
        ("Customer", request.customer_id),
        (
            "Compensation",
            f"{request.type}: {show(request.amount_minor, request.unit, request.currency)}",
        ),
    ]
    if request.transaction_id:
        paid = (
            show(request.transaction_amount_minor, "money", request.currency or "IDR")
            if request.transaction_amount_minor is not None
            else "amount unknown"
        )
        rows.append(("Transaction", f"{request.transaction_id} ({paid})"))
    rows.append(("Agent's reason", request.reason or "(none given)"))
    for key, value in sorted(request.context.items()):
        rows.append((key.replace("_", " ").capitalize(), value))
    rows.append(("Requested", f"{request.created_at:%Y-%m-%d %H:%M} UTC"))
    rows.append(("Request expires", expiry))
    return rows


class ApprovalsScreen(QWidget):
    decided = Signal(str)  # the code

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("approvalsScreen")
        self.request: ApprovalRequest | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label("Paste the agent's request (it starts with PEKA-REQ1:):", self)
        )
        self.request_edit = QPlainTextEdit(self)
        self.request_edit.setObjectName("requestText")
        self.request_edit.setAccessibleName("Agent's approval request")
        self.request_edit.setMaximumHeight(90)
        layout.addWidget(self.request_edit)
        self.read_button = QPushButton("Show the case", self)
        layout.addWidget(self.read_button)
        self.case = QFormLayout()
        self.case_box = QWidget(self)
        self.case_box.setLayout(self.case)
        layout.addWidget(self.case_box)
        self.note = QLineEdit(self)
        self.note.setObjectName("decisionNote")
        self.note.setPlaceholderText(
            "Note to the agent (optional), e.g. 'approved once, gold customer'"
        )
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton("Approve", self)
        self.decline_button = QPushButton("Decline", self)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.decline_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.code = QPlainTextEdit(self)
        self.code.setObjectName("decisionCode")
        self.code.setReadOnly(True)
        self.code.setMaximumHeight(90)
        self.code.setAccessibleName("Code for the agent")
        layout.addWidget(self.code)
        self.copy_button = QPushButton("Copy code", self)
        layout.addWidget(self.copy_button)
        self.message = plain_label("", self, name="approvalMessage")
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._enable(False)
        self.read_button.clicked.connect(self.read_request)
        self.approve_button.clicked.connect(lambda: self.decide(APPROVE))
        self.decline_button.clicked.connect(lambda: self.decide(DECLINE))
        self.copy_button.clicked.connect(self.copy_code)
        self.request_edit.textChanged.connect(lambda: self._enable(False))

    def _enable(self, ready: bool) -> None:
        self.approve_button.setEnabled(ready)
        self.decline_button.setEnabled(ready)
        self.copy_button.setEnabled(bool(self.code.toPlainText()))

    def read_request(self) -> None:
        while self.case.rowCount():
            self.case.removeRow(0)
        self.code.clear()
        try:
            self.request = parse_request(self.request_edit.toPlainText())
        except PekaError as exc:
            self.request = None
            self.message.setText(str(exc))
            self._enable(False)
            return
        for label, value in describe_request(self.request, datetime.now(UTC)):
            self.case.addRow(label, plain_label(value, self.case_box))
        self.message.setText("Check the case, then approve or decline.")
        self._enable(True)

    def decide(self, decision: str) -> None:
        request = self.request
        if request is None:
            return
        verb = "Approve" if decision == APPROVE else "Decline"
        question = (
            f"{verb} {request.describe()} for customer {request.customer_id}, requested by "
            f"{request.agent_id}?"
        )
        if not self.ctx.confirm(self, f"{verb} request", question):
            return
        try:
            code = issue_decision(request, self.ctx.key, decision=decision, note=self.note.text())
        except PekaError as exc:
            self.message.setText(str(exc))
            return
        self.code.setPlainText(code)
        self.ctx.log.append(f"{decision} {request.request_id}")
        self.message.setText(
            f"{verb}d. Copy the code and send it to {request.agent_id}; it works once, for "
            "this request only."
        )
        self._enable(False)
        self.copy_button.setEnabled(True)
        self.decided.emit(code)

    def copy_code(self) -> None:
        text = self.code.toPlainText()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.setText("Code copied.")
