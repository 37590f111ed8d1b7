"""One sidebar per user session: a second start hands its request over and exits.

The first sidebar listens on a Qt local socket (a named pipe on Windows, a Unix socket
elsewhere) whose name carries the user's login, restricted to that user. ``peka-sidebar``
and ``peka open`` first try to connect: when a sidebar answers, they send their request
as one JSON line, wait for its ``ok`` and exit; when none answers, they become the sidebar.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

HAND_OVER_TIMEOUT_MS = 2000
MAX_REQUEST_BYTES = 64 * 1024


def server_name(user: str | None = None) -> str:
    """The socket's name for this OS user and configuration folder (hashed: user names
    and paths may hold any character). One sidebar per user session; a second
    configuration (``PEKA_CONFIG_DIR``, as the tests use) is a second sidebar."""
    from assist import paths

    try:
        user = user if user is not None else getpass.getuser()
    except Exception:  # no login name known
        user = "agent"
    key = f"{user}\n{paths.user_config_dir()}"
    return "peka-sidebar-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def hand_over(request: dict[str, Any], name: str | None = None) -> bool:
    """Send ``request`` to the running sidebar; False when none is running."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(HAND_OVER_TIMEOUT_MS):
        return False
    socket.write((json.dumps(request) + "\n").encode())
    socket.flush()
    answered = b""
    while b"\n" not in answered and socket.waitForReadyRead(HAND_OVER_TIMEOUT_MS):
        answered += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answered.startswith(b"ok")


class InstanceServer(QObject):
    """Listens for later starts; ``request_received`` carries each one's request."""

    request_received = Signal(dict)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        # A socket file left by a sidebar that crashed: nobody answered hand_over(), so
        # it is stale. Remove it and listen again.
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_REQUEST_BYTES:
            socket.abort()
            self._forget(socket)
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            request = json.loads(line)
        except ValueError:
            request = None
        if not isinstance(request, dict):
            socket.write(b"error\n")
            socket.flush()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.request_received.emit(request)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
