"""Layout: the reply and the suggestions stay in view together (issue 15)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from tests.ui.test_conversation import start_conversation, type_reply


def _in_view(window, widget, rect: QRect | None = None) -> bool:  # type: ignore[no-untyped-def]
    viewport = window.scroll.viewport()
    area = rect if rect is not None else widget.rect()
    top_left = widget.mapTo(viewport, area.topLeft())
    bottom_right = widget.mapTo(viewport, area.bottomRight())
    return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)


@pytest.mark.parametrize("size", [(320, 700), (400, 1000), (420, 1080)])
def test_reply_and_suggestions_in_view_while_typing(qtbot, window, size) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    start_conversation(qtbot, window)
    type_reply(qtbot, window, "Selamat siang Ibu Sri,")
    qtbot.waitUntil(lambda: len(window.reply.shown_suggestions()) > 0, timeout=10_000)
    assert _in_view(window, window.reply.edit)
    cards = window.reply.suggestion_list
    first = cards.card_at(0)
    assert _in_view(window, cards.viewport(), first), (size, first)
    # Coming back to the reply from elsewhere brings them back into view.
    window.scroll.verticalScrollBar().setValue(0)
    window.message.focus()
    window.focus_reply()
    qtbot.waitUntil(lambda: _in_view(window, window.reply.edit), timeout=5_000)
    assert _in_view(window, cards.viewport(), cards.card_at(0))


def test_next_customer_starts_at_the_top(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.resize(320, 700)
    start_conversation(qtbot, window)
    type_reply(qtbot, window, "Baik Ibu,")
    assert window.scroll.verticalScrollBar().value() > 0
    window.choose_outcome = lambda parent: "resolved"
    with qtbot.waitSignal(window.controller.session_ended, timeout=10_000):
        window.next_customer()
    assert window.scroll.verticalScrollBar().value() == 0
    assert window.transactions.table.horizontalScrollBar().value() == 0


def test_transactions_show_whole_descriptions_and_the_date_at_320(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import open_customer
    from ui.transactions import DATE, DESCRIPTION, REFERENCE

    window.resize(320, 700)
    qtbot.waitUntil(lambda: window.controller.ready, timeout=30_000)
    open_customer(qtbot, window, "Sri Wahyuni")
    table = window.transactions.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=5_000)
    assert table.isColumnHidden(REFERENCE)  # in the tooltip at this width
    model = table.model()
    metrics = table.fontMetrics()

    def clipped() -> list[str]:
        out = []
        for row in range(min(model.rowCount(), 8)):
            text = model.index(row, DESCRIPTION).data()
            width = table.columnWidth(DESCRIPTION) - 8
            rect = metrics.boundingRect(0, 0, width, 10_000, int(Qt.TextWordWrap), text)
            if table.rowHeight(row) < rect.height():
                out.append(text)
        return out

    # Rows fit their text once the header's deferred layout has run (ResizeToContents):
    # wrapped in full, not "Kulkas 2 pi…". On a busy machine that is a moment later.
    qtbot.waitUntil(lambda: not clipped(), timeout=5_000)
    # Switching the language never leaves the table scrolled sideways, date hidden.
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert table.horizontalScrollBar().value() == 0
    assert table.columnViewportPosition(DATE) == 0
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    window.resize(600, 900)
    qtbot.waitUntil(lambda: not table.isColumnHidden(REFERENCE), timeout=5_000)


def test_search_hits_tell_namesakes_apart() -> None:
    from datetime import UTC, datetime, timedelta

    from assist.cache.models import SearchHit
    from ui import i18n
    from ui.search_panel import hit_text

    i18n.install("id")
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    hit = SearchHit(
        "C000002", "Hotman Simanjuntak", "Bapak", "+6281311122233",
        "hotman.simanjuntak@yahoo.co.id", "platinum", "name", "Hotman Simanjuntak",
        last_activity=now - timedelta(days=2),
    )  # fmt: skip
    lines = hit_text(hit, now).split("\n")
    assert lines[0] == "Hotman Simanjuntak · Platinum"
    assert lines[1] == "0813-1112-2233 · hotman.simanjuntak@yahoo.co.id · C000002"
    assert lines[2] == "Terakhir aktif 2 hari yang lalu"
    i18n.install("en")
    assert hit_text(hit, now).split("\n")[2] == "Last active 2 days ago"
    i18n.install("id")


def test_screenshot_set_names_files_by_size_and_language(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui import screenshot

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    with pytest.raises(RuntimeError, match="real windows"):
        screenshot.take_set(tmp_path)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(screenshot, "_take", lambda folder, out, *a, **k: out)
    monkeypatch.setattr(
        screenshot, "_console", lambda f, out, theme, lang: out / f"console-reports-{lang}.png"
    )
    names = [p.name for p in screenshot.take_set(tmp_path)]
    assert names == [
        "sidebar-320x700-id.png",
        "sidebar-400x1000-id.png",
        "sidebar-420x1080-id.png",
        "console-reports-id.png",
        "sidebar-320x700-en.png",
        "sidebar-400x1000-en.png",
        "sidebar-420x1080-en.png",
        "console-reports-en.png",
    ]
