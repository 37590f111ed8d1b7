"""The authority policy editor: forms, inline validation, a diff, a preview, signing.

Every edit re-checks the whole policy with the authority package's checker, so a field
turns red with the same message `peka policy validate` would print for it. The version
is raised by one when a policy is loaded, since every change needs a new version.
Labels and the checker's messages follow the interface language (``retranslate``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assist.authority.keys import load_public_keys
from assist.authority.policy import BUILTIN_TYPES, RULE_FIELDS, Policy
from assist.authority.policy_file import Problem, load_policy_text, read_policy_file
from assist.authority.policy_template import example_policy_text
from assist.authority.signing import read_signed_policy
from assist.errors import PekaError
from assist.money import format_money
from assist.nlp.models import EMOTIONS, FAULTS, ISSUES
from ui.console.context import ConsoleContext
from ui.console.errors import E741
from ui.console.policy_model import (
    cells_to_rule,
    form_to_toml,
    policy_to_form,
    preview_options,
    side_by_side,
    sign,
    validate,
)
from ui.console.samples import SampleCase, sample_case
from ui.console.text import LiveText, language
from ui.i18n import tr, tr_or
from ui.plain import plain_label, plain_tooltip_text

BAD = QColor("#f8d7da")
DIFF_COLOURS = {"changed": "#fff3bf", "removed": "#f8d7da", "added": "#d4edda"}
TYPE_COLUMNS = ("name", "label_id", "label_en", "unit", "refund", "fits_issues")
GENERAL_FIELDS = ("name", "version", "utc_offset", "valid_from", "expires", "default_role", "tiers")
AGENT_COLUMNS = ("agent_id", "role", "overrides", "name")
PREVIEW_COLUMNS = ("type", "amount", "status", "why")
PREVIEW_CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tier", ("regular", "silver", "gold", "platinum")),
    ("issue", ISSUES),
    ("emotion", EMOTIONS),
    ("fault", FAULTS),
    ("status", ("delayed", "completed", "failed", "disputed", "lost")),
)
# Where the sidebar's catalogue names a preview value ("issue.delivery_delay").
VALUE_KEYS = {"issue": "issue", "emotion": "emotion", "fault": "fault", "status": "tx.status"}


def _item(text: str, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemIsSelectable | Qt.ItemIsEnabled
    if editable:
        flags |= Qt.ItemIsEditable
    item.setFlags(flags)
    return item


def _overrides_text(rules: dict[str, dict[str, Any]]) -> str:
    parts = []
    for type_name, fields in rules.items():
        for name, value in fields.items():
            shown = ", ".join(value) if isinstance(value, list) else value
            if isinstance(shown, bool):
                shown = "yes" if shown else "no"
            parts.append(f"{type_name}.{name} = {shown}")
    return "; ".join(parts)


def _parse_overrides(text: str, units: dict[str, str]) -> dict[str, dict[str, Any]] | str:
    """ "voucher.daily_budget = Rp 2.000.000; cashback.max_amount = 30rb" -> rules, or why not."""
    rules: dict[str, dict[str, str]] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        if "=" not in part or "." not in part.split("=", 1)[0]:
            return tr("console.policy.bad_overrides", part=repr(part))
        target, value = part.split("=", 1)
        type_name, field_name = (s.strip() for s in target.strip().split(".", 1))
        rules.setdefault(type_name, {})[field_name] = value.strip()
    return {t: cells_to_rule(cells, units.get(t, "money")) for t, cells in rules.items()}


class PolicyScreen(QWidget):
    """Edit, check, compare, preview, sign and export the authority policy."""

    validated = Signal(int)  # number of problems after each check

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source_text: str | None = None  # the opened file, kept for its comments
        self.setObjectName("policyScreen")
        self.in_force: Policy | None = None
        self._in_force_note: Callable[[], str] = str
        self.problems: list[Problem] = []
        self._shown_problems: list[Problem] = []
        self.policy: Policy | None = None
        self.role_rules: dict[str, dict[str, dict[str, str]]] = {}
        self.role_labels: dict[str, str] = {}
        self._loading = False
        self._current_role: str | None = None
        self.rule_types: list[str] = []
        self._extra: dict[str, Any] = {}
        self.live = LiveText()

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.reload_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.sign_button = QPushButton(self)
        for button in (self.reload_button, self.open_button, self.save_button, self.sign_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.source_label = plain_label("", self, name="policySource")
        layout.addWidget(self.source_label)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._general_tab(), "")
        self.tabs.addTab(self._roles_tab(), "")
        self.tabs.addTab(self._agents_tab(), "")
        self.tabs.addTab(self._types_tab(), "")
        self.diff_page = self._diff_tab()
        self.tabs.addTab(self.diff_page, "")
        self.tabs.addTab(self._preview_tab(), "")
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.tabs)
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("policyProblems")
        splitter.addWidget(self.problem_list)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.status = plain_label("", self, name="policyStatus")
        layout.addWidget(self.status)

        self.reload_button.clicked.connect(self.load_in_force)
        self.open_button.clicked.connect(self._open_file)
        self.save_button.clicked.connect(self._save_toml)
        self.sign_button.clicked.connect(self._sign_clicked)
        self.problem_list.itemActivated.connect(self._jump_to_problem)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.retranslate()
        self.load_in_force()

    def retranslate(self) -> None:
        """Every label in the interface language; messages shown are made again too."""
        self.reload_button.setText(tr("console.policy.reload"))
        self.open_button.setText(tr("console.policy.open"))
        self.save_button.setText(tr("console.policy.save"))
        self.sign_button.setText(tr("console.policy.sign"))
        for index, key in enumerate(("general", "roles", "agents", "types", "diff", "preview")):
            self.tabs.setTabText(index, tr(f"console.policy.tab.{key}"))
        self.problem_list.setAccessibleName(tr("console.policy.problems"))
        self.problem_list.setToolTip(tr("console.policy.problems"))
        for key, label in self.general_labels.items():
            label.setText(tr(f"console.policy.field.{key}"))
            self.general[key].setAccessibleName(tr(f"console.policy.field.{key}"))
        self.role_list.setAccessibleName(tr("console.policy.roles"))
        self.new_role.setPlaceholderText(tr("console.policy.new_role"))
        self.new_role.setAccessibleName(tr("console.policy.new_role_name"))
        self.add_role_button.setText(tr("console.policy.add_role"))
        self.remove_role_button.setText(tr("console.policy.remove_role"))
        self.role_label_caption.setText(tr("console.policy.role_label"))
        self.role_label.setAccessibleName(tr("console.policy.role_label_name"))
        self.roles_help.setText(tr("console.policy.roles_help"))
        self.rules_table.setAccessibleName(tr("console.policy.rules_table"))
        self.rules_table.setHorizontalHeaderLabels([tr(f"console.rule.{f}") for f in RULE_FIELDS])
        self.agents_help.setText(tr("console.policy.agents_help"))
        self.agents_table.setAccessibleName(tr("console.policy.agents_table"))
        self.agents_table.setHorizontalHeaderLabels(
            [tr(f"console.policy.col.{c}") for c in AGENT_COLUMNS]
        )
        self.add_agent_button.setText(tr("console.policy.add_agent"))
        self.remove_agent_button.setText(tr("console.policy.remove_agent"))
        builtin = ", ".join(sorted(BUILTIN_TYPES))
        self.types_help.setText(tr("console.policy.types_help", builtin=builtin))
        self.types_table.setAccessibleName(tr("console.policy.types_table"))
        self.types_table.setHorizontalHeaderLabels(
            [tr(f"console.policy.col.{c}") for c in TYPE_COLUMNS]
        )
        self.add_type_button.setText(tr("console.policy.add_type"))
        self.remove_type_button.setText(tr("console.policy.remove_type"))
        self.diff_table.setAccessibleName(tr("console.policy.diff_table"))
        self.diff_table.setHorizontalHeaderLabels(
            [tr("console.policy.col.in_force"), tr("console.policy.col.edited")]
        )
        for key, label in self.preview_labels.items():
            label.setText(tr(f"console.policy.preview.{key}"))
        self.preview_agent.setAccessibleName(tr("console.policy.preview.agent"))
        self.preview_amount.setAccessibleName(tr("console.policy.preview.amount"))
        for key, combo in self.preview_inputs.items():
            combo.setAccessibleName(tr(f"console.policy.preview.{key}"))
            prefix = VALUE_KEYS.get(key)
            for index in range(combo.count()):
                value = str(combo.itemData(index))
                combo.setItemText(index, tr_or(f"{prefix}.{value}", value) if prefix else value)
        self.preview_button.setText(tr("console.policy.preview.run"))
        self.preview_table.setAccessibleName(tr("console.policy.preview.table"))
        self.preview_table.setHorizontalHeaderLabels(
            [tr(f"console.policy.col.{c}") for c in PREVIEW_COLUMNS]
        )
        self.live.refresh()
        if getattr(self, "rule_types", None) is not None:
            self._fill_rules_table()  # type labels follow the language
        if getattr(self, "_agent_notes", None):
            self.revalidate()  # the console's own notes on changed limits
        elif getattr(self, "_shown_problems", None):
            self._fill_problem_list()  # the checker's messages follow the language
            self._decorate()
        if self.preview_table.rowCount():
            self.run_preview()

    # ------------------------------------------------------------------ tabs

    def _general_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.general: dict[str, QLineEdit] = {}
        self.general_labels: dict[str, QLabel] = {}
        for key in GENERAL_FIELDS:
            edit = QLineEdit(page)
            edit.setObjectName(f"general_{key}")
            edit.textEdited.connect(self._changed)
            label = QLabel(page)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.general[key] = edit
            self.general_labels[key] = label
        return page

    def _roles_tab(self) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout(page)
        left = QVBoxLayout()
        self.role_list = QListWidget(page)
        self.role_list.setObjectName("roleList")
        left.addWidget(self.role_list, 1)
        self.new_role = QLineEdit(page)
        self.new_role.setObjectName("newRole")
        left.addWidget(self.new_role)
        buttons = QHBoxLayout()
        self.add_role_button = QPushButton(page)
        self.remove_role_button = QPushButton(page)
        buttons.addWidget(self.add_role_button)
        buttons.addWidget(self.remove_role_button)
        left.addLayout(buttons)
        row.addLayout(left, 1)
        right = QVBoxLayout()
        self.role_label = QLineEdit(page)
        self.role_label.setObjectName("roleLabel")
        self.role_label_caption = plain_label("", page)
        right.addWidget(self.role_label_caption)
        right.addWidget(self.role_label)
        self.roles_help = plain_label("", page)
        right.addWidget(self.roles_help)
        self.rules_table = QTableWidget(0, len(RULE_FIELDS), page)
        self.rules_table.setObjectName("rulesTable")
        self.rules_table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        right.addWidget(self.rules_table, 1)
        row.addLayout(right, 4)
        self.role_list.currentRowChanged.connect(self._role_selected)
        self.rules_table.itemChanged.connect(self._rule_edited)
        self.role_label.textEdited.connect(self._role_label_edited)
        self.add_role_button.clicked.connect(self._add_role)
        self.remove_role_button.clicked.connect(self._remove_role)
        return page

    def _agents_tab(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.agents_help = plain_label("", page)
        box.addWidget(self.agents_help)
        self.agents_table = QTableWidget(0, len(AGENT_COLUMNS), page)
        self.agents_table.setObjectName("agentsTable")
        self.agents_table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.agents_table, 1)
        buttons = QHBoxLayout()
        self.add_agent_button = QPushButton(page)
        self.remove_agent_button = QPushButton(page)
        buttons.addWidget(self.add_agent_button)
        buttons.addWidget(self.remove_agent_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.agents_table.itemChanged.connect(self._changed)
        self.add_agent_button.clicked.connect(self._add_agent)
        self.remove_agent_button.clicked.connect(
            lambda: self._remove_row(self.agents_table, "agent")
        )
        return page

    def _types_tab(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.types_help = plain_label("", page)
        box.addWidget(self.types_help)
        self.types_table = QTableWidget(0, len(TYPE_COLUMNS), page)
        self.types_table.setObjectName("typesTable")
        self.types_table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.types_table, 1)
        buttons = QHBoxLayout()
        self.add_type_button = QPushButton(page)
        self.remove_type_button = QPushButton(page)
        buttons.addWidget(self.add_type_button)
        buttons.addWidget(self.remove_type_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.types_table.itemChanged.connect(self._changed)
        self.add_type_button.clicked.connect(self._add_type)
        self.remove_type_button.clicked.connect(lambda: self._remove_row(self.types_table, "type"))
        return page

    def _diff_tab(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.diff_summary = plain_label("", page, name="diffSummary")
        box.addWidget(self.diff_summary)
        self.diff_table = QTableWidget(0, 2, page)
        self.diff_table.setObjectName("diffTable")
        self.diff_table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.diff_table.verticalHeader().setVisible(False)
        box.addWidget(self.diff_table, 1)
        return page

    def _preview_tab(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        form = QFormLayout()
        self.preview_agent = QLineEdit(page)
        self.preview_agent.setObjectName("previewAgent")
        self.preview_agent.setText("agent.sample")
        self.preview_labels: dict[str, QLabel] = {}

        def row(key: str, field: QWidget) -> None:
            label = QLabel(page)
            label.setBuddy(field)
            form.addRow(label, field)
            self.preview_labels[key] = label

        row("agent", self.preview_agent)
        self.preview_inputs: dict[str, QComboBox] = {}
        for key, values in PREVIEW_CHOICES:
            combo = QComboBox(page)
            combo.setObjectName(f"preview_{key}")
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(str(getattr(SampleCase(), key)))))
            row(key, combo)
            self.preview_inputs[key] = combo
        self.preview_amount = QLineEdit(page)
        self.preview_amount.setObjectName("previewAmount")
        self.preview_amount.setText("Rp 350.000")
        row("amount", self.preview_amount)
        box.addLayout(form)
        self.preview_button = QPushButton(page)
        box.addWidget(self.preview_button)
        self.preview_table = QTableWidget(0, len(PREVIEW_COLUMNS), page)
        self.preview_table.setObjectName("previewTable")
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.preview_table, 1)
        self.preview_note = plain_label("", page, name="previewNote")
        box.addWidget(self.preview_note)
        self.preview_button.clicked.connect(self.run_preview)
        return page

    # ------------------------------------------------------------------ loading

    def load_in_force(self) -> None:
        """Start from the signed policy in force (or the example when none is installed)."""
        try:
            keys, _ = load_public_keys(self.ctx.keys_dir)
            signed = read_signed_policy(self.ctx.policy_path, keys)
            self.in_force = signed.policy
            version, signer, path = signed.policy.version, signed.signer, self.ctx.policy_path
            self._in_force_note = lambda: tr(
                "console.policy.in_force", version=version, signer=signer, path=path
            )
            start = signed.policy
        except PekaError as exc:
            self.in_force = None
            reason = exc.message
            self._in_force_note = lambda: tr("console.policy.no_policy", reason=reason)
            start = load_policy_text(example_policy_text(datetime.now(UTC).date()), "<example>")
        form = policy_to_form(start)
        form["version"] = int(form["version"]) + (1 if self.in_force is not None else 0)
        self.source_text = None
        self.set_form(form)
        self.live.show(self.source_label, self._in_force_note)

    @property
    def in_force_note(self) -> str:
        return self._in_force_note()

    def _open_file(self) -> None:
        path = self.ctx.choose_file(
            self,
            tr("console.policy.open_title"),
            "",
            tr("console.policy.open_filter"),
            False,
        )
        if path is None:
            return
        self.open_file(path)

    def open_file(self, path: Path) -> None:
        policy, problems = read_policy_file(path)
        if policy is None:
            self.show_problems(problems)
            self.live.show(self.status, lambda: tr("console.policy.open_problems", path=path))
            return
        self.set_form(policy_to_form(policy))
        # Saved back through tomlkit over this text: the supervisor's comments survive.
        self.source_text = path.read_text(encoding="utf-8")
        self.live.show(
            self.source_label,
            lambda: tr("console.policy.editing", note=self.in_force_note, path=path),
        )

    def set_form(self, form: dict[str, Any]) -> None:
        self._loading = True
        try:
            for key, edit in self.general.items():
                value = form.get(key)
                if isinstance(value, list):
                    value = ", ".join(value)
                edit.setText("" if value is None else str(value))
            self._extra = {k: form[k] for k in ("format", "currency") if k in form}
            types = form.get("types", {})
            self.types_table.setRowCount(0)
            for name, data in types.items():
                self._append_type(
                    [
                        name,
                        str(data.get("label_id", "")),
                        str(data.get("label_en", "")),
                        str(data.get("unit", "money")),
                        "yes" if data.get("refund") else "no",
                        ", ".join(data.get("fits_issues", [])),
                    ]
                )
            units = self._units()
            currency = str(form.get("currency", "IDR"))
            self.role_rules = {}
            self.role_labels = {}
            for role, data in form.get("roles", {}).items():
                self.role_labels[role] = str(data.get("label", role))
                self.role_rules[role] = {}
                for type_name, rule in data.get("rules", {}).items():
                    self.role_rules[role][type_name] = self._rule_cells(
                        rule, units.get(type_name, "money"), currency
                    )
            self.role_list.clear()
            for role in self.role_rules:
                self.role_list.addItem(QListWidgetItem(role))
            self.agents_table.setRowCount(0)
            for agent_id, data in form.get("agents", {}).items():
                self._append_agent(
                    agent_id,
                    str(data.get("role", "")),
                    _overrides_text(data.get("rules", {})),
                    str(data.get("name", "")),
                )
        finally:
            self._loading = False
        self._current_role = None
        if self.role_list.count():
            self.role_list.setCurrentRow(0)
        self.revalidate()

    @staticmethod
    def _rule_cells(rule: dict[str, Any], unit: str, currency: str) -> dict[str, str]:
        cells = {}
        for name, value in rule.items():
            if isinstance(value, list):
                cells[name] = ", ".join(value)
            elif isinstance(value, bool):
                cells[name] = "yes" if value else "no"
            else:
                cells[name] = str(value)
        return cells

    def _units(self) -> dict[str, str]:
        units = {name: t.unit for name, t in BUILTIN_TYPES.items()}
        for row in range(self.types_table.rowCount()):
            name = self._cell(self.types_table, row, 0)
            if name:
                units[name] = self._cell(self.types_table, row, 3) or "money"
        return units

    def _type_label(self, type_name: str) -> str:
        """A type's label in the interface language: the custom type's own columns, else
        the built-in label, else its id made readable."""
        english = language() == "en"
        for row in range(self.types_table.rowCount()):
            if self._cell(self.types_table, row, 0) == type_name:
                label = self._cell(self.types_table, row, 2 if english else 1)
                if label:
                    return label
        builtin = BUILTIN_TYPES.get(type_name)
        if builtin is not None:
            return builtin.label("en" if english else "id")
        return type_name.replace("_", " ").capitalize()

    def _type_names(self) -> list[str]:
        names = list(BUILTIN_TYPES)
        for row in range(self.types_table.rowCount()):
            name = self._cell(self.types_table, row, 0)
            if name and name not in names:
                names.append(name)
        return names

    # ------------------------------------------------------------------ roles

    def _role_selected(self, row: int) -> None:
        roles = list(self.role_rules)
        self._current_role = roles[row] if 0 <= row < len(roles) else None
        self._fill_rules_table()

    def _fill_rules_table(self) -> None:
        self._loading = True
        try:
            role = self._current_role
            names = self._type_names()
            self.rule_types = names
            self.rules_table.setRowCount(len(names))
            # Rows read as the types' labels ("Voucher belanja"); the id is in the tooltip.
            self.rules_table.setVerticalHeaderLabels([self._type_label(n) for n in names])
            for row, type_name in enumerate(names):
                header = self.rules_table.verticalHeaderItem(row)
                if header is not None:
                    header.setToolTip(plain_tooltip_text(type_name))
            rules = self.role_rules.get(role or "", {})
            for row, type_name in enumerate(names):
                cells = rules.get(type_name, {})
                for col, field_name in enumerate(RULE_FIELDS):
                    self.rules_table.setItem(row, col, _item(cells.get(field_name, "")))
            self.rules_table.resizeColumnsToContents()
            self.role_label.setText(self.role_labels.get(role or "", ""))
            self.role_label.setEnabled(role is not None)
            self.rules_table.setEnabled(role is not None)
        finally:
            self._loading = False
        self._decorate()

    def _rule_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or self._current_role is None:
            return
        type_name = self.rule_types[item.row()]
        field_name = RULE_FIELDS[item.column()]
        cells = self.role_rules.setdefault(self._current_role, {}).setdefault(type_name, {})
        cells[field_name] = item.text()
        if not any(v.strip() for v in cells.values()):
            del self.role_rules[self._current_role][type_name]
        self.revalidate()

    def _role_label_edited(self, text: str) -> None:
        if self._current_role is not None:
            self.role_labels[self._current_role] = text
            self.revalidate()

    def _add_role(self) -> None:
        name = self.new_role.text().strip()
        if not name or name in self.role_rules:
            self.live.show(self.status, lambda: tr("console.policy.role_name_first"))
            return
        self.role_rules[name] = {}
        self.role_labels[name] = name.replace("_", " ").capitalize()
        self.role_list.addItem(QListWidgetItem(name))
        self.role_list.setCurrentRow(self.role_list.count() - 1)
        self.new_role.clear()
        self.revalidate()

    def _remove_role(self) -> None:
        role = self._current_role
        if role is None:
            return
        question = tr("console.policy.remove_role_question", role=repr(role))
        if not self.ctx.confirm(self, tr("console.policy.remove_role"), question):
            return
        self.role_rules.pop(role, None)
        self.role_labels.pop(role, None)
        self.role_list.takeItem(self.role_list.currentRow())
        self.revalidate()

    # ------------------------------------------------------------------ agents and types

    def _append_agent(self, agent_id: str, role: str, overrides: str, name: str = "") -> None:
        self._loading, was = True, self._loading
        try:
            row = self.agents_table.rowCount()
            self.agents_table.insertRow(row)
            for col, text in enumerate((agent_id, role, overrides, name)):
                self.agents_table.setItem(row, col, _item(text))
        finally:
            self._loading = was

    def _add_agent(self) -> None:
        self._append_agent("", "", "")
        row = self.agents_table.rowCount() - 1
        self.agents_table.setCurrentCell(row, 0)
        self.agents_table.editItem(self.agents_table.item(row, 0))

    def _append_type(self, cells: list[str]) -> None:
        self._loading, was = True, self._loading
        try:
            row = self.types_table.rowCount()
            self.types_table.insertRow(row)
            for col, text in enumerate(cells):
                self.types_table.setItem(row, col, _item(text))
        finally:
            self._loading = was

    def _add_type(self) -> None:
        self._append_type(["", "", "", "money", "no", ""])
        row = self.types_table.rowCount() - 1
        self.types_table.setCurrentCell(row, 0)
        self.types_table.editItem(self.types_table.item(row, 0))
        self._fill_rules_table()

    def _remove_row(self, table: QTableWidget, what: str) -> None:
        row = table.currentRow()
        if row < 0:
            return
        name = self._cell(table, row, 0) or tr("console.policy.row", number=row + 1)
        question = tr(f"console.policy.remove_{what}_question", name=repr(name))
        if not self.ctx.confirm(self, tr(f"console.policy.remove_{what}"), question):
            return
        table.removeRow(row)
        if table is self.types_table:
            self._fill_rules_table()
        self.revalidate()

    @staticmethod
    def _cell(table: QTableWidget, row: int, col: int) -> str:
        item = table.item(row, col)
        return item.text().strip() if item is not None else ""

    # ------------------------------------------------------------------ the form

    def form(self) -> dict[str, Any]:
        """The file-form dictionary of what the editor shows now."""
        form: dict[str, Any] = {"format": self._extra.get("format", 1)}
        for key, edit in self.general.items():
            text = edit.text().strip()
            if not text:
                continue
            if key == "version":
                form[key] = int(text) if text.isdigit() else text
            elif key == "tiers":
                form[key] = [t.strip() for t in text.split(",") if t.strip()]
            else:
                form[key] = text
        form["currency"] = self._extra.get("currency", "IDR")
        units = self._units()
        types: dict[str, Any] = {}
        for row in range(self.types_table.rowCount()):
            name = self._cell(self.types_table, row, 0)
            if not name:
                continue
            refund = self._cell(self.types_table, row, 4).lower()
            types[name] = {
                "label_id": self._cell(self.types_table, row, 1),
                "label_en": self._cell(self.types_table, row, 2),
                "unit": self._cell(self.types_table, row, 3) or "money",
                "refund": refund in ("yes", "true", "ya"),
                "fits_issues": [
                    s.strip() for s in self._cell(self.types_table, row, 5).split(",") if s.strip()
                ],
            }
        form["types"] = types
        form["roles"] = {
            role: {
                "label": self.role_labels.get(role, role),
                "rules": {
                    type_name: cells_to_rule(cells, units.get(type_name, "money"))
                    for type_name, cells in rules.items()
                },
            }
            for role, rules in self.role_rules.items()
        }
        agents: dict[str, Any] = {}
        self._agent_notes: dict[int, str] = {}
        for row in range(self.agents_table.rowCount()):
            agent_id = self._cell(self.agents_table, row, 0)
            if not agent_id:
                continue
            entry: dict[str, Any] = {}
            role = self._cell(self.agents_table, row, 1)
            if role:
                entry["role"] = role
            name = self._cell(self.agents_table, row, 3)
            if name:
                entry["name"] = name
            parsed = _parse_overrides(self._cell(self.agents_table, row, 2), units)
            if isinstance(parsed, str):
                self._agent_notes[row] = parsed
            elif parsed:
                entry["rules"] = parsed
            agents[agent_id] = entry
        form["agents"] = agents
        return form

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.revalidate()

    def revalidate(self) -> None:
        if self._loading:
            return
        form = self.form()
        self.policy, self.problems = validate(form)
        for row, note in self._agent_notes.items():
            agent = self._cell(self.agents_table, row, 0)
            self.problems.append(Problem("E503", f"agents.{agent}.rules", note, None, "<console>"))
            self.policy = None
        self.show_problems(self.problems)
        if self.tabs.currentWidget() is self.diff_page:
            self._update_diff(form)
        self.validated.emit(len(self.problems))

    def show_problems(self, problems: list[Problem]) -> None:
        self._shown_problems = list(problems)
        self._fill_problem_list()
        count = len(problems)
        if problems:
            self.live.show(self.status, lambda: tr("console.policy.problem_count", count=count))
        else:
            version = self.policy.version if self.policy else "?"
            self.live.show(self.status, lambda: tr("console.policy.no_problems", version=version))
        self._decorate()

    def _fill_problem_list(self) -> None:
        """The checker's messages in the interface language (the CLI prints them in English)."""
        self.problem_list.clear()
        for problem in self._shown_problems:
            key = f"{problem.key}: " if problem.key else ""
            item = QListWidgetItem(f"{key}[{problem.code}] {problem.text(language())}")
            item.setData(Qt.UserRole, problem.key)
            self.problem_list.addItem(item)

    def _problem_keys(self) -> dict[str, str]:
        return {p.key: f"[{p.code}] {p.text(language())}" for p in self.problems}

    def _decorate(self) -> None:
        """Red fields, with the checker's message as tooltip, for every problem shown."""
        keys = self._problem_keys()
        for key, edit in self.general.items():
            message = keys.get(key)
            edit.setStyleSheet("background: #f8d7da;" if message else "")
            edit.setToolTip(plain_tooltip_text(message or ""))
        role = self._current_role
        self._loading, was = True, self._loading
        try:
            for row, type_name in enumerate(self.rule_types):
                row_message = keys.get(f"roles.{role}.rules.{type_name}")
                for col, field_name in enumerate(RULE_FIELDS):
                    item = self.rules_table.item(row, col)
                    if item is None:
                        continue
                    message = keys.get(f"roles.{role}.rules.{type_name}.{field_name}")
                    message = message or row_message
                    item.setBackground(QBrush(BAD) if message else QBrush())
                    item.setToolTip(plain_tooltip_text(message or ""))
            for table, prefix in ((self.agents_table, "agents"), (self.types_table, "types")):
                for row in range(table.rowCount()):
                    name = self._cell(table, row, 0)
                    found = [m for k, m in keys.items() if k.startswith(f"{prefix}.{name}")]
                    for col in range(table.columnCount()):
                        item = table.item(row, col)
                        if item is not None:
                            item.setBackground(QBrush(BAD) if found else QBrush())
                            item.setToolTip(plain_tooltip_text("\n".join(found)))
        finally:
            self._loading = was
        for index in range(self.role_list.count()):
            item = self.role_list.item(index)
            bad = any(k.startswith(f"roles.{item.text()}") for k in keys)
            item.setBackground(QBrush(BAD) if bad else QBrush())

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        key = str(item.data(Qt.UserRole) or "")
        parts = key.split(".")
        if parts[0] == "roles" and len(parts) > 1:
            self.tabs.setCurrentIndex(1)
            matches = self.role_list.findItems(parts[1], Qt.MatchExactly)
            if matches:
                self.role_list.setCurrentItem(matches[0])
        elif parts[0] == "agents":
            self.tabs.setCurrentIndex(2)
        elif parts[0] == "types":
            self.tabs.setCurrentIndex(3)
        else:
            self.tabs.setCurrentIndex(0)
            edit = self.general.get(parts[0])
            if edit is not None:
                edit.setFocus()

    # ------------------------------------------------------------------ diff and preview

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.diff_page:
            self._update_diff(self.form())

    def _update_diff(self, form: dict[str, Any]) -> None:
        old = form_to_toml(policy_to_form(self.in_force)) if self.in_force else ""
        rows = side_by_side(old, form_to_toml(form))
        self.diff_table.setRowCount(len(rows))
        changed = 0
        for n, row in enumerate(rows):
            for col, text in enumerate((row.left, row.right)):
                item = _item(text, editable=False)
                colour = DIFF_COLOURS.get(row.kind)
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                self.diff_table.setItem(n, col, item)
            changed += row.kind != "same"
        if self.in_force is None:
            self.live.show(self.diff_summary, lambda: tr("console.policy.diff_none"))
        else:
            version = self.in_force.version
            self.live.show(
                self.diff_summary,
                lambda: tr("console.policy.diff_count", count=changed, version=version),
            )

    def sample(self) -> SampleCase:
        from assist.money import parse_money

        try:
            amount = parse_money(self.preview_amount.text() or "0").amount_minor
        except ValueError:
            amount = SampleCase().amount_minor
        values = {k: str(c.currentData()) for k, c in self.preview_inputs.items()}
        return SampleCase(amount_minor=amount, language=language(), **values)

    def run_preview(self) -> None:
        if self.policy is None:
            self.preview_table.setRowCount(0)
            self.live.show(self.preview_note, lambda: tr("console.policy.preview.invalid"))
            return
        agent = self.preview_agent.text().strip() or "agent.sample"
        now = datetime.now(UTC)
        options = preview_options(
            self.policy,
            agent,
            sample_case(agent, self.sample(), now),
            language=language(),
            now=now,
        )
        self.preview_table.setRowCount(len(options))
        for row, option in enumerate(options):
            amount = (
                tr("console.policy.preview.days", count=option.amount_minor)
                if option.unit == "days"
                else format_money(option.amount_minor, option.currency, language())
            )
            status = tr(
                "console.policy.preview.within"
                if option.status == "within_authority"
                else "console.policy.preview.needs_approval"
            )
            for col, text in enumerate((option.label, amount, status, option.reason)):
                self.preview_table.setItem(row, col, _item(text, editable=False))
        self.preview_table.resizeColumnsToContents()  # labels differ in length per language
        role = self.policy.role_for(agent, None)
        count = len(options)
        key = "console.policy.preview.offered" if options else "console.policy.preview.nothing"
        self.live.show(self.preview_note, lambda: tr(key, agent=agent, role=role, count=count))

    # ------------------------------------------------------------------ export

    def _save_toml(self) -> None:
        path = self.ctx.choose_file(
            self, tr("console.policy.save_title"), "policy.toml", "TOML (*.toml)", True
        )
        if path is None:
            return
        self.save_toml(path)

    def save_toml(self, path: Path) -> Path:
        path.write_text(form_to_toml(self.form(), self.source_text), encoding="utf-8")
        self.ctx.log.append(f"saved {path}")
        self.live.show(self.status, lambda: tr("console.policy.saved", path=path))
        return path

    def _sign_clicked(self) -> None:
        try:
            self.sign_and_export()
        except PekaError as exc:
            self.live.fixed(self.status, str(exc))

    def sign_and_export(self, path: Path | None = None) -> Path | None:
        """Validate, confirm, sign with the supervisor's key, write the signed file."""
        self.revalidate()
        if self.policy is None:
            raise PekaError(E741, tr("console.policy.sign_problems", count=len(self.problems)))
        policy = self.policy
        if self.in_force is not None and policy.version <= self.in_force.version:
            raise PekaError(
                E741,
                tr(
                    "console.policy.sign_version",
                    version=policy.version,
                    in_force=self.in_force.version,
                ),
            )
        question = tr(
            "console.policy.sign_question",
            version=policy.version,
            name=policy.name,
            key=repr(self.ctx.key.name),
        )
        if not self.ctx.confirm(self, tr("console.policy.sign_title"), question):
            return None
        if path is None:
            path = self.ctx.choose_file(
                self,
                tr("console.policy.export_title"),
                "policy.signed.json",
                tr("console.policy.export_filter"),
                True,
            )
            if path is None:
                return None
        path.write_text(sign(policy, self.ctx.key), encoding="utf-8")
        source = path.with_name(path.name.removesuffix(".json").removesuffix(".signed") + ".toml")
        source.write_text(form_to_toml(self.form(), self.source_text), encoding="utf-8")
        self.ctx.log.append(f"signed version {policy.version} to {path}")
        version, written = policy.version, path
        self.live.show(
            self.status,
            lambda: tr(
                "console.policy.signed",
                version=version,
                path=written,
                source=source.name,
                name=written.name,
            ),
        )
        return path
