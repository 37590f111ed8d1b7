"""Showing untrusted text – names, notes, messages, phrases – as plain text, always.

Qt guesses that a string starting with ``<b>`` is rich text and renders it. Customer data
must never be interpreted, so every label that shows data is made here with
``Qt.PlainText`` and every message box sets its text format before any text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    """A word-wrapping, selectable QLabel that never interprets markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
    if name:
        label.setObjectName(name)
    label.setText(text)
    return label


def set_plain(label: QLabel, text: str) -> None:
    """Set ``text`` on ``label`` as plain text (re-asserted: a guard against later edits)."""
    label.setTextFormat(Qt.PlainText)
    label.setText(text)


def plain_tooltip_text(text: str) -> str:
    """Tooltip text that Qt shows literally.

    Tooltips have no text-format switch: Qt renders any tooltip that looks like markup.
    Escaping inside an explicit ``<qt>`` document keeps a customer's name as typed.
    """
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def set_plain_tooltip(widget: QWidget, text: str) -> None:
    widget.setToolTip(plain_tooltip_text(text))


def plain_message_box(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    icon: QMessageBox.Icon = QMessageBox.Information,
    buttons: QMessageBox.StandardButton = QMessageBox.Ok,
    detail: str = "",
) -> QMessageBox:
    """A QMessageBox whose text and informative text are plain text (not shown yet)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setTextFormat(Qt.PlainText)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
        # The informative label follows the box's text format; make sure of it.
        for label in box.findChildren(QLabel):
            label.setTextFormat(Qt.PlainText)
    box.setStandardButtons(buttons)
    box.setAccessibleName(title)
    return box


def ask_plain(parent: QWidget | None, title: str, question: str, *, default_yes: bool) -> bool:
    """A modal yes/no question in plain text; ``default_yes`` picks the Enter key's answer."""
    box = plain_message_box(
        parent,
        title,
        question,
        icon=QMessageBox.Question,
        buttons=QMessageBox.Yes | QMessageBox.No,
    )
    box.setDefaultButton(QMessageBox.Yes if default_yes else QMessageBox.No)
    return box.exec() == QMessageBox.Yes
