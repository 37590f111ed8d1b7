"""Compensation: what the agent may offer for this case, and how to get approval for more.

Options come from the authority engine with the session's update. Within the agent's
authority an option is granted after one confirmation (recorded in the ledger and put
into the reply as an offer sentence); above it, the agent creates an approval request,
copies its text to a supervisor, and pastes back the approval code.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assist.app.views import ApprovalView, PolicyView
from assist.authority.models import WITHIN_AUTHORITY, CompensationOption
from assist.money import format_money
from ui.i18n import tr, translator
from ui.plain import ask_plain, plain_label, set_plain
from ui.status_panel import policy_title

# (title, question) -> accepted? Tests replace it so no modal dialog waits.
Confirm = Callable[[QWidget, str, str], bool]


def ask_with_dialog(parent: QWidget, title: str, question: str) -> bool:
    # A grant is what the agent came for: Enter confirms it.
    return ask_plain(parent, title, question, default_yes=True)


def option_amount(option: CompensationOption) -> str:
    if option.unit == "days":
        return tr("comp.days", days=option.amount_minor)
    return format_money(option.amount_minor, option.currency, translator().language)


def budget_text(option: CompensationOption) -> str:
    """The daily budget left, for an option within authority; an option that needs a
    supervisor's approval has no budget line (it is not "unlimited")."""
    if option.status != WITHIN_AUTHORITY:
        return ""
        return tr("comp.budget_unlimited")
    if option.unit == "days":
        left = tr("comp.days", days=option.budget_left_minor)
    else:
        left = format_money(option.budget_left_minor, option.currency, translator().language)
    return tr("comp.budget_left", amount=left)


