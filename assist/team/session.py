"""An agent's workstation in team mode: online through the server, offline through the outbox.

``TeamSession`` is what the sidebar, the console and ``peka team …`` commands drive. It
says plainly whether the server is reachable (:attr:`state`), grants through the server
when it is, keeps grants within the policy's offline allowance in the outbox when it is
not, and replays the outbox when the server is back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from assist.authority.ledger import Grant
from assist.errors import PekaError
from assist.events import Event
from assist.team import credentials
from assist.team import errors as E
from assist.team.client import Listener, TeamClient, TeamRequest
from assist.team.outbox import Outbox, OutboxItem

ONLINE = "online"
OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class GrantOutcome:
    """A grant the server recorded, or one kept in the outbox while offline."""

    grant: Grant | None = None
    pending: OutboxItem | None = None
    replay: bool = False

    @property
    def offline(self) -> bool:
        return self.pending is not None


@dataclass
class ReplayReport:
    accepted: list[OutboxItem] = field(default_factory=list)
    refused: list[OutboxItem] = field(default_factory=list)
    still_pending: int = 0


@dataclass(frozen=True, slots=True)
class TeamState:
    """What the sidebar shows about the team server (payload of :attr:`TeamSession.changed`).

    ``allowance_left`` is what the agent may still grant today without the server, per
    compensation type (the policy's ``offline_allowance``, default zero, less what the
    outbox already holds); ``accepted``/``refused`` are the last replay's results."""

    online: bool
    problem: str = ""
    pending: int = 0
    allowance_left: dict[str, int] = field(default_factory=dict)
    currency: str = "IDR"
    accepted: tuple[OutboxItem, ...] = ()
    refused: tuple[OutboxItem, ...] = ()
    # The policy's names for its compensation types, per language ({"voucher": {"id": …,
    # "en": …}}), so the banner names what the agent knows, not the internal type.
    type_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, type_name: str, language: str) -> str:
        return self.type_labels.get(type_name, {}).get(language) or type_name.replace("_", " ")


