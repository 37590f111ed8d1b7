"""The authority service in team mode: the same object the sidebar and the core drive,
with the team server as the ledger of record.

- The policy in force is the one published on the server (its signed text, checked
  against this computer's installed public keys); while offline, the last one seen.
- Options are ranked by the core's own advisor with the usage the server reports for
  this customer and agent; eligibility (issue, fault, tier) is checked here as in
  standalone mode, and every money limit by the server when the grant is recorded.
- Grants go to the server; while it cannot be reached, to the outbox within the offline
  allowance (the returned grant's ``authority`` is then ``offline`` and its id
  ``offline:<key>``).
- Approval requests go to the supervisors' queue; :meth:`wait_for_decision` waits for
  the decision. Signed codes by copy and paste still work (recorded in the local ledger,
  as the fallback when there is no server).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from assist.authority.advisor import facts_from_case, rank_options
from assist.authority.approvals import ApprovalRequest
from assist.authority.keys import load_public_keys
from assist.authority.ledger import Grant, Ledger
from assist.authority.models import CompensationCase, CompensationOption
from assist.authority.policy import BUILTIN_TYPES, Policy
from assist.authority.rules import GrantFacts, TransactionFacts, Usage, check_grant
from assist.authority.service import AuthorityService, PolicyStatus
from assist.authority.signing import SignedPolicy, verify_signed_policy
from assist.errors import PekaError
from assist.team import errors as E
from assist.team.client import TeamRequest
from assist.team.outbox import OutboxItem
from assist.team.session import ONLINE, TeamSession

POLICY_REFRESH_S = 60.0


def usage_from_server(data: dict[str, Any], type_name: str) -> Usage:
    amount, count = (data.get("customer") or {}).get(type_name) or (0, 0)
    return Usage(
        customer_amount_30d=int(amount),
        customer_count_30d=int(count),
        agent_amount_today=int((data.get("agent_today") or {}).get(type_name) or 0),
        refunded_on_transaction=int(data.get("refunded") or 0),
    )


class TeamAuthorityService(AuthorityService):
    def __init__(self, session: TeamSession, *, ledger: Ledger, keys_dir: Any, agent_id: str):
        super().__init__(
            ledger=ledger,
            policy_path=keys_dir / "team-server-policy",
            keys_dir=keys_dir,
            agent_id=agent_id,
        )
        self.team = session
        self._policy_lock = threading.Lock()
        self._policy_at = 0.0
        self._policy: SignedPolicy | None = None
        session.type_labels = self.type_labels
        try:
            me = session.refresh()
        except PekaError:
            me = session.outbox.recall("whoami") or {}
        if me.get("agent_id"):
            self.agent_id = str(me["agent_id"])  # the server's word, not the config's
            self.requested_role = str(me.get("role") or "") or None

    # -- the policy published on the server ----------------------------------------------

    def _signed(self) -> SignedPolicy:
        with self._policy_lock:
            fresh = time.monotonic() - self._policy_at < POLICY_REFRESH_S
            if self._policy is not None and fresh:
                return self._policy
            text: str | None = None
            try:
                self.team.refresh()  # also keeps the signed text for offline use
                text = self.team.outbox.recall("signed_text")
            except PekaError as exc:
                if exc.code != E.E804:
                    raise
                text = self.team.outbox.recall("signed_text")
                if text is None:
                    raise
            if text is None:
                raise PekaError(E.E812, "No policy has been published to the team server yet.")
            keys, _notes = load_public_keys(self.keys_dir)
            self._policy = verify_signed_policy(text, keys, where="team server policy")
            self._policy_at = time.monotonic()
            return self._policy

    def type_labels(self) -> dict[str, dict[str, str]]:
        """Every compensation type's label per language, from the policy last verified
        (the built-in types' before that); never waits for the server or the lock."""
        signed = self._policy
        types = signed.policy.types if signed is not None else BUILTIN_TYPES
        return {name: {"id": t.label("id"), "en": t.label("en")} for name, t in types.items()}

    def status(self) -> PolicyStatus:
        status = super().status()
        if self.team.state == ONLINE:
            return status
        problem = self.team.last_problem
        reason = "OFFLINE: the team server cannot be reached. " + (
            problem.message if problem is not None else ""
        )
        return PolicyStatus(
            status.valid,
            reason.strip(),
            status.code or E.E804,
            status.version,
            status.expires_at,
            status.signed_by,
            status.key_id,
            status.name,
            status.path,
            status.agent_id,
            status.role,
        )

    # -- usage from the server -----------------------------------------------------------

    def _server_usage(self, customer_id: str, transaction_id: str | None) -> dict[str, Any]:
        if self.team.state != ONLINE:
            return {}
        try:
            return self.team.client.usage(customer_id, transaction_id)
        except PekaError as exc:
            if exc.code == E.E804:
                self.team.mark_offline(exc)
                return {}
            raise

    def options(self, case: CompensationCase, language: str = "id") -> list[CompensationOption]:
        signed = self._policy_or_none()
        if signed is None:
            return []
        policy = signed.policy
        facts = facts_from_case(case)
        tx = facts.transaction
        data = self._server_usage(facts.customer_id, tx.id if tx else None)
        return rank_options(
            policy=policy,
            agent_id=self.agent_id,
            role=policy.role_for(self.agent_id, self.requested_role),
            case=case,
            usage={name: usage_from_server(data, name) for name in policy.types},
            recent_count=int(data.get("customer_grants_30d") or 0),
            language=language,
            now=self.now(),
        )

    def budget_left(self, type_name: str) -> int | None:
        signed = self._policy_or_none()
        if signed is None:
            return None
        policy = signed.policy
        rule = policy.rule_for(self.agent_id, self.role(policy) or "", type_name)
        if rule is None or rule.daily_budget is None:
            return None
        data = self._server_usage("", None)
        used = int((data.get("agent_today") or {}).get(type_name) or 0)
        return max(rule.daily_budget - used, 0)

    def received_recently(self, customer_id: str, days: int = 30) -> list[Grant]:
        """What the whole team gave the customer (the server's list), oldest first; while
        offline, what this workstation's outbox holds for them (the server's list is not
        kept: it would be stale exactly when it matters)."""
        if self.team.state == ONLINE:
            try:
                return self.team.client.customer_grants(customer_id, days)
            except PekaError as exc:
                if exc.code != E.E804:
                    raise
                self.team.mark_offline(exc)
        signed = self._policy_or_none()
        if signed is None:
            return []
        since = self.now() - timedelta(days=days)
        return [
            self._outbox_grant(item, signed.policy)
            for item in self.team.outbox.items("pending")
            if item.customer_id == customer_id and item.created_at >= since
        ]

    def _outbox_grant(self, item: OutboxItem, policy: Policy) -> Grant:
        """A grant kept in the outbox while offline, as the sidebar shows it."""
        ctype = policy.type(item.type)
        unit = ctype.unit if ctype is not None else "money"
        return Grant(
            grant_id=f"offline:{item.key}",
            idempotency_key=item.key,
            agent_id=self.agent_id,
            customer_id=item.customer_id,
            type=item.type,
            unit=unit,
            amount_minor=item.amount_minor,
            currency=policy.currency if unit == "money" else "",
            transaction_id=item.transaction_id,
            reason=item.reason,
            granted_at=item.created_at,
            authority="offline",
            policy_version=policy.version,
            transaction_amount_minor=item.transaction_amount_minor,
        )

    # -- grants --------------------------------------------------------------------------

    def _grant(
        self,
        facts: GrantFacts,
        type_name: str,
        amount: int,
        key: str,
        reason: str,
        stated_facts: tuple[str, ...] = (),
    ) -> Grant:
        if not key.strip():
            raise PekaError("E529", "A grant needs an idempotency key.")
        policy = self.current_policy().policy
        ctype = policy.type(type_name)
        if ctype is None:
            raise PekaError("E529", f"Unknown compensation type {type_name!r}.")
        # Eligibility and the per-grant cap here; the sums are the server's to check.
        check_grant(
            rule=policy.rule_for(self.agent_id, self.role(policy) or "", type_name),
            ctype=ctype,
            facts=facts,
            amount=amount,
            reason=reason,
            usage=Usage(),
            currency=policy.currency,
            now=self.now(),
        )
        tx = facts.transaction
        outcome = self.team.grant(
            key=key,
            customer_id=facts.customer_id,
            type=type_name,
            amount_minor=amount,
            transaction_id=tx.id if tx else None,
            transaction_amount_minor=tx.amount_minor if tx else None,
            reason=reason,
        )
        if outcome.grant is not None:
            return outcome.grant
        assert outcome.pending is not None
        return self._outbox_grant(outcome.pending, policy)

    # -- approvals -----------------------------------------------------------------------

    def request_approval(
        self,
        *,
        customer_id: str,
        type: str,
        amount_minor: int,
        reason: str = "",
        transaction: TransactionFacts | None = None,
        context: dict[str, str] | None = None,
        expires_in_hours: float = 24.0,
    ) -> ApprovalRequest:
        import uuid

        # The same checks as standalone before anything is sent; the server checks again.
        self.checked_request(type, amount_minor, transaction, expires_in_hours)
        request = self.team.request_approval(
            key=f"request-{uuid.uuid4().hex}",
            customer_id=customer_id,
            type=type,
            amount_minor=amount_minor,
            transaction_id=transaction.id if transaction else None,
            transaction_amount_minor=transaction.amount_minor if transaction else None,
            reason=reason,
            context={k: v for k, v in (context or {}).items() if v is not None},
            expires_in_hours=expires_in_hours,
        )
        return approval_request(request)

    def wait_for_decision(self, request_id: str, timeout: float = 600.0) -> TeamRequest | None:
        return self.team.wait_for_decision(request_id, timeout)


def approval_request(request: TeamRequest) -> ApprovalRequest:
    created = request.created_at or datetime.now(UTC)
    return ApprovalRequest(
        request_id=request.request_id,
        agent_id=request.agent_id,
        customer_id=request.customer_id,
        type=request.type,
        unit=request.unit,
        amount_minor=request.amount_minor,
        currency=request.currency,
        transaction_id=request.transaction_id,
        transaction_amount_minor=None,
        reason=request.reason,
        created_at=created.replace(microsecond=0),
        expires_at=(request.expires_at or created + timedelta(hours=24)).replace(microsecond=0),
        context={str(k): str(v) for k, v in request.context.items()},
    )
