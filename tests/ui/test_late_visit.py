"""A customer waiting for a technician sees a late visit, not a late parcel, in the sidebar."""

from __future__ import annotations

from tests.suggest.helpers import PARCEL_WORDS
from tests.ui.conftest import open_customer

TECHNICIAN = (
    "Sudah dua kali jadwal pemasangan AC saya diundur, teknisinya nggak datang lagi hari "
    "ini padahal saya sudah izin kerja. Tolong kepastiannya!"
)


def test_a_late_technician_reads_as_a_late_visit_with_visit_suggestions(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.controller.ready, timeout=30_000)
    # Sri Wahyuni's cache holds a parcel stuck at a hub: the message is about the visit.
    open_customer(qtbot, window, "Sri Wahyuni")
    window.message.set_text(TECHNICIAN)
    qtbot.waitUntil(lambda: window.message.view is not None, timeout=10_000)
    assert window.message.view.analysis.awaited == ["visit"]
    assert window.message.issue.text() == "Kunjungan terlambat"
    window.reply.focus()
    qtbot.keyClicks(window.reply.edit, "Baik Ibu Sri,")
    qtbot.waitUntil(lambda: bool(window.reply.shown_suggestions()), timeout=10_000)
    shown = [s.text for s in window.reply.shown_suggestions()]
    assert not [s for s in shown if PARCEL_WORDS.search(s)], shown
    assert any("kunjungan" in s or "petugas" in s for s in shown), shown
