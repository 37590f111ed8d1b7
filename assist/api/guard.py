"""What every request passes before it reaches the core: address, origin, size, token.

A pure ASGI middleware (no buffering of what it need not read):

* ``Host`` must name the loopback address – a DNS-rebinding page's host name is refused
  (E914);
* a browser's ``Origin``, when sent, must be the API's own page, a browser extension, or
  one of IT's ``api.allowed_origins`` (E911); allowed origins get CORS headers, and
  Private Network Access preflights from https helpdesk pages are answered;
* bodies above :data:`MAX_BODY_BYTES` are refused (E912), whether announced by
  ``Content-Length`` or streamed;
* every path but the public ones needs ``Authorization: Bearer <token>`` (E910); a
  refused token makes the API look at the keyring again (:class:`LiveToken`), so a
  rotated token takes effect at once.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from assist.api.errors import E910, E911, E912, E914
from assist.api.token import LiveToken

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 64 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://", "extension://")
# Served without the token: the API's description and the dashboard app's page (which
# holds no secret). The hint endpoint checks its own origin instead.
PUBLIC_PATHS = ("/openapi.json", "/apps/chatwoot", "/v1/hint")
ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type"


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": f"[{code}] {message}"}}).encode()


class Guard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        token: LiveToken,
        allowed_origins: tuple[str, ...] = (),
        max_body: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.token = token
        self.allowed_origins = tuple(o.rstrip("/") for o in allowed_origins)
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if hostname not in LOOPBACK_HOSTS:
            await _reply(send, 421, E914, f"Host {host!r} is not this computer's loopback address.")
            return
        origin = headers.get("origin", "")
        cors: list[tuple[bytes, bytes]] = []
        if origin:
            if not self._origin_allowed(origin, host):
                await _reply(
                    send,
                    403,
                    E911,
                    f"Requests from {origin!r} are not allowed. IT lists helpdesk origins in "
                    "`api.allowed_origins`; the browser extension is always allowed.",
                )
                return
            cors = [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                (b"vary", b"Origin"),
            ]
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(send, cors, headers)
            return
        path: str = scope["path"]
        if path not in PUBLIC_PATHS:
            offered = headers.get("authorization", "")
            scheme, _, value = offered.partition(" ")
            value = value.strip() if scheme.lower() == "bearer" else ""
            # The keyring is read on a worker thread: the event loop never waits for it.
            if not self.token.matches(value) and not await asyncio.to_thread(
                self.token.recheck, value
            ):
                await _reply(
                    send,
                    401,
                    E910,
                    "Missing or wrong token. Send `Authorization: Bearer <token>`; "
                    "`peka api token` prints this user's token.",
                    extra=[(b"www-authenticate", b"Bearer"), *cors],
                )
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _reply(send, 413, E912, self._too_large(), extra=cors)
            return
        await self._forward(scope, receive, send, cors)

    def _origin_allowed(self, origin: str, host: str) -> bool:
        origin = origin.rstrip("/")
        if origin.startswith(EXTENSION_SCHEMES):
            return True
        if origin in (f"http://{host}", f"http://127.0.0.1:{host.rsplit(':', 1)[-1]}"):
            return True  # the API's own pages (the Chatwoot dashboard app)
        return origin in self.allowed_origins

    async def _preflight(
        self, send: Send, cors: list[tuple[bytes, bytes]], headers: dict[str, str]
    ) -> None:
        extra = [
            *cors,
            (b"access-control-allow-methods", ALLOWED_METHODS.encode()),
            (b"access-control-allow-headers", ALLOWED_HEADERS.encode()),
            (b"access-control-max-age", b"600"),
        ]
        if headers.get("access-control-request-private-network", "").lower() == "true":
            # Chrome's Private Network Access: an https helpdesk page may call 127.0.0.1.
            extra.append((b"access-control-allow-private-network", b"true"))
        await send({"type": "http.response.start", "status": 204, "headers": extra})
        await send({"type": "http.response.body", "body": b""})

    async def _forward(
        self, scope: Scope, receive: Receive, send: Send, cors: list[tuple[bytes, bytes]]
    ) -> None:
        seen = 0
        started = False
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused, started
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body and not refused:
                    # Answer now; the app sees a client that went away and stops reading.
                    refused = True
                    if not started:
                        started = True
                        await _reply(send, 413, E912, self._too_large(), extra=cors)
                    return {"type": "http.disconnect"}
            return message

        async def with_cors(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 went out already
            if message["type"] == "http.response.start":
                started = True
                if cors:
                    message["headers"] = [*message.get("headers", []), *cors]
            await send(message)

        await self.app(scope, counted, with_cors)

    def _too_large(self) -> str:
        return f"The body is larger than {self.max_body // 1024} KiB; send the latest message only."


async def _reply(
    send: Send,
    status: int,
    code: str,
    message: str,
    *,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = error_body(code, message)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
