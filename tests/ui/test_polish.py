"""What the agent reads: preference labels, the policy line, a remembered window place."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QPoint, Qt

from assist.app.views import PolicyView
from ui import i18n, placement
from ui.customer_panel import preference_label, preferences_text
from ui.status_panel import policy_title


def test_known_preferences_are_translated_and_others_humanised() -> None:
    i18n.install("id")
    assert preference_label("preferred_channel") == "Saluran pilihan"
    assert preference_label("contact_hours") == "Jam kontak"
    assert preference_label("some_key") == "Some key"
    assert preference_label("delivery-window__late") == "Delivery window late"
    text = preferences_text({"preferred_channel": "whatsapp", "gift_wrap": "ya", "x": "<b>1</b>"})
    assert text.splitlines() == ["Saluran pilihan: WhatsApp", "Bungkus kado: ya", "X: <b>1</b>"]
    i18n.install("en")
    assert preference_label("contact_note") == "Contact note"
    i18n.install("id")


def test_policy_line_shows_name_and_hides_timestamp_versions() -> None:
    i18n.install("id")
    expires = datetime(2027, 11, 22, 5, tzinfo=UTC)
    demo = PolicyView(True, "", "1763780000", "demo-supervisor", expires, name="Kebijakan demo")
    assert policy_title(demo) == "Kebijakan demo"
    assert policy_title(PolicyView(True, "", "3", "s", name="Kebijakan tim")) == "Kebijakan tim v3"
    assert policy_title(PolicyView(True, "", "3", "s")) == "Kebijakan v3"


def test_status_line_reads_like_a_sentence(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.status.policy is not None, timeout=10_000)
    text = window.status.policy_label.text()
    demo_name = "Kebijakan demo Peka (bukan untuk pelanggan sungguhan)"
    assert text.startswith(f"{demo_name} · demo-supervisor · ")
    assert "berlaku s.d. " in text
    assert window.status.policy.version not in text  # a Unix-time version stays hidden


def test_moving_or_resizing_is_remembered_without_closing(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from ui.window import SidebarWindow

    win = SidebarWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: getattr(win, "_placed", False), timeout=5_000)
    win.set_dock("none")
    win.setGeometry(100, 120, 470, 700)
    qtbot.waitUntil(lambda: placement.load_placement().width == 470, timeout=5_000)
    saved = placement.load_placement()
    assert (saved.dock, saved.height) == ("none", 700)
    win.remember_place = False  # the close must not be what saved it
    win.close()


def _layout_widgets(layout):  # type: ignore[no-untyped-def]
    return [layout.itemAt(i).widget() for i in range(layout.count())]


def test_a_refresh_never_creates_or_moves_widgets(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from assist.app.views import FindingView, SuggestionView, UpdateView

    qtbot.waitUntil(lambda: window.first_paint_at is not None, timeout=10_000)
    reply = window.reply
    children = set(reply.findChildren(QWidget))
    rows = _layout_widgets(reply.layout())

    def view(functions: list[str], findings: int) -> UpdateView:
        return UpdateView(
            draft="",
            suggestions=[
                SuggestionView(f"s{i}", f, f"<i>teks {i}</i>", 10.0 - i, "")
                for i, f in enumerate(functions)
            ],
            checklist={},
            findings=[FindingView("cold", "dingin", f"ganti {i}") for i in range(findings)],
            compensation=[],
        )

    for shape in (
        view(["apologise", "apologise", "thank"], 1),
        view(["acknowledge_feeling", "thank", "reassure", "reassure", "commit_action"], 3),
        view([], 0),
        view(["apologise"] * 9, 9),
    ):
        reply.show_update(shape)
        assert set(reply.findChildren(QWidget)) == children
        assert _layout_widgets(reply.layout()) == rows
    # Nine of one function: one heading, nine cards in order, plain text.
    cards = reply.suggestion_list
    assert [c.heading for c in cards.items() if c.heading] == ["Meminta maaf"]
    assert [c.text for c in cards.items()] == [f"<i>teks {i}</i>" for i in range(9)]
    assert [c.badge for c in reply.finding_list.items()] == [f"Alt+{n}" for n in range(1, 10)]
    reply.show_update(view(["acknowledge_feeling", "thank", "thank"], 0))
    assert [c.heading for c in cards.items()] == ["Mengakui perasaan", "Berterima kasih", ""]
    assert cards.isVisibleTo(window) and not reply.finding_list.isVisibleTo(window)
    assert cards.card_model.index(2).data(Qt.AccessibleTextRole).endswith("<i>teks 2</i>")


def _suggestions(texts: list[str], functions: list[str] | None = None):  # type: ignore[no-untyped-def]
    from assist.app.views import SuggestionView, UpdateView

    functions = functions or ["apologise"] * len(texts)
    return UpdateView(
        draft="",
        suggestions=[
            SuggestionView(f"s{i}", f, t, 10.0 - i, "")
            for i, (t, f) in enumerate(zip(texts, functions, strict=True))
        ],
        checklist={},
        findings=[],
        compensation=[],
    )


def test_cards_fit_their_list_exactly(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    long = "Mohon maaf atas ketidaknyamanannya, kami sedang memeriksa pesanan Ibu " * 3
    window.reply.show_update(
        _suggestions([long, "Terima kasih.", long], ["apologise", "thank", "thank"])
    )
    cards = window.reply.suggestion_list
    qtbot.waitUntil(lambda: cards.height() == cards.heightForWidth(cards.width()), timeout=5_000)
    viewport = cards.viewport().rect()
    rects = [cards.card_at(row) for row in range(3)]
    assert all(viewport.contains(r) for r in rects)
    assert rects[0].height() > 2 * rects[1].height()  # the long sentence wraps
    assert rects[0].bottom() < rects[1].top() < rects[1].bottom() < rects[2].top()
    # A heading sits above the second card (a new function), none above the third.
    assert rects[2].top() - rects[1].bottom() < rects[1].top() - rects[0].bottom()
    # Narrower window: the cards wrap more, and the list grows to fit them.
    before = cards.height()
    window.resize(340, 1000)
    qtbot.waitUntil(lambda: cards.height() > before, timeout=5_000)
    qtbot.waitUntil(lambda: cards.height() == cards.heightForWidth(cards.width()), timeout=5_000)


def test_new_texts_of_the_same_height_do_not_lay_out_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    reply = window.reply
    reply.show_update(_suggestions(["Satu.", "Dua."]))

    class Counter(QObject):
        count = 0

        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            # Only the reply panel's own widgets: the engine loading in the background
            # may re-lay out the status line at any moment, and that is not the point.
            if event.type() == QEvent.LayoutRequest and (
                obj is reply or (isinstance(obj, QWidget) and reply.isAncestorOf(obj))
            ):
                Counter.count += 1
            return False

    counter = Counter()
    app = QApplication.instance()
    app.installEventFilter(counter)
    try:
        # Each layout pass posts the next one up the parent chain: let them all run.
        for _ in range(20):
            Counter.count = 0
            QApplication.processEvents()
            if not Counter.count:
                break
        assert Counter.count == 0
        reply.show_update(_suggestions(["Tiga.", "Empat."]))
        QApplication.processEvents()
        assert [c.text for c in reply.suggestion_list.items()] == ["Tiga.", "Empat."]
        assert Counter.count == 0
        reply.show_update(_suggestions(["Tiga.", "Empat.", "Lima."]))
        QApplication.processEvents()
        assert Counter.count > 0  # one more card: the window makes room for it
    finally:
        app.removeEventFilter(counter)


def test_cards_work_from_the_keyboard_and_the_mouse(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    from assist.app.views import FindingView, UpdateView

    reply = window.reply
    reply.show_update(_suggestions(["Satu.", "Dua.", "Tiga."], ["apologise", "thank", "thank"]))
    cards = reply.suggestion_list
    qtbot.waitUntil(lambda: cards.height() == cards.heightForWidth(cards.width()), timeout=5_000)
    inserted: list[str] = []
    reply.suggestion_inserted.connect(inserted.append)
    cards.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(cards.hasFocus, timeout=5_000)
    assert cards.currentIndex().row() == 0
    qtbot.keyClick(cards, Qt.Key_Down)
    qtbot.keyClick(cards, Qt.Key_Return)
    assert inserted == ["s1"] and reply.text() == "Dua."
    # A click on the heading above a card is not a click on the card.
    heading = cards.visualRect(cards.card_model.index(1)).topLeft() + QPoint(4, 2)
    assert not cards.card_at(1).contains(heading)
    qtbot.mouseClick(cards.viewport(), Qt.LeftButton, pos=heading)
    assert inserted == ["s1"]
    qtbot.mouseClick(cards.viewport(), Qt.LeftButton, pos=cards.card_at(2).center())
    assert inserted == ["s1", "s2"] and reply.text() == "Dua. Tiga."
    # The list never scrolls itself: it leaves the wheel to the sidebar around it (Qt
    # passes an ignored wheel event on to the parent).
    centre = QPointF(cards.card_at(0).center())
    wheel = QWheelEvent(
        centre,
        cards.viewport().mapToGlobal(centre),
        QPoint(),
        QPoint(0, -120),
        Qt.NoButton,
        Qt.NoModifier,
        Qt.NoScrollPhase,
        False,
    )
    cards.wheelEvent(wheel)
    assert not wheel.isAccepted() and cards.verticalScrollBar().value() == 0
    # Advice without a rewrite has no card, and Alt+1 leaves the draft alone.
    draft = reply.text()
    reply.show_update(UpdateView(draft, [], {}, [FindingView("name_unused", "", "")], []))
    assert reply.finding_list.card_at(0).isEmpty()
    assert not reply.apply_finding(1) and reply.text() == draft
