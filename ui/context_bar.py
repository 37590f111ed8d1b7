"""Where the sidebar's conversation came from, and the clipboard-follow toggle.

The line names the source (the sidebar itself, the browser extension, ``peka open``, the
Chatwoot dashboard app, the clipboard), the helpdesk and its conversation, how the
customer was matched, and how many conversations are parked. Context nobody vouches for
(Chatwoot's postMessage, the clipboard) is marked unverified.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from assist.app.follow import ContextView
from ui.i18n import tr, tr_or
from ui.plain import plain_label, set_plain


class ContextBar(QWidget):
    clipboard_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contextBar")
        self.view: ContextView | None = None
        self.label = plain_label("", self, name="contextLabel")
        self.clipboard = QCheckBox(self)
        self.clipboard.setObjectName("followClipboard")
        self.clipboard.setChecked(False)  # off by default: copying is not consent
        self.clipboard.toggled.connect(self.clipboard_toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clipboard)

    def retranslate(self) -> None:
        self.clipboard.setText(tr("context.follow_clipboard"))
        self.clipboard.setToolTip(tr("context.follow_clipboard_tip"))
        self.clipboard.setAccessibleName(tr("context.follow_clipboard"))
        self.label.setAccessibleName(tr("context.label"))
        self.show_context(self.view)

    def show_context(self, view: ContextView | None) -> None:
        self.view = view
        set_plain(self.label, context_text(view))

    @property
    def following_clipboard(self) -> bool:
        return self.clipboard.isChecked()


def context_text(view: ContextView | None) -> str:
    """One line: source · helpdesk · conversation · match · parked (customer text is never
    interpreted: the label is plain text)."""
    if view is None or view.source == "sidebar":
        parts = [tr("context.sidebar")]
    else:
        parts = [tr_or(f"context.source.{view.source}", view.source)]
        if view.helpdesk:
            parts.append(view.helpdesk)
        if view.conversation_id:
            parts.append(tr("context.conversation", id=view.conversation_id))
        if view.matched_by:
            parts.append(
                tr(
                    "context.matched",
                    field=tr_or(f"context.field.{view.matched_by}", view.matched_by),
                )
            )
        elif view.not_found:
            parts.append(tr("context.not_found", what=view.not_found))
        if view.hint:
            parts.append(tr("context.hint"))
    if view is not None and view.parked:
        parts.append(tr("context.parked", n=len(view.parked)))
    return " · ".join(parts)
