"""Following the conversation the agent has open in their helpdesk.

A :class:`ConversationContext` is what a front end (the browser extension through the
local API, ``peka open``, the Chatwoot dashboard app, the clipboard) knows about the
conversation on the agent's screen. The core finds the customer it names – only on an
exact id, phone, e-mail or order reference, never on a guess – and keeps each
conversation in a session of its own, so two conversations never mix.
"""

from __future__ import annotations

from dataclasses import dataclass

from assist.app.views import CustomerView, MessageView, UpdateView
from assist.cache.models import SearchHit
from assist.phone import normalise_phone

# Where a context came from, as the sidebar names it.
SOURCES = ("sidebar", "extension", "api", "peka-open", "dashboard-app", "clipboard")
# Sources whose context nobody vouches for: shown as a hint, never acted on silently.
HINT_SOURCES = ("dashboard-app", "clipboard")
# How many conversations stay parked before the oldest is ended as a follow-up.
MAX_PARKED = 8
PARKED_OUTCOME = "follow_up"


@dataclass(frozen=True)
class ConversationContext:
    """The conversation on the agent's screen. Every field is optional but ``source``."""

    source: str = "api"
    helpdesk: str = ""
    conversation_id: str = ""
    customer_id: str = ""  # the helpdesk's external id = the cache's customer id
    phone: str = ""
    email: str = ""
    order: str = ""
    message: str = ""  # the latest customer message
    channel: str = ""  # chat, email or phone

    @property
    def key(self) -> str:
        """Identifies the conversation; empty when the front end does not know one."""
        return conversation_key(self.helpdesk, self.conversation_id)

    @property
    def names_customer(self) -> bool:
        return bool(self.customer_id or self.phone or self.email or self.order)


@dataclass(frozen=True)
class ContextView:
    """Where the sidebar's conversation came from (shown above the customer card)."""

    source: str
    helpdesk: str
    conversation_id: str
    channel: str
    customer_id: str | None
    matched_by: str  # id, phone, email, reference; "" when no customer was found
    hint: bool  # unverified context (Chatwoot's postMessage, the clipboard)
    parked: tuple[str, ...] = ()  # keys of the parked conversations, newest first
    not_found: str = ""  # what named a customer the cache does not have


@dataclass(frozen=True)
class FollowView:
    """The result of following a context: everything the sidebar must redraw."""

    context: ContextView
    switched: bool  # another conversation than before (the previous one was parked)
    customer: CustomerView | None  # set when the customer changed
    message: MessageView | None  # set when a new customer message was analysed
    update: UpdateView | None  # suggestions for the current draft (None while loading)
    pending_message: str = ""  # a message that waits for the language engine


def conversation_key(helpdesk: str, conversation_id: str) -> str:
    """``helpdesk:conversation`` – how drafts and picks name the conversation they are for."""
    if not conversation_id.strip():
        return ""
    return f"{helpdesk.strip() or '-'}:{conversation_id.strip()}"


def exact_match(ctx: ConversationContext, hits: list[SearchHit]) -> tuple[str, str] | None:
    """(customer id, field) of the one hit that matches what ``ctx`` names exactly."""
    wanted: list[tuple[str, str]] = []
    if ctx.customer_id:
        wanted.append(("id", ctx.customer_id.strip()))
    if ctx.email:
        wanted.append(("email", ctx.email.strip().lower()))
    if ctx.phone:
        phone = normalise_phone(ctx.phone)
        if phone:
            wanted.append(("phone", phone))
    if ctx.order:
        wanted.append(("reference", _ref_key(ctx.order)))
    for field, value in wanted:
        found = {hit.customer_id for hit in hits if _matches(hit, field, value)}
        if len(found) == 1:
            return found.pop(), field
    return None


def lookup_queries(ctx: ConversationContext) -> list[str]:
    """What to search the cache for, most specific first."""
    return [q.strip() for q in (ctx.customer_id, ctx.email, ctx.phone, ctx.order) if q.strip()]


def _ref_key(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _matches(hit: SearchHit, field: str, value: str) -> bool:
    if field == "id":
        return hit.customer_id == value
    if field == "email":
        return (hit.email or "").lower() == value
    if field == "phone":
        return bool(hit.phone) and normalise_phone(hit.phone or "") == value
    return hit.matched == "reference" and _ref_key(hit.matched_value) == value
