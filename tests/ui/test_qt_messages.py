"""Qt's harmless offscreen message stays out of benchmark output; other messages pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HARMLESS = "This plugin does not support propagateSizeHints()"

SHOW_A_WINDOW = """
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QWidget
from ui.app import application

app = application()
window = QWidget()
window.show()  # offscreen: Qt says it cannot propagate size hints
window.setMinimumSize(200, 200)
app.processEvents()
qWarning("Peka test: a real warning")
"""


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_harmless_message_is_dropped_and_real_warnings_are_kept() -> None:
    bare = run(
        [
            "-c",
            SHOW_A_WINDOW.replace("from ui.app import application", "").replace(
                "app = application()",
                "from PySide6.QtWidgets import QApplication\napp = QApplication([])",
            ),
        ]
    )
    assert HARMLESS in bare.stderr  # what Qt does without the filter
    done = run(["-c", SHOW_A_WINDOW])
    assert done.returncode == 0, done.stderr
    assert HARMLESS not in done.stderr
    assert "Peka test: a real warning" in done.stderr


def test_bench_json_output_is_clean() -> None:
    done = run(
        ["-m", "tests.peka_child", "bench", "ui", "--json", "--customers", "50", "--chars", "20"]
    )
    assert done.returncode == 0, done.stderr
    assert HARMLESS not in done.stderr
    assert json.loads(done.stdout)["first_paint_ms"] > 0
