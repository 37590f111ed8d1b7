"""`peka doctor`'s local-API check: the agent's token in the OS keyring, and the API of a
running sidebar (or `peka api serve`) answering ``/v1/status`` with it."""

from __future__ import annotations

import http.client

from assist import __version__
from assist.api.errors import E910, E915, E916
from assist.api.probe import get_status
from assist.api.server import HOST
from assist.api.token import stored_token
from assist.doctor import DoctorContext, Result, check
from assist.errors import PekaError


@check("api", "Local API (browser extension)")
def local_api(ctx: DoctorContext) -> Result:
    if ctx.config is None:
        return Result.skipped("the configuration must be fixed first")
    if not ctx.config["api.enabled"]:
        return Result.skipped("turned off (`api.enabled = false`)")
    port = int(ctx.config["api.port"])
    url = f"http://{HOST}:{port}"
    try:
        token = stored_token()
    except PekaError as exc:  # no OS keyring that keeps secrets: the API cannot start
        return Result.failed(
            exc.message,
            "Where no browser extension is used, IT turns the API off: `api.enabled = false`.",
            code=exc.code,
        )
    if token is None:
        return Result.warning(
            "no API token in the OS keyring yet: the browser extension cannot connect",
            "The sidebar makes one when it first starts; `peka api token` makes and prints "
            "it, to paste into the extension's options.",
            code=E915,
        )
    try:
        status, body = get_status(port, token)
    except OSError as exc:
        return Result.warning(
            f"nothing answers on {url}: no sidebar (or `peka api serve`) runs for this "
            "account, so the browser extension shows Peka as not running",
            f"{type(exc).__name__}: {exc.strerror or exc}",
            "Start Peka; this check passes while the sidebar runs.",
        )
    except http.client.HTTPException as exc:  # it does not even speak HTTP
        status, body = 0, f"{type(exc).__name__}: {exc}"
    if status == 401:
        return Result.failed(
            f"the API on {url} refuses this account's token",
            "Another user's Peka uses this port, or the running Peka cannot read this "
            "account's keyring. Restart the sidebar, and paste the token from "
            "`peka api token` into the extension.",
            code=E910,
        )
    if status != 200 or not isinstance(body, dict) or "version" not in body:
        answer = f"HTTP {status}" if status else str(body)
        return Result.failed(
            f"another program answers on {url} ({answer}), so Peka's API cannot listen there",
            "Close that program, or set another `api.port` (and the same port in the "
            "browser extension's options).",
            code=E916,
        )
    summary = f"Peka {body['version']} answers on {url} with this account's token"
    details = [f"agent {body.get('agent', '?')}"]
    if body.get("conversation"):
        details.append(f"following conversation {body['conversation']}")
    if body["version"] != __version__:
        return Result.warning(
            f"{summary}, but this is Peka {__version__}",
            *details,
            "Restart the sidebar after an upgrade.",
        )
    return Result.ok(summary, *details)
