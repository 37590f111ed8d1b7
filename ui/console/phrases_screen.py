"""The phrase library editor: search, add, edit, disable, preview, import and export.

Supervisors' phrases live in the phrase database (`phrases.path`), layered over the
shipped library; everything goes through the suggest package's PhraseStore and
PhraseLibrary, on a worker lane (widgets never touch SQLite).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
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
from ui.ops import run_in_background
from ui.plain import plain_label

COLUMNS = ("Id", "Language", "Function", "Source", "Active", "Text")


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
        return (
            "Some placeholders have no value for the sample customer; the sidebar would not "
            f"offer this phrase to them: {phrase_text}"
        )
    return filled


class PhrasesScreen(QWidget):
    loaded = Signal(int)  # rows shown
    saved = Signal(str)  # what happened

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("phrasesScreen")
        self.rows: list[PhraseRow] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("phraseSearch")
        self.search.setPlaceholderText("Search id, function or text…")
        self.search.setAccessibleName("Search phrases")
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.search, 1)
        self.import_button = QPushButton("Import…", self)
        self.export_button = QPushButton("Export…", self)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Horizontal, self)
        self.table = QTableWidget(0, len(COLUMNS), splitter)
        self.table.setObjectName("phraseTable")
        self.table.setAccessibleName("Phrases")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        editor = QWidget(splitter)
        form = QFormLayout(editor)
        self.phrase_id = QLineEdit(editor)
        self.phrase_id.setObjectName("phraseId")
        self.language = QComboBox(editor)
        self.language.addItems(["id", "en"])
        self.language.setObjectName("phraseLanguage")
        self.function = QComboBox(editor)
        self.function.addItems(list(FUNCTIONS))
        self.function.setObjectName("phraseFunction")
        self.text = QPlainTextEdit(editor)
        self.text.setObjectName("phraseText")
        self.text.setPlaceholderText("Saya mengerti kekecewaan {name} karena pesanan {order_ref}…")
        self.emotions = QLineEdit(editor)
        self.emotions.setObjectName("phraseEmotions")
        self.emotions.setPlaceholderText(", ".join(EMOTIONS))
        self.issues = QLineEdit(editor)
        self.issues.setObjectName("phraseIssues")
        self.issues.setPlaceholderText(", ".join(ISSUES[:3]) + ", …")
        form.addRow("Id", self.phrase_id)
        form.addRow("Language", self.language)
        form.addRow("Empathy function", self.function)
        form.addRow("Text", self.text)
        form.addRow("Only for emotions", self.emotions)
        form.addRow("Only for issues", self.issues)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("New", editor)
        self.save_button = QPushButton("Save phrase", editor)
        self.disable_button = QPushButton("Disable", editor)
        self.enable_button = QPushButton("Enable", editor)
        for button in (self.new_button, self.save_button, self.disable_button, self.enable_button):
            buttons.addWidget(button)
        form.addRow(buttons)
        self.preview = plain_label("", editor, name="phrasePreview")
        form.addRow("Preview (sample customer)", self.preview)
        self.message = plain_label("", editor, name="phraseMessage")
        form.addRow(self.message)
        splitter.addWidget(self.table)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
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
        self.reload()

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
        self.message.setText(str(exc))

    def visible_rows(self) -> list[PhraseRow]:
        needle = self.search.text().strip().lower()
        if not needle:
            return self.rows
        return [
            r
            for r in self.rows
            if needle in r.phrase.id.lower()
            or needle in r.phrase.function
            or needle in r.phrase.text.lower()
        ]

    def _show_rows(self) -> None:
        rows = self.visible_rows()
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            p = row.phrase
            active = "yes" if row.active else f"disabled {row.reason}".strip()
            for col, text in enumerate((p.id, p.language, p.function, p.source, active, p.text)):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, p.id)
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
        self.language.setCurrentText(p.language)
        self.function.setCurrentText(p.function)
        self.text.setPlainText(p.text)
        self.emotions.setText(", ".join(p.emotions))
        self.issues.setText(", ".join(p.issues))

    def _new(self) -> None:
        self.table.clearSelection()
        for edit in (self.phrase_id, self.emotions, self.issues):
            edit.clear()
        self.text.clear()
        self.message.setText("")
        self.phrase_id.setFocus()

    def _update_preview(self) -> None:
        text = " ".join(self.text.toPlainText().split())
        case = SampleCase(language=self.language.currentText())
        self.preview.setText(preview_text(text, case) if text else "")

    # ------------------------------------------------------------------ changes

    def current_phrase(self) -> Phrase:
        data: dict[str, object] = {
            "id": self.phrase_id.text().strip(),
            "language": self.language.currentText(),
            "function": self.function.currentText(),
            "text": self.text.toPlainText(),
        }
        for key, edit in (("emotions", self.emotions), ("issues", self.issues)):
            values = [v.strip() for v in edit.text().split(",") if v.strip()]
            if values:
                data[key] = values
        return _parse_one(data)

    def _run(self, op, done_text: str) -> None:  # type: ignore[no-untyped-def]
        path = self.ctx.phrases_path

        def work() -> None:
            with PhraseStore.open(path) as store:
                op(store)

        def done(_result: object) -> None:
            self.message.setText(done_text)
            self.ctx.log.append(done_text)
            self.saved.emit(done_text)
            self.reload()

        run_in_background(work, done, self._failed, parent=self, lane="console")

    def save_current(self) -> None:
        try:
            phrase = self.current_phrase()
        except PekaError as exc:
            self.message.setText(str(exc))
            return
        by = self.ctx.supervisor
        self._run(lambda store: store.put([phrase], by=by), f"Saved phrase {phrase.id}.")

    def _current_id(self) -> str | None:
        phrase_id = self.phrase_id.text().strip()
        if not phrase_id:
            self.message.setText("Select a phrase first.")
            return None
        return phrase_id

    def disable_current(self) -> None:
        phrase_id = self._current_id()
        if phrase_id is None:
            return
        if not self.ctx.confirm(
            self, "Disable phrase", f"Stop suggesting {phrase_id!r} to agents?"
        ):
            return
        by = self.ctx.supervisor
        self._run(
            lambda store: store.disable(phrase_id, by=by, reason="disabled in the console"),
            f"Disabled phrase {phrase_id}.",
        )

    def enable_current(self) -> None:
        phrase_id = self._current_id()
        if phrase_id is not None:
            self._run(lambda store: store.enable(phrase_id), f"Enabled phrase {phrase_id}.")

    # ------------------------------------------------------------------ files

    def _import_clicked(self) -> None:
        path = self.ctx.choose_file(self, "Import phrases", "", "Phrases (*.jsonl)", False)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        try:
            phrases = [item.phrase for item in read_file(path, source="supervisor")]
        except PhraseError as exc:
            self.message.setText(str(exc))
            return
        except OSError as exc:
            self.message.setText(f"[{E742}] Cannot read {path}: {exc.strerror}.")
            return
        if not self.ctx.confirm(
            self, "Import phrases", f"Add or replace {len(phrases)} phrase(s) from {path.name}?"
        ):
            return
        by = self.ctx.supervisor
        self._run(
            lambda store: store.put(phrases, by=by), f"Imported {len(phrases)} phrases from {path}."
        )

    def _export_clicked(self) -> None:
        path = self.ctx.choose_file(
            self, "Export phrases", "phrases.jsonl", "Phrases (*.jsonl)", True
        )
        if path is not None:
            self.export_file(path)

    def export_file(self, path: Path) -> None:
        """Write the supervisors' phrases (the layer over the shipped library) as JSON Lines."""
        source = self.ctx.phrases_path

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
                raise PekaError(E742, f"Cannot write {path}: {exc.strerror}.") from exc
            return len(lines)

        def done(count: int) -> None:
            text = f"Exported {count} supervisor phrases to {path}."
            self.message.setText(text)
            self.ctx.log.append(text)
            self.saved.emit(text)

        run_in_background(work, done, self._failed, parent=self, lane="console")
