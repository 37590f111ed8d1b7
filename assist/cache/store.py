"""The customer cache: one SQLite file, opened once, safe to call from any thread."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlite_utils

from assist import sqlite_files
from assist.cache.dates import day_from_stored, from_stored
from assist.cache.errors import E201, E202, E203, E290, E292
from assist.cache.keys import ref_key
from assist.cache.models import Customer, CustomerRecord, Interaction, SearchHit, Transaction
from assist.cache.schema import MIGRATIONS, user_version
from assist.errors import PekaError

CUSTOMER_COLUMNS = "id, full_name, salutation, phone, email, language, tier, customer_since, notes"
TRANSACTION_COLUMNS = (
    "id, customer_id, created_at, kind, description, reference, amount_minor, currency,"
    " status, status_changed_at, channel, extra"
)
INTERACTION_COLUMNS = "id, customer_id, occurred_at, channel, summary, outcome, sentiment, csat"


@dataclass(frozen=True, slots=True)
class CacheStats:
    path: Path
    customers: int
    transactions: int
    interactions: int
    schema_version: int
    last_import_at: datetime | None
    size_bytes: int
    preferences: int = 0


def customer_from_row(row: Sequence[Any]) -> Customer:
    return Customer(
        id=row[0],
        full_name=row[1],
        salutation=row[2],
        phone=row[3],
        email=row[4],
        language=row[5],
        tier=row[6],
        customer_since=day_from_stored(row[7]),
        notes=row[8],
    )


def transaction_from_row(row: Sequence[Any]) -> Transaction:
    created = from_stored(row[2])
    assert created is not None
    return Transaction(
        id=row[0],
        customer_id=row[1],
        created_at=created,
        kind=row[3],
        description=row[4],
        reference=row[5],
        amount_minor=row[6],
        currency=row[7],
        status=row[8],
        status_changed_at=from_stored(row[9]),
        channel=row[10],
        extra=json.loads(row[11]) if row[11] and row[11] != "{}" else {},
    )


def interaction_from_row(row: Sequence[Any]) -> Interaction:
    occurred = from_stored(row[2])
    assert occurred is not None
    return Interaction(
        id=row[0],
        customer_id=row[1],
        occurred_at=occurred,
        channel=row[3],
        summary=row[4],
        outcome=row[5],
        sentiment=row[6],
        csat=row[7],
    )


CACHE_FILE = sqlite_files.StoreKind(
    what="customer cache",
    cannot_open=E201,
    newer=E203,
    advice="Check the path; if the file is damaged, move it out of the way with "
    "`peka cache set-aside` (it is kept for IT), then rebuild the cache with "
    "`peka sync run` or `peka import`.",
    durable=False,  # rebuildable from the company's systems
    locked=E290,
)
# How long an open waits for another program's lock before E290 (tests shorten it).
BUSY_TIMEOUT_MS = sqlite_files.DEFAULT_BUSY_TIMEOUT_MS


def _refuse_other_data(path: Path) -> Callable[[sqlite3.Connection, int], None]:
    """A file at schema version 0 with tables of its own is some other program's database
    (or another Peka file, such as the ledger): never write the cache's tables into it."""

    def check(conn: sqlite3.Connection, found: int) -> None:
        if found == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise PekaError(
                E292,
                f"{path} is an SQLite file holding other data, not a Peka customer cache; "
                "nothing was changed in it. Point `cache.path` (or --db) at the cache file.",
            )

    return check


def _probe(path: Path, check: Callable[[sqlite3.Connection, int], None]) -> None:
    """Run ``check`` on a read-only connection: nothing in the file changes if it fails."""
    conn = sqlite_files.connect(path, CACHE_FILE, readonly=True, busy_timeout_ms=BUSY_TIMEOUT_MS)
    try:
        check(conn, user_version(conn))
    except sqlite3.DatabaseError as exc:
        raise sqlite_files.damaged(path, CACHE_FILE, exc) from exc
    finally:
        conn.close()


