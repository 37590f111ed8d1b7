"""What the agent reads: preference labels, the policy line, a remembered window place."""

from __future__ import annotations

from datetime import UTC, datetime

from ui import i18n, placement
from ui.customer_panel import preference_label, preferences_text
from ui.status_panel import policy_title
from ui.views import PolicyView


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

    from ui.views import FindingView, SuggestionView, UpdateView

    qtbot.waitUntil(lambda: bool(window.reply._cards), timeout=10_000)  # pooled after paint
    reply = window.reply
    children = set(reply.findChildren(QWidget))
    rows = _layout_widgets(reply.suggestions_box), _layout_widgets(reply.findings_box)

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
        assert (_layout_widgets(reply.suggestions_box), _layout_widgets(reply.findings_box)) == rows
    # Nine of one function: one heading, nine cards in order, plain text.
    headers = [h for h in reply._headers if h.isVisibleTo(window)]
    assert [h.text() for h in headers] == ["Meminta maaf"]
    assert [c.text() for c in reply._cards] == [f"<i>teks {i}</i>" for i in range(9)]
    reply.show_update(view(["acknowledge_feeling", "thank", "thank"], 0))
    visible = [h.text() for h in reply._headers if h.isVisibleTo(window)]
    assert visible == ["Mengakui perasaan", "Berterima kasih"]
    assert reply._headers[1].isVisibleTo(window) and not reply._headers[2].isVisibleTo(window)
    assert [c.isVisibleTo(window) for c in reply._cards] == [True] * 3 + [False] * 6
    assert reply._cards[2].accessibleName().endswith("<i>teks 2</i>")
