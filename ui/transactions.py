"""The customer's transactions as a Qt table model, with a sorting and filtering proxy.

Newest first by default; problem transactions (delayed, failed, disputed, …) get a
highlight background; the ones the customer names in their message (matched by
reference) are bold and marked. Amounts are shown as Rupiah via ``assist.money``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from assist.cache.models import Transaction
from assist.formatting import format_day
from assist.money import format_money
from ui.i18n import tr, tr_or, translator
from ui.plain import plain_tooltip_text
from ui.theme import colours

# Raw values for sorting (dates sort as dates, amounts as numbers).
SORT_ROLE = Qt.UserRole + 1
# True when the row is a problem transaction.
PROBLEM_ROLE = Qt.UserRole + 2
# True when the customer's message names this transaction.
MENTIONED_ROLE = Qt.UserRole + 3
# The Transaction itself.
TRANSACTION_ROLE = Qt.UserRole + 4

# The reference comes last: in a 320 px sidebar what was bought, for how much and what
# went wrong matter first; the reference is in the tooltip and marked when named.
COLUMNS = ("date", "description", "amount", "status", "reference")
DATE, DESCRIPTION, AMOUNT, STATUS, REFERENCE = range(len(COLUMNS))

Index = QModelIndex | QPersistentModelIndex


def normalise_reference(ref: str) -> str:
    """How the language engine writes an order reference: upper case, no spaces."""
    return "".join(ref.split()).upper()


def local_date(moment: datetime) -> str:
    """Short, in the interface language's order (``5/12/26``; ``12/5/26`` in English)."""
    return format_day(moment.astimezone(), translator().language, length="short")


class TransactionTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Transaction] = []
        self._mentioned: set[str] = set()

    # -- data in -------------------------------------------------------------------------
    def set_transactions(self, transactions: Iterable[Transaction]) -> None:
        self.beginResetModel()
        self._rows = list(transactions)
        self._mentioned = set()
        self.endResetModel()

    def set_mentioned(self, references: Iterable[str]) -> list[Transaction]:
        """Mark the transactions whose reference the message names; returns them."""
        wanted = {normalise_reference(r) for r in references}
        self._mentioned = {
            t.id for t in self._rows if t.reference and normalise_reference(t.reference) in wanted
        }
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )
        return self.mentioned()

    def mentioned(self) -> list[Transaction]:
        return [t for t in self._rows if t.id in self._mentioned]

    def transactions(self) -> list[Transaction]:
        return list(self._rows)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole
    ) -> Any:
        if orientation == Qt.Horizontal and role in (Qt.DisplayRole, Qt.ToolTipRole):
            return tr(f"tx.col.{COLUMNS[section]}")
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        t = self._rows[index.row()]
        column = index.column()
        mentioned = t.id in self._mentioned
        if role == Qt.DisplayRole:
            return self._display(t, column, mentioned)
        if role == SORT_ROLE:
            return self._sort_value(t, column)
        if role == Qt.ToolTipRole:
            # References, descriptions and channels come from the helpdesk: plain text.
            return plain_tooltip_text(self._tooltip(t, mentioned))
        if role == Qt.BackgroundRole:
            if mentioned:
                return QBrush(QColor(colours().mentioned_bg))
            if t.is_problem:
                return QBrush(QColor(colours().problem_bg))
            return None
        if role == Qt.FontRole and (mentioned or (t.is_problem and column == STATUS)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.TextAlignmentRole and column == AMOUNT:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == PROBLEM_ROLE:
            return t.is_problem
        if role == MENTIONED_ROLE:
            return mentioned
        if role == TRANSACTION_ROLE:
            return t
        if role == Qt.AccessibleTextRole:
            return self._tooltip(t, mentioned)
        return None

    def _display(self, t: Transaction, column: int, mentioned: bool) -> str:
        if column == DATE:
            return local_date(t.created_at)
        if column == REFERENCE:
            return t.reference or "—"
        if column == DESCRIPTION:
            return f"▶ {t.description}" if mentioned else t.description
        if column == AMOUNT:
            return format_money(t.amount_minor, t.currency, translator().language)
        return status_label(t.status)

    def _sort_value(self, t: Transaction, column: int) -> Any:
        if column == DATE:
            return t.created_at.timestamp()
        if column == REFERENCE:
            return t.reference or ""
        if column == DESCRIPTION:
            return t.description.casefold()
        if column == AMOUNT:
            # A float: Qt would squeeze a Python int into 32 bits, and Rp 21.474.837 in
            # minor units already overflows that. Exact up to 2^53, beyond any purchase.
            return float(t.amount_minor)
        return f"{0 if t.is_problem else 1}{t.status}"

    def _tooltip(self, t: Transaction, mentioned: bool) -> str:
        parts = [
            f"{t.reference or '—'} · {local_date(t.created_at)}",
            t.description,
            f"{format_money(t.amount_minor, t.currency)} · {status_label(t.status)}",
        ]
        if t.channel:
            parts.append(tr("tx.channel", channel=t.channel))
        if t.is_problem:
            parts.append(tr("tx.problem"))
        if mentioned:
            parts.append(tr("tx.mentioned"))
        return "\n".join(parts)


def status_label(status: str) -> str:
    return tr_or(f"tx.status.{status}", status.replace("_", " "))


class TransactionFilterProxy(QSortFilterProxyModel):
    """Sorts by the raw values and filters by text and 'problems only'."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self._needle = ""
        self._problems_only = False

    def set_text_filter(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_needle", text.strip().casefold()))

    def set_problems_only(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "_problems_only", on))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    @property
    def problems_only(self) -> bool:
        return self._problems_only

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if model is None:
            return True
        first = model.index(source_row, 0, source_parent)
        if self._problems_only and not (
            model.data(first, PROBLEM_ROLE) or model.data(first, MENTIONED_ROLE)
        ):
            return False
        if not self._needle:
            return True
        t = model.data(first, TRANSACTION_ROLE)
        if not isinstance(t, Transaction):
            return True
        haystack = " ".join(
            [
                t.reference or "",
                t.description,
                t.status,
                status_label(t.status),
                t.kind,
                format_money(t.amount_minor, t.currency),
            ]
        ).casefold()
        return self._needle in haystack
