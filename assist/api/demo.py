"""A local API on a throwaway demo: cache, policy, a real core with the language engine,
served on 127.0.0.1 (``peka bench integration`` and the API tests start the same one)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from assist.api.server import ApiServer
from assist.app.core import AgentCore
from assist.cache.models import CustomerRecord


@dataclass
class DemoApi:
    server: ApiServer
    core: AgentCore
    # Demo customers with a phone, an e-mail and transactions (to post contexts for).
    customers: list[CustomerRecord]
    ready_ms: float  # the core's start, language engine included


@contextmanager
def demo_api(
    folder: Path,
    *,
    customers: int,
    seed: int,
    agent_id: str,
    token: str,
    allowed_origins: tuple[str, ...] = (),
) -> Iterator[DemoApi]:
    """The API serving in a thread for as long as the ``with`` block runs."""
    from assist.app.settings import AppSettings
    from assist.authority.demo import install_demo_policy
    from assist.cache import Cache
    from assist.cache.demo import generate_demo_cache
    from assist.config import load

    cache_path = folder / "cache.sqlite"
    generate_demo_cache(cache_path, customers=customers, seed=seed)
    policy = install_demo_policy(folder / "policy")
    settings = replace(
        AppSettings.from_config(load()),
        cache_path=cache_path,
        ledger_path=folder / "ledger.sqlite",
        outcomes_path=folder / "outcomes.sqlite",
        phrases_path=folder / "phrases.sqlite",
        policy_path=policy.policy_path,
        keys_dir=policy.keys_dir,
        agent_id=agent_id,
        agent_name="Dewi",
    )
    with Cache.open(cache_path, readonly=True) as cache:
        found = [cache.open_customer(h.customer_id) for h in cache.search("a", limit=60)]
    records = [
        r
        for r in found
        if r is not None and r.customer.phone and r.customer.email and r.transactions
    ]
    core = AgentCore(settings)
    started = time.perf_counter()
    core.start_headless()
    ready_ms = (time.perf_counter() - started) * 1000
    server = ApiServer(core, port=0, token=lambda: token, allowed_origins=allowed_origins)
    server.start()  # the socket listens already: requests wait for the thread, not fail
    try:
        yield DemoApi(server, core, records, ready_ms)
    finally:
        server.stop()
        core.close()
