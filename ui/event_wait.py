"""Waiting on the Qt event loop outside tests (benchmarks, screenshots): the window keeps
working while a script waits for it. Tests use pytest-qt's ``waitUntil`` instead."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def pump(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(
    condition: Callable[[], object], timeout_s: float, what: str, *, who: str, step_ms: int = 5
) -> None:
    """Run the event loop until ``condition()`` holds; RuntimeError after ``timeout_s``."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{who}: timed out waiting for {what}")
        pump(step_ms)
