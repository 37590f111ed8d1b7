"""Approval requests and approval codes that travel by copy and paste, with no server.

A request is ``PEKA-REQ1:`` + base64url(canonical JSON). The supervisor's Peka answers
with ``PEKA-OK1:`` (approve) or ``PEKA-NO1:`` (decline) + base64url(payload) + ``.`` +
base64url(Ed25519 signature over the payload). The payload binds the request id, agent,
customer, type, amount, transaction and an expiry, so a code can only grant exactly what
the supervisor saw, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from assist.authority import errors as E
from assist.authority.canonical import b64url_decode, b64url_encode, canonical_bytes, sha256_hex
from assist.authority.keys import PublicKeyInfo, SigningKey
from assist.authority.rules import show
from assist.errors import PekaError
from assist.safe_parse import json_loads

REQUEST_PREFIX = "PEKA-REQ1:"
APPROVE_PREFIX = "PEKA-OK1:"
DECLINE_PREFIX = "PEKA-NO1:"
APPROVE = "approve"
DECLINE = "decline"


@dataclass(frozen=True, slots=True)
class ApprovalRequest:
    request_id: str
    agent_id: str
    customer_id: str
    type: str
    unit: str
    amount_minor: int
    currency: str
    transaction_id: str | None
    transaction_amount_minor: int | None
    reason: str
    created_at: datetime
    expires_at: datetime
    context: dict[str, str]  # issue, fault, tier, why it is above authority (for review)

    def payload(self) -> dict[str, Any]:
        return {
            "v": 1,
            "id": self.request_id,
            "agent": self.agent_id,
            "customer": self.customer_id,
            "type": self.type,
            "unit": self.unit,
            "amount": self.amount_minor,
            "currency": self.currency,
            "tx": self.transaction_id,
            "tx_amount": self.transaction_amount_minor,
            "reason": self.reason,
            "created": int(self.created_at.timestamp()),
            "expires": int(self.expires_at.timestamp()),
            "ctx": self.context,
        }

    @property
    def text(self) -> str:
        """The copy-pasteable block the agent sends to a supervisor (one line)."""
        return REQUEST_PREFIX + b64url_encode(canonical_bytes(self.payload()))

    def describe(self) -> str:
        return f"{self.type} {show(self.amount_minor, self.unit, self.currency)}"


def _bad_request(why: str) -> PekaError:
    return PekaError(
        E.E540,
        f"This is not a complete Peka approval request ({why}). Ask the agent to copy the "
        f"whole line starting with {REQUEST_PREFIX} again.",
    )


def _from_token(text: str, prefixes: tuple[str, ...]) -> str:
    """The pasted line without line breaks, from its prefix on.

    Chat tools wrap long lines and people paste a greeting or the whole output of
    ``peka approval request`` with it, so text before the prefix is ignored.
    """
    text = "".join(text.split())
    starts = [i for i in (text.find(p) for p in prefixes) if i >= 0]
    return text[min(starts) :] if starts else text


def parse_request(text: str) -> ApprovalRequest:
    text = _from_token(text, (REQUEST_PREFIX,))
    if not text.startswith(REQUEST_PREFIX):
        raise _bad_request(f"it does not start with {REQUEST_PREFIX}")
    try:
        data = json_loads(b64url_decode(text[len(REQUEST_PREFIX) :]), "The approval request")
        if not isinstance(data, dict) or data.get("v") != 1:
            raise ValueError("unknown version")
        ctx = data.get("ctx") or {}
        request = ApprovalRequest(
            request_id=str(data["id"]),
            agent_id=str(data["agent"]),
            customer_id=str(data["customer"]),
            type=str(data["type"]),
            unit=str(data["unit"]),
            amount_minor=int(data["amount"]),
            currency=str(data["currency"]),
            transaction_id=None if data.get("tx") is None else str(data["tx"]),
            transaction_amount_minor=(
                None if data.get("tx_amount") is None else int(data["tx_amount"])
            ),
            reason=str(data.get("reason") or ""),
            created_at=datetime.fromtimestamp(int(data["created"]), UTC),
            expires_at=datetime.fromtimestamp(int(data["expires"]), UTC),
            context={str(k): str(v) for k, v in dict(ctx).items()},
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise _bad_request(str(exc) or "damaged") from None
    if request.amount_minor <= 0:
        raise _bad_request("the amount is not positive")
    return request


@dataclass(frozen=True, slots=True)
class ApprovalDecision:
    decision: str  # APPROVE or DECLINE
    request_id: str
    agent_id: str
    customer_id: str
    type: str
    amount_minor: int
    transaction_id: str | None
    expires_at: datetime
    signed_at: datetime
    key_id: str
    note: str
    code: str

    @property
    def code_hash(self) -> str:
        return sha256_hex(self.code.encode("utf-8"))


def _decision_payload(
    request: ApprovalRequest,
    decision: str,
    note: str,
    expires: datetime,
    key: SigningKey,
    now: datetime,
) -> dict[str, Any]:
    return {
        "v": 1,
        "d": decision,
        "r": request.request_id,
        "a": request.agent_id,
        "c": request.customer_id,
        "t": request.type,
        "m": request.amount_minor,
        "x": request.transaction_id,
        "e": int(expires.timestamp()),
        "s": int(now.timestamp()),
        "k": key.public.key_id,
        "n": note,
    }


def issue_decision(
    request: ApprovalRequest,
    key: SigningKey,
    *,
    decision: str,
    note: str = "",
    expires_in_hours: float = 24.0,
    now: datetime | None = None,
) -> str:
    """The approval (or decline) code for ``request``, signed with the supervisor's key."""
    now = now or datetime.now(UTC)
    if decision == APPROVE and now > request.expires_at:
        raise PekaError(
            E.E544,
            f"Request {request.request_id} expired at {request.expires_at.isoformat()}; ask "
            "the agent for a new request.",
        )
    if not 0 < expires_in_hours <= 24 * 30:
        raise PekaError(E.E529, "--expires-in must be between 0 and 720 hours.")
    expires = now + timedelta(hours=expires_in_hours)
    payload = _decision_payload(request, decision, note, expires, key, now)
    body = canonical_bytes(payload)
    prefix = APPROVE_PREFIX if decision == APPROVE else DECLINE_PREFIX
    return prefix + b64url_encode(body) + "." + b64url_encode(key.sign(prefix.encode() + body))


