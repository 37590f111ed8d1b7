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
from assist.errors import PekaError
from assist.formatting import format_moment, format_money, format_number
from assist.reports.report import type_labels
from ui.console.context import ConsoleContext
from ui.console.text import LiveText
from ui.i18n import tr, tr_or, translator
from ui.plain import plain_label

# Case facts the sidebar sends whose values the interface can name ("issue.delivery_delay").
NAMED_VALUES = ("issue", "emotion", "fault")


# Context keys shown in rows of their own (not in the generic list).
OWN_ROWS = ("customer_name", "tier_name")


def _what(request: ApprovalRequest, labels: dict[str, str] | None = None) -> str:
    """``Pengembalian dana penuh: Rp 2.774.000``, never the raw id ``full_refund``."""
    language = translator().language
    label = (labels or {}).get(request.type) or type_labels(None, language).get(request.type)
    name = label or request.type.replace("_", " ").capitalize()
    if request.unit == "days":
        amount = tr("comp.days", days=format_number(request.amount_minor, language))
    else:
        amount = format_money(request.amount_minor, request.currency or "IDR", language)
    return f"{name}: {amount}"


def _customer(request: ApprovalRequest) -> str:
    name = request.context.get("customer_name", "").strip()
    return f"{name} ({request.customer_id})" if name else request.customer_id


def describe_request(
    request: ApprovalRequest, now: datetime, labels: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """The case as the supervisor reads it before deciding, in the interface language:
    the compensation by its label, the customer by name, times in local time.

    Everything the agent wrote (reason, ids) is passed through unchanged, as plain text."""
    language = translator().language
    left = request.expires_at - now
    hours = max(0, int(left.total_seconds() // 3600))
    when = format_moment(request.expires_at, language)
    expiry = (
        tr("console.approvals.expired", when=when)
        if left.total_seconds() <= 0
        else tr("console.approvals.expires_in", when=when, hours=hours)
    )
    rows = [
        (tr("console.approvals.row.request"), request.request_id),
        (tr("console.approvals.row.agent"), request.agent_id),
        (tr("console.approvals.row.customer"), _customer(request)),
        (tr("console.approvals.row.compensation"), _what(request, labels)),
    ]
    if request.transaction_id:
        paid = (
            format_money(request.transaction_amount_minor, request.currency or "IDR", language)
            if request.transaction_amount_minor is not None
            else tr("console.approvals.amount_unknown")
        )
        rows.append((tr("console.approvals.row.transaction"), f"{request.transaction_id} ({paid})"))
    rows.append(
        (tr("console.approvals.row.reason"), request.reason or tr("console.approvals.no_reason"))
    )
    for key, value in sorted(request.context.items()):
        if key in OWN_ROWS:
            continue
        label = tr_or(f"console.approvals.row.{key}", key.replace("_", " ").capitalize())
        shown = tr_or(f"{key}.{value}", value) if key in NAMED_VALUES else value
        rows.append((label, shown))
    rows.append(
        (tr("console.approvals.row.requested"), format_moment(request.created_at, language))
    )
    rows.append((tr("console.approvals.row.expires"), expiry))
    return rows


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
        self.case = QFormLayout()
        self.case_box = QWidget(self)
        self.case_box.setLayout(self.case)
        layout.addWidget(self.case_box)
        self.note = QLineEdit(self)
        self.note.setObjectName("decisionNote")
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self)
        self.decline_button = QPushButton(self)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.decline_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
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
        self.approve_button.clicked.connect(lambda: self.decide(APPROVE))
        self.decline_button.clicked.connect(lambda: self.decide(DECLINE))
        self.copy_button.clicked.connect(self.copy_code)
        self.request_edit.textChanged.connect(lambda: self._enable(False))
        self.retranslate()

    def retranslate(self) -> None:
        self.paste_label.setText(tr("console.approvals.paste"))
        self.request_edit.setAccessibleName(tr("console.approvals.request_name"))
        self.read_button.setText(tr("console.approvals.read"))
        self.note.setPlaceholderText(tr("console.approvals.note"))
        self.note.setAccessibleName(tr("console.approvals.note_name"))
        self.approve_button.setText(tr("console.approvals.approve"))
        self.decline_button.setText(tr("console.approvals.decline"))
        self.code.setAccessibleName(tr("console.approvals.code_name"))
        self.copy_button.setText(tr("console.approvals.copy"))
        if self.request is not None:
            self._show_case(self.request)
        self.live.refresh()

    def _show_case(self, request: ApprovalRequest) -> None:
        while self.case.rowCount():
            self.case.removeRow(0)
        for label, value in describe_request(request, datetime.now(UTC), self._labels()):
            self.case.addRow(label, plain_label(value, self.case_box))

    def _labels(self) -> dict[str, str]:
        """The installed policy's own labels for its compensation types."""
        from ui.console.reports_screen import _policy_in_force

        return type_labels(_policy_in_force(self.ctx), translator().language)

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
            self.live.fixed(self.message, str(exc))
            self._enable(False)
            return
        self._show_case(self.request)
        self.live.show(self.message, lambda: tr("console.approvals.check"))
        self._enable(True)

    def decide(self, decision: str) -> None:
        request = self.request
        if request is None:
            return
        verb = "approve" if decision == APPROVE else "decline"
        question = tr(
            f"console.approvals.{verb}_question",
            what=_what(request, self._labels()),
            customer=_customer(request),
            agent=request.agent_id,
        )
        if not self.ctx.confirm(self, tr(f"console.approvals.{verb}_title"), question):
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
