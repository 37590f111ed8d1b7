"""A signed test policy, a supervisor key kept in memory, a fixed clock and a ledger."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assist.authority.keys import SigningKey
from assist.authority.policy import Policy
from assist.authority.policy_file import load_policy_text
from assist.authority.service import AuthorityService
from assist.authority.signing import sign_policy
from assist.cache.models import Customer, CustomerRecord, Transaction
from assist.nlp.models import Entity, MessageAnalysis

# 10:00 in Jakarta: far from the local midnight that daily budgets reset at.
NOW = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)

TEST_POLICY = """\
format = 1
version = 1
name = "test policy"
currency = "IDR"
utc_offset = "+07:00"
expires = 2026-12-31

[roles.agent.rules.voucher]
max_amount = "Rp 50.000"
max_per_customer_30d = "Rp 80.000"
max_grants_per_customer_30d = 3
daily_budget = "Rp 200.000"

[roles.agent.rules.partial_refund]
max_amount = "Rp 100.000"
max_percent = 50
daily_budget = "Rp 500.000"
needs_reason = true
faults = ["company", "unknown"]
max_transaction_age_days = 30

[roles.agent.rules.cashback]
max_amount = "Rp 20.000"
needs_reason_above = "Rp 10.000"
tiers = ["gold", "platinum"]

[roles.agent.rules.service_credit_days]
max_amount = 3
daily_budget = 10
issues = ["service_outage"]

[roles.senior_agent.rules.full_refund]
max_amount = "Rp 500.000"
daily_budget = "Rp 1.000.000"

[roles.senior_agent.rules.voucher]
max_amount = "Rp 100.000"

[agents.siti]
role = "senior_agent"
"""


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def new_key(name: str = "sup.ani") -> SigningKey:
    return SigningKey(name, Ed25519PrivateKey.generate())


@dataclass
class Env:
    tmp: Path
    key: SigningKey
    keys_dir: Path
    policy_path: Path
    ledger_path: Path
    clock: Clock

    def policy(self, text: str = TEST_POLICY, **changes: Any) -> Policy:
        return replace(load_policy_text(text, "test.toml"), **changes)

    def write_policy(
        self, text: str = TEST_POLICY, *, key: SigningKey | None = None, **changes: Any
    ) -> Policy:
        policy = self.policy(text, **changes)
        self.policy_path.write_text(sign_policy(policy, key or self.key, self.clock()))
        return policy

    def install_key(self, key: SigningKey) -> Path:
        path = self.keys_dir / f"{key.name}.pub"
        path.write_text(key.public.file_text())
        return path

    def service(self, agent: str = "budi", role: str | None = None) -> AuthorityService:
        return AuthorityService.open(
            ledger_path=self.ledger_path,
            policy_path=self.policy_path,
            keys_dir=self.keys_dir,
            agent_id=agent,
            role=role,
            clock=self.clock,
        )


@pytest.fixture
def env(tmp_path: Path) -> Env:
    keys_dir = tmp_path / "keys"
    keys_dir.mkdir()
    e = Env(
        tmp=tmp_path,
        key=new_key(),
        keys_dir=keys_dir,
        policy_path=tmp_path / "policy.signed.json",
        ledger_path=tmp_path / "data" / "ledger.sqlite",
        clock=Clock(NOW),
    )
    e.install_key(e.key)
    return e


@pytest.fixture
def signed_env(env: Env) -> Env:
    env.write_policy()
    return env


def transaction(
    tx_id: str = "T1",
    amount: int = 40_000_000,
    status: str = "delayed",
    age_days: float = 5,
    customer: str = "C1",
) -> Transaction:
    created = NOW - timedelta(days=age_days)
    return Transaction(
        tx_id,
        customer,
        created,
        "order",
        "Sepatu lari",
        f"INV-{tx_id}",
        amount,
        "IDR",
        status,
        created + timedelta(days=1),
        "app",
    )


def record(
    customer: str = "C1", tier: str = "gold", txs: list[Transaction] | None = None
) -> CustomerRecord:
    person = Customer(customer, "Rina Wijaya", "Ibu", None, None, "id", tier, None)
    return CustomerRecord(
        person, {}, txs if txs is not None else [transaction(customer=customer)], []
    )


def analysis(
    issue: str = "delivery_delay",
    fault: str = "company",
    intensity: float = 0.8,
    waiting_days: float | None = 5,
) -> MessageAnalysis:
    entities = (
        [Entity(0, 6, "duration", "5 hari", {"days": waiting_days, "iso": "P5D"})]
        if waiting_days is not None
        else []
    )
    return MessageAnalysis(
        "Pesanan saya belum sampai juga!!",
        "id",
        "angry",
        {},
        intensity,
        "negative",
        {},
        issue,
        {},
        fault,
        "",
        [],
        entities,
    )


Factory = Callable[..., Any]
