"""`peka open` options and peka:// links: one customer, checked fields, coded errors."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assist.app.open_request import (
    context_from_request,
    context_request,
    open_context,
    parse_open_url,
)
from assist.errors import PekaError


def test_link_names_customer_message_and_channel() -> None:
    ctx = parse_open_url(
        "peka://open?phone=0812-3456-789&message=" + quote("Paket saya & rusak?") + "&channel=chat"
    )
    assert (ctx.source, ctx.phone, ctx.message, ctx.channel) == (
        "peka-open",
        "0812-3456-789",
        "Paket saya & rusak?",
        "chat",
    )
    assert parse_open_url("PEKA://open/?order=INV%2F1").order == "INV/1"
    with_conversation = parse_open_url("peka://open?email=a@b.c&helpdesk=qontak&conversation=9")
    assert with_conversation.key == "qontak:9"


@pytest.mark.parametrize(
    "url",
    [
        "https://open?phone=1",
        "peka://delete?phone=1",
        "peka://open",
        "peka://open?phone=1&email=a@b.c",
        "peka://open?phone=1&phone=2",
        "peka://open?phone=1&channel=fax",
        "peka://open?phone=1&script=x",
        "peka://open?customer=" + "x" * 300,
    ],
)
def test_bad_links_are_refused_with_e921(url: str) -> None:
    with pytest.raises(PekaError) as info:
        parse_open_url(url)
    assert info.value.code == "E921"


@given(st.text(max_size=300))
def test_any_text_either_parses_or_is_a_coded_refusal(text: str) -> None:
    for url in (text, "peka://open?" + text):
        try:
            ctx = parse_open_url(url)
        except PekaError as exc:
            assert exc.code == "E921"
        else:
            assert ctx.names_customer and ctx.source == "peka-open"


def test_request_round_trip_checks_again() -> None:
    ctx = open_context(email="a@b.c", message="halo", channel="email")
    assert context_from_request(context_request(ctx)) == ctx
    with pytest.raises(PekaError):
        context_from_request({"phone": 812})
    with pytest.raises(PekaError):
        context_from_request({"phone": "1", "email": "a@b.c"})
