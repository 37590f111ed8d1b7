"""The phrase library editor: search, add, edit, disable, preview, import and export.

Supervisors' phrases live in the phrase database (`phrases.path`), layered over the
shipped library; everything goes through the suggest package's PhraseStore and
PhraseLibrary, on a worker lane (widgets never touch SQLite).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assist.errors import PekaError
from assist.nlp.models import EMOTIONS, FUNCTIONS, ISSUES
from assist.suggest.context import build_context
from assist.suggest.library import PhraseLibrary
from assist.suggest.phrases import Phrase, PhraseError, read_file, read_lines
from assist.suggest.store import PhraseStore
from ui.console.context import ConsoleContext
from ui.console.errors import E742
from ui.console.samples import SampleCase, sample_analysis, sample_record
from ui.console.text import LiveText
from ui.i18n import LANGUAGE_NAMES, tr, tr_or, translator
from ui.ops import run_in_background
from ui.plain import plain_label, plain_tooltip_text

# The text is what a supervisor reads: second, wide, wrapped; the language last (the
# interface language's phrases are listed first).
COLUMNS = ("id", "text", "function", "source", "active", "language")
TEXT_COLUMN = COLUMNS.index("text")
FIELDS = ("id", "language", "function", "text", "emotions", "issues", "preview")


@dataclass(frozen=True)
class PhraseRow:
    phrase: Phrase
    active: bool
    reason: str


def _load_rows(path: Path) -> list[PhraseRow]:
    library = PhraseLibrary.load(path)
    rows = []
    for phrase in sorted(library.all, key=lambda p: p.id):
        off = library.disabled.get(phrase.id)
        rows.append(PhraseRow(phrase, library.is_active(phrase.id), off.reason if off else ""))
    return rows


def _parse_one(data: dict[str, object]) -> Phrase:
    """Check one phrase with the suggest package's own reader (same messages as files)."""
    lines = [json.dumps(data, ensure_ascii=False)]
    return next(iter(read_lines(lines, "phrase", source="supervisor"))).phrase


def preview_text(phrase_text: str, case: SampleCase) -> str:
    """The phrase as an agent would see it for the sample customer."""
    now = datetime.now(UTC)
    ctx = build_context(
        sample_record(case, now),
        sample_analysis(case),
        channel="chat",
        now=now,
        agent_name="Rina",
        ui_language=case.language,
    )
    filled = ctx.fill(phrase_text)
    if filled is None:
        return tr("console.phrases.unfilled", text=phrase_text)
    return filled


