"""A company system for the tests: records with a change sequence, served over real HTTP.

The model keeps every entity's current rows and tombstones (deleted or merged customers),
each stamped with the sequence number and time of its last change, the way a helpdesk
database with an ``updated_at`` column does. :class:`ChangeServer` serves it on 127.0.0.1
in the documented REST page format (cursor or ``updated_since``) with real sockets, and
can answer 429 with ``Retry-After`` like a rate-limited API.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BASE = datetime(2026, 12, 1, tzinfo=UTC)
KEYS = {
    "customers": ("id",),
    "preferences": ("customer_id", "key"),
    "transactions": ("id",),
    "interactions": ("id",),
}


class SourceModel:
    def __init__(self, ties: int = 3) -> None:
        # entity -> key -> (seq, record or None for a tombstone, merged_into)
        self.rows: dict[str, dict[Any, tuple[int, dict[str, Any] | None, str | None]]] = {
            e: {} for e in KEYS
        }
        self.seq = 0
        self.ties = ties  # how many changes share one updated_at (ties must not be lost)

    def stamp(self, seq: int) -> str:
        return (BASE + timedelta(seconds=seq // self.ties)).isoformat()

    def _key(self, entity: str, record: dict[str, Any]) -> Any:
        return tuple(record[k] for k in KEYS[entity])

    def put(self, entity: str, record: dict[str, Any]) -> None:
        self.seq += 1
        self.rows[entity][self._key(entity, record)] = (self.seq, dict(record), None)

    def delete(self, entity: str, key: tuple[Any, ...], merged_into: str | None = None) -> None:
        self.seq += 1
        self.rows[entity][key] = (self.seq, None, merged_into)

    def live(self, entity: str) -> dict[Any, dict[str, Any]]:
        return {k: r for k, (_, r, _) in self.rows[entity].items() if r is not None}

    # -- what a company system does ------------------------------------------------------

    def delete_customer(self, customer_id: str) -> None:
        for entity in ("preferences", "transactions", "interactions"):
            for key, record in list(self.live(entity).items()):
                if record["customer_id"] == customer_id:
                    self.delete(entity, key)
        self.delete("customers", (customer_id,))

    def merge_customer(self, old: str, new: str) -> None:
        """``old`` becomes part of ``new``: records move, ``new``'s preferences win."""
        kept = {r["key"] for r in self.live("preferences").values() if r["customer_id"] == new}
        for key, record in list(self.live("preferences").items()):
            if record["customer_id"] == old:
                self.delete("preferences", key)
                if record["key"] not in kept:
                    self.put("preferences", {**record, "customer_id": new})
        for entity in ("transactions", "interactions"):
            for record in list(self.live(entity).values()):
                if record["customer_id"] == old:
                    self.put(entity, {**record, "customer_id": new})
        self.delete("customers", (old,), merged_into=new)

    # -- the change feed -----------------------------------------------------------------

    def feed(self) -> list[tuple[int, str, Any]]:
        items = [
            (seq, entity, key)
            for entity, rows in self.rows.items()
            for key, (seq, _, _) in rows.items()
        ]
        return sorted(items)

    def page(self, after_seq: int, since: str | None, limit: int) -> dict[str, Any]:
        items = [
            i
            for i in self.feed()
            if i[0] > after_seq and (since is None or self.stamp(i[0]) >= since)
        ]
        chosen = items[:limit]
        page: dict[str, Any] = {e: [] for e in KEYS}
        page["deleted"] = []
        for seq, entity, key in chosen:
            _, record, merged = self.rows[entity][key]
            stamp = self.stamp(seq)
            if record is None:
                gone: dict[str, Any] = {"entity": entity, "updated_at": stamp}
                gone.update(zip(KEYS[entity], key, strict=True))
                if merged:
                    gone["merged_into"] = merged
                page["deleted"].append(gone)
            else:
                page[entity].append({**record, "updated_at": stamp})
        page["has_more"] = len(items) > limit
        page["next_cursor"] = str(chosen[-1][0]) if chosen else str(after_seq)
        return page


class ChangeServer:
    """The model over HTTP on 127.0.0.1, with an optional run of 429 answers."""

    def __init__(self, model: SourceModel, token: str = "s3cret") -> None:
        self.model = model
        self.token = token
        self.lock = threading.Lock()
        self.requests: list[dict[str, str]] = []
        self.throttle: list[str | None] = []  # Retry-After values of the next 429 answers
        self.quota: list[dict[str, str]] = []  # rate-limit headers of the next 200 answers
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                query = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(self.path).query))
                with server.lock:
                    server.requests.append(query)
                    throttled = server.throttle.pop(0) if server.throttle else False
                    if self.headers.get("Authorization") != f"Bearer {server.token}":
                        self._send(401, {"error": "unauthorised"})
                        return
                    if throttled is not False:
                        headers = {} if throttled is None else {"Retry-After": throttled}
                        self._send(429, {"error": "slow down"}, headers)
                        return
                    limit = int(query.get("limit", "100"))
                    if "updated_since" in query or "cursor" not in query:
                        since = query.get("updated_since")
                        body = server.model.page(0, since, limit)
                    else:
                        body = server.model.page(int(query["cursor"]), None, limit)
                    quota = server.quota.pop(0) if server.quota else {}
                self._send(200, body, quota)

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/peka/changes"

    @contextmanager
    def running(self) -> Iterator[ChangeServer]:
        thread = threading.Thread(target=self.httpd.serve_forever, args=(0.01,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.httpd.shutdown()
            self.httpd.server_close()
            thread.join()
