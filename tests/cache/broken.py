"""Broken customer caches, as a workstation meets them: damaged, unreadable, written by a
newer Peka, locked by another program, missing. Shared by the sidebar's and the CLI's
tests."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Each kind: the code the cache layer raises for it (the sidebar and the CLI alike).
KINDS = {
    "random-bytes": "E201",
    "truncated": "E201",
    "folder": "E201",
    "unreadable": "E201",
    "newer": "E203",
    "missing": "E202",
    "other-data": "E292",
}

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def make_broken(kind: str, good: Path, target: Path) -> Path:
    """Write a broken cache of ``kind`` at ``target`` (``good`` is a valid cache)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "random-bytes":
        target.write_bytes(random.Random(13).randbytes(64 * 1024))
    elif kind == "truncated":
        # A copy cut short (a full disk, a half-finished copy): SQLite's header is there.
        target.write_bytes(good.read_bytes()[:8192])
    elif kind == "folder":
        target.mkdir()
    elif kind == "unreadable":
        shutil.copyfile(good, target)
        target.chmod(0)
    elif kind == "newer":
        shutil.copyfile(good, target)
        conn = sqlite3.connect(target)
        try:
            conn.execute("PRAGMA user_version = 99")
            conn.commit()
        finally:
            conn.close()  # checkpointed now, not whenever the garbage collector runs
    elif kind == "other-data":
        # Another program's database (or the ledger) named as the cache by mistake.
        conn = sqlite3.connect(target)
        try:
            conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
            conn.execute("INSERT INTO notes (text) VALUES ('not customer data')")
            conn.commit()
        finally:
            conn.close()
    elif kind != "missing":
        raise ValueError(kind)
    return target


@contextmanager
def held_lock(path: Path) -> Iterator[None]:
    """Another program holds the cache's write lock (and, in exclusive locking mode, keeps
    readers out) until the block ends."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("UPDATE meta SET value = value")
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


class LockHolder:
    """:func:`held_lock` on a thread of its own, released with :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self._held = threading.Event()
        self._release = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self._thread.start()
        self._held.wait(10)

    def _run(self, path: Path) -> None:
        with held_lock(path):
            self._held.set()
            self._release.wait(60)

    def release(self) -> None:
        self._release.set()
        self._thread.join(10)
