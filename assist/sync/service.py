"""Syncing the configured sources into a cache file: what `peka sync run` and the sidebar's
schedule both call."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assist.cache.dates import to_stored
from assist.cache.store import Cache, utc_now
from assist.errors import PekaError
from assist.sync.runner import RunResult, SourceStatus, statuses, sync_lock, sync_source
from assist.sync.sources import (
    SyncConfig,
    TeamLogin,
    build,
    configured_team_login,
    keyring_secret,
    load_sources,
)

log = logging.getLogger(__name__)


def run_sync(
    cache_path: Path,
    config: SyncConfig,
    only: str | None = None,
    *,
    secret: Callable[[str], str | None] = keyring_secret,
    progress: Callable[[RunResult], None] | None = None,
    team_login: Callable[[], TeamLogin] = configured_team_login,
) -> list[RunResult]:
    """Sync every enabled source (or only ``only``) into the cache at ``cache_path``,
    creating the cache when it does not exist yet. A source's failure is in its result;
    the other sources still run."""
    specs = [config.get(only)] if only else [s for s in config.sources.values() if s.enabled]
    results: list[RunResult] = []
    with sync_lock(cache_path), Cache.open(cache_path) as cache:
        for spec in specs:
            try:
                connector = build(spec, cache, secret, team_login)
            except PekaError as exc:
                log.error("sync %s cannot start: %s", spec.name, exc)
                _record_failure(cache, spec.name, spec.kind, exc)
                results.append(RunResult(spec.name, error=str(exc), error_code=exc.code))
                continue
            results.append(
                sync_source(
                    cache,
                    connector,
                    batch_size=spec.batch_size,
                    quarantine=spec.quarantine,
                    progress=progress,
                )
            )
    return results


def _record_failure(cache: Cache, name: str, kind: str, exc: PekaError) -> None:
    with cache.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_sources (name, kind, last_attempt_at, last_error, last_error_code)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
            " last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error,"
            " last_error_code = excluded.last_error_code",
            (name, kind, to_stored(utc_now()), str(exc), exc.code),
        )


@dataclass(frozen=True)
class StatusReport:
    sources: list[SourceStatus]
    configured: list[str]  # names in IT's file, in its order

    def to_json(self) -> list[dict[str, object]]:
        known = {s.name: s for s in self.sources}
        rows = []
        for name in self.configured:
            status = known.get(name)
            if status is None:
                rows.append({"name": name, "configured": True, "ok": None, "last_success_at": None})
            else:
                rows.append({**status.to_json(), "configured": True})
        rows += [
            {**s.to_json(), "configured": False}
            for s in self.sources
            if s.name not in self.configured
        ]
        return rows


def status_report(cache_path: Path, sources_file: Path) -> StatusReport:
    """Each configured source's last run, as the cache records it (nothing when the cache
    does not exist yet)."""
    config = load_sources(sources_file)
    found: list[SourceStatus] = []
    if cache_path.exists():
        with Cache.open(cache_path) as cache:
            found = statuses(cache)
    return StatusReport(found, list(config.sources))
