"""Running a source: its batches into the cache, its status and cursor kept in the cache.

Only one sync of a cache runs at a time (the sidebar's schedule and `peka sync run` may
meet): a run holds an exclusive lock on a small SQLite file beside the cache, which the
operating system releases if Peka dies, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import gc
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from assist import sqlite_files
from assist.cache.dates import from_stored, to_stored
from assist.cache.schema import drop_for_bulk_load, restore_after_bulk_load
from assist.cache.store import Cache, utc_now
from assist.errors import PekaError
from assist.sync.apply import (
    BatchRefused,
    Prepared,
    apply_batch,
    combine,
    missing_customers,
    prepare,
)
from assist.sync.errors import E257
from assist.sync.model import Batch, Connector

log = logging.getLogger(__name__)

_LOCK_FILE = sqlite_files.StoreKind(
    what="sync lock",
    cannot_open=E257,
    newer=E257,
    advice="Delete the .sync-lock file beside the cache; it holds no data.",
    durable=False,
)


@dataclass(frozen=True, slots=True)
class SourceStatus:
    name: str
    kind: str
    cursor: str | None
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None
    last_error_code: str | None
    last_rows: int
    total_rows: int
    quarantined: int

    @property
    def ok(self) -> bool:
        return self.last_error is None

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "cursor": self.cursor,
            "last_success_at": to_stored(self.last_success_at) if self.last_success_at else None,
            "last_attempt_at": to_stored(self.last_attempt_at) if self.last_attempt_at else None,
            "ok": self.ok,
            "last_error": self.last_error,
            "last_error_code": self.last_error_code,
            "last_rows": self.last_rows,
            "total_rows": self.total_rows,
            "quarantined": self.quarantined,
        }


@dataclass
class RunResult:
    source: str
    batches: int = 0
    rows: int = 0
    upserted: int = 0
    unchanged: int = 0
    deleted: int = 0
    merged: int = 0
    quarantined: int = 0
    seconds: float = 0.0
    error: str | None = None
    error_code: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "ok": self.ok,
            "batches": self.batches,
            "rows": self.rows,
            "upserted": self.upserted,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "merged": self.merged,
            "quarantined": self.quarantined,
            "seconds": round(self.seconds, 3),
            "error": self.error,
            "error_code": self.error_code,
        }


@contextmanager
def sync_lock(cache_path: Path) -> Iterator[None]:
    """Hold the cache's sync lock, or raise E257 at once if another sync holds it."""
    path = Path(f"{cache_path}.sync-lock")
    conn = sqlite_files.connect(path, _LOCK_FILE, busy_timeout_ms=0)
    try:
        try:
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            raise PekaError(
                E257,
                f"Another sync of {cache_path} is running (the sidebar's schedule or "
                "`peka sync run`). Wait for it to finish; `peka sync status` shows its result.",
            ) from exc
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
    finally:
        conn.close()


def _ensure_source(cache: Cache, name: str, kind: str) -> None:
    with cache.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_sources (name, kind) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET kind = excluded.kind",
            (name, kind),
        )


def _empty(cache: Cache) -> bool:
    with cache.reading() as conn:
        return conn.execute("SELECT 1 FROM customers LIMIT 1").fetchone() is None


