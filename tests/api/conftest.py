"""A real core with the trained language engine behind a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
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
    from assist.api.demo import demo_api

    folder: Path = tmp_path_factory.mktemp("api")
    with demo_api(
        folder,
        customers=60,
        seed=5,
        agent_id="agent.api",
        token=TOKEN,
        allowed_origins=(HELPDESK_ORIGIN,),
    ) as api:
        port = api.server.port
        yield Served(Client(port), port, api.core, api.customers[0])
