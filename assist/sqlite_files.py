"""The one way Peka opens and migrates its SQLite files (cache, ledger, outcomes, phrases, …).

Every file is created owner-only before SQLite writes a byte, runs in WAL mode with
foreign keys on and a busy timeout, and is fully synced (``synchronous=FULL``) when it
keeps what must never be lost (money, approvals, outcomes); a rebuildable file such as
the customer cache uses ``NORMAL``, which is still safe in WAL mode against a crash of
Peka, only not against a power cut.

A file's schema version lives in a :class:`VersionSlot` (``PRAGMA user_version`` or a
``meta`` row, whichever the store has always used). Migrations are an ordered list;
migration ``n`` (1-based) takes a file from version ``n - 1`` to ``n``. They all run in
one ``BEGIN IMMEDIATE`` transaction, so a failed migration leaves the file as it was and
two Peka processes never migrate the same file at once.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from assist.errors import PekaError
from assist.private_files import touch_private

Migration = Callable[[sqlite3.Connection], None]

DEFAULT_BUSY_TIMEOUT_MS = 5_000


class VersionSlot(Protocol):
    def read(self, conn: sqlite3.Connection) -> int: ...

    def write(self, conn: sqlite3.Connection, version: int) -> None: ...


class UserVersion:
    """The version in ``PRAGMA user_version`` (the customer cache)."""

    def read(self, conn: sqlite3.Connection) -> int:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def write(self, conn: sqlite3.Connection, version: int) -> None:
        conn.execute(f"PRAGMA user_version = {int(version):d}")


@dataclass(frozen=True)
class MetaVersion:
    """The version as text in a ``meta (key, value)`` table (created when missing)."""

    key: str = "schema_version"
    table: str = "meta"

    def read(self, conn: sqlite3.Connection) -> int:
        if not _has_table(conn, self.table):
            return 0
        row = conn.execute(f"SELECT value FROM {self.table} WHERE key = ?", (self.key,)).fetchone()
        return int(row[0]) if row and str(row[0]).isdigit() else 0

    def write(self, conn: sqlite3.Connection, version: int) -> None:
        conn.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute(
            f"INSERT INTO {self.table} (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (self.key, str(version)),
        )


USER_VERSION = UserVersion()


@dataclass(frozen=True)
class StoreKind:
    """What a file is, for messages, and the error codes its owner documents."""

    what: str  # "customer cache", "compensation ledger", …
    cannot_open: str  # error code: missing folder rights, damaged, not SQLite
    newer: str  # error code: written by a newer Peka
    advice: str  # what to do with a damaged file
    durable: bool  # synchronous=FULL: the file keeps what must never be lost
    # error code: another program holds the file's lock past the busy timeout (the file
    # is fine: moving it away would be wrong advice); empty: ``cannot_open``
    locked: str = ""


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def connect(
    path: Path,
    kind: StoreKind,
    *,
    readonly: bool = False,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
) -> sqlite3.Connection:
    """One connection in autocommit mode (the caller issues BEGIN), usable from any thread
    that holds the caller's lock."""
    path = Path(path)
    if path.is_dir():
        raise PekaError(
            kind.cannot_open,
            f"{path} is a folder, not a Peka {kind.what}. Check the path in the configuration.",
        )
    if path.exists() and not os.access(path, os.R_OK if readonly else os.R_OK | os.W_OK):
        need = "read" if readonly else "read and write"
        raise PekaError(
            kind.cannot_open,
            f"This account may not {need} the {kind.what} {path} (permission denied). "
            "Ask IT to give the file back to your account (`peka doctor` names it).",
        )
    try:
        if readonly:
            uri = path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(
                uri,
                uri=True,
                check_same_thread=False,
                isolation_level=None,
                timeout=busy_timeout_ms / 1000,
            )
        else:
            touch_private(path)  # owner-only before SQLite writes a byte
            conn = sqlite3.connect(
                path, check_same_thread=False, isolation_level=None, timeout=busy_timeout_ms / 1000
            )
    except sqlite3.Error as exc:
        raise PekaError(
            kind.cannot_open,
            f"Cannot open the {kind.what} {path} ({exc}). Check the path and that you may "
            "write there.",
        ) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms):d}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode is None or str(mode[0]).lower() != "wal":
                raise PekaError(
                    kind.cannot_open,
                    f"The {kind.what} {path} cannot use write-ahead logging (is it on a "
                    "network share?). Put it on a local disk.",
                )
            conn.execute(f"PRAGMA synchronous = {'FULL' if kind.durable else 'NORMAL'}")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise damaged(path, kind, exc) from exc
    except PekaError:
        conn.close()
        raise
    return conn


