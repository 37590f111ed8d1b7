"""The customer's message: paste or type it; Peka reads emotion, intensity, issue, fault.

The message stays plain text in a ``QPlainTextEdit``; the cues the engine found
(emotion words, intensifiers, waiting time, threats, …) are coloured by a syntax
highlighter, never by turning the message into HTML.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QPlainTextEdit, QProgressBar, QVBoxLayout, QWidget

from assist.app.views import MessageView
from assist.nlp.scoring import reason_in
from ui.highlight import Span, SpanHighlighter
from ui.i18n import tr, tr_or, translator
from ui.plain import plain_label, set_plain
from ui.typing_pause import TypingPause

ANALYSE_DELAY_MS = 400


def intensity_word(intensity: float) -> str:
    if intensity >= 0.7:
        return tr("msg.intensity.high")
    if intensity >= 0.4:
        return tr("msg.intensity.medium")
    return tr("msg.intensity.low")


class MessagePanel(QWidget):
    message_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: MessageView | None = None
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(70)
        self.edit.setMaximumHeight(100)
        self.highlighter = SpanHighlighter(self.edit.document())
        self.status = plain_label("", self, name="muted")
        self.emotion = plain_label("", self)
        self.intensity = QProgressBar(self)
        self.intensity.setRange(0, 100)
        self.intensity.setTextVisible(False)
        self.intensity.setMaximumHeight(8)
        self.issue = plain_label("", self)
        self.fault = plain_label("", self)
        self.cues = plain_label("", self, name="muted")
        self.captions = {
            key: plain_label("", self, name="muted") for key in ("emotion", "issue", "fault")
        }
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        emotion_box = QVBoxLayout()
        emotion_box.setSpacing(2)
        emotion_box.addWidget(self.emotion)
        emotion_box.addWidget(self.intensity)
        form.addRow(self.captions["emotion"], emotion_box)
        form.addRow(self.captions["issue"], self.issue)
        form.addRow(self.captions["fault"], self.fault)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.cues)
        self.pause = TypingPause(self.edit, ANALYSE_DELAY_MS, self._changed)
        self.show_analysis(None)

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(tr("msg.placeholder"))
        self.edit.setAccessibleName(tr("msg.accessible"))
        self.intensity.setAccessibleName(tr("msg.intensity"))
        for key, caption in self.captions.items():
            set_plain(caption, tr(f"msg.{key}"))
        self.show_analysis(self.view)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Put a message in the box and analyse it now (as when the agent pastes it)."""
        self.pause.set_quietly(text)
        self._changed()

    def clear(self) -> None:
        self.pause.set_quietly("")
        self.show_analysis(None)

    def focus(self) -> None:
        self.edit.setFocus(Qt.ShortcutFocusReason)

    def set_waiting(self, waiting: bool) -> None:
        set_plain(self.status, tr("msg.analysing") if waiting else "")
        self.status.setVisible(waiting)

    def _changed(self) -> None:
        text = self.edit.toPlainText()
        if text.strip():
            self.set_waiting(True)
            self.message_changed.emit(text)
        else:
            self.show_analysis(None)
            if text:  # only spaces or line breaks: say so rather than read a feeling into it
                set_plain(self.status, tr("msg.nothing_to_analyse"))
                self.status.setVisible(True)

    def show_analysis(self, view: MessageView | None) -> None:
        if view is not None and view.analysis.text != self.edit.toPlainText():
            return  # the agent edited the message; its own analysis is on the way
        self.view = view
        self.set_waiting(False)
        shown = view is not None
        for widget in (self.emotion, self.intensity, self.issue, self.fault, self.cues):
            widget.setVisible(shown)
        for caption in self.captions.values():
            caption.setVisible(shown)
        if view is None:
            self.highlighter.set_spans("", [])
            return
        a = view.analysis
        emotion = tr_or(f"emotion.{a.emotion}", a.emotion)
        reading = tr("msg.emotion_value", emotion=emotion, strength=intensity_word(a.intensity))
        alternative = a.emotion_alternative()
        if alternative is not None:
            other = tr_or(f"emotion.{alternative}", alternative).lower()
            reading = tr("msg.emotion_or", reading=reading, alternative=other)
        set_plain(self.emotion, reading)
        self.intensity.setValue(round(a.intensity * 100))
        self.intensity.setAccessibleDescription(f"{round(a.intensity * 100)} %")
        set_plain(self.issue, tr_or(f"issue.{a.issue_name_key()}", a.issue))
        fault = tr_or(f"fault.{a.fault}", a.fault)
        why = reason_in(a.fault_reason, translator().language) if a.fault_reason else ""
        set_plain(self.fault, f"{fault} — {why}" if why else fault)
        kinds = sorted({tr_or(f"cue.{c.kind}", c.kind) for c in a.cues})
        set_plain(self.cues, tr("msg.cues", cues=", ".join(kinds)) if kinds else "")
        self.cues.setVisible(bool(kinds))
        self.highlighter.set_spans(a.text, [Span(c.start, c.end, c.kind) for c in a.cues])
