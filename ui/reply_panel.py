"""The reply: the agent writes, Peka suggests empathy phrases and coaches the draft.

After a short pause in typing (``ui.suggest_delay_ms``) the controller asks the session
for suggestions and coaching in the background. Suggestions are grouped by empathy
function, best first, numbered 1–9 (Ctrl+1…9 inserts at the cursor; click or Enter on a
suggestion does too). The coach shows the empathy checklist and its findings, each with a
one-click rewrite (Alt+1…9).

The suggestions and the coach's findings are each one list view (``ui.card_list``)
whose delegate paints the word-wrapped cards: an update is a model reset and one repaint,
and the window is laid out again only when the list's height changes. A label per card
made Qt measure and lay out a dozen word-wrapping labels on every typing pause.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from assist.app.views import FindingView, SuggestionView, UpdateView
from assist.nlp.models import CHECKLIST_STEPS
from assist.suggest.offer import join_into_draft
from ui.card_list import CardItem, CardList
from ui.highlight import Span, SpanHighlighter
from ui.i18n import tr, tr_or
from ui.plain import plain_label, set_plain
from ui.theme import colours
from ui.typing_pause import TypingPause

MAX_SUGGESTIONS = 9
MAX_FINDINGS = 9


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def joined_insert(before: str, after: str, phrase: str) -> str:
    """``phrase`` with the spaces and capital it needs between ``before`` and ``after``."""
    return join_into_draft(before, after, phrase)


class ReplyPanel(QWidget):
    suggestion_inserted = Signal(str)  # suggestion id
    # Milliseconds from the end of the typing pause to the updated suggestions on screen.
    update_rendered = Signal(float)

    def __init__(self, delay_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: UpdateView | None = None
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(90)
        self.edit.setMaximumHeight(150)
        self.findings_highlighter = SpanHighlighter(
            self.edit.document(), lambda _kind: colours().finding_bg
        )
        self.waiting = plain_label("", self, name="muted")
        self.waiting.setVisible(False)
        self.suggestions_title = plain_label("", self, name="sectionTitle")
        self.suggestion_list = CardList(self)
        self.suggestion_list.chosen.connect(lambda row: self.insert_suggestion(row + 1))
        self.no_suggestions = plain_label("", self, name="muted")
        self.coach_title = plain_label("", self, name="sectionTitle")
        self.checklist: dict[str, QLabel] = {
            step: plain_label("", self) for step in CHECKLIST_STEPS
        }
        self.tone = plain_label("", self, name="muted")
        self.finding_list = CardList(self)
        self.finding_list.chosen.connect(lambda row: self.apply_finding(row + 1))
        self._shown: list[SuggestionView] = []
        self._findings: list[FindingView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.waiting)
        layout.addWidget(self.suggestions_title)
        layout.addWidget(self.no_suggestions)
        layout.addWidget(self.suggestion_list)
        layout.addWidget(self.coach_title)
        for label in self.checklist.values():
            layout.addWidget(label)
        layout.addWidget(self.tone)
        layout.addWidget(self.finding_list)
        self.pause = TypingPause(self.edit, delay_ms, self._pause_ended)
        self._asked_at: float | None = None
        self.request_update = _no_request
        self.show_update(None)

    # -- text ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.edit.setPlaceholderText(tr("reply.placeholder"))
        self.edit.setAccessibleName(tr("reply.accessible"))
        set_plain(self.suggestions_title, tr("reply.suggestions"))
        set_plain(self.coach_title, tr("reply.coach"))
        set_plain(self.waiting, tr("reply.waiting_engine"))
        self.suggestion_list.setAccessibleName(tr("reply.suggestions"))
        self.finding_list.setAccessibleName(tr("reply.coach"))
        self.show_update(self.view)

    def text(self) -> str:
        return self.edit.toPlainText()

    def clear(self) -> None:
        self.pause.set_quietly("")
        self.view = None
        self.show_update(None)

    def mirror_draft(self, text: str) -> None:
        """Show the draft the agent types in the helpdesk (no update is asked for: the
        helpdesk's draft already brought its suggestions)."""
        if self.edit.hasFocus() or text == self.edit.toPlainText():
            return  # the agent is typing here: their text wins
        self.pause.set_quietly(text)

    def focus(self) -> None:
        self.edit.setFocus(Qt.ShortcutFocusReason)

    def set_engine_waiting(self, waiting: bool) -> None:
        self.waiting.setVisible(waiting)

    def refresh_now(self) -> None:
        """Ask for suggestions for the current draft without waiting for a pause."""
        self.pause.stop()
        self._pause_ended()

    def _pause_ended(self) -> None:
        self._asked_at = time.perf_counter()
        self.request_update(self.edit.toPlainText(), self._asked_at)

    # -- inserting --------------------------------------------------------------------------
    def insert_text(self, phrase: str) -> None:
        cursor = self.edit.textCursor()
        document = self.edit.toPlainText()
        # Qt positions count UTF-16 units; slice the Python string by characters.
        position = cursor.position()
        before = document.encode("utf-16-le")[: position * 2].decode("utf-16-le")
        after = document[len(before) :]
        cursor.insertText(joined_insert(before, after, phrase))
        self.edit.setTextCursor(cursor)
        self.edit.setFocus(Qt.OtherFocusReason)

    def insert_suggestion(self, number: int) -> bool:
        """Insert suggestion ``number`` (1-based, as shown); False if there is none."""
        if not 1 <= number <= len(self._shown):
            return False
        suggestion = self._shown[number - 1]
        self.insert_text(suggestion.text)
        self.suggestion_inserted.emit(suggestion.id)
        return True

    def apply_finding(self, number: int) -> bool:
        """Take the coach's rewrite ``number`` (1-based) as the new draft (one undo step)."""
        if not 1 <= number <= len(self._findings) or self.view is None:
            return False
        if not self._findings[number - 1].rewrite:
            return False  # advice without a rewrite: nothing to take
        if self.edit.toPlainText() != self.view.draft:
            # The agent typed after this advice; a fresh one is on its way.
            self.refresh_now()
            return False
        cursor = QTextCursor(self.edit.document())
        cursor.select(QTextCursor.Document)
        cursor.insertText(self._findings[number - 1].rewrite)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus(Qt.OtherFocusReason)
        return True

    # -- showing an update ------------------------------------------------------------------
    def prewarm(self) -> None:
        """Polish the lists while the engine loads, so the first suggestions do not pay
        for it while the agent types."""
        for widget in (self.suggestion_list, self.finding_list):
            widget.ensurePolished()

    def shown_suggestions(self) -> list[SuggestionView]:
        return list(self._shown)

    def shown_findings(self) -> list[FindingView]:
        return list(self._findings)

    def on_updated(self, view: UpdateView, _elapsed: float) -> None:
        self.show_update(view)
        if self._asked_at is not None:
            self.update_rendered.emit((time.perf_counter() - self._asked_at) * 1000)
            self._asked_at = None

    def show_update(self, view: UpdateView | None) -> None:
        self.view = view
        # No setUpdatesEnabled() around this: re-enabling repaints the whole panel, the
        # editor included, while unchanged labels and lists repaint nothing at all (Qt
        # merges the changed ones into one paint).
        self._show_suggestions(view.numbered()[:MAX_SUGGESTIONS] if view else [], view)
        self._show_coach(view)

    def _show_suggestions(self, shown: list[SuggestionView], view: UpdateView | None) -> None:
        self._shown = shown
        if not shown:
            set_plain(
                self.no_suggestions,
                tr("reply.no_suggestions") if view is not None else tr("reply.start_typing"),
            )
        self.no_suggestions.setVisible(not shown)
        items: list[CardItem] = []
        function = None
        for n, suggestion in enumerate(shown, start=1):
            heading = ""
            if suggestion.function != function:
                function = suggestion.function
                heading = tr_or(f"function.{function}", function.replace("_", " "))
            reason = f"\n{suggestion.reason}" if suggestion.reason else ""
            items.append(
                CardItem(
                    text=suggestion.text,
                    badge=str(n),
                    heading=heading,
                    accessible=tr("reply.suggestion_accessible", n=n, text=suggestion.text),
                    tooltip=tr("reply.suggestion_tooltip", n=n) + reason,
                )
            )
        self.suggestion_list.set_items(items)

    def _show_coach(self, view: UpdateView | None) -> None:
        checklist = view.checklist if view else {}
        for step, label in self.checklist.items():
            done = checklist.get(step, False)
            mark = "✓" if done else "○"
            set_plain(label, f"{mark} {tr(f'checklist.{step}')}")
            label.setAccessibleName(
                f"{tr(f'checklist.{step}')}: {tr('reply.done' if done else 'reply.not_yet')}"
            )
            name = "ok" if done else ""
            if label.objectName() != name:
                # Re-polishing costs milliseconds under a style sheet: only on a change.
                label.setObjectName(name)
                label.style().unpolish(label)
                label.style().polish(label)
        tone = view.tone if view else ""
        set_plain(self.tone, tr("reply.tone", tone=tr_or(f"tone.{tone}", tone)) if tone else "")
        self.tone.setVisible(bool(tone))
        findings = view.findings[:MAX_FINDINGS] if view else []
        self._findings = findings
        items: list[CardItem] = []
        for n, finding in enumerate(findings, start=1):
            kind = tr_or(f"finding.{finding.kind}", finding.kind.replace("_", " "))
            heading = f"{kind}: {finding.message}" if finding.message else kind
            rewrite = finding.rewrite
            items.append(
                CardItem(
                    text=finding_preview(finding, view.draft if view else "") if rewrite else "",
                    badge=f"Alt+{n}",
                    heading=heading,
                    muted_heading=False,
                    accessible=(
                        tr("reply.rewrite_accessible", n=n, text=rewrite) if rewrite else heading
                    ),
                    tooltip=rewrite,
                )
            )
        self.finding_list.set_items(items)
        draft = self.edit.toPlainText()
        if view is not None and view.draft == draft:
            self.findings_highlighter.set_spans(
                draft,
                [
                    Span(f.start, f.end, f.kind)
                    for f in findings
                    if f.start is not None and f.end is not None and f.end > f.start
                ],
            )
        else:
            self.findings_highlighter.set_spans("", [])


def finding_preview(finding: FindingView, draft: str) -> str:
    """What a rewrite changes, short: “old” → “new”, or + “added” for an insertion."""
    old, new = finding.change(draft)
    if not old:
        return f"+ “{new}”"
    if new.endswith(old) and new != old:  # text put before the draft's start
        return f"+ “{new[: len(new) - len(old)].strip()}”"
    if new.startswith(old) and new != old:  # text added after the draft's end
        return f"+ “{new[len(old) :].strip()}”"
    return f"“{old}” → “{new}”"


def _no_request(draft: str, asked_at: float) -> None:
    return None
