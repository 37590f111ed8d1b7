"""The customer card and their transaction history.

Everything shown here comes from the cache (untrusted: typed by other people or imported
from the helpdesk), so every label is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assist.app.views import CustomerView
from assist.cache.models import Transaction
from assist.formatting import format_day
from ui.i18n import tr, tr_or, translator
from ui.plain import plain_label, set_plain
from ui.status_panel import age_text
from ui.transactions import (
    DATE,
    DESCRIPTION,
    REFERENCE,
    TransactionFilterProxy,
    TransactionTableModel,
    normalise_reference,
)


class CustomerCard(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: CustomerView | None = None
        self.demo_examples = ""  # set on the demo cache: searches that open a showcase
        self.data_missing = False  # the customer data could not be opened
        self.name = plain_label("", self)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name.setFont(font)
        self.address = plain_label("", self)
        self.warning = plain_label("", self, name="warning")
        self.warning.setVisible(False)
        # Said when this customer's data is older than `sync.stale_after_hours`.
        self.stale = plain_label("", self, name="warning")
        self.stale.setVisible(False)
        self.empty = plain_label("", self, name="muted")
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.fields: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("tier", "since", "language", "contact", "preferences", "notes", "last"):
            caption = plain_label("", self, name="muted")
            value = plain_label("", self)
            self.fields[key] = (caption, value)
            self.form.addRow(caption, value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.name)
        layout.addWidget(self.address)
        layout.addWidget(self.stale)
        layout.addWidget(self.warning)
        layout.addLayout(self.form)
        self.show_customer(None)

    def retranslate(self) -> None:
        for key, (caption, _) in self.fields.items():
            set_plain(caption, tr(f"card.{key}"))
        set_plain(self.empty, self.empty_text())
        self.show_customer(self.view)

    def empty_text(self) -> str:
        """What an empty card says; on the demo cache, whom to try first."""
        if self.data_missing:
            return tr("card.no_data")
        if not self.demo_examples:
            return tr("card.empty")
        return tr("card.empty") + "\n" + tr("card.demo_hint", examples=self.demo_examples)

    def set_data_missing(self, missing: bool) -> None:
        """No customer data: the empty card says what still works, not whom to search."""
        self.data_missing = missing
        set_plain(self.empty, self.empty_text())

    def show_customer(self, view: CustomerView | None) -> None:
        self.view = view
        has = view is not None
        self.empty.setVisible(not has)
        for widget in (self.name, self.address):
            widget.setVisible(has)
        for caption, value in self.fields.values():
            caption.setVisible(has)
            value.setVisible(has)
        if view is None:
            set_plain(self.empty, self.empty_text())
            self.warning.setVisible(False)
            self.stale.setVisible(False)
            return
        if view.stale and view.data_as_of is not None:
            set_plain(self.stale, tr("card.stale", age=age_text(view.data_as_of)))
        self.stale.setVisible(view.stale and view.data_as_of is not None)
        c = view.record.customer
        set_plain(self.name, c.full_name)
        set_plain(self.address, tr("card.address_as", name=c.address_as))
        values = {
            "tier": tr_or(f"tier.{c.tier}", c.tier),
            "since": format_day(c.customer_since, translator().language)
            if c.customer_since
            else "—",
            "language": tr_or(f"language.{c.language}", c.language),
            "contact": " · ".join(x for x in (c.phone, c.email) if x) or "—",
            "preferences": preferences_text(view.record.preferences) or "—",
            "notes": c.notes or "—",
            "last": _last_interaction(view),
        }
        for key, text in values.items():
            set_plain(self.fields[key][1], text)
            self.fields[key][1].setAccessibleName(f"{tr(f'card.{key}')}: {text}")
        self.name.setAccessibleName(c.full_name)
        if view.recent_compensation:
            set_plain(
                self.warning,
                tr("card.recent_compensation") + "\n" + "\n".join(view.recent_compensation),
            )
            self.warning.setVisible(True)
        else:
            self.warning.setVisible(False)


def preference_label(key: str) -> str:
    """A known preference's label in the interface language; others humanised
    (``some_key`` → "Some key")."""
    words = " ".join(key.replace("_", " ").replace("-", " ").split())
    return tr_or(f"pref.{key}", words[:1].upper() + words[1:] if words else key)


def preferences_text(preferences: dict[str, str]) -> str:
    lines = []
    for key, value in preferences.items():
        if key == "preferred_channel":
            value = tr_or(f"pref.channel.{value.lower()}", value)
        lines.append(f"{preference_label(key)}: {value}")
    return "\n".join(lines)


def _last_interaction(view: CustomerView) -> str:
    if not view.record.interactions:
        return "—"
    last = view.record.interactions[0]
    when = format_day(last.occurred_at.astimezone(), translator().language)
    outcome = tr_or(f"outcome.{last.outcome}", last.outcome)
    return f"{when} · {last.channel} · {outcome}\n{last.summary}"


# Below this table width the reference column is hidden (it stays in the tooltip).
WIDE_TABLE = 460


class TransactionsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TransactionTableModel(self)
        self.proxy = TransactionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        # What was bought is read in full: long descriptions wrap instead of "Kulkas 2 pi…".
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setTextElideMode(Qt.ElideNone)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        self.table.setMinimumHeight(120)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text_filter)
        self.problems = QCheckBox(self)
        self.problems.toggled.connect(self.proxy.set_problems_only)
        self.summary = plain_label("", self, name="muted")
        self._foreign: list[str] = []
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        row.addWidget(self.problems)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(tr("tx.filter"))
        self.filter.setAccessibleName(tr("tx.filter"))
        self.problems.setText(tr("tx.problems_only"))
        self.problems.setAccessibleName(tr("tx.problems_only"))
        self.table.setAccessibleName(tr("tx.table"))
        self.model.retranslate()
        self._summarise()
        self.fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Every column that matters in view, starting from the date: in a narrow sidebar
        the reference (in the tooltip, and marked when named) gives way, and the table is
        never left scrolled sideways with the date out of sight."""
        self.table.setColumnHidden(REFERENCE, self.table.width() < WIDE_TABLE)
        self.table.horizontalScrollBar().setValue(0)

    def set_transactions(self, transactions: list[Transaction]) -> None:
        self.filter.clear()
        self.problems.setChecked(False)
        self.model.set_transactions(transactions)
        self._foreign = []
        self.table.sortByColumn(DATE, Qt.DescendingOrder)
        self.table.scrollToTop()
        self.fit_columns()
        self._summarise()

    def set_mentioned(self, references: list[str]) -> list[Transaction]:
        found = self.model.set_mentioned(references)
        own = {normalise_reference(t.reference) for t in found if t.reference}
        # Numbers the customer wrote that are not theirs: flagged, never taken as theirs.
        self._foreign = [r for r in references if normalise_reference(r) not in own]
        if found:
            # Show the named transaction: the agent should not have to look for it.
            source = self.model.index(self.model.transactions().index(found[0]), 0)
            self.table.scrollTo(self.proxy.mapFromSource(source))
        self._summarise()
        return found

    def _summarise(self) -> None:
        rows = self.model.transactions()
        problems = sum(1 for t in rows if t.is_problem)
        text = tr("tx.summary", count=len(rows), problems=problems)
        mentioned = self.model.mentioned()
        if mentioned:
            refs = ", ".join(t.reference or t.id for t in mentioned)
            text += "\n" + tr("tx.mentioned_summary", refs=refs)
        if self._foreign:
            text += "\n" + tr("tx.foreign_refs", refs=", ".join(self._foreign))
        set_plain(self.summary, text)
