"""A text box's typing pause: the moment to analyse a message or ask for suggestions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPlainTextEdit


class TypingPause(QObject):
    """Calls ``ended`` once the text of ``edit`` has stayed the same for ``delay_ms``.

    Highlighting changes formats, which Qt also reports as ``textChanged``: only a change
    of the text itself starts the wait again."""

    def __init__(self, edit: QPlainTextEdit, delay_ms: int, ended: Callable[[], None]) -> None:
        super().__init__(edit)
        self.edit = edit
        self.seen = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(ended)
        edit.textChanged.connect(self._text_changed)

    def stop(self) -> None:
        self.timer.stop()

    def set_quietly(self, text: str) -> None:
        """Put ``text`` in the box without it counting as typing."""
        self.timer.stop()
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        self.seen = text

    def _text_changed(self) -> None:
        text = self.edit.toPlainText()
        if text != self.seen:
            self.seen = text
            self.timer.start()
