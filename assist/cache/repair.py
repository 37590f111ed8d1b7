"""Moving a damaged cache out of the way, so a sync or an import can build a new one.

The cache is rebuildable (it is a copy of the company's systems), but a damaged file is
never deleted: it is renamed beside itself, with its write-ahead log, for IT to look at.
Only a file that cannot be opened as a cache (E201) is moved: a locked cache (E290) or
one written by a newer Peka (E203) is fine and must stay where it is.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from assist.cache.errors import E201, E291
from assist.cache.store import Cache
from assist.errors import PekaError

COMPANIONS = ("", "-wal", "-shm", "-journal")  # SQLite's files beside the cache


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename the damaged cache at ``path`` to ``<name>.damaged-<UTC time>`` (with its
    ``-wal``/``-shm``) and return the new path; ``path`` is then free for a new cache."""
    path = Path(path)
    if path.is_dir():
        raise PekaError(
            E291,
            f"{path} is a folder, not a cache file: Peka does not move folders. Point "
            "`cache.path` (or --db) at a file, or move the folder yourself.",
        )
    try:
        Cache.open(path, readonly=True).close()
    except PekaError as exc:
        if exc.code != E201:
            raise  # missing (E202), newer (E203), locked (E290): nothing is damaged
    else:
        raise PekaError(
            E291,
            f"The customer cache {path} opens fine: nothing to set aside. `peka doctor` "
            "says what else is wrong.",
        )
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    moves = [
        (Path(f"{path}{suffix}"), Path(f"{target}{suffix}"))
        for suffix in COMPANIONS
        if Path(f"{path}{suffix}").exists()
    ]
    taken = [new for _old, new in moves if new.exists()]
    if taken:
        raise PekaError(E291, f"{taken[0]} already exists; try again in a second.")
    done: list[tuple[Path, Path]] = []
    try:
        for old, new in moves:
            os.replace(old, new)
            done.append((old, new))
    except OSError as exc:
        for old, new in reversed(done):  # all or nothing: put back what was moved
            os.replace(new, old)
        raise PekaError(
            E291,
            f"Cannot move {path} aside ({exc}). Check that you may write to {path.parent}.",
        ) from exc
    return target
