"""``peka open`` and ``peka://open?…`` links: which customer and message to open.

A helpdesk macro, a link in a ticket or a CTI pop names one customer – by id, phone,
e-mail or order reference – and optionally the customer's message and the channel.
Both forms become a :class:`ConversationContext` with source ``peka-open``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from assist.app.errors import E920, E921
from assist.app.follow import ConversationContext
from assist.errors import PekaError

IDENTIFIERS = ("customer", "phone", "email", "order")
URL_FIELDS = (*IDENTIFIERS, "message", "channel", "helpdesk", "conversation")
CHANNELS = ("chat", "email", "phone")
MAX_MESSAGE = 20000
MAX_FIELD = 200
MAX_URL = 32 * 1024


def open_context(
    *,
    customer: str = "",
    phone: str = "",
    email: str = "",
    order: str = "",
    message: str = "",
    channel: str = "",
    helpdesk: str = "",
    conversation: str = "",
    error: str = E920,
) -> ConversationContext:
    named = [n for n, v in zip(IDENTIFIERS, (customer, phone, email, order), strict=True) if v]
    if len(named) != 1:
        raise PekaError(
            error,
            "Name exactly one customer: --customer ID, --phone P, --email E or --order REF"
            f" (got {', '.join(named) if named else 'none'}).",
        )
    if channel and channel not in CHANNELS:
        raise PekaError(error, f"Channel {channel!r} is not chat, email or phone.")
    for name, value in (
        ("customer", customer),
        ("phone", phone),
        ("email", email),
        ("order", order),
        ("helpdesk", helpdesk),
        ("conversation", conversation),
    ):
        if len(value) > MAX_FIELD:
            raise PekaError(error, f"{name} is longer than {MAX_FIELD} characters.")
    if len(message) > MAX_MESSAGE:
        raise PekaError(error, f"The message is longer than {MAX_MESSAGE} characters.")
    return ConversationContext(
        source="peka-open",
        helpdesk=helpdesk,
        conversation_id=conversation,
        customer_id=customer.strip(),
        phone=phone.strip(),
        email=email.strip(),
        order=order.strip(),
        message=message,
        channel=channel,
    )


def parse_open_url(url: str) -> ConversationContext:
    """``peka://open?phone=0812…&message=…&channel=chat`` → the context it names."""
    if len(url) > MAX_URL:
        raise PekaError(E921, f"The peka:// link is longer than {MAX_URL // 1024} KiB.")
    parts = urlsplit(url.strip())
    action = (parts.netloc or parts.path.strip("/")).lower()
    if parts.scheme.lower() != "peka" or action != "open":
        raise PekaError(
            E921, f"{url[:80]!r} is not a Peka link; links look like peka://open?phone=0812…"
        )
    fields = parse_qs(parts.query, keep_blank_values=True, max_num_fields=20)
    unknown = sorted(set(fields) - set(URL_FIELDS))
    if unknown:
        raise PekaError(
            E921, f"Unknown field(s) {', '.join(unknown)} in the link; use {', '.join(URL_FIELDS)}."
        )
    repeated = sorted(k for k, v in fields.items() if len(v) > 1)
    if repeated:
        raise PekaError(E921, f"Field(s) {', '.join(repeated)} appear more than once in the link.")
    values = {k: v[0] for k, v in fields.items()}
    return open_context(error=E921, **values)


def context_request(ctx: ConversationContext) -> dict[str, str]:
    """The context as the plain mapping a second start hands to the running sidebar."""
    return {
        "source": ctx.source,
        "helpdesk": ctx.helpdesk,
        "conversation_id": ctx.conversation_id,
        "customer_id": ctx.customer_id,
        "phone": ctx.phone,
        "email": ctx.email,
        "order": ctx.order,
        "message": ctx.message,
        "channel": ctx.channel,
    }


def context_from_request(data: object) -> ConversationContext:
    """The context a second start sent (checked again: the socket is only the user's,
    but what it carries is still input)."""
    if not isinstance(data, dict):
        raise PekaError(E920, "The open request is not a mapping.")
    values = {
        k: data.get(k, "")
        for k in (
            "helpdesk",
            "conversation_id",
            "customer_id",
            "phone",
            "email",
            "order",
            "message",
            "channel",
        )
    }
    if not all(isinstance(v, str) for v in values.values()):
        raise PekaError(E920, "Every field of an open request is text.")
    return open_context(
        customer=values["customer_id"],
        phone=values["phone"],
        email=values["email"],
        order=values["order"],
        message=values["message"],
        channel=values["channel"],
        helpdesk=values["helpdesk"],
        conversation=values["conversation_id"],
    )