class TeamSession:
    def __init__(self, dsn: str, credential: credentials.Credential, outbox_path: Path) -> None:
        self.client = TeamClient(dsn, credential)
        self.outbox = Outbox(outbox_path)
        self.state = OFFLINE
        self.last_problem: PekaError | None = None
        self._lock = threading.Lock()
        # Emitted (on the thread that did the work) when the server goes away or comes
        # back, when the outbox grows or shrinks, and with each replay's results.
        self.changed: Event[TeamState] = Event("team.changed")
        self._shown: tuple[str, int] | None = None
        # The policy's type labels; the team authority service supplies them (from the
        # policy it last verified: no lock, no network, as this runs inside its calls).
        self.type_labels: Callable[[], dict[str, dict[str, str]]] = dict

    @classmethod
    def from_config(cls, cfg: Any) -> TeamSession | None:
        """None in standalone mode (no ``team.server``); the login comes from the keyring."""
        dsn = str(cfg["team.server"]).strip()
        if not dsn:
            return None
        return cls(dsn, credentials.load(), Path(cfg["team.outbox_path"]))

    def close(self) -> None:
        self.client.close()
        self.outbox.close()

    # -- state ---------------------------------------------------------------------------

    def _online(self) -> None:
        self.state = ONLINE
        self.last_problem = None
        self._notify()

    def _offline(self, exc: PekaError) -> None:
        self.state = OFFLINE
        self.last_problem = exc
        self.client.close()
        self._notify()

    def mark_offline(self, exc: PekaError) -> None:
        """Another caller found the server unreachable (E804)."""
        self._offline(exc)

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Around every call to the server: a lost connection (E804) makes the session
        offline; any answer, a refusal too, makes it online (a refused login, E817, is
        neither: nothing was answered). Errors go on to the caller."""
        try:
            yield
        except PekaError as exc:
            if exc.code == E.E804:
                self._offline(exc)
            elif exc.code != E.E817:
                self._online()
            raise
        self._online()

    def current(self, report: ReplayReport | None = None) -> TeamState:
        pending = self.outbox.items("pending")
        policy = self.outbox.recall("policy") or {}
        offset = int(policy.get("utc_offset_minutes") or 7 * 60)
        day = (datetime.now(UTC) + timedelta(minutes=offset)).date().isoformat()
        left: dict[str, int] = {}
        for type_name, limits in sorted((policy.get("team_limits") or {}).items()):
            allowance = int((limits or {}).get("offline_allowance") or 0)
            used = sum(
                i.amount_minor
                for i in self.outbox.items()
                if i.type == type_name and i.local_day == day and i.status != "refused"
            )
            if allowance:
                left[type_name] = max(allowance - used, 0)
        return TeamState(
            online=self.state == ONLINE,
            problem=self.last_problem.message if self.last_problem is not None else "",
            pending=len(pending),
            allowance_left=left,
            currency=str(policy.get("currency") or "IDR"),
            accepted=tuple(report.accepted) if report else (),
            refused=tuple(report.refused) if report else (),
            type_labels=self.type_labels(),
        )

    def _notify(self, report: ReplayReport | None = None) -> None:
        """Emit :attr:`changed` when what the sidebar shows changed (or a replay settled)."""
        if not len(self.changed):
            return
        state = self.current(report)
        shown = (self.state, state.pending)
        if shown == self._shown and not (state.accepted or state.refused):
            return
        self._shown = shown
        self.changed.emit(state)

    def reconnect(self) -> ReplayReport:
        """Try the server again; when it answers, replay the outbox (the sidebar's timer)."""
        try:
            self.refresh()
        except PekaError as exc:
            if exc.code != E.E804:
                raise
            return ReplayReport(still_pending=len(self.outbox.items("pending")))
        return self.replay()

    def refresh(self) -> dict[str, Any]:
        """Who the server says we are and the policy in force (cached for offline use)."""
        with self.answering():
            me = self.client.whoami()
            policy = self.client.my_policy() if me.get("policy_version") else {}
            self.outbox.remember("whoami", me)
            if policy:
                # Kept for offline use: the signed text (checked again on use) and numbers.
                self.outbox.remember("signed_text", policy.pop("signed_text", None))
                self.outbox.remember("policy", policy)
        return me

    def status(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "problem": str(self.last_problem) if self.last_problem else "",
            "whoami": self.outbox.recall("whoami"),
            "pending_offline": len(self.outbox.items("pending")),
            "refused_offline": len(self.outbox.items("refused")),
        }

    # -- grants --------------------------------------------------------------------------

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
    ) -> GrantOutcome:
        request: dict[str, Any] = {
            "key": key,
            "customer_id": customer_id,
            "type": type,
            "amount_minor": amount_minor,
            "transaction_id": transaction_id,
            "transaction_amount_minor": transaction_amount_minor,
            "reason": reason,
        }
        try:
            with self.answering():
                grant, replay = self.client.grant(**request)
        except PekaError as exc:
            if exc.code != E.E804:
                raise
            kept = self._keep_offline(**request)
            self._notify()
            return GrantOutcome(pending=kept)
        return GrantOutcome(grant=grant, replay=replay)

    def _keep_offline(self, **grant: Any) -> OutboxItem:
        policy = self.outbox.recall("policy") or {}
        team_limits = (policy.get("team_limits") or {}).get(grant["type"]) or {}
        allowance = int(team_limits.get("offline_allowance") or 0)
        limit = (policy.get("limits") or {}).get(grant["type"]) or {}
        if limit.get("max_amount") is not None and grant["amount_minor"] > int(limit["max_amount"]):
            allowance = 0  # never more offline than one grant may be online
        offset = int(policy.get("utc_offset_minutes") or 7 * 60)
        day = (datetime.now(UTC) + timedelta(minutes=offset)).date().isoformat()
        return self.outbox.add(
            allowance=allowance,
            local_day=day,
            unit=str(limit.get("unit") or "money"),
            currency=str(policy.get("currency") or "IDR"),
            **grant,
        )

    def replay(self) -> ReplayReport:
        """Send every pending offline grant; stop (leaving the rest) if offline again."""
        report = ReplayReport()
        with self._lock:
            pending = self.outbox.items("pending")
            for n, item in enumerate(pending):
                try:
                    grant, _ = self.client.grant(
                        key=item.key,
                        customer_id=item.customer_id,
                        type=item.type,
                        amount_minor=item.amount_minor,
                        transaction_id=item.transaction_id,
                        transaction_amount_minor=item.transaction_amount_minor,
                        reason=item.reason,
                        offline_at=item.created_at,
                    )
                except PekaError as exc:
                    if exc.code == E.E804:
                        self._offline(exc)
                        report.still_pending = len(pending) - n
                        return report
                    self.outbox.settle(
                        item.key, "refused", {"code": exc.code, "message": exc.message}
                    )
                    report.refused.append(self.outbox.item(item.key))
                    continue
                self.outbox.settle(item.key, "accepted", grant.to_dict())
                report.accepted.append(self.outbox.item(item.key))
            self._online()
            if report.accepted or report.refused:
                self._notify(report)
        return report

    # -- approvals -----------------------------------------------------------------------

    def request_approval(self, **request: Any) -> TeamRequest:
        with self.answering():
            return self.client.request_approval(**request)

    def wait_for_decision(self, request_id: str, timeout: float) -> TeamRequest | None:
        """Block until a supervisor decides ``request_id`` (LISTEN), or None on timeout."""
        listener = Listener(self.client, "peka_decisions")
        try:
            deadline = datetime.now(UTC) + timedelta(seconds=timeout)
            while True:
                for request in self.client.my_requests():
                    if request.request_id == request_id and request.status != "pending":
                        return request
                left = (deadline - datetime.now(UTC)).total_seconds()
                if left <= 0:
                    return None
                listener.wait(left, stop_after=1)
        finally:
            listener.close()
