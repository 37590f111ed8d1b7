"""The local API over real sockets, on a real core: guards first, then the conversation."""

from __future__ import annotations

import json
import socket

from tests.api.conftest import HELPDESK_ORIGIN, TOKEN, Served


def _context(served: Served, conversation: str, message: str, **contact: str) -> dict:
    return {
        "helpdesk": "chatwoot",
        "conversation_id": conversation,
        "contact": contact or {"phone": served.customer.customer.phone},
        "message": message,
        "channel": "chat",
    }


# -- guards ----------------------------------------------------------------------------------


def test_refuses_missing_and_wrong_tokens(served: Served) -> None:
    for token in (None, "wrong", TOKEN[:-1]):
        reply = served.client.call("GET", "/v1/suggestions", token=token)
        assert reply.status == 401
        assert reply.body["error"]["code"] == "E910"
        assert "peka api token" in reply.body["error"]["message"]
        assert reply.headers["www-authenticate"] == "Bearer"
    basic = served.client.call(
        "GET", "/v1/suggestions", token=None, headers={"Authorization": f"Basic {TOKEN}"}
    )
    assert basic.status == 401


def test_refuses_foreign_origins_and_answers_allowed_ones(served: Served) -> None:
    foreign = served.client.call(
        "GET", "/v1/suggestions", headers={"Origin": "https://evil.example"}
    )
    assert foreign.status == 403 and foreign.body["error"]["code"] == "E911"
    # A foreign page is refused even with the right token (it could have stolen nothing
    # else, but the origin alone says a web page is calling).
    for origin in ("chrome-extension://abcdefghijklmnopabcdefghijklmnop", HELPDESK_ORIGIN):
        ok = served.client.call("GET", "/v1/suggestions", headers={"Origin": origin})
        assert ok.status == 200
        assert ok.headers["access-control-allow-origin"] == origin
        assert ok.headers["vary"] == "Origin"
    # Without an Origin (a script, curl) no CORS headers are sent at all.
    plain = served.client.call("GET", "/v1/suggestions")
    assert plain.status == 200 and "access-control-allow-origin" not in plain.headers


def test_refuses_dns_rebinding_hosts(served: Served) -> None:
    reply = served.client.call(
        "GET", "/v1/suggestions", headers={"Host": f"attacker.example:{served.port}"}
    )
    assert reply.status == 421 and reply.body["error"]["code"] == "E914"


def test_answers_private_network_access_preflights(served: Served) -> None:
    preflight = {
        "Origin": HELPDESK_ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
        "Access-Control-Request-Private-Network": "true",
    }
    reply = served.client.call("OPTIONS", "/v1/context", token=None, headers=preflight)
    assert reply.status == 204
    assert reply.headers["access-control-allow-private-network"] == "true"
    assert reply.headers["access-control-allow-origin"] == HELPDESK_ORIGIN
    assert "Authorization" in reply.headers["access-control-allow-headers"]
    foreign = dict(preflight, Origin="https://evil.example")
    refused = served.client.call("OPTIONS", "/v1/context", token=None, headers=foreign)
    assert refused.status == 403
    assert "access-control-allow-private-network" not in refused.headers


