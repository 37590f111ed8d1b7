"""Find the customer: one box for name, phone, e-mail or order number, keyboard first.

Typing restarts a short debounce; when it fires the controller searches in the
background and the list below shows the hits. Up/Down move through the hits without
leaving the box, Enter opens the highlighted one, Escape clears.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from assist.cache.models import SearchHit
from assist.formatting import format_ago
from assist.phone import display_phone
from ui.controller import SidebarController
from ui.i18n import tr, tr_or, translator
from ui.plain import plain_label, set_plain

SEARCH_DELAY_MS = 150
HIT_ROLE = Qt.UserRole + 1


def hit_text(hit: SearchHit, now: datetime | None = None) -> str:
    """Plain lines that tell namesakes apart (list items never render markup): who and
    tier, then phone as people read it, e-mail and id, then when they were last active
    or what matched."""
    tier = tr_or(f"tier.{hit.tier}", hit.tier)
    first = f"{hit.full_name} · {tier}"
    contact = [display_phone(hit.phone) if hit.phone else "", hit.email or "", hit.customer_id]
    second = " · ".join(part for part in contact if part)
    lines = [first, second]
    if hit.matched != "name":
        matched = tr_or(f"search.matched.{hit.matched}", hit.matched)
        lines.append(f"{matched}: {hit.matched_value}")
    elif hit.last_activity is not None:
        moment = hit.last_activity
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        current = now or datetime.now(UTC)
        when = format_ago(min(moment, current), current, translator().language)
        lines.append(tr("search.last_active", when=when))
    return "\n".join(lines)


class SearchPanel(QWidget):
    open_requested = Signal(str)  # customer id

    def __init__(self, controller: SidebarController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.box = QLineEdit(self)
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setVisible(False)
        self.results.itemActivated.connect(self._activate)
        self.results.setFocusPolicy(Qt.StrongFocus)
        self.empty = plain_label("", self, name="muted")
        self.empty.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self._last_query = ""
        self._open_when_found = False
        self.unavailable = False  # the customer data could not be opened
        self.box.textEdited.connect(self._typed)
        self.box.returnPressed.connect(self.open_current)
        controller.search_done.connect(self._show_hits)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.empty)
        layout.addWidget(self.results)
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setPlaceholderText(tr("search.placeholder"))
        self.box.setAccessibleName(tr("search.accessible"))
        self.box.setToolTip(tr("search.tooltip"))
        self.results.setAccessibleName(tr("search.results"))
        if self.empty.isVisible():
            set_plain(self.empty, self._none_text(self._last_query))

    def set_unavailable(self, unavailable: bool) -> None:
        """Without customer data a search finds nobody: say why instead of "no match"."""
        self.unavailable = unavailable
        if self.empty.isVisible():
            set_plain(self.empty, self._none_text(self._last_query))

    def _none_text(self, query: str) -> str:
        if self.unavailable:
            return tr("search.no_data")
        return tr("search.none", query=query)

    def focus(self) -> None:
        self.box.setFocus(Qt.ShortcutFocusReason)
        self.box.selectAll()

    def clear(self) -> None:
        self._timer.stop()
        self.box.clear()
        self._hide_results()

    def _typed(self, _: str) -> None:
        self._open_when_found = False
        self._timer.start()

    def _search_now(self) -> None:
        query = self.box.text().strip()
        self._last_query = query
        if not query:
            self._hide_results()
            return
        self.controller.search(query)

    def _show_hits(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.box.text().strip():
            return  # the agent typed on; a newer search is on its way
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(hit_text(hit))
            item.setData(HIT_ROLE, hit.customer_id)
            item.setData(Qt.AccessibleTextRole, hit_text(hit).replace("\n", ", "))
            self.results.addItem(item)
        self.results.setVisible(bool(hits))
        self.empty.setVisible(not hits)
        if hits and self._open_when_found:
            self._open_when_found = False
            self._activate(self.results.item(0))
            return
        if hits:
            self.results.setCurrentRow(0)
            rows = min(len(hits), 6)
            height = sum(self.results.sizeHintForRow(i) for i in range(rows))
            self.results.setFixedHeight(height + 2 * self.results.frameWidth() + 4)
        else:
            set_plain(self.empty, self._none_text(query))

    def _hide_results(self) -> None:
        self.results.clear()
        self.results.setVisible(False)
        self.empty.setVisible(False)

    def hit_count(self) -> int:
        return self.results.count()

    def open_current(self) -> None:
        if self._timer.isActive():
            # Enter right after typing: search first, open when the hits arrive.
            self._timer.stop()
            self._open_when_found = True
            self._search_now()
            return
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        customer_id = item.data(HIT_ROLE)
        if customer_id:
            self._hide_results()
            self.open_requested.emit(str(customer_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key_Down, Qt.Key_Up) and self.results.count():
                row = self.results.currentRow() + (1 if key == Qt.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
            if key == Qt.Key_Escape and (self.box.text() or self.results.isVisible()):
                self.clear()
                return True
        return super().eventFilter(watched, event)
