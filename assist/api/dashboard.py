"""The Chatwoot dashboard app: a page the local API serves for Chatwoot to embed.

Chatwoot shows the page in its conversation view and posts the conversation and contact
to it. Only IT's ``api.allowed_origins`` may embed it (CSP ``frame-ancestors``) or post to
it; the page forwards the context to ``/v1/hint`` as an unverified hint.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable

from fastapi import Request
from fastapi.responses import HTMLResponse

from assist.resources import resource_path


def dashboard_page(allowed_origins: tuple[str, ...]) -> Callable[[Request], HTMLResponse]:
    template = resource_path("integration", "chatwoot-app.html").read_text(encoding="utf-8")
    https = [o.rstrip("/") for o in allowed_origins]
    ancestors = " ".join(https) if https else "'none'"
    # Inside a <script type="application/json">: "<" escaped so no origin ends the element.
    allowed = json.dumps(https).replace("<", "\\u003c")

    def page(_request: Request) -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        html = template.replace("__NONCE__", nonce).replace(
            "<body>",
            f'<body>\n<script type="application/json" id="allowed">{allowed}</script>',
            1,
        )
        return HTMLResponse(
            html,
            headers={
                "Content-Security-Policy": (
                    f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
                    f"connect-src 'self'; frame-ancestors {ancestors}"
                ),
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
            },
        )

    return page
