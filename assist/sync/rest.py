"""The REST source: JSON pages of changes, by an opaque cursor or by ``updated_since``.

Peka asks ``GET URL?cursor=C&limit=N`` (``mode = "cursor"``) or
``GET URL?updated_since=T&limit=N`` (``mode = "updated_since"``) and expects::

    {"customers": [{...import-format fields..., "updated_at": "..."}],
     "preferences": [...], "transactions": [...], "interactions": [...],
     "deleted": [{"entity": "customers", "id": "C1", "merged_into": "C2"}, ...],
     "next_cursor": "opaque", "has_more": true}

In ``updated_since`` mode the server returns records with ``updated_at`` at or after T in
time order; Peka asks again from the last ``updated_at`` it saw, so records sharing that
time are read twice (which changes nothing) and never lost. A 429 or 503 answer is retried
after its ``Retry-After`` (seconds or an HTTP date), or after a growing pause without one;
``X-RateLimit-Remaining: 0`` with ``X-RateLimit-Reset`` pauses before the next page.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from assist import __version__
from assist.errors import PekaError
from assist.sync.errors import E252, E254, E256
from assist.sync.model import ENTITIES, Batch, Change
from assist.sync.sources import Context, Kind, SourceSpec, register_kind

MODES = ("cursor", "updated_since")
RETRY_STATUSES = (429, 503)


class RestSource:
    kind = "rest"

    def __init__(
        self,
        name: str,
        url: str,
        *,
        mode: str = "cursor",
        token: str | None = None,
        auth_header: str = "Authorization",
        auth_scheme: str = "Bearer",
        max_wait_seconds: int = 300,
        timeout: int = 30,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.name = name
        self.url = url
        self.mode = mode
        self.token = token
        self.auth_header = auth_header
        self.auth_scheme = auth_scheme
        self.max_wait_seconds = max_wait_seconds
        self.timeout = timeout
        self.sleep = sleep
        self.waited = 0.0  # seconds spent honouring rate limits in this run

    # -- HTTP ----------------------------------------------------------------------------

    def _request(self, params: dict[str, str]) -> dict[str, Any]:
        url = self.url + ("&" if "?" in self.url else "?") + urllib.parse.urlencode(params)
        headers = {"Accept": "application/json", "User-Agent": f"Peka/{__version__}"}
        if self.token:
            value = f"{self.auth_scheme} {self.token}" if self.auth_scheme else self.token
            headers[self.auth_header] = value
        attempt = 0
        while True:
            request = urllib.request.Request(url, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
                    self._respect_quota(response.headers)
                    break
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES:
                    raise PekaError(
                        E252,
                        f"Source '{self.name}': {self.url} answered HTTP {exc.code} "
                        f"{exc.reason}. Check `url` and the token stored with "
                        f"`peka sync secret {self.name}`.",
                    ) from exc
                attempt += 1
                self._wait(_retry_after(exc.headers.get("Retry-After"), attempt), exc.code)
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise PekaError(
                    E252,
                    f"Source '{self.name}': cannot reach {self.url} ({reason}). Check the "
                    "address and the network; the next run tries again.",
                ) from exc
        try:
            page = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise PekaError(
                E254, f"Source '{self.name}': {self.url} did not answer with JSON ({exc})."
            ) from exc
        if not isinstance(page, dict):
            raise PekaError(E254, f"Source '{self.name}': a page must be a JSON object.")
        return page

    def _wait(self, seconds: float, status: int) -> None:
        if self.waited + seconds > self.max_wait_seconds:
            raise PekaError(
                E256,
                f"Source '{self.name}': {self.url} kept answering HTTP {status} (rate limit); "
                f"Peka waited {self.waited:.0f} s of at most {self.max_wait_seconds} s and "
                "stops this run. The next scheduled run continues from the same place.",
            )
        self.waited += seconds
        self.sleep(seconds)

    def _respect_quota(self, headers: Any) -> None:
        if headers.get("X-RateLimit-Remaining") != "0":
            return
        reset = headers.get("X-RateLimit-Reset")
        if reset is not None:
            self._wait(_reset_in(reset), 429)

    # -- pages ---------------------------------------------------------------------------

    def batches(self, cursor: str | None, batch_size: int) -> Iterator[Batch]:
        self.waited = 0.0
        limit = batch_size
        page_number = 0
        while True:
            page_number += 1
            params = {"limit": str(limit)}
            if cursor:
                params["cursor" if self.mode == "cursor" else "updated_since"] = cursor
            page = self._request(params)
            changes, newest, count = self._changes(page, page_number)
            if self.mode == "cursor":
                next_cursor = page.get("next_cursor")
                more = bool(page.get("has_more"))
                if more and not isinstance(next_cursor, str):
                    raise PekaError(
                        E254,
                        f"Source '{self.name}': page {page_number} has_more without next_cursor.",
                    )
                new_cursor = next_cursor if isinstance(next_cursor, str) else cursor
            else:
                more = count >= limit
                new_cursor = newest or cursor
                if more and new_cursor == cursor:
                    # A whole page shares the cursor's time: ask for a bigger page to get past.
                    limit *= 2
                    continue
                limit = batch_size
            yield Batch(changes, new_cursor, label=f"page {page_number}")
            cursor = new_cursor
            if not more:
                return

    def _changes(self, page: dict[str, Any], number: int) -> tuple[list[Change], str | None, int]:
        changes: list[Change] = []
        newest: str | None = None
        count = 0
        for entity in ENTITIES:
            items = page.get(entity, [])
            if not isinstance(items, list):
                raise PekaError(
                    E254, f"Source '{self.name}': page {number}: {entity} must be a list."
                )
            for index, item in enumerate(items, start=1):
                record = self._record(item, number, entity, index)
                stamp = record.pop("updated_at", None)
                newest = _later(newest, stamp)
                count += 1
                changes.append(Change(entity, record, f"page {number}, item {index}"))
        deleted = page.get("deleted", [])
        if not isinstance(deleted, list):
            raise PekaError(E254, f"Source '{self.name}': page {number}: deleted must be a list.")
        for index, item in enumerate(deleted, start=1):
            record = self._record(item, number, "deleted", index)
            newest = _later(newest, record.pop("updated_at", None))
            count += 1
            entity = str(record.pop("entity", ""))
            merged = record.pop("merged_into", None)
            where = f"page {number}, deleted item {index}"
            if merged:
                changes.append(Change(entity, record, where, op="merge", merged_into=str(merged)))
            else:
                changes.append(Change(entity, record, where, op="delete"))
        return changes, newest, count

    def _record(self, item: Any, number: int, entity: str, index: int) -> dict[str, Any]:
        if not isinstance(item, dict):
            raise PekaError(
                E254,
                f"Source '{self.name}': page {number}, {entity} item {index} is not an object.",
            )
        return {str(k).lower(): v for k, v in item.items()}


def _later(current: str | None, stamp: Any) -> str | None:
    if not isinstance(stamp, str) or not stamp:
        return current
    if current is None:
        return stamp
    return max(current, stamp, key=_instant)


def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _retry_after(value: str | None, attempt: int) -> float:
    """Seconds to wait: the server's Retry-After (seconds or HTTP date), else 1, 2, 4 … 60."""
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return max(0.0, (when - datetime.now(UTC)).total_seconds())
    return float(min(60, 2 ** (attempt - 1)))


