"""``peka bench ui``: the real window, offscreen, on a demo cache, timed like an agent's day.

Measures

* ``first_paint_ms`` – from the start of window construction (QApplication included) to
  the window's first paint event;
* ``ready_ms`` – from the same start to the language engine and session being ready;
* ``keystroke_p95_ms`` – 95th percentile, over every typing pause, from the end of the
  debounce pause to the updated suggestions being on screen;
* ``gui_block_max_ms`` – the longest gap between the beats of a 1 ms heartbeat timer on
  the GUI thread while the reply is typed key by key (every keystroke's handling and every
  result's rendering is inside it);
* ``gui_busy_max_ms`` – the most CPU time the GUI thread used inside one of those gaps:
  the GUI thread's own work, apart from the waits for a core that a shared machine adds;
* ``rss_mb`` – peak resident memory of the process.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ANGRY_MESSAGE = (
    "Pesanan saya INV/{inv} sudah 6 hari belum sampai juga!!! Katanya 2 hari. Saya sudah "
    "chat dua kali dan TIDAK ADA jawaban jelas. Kecewa banget, kalau begini terus saya "
    "minta refund saja."
)
REPLY = (
    "Selamat siang Ibu Sri, terima kasih sudah menghubungi kami dan mohon maaf atas "
    "keterlambatan pesanan kulkas Ibu. Saya paham Ibu kecewa karena sudah menunggu enam "
    "hari dan belum mendapat jawaban yang jelas. Saya sudah cek, paket tertahan di gudang "
    "transit Cikarang. Saya akan hubungi kurir hari ini dan mengabari Ibu paling lambat "
    "pukul 15.00 nanti ya, Bu."
)


# Diagnostics of the last run (for investigating a slow machine), not part of the JSON.
_debug: dict[str, Any] = {}


def peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows: no resource module
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_bench(
    *, customers: int = 2000, chars: int = 300, folder: Path | None = None
) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="peka-bench-ui-") as tmp:
        return _run(Path(folder or tmp), customers, chars)


def _run(folder: Path, customers: int, chars: int) -> dict[str, Any]:
    from ui.demo import demo_settings, ensure_demo

    settings = demo_settings(
        ensure_demo(folder, customers=customers), always_on_top=False, language="id", theme="light"
    )

    started = time.perf_counter()
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from ui.app import application, build_window
    from ui.event_wait import pump
    from ui.event_wait import wait_for as waiting

    app = application()
    window = build_window(settings, remember_place=False, app=app)
    window.resize(420, 1000)
    window.show()

    def wait_for(condition: Any, timeout_s: float, what: str) -> None:
        waiting(condition, timeout_s, what, who="bench")

    wait_for(lambda: window.first_paint_at is not None, 10, "the first paint")
    assert window.first_paint_at is not None
    first_paint_ms = (window.first_paint_at - started) * 1000
    wait_for(
        lambda: window.controller.ready or window.status.engine_state == "failed", 60, "engine"
    )
    if not window.controller.ready:
        raise RuntimeError(f"bench: the language engine failed: {window.status.engine_error}")
    ready_ms = (time.perf_counter() - started) * 1000

    # Find and open the showcase customer the way an agent does.
    window.search.focus()
    QTest.keyClicks(window.search.box, "Sri Wahyuni")
    wait_for(lambda: window.search.hit_count() > 0, 10, "search results")
    QTest.keyClick(window.search.box, Qt.Key_Return)
    wait_for(lambda: window.controller.customer is not None, 10, "the customer")
    record = window.controller.customer.record  # type: ignore[union-attr]
    inv = next((t.reference for t in record.transactions if t.is_problem and t.reference), "")
    message = ANGRY_MESSAGE.replace("INV/{inv}", inv or "INV/0")
    window.message.set_text(message)
    wait_for(lambda: window.message.view is not None, 20, "the message analysis")
    # The agent reads the analysis and the first suggestions before typing.
    wait_for(lambda: window.reply.view is not None, 20, "the first suggestions")
    pump(200)

    latencies: list[float] = []
    window.reply.update_rendered.connect(latencies.append)
    gaps: list[float] = []
    last_beat = [time.perf_counter()]

    # (gap ms, GUI thread's own CPU ms in it) for gaps over 16 ms: CPU time close to the
    # gap means the GUI thread was busy; close to zero means it was waiting (GIL or OS).
    long_gaps: list[tuple[float, float, float]] = []
    last_cpu = [time.thread_time()]

    # (gap ms, GUI CPU ms) of every beat, to name the longest gaps whatever their length.
    gap_cpu: list[tuple[float, float]] = []

    def beat() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - last_beat[0]) * 1000
        gaps.append(gap)
        gap_cpu.append((round(gap, 1), round((cpu - last_cpu[0]) * 1000, 1)))
        if gap > 16:
            long_gaps.append((round(gap, 1), round((cpu - last_cpu[0]) * 1000, 1), round(now, 3)))
        last_beat[0], last_cpu[0] = now, cpu

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.PreciseTimer)
    heartbeat.setInterval(1)
    heartbeat.timeout.connect(beat)

    text = (REPLY * (chars // len(REPLY) + 1))[:chars]
    window.reply.focus()
    pause_ms = settings.suggest_delay_ms + 60
    heartbeat.start()
    last_beat[0] = time.perf_counter()
    _debug["typing_started"] = last_beat[0]
    for i, ch in enumerate(text):
        QTest.keyClick(window.reply.edit, ch)
        # A short gap between keys, a longer one after words: the debounce fires there.
        pump(pause_ms if ch == " " and i % 2 == 0 else 15)
    wait_for(lambda: window.reply.view is not None and window.reply.view.draft == text, 10, "last")
    pump(50)
    heartbeat.stop()
    typed_ok = window.reply.text() == text

    window.close()
    app.processEvents()
    _debug["long_gaps"] = long_gaps
    return {
        "first_paint_ms": round(first_paint_ms, 1),
        "ready_ms": round(ready_ms, 1),
        "keystroke_p95_ms": round(percentile(latencies, 95), 2),
        "keystroke_median_ms": round(statistics.median(latencies), 2) if latencies else 0.0,
        "updates_measured": len(latencies),
        "gui_block_max_ms": round(max(gaps, default=0.0), 2),
        "gui_block_p99_ms": round(percentile(gaps, 99), 2),
        # Each gap over 16 ms as [gap ms, GUI thread CPU ms in it]: little CPU means the
        # GUI thread was waiting for a core (other processes) or the GIL, not working.
        "gui_gaps_over_16ms": [[gap, cpu] for gap, cpu, _ in long_gaps],
        # The five longest gaps, [gap ms, GUI CPU ms], whether over the target or not.
        "gui_gaps_longest": [list(g) for g in sorted(gap_cpu, reverse=True)[:5]],
        # The most CPU the GUI thread spent inside one gap: its own work between two beats,
        # whatever the other processes on a shared machine did meanwhile.
        "gui_busy_max_ms": max((cpu for _, cpu in gap_cpu), default=0.0),
        "rss_mb": peak_rss_mb(),
        "chars_typed": len(text),
        "typed_text_intact": typed_ok,
        "customers": customers,
    }
