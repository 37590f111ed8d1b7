"""The sidebar shows a close second emotion beside the first, in the agent's language."""

from __future__ import annotations

from tests.ui.conftest import type_message
from ui.i18n import tr
from ui.message_panel import intensity_word


def test_a_close_reading_shows_both_emotions_and_a_clear_one_only_one(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    # The shipped engine reads this calm, or perhaps resigned and let down.
    panel = type_message(qtbot, window, "yaudah deh kak, ditunggu aja")
    qtbot.waitUntil(lambda: panel.view is not None, timeout=10_000)
    a = panel.view.analysis
    alternative = a.emotion_alternative()
    assert alternative is not None
    first = tr("msg.emotion_value", emotion=tr(f"emotion.{a.emotion}"),
               strength=intensity_word(a.intensity))  # fmt: skip
    expected = tr("msg.emotion_or", reading=first, alternative=tr(f"emotion.{alternative}").lower())
    assert panel.emotion.text() == expected
    assert "mungkin juga" in expected or "or perhaps" in expected
    panel.edit.selectAll()
    qtbot.keyClicks(panel.edit, "Terima kasih banyak kak, paketnya sudah sampai dengan baik")
    qtbot.waitUntil(
        lambda: panel.view is not None and panel.view.analysis.text.startswith("Terima"),
        timeout=10_000,
    )
    assert panel.view.analysis.emotion_alternative() is None
    assert "," not in panel.emotion.text()
