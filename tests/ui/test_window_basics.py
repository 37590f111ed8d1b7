"""The real window without waiting for the language engine: search, card, keys, i18n."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.conftest import open_customer
from ui import i18n


def test_search_is_keyboard_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key_K, Qt.ControlModifier)
    assert window.search.box.hasFocus()
    qtbot.keyClicks(window.search.box, "Sri")
    qtbot.waitUntil(lambda: window.search.hit_count() > 1, timeout=5_000)
    assert window.search.results.currentRow() == 0
    qtbot.keyClick(window.search.box, Qt.Key_Down)
    assert window.search.results.currentRow() == 1
    qtbot.keyClick(window.search.box, Qt.Key_Up)
    assert window.search.results.currentRow() == 0
    wanted = window.search.results.item(0).data(Qt.UserRole + 1)
    qtbot.keyClick(window.search.box, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.controller.customer is not None, timeout=5_000)
    assert window.controller.customer.record.customer.id == wanted
    assert not window.search.results.isVisible()


def test_search_by_phone_email_and_order_number(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for query in ("0812 3456 7890", "sri.wahyuni@gmail.com"):
        window.search.clear()
        qtbot.keyClicks(window.search.box, query)
        qtbot.waitUntil(lambda: window.search.hit_count() > 0, timeout=5_000)
        assert window.search.results.item(0).text().startswith("Sri Wahyuni")


def test_opening_a_customer_fills_card_and_table(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_customer(qtbot, window, "Sri Wahyuni")
    card = window.card
    assert card.name.text() == "Sri Wahyuni"
    assert card.address.text() == "Sapa sebagai: Ibu Sri"
    assert card.fields["tier"][1].text() == "Gold"
    assert "jangan telepon sebelum jam 10" in card.fields["preferences"][1].text()
    model = window.transactions.model
    assert model.rowCount() >= 2
    assert any(t.status == "delayed" for t in model.transactions())
    # Newest first in the view.
    proxy = window.transactions.proxy
    first = model.transactions()[proxy.mapToSource(proxy.index(0, 0)).row()]
    assert first.created_at == max(t.created_at for t in model.transactions())
    assert window.message.edit.hasFocus()


def test_no_results_says_so(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search.box, "zzqqxx")
    qtbot.waitUntil(lambda: window.search.empty.isVisible(), timeout=5_000)
    assert "zzqqxx" in window.search.empty.text()


def test_language_switches_at_run_time(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.sections["reply"].toggle.text() == "Balasan"
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert i18n.translator().language == "en"
    assert window.sections["reply"].toggle.text() == "Reply"
    assert window.search.box.placeholderText().startswith("Search")
    assert window.actions_by_key["copy"].text() == "Copy reply"
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert window.sections["reply"].toggle.text() == "Balasan"


def test_copy_reply_with_ctrl_enter(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.reply.focus()
    qtbot.keyClicks(window.reply.edit, "Baik, kami cek sekarang.")
    qtbot.keyClick(window.reply.edit, Qt.Key_Return, Qt.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Baik, kami cek sekarang."
    assert window.reply.text() == "Baik, kami cek sekarang."  # no newline typed
    assert window.status.message.text() == "Balasan disalin ke clipboard."


def test_policy_and_cache_in_status_line(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.status.policy is not None, timeout=5_000)
    assert window.status.policy.valid
    assert "demo-supervisor" in window.status.policy_label.text()
    assert "50 pelanggan" in window.status.cache_label.text()
    assert window.status.agent_label.text() == "Agen: Dewi (agent.test)"


def test_invalid_policy_is_explained(qtbot, window, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from ui.window import SidebarWindow

    broken = replace(settings, policy_path=tmp_path / "missing.json")
    other = SidebarWindow(broken, remember_place=False)
    qtbot.addWidget(other)
    other.show()
    qtbot.waitUntil(lambda: other.status.policy is not None, timeout=5_000)
    assert not other.status.policy.valid
    assert other.status.policy.reason
    assert other.compensation.policy_label.text().startswith("Kompensasi tidak tersedia: ")
    assert not other.compensation.code.isEnabled()
    other.close()


def test_every_interactive_widget_has_an_accessible_name(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_customer(qtbot, window)
    missing = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel) or not widget.isVisibleTo(window):
            continue
        if widget.focusPolicy() & Qt.TabFocus and not widget.accessibleName():
            if widget.parent() is not None and widget.parent().accessibleName():
                continue  # viewports and internal parts of named widgets
            missing.append(f"{type(widget).__name__}:{widget.objectName()}")
    assert missing == []


def test_every_data_label_is_plain_text(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_customer(qtbot, window)
    rich = [lbl.text() for lbl in window.findChildren(QLabel) if lbl.textFormat() != Qt.PlainText]
    assert rich == []


def test_layout_does_not_clip_at_the_narrowest_width(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_customer(qtbot, window)
    window.resize(320, 900)
    qtbot.waitUntil(lambda: window.width() == 320, timeout=2_000)
    body = window.scroll.widget()
    assert body.width() <= window.scroll.viewport().width()
    for label in body.findChildren(QLabel):
        if label.isVisibleTo(window) and label.wordWrap():
            assert label.width() <= body.width()
