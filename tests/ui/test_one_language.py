"""One language at a time: Qt's own buttons and the outcome keys follow the interface."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ui import i18n
from ui.outcome_dialog import OutcomeDialog
from ui.plain import plain_message_box


def test_qt_standard_buttons_speak_the_interface_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    translator = i18n.install("id")
    box = plain_message_box(None, "t", "q", buttons=QMessageBox.Yes | QMessageBox.No)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.Yes).text() == "&Ya"
    assert box.button(QMessageBox.No).text() == "&Tidak"
    translator.set_language("en")
    english = plain_message_box(None, "t", "q", buttons=QMessageBox.Yes | QMessageBox.Cancel)
    qtbot.addWidget(english)
    assert english.button(QMessageBox.Yes).text() == "&Yes"
    assert english.button(QMessageBox.Cancel).text() == "Cancel"
    i18n.install("id")


def test_outcome_keys_follow_the_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    i18n.install("id")
    dialog = OutcomeDialog()
    qtbot.addWidget(dialog)
    texts = [b.text() for b in dialog.buttons.values()]
    assert texts == ["Selesai (S)", "Tindak lanjut (T)", "Dieskalasi (D)"]
    shortcuts = [b.shortcut().toString() for b in dialog.buttons.values()]
    assert shortcuts == ["S", "T", "D"]
    i18n.install("en")
    english = OutcomeDialog()
    qtbot.addWidget(english)
    assert [b.text() for b in english.buttons.values()] == [
        "Resolved (R)",
        "Follow-up (F)",
        "Escalated (E)",
    ]
    i18n.install("id")


def test_the_fault_reason_is_in_the_interface_language() -> None:
    from assist.nlp.scoring import reason_in

    english = "Late delivery or visit: the company and its partners are responsible."
    indonesian = "Pengiriman atau kunjungan terlambat: tanggung jawab perusahaan dan mitranya."
    assert reason_in(english, "id") == indonesian
    assert reason_in(indonesian, "en") == english
    assert reason_in(indonesian, "id") == indonesian
    quoted = "The customer describes their own mistake: \u201cI typed the wrong address\u201d."
    assert reason_in(quoted, "id") == (
        "Pelanggan menyebut kekeliruannya sendiri: \u201cI typed the wrong address\u201d."
    )


def test_an_english_message_is_explained_in_indonesian(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import open_customer

    qtbot.waitUntil(lambda: window.controller.ready, timeout=30_000)
    open_customer(qtbot, window, "Sri Wahyuni")
    window.message.set_text("My order is 6 days late and nobody answers me. This is terrible!")
    qtbot.waitUntil(lambda: window.message.view is not None, timeout=10_000)
    assert window.message.view.analysis.language == "en"
    shown = window.message.fault.text()
    assert "the company" not in shown and "responsible" not in shown


def test_numbers_and_relative_times_use_the_interface_locale(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    from assist.app.views import CacheView
    from ui.status_panel import StatusPanel

    translator = i18n.install("en")
    panel = StatusPanel("agent")
    qtbot.addWidget(panel)
    imported = datetime.now(UTC) - timedelta(hours=3)
    panel.set_cache(CacheView(Path("c.sqlite"), 2000, 9000, imported, 1))
    assert panel.cache_label.text() == "Data: 2,000 customers, last updated 3 hours ago"
    translator.set_language("id")
    panel.set_cache(panel.cache)
    assert "2.000" in panel.cache_label.text() and "3 jam yang lalu" in panel.cache_label.text()
    i18n.install("id")


def test_recent_compensation_lines_use_labels_and_the_language() -> None:
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from assist.app.core import recent_lines

    grant = SimpleNamespace(
        granted_at=datetime(2026, 12, 3, 5, 0, tzinfo=UTC),
        unit="money",
        amount_minor=2_500_000,
        currency="IDR",
        type="shipping_fee_waiver",
    )
    labels = {"id": "Gratis ongkos kirim", "en": "Shipping fee waiver"}
    [line] = recent_lines([grant], "id", lambda name, lang: labels[lang])
    assert line.endswith("· Gratis ongkos kirim · Rp 25.000") and "Des 2026" in line
    [english] = recent_lines([grant], "en", lambda name, lang: labels[lang])
    assert english.endswith("· Shipping fee waiver · Rp 25,000") and "Dec" in english
