"""The cache's schema and its migrations.

The schema version lives in ``PRAGMA user_version``. :data:`MIGRATIONS` is an ordered
list; migration ``n`` (1-based) takes a file from version ``n - 1`` to ``n`` and runs
inside the caller's transaction, so a failed migration leaves the file as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

from assist import sqlite_files
from assist.cache.keys import name_key, phone_key, ref_key

Migration = Callable[[sqlite3.Connection], None]


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one: ``executescript`` would COMMIT the caller's transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]!r}")


def _v1_tables(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE customers (
            rid INTEGER PRIMARY KEY,           -- stable rowid for the search index
            id TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            salutation TEXT NOT NULL DEFAULT '',
            phone TEXT,
            email TEXT,
            language TEXT NOT NULL DEFAULT 'id',
            tier TEXT NOT NULL DEFAULT 'regular',
            customer_since TEXT,
            notes TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE preferences (
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (customer_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE transactions (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            reference TEXT,
            amount_minor INTEGER NOT NULL,
            currency TEXT NOT NULL DEFAULT 'IDR',
            status TEXT NOT NULL,
            status_changed_at TEXT,
            channel TEXT,
            extra TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX transactions_by_customer ON transactions (customer_id, created_at DESC);
        CREATE TABLE interactions (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            occurred_at TEXT NOT NULL,
            channel TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL,
            sentiment TEXT,
            csat INTEGER CHECK (csat IS NULL OR csat BETWEEN 1 AND 5)
        );
        CREATE INDEX interactions_by_customer ON interactions (customer_id, occurred_at DESC);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        """,
    )


# Triggers keep the trigram index in step with every write path (import, purge, tools).
FTS_TRIGGERS = """
CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts (rowid, full_name, email, phone_key)
    VALUES (new.rid, new.full_name, new.email, new.phone_key);
END;
CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, full_name, email, phone_key)
    VALUES ('delete', old.rid, old.full_name, old.email, old.phone_key);
END;
CREATE TRIGGER customers_fts_au AFTER UPDATE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, full_name, email, phone_key)
    VALUES ('delete', old.rid, old.full_name, old.email, old.phone_key);
    INSERT INTO customers_fts (rowid, full_name, email, phone_key)
    VALUES (new.rid, new.full_name, new.email, new.phone_key);
END;
"""
FTS_TRIGGER_NAMES = ("customers_fts_ai", "customers_fts_ad", "customers_fts_au")

# Secondary indexes a bulk load drops first and builds once at the end (much faster).
BULK_INDEXES = {
    "transactions_by_customer": "transactions (customer_id, created_at DESC)",
    "transactions_by_ref": "transactions (ref_key)",
    "transactions_by_ref_rev": "transactions (ref_rev)",
    "interactions_by_customer": "interactions (customer_id, occurred_at DESC)",
}


def drop_for_bulk_load(conn: sqlite3.Connection) -> None:
    """Before filling empty tables: no secondary indexes or search triggers row by row."""
    for name in BULK_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    for name in FTS_TRIGGER_NAMES:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")


def restore_after_bulk_load(conn: sqlite3.Connection) -> bool:
    """Build whatever :func:`drop_for_bulk_load` removed (also after a crash in between);
    returns whether anything had to be built."""
    present = {
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')")
    }
    built = False
    for name, target in BULK_INDEXES.items():
        if name not in present:
            conn.execute(f"CREATE INDEX {name} ON {target}")
            built = True
    if not all(name in present for name in FTS_TRIGGER_NAMES):
        for name in FTS_TRIGGER_NAMES:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        conn.execute("INSERT INTO customers_fts (customers_fts) VALUES ('rebuild')")
        run_script(conn, FTS_TRIGGERS)
        built = True
    return built


