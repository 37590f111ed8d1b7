"""The one object the sidebar, the suggestion session and the command line talk to.

It reads the signed policy (failing closed), ranks options, and records grants,
approvals and refusals in the ledger. Every call opens its own ledger connection, so a
single service may be shared between the interface thread and worker threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from assist.authority import audit
from assist.authority import errors as E
from assist.authority.advisor import facts_from_case, rank_options
from assist.authority.approvals import (
    APPROVE,
    ApprovalRequest,
    verify_decision,
)
from assist.authority.canonical import canonical_bytes, sha256_hex
from assist.authority.keys import PublicKeyInfo, load_public_keys
from assist.authority.ledger import (
    GRANT_COLUMNS,
    Grant,
    Ledger,
    grant_from_row,
    missing_guards,
    new_id,
    stated_text,
    utc_text,
)
from assist.authority.models import CompensationCase, CompensationOption
from assist.authority.policy import BUILTIN_TYPES, MONEY, CompensationType, Policy
from assist.authority.rules import GrantFacts, TransactionFacts, Usage, check_grant, show
from assist.authority.signing import SignedPolicy, check_dates, read_signed_policy
from assist.errors import E110, PekaError
from assist.money import AmountTooLarge, check_amount

Clock = Callable[[], datetime]
DEFAULT_OFFSET_MINUTES = 7 * 60  # WIB, for day boundaries when no policy is valid
# How far behind the ledger's latest time the clock may be: processes writing at the same
# moment and small automatic corrections; not enough to revive an expiry or a new day.
CLOCK_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class PolicyStatus:
    """Whether a valid policy is in force, and if not exactly why (``code``, ``reason``)."""

    valid: bool
    reason: str
    code: str | None
    version: int | None
    expires_at: datetime | None
    signed_by: str | None
    key_id: str | None
    name: str
    path: Path
    agent_id: str
    role: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "reason": self.reason,
            "code": self.code,
            "version": self.version,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "signed_by": self.signed_by,
            "key_id": self.key_id,
            "name": self.name,
            "path": str(self.path),
            "agent_id": self.agent_id,
            "role": self.role,
        }


def _content_hash(**content: Any) -> str:
    return sha256_hex(canonical_bytes(content))


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class AuthorityService:
    def __init__(
        self,
        *,
        ledger: Ledger,
        policy_path: Path,
        keys_dir: Path,
        agent_id: str,
        role: str | None = None,
        clock: Clock | None = None,
    ) -> None:
        if not agent_id.strip():
            raise PekaError(E.E529, "The agent id is empty; set `agent.id` in the configuration.")
        self.ledger = ledger
        self.policy_path = policy_path
        self.keys_dir = keys_dir
        self.agent_id = agent_id
        self.requested_role = role
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()
        self._cache_key: object = None
        self._cached: SignedPolicy | PekaError | None = None
        self._known_version = 0

    # -- construction --------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        *,
        ledger_path: Path,
        policy_path: Path,
        keys_dir: Path,
        agent_id: str,
        role: str | None = None,
        clock: Clock | None = None,
    ) -> AuthorityService:
        return cls(
            ledger=Ledger(ledger_path),
            policy_path=policy_path,
            keys_dir=keys_dir,
            agent_id=agent_id,
            role=role,
            clock=clock,
        )

    @classmethod
    def from_config(
        cls, cfg: Any, *, ledger_path: Path | None = None, clock: Clock | None = None
    ) -> AuthorityService:
        """From a :class:`assist.config.Config` (``ledger.path``, ``policy.*``, ``agent.*``).

        ``ledger_path`` (a command-line ``--ledger``) must name the configured ledger when
        IT locked ``ledger.path`` (E106).
        """
        if ledger_path is not None and hasattr(cfg, "check_option"):
            cfg.check_option("ledger.path", ledger_path, "--ledger")
        return cls.open(
            ledger_path=ledger_path or Path(cfg["ledger.path"]),
            policy_path=Path(cfg["policy.path"]),
            keys_dir=Path(cfg["policy.keys_dir"]),
            agent_id=str(cfg["agent.id"]),
            role=str(cfg["agent.role"]) or None,
            clock=clock,
        )

    def now(self) -> datetime:
        return self._clock()

    # -- policy --------------------------------------------------------------------------

    def public_keys(self) -> dict[str, PublicKeyInfo]:
        return load_public_keys(self.keys_dir)[0]

    def _signed(self) -> SignedPolicy:
        """The installed policy with a good signature (cached until a file changes)."""
        keys_state: tuple[Any, ...] = ()
        if self.keys_dir.is_dir():
            keys_state = tuple((p.name, _stat(p)) for p in sorted(self.keys_dir.glob("*.pub")))
        key = (_stat(self.policy_path), keys_state)
        with self._lock:
            if key != self._cache_key or self._cached is None:
                try:
                    self._cached = read_signed_policy(self.policy_path, self.public_keys())
                except PekaError as exc:
                    self._cached = exc
                self._cache_key = key
            cached = self._cached
        if isinstance(cached, PekaError):
            raise cached
        return cached

    def _check_version(self, signed: SignedPolicy) -> None:
        """Refuse rollbacks; remember (and audit) a newer version the first time."""
        policy = signed.policy
        if policy.version < self._known_version:
            raise self._rollback(policy.version, self._known_version)
        highest, digest = self.ledger.highest_policy_version()
        if policy.version < highest:
            raise self._rollback(policy.version, highest)
        if policy.version == highest:
            if digest and digest != signed.content_hash:
                raise self._same_version(policy.version)
            self._known_version = highest
            return
        with self.ledger.write() as conn:
            row = self.ledger.meta(conn, "policy_max_version")
            highest = int(row) if row else 0
            digest = self.ledger.meta(conn, "policy_max_hash") or ""
            if policy.version < highest:
                raise self._rollback(policy.version, highest)
            if policy.version == highest and digest != signed.content_hash:
                raise self._same_version(policy.version)
            if policy.version > highest:
                self.ledger.set_meta(conn, "policy_max_version", str(policy.version))
                self.ledger.set_meta(conn, "policy_max_hash", signed.content_hash)
                audit.append(
                    conn,
                    audit.POLICY_ACCEPTED,
                    {
                        "version": policy.version,
                        "previous_version": highest,
                        "policy_hash": signed.content_hash,
                        "signer": signed.signer,
                        "key_id": signed.key_id,
                        "expires": policy.expires_at.isoformat(),
                        "path": str(self.policy_path),
                    },
                    utc_text(self.now()),
                )
        self._known_version = policy.version

    def _rollback(self, version: int, seen: int) -> PekaError:
        return PekaError(
            E.E515,
            f"{self.policy_path}: version {version} is older than version {seen} already seen "
            "on this computer. Ask IT to install the current policy.",
        )

    def _same_version(self, version: int) -> PekaError:
        return PekaError(
            E.E516,
            f"{self.policy_path}: version {version} was seen before with different content. "
            "A changed policy needs a higher version; ask your supervisor to re-sign it.",
        )

    def check_clock(self, now: datetime | None = None) -> None:
        """Refuse (E552) when the clock is behind the latest time the ledger recorded.

        Setting the clock back would otherwise revive an expired policy or approval code
        and open a new daily budget.
        """
        now = now or self.now()
        latest = self.ledger.latest_time()
        if latest is not None and now < latest - CLOCK_TOLERANCE:
            raise PekaError(
                E.E552,
                f"This computer's clock says {now:%Y-%m-%d %H:%M} UTC, earlier than "
                f"{latest:%Y-%m-%d %H:%M} UTC, the latest time the ledger {self.ledger.path} "
                "recorded. Nothing can be granted or approved with the clock set back: set "
                "the date and time right (turn on automatic time), then try again. If the "
                "clock is right, tell IT.",
            )

    def current_policy(self) -> SignedPolicy:
        """The policy in force, or the coded reason there is none (fail closed)."""
        signed = self._signed()
        self.check_clock()
        check_dates(signed.policy, self.now(), str(self.policy_path))
        self._check_version(signed)
        return signed

    def role(self, policy: Policy | None = None) -> str | None:
        if policy is None:
            return self.requested_role
        return policy.role_for(self.agent_id, self.requested_role)

    def status(self) -> PolicyStatus:
        try:
            signed = self.current_policy()
        except PekaError as exc:
            version = expires = signer = kid = None
            name = ""
            if isinstance(self._cached, SignedPolicy):
                version = self._cached.policy.version
                expires = self._cached.policy.expires_at
                signer, kid, name = (
                    self._cached.signer,
                    self._cached.key_id,
                    self._cached.policy.name,
                )
            return PolicyStatus(
                False,
                exc.message,
                exc.code,
                version,
                expires,
                signer,
                kid,
                name,
                self.policy_path,
                self.agent_id,
                self.requested_role,
            )
        policy = signed.policy
        role = self.role(policy)
        return PolicyStatus(
            True,
            f"Policy version {policy.version} signed by {signed.signer}, valid until "
            f"{policy.expires_at.date().isoformat()}; your role: {role}.",
            None,
            policy.version,
            policy.expires_at,
            signed.signer,
            signed.key_id,
            policy.name,
            self.policy_path,
            self.agent_id,
            role,
        )

    def _policy_or_none(self) -> SignedPolicy | None:
        try:
            return self.current_policy()
        except PekaError:
            return None

    # -- usage ---------------------------------------------------------------------------

    def _usage(
        self,
        conn: Any,
        *,
        policy_types: dict[str, CompensationType],
        type_name: str,
        agent_id: str,
        customer_id: str,
        local_day: str,
        now: datetime,
        transaction_id: str | None,
    ) -> Usage:
        since = utc_text(now - timedelta(days=30))
        amount, count = conn.execute(
            "SELECT COALESCE(SUM(amount_minor), 0), COUNT(*) FROM grants "
            "WHERE customer_id = ? AND type = ? AND granted_at >= ?",
            (customer_id, type_name, since),
        ).fetchone()
        (today,) = conn.execute(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM grants "
            "WHERE agent_id = ? AND type = ? AND local_day = ? AND authority = 'policy'",
            (agent_id, type_name, local_day),
        ).fetchone()
        refunded = 0
        if transaction_id is not None:
            (refunded,) = conn.execute(
                "SELECT COALESCE(SUM(amount_minor), 0) FROM grants "
                "WHERE transaction_id = ? AND refund = 1",
                (transaction_id,),
            ).fetchone()
        return Usage(int(amount), int(count), int(today), int(refunded))

    def _types(self, policy: Policy | None) -> dict[str, CompensationType]:
        return policy.types if policy is not None else dict(BUILTIN_TYPES)

    def budget_left(self, type_name: str) -> int | None:
        """Today's budget left for ``type_name`` (None: no daily budget or no policy)."""
        signed = self._policy_or_none()
        if signed is None:
            return None
        policy = signed.policy
        rule = policy.rule_for(self.agent_id, self.role(policy) or "", type_name)
        if rule is None or rule.daily_budget is None:
            return None
        now = self.now()
        with self.ledger.connect() as conn:
            (today,) = conn.execute(
                "SELECT COALESCE(SUM(amount_minor), 0) FROM grants "
                "WHERE agent_id = ? AND type = ? AND local_day = ? AND authority = 'policy'",
                (self.agent_id, type_name, policy.local_day(now)),
            ).fetchone()
        return max(rule.daily_budget - int(today), 0)

    def received_recently(self, customer_id: str, days: int = 30) -> list[Grant]:
        """Everything this ledger granted the customer in the last ``days`` days, oldest first."""
        return self.ledger.grants(customer_id=customer_id, since=self.now() - timedelta(days=days))

    # -- options -------------------------------------------------------------------------

    def options(self, case: CompensationCase, language: str = "id") -> list[CompensationOption]:
        """Ranked options for the case; [] when no valid policy is in force (see status())."""
        signed = self._policy_or_none()
        if signed is None:
            return []
        policy = signed.policy
        agent_id = case.agent_id or self.agent_id
        role = policy.role_for(agent_id, self.requested_role)
        now = self.now()
        facts = facts_from_case(case)
        tx = facts.transaction
        usage: dict[str, Usage] = {}
        with self.ledger.connect() as conn:
            for name in policy.types:
                usage[name] = self._usage(
                    conn,
                    policy_types=policy.types,
                    type_name=name,
                    agent_id=agent_id,
                    customer_id=facts.customer_id,
                    local_day=policy.local_day(now),
                    now=now,
                    transaction_id=tx.id if tx else None,
                )
            (recent,) = conn.execute(
                "SELECT COUNT(*) FROM grants WHERE customer_id = ? AND granted_at >= ?",
                (facts.customer_id, utc_text(now - timedelta(days=30))),
            ).fetchone()
        return rank_options(
            policy=policy,
            agent_id=agent_id,
            role=role,
            case=case,
            usage=usage,
            recent_count=int(recent),
            language=language,
            now=now,
        )

    # -- grants --------------------------------------------------------------------------

    def grant(
        self,
        *,
        customer_id: str,
        type: str,
        amount_minor: int,
        idempotency_key: str,
        reason: str = "",
        transaction: TransactionFacts | None = None,
        tier: str | None = None,
        issue: str | None = None,
        fault: str | None = None,
        stated_facts: tuple[str, ...] = (),
    ) -> Grant:
        """Record a grant within the agent's authority, or raise the coded refusal.

        The same ``idempotency_key`` with the same content returns the first grant (a
        double click grants once); with different content it raises E528.
        ``stated_facts`` names the facts the agent stated rather than the cache gave
        (``transaction_amount``, ``transaction_status``, ``transaction_date``, ``tier``);
        the grant records them.
        """
        facts = GrantFacts(customer_id, tier, issue, fault, transaction)
        return self._grant(facts, type, amount_minor, idempotency_key, reason, stated_facts)

    def grant_option(
        self,
        case: CompensationCase,
        option: CompensationOption,
        *,
        idempotency_key: str,
        reason: str = "",
    ) -> Grant:
        """Grant an option that :meth:`options` offered for ``case``."""
        facts = facts_from_case(case)
        return self._grant(facts, option.type, option.amount_minor, idempotency_key, reason)

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
            raise PekaError(E.E529, "A grant needs an idempotency key (--key).")
        _check_size(amount, facts.transaction)
        try:
            signed: SignedPolicy | None = self.current_policy()
            policy_error: PekaError | None = None
        except PekaError as exc:
            signed, policy_error = None, exc
        policy = signed.policy if signed else None
        now = self.now()
        tx = facts.transaction
        content = _content_hash(
            agent=self.agent_id,
            customer=facts.customer_id,
            type=type_name,
            amount=amount,
            transaction=tx.id if tx else None,
            reason=reason,
        )
        refusal: PekaError | None = None
        with self.ledger.write() as conn:
            existing = self._by_key(conn, key)
            if existing is not None:
                stored_hash = conn.execute(
                    "SELECT content_hash FROM grants WHERE idempotency_key = ?", (key,)
                ).fetchone()[0]
                if stored_hash == content:
                    return existing
                refusal = PekaError(
                    E.E528,
                    f"Key {key!r} was already used for grant {existing.grant_id} "
                    f"({existing.type} "
                    f"{show(existing.amount_minor, existing.unit, existing.currency)} to "
                    f"{existing.customer_id}). Use a new key for a different grant.",
                )
            try:
                if refusal is not None:
                    raise refusal
                if policy is None or policy_error is not None:
                    assert policy_error is not None
                    raise PekaError(
                        policy_error.code,
                        "Nothing is within your authority without a valid policy: "
                        f"{policy_error.message}",
                    )
                self._check_guards(conn)
                highest = self.ledger.meta(conn, "policy_max_version")
                if highest and int(highest) > policy.version:
                    raise self._rollback(policy.version, int(highest))
                ctype = policy.type(type_name)
                if ctype is None:
                    raise PekaError(
                        E.E529,
                        f"Unknown compensation type {type_name!r}; the policy knows "
                        f"{', '.join(sorted(policy.types))}.",
                    )
                role = self.role(policy) or policy.default_role
                rule = policy.rule_for(self.agent_id, role, type_name)
                usage = self._usage(
                    conn,
                    policy_types=policy.types,
                    type_name=type_name,
                    agent_id=self.agent_id,
                    customer_id=facts.customer_id,
                    local_day=policy.local_day(now),
                    now=now,
                    transaction_id=tx.id if tx else None,
                )
                check_grant(
                    rule=rule,
                    ctype=ctype,
                    facts=facts,
                    amount=amount,
                    reason=reason,
                    usage=usage,
                    currency=policy.currency,
                    now=now,
                )
            except PekaError as exc:
                refusal = exc
                audit.append(
                    conn,
                    audit.REFUSAL,
                    {
                        "agent_id": self.agent_id,
                        "customer_id": facts.customer_id,
                        "type": type_name,
                        "amount_minor": amount,
                        "transaction_id": tx.id if tx else None,
                        "idempotency_key": key,
                        "code": exc.code,
                        "message": exc.message,
                        "policy_version": policy.version if policy else None,
                    },
                    utc_text(now),
                )
            else:
                return self._insert_grant(
                    conn,
                    key=key,
                    content=content,
                    facts=facts,
                    ctype=ctype,
                    amount=amount,
                    currency=policy.currency,
                    reason=reason,
                    now=now,
                    local_day=policy.local_day(now),
                    authority="policy",
                    policy_version=policy.version,
                    stated_facts=stated_facts,
                )
        assert refusal is not None
        raise refusal

    def _check_guards(self, conn: Any) -> None:
        """Refuse to write to a ledger whose append-only triggers were dropped (E553)."""
        missing = missing_guards(conn)
        if missing:
            raise PekaError(
                E.E553,
                f"The ledger {self.ledger.path} was tampered with: its append-only guards "
                f"({', '.join(missing)}) were removed or changed, so its grants and budgets "
                "cannot be trusted. Nothing more is granted from it. Keep the file as "
                "evidence, run `peka audit verify`, and tell your supervisor.",
            )

    def _by_key(self, conn: Any, key: str) -> Grant | None:
        row = conn.execute(
            f"SELECT {GRANT_COLUMNS} FROM grants WHERE idempotency_key = ?", (key,)
        ).fetchone()
        return grant_from_row(row) if row else None

    def _insert_grant(
        self,
        conn: Any,
        *,
        key: str,
        content: str,
        facts: GrantFacts,
        ctype: CompensationType,
        amount: int,
        currency: str,
        reason: str,
        now: datetime,
        local_day: str,
        authority: str,
        policy_version: int | None,
        approval_id: str | None = None,
        approved_by: str | None = None,
        stated_facts: tuple[str, ...] = (),
    ) -> Grant:
        tx = facts.transaction
        stated = tuple(sorted(set(stated_facts)))
        grant = Grant(
            grant_id=new_id("G"),
            idempotency_key=key,
            agent_id=self.agent_id,
            customer_id=facts.customer_id,
            type=ctype.name,
            unit=ctype.unit,
            amount_minor=amount,
            currency=currency if ctype.unit == MONEY else "",
            transaction_id=tx.id if tx else None,
            reason=reason,
            granted_at=now,
            authority=authority,
            approval_id=approval_id,
            approved_by=approved_by,
            policy_version=policy_version,
            transaction_amount_minor=tx.amount_minor if tx else None,
            stated_facts=stated,
        )
        entry_payload = grant.to_dict()
        del entry_payload["audit_seq"]
        # Every column that counts against a budget or a limit is in the chained entry.
        entry_payload.update(refund=bool(ctype.refund), local_day=local_day, content_hash=content)
        entry = audit.append(conn, audit.GRANT, entry_payload, utc_text(now))
        conn.execute(
            "INSERT INTO grants (grant_id, idempotency_key, content_hash, agent_id, customer_id, "
            "type, unit, amount_minor, currency, transaction_id, transaction_amount_minor, "
            "refund, reason, granted_at, local_day, authority, approval_id, approved_by, "
            "policy_version, audit_seq, stated_facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                grant.grant_id,
                key,
                content,
                grant.agent_id,
                grant.customer_id,
                grant.type,
                grant.unit,
                amount,
                grant.currency,
                grant.transaction_id,
                grant.transaction_amount_minor,
                1 if ctype.refund else 0,
                reason,
                utc_text(now),
                local_day,
                authority,
                approval_id,
                approved_by,
                policy_version,
                entry.seq,
                stated_text(stated),
            ),
        )
        return Grant(**{**_grant_fields(grant), "audit_seq": entry.seq})

    # -- approvals -----------------------------------------------------------------------

    def checked_request(
        self,
        type: str,
        amount_minor: int,
        transaction: TransactionFacts | None,
        expires_in_hours: float,
    ) -> tuple[CompensationType, str]:
        """What any approval request must be before it is sent (a known type, an amount
        above zero that fits, a sane expiry, a refund no larger than what was paid): the
        type and the policy's currency, or a coded error. Standalone and team mode alike."""
        signed = self._policy_or_none()
        types = self._types(signed.policy if signed else None)
        ctype = types.get(type)
        if ctype is None:
            raise PekaError(
                E.E529, f"Unknown compensation type {type!r}; known: {', '.join(sorted(types))}."
            )
        if amount_minor <= 0:
            raise PekaError(E.E529, f"The amount must be more than zero, not {amount_minor}.")
        _check_size(amount_minor, transaction)
        if not 0 < expires_in_hours <= 24 * 30:
            raise PekaError(E.E529, "--expires-in must be between 0 and 720 hours.")
        currency = signed.policy.currency if signed else "IDR"
        if (
            ctype.refund
            and transaction is not None
            and transaction.amount_minor is not None
            and amount_minor > transaction.amount_minor
        ):
            raise PekaError(
                E.E524,
                f"A refund of {show(amount_minor, ctype.unit, currency)} is more than the "
                f"{show(transaction.amount_minor, ctype.unit, currency)} paid.",
            )
        return ctype, currency

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
        """Record a request for a supervisor; send ``result.text`` to them by any chat."""
        self.check_clock()
        ctype, currency = self.checked_request(type, amount_minor, transaction, expires_in_hours)
        now = self.now().replace(microsecond=0)
        request = ApprovalRequest(
            request_id=new_id("R"),
            agent_id=self.agent_id,
            customer_id=customer_id,
            type=type,
            unit=ctype.unit,
            amount_minor=amount_minor,
            currency=currency if ctype.unit == MONEY else "",
            transaction_id=transaction.id if transaction else None,
            transaction_amount_minor=transaction.amount_minor if transaction else None,
            reason=reason,
            created_at=now,
            expires_at=now + timedelta(hours=expires_in_hours),
            context=dict(context or {}),
        )
        with self.ledger.write() as conn:
            conn.execute(
                "INSERT INTO approval_requests (request_id, agent_id, customer_id, type, unit, "
                "amount_minor, currency, transaction_id, transaction_amount_minor, reason, "
                "created_at, expires_at, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    request.request_id,
                    request.agent_id,
                    request.customer_id,
                    request.type,
                    request.unit,
                    request.amount_minor,
                    request.currency,
                    request.transaction_id,
                    request.transaction_amount_minor,
                    request.reason,
                    utc_text(request.created_at),
                    utc_text(request.expires_at),
                    request.text,
                ),
            )
            audit.append(conn, audit.APPROVAL_REQUESTED, request.payload(), utc_text(self.now()))
        return request

    def accept_approval(self, code: str, *, customer_id: str | None = None) -> Grant:
        """Verify a supervisor's code for one of this ledger's requests and record the grant.

        Raises E541–E547; a code grants once (a replay raises E546 naming the grant).
        """
        now = self.now()
        refusal: PekaError | None = None
        self.check_clock(now)
        try:
            decision, key = verify_decision(code, self.public_keys(), now)
        except PekaError as exc:
            with self.ledger.write() as conn:
                audit.append(
                    conn,
                    audit.APPROVAL_REFUSED,
                    {"code": exc.code, "message": exc.message, "agent_id": self.agent_id},
                    utc_text(now),
                )
            raise
        signed = self._policy_or_none()
        policy = signed.policy if signed else None
        types = self._types(policy)
        with self.ledger.write() as conn:
            self._check_guards(conn)
            row = conn.execute(
                "SELECT agent_id, customer_id, type, unit, amount_minor, currency, "
                "transaction_id, transaction_amount_minor, reason, expires_at "
                "FROM approval_requests WHERE request_id = ?",
                (decision.request_id,),
            ).fetchone()
            used = conn.execute(
                "SELECT grant_id, decision, used_at FROM approvals_used WHERE request_id = ?",
                (decision.request_id,),
            ).fetchone()
            mismatch = None
            if row is None:
                mismatch = (
                    f"request {decision.request_id} was not made from this ledger; accept "
                    "the code in the Peka that made the request"
                )
            else:
                fields = {
                    "agent": (row[0], decision.agent_id),
                    "customer": (row[1], decision.customer_id),
                    "type": (row[2], decision.type),
                    "amount": (row[4], decision.amount_minor),
                    "transaction": (row[6], decision.transaction_id),
                }
                for what, (mine, theirs) in fields.items():
                    if mine != theirs:
                        mismatch = f"the code's {what} ({theirs}) differs from request's ({mine})"
                        break
                if mismatch is None and row[0] != self.agent_id:
                    mismatch = (
                        f"the request was made by {row[0]}, not by you ({self.agent_id}); "
                        "only the agent who asked may use the code"
                    )
                if mismatch is None and customer_id is not None and row[1] != customer_id:
                    mismatch = f"the code is for customer {row[1]}, not {customer_id}"
            if mismatch is not None:
                refusal = PekaError(E.E545, f"This approval code does not fit: {mismatch}.")
            elif used is not None:
                refusal = PekaError(
                    E.E546,
                    f"This approval code was already used on {used[2]}"
                    + (f" for grant {used[0]}" if used[0] else f" ({used[1]})")
                    + "; it grants nothing more.",
                )
            if refusal is not None:
                audit.append(
                    conn,
                    audit.APPROVAL_REFUSED,
                    {
                        "request_id": decision.request_id,
                        "code": refusal.code,
                        "message": refusal.message,
                        "agent_id": self.agent_id,
                    },
                    utc_text(now),
                )
            elif decision.decision != APPROVE:
                conn.execute(
                    "INSERT INTO approvals_used (request_id, decision, approved_by, code_hash, "
                    "used_at) VALUES (?, 'decline', ?, ?, ?)",
                    (decision.request_id, key.name, decision.code_hash, utc_text(now)),
                )
                audit.append(
                    conn,
                    audit.APPROVAL_DECLINED,
                    {
                        "request_id": decision.request_id,
                        "declined_by": key.name,
                        "key_id": key.key_id,
                        "note": decision.note,
                    },
                    utc_text(now),
                )
                note = f": {decision.note}" if decision.note else ""
                refusal = PekaError(
                    E.E547, f"{key.name} declined request {decision.request_id}{note}."
                )
            else:
                assert row is not None
                ctype = types.get(row[2]) or BUILTIN_TYPES.get(row[2])
                if ctype is None:
                    ctype = CompensationType(row[2], row[2], row[2], unit=row[3])
                tx = (
                    TransactionFacts(row[6], row[7], row[5] or "IDR")
                    if row[6] is not None
                    else None
                )
                if ctype.refund and tx is not None and tx.amount_minor is not None:
                    (refunded,) = conn.execute(
                        "SELECT COALESCE(SUM(amount_minor), 0) FROM grants "
                        "WHERE transaction_id = ? AND refund = 1",
                        (tx.id,),
                    ).fetchone()
                    if int(refunded) + int(row[4]) > tx.amount_minor:
                        refusal = PekaError(
                            E.E524,
                            f"Transaction {tx.id} has only "
                            f"{show(tx.amount_minor - int(refunded), ctype.unit, row[5] or 'IDR')}"
                            " left to refund; the approval cannot be used.",
                        )
                if refusal is None:
                    facts = GrantFacts(row[1], transaction=tx)
                    local_day = (
                        policy.local_day(now)
                        if policy
                        else (now + timedelta(minutes=DEFAULT_OFFSET_MINUTES)).date().isoformat()
                    )
                    grant = self._insert_grant(
                        conn,
                        key=f"approval:{decision.request_id}",
                        content=decision.code_hash,
                        facts=facts,
                        ctype=ctype,
                        amount=int(row[4]),
                        currency=row[5] or (policy.currency if policy else "IDR"),
                        reason=row[8],
                        now=now,
                        local_day=local_day,
                        authority="approval",
                        policy_version=policy.version if policy else None,
                        approval_id=decision.request_id,
                        approved_by=key.name,
                    )
                    conn.execute(
                        "INSERT INTO approvals_used (request_id, decision, approved_by, "
                        "code_hash, grant_id, used_at) VALUES (?, 'approve', ?, ?, ?, ?)",
                        (
                            decision.request_id,
                            key.name,
                            decision.code_hash,
                            grant.grant_id,
                            utc_text(now),
                        ),
                    )
                    audit.append(
                        conn,
                        audit.APPROVAL_ACCEPTED,
                        {
                            "request_id": decision.request_id,
                            "grant_id": grant.grant_id,
                            "approved_by": key.name,
                            "key_id": key.key_id,
                            "note": decision.note,
                            "code_hash": decision.code_hash,
                        },
                        utc_text(now),
                    )
                    return grant
                audit.append(
                    conn,
                    audit.APPROVAL_REFUSED,
                    {
                        "request_id": decision.request_id,
                        "code": refusal.code,
                        "message": refusal.message,
                        "agent_id": self.agent_id,
                    },
                    utc_text(now),
                )
        assert refusal is not None
        raise refusal

    # -- audit ---------------------------------------------------------------------------

    def verify_audit(self) -> audit.AuditReport:
        from assist.authority.verify import verify_ledger

        return verify_ledger(self.ledger)


def _check_size(amount: int, transaction: TransactionFacts | None) -> None:
    """E110 for amounts no one grants or pays (they would overflow the ledger's integers)."""
    paid = transaction.amount_minor if transaction else None
    for what, value in (("amount", amount), ("transaction's amount", paid)):
        try:
            check_amount(value or 0, what)
        except AmountTooLarge as exc:
            raise PekaError(E110, f"{str(exc).capitalize()}; nothing was recorded.") from None


def _grant_fields(grant: Grant) -> dict[str, Any]:
    return {name: getattr(grant, name) for name in Grant.__dataclass_fields__}
