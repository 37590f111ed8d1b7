"""Qt's own console messages, minus the one known not to matter.

Under ``QT_QPA_PLATFORM=offscreen`` (benchmarks, screenshots, CI) Qt prints "This plugin
does not support propagateSizeHints()" on stderr whenever a window is shown: the
offscreen platform has no window manager to pass size hints to, and nothing is wrong.
It would land in the middle of ``peka bench … --json`` output and make people look for a
problem. Every other Qt message is passed on unchanged.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qFormatLogMessage, qInstallMessageHandler

# Exactly Qt's text (qplatformwindow.cpp); nothing that merely contains it.
HARMLESS = frozenset({"This plugin does not support propagateSizeHints()"})

Handler = Callable[[QtMsgType, QMessageLogContext, str], None]
_installed: list[Handler | None] = []


def _filter(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message in HARMLESS:
        return
    previous = _installed[0] if _installed else None
    if previous is not None:
        previous(kind, context, message)
        return
    # What Qt's default handler prints (QT_MESSAGE_PATTERN respected).
    sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")
    sys.stderr.flush()


def filter_harmless_messages() -> None:
    """Install the filter once per process, in front of any handler already there."""
    if _installed:
        return
    _installed.append(qInstallMessageHandler(_filter))
