"""``peka screenshot``: the sidebar with a demo customer, an angry message, a half-written
reply and the compensation options, rendered offscreen to a PNG for the README and docs.

A sidebar is taller than any screenshot should be, so by default the picture is two views
of the same window side by side: scrolled to the top (customer, message, reply) and to the
bottom (suggestions, coaching, compensation).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ui.bench import ANGRY_MESSAGE

HALF_REPLY = (
    "Selamat siang Ibu Sri, mohon maaf atas keterlambatan pesanan kulkas Ibu. "
    "Saya sudah cek, paketnya tertahan di gudang transit"
)


def take_screenshot(
    out: Path,
    *,
    theme: str = "light",
    language: str = "id",
    width: int = 460,
    height: int = 1180,
    columns: int = 2,
) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="peka-shot-") as tmp:
        return _take(Path(tmp), out, theme, language, width, height, columns)


def _take(
    folder: Path,
    out: Path,
    theme: str,
    language: str,
    width: int,
    height: int,
    columns: int,
    *,
    real: bool = False,
) -> Path:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from ui.app import application, build_window
    from ui.demo import demo_settings, ensure_demo
    from ui.event_wait import pump
    from ui.event_wait import wait_for as waiting

    settings = demo_settings(
        ensure_demo(folder, customers=200),
        always_on_top=False,
        language=language,
        theme=theme,
        agent_id="dewi.s",
        agent_name="Dewi Sartika",
    )
    app = application()
    window = build_window(settings, remember_place=False, app=app)
    window.resize(width, height)
    window.move(0, 0)
    window.show()

    def wait_for(condition: Any, timeout_s: float, what: str) -> None:
        waiting(condition, timeout_s, what, who="screenshot", step_ms=10)

    wait_for(lambda: window.controller.ready, 60, "the language engine")
    QTest.keyClicks(window.search.box, "Sri Wahyuni")
    wait_for(lambda: window.search.hit_count() > 0, 10, "search results")
    QTest.keyClick(window.search.box, Qt.Key_Return)
    wait_for(lambda: window.controller.customer is not None, 10, "the customer")
    record = window.controller.customer.record  # type: ignore[union-attr]
    inv = next((t.reference for t in record.transactions if t.is_problem and t.reference), "")
    window.message.set_text(ANGRY_MESSAGE.replace("INV/{inv}", inv or "INV/0"))
    wait_for(lambda: window.message.view is not None, 20, "the message analysis")
    window.reply.focus()
    window.reply.edit.setPlainText(HALF_REPLY)
    window.reply.edit.moveCursor(window.reply.edit.textCursor().MoveOperation.End)
    window.reply.refresh_now()
    wait_for(
        lambda: window.reply.view is not None and window.reply.view.draft == HALF_REPLY,
        10,
        "suggestions",
    )
    wait_for(lambda: window.compensation.option_count() > 0, 10, "compensation options")
    if real:
        # As the agent sees it while writing: the reply focused, its suggestions below.
        # From the top of the window, so the picture does not depend on where the earlier
        # steps happened to leave the view.
        window.scroll.verticalScrollBar().setValue(0)
        pump(50)
        window.activateWindow()
        window.focus_reply()
        window.show_reply_with_suggestions()
        pump(400)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not _grab_real(window).save(str(out)):
            raise RuntimeError(f"screenshot: could not write {out}")
        window.close()
        return out
    # The transaction history is a table of its own; fold it so the conversation shows.
    window.sections["transactions"].toggle.setChecked(False)
    pump(200)
    bar = window.scroll.verticalScrollBar()
    bar.setValue(0)
    pump(50)
    shots = [window.grab()]
    if columns > 1:
        # The second view starts at the coach (the first already shows the suggestions)
        # and goes down to the compensation options and the approval code box.
        body = window.scroll.widget()
        top = window.reply.coach_title.mapTo(body, QPoint(0, 0)).y() - 8
        bar.setValue(min(bar.maximum(), max(0, top)))
        pump(100)
        shots.append(window.grab())
    window.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not side_by_side(shots).save(str(out)):
        raise RuntimeError(f"screenshot: could not write {out}")
    return out


def side_by_side(shots: list[Any], gap: int = 16) -> Any:
    """One image of ``shots`` (QPixmaps) next to each other on the window colour."""
    from PySide6.QtGui import QImage, QPainter, QPalette
    from PySide6.QtWidgets import QApplication

    if len(shots) == 1:
        return shots[0].toImage()
    ratio = shots[0].devicePixelRatio()
    width = sum(s.width() for s in shots) + gap * ratio * (len(shots) - 1)
    height = max(s.height() for s in shots)
    image = QImage(int(width), int(height), QImage.Format_ARGB32)
    image.fill(QApplication.palette().color(QPalette.Mid))
    painter = QPainter(image)
    x = 0.0
    for shot in shots:
        painter.drawPixmap(int(x), 0, shot)
        x += shot.width() + gap * ratio
    painter.end()
    return image


# The sizes the README shows: the narrowest supported sidebar, a laptop, a full-HD monitor.
SIDEBAR_SIZES = ((320, 700), (400, 1000), (420, 1080))
CONSOLE_SIZE = (1180, 760)


def take_set(folder: Path, *, theme: str = "light") -> list[Path]:
    """The README's screenshots from the real windows on the running X server (Xvfb in
    CI): the sidebar at each of SIDEBAR_SIZES with the agent writing the reply (reply and
    suggestions in view together), and the supervisor console's reports, in Indonesian and
    English. Files are named with size and language: ``sidebar-320x700-id.png``."""
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        raise RuntimeError("screenshot --set grabs real windows: run it under an X server")
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="peka-shots-") as tmp:
        for language in ("id", "en"):
            for width, height in SIDEBAR_SIZES:
                out = folder / f"sidebar-{width}x{height}-{language}.png"
                written.append(
                    _take(Path(tmp) / f"s-{language}-{width}", out, theme, language, width,
                          height, 1, real=True)
                )  # fmt: skip
            written.append(_console(Path(tmp) / f"c-{language}", folder, theme, language))
    return written


def _grab_real(window: Any) -> Any:
    """What the X server shows of ``window`` (not a widget render)."""
    frame = window.frameGeometry()
    return window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())


def _console(folder: Path, out_folder: Path, theme: str, language: str) -> Path:
    from assist.reports.demo_history import cache_customer_ids, write_demo_history
    from ui import i18n
    from ui import theme as themes
    from ui.app import application
    from ui.console.command import demo_console_key
    from ui.console.context import ConsoleContext
    from ui.console.window import ConsoleWindow
    from ui.demo import ensure_demo
    from ui.event_wait import pump, wait_for

    files = ensure_demo(folder, customers=200)
    write_demo_history(files.team_path, cache_customer_ids(files.cache_path))
    app = application()
    i18n.install(language)
    themes.apply_theme(app, theme)
    key = demo_console_key()
    window = ConsoleWindow(
        ConsoleContext(
            key=key,
            policy_path=files.policy_path,
            keys_dir=files.keys_dir,
            ledger_path=files.ledger_path,
            phrases_path=files.phrases_path,
            team_path=files.team_path,
            outcomes_path=files.outcomes_path,
            language=language,
            demo=True,
        )
    )
    window.resize(*CONSOLE_SIZE)
    window.move(0, 0)
    window.show()

    shown: list[bool] = []
    window.reports.shown.connect(lambda *_: shown.append(True))
    window.tabs.setCurrentWidget(window.reports)
    wait_for(lambda: shown, 60, "the reports", who="screenshot", step_ms=20)
    pump(400)
    out = out_folder / f"console-reports-{language}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    if not _grab_real(window).save(str(out)):
        raise RuntimeError(f"screenshot: could not write {out}")
    window.close()
    return out
