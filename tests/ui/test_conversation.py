"""A whole conversation in the real window: message, reply, suggestions, compensation, next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from assist.app.views import FindingView, UpdateView
from assist.authority.models import REQUIRES_APPROVAL, WITHIN_AUTHORITY
from tests.ui.conftest import open_customer

ANGRY = (
    "Pesanan saya {ref} sudah 6 hari belum sampai juga!!! Saya sudah chat dua kali dan "
    "TIDAK ADA jawaban jelas. Kecewa banget, kalau begini terus saya minta refund saja."
)


def problem_reference(window) -> str:  # type: ignore[no-untyped-def]
    record = window.controller.customer.record
    return next(t.reference for t in record.transactions if t.is_problem and t.reference)


def start_conversation(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.controller.ready, timeout=30_000)
    open_customer(qtbot, window, "Sri Wahyuni")
    ref = problem_reference(window)
    window.message.set_text(ANGRY.format(ref=ref))
    qtbot.waitUntil(lambda: window.message.view is not None, timeout=10_000)
    return ref


def type_reply(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    window.reply.focus()
    qtbot.keyClicks(window.reply.edit, text)
    qtbot.waitUntil(
        lambda: window.reply.view is not None and window.reply.view.draft == window.reply.text(),
        timeout=10_000,
    )


def test_engine_loads_after_the_window_paints(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    # The window is on screen and searchable before the engine is ready.
    assert window.first_paint_at is not None
    qtbot.waitUntil(lambda: window.controller.ready, timeout=30_000)
    assert window.status.engine.text() == "Mesin bahasa siap."


def test_loading_message_is_shown_first(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from ui.window import SidebarWindow

    win = SidebarWindow(settings, remember_place=False)
    qtbot.addWidget(win)
    assert win.status.engine.text() == "Memuat mesin bahasa…"
    win.show()
    qtbot.waitUntil(lambda: win.controller.ready, timeout=30_000)
    win.close()


def test_message_is_read_and_named_transaction_picked_out(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    ref = start_conversation(qtbot, window)
    view = window.message.view
    assert window.message.emotion.isVisibleTo(window)
    assert window.message.emotion.text()
    assert window.message.issue.text()
    assert window.message.fault.text()
    assert window.message.edit.toPlainText() == ANGRY.format(ref=ref)
    assert view.analysis.cues, "an angry message has cues"
    assert window.message.highlighter.spans()
    mentioned = window.transactions.model.mentioned()
    assert [t.reference for t in mentioned] == [ref]
    assert ref in window.transactions.summary.text()


def test_typing_refreshes_suggestions_and_they_insert(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, window)
    type_reply(qtbot, window, "Selamat siang Ibu Sri,")
    shown = window.reply.shown_suggestions()
    assert shown, "an angry customer gets empathy suggestions"
    assert len(shown) <= 9
    # Grouped by function: each function's suggestions are together.
    functions = [s.function for s in shown]
    assert functions == sorted(functions, key=functions.index)
    # Insert the first one with Ctrl+1 at the cursor: after the comma it goes on the
    # sentence in lower case ("Selamat siang Ibu Sri, saya …").
    first = shown[0].text
    qtbot.keyClick(window.reply.edit, Qt.Key_1, Qt.ControlModifier)
    assert window.reply.text() == "Selamat siang Ibu Sri, " + first[:1].lower() + first[1:]
    qtbot.waitUntil(lambda: window.reply.view.draft == window.reply.text(), timeout=10_000)
    # Click another one.
    second = window.reply.shown_suggestions()[0]
    assert second.id != shown[0].id  # an inserted suggestion is not offered again
    cards = window.reply.suggestion_list
    qtbot.mouseClick(cards.viewport(), Qt.LeftButton, pos=cards.card_at(0).center())
    assert window.reply.text().endswith(second.text)
    qtbot.waitUntil(
        lambda: window.controller.core.session.counters["inserted"] == 2, timeout=10_000
    )
    checklist = window.reply.checklist
    assert set(checklist) == {
        "problem_restated",
        "feeling_acknowledged",
        "empathy_expressed",
        "action_committed",
    }
    assert all(label.text()[0] in "✓○" for label in checklist.values())


def test_coach_rewrite_replaces_the_draft(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.reply.edit.setPlainText("Mohon ditunggu.")
    view = UpdateView(
        draft="Mohon ditunggu.",
        suggestions=[],
        checklist={},
        findings=[FindingView("cold", "Terdengar dingin", "Mohon ditunggu sebentar ya, Bu.")],
        compensation=[],
    )
    window.reply.show_update(view)
    assert window.reply.finding_list.item(0).text == "“ditunggu.” → “ditunggu sebentar ya, Bu.”"
    qtbot.keyClick(window.reply.edit, Qt.Key_1, Qt.AltModifier)
    assert window.reply.text() == "Mohon ditunggu sebentar ya, Bu."


def test_grant_within_authority_goes_to_ledger_and_reply(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, window)
    type_reply(qtbot, window, "Mohon maaf Ibu Sri.")
    qtbot.waitUntil(lambda: window.compensation.option_count() > 0, timeout=10_000)
    options = window.compensation.options
    number = next(i for i, o in enumerate(options, 1) if o.status == WITHIN_AUTHORITY)
    option = options[number - 1]
    asked: list[str] = []
    window.compensation.confirm = lambda parent, title, question: asked.append(question) or True
    qtbot.keyClick(window, Qt.Key_1 + number - 1, Qt.AltModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: "Sebagai bentuk permohonan maaf" in window.reply.text(), timeout=10_000)
    assert len(asked) == 1 and option.label in asked[0]
    grants = window.controller.core.authority.received_recently(
        window.controller.customer.record.customer.id
    )
    assert [(g.type, g.amount_minor) for g in grants] == [(option.type, option.amount_minor)]
    # The offer addresses her as the reply does, the label reads mid-sentence.
    reply = window.reply.text()
    assert "untuk Ibu." in reply and "untuk Anda" not in reply
    assert option.label[:1].lower() + option.label[1:] in reply
    # Budgets are recomputed after the grant; the granted type is not offered again and
    # the panel says the customer was already compensated in this conversation.
    qtbot.waitUntil(lambda: window.compensation.options != options, timeout=10_000)
    qtbot.waitUntil(lambda: window.compensation.given.isVisibleTo(window), timeout=10_000)
    assert option.type not in [o.type for o in window.compensation.options]
    assert "Sudah diberi kompensasi di percakapan ini" in window.compensation.given.text()
    # The coach knows the grant: the offer is the concrete action, not an over-promise.
    qtbot.waitUntil(lambda: window.reply.view.draft == window.reply.text(), timeout=10_000)
    kinds = [f.kind for f in window.reply.view.findings]
    assert "over_promise" not in kinds and "apology_without_action" not in kinds
    assert window.reply.view.checklist["action_committed"]
    # Opened again, the customer's card warns about the recent compensation.
    window.search.clear()
    open_customer(qtbot, window, "Sri Wahyuni")
    qtbot.waitUntil(lambda: window.card.warning.isVisibleTo(window), timeout=5_000)
    assert "Perhatian" in window.card.warning.text()


def test_language_switch_relabels_options_and_reasons(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, window)
    type_reply(qtbot, window, "Mohon maaf Ibu Sri.")
    qtbot.waitUntil(lambda: window.compensation.option_count() > 0, timeout=10_000)
    before = [o.label for o in window.compensation.options]
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    qtbot.waitUntil(
        lambda: [o.label for o in window.compensation.options] != before, timeout=10_000
    )
    assert window.controller.core.session.ui_language == "en"
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)


def test_declined_confirmation_grants_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, window)
    qtbot.waitUntil(lambda: window.compensation.option_count() > 0, timeout=10_000)
    window.compensation.confirm = lambda parent, title, question: False
    before = window.reply.text()
    window.compensation.choose_number(1)
    assert window.reply.text() == before
    customer_id = window.controller.customer.record.customer.id
    assert window.controller.core.authority.received_recently(customer_id) == []


def test_approval_request_and_a_bad_code(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, window)
    qtbot.waitUntil(lambda: window.compensation.option_count() > 0, timeout=10_000)
    above = [o for o in window.compensation.options if o.status == REQUIRES_APPROVAL]
    if not above:
        # Make one: ask for more than the agent may give of the first option.
        from dataclasses import replace

        first = window.compensation.options[0]
        above = [replace(first, status=REQUIRES_APPROVAL, amount_minor=first.amount_minor * 50)]
    # The customer asked for a refund: the full refund comes first and the policy wants a
    # written reason for it.
    window.compensation.reason.setText("Pelanggan minta refund, paket tertahan 6 hari")
    window.compensation.choose(above[0])
    qtbot.waitUntil(lambda: window.compensation.request_box.isVisibleTo(window), timeout=10_000)
    text = window.compensation.request_text.toPlainText()
    assert text and QGuiApplication.clipboard().text() == text
    assert window.compensation.code.hasFocus()
    qtbot.keyClicks(window.compensation.code, "PEKA-APPROVAL-nonsense")
    qtbot.keyClick(window.compensation.code, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.status.message.isVisible(), timeout=10_000)
    assert window.status.message.text().startswith("[E5")


def test_next_customer_closes_the_conversation(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, window)
    type_reply(qtbot, window, "Baik Ibu, kami cek.")
    ended: list[object] = []
    window.controller.bridge.event.connect(
        lambda name, payload: ended.append(payload) if name == "session.ended" else None
    )
    chosen: list[str] = []
    window.choose_outcome = lambda parent: chosen.append("asked") or "follow_up"
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(ended), timeout=10_000)
    assert chosen == ["asked"]
    assert ended[0].outcome == "follow_up"
    qtbot.waitUntil(lambda: window.reply.text() == "", timeout=5_000)
    assert window.message.text() == ""
    assert window.card.empty.isVisibleTo(window)
    assert window.transactions.model.rowCount() == 0
    assert window.search.box.hasFocus()
    assert "Tindak lanjut" in window.status.message.text()


def test_cancelled_outcome_keeps_the_conversation(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_customer(qtbot, window)
    window.choose_outcome = lambda parent: None
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    assert window.controller.customer is not None
    assert window.card.name.text() == "Sri Wahyuni"


def test_an_order_number_that_is_not_hers_is_flagged_not_used(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.controller.ready, timeout=30_000)
    open_customer(qtbot, window, "Sri Wahyuni")
    window.message.set_text("Pesanan INV/2026/11/0042 sudah 7 hari belum sampai, kecewa sekali!")
    qtbot.waitUntil(lambda: window.message.view is not None, timeout=10_000)
    qtbot.waitUntil(
        lambda: "INV/2026/11/0042" in window.transactions.summary.text(), timeout=10_000
    )
    assert "Bukan transaksi pelanggan ini" in window.transactions.summary.text()
    type_reply(qtbot, window, "Saya lihat pesanan INV/2026/11/0042 sudah 7 hari.")
    kinds = [f.kind for f in window.reply.view.findings]
    assert "foreign_order" in kinds
    assert all("INV/2026/11/0042" not in s.text for s in window.reply.shown_suggestions())
