"""A workstation's connection to the team server, as the agent the server authenticated.

Every call is one server function in its own transaction (autocommit): the server checks
the limits and records the result atomically, so a client killed at any moment leaves
either a whole grant or none, and repeating a call with the same idempotency key returns
the first result. A lost connection raises E804, which callers treat as "offline".
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from assist.authority import errors as authority_errors
from assist.authority.ledger import Grant
from assist.errors import PekaError, catalogue
from assist.team import errors as E
from assist.team.credentials import Credential

del authority_errors  # imported so the server's E5xx refusals map to registered codes

CHANNEL_APPROVALS = "peka_approvals"
CHANNEL_DECISIONS = "peka_decisions"
CHANNEL_OFFLINE_REFUSALS = "peka_offline_refusals"
CHANNEL_POLICY = "peka_policy"


def _ts(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def grant_from_json(data: dict[str, Any]) -> Grant:
    return Grant(
        grant_id=data["grant_id"],
        idempotency_key=data.get("idempotency_key") or "",  # not shown to other agents
        agent_id=data["agent_id"],
        customer_id=data["customer_id"],
        type=data["type"],
        unit=data["unit"],
        amount_minor=int(data["amount_minor"]),
        currency=data["currency"],
        transaction_id=data.get("transaction_id"),
        reason=data.get("reason") or "",
        granted_at=_ts(data["granted_at"]) or datetime.min,
        authority=data["authority"],
        approval_id=data.get("approval_id"),
        approved_by=data.get("approved_by"),
        policy_version=data.get("policy_version"),
        audit_seq=int(data.get("audit_seq") or 0),
        transaction_amount_minor=data.get("transaction_amount_minor"),
    )


@dataclass(frozen=True, slots=True)
class TeamRequest:
    """An approval request as the server holds it (status: pending, approved, …)."""

    request_id: str
    agent_id: str
    customer_id: str
    type: str
    unit: str
    amount_minor: int
    currency: str
    transaction_id: str | None
    reason: str
    context: dict[str, Any]
    created_at: datetime | None
    expires_at: datetime | None
    status: str
    decided_by: str | None
    decided_at: datetime | None
    note: str
    grant_id: str | None
    refusal: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TeamRequest:
        return cls(
            request_id=data["request_id"],
            agent_id=data["agent_id"],
            customer_id=data["customer_id"],
            type=data["type"],
            unit=data["unit"],
            amount_minor=int(data["amount_minor"]),
            currency=data["currency"],
            transaction_id=data.get("transaction_id"),
            reason=data.get("reason") or "",
            context=dict(data.get("context") or {}),
            created_at=_ts(data.get("created_at")),
            expires_at=_ts(data.get("expires_at")),
            status=data["status"],
            decided_by=data.get("decided_by"),
            decided_at=_ts(data.get("decided_at")),
            note=data.get("note") or "",
            grant_id=data.get("grant_id"),
            refusal=data.get("refusal") or "",
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            out[name] = value.isoformat() if isinstance(value, datetime) else value
        return out


def _refusal(result: dict[str, Any]) -> PekaError:
    code = str(result.get("code") or "E529")
    if code not in catalogue():
        code = E.E819
    return PekaError(code, str(result.get("message") or "refused by the team server"))


class TeamClient:
    """One agent's (or supervisor's) session with the team server; thread-safe."""

    def __init__(self, dsn: str, credential: Credential, *, connect_timeout: int = 5) -> None:
        self.dsn = dsn
        self.credential = credential
        self.connect_timeout = connect_timeout
        self._conn: psycopg.Connection[Any] | None = None
        self._lock = threading.RLock()

    # -- connection ----------------------------------------------------------------------

    def open_connection(self) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(
                self.dsn,
                user=self.credential.login,
                password=self.credential.password,
                autocommit=True,
                connect_timeout=self.connect_timeout,
                application_name="peka",
            )
        except psycopg.OperationalError as exc:
            raise offline_error(exc) from None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> TeamClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, query: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            if self._conn is None or self._conn.closed:
                self._conn = self.open_connection()
            try:
                return self._conn.execute(query, args).fetchall()
            except psycopg.OperationalError as exc:
                self.close()
                raise offline_error(exc) from None
            except psycopg.Error as exc:
                if self._conn is not None and self._conn.closed:
                    self._conn = None
                raise server_error(exc) from None

    def _one(self, query: str, args: tuple[Any, ...] = ()) -> Any:
        rows = self._call(query, args)
        return rows[0][0] if rows else None

    # -- agents --------------------------------------------------------------------------

    def whoami(self) -> dict[str, Any]:
        return dict(self._one("SELECT peka.whoami()"))

    def schema_version(self) -> int:
        """The schema version the server runs. Servers at version 1 predate
        ``peka.schema_version()``; whoever may call ``whoami`` there is on version 1."""
        if not self._one("SELECT to_regprocedure('peka.schema_version()') IS NOT NULL"):
            return 1
        return int(self._one("SELECT peka.schema_version()"))

    def my_policy(self) -> dict[str, Any]:
        return dict(self._one("SELECT peka.my_policy()"))

    def usage(self, customer_id: str, transaction_id: str | None = None) -> dict[str, Any]:
        return dict(self._one("SELECT peka.usage(%s, %s)", (customer_id, transaction_id)))

    def grant(
        self,
        *,
        key: str,
        customer_id: str,
        type: str,
        amount_minor: int,
        transaction_id: str | None = None,
        transaction_amount_minor: int | None = None,
        reason: str = "",
        offline_at: datetime | None = None,
    ) -> tuple[Grant, bool]:
        """The recorded grant and whether it is a replay of an earlier call with ``key``."""
        result = self._one(
            "SELECT peka.grant(%s, %s, %s, %s, %s, %s, %s, %s)",
            (
                key,
                customer_id,
                type,
                amount_minor,
                transaction_id,
                transaction_amount_minor,
                reason,
                offline_at,
            ),
        )
        if not result.get("ok"):
            raise _refusal(result)
        return grant_from_json(result["grant"]), bool(result.get("replay"))

    def customer_grants(self, customer_id: str, days: int = 30) -> list[Grant]:
        """What the whole team granted this customer in ``days`` days, oldest first."""
        rows = self._call("SELECT peka.customer_grants(%s, %s)", (customer_id, days))
        return [grant_from_json(r[0]) for r in rows]

    def request_approval(
        self,
        *,
        key: str,
        customer_id: str,
        type: str,
        amount_minor: int,
        transaction_id: str | None = None,
        transaction_amount_minor: int | None = None,
        reason: str = "",
        context: dict[str, Any] | None = None,
        expires_in_hours: float = 24.0,
    ) -> TeamRequest:
        result = self._one(
            "SELECT peka.request_approval(%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                key,
                customer_id,
                type,
                amount_minor,
                transaction_id,
                transaction_amount_minor,
                reason,
                Jsonb(context or {}),
                expires_in_hours,
            ),
        )
        if not result.get("ok"):
            raise _refusal(result)
        return TeamRequest.from_json(result["request"])

    def my_requests(self, since: datetime | None = None) -> list[TeamRequest]:
        rows = self._call(
            "SELECT peka.my_requests(%s)", (since if since is not None else "-infinity",)
        )
        return [TeamRequest.from_json(r[0]) for r in rows]

    def my_offline_refusals(self) -> list[dict[str, Any]]:
        return [dict(r[0]) for r in self._call("SELECT peka.my_offline_refusals()")]

    # -- supervisors ---------------------------------------------------------------------

    def pending_approvals(self) -> list[TeamRequest]:
        return [TeamRequest.from_json(r[0]) for r in self._call("SELECT peka.pending_approvals()")]

    def decide(self, request_id: str, *, approve: bool, note: str = "") -> TeamRequest:
        result = self._one("SELECT peka.decide_approval(%s, %s, %s)", (request_id, approve, note))
        if not result.get("ok"):
            raise _refusal(result)
        return TeamRequest.from_json(result["request"])

    def offline_refusals(self) -> list[dict[str, Any]]:
        return [dict(r[0]) for r in self._call("SELECT peka.offline_refusals()")]

    def roster(self) -> list[dict[str, Any]]:
        return [dict(r[0]) for r in self._call("SELECT peka.roster()")]

    def audit_chain_entries(self, chain: int, batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """One audit chain's entries in order: (chain, chain_seq, seq, at, kind, payload,
        prev_hash, hash)."""
        after = 0
        while True:
            rows = self._call(
                "SELECT * FROM peka.audit_chain_entries(%s::smallint, %s, %s)",
                (chain, after, batch),
            )
            yield from rows
            if len(rows) < batch:
                return
            after = int(rows[-1][1])

    def audit_heads(self) -> dict[str, Any]:
        """Every chain's head ({"chains": [{chain, seq, hash}, …], "grants": n})."""
        return dict(self._one("SELECT peka.audit_heads_now()"))

    def team_grants(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        return [dict(r[0]) for r in self._call("SELECT peka.team_grants(%s, %s)", (start, end))]

    def team_requests(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        return [dict(r[0]) for r in self._call("SELECT peka.team_requests(%s, %s)", (start, end))]

    def team_budgets(self) -> list[dict[str, Any]]:
        return [dict(r[0]) for r in self._call("SELECT peka.team_budgets()")]

    def current_policy(self) -> dict[str, Any] | None:
        value = self._one("SELECT peka.current_policy_json()")
        return dict(value) if value else None

    def publish_policy(
        self, document: dict[str, Any], limits: list[dict[str, Any]], team: list[dict[str, Any]]
    ) -> int:
        result = self._one(
            "SELECT peka.publish_policy(%s, %s, %s)",
            (Jsonb(document), Jsonb(limits), Jsonb(team)),
        )
        if not result.get("ok"):
            raise _refusal(result)
        return int(result["version"])

    def change_password(self, password: str) -> None:
        from psycopg import sql

        with self._lock:
            if self._conn is None or self._conn.closed:
                self._conn = self.open_connection()
            query = sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                sql.Identifier(self.credential.login), sql.Literal(password)
            )
            try:
                self._conn.execute(query)
            except psycopg.Error as exc:
                raise server_error(exc) from None


def offline_error(exc: Exception) -> PekaError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "password authentication failed" in text:
        return PekaError(
            E.E817,
            "The team server refused this account's login. Ask IT for a new join code "
            "(`peka team enrol`) and run `peka team join`.",
        )
    return PekaError(
        E.E804,
        f"The team server cannot be reached ({text}). Peka is offline; grants wait in the "
        "outbox only within the policy's offline allowance.",
    )


def server_error(exc: psycopg.Error) -> PekaError:
    diag = getattr(exc, "diag", None)
    hint = getattr(diag, "message_hint", None) or ""
    primary = getattr(diag, "message_primary", None) or str(exc).strip()
    if hint in catalogue():
        return PekaError(hint, primary)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return PekaError(E.E811, f"The team server refused: {primary}.")
    return PekaError(E.E819, f"The team server reported an error: {primary}.")


class Listener:
    """A dedicated connection that LISTENs on channels and hands notifications over."""

    def __init__(self, client: TeamClient, *channels: str) -> None:
        self._conn = client.open_connection()
        for channel in channels:
            self._conn.execute(psycopg.sql.SQL("LISTEN {}").format(psycopg.sql.Identifier(channel)))

    def wait(self, timeout: float, stop_after: int | None = None) -> list[tuple[str, str]]:
        """Notifications (channel, payload) that arrive within ``timeout`` seconds."""
        try:
            return [
                (n.channel, n.payload)
                for n in self._conn.notifies(timeout=timeout, stop_after=stop_after)
            ]
        except psycopg.OperationalError as exc:
            raise offline_error(exc) from None

    def close(self) -> None:
        self._conn.close()


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