def _reset_in(value: str) -> float:
    """X-RateLimit-Reset is either seconds to wait or a Unix time."""
    try:
        number = float(value)
    except ValueError:
        return 1.0
    if number > 10**9:
        return max(0.0, number - time.time())
    return max(0.0, number)


def _factory(spec: SourceSpec, context: Context) -> RestSource:
    url = spec.text("url")
    if not url.startswith(("https://", "http://")):
        raise spec.fail("url", "must start with https:// (or http:// on a trusted network)")
    mode = spec.options.get("mode", "cursor")
    if mode not in MODES:
        raise spec.fail("mode", "must be 'cursor' or 'updated_since'")
    return RestSource(
        spec.name,
        url,
        mode=mode,
        token=context.secret(spec.name),
        auth_header=spec.text("auth_header", "Authorization"),
        auth_scheme=str(spec.options.get("auth_scheme", "Bearer")),
        max_wait_seconds=spec.number("max_wait_seconds", 300, 0, 86_400),
        timeout=spec.number("timeout", 30, 1, 600),
    )


register_kind(
    Kind(
        "rest",
        ("url", "mode", "auth_header", "auth_scheme", "max_wait_seconds", "timeout"),
        _factory,
        "JSON pages of changes by cursor or updated_since, honouring rate limits.",
    )
)
