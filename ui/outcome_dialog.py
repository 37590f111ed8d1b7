"""How the conversation ended: one key before the next customer.

The keys follow the interface language's words: S, T, D for Selesai, Tindak lanjut,
Dieskalasi; R, F, E for Resolved, Follow-up, Escalated.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.plain import plain_label

OUTCOMES = ("resolved", "follow_up", "escalated")


def outcome_key(outcome: str) -> str:
    """The one-letter key for ``outcome`` in the interface language."""
    return tr(f"outcome.key.{outcome}")


class OutcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("outcome.title"))
        self.setAccessibleName(tr("outcome.title"))
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(tr("outcome.question"), self))
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for outcome in OUTCOMES:
            key = outcome_key(outcome)
            button = QPushButton(f"{tr(f'outcome.{outcome}')} ({key})", self)
            button.setShortcut(key)
            button.setAccessibleName(tr(f"outcome.{outcome}"))
            button.clicked.connect(lambda _c=False, o=outcome: self._choose(o))
            row.addWidget(button)
            self.buttons[outcome] = button
        layout.addLayout(row)
        cancel = QPushButton(tr("outcome.cancel"), self)
        cancel.setAccessibleName(tr("outcome.cancel"))
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel, 0, Qt.AlignRight)
        self.buttons["resolved"].setDefault(True)

    def _choose(self, outcome: str) -> None:
        self.choice = outcome
        self.accept()


def choose_outcome(parent: QWidget) -> str | None:
    """Ask how the conversation ended; None if the agent cancels."""
    dialog = OutcomeDialog(parent)
    dialog.exec()
    return dialog.choice