def _bad_code(why: str) -> PekaError:
    return PekaError(
        E.E541,
        f"This is not a complete Peka approval code ({why}). Ask the supervisor to copy the "
        f"whole line starting with {APPROVE_PREFIX} or {DECLINE_PREFIX} again.",
    )


def verify_decision(
    code: str, keys: dict[str, PublicKeyInfo], now: datetime
) -> tuple[ApprovalDecision, PublicKeyInfo]:
    """Check format, signer and signature and expiry; raises E541–E544."""
    code = _from_token(code, (APPROVE_PREFIX, DECLINE_PREFIX))
    prefix = next((p for p in (APPROVE_PREFIX, DECLINE_PREFIX) if code.startswith(p)), None)
    if prefix is None:
        raise _bad_code(f"it does not start with {APPROVE_PREFIX}")
    body_text, dot, sig_text = code[len(prefix) :].partition(".")
    if not dot:
        raise _bad_code("the signature part is missing")
    try:
        body = b64url_decode(body_text)
        signature = b64url_decode(sig_text)
        data = json_loads(body, "The approval code")
        if not isinstance(data, dict) or data.get("v") != 1:
            raise ValueError("unknown version")
        decision = ApprovalDecision(
            decision=str(data["d"]),
            request_id=str(data["r"]),
            agent_id=str(data["a"]),
            customer_id=str(data["c"]),
            type=str(data["t"]),
            amount_minor=int(data["m"]),
            transaction_id=None if data.get("x") is None else str(data["x"]),
            expires_at=datetime.fromtimestamp(int(data["e"]), UTC),
            signed_at=datetime.fromtimestamp(int(data["s"]), UTC),
            key_id=str(data["k"]),
            note=str(data.get("n") or ""),
            code=code,
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise _bad_code(str(exc) or "damaged") from None
    expected = APPROVE if prefix == APPROVE_PREFIX else DECLINE
    if decision.decision != expected:
        raise _bad_code("the decision does not match its prefix")
    key = keys.get(decision.key_id)
    if key is None:
        raise PekaError(
            E.E543,
            f"The code is signed with key {decision.key_id}, which is not among this "
            "computer's supervisor keys. Ask a supervisor whose key IT installed.",
        )
    if not key.verify(signature, prefix.encode() + body):
        raise PekaError(
            E.E542,
            "The approval code does not match its signature: it was changed after the "
            "supervisor issued it. Ask the supervisor to copy it again.",
        )
    if now > decision.expires_at:
        raise PekaError(
            E.E544,
            f"The approval code expired at {decision.expires_at.isoformat()}; ask the "
            "supervisor for a new one.",
        )
    return decision, key