def _tune(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: the hot part of a 100k cache


class Cache:
    """The local customer cache. Every method takes the connection's lock, so one Cache
    may be shared between the sidebar's threads."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self._conn = conn
        self._lock = threading.RLock()
        self.db = sqlite_utils.Database(conn)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> Cache:
        """Open the cache at ``path``; a missing file is created and migrated (unless readonly)."""
        path = Path(path)
        if readonly and not path.exists():
            raise PekaError(
                E202,
                f"No customer cache at {path}. Import the helpdesk's exports with "
                "`peka import`, create demo data with `peka demo-data`, or pass --db.",
            )
        check = _refuse_other_data(path)
        if not readonly and path.is_file() and path.stat().st_size:
            _probe(path, check)  # before a writable open turns on WAL in someone else's file
        conn = sqlite_files.open_database(
            path,
            CACHE_FILE,
            MIGRATIONS,
            readonly=readonly,
            upgrade=True,
            busy_timeout_ms=BUSY_TIMEOUT_MS,
            check=check,
        )
        _tune(conn)
        return cls(path, conn, readonly)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and one write transaction; everything or nothing is written."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    # -- reading -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Customers matching a name, phone (any format, partial), e-mail, id or reference."""
        from assist.cache.search import search

        with self._lock:
            return search(self._conn, query, limit)

    def open_customer(
        self, customer_id: str, *, transactions: int = 50, interactions: int = 10
    ) -> CustomerRecord | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = ?", (customer_id,)
            ).fetchone()
            if row is None:
                return None
            prefs = dict(
                self._conn.execute(
                    "SELECT key, value FROM preferences WHERE customer_id = ? ORDER BY key",
                    (customer_id,),
                ).fetchall()
            )
            tx_rows = self._conn.execute(
                f"SELECT {TRANSACTION_COLUMNS} FROM transactions WHERE customer_id = ?"
                " ORDER BY created_at DESC LIMIT ?",
                (customer_id, max(0, transactions)),
            ).fetchall()
            ix_rows = self._conn.execute(
                f"SELECT {INTERACTION_COLUMNS} FROM interactions WHERE customer_id = ?"
                " ORDER BY occurred_at DESC LIMIT ?",
                (customer_id, max(0, interactions)),
            ).fetchall()
        return CustomerRecord(
            customer=customer_from_row(row),
            preferences=prefs,
            transactions=[transaction_from_row(r) for r in tx_rows],
            interactions=[interaction_from_row(r) for r in ix_rows],
        )

    def transactions_by_reference(
        self, refs: Sequence[str], customer_id: str | None = None
    ) -> list[Transaction]:
        """Transactions whose reference matches one of ``refs`` (ignoring case, spaces and
        punctuation), newest first; only that customer's when ``customer_id`` is given."""
        keys = sorted({k for k in (ref_key(r) for r in refs) if k})
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        sql = f"SELECT {TRANSACTION_COLUMNS} FROM transactions WHERE ref_key IN ({marks})"
        params: list[str] = list(keys)
        if customer_id is not None:
            sql += " AND customer_id = ?"
            params.append(customer_id)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY created_at DESC", params).fetchall()
        return [transaction_from_row(r) for r in rows]

    def stats(self) -> CacheStats:
        with self._lock:
            counts = {
                table: self.db.table(table).count
                for table in ("customers", "transactions", "interactions", "preferences")
            }
            version = user_version(self._conn)
            row = self._conn.execute(
                "SELECT value FROM meta WHERE key = 'last_import_at'"
            ).fetchone()
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return CacheStats(
            path=self.path,
            customers=counts["customers"],
            transactions=counts["transactions"],
            interactions=counts["interactions"],
            schema_version=version,
            last_import_at=from_stored(row[0]) if row else None,
            size_bytes=size,
            preferences=counts["preferences"],
        )

    def customer_as_of(self, customer_id: str) -> datetime | None:
        """How fresh this customer's data is: the last successful sync of the source that
        last wrote them, or, for imported customers, the cache's last import."""
        with self._lock:
            row = self._conn.execute(
                "SELECT s.last_success_at FROM customers c"
                " JOIN sync_sources s ON s.name = c.source WHERE c.id = ?",
                (customer_id,),
            ).fetchone()
            if row is None:
                row = self._conn.execute(
                    "SELECT value FROM meta WHERE key = 'last_import_at'"
                ).fetchone()
        return from_stored(row[0]) if row else None

    def set_meta(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
