"""The sidebar follows what the local API, `peka open` and the clipboard tell the core:
it shows where the context came from and never mixes two conversations."""

from __future__ import annotations

import threading

from PySide6.QtGui import QGuiApplication

from assist.app.follow import ConversationContext


def _from_another_thread(action) -> None:  # type: ignore[no-untyped-def]
    """The API's worker threads call the core directly, not through the sidebar."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            action()
        except BaseException as exc:  # reported to the test below
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(60)
    assert not errors, errors


def _customers(window, n: int = 2):  # type: ignore[no-untyped-def]
    hits = window.controller.core.search("a", limit=40)
    return [h for h in hits if h.phone and h.email][:n]


def test_helpdesk_context_shows_source_customer_message_and_draft(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.controller.ready, timeout=30_000)
    first, second = _customers(window)
    core = window.controller.core
    message = "Paket saya sudah seminggu belum datang, tolong dicek!"
    _from_another_thread(
        lambda: core.follow(
            ConversationContext(
                source="extension",
                helpdesk="chatwoot",
                conversation_id="17",
                phone=first.phone,
                message=message,
            )
        )
    )
    qtbot.waitUntil(lambda: window.card.isVisible() and window.controller.customer is not None)
    assert window.controller.customer.record.customer.id == first.customer_id
    qtbot.waitUntil(lambda: window.message.text() == message, timeout=10_000)
    label = window.context_bar.label.text()
    assert "chatwoot" in label and "17" in label
    assert window.context_bar.label.textFormat() == window.context_bar.label.textFormat().PlainText

    _from_another_thread(lambda: core.follow_draft("Mohon maaf, Kak", "chatwoot:17"))
    qtbot.waitUntil(
        lambda: window.reply.view is not None and window.reply.view.draft == "Mohon maaf, Kak",
        timeout=10_000,
    )
    assert window.reply.text() == "Mohon maaf, Kak"  # the helpdesk's draft, mirrored

    # Another conversation: the first is parked, the sidebar shows only the second.
    _from_another_thread(
        lambda: core.follow(
            ConversationContext(
                source="extension",
                helpdesk="chatwoot",
                conversation_id="18",
                email=second.email,
                message="Halo, refund saya belum masuk.",
            )
        )
    )
    qtbot.waitUntil(
        lambda: (
            window.controller.customer is not None
            and window.controller.customer.record.customer.id == second.customer_id
        ),
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: window.message.text() == "Halo, refund saya belum masuk.")
    assert "18" in window.context_bar.label.text()
    assert window.context_bar.view is not None and len(window.context_bar.view.parked) == 1
    assert window.reply.text() == ""  # the parked conversation's draft stays with it


def test_clipboard_follow_is_off_by_default_and_ignores_our_own_copy(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.controller.ready, timeout=30_000)
    clipboard = QGuiApplication.clipboard()
    assert not window.context_bar.following_clipboard
    clipboard.setText("Barang saya rusak!")
    qtbot.wait(200)  # nothing may happen: there is no event to wait for
    assert window.message.text() == ""

    window.context_bar.clipboard.setChecked(True)
    clipboard.setText("Kenapa pesanan saya dibatalkan sepihak?")
    qtbot.waitUntil(
        lambda: window.message.text() == "Kenapa pesanan saya dibatalkan sepihak?",
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: window.message.view is not None, timeout=10_000)
    assert window.context_bar.view is not None and window.context_bar.view.hint
    # The reply the sidebar copies is not a customer message.
    window.reply.edit.setPlainText("Baik Kak, saya cek sekarang.")
    window.copy_reply()
    qtbot.wait(200)
    assert window.message.text() == "Kenapa pesanan saya dibatalkan sepihak?"
