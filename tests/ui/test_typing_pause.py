"""The one typing-pause helper behind the message box and the reply box."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from ui.typing_pause import TypingPause


def test_only_a_change_of_text_waits_for_a_pause(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    ended: list[str] = []
    pause = TypingPause(edit, 30, lambda: ended.append(edit.toPlainText()))
    qtbot.keyClicks(edit, "halo")
    qtbot.waitUntil(lambda: ended == ["halo"], timeout=2000)
    # A format change (what highlighting does) is reported as textChanged too: no new wait.
    cursor = edit.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    bold = QTextCharFormat()
    bold.setFontWeight(700)
    cursor.mergeCharFormat(bold)
    assert not pause.timer.isActive()
    # Text put in by Peka itself is not the agent typing.
    pause.set_quietly("dari helpdesk")
    assert edit.toPlainText() == "dari helpdesk" and not pause.timer.isActive()
    qtbot.keyClicks(edit, "!")
    assert pause.timer.isActive()
    pause.stop()
    assert ended == ["halo"]
