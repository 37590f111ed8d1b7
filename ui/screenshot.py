"""``peka screenshot``: the sidebar with a demo customer, an angry message and a half-written
reply, rendered offscreen to a PNG for the README and docs.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import replace
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
    width: int = 420,
    height: int = 1180,
) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="peka-shot-") as tmp:
        return _take(Path(tmp), out, theme, language, width, height)


def _take(folder: Path, out: Path, theme: str, language: str, width: int, height: int) -> Path:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from assist.authority.demo import install_demo_policy
    from assist.cache.demo import generate_demo_cache
    from assist.cli.common import get_config
    from ui.app import application, build_window
    from ui.settings import SidebarSettings

    cache_path = folder / "cache.sqlite"
    generate_demo_cache(cache_path, customers=200, seed=7)
    policy = install_demo_policy(folder / "policy")
    settings = replace(
        SidebarSettings.from_config(get_config()),
        cache_path=cache_path,
        ledger_path=folder / "ledger.sqlite",
        policy_path=policy.policy_path,
        keys_dir=policy.keys_dir,
        always_on_top=False,
        language=language,
        theme=theme,
        agent_id="dewi.s",
        agent_name="Dewi Sartika",
    )
    app = application()
    window = build_window(settings, remember_place=False, app=app)
    window.resize(width, height)
    window.show()

    def pump(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(condition: Any, timeout_s: float, what: str) -> None:
        deadline = time.perf_counter() + timeout_s
        while not condition():
            if time.perf_counter() > deadline:
                raise RuntimeError(f"screenshot: timed out waiting for {what}")
            pump(10)

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
    # Show the conversation: customer card collapsed, message and reply in view.
    window.sections["transactions"].toggle.setChecked(False)
    pump(200)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise RuntimeError(f"screenshot: could not write {out}")
    window.close()
    return out
