"""Asking the API that may run on this computer, from another process (`peka doctor`,
`peka api token --rotate`)."""

from __future__ import annotations

import http.client
import json
from typing import Any

from assist.api.errors import E910
from assist.api.server import HOST

TIMEOUT_SECONDS = 5.0


def get_status(port: int, token: str | None) -> tuple[int, Any]:
    """``GET /v1/status`` on 127.0.0.1:``port``: the HTTP status and the JSON body (None
    when it is not JSON). Raises OSError when nothing listens."""
    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT_SECONDS)
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    try:
        conn.request("GET", "/v1/status", headers=headers)
        response = conn.getresponse()
        payload = response.read()
    finally:
        conn.close()
    try:
        body = json.loads(payload)
    except ValueError:
        body = None
    return response.status, body


def announce_rotation(port: int) -> str:
    """Tell a running API that the token was rotated: ``"told"``, ``"idle"`` (nothing
    listens) or ``"other"`` (something that is not Peka's API answers).

    The request carries no token, so nothing secret goes to whatever listens on the port;
    Peka's API refuses it and, doing so, reads the keyring again (see ``LiveToken``)
    before it answers."""
    try:
        status, body = get_status(port, None)
    except OSError:
        return "idle"
    except http.client.HTTPException:
        return "other"
    error = body.get("error") if isinstance(body, dict) else None
    if status == 401 and isinstance(error, dict) and error.get("code") == E910:
        return "told"
    return "other"
