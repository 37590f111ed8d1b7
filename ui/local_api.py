"""The sidebar serves the local API itself, on the core the window drives.

The token comes from the OS keyring, which may ask the desktop for a password: the
server is made on the keyring lane, never on the GUI thread. A port in use or a missing
keyring is shown in the status line; the sidebar works on without the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from assist.errors import PekaError
from ui.i18n import tr
from ui.ops import error_text

if TYPE_CHECKING:
    from ui.window import SidebarWindow


def start_local_api(window: SidebarWindow) -> None:
    settings = window.settings
    if settings.api_port is None:
        return
    port = settings.api_port
    core = window.controller.core

    def make() -> Any:
        from assist.api.server import ApiServer

        return ApiServer(core, port=port, allowed_origins=settings.api_allowed_origins)

    def started(server: Any) -> None:
        server.start()
        window.api_server = server
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(server.stop)

    def failed(exc: Exception) -> None:
        # Without a keyring the sidebar still works; only the helpdesk link is off, so a
        # short note in the interface language says so instead of the whole keyring advice.
        if isinstance(exc, PekaError) and exc.code == "E915":
            window.status.show_message(tr("status.api_no_keyring"))
            return
        window.show_error(error_text(exc))

    window.controller.ops.submit(make, started, failed, lane="keyring", parent=window)