class PhrasesScreen(QWidget):
    loaded = Signal(int)  # rows shown
    saved = Signal(str)  # what happened

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("phrasesScreen")
        self.rows: list[PhraseRow] = []
        self.live = LiveText()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("phraseSearch")
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.search, 1)
        self.import_button = QPushButton(self)
        self.export_button = QPushButton(self)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Horizontal, self)
        self.table = QTableWidget(0, len(COLUMNS), splitter)
        self.table.setObjectName("phraseTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        editor = QWidget(splitter)
        form = QFormLayout(editor)
        self.phrase_id = QLineEdit(editor)
        self.phrase_id.setObjectName("phraseId")
        self.language = QComboBox(editor)
        for code in ("id", "en"):
            self.language.addItem(code, code)
        self.language.setObjectName("phraseLanguage")
        self.function = QComboBox(editor)
        for name in FUNCTIONS:
            self.function.addItem(name, name)
        self.function.setObjectName("phraseFunction")
        self.text = QPlainTextEdit(editor)
        self.text.setObjectName("phraseText")
        self.emotions = QLineEdit(editor)
        self.emotions.setObjectName("phraseEmotions")
        self.emotions.setPlaceholderText(", ".join(EMOTIONS))
        self.issues = QLineEdit(editor)
        self.issues.setObjectName("phraseIssues")
        self.issues.setPlaceholderText(", ".join(ISSUES[:3]) + ", …")
        self.preview = plain_label("", editor, name="phrasePreview")
        fields: dict[str, QWidget] = {
            "id": self.phrase_id,
            "language": self.language,
            "function": self.function,
            "text": self.text,
            "emotions": self.emotions,
            "issues": self.issues,
            "preview": self.preview,
        }
        self.field_labels: dict[str, QLabel] = {}
        self.fields = fields
        buttons = QHBoxLayout()
        self.new_button = QPushButton(editor)
        self.save_button = QPushButton(editor)
        self.disable_button = QPushButton(editor)
        self.enable_button = QPushButton(editor)
        for button in (self.new_button, self.save_button, self.disable_button, self.enable_button):
            buttons.addWidget(button)
        for key in FIELDS:
            if key == "preview":
                form.addRow(buttons)
            label = QLabel(editor)
            label.setBuddy(fields[key])
            form.addRow(label, fields[key])
            self.field_labels[key] = label
        self.message = plain_label("", editor, name="phraseMessage")
        form.addRow(self.message)
        splitter.addWidget(self.table)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([3000, 1000])  # the list, with its text column, gets the room
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self._show_rows)
        self.table.itemSelectionChanged.connect(self._selected)
        self.text.textChanged.connect(self._update_preview)
        self.language.currentTextChanged.connect(self._update_preview)
        self.new_button.clicked.connect(self._new)
        self.save_button.clicked.connect(self.save_current)
        self.disable_button.clicked.connect(self.disable_current)
        self.enable_button.clicked.connect(self.enable_current)
        self.import_button.clicked.connect(self._import_clicked)
        self.export_button.clicked.connect(self._export_clicked)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(tr("console.phrases.search"))
        self.search.setAccessibleName(tr("console.phrases.search_name"))
        self.import_button.setText(tr("console.phrases.import"))
        self.export_button.setText(tr("console.phrases.export"))
        self.table.setAccessibleName(tr("console.phrases.table"))
        self.table.setHorizontalHeaderLabels([tr(f"console.phrases.col.{c}") for c in COLUMNS])
        for key, label in self.field_labels.items():
            label.setText(tr(f"console.phrases.field.{key}"))
            self.fields[key].setAccessibleName(tr(f"console.phrases.field.{key}"))
        for index in range(self.language.count()):
            code = str(self.language.itemData(index))
            self.language.setItemText(index, f"{LANGUAGE_NAMES.get(code, code)} ({code})")
        for index in range(self.function.count()):
            name = str(self.function.itemData(index))
            self.function.setItemText(index, tr_or(f"function.{name}", name))
        self.text.setPlaceholderText(tr("console.phrases.text_placeholder"))
        self.new_button.setText(tr("console.phrases.new"))
        self.save_button.setText(tr("console.phrases.save"))
        self.disable_button.setText(tr("console.phrases.disable"))
        self.enable_button.setText(tr("console.phrases.enable"))
        self.live.refresh()
        self._show_rows()
        self._update_preview()

    # ------------------------------------------------------------------ list

    def reload(self) -> None:
        path = self.ctx.phrases_path
        run_in_background(
            lambda: _load_rows(path), self._loaded, self._failed, parent=self, lane="console"
        )

    def _loaded(self, rows: list[PhraseRow]) -> None:
        self.rows = rows
        self._show_rows()

    def _failed(self, exc: Exception) -> None:
        self.live.fixed(self.message, str(exc))

    def visible_rows(self) -> list[PhraseRow]:
        needle = self.search.text().strip().lower()
        if not needle:
            return self.rows
        return [
            r
            for r in self.rows
            if needle in r.phrase.id.lower()
            or needle in r.phrase.function
            or needle in tr_or(f"function.{r.phrase.function}", "").lower()
            or needle in r.phrase.text.lower()
        ]

    def _show_rows(self) -> None:
        language = translator().language
        rows = sorted(
            self.visible_rows(), key=lambda r: (r.phrase.language != language, r.phrase.id)
        )
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            p = row.phrase
            active = (
                tr("console.phrases.active")
                if row.active
                else tr("console.phrases.disabled", reason=row.reason).strip()
            )
            function = tr_or(f"function.{p.function}", p.function)
            source = tr_or(f"console.phrases.source.{p.source}", p.source)
            for col, text in enumerate((p.id, p.text, function, source, active, p.language)):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, p.id)
                if col == TEXT_COLUMN:
                    item.setToolTip(plain_tooltip_text(text))  # the whole text, never markup
                self.table.setItem(n, col, item)
        self.loaded.emit(len(rows))

    def _selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        phrase_id = items[0].data(Qt.UserRole)
        row = next((r for r in self.rows if r.phrase.id == phrase_id), None)
        if row is None:
            return
        p = row.phrase
        self.phrase_id.setText(p.id)
        self.language.setCurrentIndex(max(0, self.language.findData(p.language)))
        self.function.setCurrentIndex(max(0, self.function.findData(p.function)))
        self.text.setPlainText(p.text)
        self.emotions.setText(", ".join(p.emotions))
        self.issues.setText(", ".join(p.issues))

    def _new(self) -> None:
        self.table.clearSelection()
        for edit in (self.phrase_id, self.emotions, self.issues):
            edit.clear()
        self.text.clear()
        self.live.fixed(self.message, "")
        self.phrase_id.setFocus()

    def _update_preview(self) -> None:
        text = " ".join(self.text.toPlainText().split())
        case = SampleCase(language=str(self.language.currentData()))
        self.preview.setText(preview_text(text, case) if text else "")

    # ------------------------------------------------------------------ changes

    def current_phrase(self) -> Phrase:
        data: dict[str, object] = {
            "id": self.phrase_id.text().strip(),
            "language": str(self.language.currentData()),
            "function": str(self.function.currentData()),
            "text": self.text.toPlainText(),
        }
        for key, edit in (("emotions", self.emotions), ("issues", self.issues)):
            values = [v.strip() for v in edit.text().split(",") if v.strip()]
            if values:
                data[key] = values
        return _parse_one(data)

    def _run(self, op, done: Callable[[], str]) -> None:  # type: ignore[no-untyped-def]
        path = self.ctx.phrases_path

        def work() -> None:
            with PhraseStore.open(path) as store:
                op(store)

        def finished(_result: object) -> None:
            text = self.live.show(self.message, done)
            self.ctx.log.append(text)
            self.saved.emit(text)
            self.reload()

        run_in_background(work, finished, self._failed, parent=self, lane="console")

    def save_current(self) -> None:
        try:
            phrase = self.current_phrase()
        except PekaError as exc:
            self.live.fixed(self.message, str(exc))
            return
        by = self.ctx.supervisor
        self._run(
            lambda store: store.put([phrase], by=by),
            lambda: tr("console.phrases.saved", id=phrase.id),
        )

    def _current_id(self) -> str | None:
        phrase_id = self.phrase_id.text().strip()
        if not phrase_id:
            self.live.show(self.message, lambda: tr("console.phrases.select_first"))
            return None
        return phrase_id

    def disable_current(self) -> None:
        phrase_id = self._current_id()
        if phrase_id is None:
            return
        if not self.ctx.confirm(
            self,
            tr("console.phrases.disable_title"),
            tr("console.phrases.disable_question", id=repr(phrase_id)),
        ):
            return
        by = self.ctx.supervisor
        reason = tr("console.phrases.disabled_reason")
        self._run(
            lambda store: store.disable(phrase_id, by=by, reason=reason),
            lambda: tr("console.phrases.disabled_done", id=phrase_id),
        )

    def enable_current(self) -> None:
        phrase_id = self._current_id()
        if phrase_id is not None:
            self._run(
                lambda store: store.enable(phrase_id),
                lambda: tr("console.phrases.enabled_done", id=phrase_id),
            )

    # ------------------------------------------------------------------ files

    def _import_clicked(self) -> None:
        path = self.ctx.choose_file(
            self, tr("console.phrases.import_title"), "", tr("console.phrases.filter"), False
        )
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        try:
            phrases = [item.phrase for item in read_file(path, source="supervisor")]
        except PhraseError as exc:
            self.live.fixed(self.message, str(exc))
            return
        except OSError as exc:
            reason = exc.strerror
            self.live.show(
                self.message,
                lambda: f"[{E742}] " + tr("console.phrases.cannot_read", path=path, reason=reason),
            )
            return
        count = len(phrases)
        if not self.ctx.confirm(
            self,
            tr("console.phrases.import_title"),
            tr("console.phrases.import_question", count=count, name=path.name),
        ):
            return
        by = self.ctx.supervisor
        self._run(
            lambda store: store.put(phrases, by=by),
            lambda: tr("console.phrases.imported", count=count, path=path),
        )

    def _export_clicked(self) -> None:
        path = self.ctx.choose_file(
            self,
            tr("console.phrases.export_title"),
            "phrases.jsonl",
            tr("console.phrases.filter"),
            True,
        )
        if path is not None:
            self.export_file(path)

    def export_file(self, path: Path) -> None:
        """Write the supervisors' phrases (the layer over the shipped library) as JSON Lines."""
        source = self.ctx.phrases_path
        cannot_write = tr("console.phrases.cannot_write", path=path, reason="{reason}")

        def work() -> int:
            if not source.exists():
                phrases: list[Phrase] = []
            else:
                with PhraseStore.open(source) as store:
                    phrases = store.phrases()
            lines = [json.dumps(p.to_json(), ensure_ascii=False) + "\n" for p in phrases]
            try:
                path.write_text("".join(lines), encoding="utf-8")
            except OSError as exc:
                raise PekaError(E742, cannot_write.replace("{reason}", str(exc.strerror))) from exc
            return len(lines)

        def done(count: int) -> None:
            text = self.live.show(
                self.message, lambda: tr("console.phrases.exported", count=count, path=path)
            )
            self.ctx.log.append(text)
            self.saved.emit(text)

        run_in_background(work, done, self._failed, parent=self, lane="console")