def stored_cursor(cache: Cache, name: str) -> str | None:
    with cache.reading() as conn:
        row = conn.execute("SELECT cursor FROM sync_sources WHERE name = ?", (name,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


_DONE = object()


def _read_ahead(name: str, batches: Iterator[Batch]) -> Iterator[tuple[Batch, Prepared]]:
    """Read and check the next batch on a helper thread while this one is written: the
    source's network wait and SQLite's writing (both outside the GIL) overlap the checks.
    At most one batch waits, so memory stays at two batches."""
    handoff: queue.Queue[Any] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        try:
            for batch in batches:
                item = (batch, prepare(name, batch.changes, to_stored(utc_now())))
                while not stop.is_set():
                    try:
                        handoff.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            handoff.put(_DONE)
        except BaseException as exc:  # handed to the consuming thread, raised there
            handoff.put(exc)
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()

    worker = threading.Thread(target=produce, name=f"peka-sync-{name}", daemon=True)
    worker.start()
    try:
        while True:
            item = handoff.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():
            with suppress(queue.Empty):
                handoff.get(timeout=0.1)
        worker.join()


def _apply(
    cache: Cache,
    name: str,
    batch: Batch,
    prepared: Prepared,
    quarantine: bool,
    joined: int,
    result: RunResult,
) -> None:
    applied = apply_batch(cache, name, batch, quarantine=quarantine, prepared=prepared)
    result.batches += joined
    result.rows += applied.rows
    result.upserted += applied.upserted
    result.unchanged += applied.unchanged
    result.deleted += applied.deleted
    result.merged += applied.merged
    result.quarantined += len(applied.quarantined)


def sync_source(
    cache: Cache,
    connector: Connector,
    *,
    batch_size: int = 5000,
    quarantine: bool = False,
    progress: Callable[[RunResult], None] | None = None,
) -> RunResult:
    """Apply every batch ``connector`` has after the stored cursor; never raises for a
    source's problem: the result (and ``peka sync status``) carries the coded error.
    ``progress`` sees the running totals after each batch."""
    name = connector.name
    result = RunResult(name)
    started = time.perf_counter()
    _ensure_source(cache, name, connector.kind)
    with cache.transaction() as conn:
        conn.execute(
            "UPDATE sync_sources SET last_attempt_at = ?, last_rows = 0 WHERE name = ?",
            (to_stored(utc_now()), name),
        )
    cursor = stored_cursor(cache, name)
    bulk = cursor is None and _empty(cache)
    with cache.transaction() as conn:
        if bulk:
            # Filling an empty cache: indexes and the search index are built once at the end.
            drop_for_bulk_load(conn)
        else:
            restore_after_bulk_load(conn)  # in case an earlier fill was interrupted
    # Millions of small tuples with no cycles: the cyclic collector would only slow the run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        held: tuple[Batch, Prepared, int] | None = None
        for batch, prepared in _read_ahead(name, connector.batches(cursor, batch_size)):
            joined = 1
            if held is not None:
                # The held batches and this one go in as one, with this one's cursor.
                earlier, earlier_prepared, joined = held
                prepared = combine(earlier_prepared, prepared)
                batch = Batch([], batch.cursor, batch.label, [*earlier.files, *batch.files])
                joined += 1
                held = None
            refused = prepared.problems and not quarantine
            if not refused and missing_customers(cache, prepared):
                # A feed ordered by last change sends a customer changed after their
                # records in a later batch: hold this batch (nothing written, the cursor
                # stays) until they arrive; at the end of the run the rows still missing
                # their customer are refused (or quarantined) as bad rows.
                held = (batch, prepared, joined)
                continue
            _apply(cache, name, batch, prepared, quarantine, joined, result)
            if progress is not None:
                result.seconds = time.perf_counter() - started
                progress(result)
        if held is not None:
            _apply(cache, name, *held[:2], quarantine, held[2], result)
    except PekaError as exc:
        result.error, result.error_code = str(exc), exc.code
        if isinstance(exc, BatchRefused):
            log.error("sync %s: batch refused: %s", name, exc)
        else:
            log.error("sync %s failed: %s", name, exc)
    finally:
        if collecting:
            gc.enable()
        if bulk:
            with cache.transaction() as conn:
                restore_after_bulk_load(conn)
    result.seconds = time.perf_counter() - started
    with cache.transaction() as conn:
        if result.ok:
            conn.execute(
                "UPDATE sync_sources SET last_success_at = ?, last_error = NULL,"
                " last_error_code = NULL WHERE name = ?",
                (to_stored(utc_now()), name),
            )
        else:
            conn.execute(
                "UPDATE sync_sources SET last_error = ?, last_error_code = ? WHERE name = ?",
                (result.error, result.error_code, name),
            )
    if result.ok:
        log.info(
            "sync %s: %d rows in %d batches (%.2f s)",
            name,
            result.rows,
            result.batches,
            result.seconds,
        )
    return result


def statuses(cache: Cache) -> list[SourceStatus]:
    """Every source the cache has synced from, with its cursor and last outcome."""
    with cache.reading() as conn:
        counts = dict(
            conn.execute("SELECT source, count(*) FROM sync_quarantine GROUP BY source").fetchall()
        )
        rows = list(cache.db.table("sync_sources").rows_where(order_by="name"))
    return [
        SourceStatus(
            name=row["name"],
            kind=row["kind"],
            cursor=row["cursor"],
            last_success_at=from_stored(row["last_success_at"]),
            last_attempt_at=from_stored(row["last_attempt_at"]),
            last_error=row["last_error"],
            last_error_code=row["last_error_code"],
            last_rows=row["last_rows"],
            total_rows=row["total_rows"],
            quarantined=int(counts.get(row["name"], 0)),
        )
        for row in rows
    ]


def quarantined(cache: Cache, source: str, limit: int = 100) -> list[dict[str, object]]:
    with cache.reading():
        return list(
            cache.db.table("sync_quarantine").rows_where(
                "source = ?", [source], order_by="seq", limit=limit
            )
        )


def reset_source(cache: Cache, name: str) -> bool:
    """Forget a source's cursor, taken files, quarantine and status: the next run reads
    everything again (the same data twice changes nothing). Returns whether it was known."""
    with cache.transaction() as conn:
        known = conn.execute("DELETE FROM sync_sources WHERE name = ?", (name,)).rowcount > 0
        conn.execute("DELETE FROM sync_files WHERE source = ?", (name,))
        conn.execute("DELETE FROM sync_quarantine WHERE source = ?", (name,))
    return known
