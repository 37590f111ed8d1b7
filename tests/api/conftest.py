"""A real core with the trained language engine behind a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

TOKEN = "test-token-" + "x" * 32
HELPDESK_ORIGIN = "https://helpdesk.example.com"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: Any


class Client:
    def __init__(self, port: int) -> None:
        self.port = port

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = TOKEN,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Content-Type": "application/json"}
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        sent.update(headers or {})
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        conn.request(method, path, data, sent)
        response = conn.getresponse()
        payload = response.read()
        conn.close()
        parsed: Any = payload.decode("utf-8", "replace")
        if response.getheader("content-type", "").startswith("application/json"):
            parsed = json.loads(payload)
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, parsed)


@dataclass
class Served:
    client: Client
    port: int
    core: Any
    customer: Any  # a CustomerRecord with a phone and transactions


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    from assist.api.server import ApiServer
    from assist.app.core import AgentCore
    from assist.app.settings import AppSettings
    from assist.authority.demo import install_demo_policy
    from assist.cache import Cache
    from assist.cache.demo import generate_demo_cache
    from assist.config import load

    folder: Path = tmp_path_factory.mktemp("api")
    cache_path = folder / "cache.sqlite"
    generate_demo_cache(cache_path, customers=60, seed=5)
    policy = install_demo_policy(folder / "policy")
    settings = replace(
        AppSettings.from_config(load()),
        cache_path=cache_path,
        ledger_path=folder / "ledger.sqlite",
        outcomes_path=folder / "outcomes.sqlite",
        phrases_path=folder / "phrases.sqlite",
        policy_path=policy.policy_path,
        keys_dir=policy.keys_dir,
        agent_id="agent.api",
        agent_name="Dewi",
    )
    with Cache.open(cache_path, readonly=True) as cache:
        hits = [h for h in cache.search("a", limit=60) if h.phone and h.email]
        records = [cache.open_customer(h.customer_id) for h in hits]
    customer = next(r for r in records if r is not None and r.transactions)
    core = AgentCore(settings)
    core.start_headless()
    server = ApiServer(core, port=0, token=lambda: TOKEN, allowed_origins=(HELPDESK_ORIGIN,))
    server.start()
    # The socket listens before the thread starts: no waiting for the server to come up.
    client = Client(server.port)
    yield Served(client, server.port, core, customer)
    server.stop()
    core.close()