def damaged(path: Path, kind: StoreKind, exc: BaseException) -> PekaError:
    if is_locked(exc):
        return PekaError(
            kind.locked or kind.cannot_open,
            f"The {kind.what} {path} is locked by another program ({exc}): a sync, an "
            "import or another tool is writing to it. Wait a moment and try again; if it "
            "stays locked, close that program. The file itself is fine: do not move it.",
        )
    return PekaError(
        kind.cannot_open,
        f"{path} cannot be opened as a Peka {kind.what} ({exc}). {kind.advice}",
    )


def is_locked(exc: BaseException) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock, the file is fine."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def migrate(
    conn: sqlite3.Connection,
    migrations: Sequence[Migration],
    *,
    slot: VersionSlot = USER_VERSION,
    target: int | None = None,
) -> int:
    """Run the missing migrations inside the caller's transaction; returns how many ran."""
    goal = len(migrations) if target is None else target
    current = slot.read(conn)
    for number in range(current + 1, goal + 1):
        migrations[number - 1](conn)
        slot.write(conn, number)
    return max(0, goal - current)


def open_database(
    path: Path,
    kind: StoreKind,
    migrations: Sequence[Migration],
    *,
    slot: VersionSlot = USER_VERSION,
    readonly: bool = False,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    check: Callable[[sqlite3.Connection, int], None] | None = None,
    upgrade: bool = False,
) -> sqlite3.Connection:
    """Open ``path`` and bring it to the latest schema in one transaction.

    ``check(conn, found_version)`` runs first inside that transaction; a store uses it to
    refuse a file that is some other kind of Peka file. A read-only open never migrates
    on its own connection: an older file is refused with the store's ``cannot_open``
    code, unless ``upgrade`` is set — then it is migrated once through a writable open
    (one transaction, as above) and opened read-only again. The cache sets it: the
    sidebar reads it read-only, and a Peka update must not leave it unreadable.
    """
    conn = connect(path, kind, readonly=readonly, busy_timeout_ms=busy_timeout_ms)
    latest = len(migrations)
    try:
        if readonly:
            found = slot.read(conn)
            if check is not None:
                check(conn, found)
            _refuse_newer(path, kind, found, latest)
            if found < latest and upgrade:
                conn.close()
                upgraded = open_database(
                    path, kind, migrations, slot=slot, busy_timeout_ms=busy_timeout_ms, check=check
                )
                upgraded.close()
                return open_database(
                    path,
                    kind,
                    migrations,
                    slot=slot,
                    readonly=True,
                    busy_timeout_ms=busy_timeout_ms,
                    check=check,
                )
            if found < latest:
                raise PekaError(
                    kind.cannot_open,
                    f"{path} has schema version {found} and must be upgraded to {latest}; "
                    f"open it once without read-only mode.",
                )
            return conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = slot.read(conn)
            if check is not None:
                check(conn, found)
            _refuse_newer(path, kind, found, latest)
            migrate(conn, migrations, slot=slot)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise damaged(path, kind, exc) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _refuse_newer(path: Path, kind: StoreKind, found: int, latest: int) -> None:
    if found > latest:
        raise PekaError(
            kind.newer,
            f"{path} has schema version {found}, but this Peka knows up to {latest}: it was "
            f"written by a newer Peka. Update Peka; never open a newer {kind.what} with an "
            "older one.",
        )
