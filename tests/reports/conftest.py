"""A real authority ledger with grants on several days by several agents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assist.authority.demo import install_demo_policy
from assist.authority.service import AuthorityService

# 09:00 in Jakarta on a Monday; some grants fall late in the evening, across UTC midnight.
START = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
# (hours after START, type, amount): 16 h after 09:00 WIB is 01:00 the next local day.
DAILY_GRANTS = (
    (1, "voucher", 2_000_000),
    (6, "cashback", 1_000_000),
    (15, "voucher", 3_500_000),
    (16, "cashback", 500_000),
)


@dataclass
class LedgerWorld:
    ledger: Path
    policy: Path
    keys: Path
    services: dict[str, AuthorityService]
    clock: list[datetime]

    def service(self, agent: str) -> AuthorityService:
        if agent not in self.services:
            self.services[agent] = AuthorityService.open(
                ledger_path=self.ledger,
                policy_path=self.policy,
                keys_dir=self.keys,
                agent_id=agent,
                clock=lambda: self.clock[0],
            )
        return self.services[agent]


@pytest.fixture
def ledger_world(tmp_path: Path) -> LedgerWorld:
    installed = install_demo_policy(tmp_path / "machine", now=START - timedelta(days=1))
    world = LedgerWorld(
        tmp_path / "ledger.sqlite", installed.policy_path, installed.keys_dir, {}, [START]
    )
    grant: Callable[..., object]
    n = 0
    # Three days, three agents, vouchers and cashback; hours chosen so that some grants
    # are on a different UTC day than their Jakarta day. Time only moves forward (Peka
    # refuses a clock behind the ledger's latest entry).
    for day in range(3):
        for hour, kind, amount in DAILY_GRANTS:
            for agent in ("rina", "budi", "sari"):
                if agent == "sari" and kind == "cashback":
                    continue
                n += 1
                world.clock[0] = START + timedelta(days=day, hours=hour)
                grant = world.service(agent).grant
                grant(
                    customer_id=f"C-{n:03d}",
                    type=kind,
                    amount_minor=amount,
                    idempotency_key=f"k-{n}",
                    fault="company",
                    issue="delivery_delay",
                )
    world.clock[0] = START + timedelta(days=2, hours=17)
    world.service("budi").request_approval(
        customer_id="C-900", type="full_refund", amount_minor=50_000_000, reason="broken twice"
    )
    world.clock[0] = START + timedelta(days=3)
    return world