def _v2_search(conn: sqlite3.Connection) -> None:
    """Search keys for names, phones and references, and the trigram index."""
    conn.create_function("peka_name_key", 1, name_key, deterministic=True)
    conn.create_function("peka_phone_key", 1, phone_key, deterministic=True)
    conn.create_function("peka_ref_key", 1, ref_key, deterministic=True)
    run_script(
        conn,
        """
        ALTER TABLE customers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE customers ADD COLUMN phone_key TEXT;
        UPDATE customers SET name_key = peka_name_key(full_name),
                             phone_key = peka_phone_key(phone);
        CREATE INDEX customers_by_name ON customers (name_key);
        CREATE INDEX customers_by_phone ON customers (phone_key);
        CREATE INDEX customers_by_email ON customers (email);
        ALTER TABLE transactions ADD COLUMN ref_key TEXT;
        ALTER TABLE transactions ADD COLUMN ref_rev TEXT;
        UPDATE transactions SET ref_key = peka_ref_key(reference) WHERE reference IS NOT NULL;
        """,
    )
    # SQLite has no reverse(); suffix searches on references need the reversed key.
    rows = conn.execute(
        "SELECT rowid, ref_key FROM transactions WHERE ref_key IS NOT NULL"
    ).fetchall()
    conn.executemany(
        "UPDATE transactions SET ref_rev = ? WHERE rowid = ?", [(k[::-1], r) for r, k in rows]
    )
    run_script(
        conn,
        """
        CREATE INDEX transactions_by_ref ON transactions (ref_key);
        CREATE INDEX transactions_by_ref_rev ON transactions (ref_rev);
        CREATE VIRTUAL TABLE customers_fts USING fts5 (
            full_name, email, phone_key,
            content = 'customers', content_rowid = 'rid', tokenize = 'trigram'
        );
        INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');
        """
        + FTS_TRIGGERS,
    )


def _v3_sync(conn: sqlite3.Connection) -> None:
    """Synchronisation: per-source cursors and status, files taken from drop folders,
    quarantined rows, merged customers, and which source last wrote each customer."""
    db = sqlite_utils.Database(conn)
    db.table("customers").add_column("source", str)
    db.table("sync_sources").create(
        {
            "name": str,
            "kind": str,
            "cursor": str,
            "last_success_at": str,
            "last_attempt_at": str,
            "last_error": str,
            "last_error_code": str,
            "last_rows": int,
            "total_rows": int,
        },
        pk="name",
        not_null={"kind"},
    )
    db.table("sync_files").create(
        {"source": str, "sha256": str, "name": str, "taken_at": str},
        pk=("source", "sha256"),
        not_null={"name", "taken_at"},
    )
    db.table("sync_quarantine").create(
        {
            "seq": int,
            "source": str,
            "at": str,
            "entity": str,
            "row": str,
            "field": str,
            "code": str,
            "message": str,
            "record": str,
        },
        pk="seq",
        not_null={"source", "at", "row", "code", "message"},
    )
    db.table("sync_quarantine").create_index(["source", "seq"])
    # A customer merged into another at the source: records that still name the old id
    # are filed under the surviving one.
    db.table("sync_merges").create(
        {"old_id": str, "new_id": str, "source": str, "at": str},
        pk="old_id",
        not_null={"new_id", "at"},
    )


def _v4_sync_counters(conn: sqlite3.Connection) -> None:
    """A source's row counters are never NULL: ``NOT NULL DEFAULT 0``, which SQLite's
    ``ALTER TABLE`` cannot add to a column, so sqlite-utils' ``transform`` rebuilds the
    table (new table, copy, drop, rename) inside the caller's transaction."""
    db = sqlite_utils.Database(conn)
    conn.execute(
        "UPDATE sync_sources SET last_rows = coalesce(last_rows, 0),"
        " total_rows = coalesce(total_rows, 0)"
    )
    db.table("sync_sources").transform(
        not_null={"last_rows", "total_rows"}, defaults={"last_rows": 0, "total_rows": 0}
    )


MIGRATIONS: list[Migration] = [_v1_tables, _v2_search, _v3_sync, _v4_sync_counters]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return sqlite_files.USER_VERSION.read(conn)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations from the file's version up to ``target``; returns how many ran.

    The caller holds the transaction (``BEGIN IMMEDIATE`` … ``COMMIT``).
    """
    return sqlite_files.migrate(conn, MIGRATIONS, target=target)
