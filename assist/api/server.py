"""Serving the local API with uvicorn on 127.0.0.1: in a thread of the sidebar, or alone
(``peka api serve``)."""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
import threading
from collections.abc import Callable

import uvicorn

from assist.api.app import create_app
from assist.api.dashboard import dashboard_page
from assist.api.errors import E916
from assist.api.token import LiveToken, api_token, stored_token
from assist.app.core import AgentCore
from assist.errors import PekaError

log = logging.getLogger(__name__)
HOST = "127.0.0.1"  # never another address: the API is for this computer only


def listen(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:``port`` (0: any free port), or E916."""
    # IPPROTO_TCP named explicitly: asyncio turns Nagle off (TCP_NODELAY) only on sockets
    # whose protocol says TCP, and with Nagle on every response waits ~40 ms for an ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if sys.platform == "win32":
        # Without it another program could bind the same port and take the requests.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)  # type: ignore[attr-defined]
    else:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise PekaError(
            E916,
            f"Cannot listen on {HOST}:{port} ({exc.strerror or exc}). Another Peka or program "
            "uses the port: close it, or choose another with `api.port` (and tell the browser "
            "extension the same port).",
        ) from exc
    return sock


class ApiServer:
    """The API for ``core`` on one socket; :meth:`start` serves in a daemon thread."""

    def __init__(
        self,
        core: AgentCore,
        *,
        port: int,
        allowed_origins: tuple[str, ...] = (),
        token: Callable[[], str | None] | None = None,
    ) -> None:
        """``token`` reads the token to accept (default: this user's, from the keyring;
        it is read again when a request is refused, see :class:`LiveToken`)."""
        self.core = core
        read = token or stored_token
        self.token = LiveToken(read, initial=token() if token is not None else api_token())
        self.sock = listen(port)
        self.port: int = self.sock.getsockname()[1]
        app = create_app(
            core,
            token=self.token,
            allowed_origins=allowed_origins,
            dashboard_page=dashboard_page(allowed_origins),
        )
        config = uvicorn.Config(
            app,
            loop="asyncio",  # named, not "auto": the frozen bundle has no uvloop/httptools
            http="h11",
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=30,
            server_header=False,
        )
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def serve_forever(self) -> None:
        """Serve on this thread until interrupted (Ctrl+C)."""
        self.server.run(sockets=[self.sock])

    def start(self) -> None:
        def run() -> None:
            # uvicorn installs signal handlers only on the main thread; this is not it.
            asyncio.run(self.server.serve(sockets=[self.sock]))

        self._thread = threading.Thread(target=run, name="peka-api", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self.sock.close()
        self.token.close()
