"""A list of word-wrapped, clickable cards drawn by one view (suggestions, rewrites).

Each row is an optional heading (a suggestion group's function, a coach finding) above an
optional card: a badge (``1``, ``Alt+1``) and a sentence. The rows are painted by a
delegate from plain strings – ``QPainter.drawText`` never interprets markup – and their
heights are measured with ``QFontMetrics`` once per (row, width).

Why a view and not a label per row: a refresh of the suggestions is then a model reset
and one viewport repaint. With a dozen word-wrapping labels, every refresh made Qt
measure each changed label again and lay the whole window out (5–8 ms on the GUI thread
while the agent types). The view asks its parent layout for a new height only when the
rows' total height changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.plain import plain_tooltip_text
from ui.theme import colours

ITEM_ROLE = Qt.UserRole + 1

# Geometry of a row, in pixels (the old card frames used the same margins).
PAD_X, PAD_Y = 7, 5  # inside a card
BADGE_GAP = 6  # between the badge and the sentence
HEADING_GAP = 2  # between a heading and its card
ROW_GAP = 3  # after every row
WRAP = Qt.TextWordWrap | Qt.AlignLeft | Qt.AlignTop
_TALL = 1 << 20


@dataclass(frozen=True)
class CardItem:
    """One row. ``text`` empty: a heading without a card (nothing to activate)."""

    text: str
    badge: str = ""
    heading: str = ""
    muted_heading: bool = True
    accessible: str = ""
    tooltip: str = ""  # plain text; escaped for Qt when asked for


@dataclass(frozen=True)
class RowGeometry:
    heading_height: int
    card_height: int
    badge_width: int

    @property
    def height(self) -> int:
        gap = HEADING_GAP if self.heading_height and self.card_height else 0
        return self.heading_height + gap + self.card_height + ROW_GAP


class CardListModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[CardItem] = []

    def items(self) -> list[CardItem]:
        return list(self._items)

    def set_items(self, items: list[CardItem]) -> bool:
        """Show ``items``; False (and no signal at all) when nothing changed."""
        if items == self._items:
            return False
        # At most nine rows: a reset is as cheap as working out which rows moved.
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()
        return True

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == ITEM_ROLE:
            return item
        if role == Qt.DisplayRole:
            return item.text or item.heading
        if role == Qt.AccessibleTextRole:
            return item.accessible or item.text or item.heading
        if role == Qt.AccessibleDescriptionRole:
            return item.heading if item.text else ""
        if role == Qt.ToolTipRole:
            return plain_tooltip_text(item.tooltip) or None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemNeverHasChildren


class CardDelegate(QStyledItemDelegate):
    """Paints a row from its :class:`CardItem`; measures it once per (row, width, font)."""

    def __init__(self, view: CardList) -> None:
        super().__init__(view)
        self.view = view
        self._cache: dict[tuple[CardItem, int], RowGeometry] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    def geometry(self, item: CardItem, width: int) -> RowGeometry:
        key = (item, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        fm = self.view.fontMetrics()
        heading = _wrapped_height(fm, item.heading, width) if item.heading else 0
        badge = fm.horizontalAdvance(item.badge) if item.badge else 0
        card = 0
        if item.text:
            text_width = width - 2 * PAD_X - (badge + BADGE_GAP if badge else 0)
            card = max(fm.height(), _wrapped_height(fm, item.text, text_width)) + 2 * PAD_Y
        geometry = RowGeometry(heading, card, badge)
        if len(self._cache) > 256:  # widths change while a window is resized
            self._cache.clear()
        self._cache[key] = geometry
        return geometry

    def row_height(self, item: CardItem, width: int) -> int:
        return self.geometry(item, width).height

    def card_rect(self, item: CardItem, rect: QRect) -> QRect:
        """Where the card of a row drawn in ``rect`` is (empty for a heading alone)."""
        g = self.geometry(item, rect.width())
        if not g.card_height:
            return QRect()
        top = rect.top() + g.heading_height + (HEADING_GAP if g.heading_height else 0)
        return QRect(rect.left(), top, rect.width(), g.card_height)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        item = index.data(ITEM_ROLE)
        width = self.view.viewport().width()
        if not isinstance(item, CardItem):
            return QSize(width, 0)
        return QSize(width, self.row_height(item, width))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = index.data(ITEM_ROLE)
        if not isinstance(item, CardItem):
            return
        rect = QRect(option.rect)
        g = self.geometry(item, rect.width())
        palette = option.palette
        text_colour = palette.color(QPalette.Text)
        painter.save()
        painter.setClipRect(rect)
        painter.setRenderHint(QPainter.Antialiasing, True)
        if g.heading_height:
            painter.setPen(QColor(colours().muted_fg) if item.muted_heading else text_colour)
            heading = QRect(rect.left(), rect.top(), rect.width(), g.heading_height)
            painter.drawText(heading, WRAP, item.heading)
        card = self.card_rect(item, rect)
        if not card.isEmpty():
            state = option.state
            focused = bool(state & QStyle.State_HasFocus)
            hovered = bool(state & QStyle.State_MouseOver)
            border = QColor(text_colour)
            border.setAlpha(60)
            if focused or hovered:
                border = palette.color(QPalette.Highlight)
            painter.setPen(QPen(border, 2 if focused else 1))
            painter.setBrush(palette.brush(QPalette.Base))
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 4, 4)
            inner = card.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
            if item.badge:
                painter.setPen(QColor(colours().muted_fg))
                painter.drawText(inner, Qt.AlignLeft | Qt.AlignTop, item.badge)
                inner.setLeft(inner.left() + g.badge_width + BADGE_GAP)
            painter.setPen(text_colour)
            painter.drawText(inner, WRAP, item.text)
        painter.restore()


class CardList(QListView):
    """The cards as one widget, exactly as tall as its rows (it never scrolls itself).

    Click, Enter or Space on a card emits :attr:`chosen` with the row (0-based); ↑/↓ move
    between cards. Inside a scroll area, the card with the keyboard focus is kept in view.
    """

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardList")
        self.card_model = CardListModel(self)
        self.setModel(self.card_model)
        self.delegate = CardDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.NoSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setResizeMode(QListView.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WA_Hover, True)
        self.viewport().setCursor(Qt.PointingHandCursor)
        # Looks like the panel it sits in, not like a white list box.
        self.viewport().setAutoFillBackground(False)
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._height = 0
        self.setVisible(False)  # shown with its first rows

    # -- content ---------------------------------------------------------------------------
    def set_items(self, items: list[CardItem]) -> None:
        """Show ``items``: one repaint; the parent layout is asked again only when the
        total height changes (or the list empties or fills)."""
        row = self.currentIndex().row() if self.hasFocus() else -1
        if not self.card_model.set_items(items):
            return
        if 0 <= row < len(items):
            self.setCurrentIndex(self.card_model.index(row))
        height = self._rows_height(self.width())
        if height != self._height:
            self._height = height
            self.updateGeometry()
        if self.isHidden() == bool(items):
            self.setVisible(bool(items))

    def items(self) -> list[CardItem]:
        return self.card_model.items()

    def item(self, row: int) -> CardItem:
        return self.card_model.items()[row]

    def card_at(self, row: int) -> QRect:
        """The card of ``row`` in viewport coordinates (empty for a heading alone)."""
        index = self.card_model.index(row)
        return self.delegate.card_rect(self.item(row), self.visualRect(index))

    # -- size: exactly the rows ----------------------------------------------------------
    def _rows_height(self, width: int) -> int:
        inner = width - 2 * self.frameWidth()
        if inner <= 0:
            return 0
        return sum(self.delegate.row_height(i, inner) for i in self.card_model.items())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._rows_height(width) + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        width = max(self.width(), 100)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        wanted = self.heightForWidth(size.width())
        self._height = wanted - 2 * self.frameWidth()
        if wanted != size.height():
            # A layout cached a height for this width from older rows: ask again.
            self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.FontChange, QEvent.StyleChange):
            self.delegate.clear_cache()
            self.updateGeometry()
            self.scheduleDelayedItemsLayout()
        super().changeEvent(event)

    # -- activation and navigation -------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.LeftButton:
            return
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        if index.isValid() and self.card_at(index.row()).contains(pos):
            self.chosen.emit(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeypadModifier
        if plain and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            index = self.currentIndex()
            if index.isValid() and self.item(index.row()).text:
                self.chosen.emit(index.row())
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the list never scrolls: let the panel around it scroll

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.EnsureVisible,
    ) -> None:
        # The list is as tall as its rows and never scrolls itself (not even for a moment
        # while its new height is on its way): the scroll area around it does.
        if index.isValid() and self.hasFocus():
            self._reveal(self.visualRect(index))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.card_model.rowCount():
            self.setCurrentIndex(self.card_model.index(0))

    def _reveal(self, rect: QRect) -> None:
        """Scroll the nearest enclosing scroll area so that ``rect`` shows."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        content = parent.widget() if parent is not None else None
        if parent is None or content is None:
            return
        centre = self.viewport().mapTo(content, rect.center())
        parent.ensureVisible(centre.x(), centre.y(), 20, rect.height() // 2 + 20)


def _wrapped_height(fm: QFontMetrics, text: str, width: int) -> int:
    return fm.boundingRect(QRect(0, 0, max(width, 1), _TALL), WRAP, text).height()