def test_refuses_oversized_bodies_announced_or_streamed(served: Served) -> None:
    big = json.dumps({"text": "a" * 70_000}).encode()
    reply = served.client.call("POST", "/v1/draft", raw=big)
    assert reply.status == 413 and reply.body["error"]["code"] == "E912"
    # Chunked: no Content-Length to check first, the guard counts what arrives.
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        head = (
            "POST /v1/draft HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        )
        sock.sendall(head.encode())
        chunk = b"a" * 16_384
        for _ in range(6):
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        sock.sendall(b"0\r\n\r\n")
        answer = ""
        while "E912" not in answer:
            part = sock.recv(4096)
            if not part:
                break
            answer += part.decode()
    assert answer.startswith("HTTP/1.1 413") and "E912" in answer


def test_invalid_bodies_get_a_coded_answer(served: Served) -> None:
    reply = served.client.call("POST", "/v1/context", {"channel": "fax"})
    assert reply.status == 422 and reply.body["error"]["code"] == "E913"
    assert "channel" in reply.body["error"]["message"]
    broken = served.client.call("POST", "/v1/draft", raw=b"{not json")
    assert broken.status == 422 and broken.body["error"]["code"] == "E913"


def test_openapi_document_describes_the_routes(served: Served) -> None:
    reply = served.client.call("GET", "/openapi.json", token=None)
    assert reply.status == 200
    paths = reply.body["paths"]
    assert {"/v1/context", "/v1/draft", "/v1/suggestions", "/v1/inserted"} <= set(paths)
    assert "post" in paths["/v1/context"] and "get" in paths["/v1/suggestions"]


# -- the conversation --------------------------------------------------------------------------


def test_context_draft_and_pick_follow_one_conversation(served: Served) -> None:
    c = served.client
    record = served.customer
    ref = record.transactions[0].reference
    message = f"Pesanan saya {ref} sudah 6 hari belum sampai juga!!! Kecewa banget."
    state = c.call("POST", "/v1/context", _context(served, "101", message)).body
    assert state["customer"]["id"] == record.customer.id
    assert state["context"]["matched_by"] == "phone"
    assert state["context"]["source"] == "api" and state["context"]["hint"] is False
    assert state["conversation"] == "chatwoot:101"
    assert state["analysis"]["emotion"]
    assert state["suggestions"], "a new message brings suggestions"
    first = state["version"]

    draft = c.call(
        "POST",
        "/v1/draft",
        {"text": "Mohon maaf atas", "helpdesk": "chatwoot", "conversation_id": "101"},
    ).body
    assert draft["draft"] == "Mohon maaf atas" and draft["version"] > first
    picked = draft["suggestions"][0]
    after = c.call(
        "POST",
        "/v1/inserted",
        {"suggestion_id": picked["id"], "helpdesk": "chatwoot", "conversation_id": "101"},
    )
    assert after.status == 200
    assert served.core.session.counters["inserted"] >= 1
    again = c.call(
        "POST",
        "/v1/draft",
        {
            "text": "Mohon maaf atas " + picked["text"],
            "helpdesk": "chatwoot",
            "conversation_id": "101",
        },
    ).body
    assert picked["id"] not in [s["id"] for s in again["suggestions"]]
    polled = c.call("GET", "/v1/suggestions").body
    assert polled["version"] == again["version"] and polled["draft"] == again["draft"]


def test_another_conversation_parks_the_current_one_and_never_mixes(served: Served) -> None:
    c = served.client
    record = served.customer
    c.call("POST", "/v1/context", _context(served, "201", "Paket saya rusak, tolong dicek."))
    c.call(
        "POST",
        "/v1/draft",
        {"text": "Halo, saya cek dulu ya", "helpdesk": "chatwoot", "conversation_id": "201"},
    )
    other = c.call(
        "POST",
        "/v1/context",
        {
            "helpdesk": "chatwoot",
            "conversation_id": "202",
            "contact": {"email": "nobody@example.org"},
        },
    ).body
    assert other["conversation"] == "chatwoot:202"
    assert other["customer"] is None and other["context"]["not_found"] == "nobody@example.org"
    assert other["context"]["parked"] >= 1
    assert other["draft"] == ""  # the parked conversation's draft stays with it
    # A draft for the parked conversation is refused: it would mix two conversations.
    stale = c.call(
        "POST",
        "/v1/draft",
        {"text": "Halo, saya cek dulu ya!", "helpdesk": "chatwoot", "conversation_id": "201"},
    )
    assert stale.status == 409 and stale.body["error"]["code"] == "E900"
    back = c.call(
        "POST", "/v1/context", _context(served, "201", "Paket saya rusak, tolong dicek.")
    ).body
    assert back["customer"]["id"] == record.customer.id
    assert back["draft"] == "Halo, saya cek dulu ya"
    assert back["analysis"] is not None


def test_customer_is_matched_exactly_or_not_at_all(served: Served) -> None:
    c = served.client
    record = served.customer
    by_email = c.call(
        "POST",
        "/v1/context",
        {
            "helpdesk": "wa",
            "conversation_id": "301",
            "contact": {"email": record.customer.email.upper()},
        },
    ).body
    assert by_email["customer"]["id"] == record.customer.id
    assert by_email["context"]["matched_by"] == "email"
    partial = record.customer.phone[:-3]
    fuzzy = c.call(
        "POST",
        "/v1/context",
        {"helpdesk": "wa", "conversation_id": "302", "contact": {"phone": partial}},
    ).body
    assert fuzzy["customer"] is None  # a partial number is a search, never an identity


def test_hint_needs_the_dashboard_page_origin_and_is_marked_unverified(served: Served) -> None:
    c = served.client
    body = _context(served, "401", "Halo, pesanan saya belum sampai.")
    refused = c.call("POST", "/v1/hint", body, token=None)
    assert refused.status == 403 and refused.body["error"]["code"] == "E911"
    own = f"http://127.0.0.1:{served.port}"
    hint = c.call("POST", "/v1/hint", body, token=None, headers={"Origin": own})
    assert hint.status == 200
    assert hint.body["context"]["hint"] is True
    assert hint.body["context"]["source"] == "dashboard-app"


def test_dashboard_page_may_be_framed_only_by_allowed_helpdesks(served: Served) -> None:
    page = served.client.call("GET", "/apps/chatwoot", token=None)
    assert page.status == 200
    csp = page.headers["content-security-policy"]
    assert f"frame-ancestors {HELPDESK_ORIGIN}" in csp
    assert "script-src 'nonce-" in csp and "'unsafe-inline'" not in csp
    assert json.dumps([HELPDESK_ORIGIN]) in page.body
    assert "chatwoot-dashboard-app:fetch-info" in page.body
