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
from ui.qt_messages import filter_harmless_messages
from ui.window import SidebarWindow

# perf_counter() when this module was imported: the closest the sidebar can get to
# "process start" without the launcher's help.
IMPORTED_AT = time.perf_counter()


def session_bus_exists() -> bool:
    """Whether this login session has a D-Bus session bus Peka may talk to."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return bool(runtime) and os.path.exists(os.path.join(runtime, "bus"))


def prevent_dbus_autolaunch() -> None:
    """Stop libdbus from starting a session bus daemon that outlives Peka.

    Qt's X11 platform talks to the session bus (accessibility, desktop settings) when the
    first window is shown. Where the login session has no bus (an X session without
    systemd's user bus, a remote desktop, xvfb), libdbus "autolaunches" one with
    ``dbus-launch --autolaunch``: a ``dbus-daemon`` that is left running after Peka
    quits. Where there is no bus there is nothing on it for Peka, so say so to libdbus;
    a real desktop session (with its bus, screen readers and keyring) is left as it is.
    """
    if sys.platform.startswith("linux") and not session_bus_exists():
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created if needed (raises [E607] without a display)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    prevent_dbus_autolaunch()
    filter_harmless_messages()
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
