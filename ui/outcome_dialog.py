"""How the conversation ended: one key (R, F or E) before the next customer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.plain import plain_label

OUTCOMES = ("resolved", "follow_up", "escalated")
KEYS = {"resolved": "R", "follow_up": "F", "escalated": "E"}


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
            button = QPushButton(f"{tr(f'outcome.{outcome}')} ({KEYS[outcome]})", self)
            button.setShortcut(KEYS[outcome])
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