class OptionRow(QFrame):
    chosen = Signal(object)  # CompensationOption

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.option: CompensationOption | None = None
        self.title = plain_label("", self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.detail = plain_label("", self, name="muted")
        self.button = QPushButton(self)
        self.button.clicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(row)

    def show_option(self, number: int, option: CompensationOption) -> None:
        self.option = option
        set_plain(self.title, f"{option.label} · {option_amount(option)}")
        within = option.status == WITHIN_AUTHORITY
        status = tr("comp.within") if within else tr("comp.needs_approval")
        lines = [line for line in (status, budget_text(option)) if line]
        if option.reason:
            lines.append(option.reason)
        if option.needs_reason:
            lines.append(tr("comp.reason_required"))
        set_plain(self.detail, "\n".join(lines))
        label = tr("comp.grant") if within else tr("comp.request")
        self.button.setText(f"{label} (Alt+Shift+{number})" if number <= 9 else label)
        self.button.setAccessibleName(f"{label}: {option.label} {option_amount(option)}")

    def _clicked(self) -> None:
        if self.option is not None:
            self.chosen.emit(self.option)


class CompensationPanel(QWidget):
    grant_requested = Signal(object, str)  # option, reason
    approval_requested = Signal(object, str)  # option, reason
    code_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirm: Confirm = ask_with_dialog
        self.policy: PolicyView | None = None
        self.options: list[CompensationOption] = []
        self.has_case = False
        self._error = "x"  # forces the first show_options to draw
        self.policy_label = plain_label("", self, name="muted")
        self.notice = plain_label("", self, name="warning")
        self.notice.setVisible(False)
        # What was already granted in this conversation, so nobody gives it twice.
        self.given = plain_label("", self, name="warning")
        self.given.setVisible(False)
        self.compensated: list[CompensationOption] = []
        self.empty = plain_label("", self, name="muted")
        self.reason = QLineEdit(self)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        self._rows: list[OptionRow] = []
        self.request_title = plain_label("", self, name="sectionTitle")
        self.request_text = QPlainTextEdit(self)
        self.request_text.setReadOnly(True)
        self.request_text.setMaximumHeight(110)
        self.copy_request = QPushButton(self)
        self.copy_request.clicked.connect(self.copy_request_text)
        self.code = QLineEdit(self)
        self.accept_code = QPushButton(self)
        self.accept_code.clicked.connect(self._code)
        self.code.returnPressed.connect(self._code)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.accept_code)
        self.request_box = QWidget(self)
        request_layout = QVBoxLayout(self.request_box)
        request_layout.setContentsMargins(0, 0, 0, 0)
        request_layout.addWidget(self.request_title)
        request_layout.addWidget(self.request_text)
        request_layout.addWidget(self.copy_request, 0, Qt.AlignRight)
        self.request_box.setVisible(False)
        self.code_caption = plain_label("", self, name="muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.policy_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.given)
        layout.addWidget(self.empty)
        layout.addWidget(self.reason)
        layout.addLayout(self.rows_box)
        layout.addWidget(self.request_box)
        layout.addWidget(self.code_caption)
        layout.addLayout(code_row)
        self.show_options([], has_case=False)

    def retranslate(self) -> None:
        self.reason.setPlaceholderText(tr("comp.reason"))
        self.reason.setAccessibleName(tr("comp.reason"))
        set_plain(self.request_title, tr("comp.request_title"))
        self.request_text.setAccessibleName(tr("comp.request_title"))
        self.copy_request.setText(tr("comp.copy_request"))
        self.copy_request.setAccessibleName(tr("comp.copy_request"))
        set_plain(self.code_caption, tr("comp.code_caption"))
        self.code.setPlaceholderText(tr("comp.code"))
        self.code.setAccessibleName(tr("comp.code"))
        self.accept_code.setText(tr("comp.accept_code"))
        self.accept_code.setAccessibleName(tr("comp.accept_code"))
        self.show_policy(self.policy)
        self.show_options(
            self.options,
            has_case=self.has_case,
            error=self._error,
            force=True,
            compensated=self.compensated,
        )

    def show_policy(self, policy: PolicyView | None) -> None:
        self.policy = policy
        if policy is None:
            set_plain(self.policy_label, tr("comp.policy_loading"))
        elif policy.valid:
            set_plain(self.policy_label, tr("comp.policy_ok", policy=policy_title(policy)))
        else:
            set_plain(self.policy_label, tr("comp.policy_invalid", reason=policy.reason))
        self._set_enabled()

    def _set_enabled(self) -> None:
        usable = self.policy is not None and self.policy.valid
        for widget in (self.reason, self.code, self.accept_code):
            widget.setEnabled(usable)

    def show_notice(self, text: str) -> None:
        set_plain(self.notice, text)
        self.notice.setVisible(bool(text))

    def prewarm(self, rows: int = 6) -> None:
        """Create option rows ahead of time (see ReplyPanel.prewarm)."""
        while len(self._rows) < rows:
            row = OptionRow(self)
            row.setVisible(False)
            row.chosen.connect(self.choose)
            row.ensurePolished()
            self._rows.append(row)
            self.rows_box.addWidget(row)

    def show_options(
        self,
        options: list[CompensationOption],
        *,
        has_case: bool,
        error: str = "",
        force: bool = False,
        compensated: list[CompensationOption] | None = None,
    ) -> None:
        given = list(compensated or [])
        same = (list(options), has_case, error, given) == (
            self.options,
            self.has_case,
            self._error,
            self.compensated,
        )
        if same and not force:
            return  # the same options after a keystroke: nothing to redo
        self._error = error
        self.compensated = given
        self.options = list(options)
        self.has_case = has_case
        # Rows stay in their layout for good (appended in order): refilled, shown, hidden,
        # in one repaint.
        self.setUpdatesEnabled(False)
        try:
            self._show_rows()
        finally:
            self.setUpdatesEnabled(True)

    def _show_rows(self) -> None:
        self.prewarm(len(self.options))
        for i, row in enumerate(self._rows):
            if i < len(self.options):
                row.show_option(i + 1, self.options[i])
            row.setVisible(i < len(self.options))
        if self.compensated:
            items = "; ".join(f"{o.label} · {option_amount(o)}" for o in self.compensated)
            set_plain(self.given, tr("comp.already_given", items=items))
        self.given.setVisible(bool(self.compensated))
        text = self.empty_text()
        if text:
            set_plain(self.empty, text)
        self.empty.setVisible(bool(text))
        self.reason.setVisible(bool(self.options))

    def empty_text(self) -> str:
        """Why there are no options (error, no case, nothing fits), or "" when there are."""
        if self._error:
            return self._error
        if not self.has_case:
            return tr("comp.no_case")
        if not self.options:
            return tr("comp.no_options")
        return ""

    def option_count(self) -> int:
        return len(self.options)

    def choose_number(self, number: int) -> bool:
        if 1 <= number <= len(self.options):
            self.choose(self.options[number - 1])
            return True
        return False

    def choose(self, option: CompensationOption) -> None:
        reason = self.reason.text().strip()
        if option.needs_reason and not reason:
            self.show_notice(tr("comp.reason_required"))
            self.reason.setFocus(Qt.OtherFocusReason)
            return
        self.show_notice("")
        amount = option_amount(option)
        if option.status == WITHIN_AUTHORITY:
            question = tr("comp.confirm_grant", label=option.label, amount=amount)
            if self.confirm(self, tr("comp.confirm_title"), question):
                self.grant_requested.emit(option, reason)
        else:
            question = tr("comp.confirm_request", label=option.label, amount=amount)
            if self.confirm(self, tr("comp.confirm_title"), question):
                self.approval_requested.emit(option, reason)

    def show_request(self, view: ApprovalView) -> None:
        self.request_text.setPlainText(view.text)
        self.request_box.setVisible(True)
        self.copy_request_text()
        self.code.setFocus(Qt.OtherFocusReason)

    def copy_request_text(self) -> None:
        text = self.request_text.toPlainText()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.show_notice(tr("comp.request_copied"))

    def _code(self) -> None:
        code = self.code.text().strip()
        if code:
            self.code_entered.emit(code)

    def code_accepted(self) -> None:
        self.code.clear()
        self.request_box.setVisible(False)
        self.request_text.clear()

    def reset(self) -> None:
        self.reason.clear()
        self.code.clear()
        self.request_text.clear()
        self.request_box.setVisible(False)
        self.show_notice("")
        self.show_options([], has_case=False)
