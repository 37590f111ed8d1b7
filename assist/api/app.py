"""The local API's routes: the browser extension's and scripts' way into the core.

Every route drives the same :class:`assist.app.core.AgentCore` the sidebar drives (in
the sidebar's process) or ``peka api serve`` runs alone. Routes are plain functions, so
FastAPI runs them on its worker threads; the core serialises them with the sidebar's own
calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from assist import __version__
from assist.api.errors import E911, E913, E917
from assist.api.guard import ASGIApp, Guard
from assist.api.models import (
    ContextIn,
    DraftIn,
    ErrorOut,
    InsertedIn,
    StateOut,
    StatusOut,
    analysis_out,
    context_out,
    customer_out,
    update_parts,
)
from assist.api.token import LiveToken
from assist.app.core import AgentCore
from assist.app.errors import E602, E605, E900, E901
from assist.app.follow import ConversationContext, conversation_key
from assist.errors import PekaError

# How a coded core error maps to an HTTP status; the rest are 400.
STATUS: dict[str, int] = {
    E605: 503,
    E917: 503,
    E602: 503,
    E900: 409,
    E901: 422,
    E911: 403,
    "E412": 409,
}
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 403, 409, 413, 421, 422, 503)
}


def create_app(
    core: AgentCore,
    *,
    token: LiveToken,
    allowed_origins: tuple[str, ...] = (),
    dashboard_page: Callable[[Request], Any] | None = None,
) -> ASGIApp:
    app = FastAPI(
        title="Peka local API",
        version=__version__,
        description=(
            "Follows the conversation the agent has open in the helpdesk. Listens on "
            "127.0.0.1 only; every /v1 route but /v1/hint needs `Authorization: Bearer "
            "<token>` (`peka api token`). See docs/integration.md."
        ),
        docs_url=None,
        redoc_url=None,
        responses=ERRORS,
    )

    @app.exception_handler(PekaError)
    async def coded(_request: Request, exc: PekaError) -> JSONResponse:
        return _error(STATUS.get(exc.code, 400), exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        where = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()[:5]
        )
        return _error(422, E913, f"The request does not match /openapi.json ({where}).")

    def state() -> StateOut:
        with core.lock:
            return StateOut(
                version=core.update_version,
                ready=core.session is not None,
                conversation=core.conversation_key,
                context=context_out(core.context),
                customer=customer_out(core.record),
                analysis=analysis_out(core.analysis),
                **update_parts(core.last_update),  # type: ignore[arg-type]
            )

    def require_session() -> None:
        if core.session is None:
            raise PekaError(E917, "The language engine is still loading; send it again soon.")

    def follow(body: ContextIn, source: str) -> StateOut:
        require_session()
        core.follow(
            ConversationContext(
                source=source,
                helpdesk=body.helpdesk,
                conversation_id=body.conversation_id,
                customer_id=body.contact.external_id,
                phone=body.contact.phone,
                email=body.contact.email,
                order=body.contact.order,
                message=body.message,
                channel=body.channel or "",
            )
        )
        return state()

    @app.get("/v1/status", response_model=StatusOut)
    def status() -> StatusOut:
        """Whether the core is ready, and which conversation it follows."""
        return StatusOut(
            version=__version__,
            ready=core.session is not None,
            agent=core.settings.agent_id,
            conversation=core.conversation_key,
        )

    @app.post("/v1/context", response_model=StateOut)
    def post_context(body: ContextIn, request: Request) -> StateOut:
        """The conversation on the agent's screen: Peka parks the previous one when this is
        another, opens the customer it names and analyses a new customer message."""
        origin = request.headers.get("origin", "")
        source = (
            "extension" if origin.startswith(("chrome-extension:", "moz-extension:")) else "api"
        )
        return follow(body, source)

    @app.post("/v1/draft", response_model=StateOut)
    def post_draft(body: DraftIn) -> StateOut:
        """The agent's draft in the helpdesk's reply box (the whole text)."""
        require_session()
        core.follow_draft(body.text, conversation_key(body.helpdesk, body.conversation_id))
        return state()

    @app.get("/v1/suggestions", response_model=StateOut)
    def get_suggestions() -> StateOut:
        """The latest suggestions, coach findings and compensation options."""
        return state()

    @app.post("/v1/inserted", response_model=StateOut)
    def post_inserted(body: InsertedIn) -> StateOut:
        """The agent inserted this suggestion into the reply box: it is not offered again."""
        require_session()
        core.follow_inserted(
            body.suggestion_id, conversation_key(body.helpdesk, body.conversation_id)
        )
        return state()

    @app.post("/v1/hint", response_model=StateOut)
    def post_hint(body: ContextIn, request: Request) -> StateOut:
        """Context from the Chatwoot dashboard app served at /apps/chatwoot. It is not
        signed, so it needs no token but must come from that page, and the sidebar marks
        it as an unverified hint."""
        host = request.headers.get("host", "")
        if request.headers.get("origin", "") != f"http://{host}":
            raise PekaError(E911, "Hints are accepted only from Peka's own dashboard-app page.")
        return follow(body, "dashboard-app")

    if dashboard_page is not None:
        app.add_api_route(
            "/apps/chatwoot", dashboard_page, methods=["GET"], include_in_schema=False
        )

    return Guard(app, token=token, allowed_origins=allowed_origins)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(
        status_code=status, content={"error": {"code": code, "message": f"[{code}] {message}"}}
    )
