"""Starting the sidebar: the QApplication, theme, language, and the window."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from assist.app.settings import AppSettings
from assist.errors import PekaError
from assist.resources import resources_root
from ui import i18n, theme
from ui.errors import E607, E922
from ui.instance import InstanceServer, hand_over
from ui.local_api import start_local_api
from ui.window import SidebarWindow

# perf_counter() when this module was imported: the closest the sidebar can get to
# "process start" without the launcher's help.
IMPORTED_AT = time.perf_counter()


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created if needed (raises [E607] without a display)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    try:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    except Exception as exc:  # Qt aborts or raises when no platform plugin can start
        raise PekaError(
            E607,
            f"The sidebar cannot open a window ({exc}). On a server run it with "
            "QT_QPA_PLATFORM=offscreen, or install the Qt system libraries (see README).",
        ) from exc
    # Worker lanes run Python (spaCy, SQLite wrappers) while the agent types; a shorter
    # GIL switch interval than the default 5 ms gives the GUI thread its turn sooner.
    sys.setswitchinterval(0.001)
    app.setApplicationName("Peka")
    app.setOrganizationName("Peka")
    app.setApplicationDisplayName("Peka")
    icon = resources_root() / "icons" / "peka.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_window(
    settings: AppSettings, *, remember_place: bool = True, app: QApplication | None = None
) -> SidebarWindow:
    app = app or application()
    i18n.install(settings.language)
    theme.apply_theme(app, settings.theme)
    return SidebarWindow(settings, remember_place=remember_place)


def run(settings: AppSettings, request: dict[str, Any] | None = None) -> int:
    """Start the sidebar, or hand ``request`` to the one already running and return."""
    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux"):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            raise PekaError(
                E607,
                "No display found (DISPLAY and WAYLAND_DISPLAY are unset). Start Peka from "
                "a desktop session, or set QT_QPA_PLATFORM=offscreen for a headless check.",
            )
    app = application()
    request = request or {"action": "show"}
    if hand_over(request):
        return 0  # the running sidebar took it
    window = build_window(settings, app=app)
    instance = InstanceServer(parent=window)
    if not instance.listen():
        window.show_error(f"[{E922}] {instance.server.errorString()}")
    instance.request_received.connect(window.handle_request)
    window.show()
    window.handle_request(request)
    start_local_api(window)
    return app.exec()
