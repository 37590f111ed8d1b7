"""Team mode: a plain banner at the top of the sidebar while the team server cannot be
reached, and the results of replaying the offline outbox when it is back.

The widget only listens: the controller relays the core's ``team_changed`` event (a
``TeamState``) and retries the server on a timer through ``ui.ops``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from assist.formatting import format_money
from ui.i18n import tr, translator
from ui.plain import plain_label, set_plain


class TeamBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamBanner")
        self.state: Any = None
        self.label = plain_label("", self, name="warning")
        self.dismiss = QToolButton(self)
        self.dismiss.setAutoRaise(True)
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss)
        self.setVisible(False)
        self.retranslate()

    def show_state(self, state: Any) -> None:
        self.state = state
        self.retranslate()

    def text(self) -> str:
        return self.label.text()

    def retranslate(self) -> None:
        self.dismiss.setText(tr("team.banner.dismiss"))
        state = self.state
        if state is None:
            self.setVisible(False)
            return
        language = translator().language
        if not state.online:
            if state.allowance_left:
                may = ", ".join(
                    f"{state.label(name, language)} {format_money(left, state.currency, language)}"
                    for name, left in state.allowance_left.items()
                )
                allowance = tr("team.banner.allowance", allowance=may)
            else:
                allowance = tr("team.banner.no_allowance")
            text = " ".join(
                (
                    tr("team.banner.offline"),
                    allowance,
                    tr("team.banner.pending", count=state.pending),
                    tr("team.banner.retrying"),
                )
            )
            self.dismiss.setVisible(False)
        elif state.refused:
            lines = [tr("team.banner.back", accepted=len(state.accepted))]
            for item in state.refused:
                why = item.result.get("message") or item.result.get("code") or ""
                lines.append(
                    tr(
                        "team.banner.refused",
                        type=state.label(item.type, language),
                        amount=format_money(item.amount_minor, state.currency, language),
                        customer=item.customer_id,
                        reason=f"[{item.result.get('code', '')}] {why}",
                    )
                )
            text = "\n".join(lines)
            self.dismiss.setVisible(True)  # a refusal stays until the agent has read it
        elif state.pending:
            text = tr("team.banner.replaying", count=state.pending)
            self.dismiss.setVisible(False)
        else:
            if not state.accepted:  # online, nothing waiting: no banner
                self.setVisible(False)
                return
            text = tr("team.banner.back", accepted=len(state.accepted))
            self.dismiss.setVisible(True)
        set_plain(self.label, text)
        self.setVisible(True)
