"""``peka bench integration``: the local API's latency, through real HTTP on 127.0.0.1.

A throwaway demo cache and demo policy, a real :class:`AgentCore` with the trained
language engine, the real ASGI app on uvicorn, and one keep-alive client connection (as
the browser extension's service worker keeps one). Measures

* ``context_to_suggestions_p95_ms`` – a new customer message posted to ``/v1/context``
  until the response with the new analysis and suggestions is read;
* ``draft_to_suggestions_p95_ms`` – a changed draft posted to ``/v1/draft`` until the
  updated suggestions are read.
"""

from __future__ import annotations

import http.client
import json
import secrets
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

MESSAGES = (
    "Pesanan saya {ref} sudah 6 hari belum sampai juga!!! Kecewa banget.",
    "Kak, paket {ref} kok statusnya belum bergerak dari kemarin ya? Saya butuh cepat.",
    "Barang {ref} yang datang rusak, dus penyok dan isinya pecah. Gimana ini?",
    "Halo, saya mau tanya refund untuk {ref}, sudah seminggu belum masuk.",
    "Terima kasih ya kak, {ref} sudah sampai tapi kurang satu item.",
)
DRAFT = (
    "Halo {salutation} {name}, saya paham {salutation} kecewa karena pesanan belum sampai. "
    "Saya sudah cek pesanannya dan akan menghubungi kurir hari ini, lalu mengabari "
    "{salutation} paling lambat pukul 15.00 ya."
)


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 2)


def _summary(name: str, values: list[float]) -> dict[str, float]:
    return {
        f"{name}_p50_ms": round(statistics.median(values), 2),
        f"{name}_p95_ms": _p(values, 0.95),
        f"{name}_max_ms": round(max(values), 2),
    }


class _Client:
    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Origin": "chrome-extension://peka-bench",
        }

    def post(self, path: str, body: dict[str, Any]) -> tuple[float, dict[str, Any]]:
        started = time.perf_counter()
        self.conn.request("POST", path, json.dumps(body), self.headers)
        response = self.conn.getresponse()
        data = json.loads(response.read())
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status} {data}")
        return elapsed, data


def run(rounds: int = 40) -> dict[str, Any]:
    from assist.api.demo import demo_api

    with (
        tempfile.TemporaryDirectory(prefix="peka-bench-api-") as tmp,
        demo_api(
            Path(tmp),
            customers=300,
            seed=11,
            agent_id="bench.agent",
            token=(token := secrets.token_urlsafe(32)),
        ) as api,
    ):
        records = api.customers[:10]
        client = _Client(api.server.port, token)
        _wait_until_up(client)
        context_ms: list[float] = []
        draft_ms: list[float] = []
        for n in range(rounds + 3):
            record = records[n % len(records)]
            ref = record.transactions[0].reference or "INV/2025/001"
            body = {
                "helpdesk": "bench",
                "conversation_id": f"c{n % len(records)}",
                "contact": {"phone": record.customer.phone or ""},
                "message": MESSAGES[n % len(MESSAGES)].format(ref=ref) + f" ({n})",
                "channel": "chat",
            }
            elapsed, data = client.post("/v1/context", body)
            if not data["suggestions"] or data["analysis"] is None:
                raise RuntimeError("the context brought no analysis or suggestions")
            draft = DRAFT.format(
                salutation=record.customer.salutation or "Kak",
                name=record.customer.first_name,
            )
            step = max(1, len(draft) // 8)
            for cut in range(step, len(draft) + 1, step):
                d_elapsed, _ = client.post(
                    "/v1/draft",
                    {
                        "text": draft[:cut],
                        "helpdesk": "bench",
                        "conversation_id": body["conversation_id"],
                    },
                )
                if n >= 3:  # the first rounds warm caches up
                    draft_ms.append(d_elapsed)
            if n >= 3:
                context_ms.append(elapsed)
        ready_ms = api.ready_ms
    return {
        "rounds": rounds,
        "ready_ms": round(ready_ms, 1),
        **_summary("context_to_suggestions", context_ms),
        **_summary("draft_to_suggestions", draft_ms),
        "draft_requests": len(draft_ms),
        "targets": {"context_to_suggestions_p95_ms": 100, "draft_to_suggestions_p95_ms": 30},
    }


def _wait_until_up(client: _Client, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.conn.request("GET", "/openapi.json")
            client.conn.getresponse().read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            client.conn.close()
            time.sleep(0.05)
