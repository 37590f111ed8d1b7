"""``peka import``: helpdesk exports into the cache, one all-or-nothing transaction per file.

Rows are upserted by id, and an update only touches a row whose content differs, so
importing the same file twice changes nothing. Any bad row rejects its whole file; with
``report=True`` every bad row of every file is listed instead of stopping at the first.
"""

from __future__ import annotations

import gc
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.cache import formats as f
from assist.cache.dates import to_stored
from assist.cache.errors import E211, E212, E225, E226
from assist.cache.keys import name_key, phone_key, ref_key
from assist.cache.readers import Record, Table, read_table
from assist.cache.schema import BULK_INDEXES, FTS_TRIGGER_NAMES, FTS_TRIGGERS, run_script
from assist.cache.store import Cache, utc_now
from assist.errors import PekaError

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class RowError:
    path: Path
    line: int | None
    field: str | None
    code: str
    message: str

    @property
    def where(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f", line {self.line}"
        if self.field is not None:
            text += f", field '{self.field}'"
        return text

    def __str__(self) -> str:
        return f"[{self.code}] {self.where}: {self.message}"


@dataclass
class FileReport:
    path: Path
    entity: str | None
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    imported: bool = False
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportResult:
    files: list[FileReport]
    seconds: float

    @property
    def rows(self) -> int:
        return sum(r.rows for r in self.files if r.imported)

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.files for e in r.errors]

    @property
    def ok(self) -> bool:
        return all(r.imported for r in self.files)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


# -- row conversion: record → database tuple --------------------------------------------


def _customer(r: Record, now: str) -> Row:
    name = f.required(r.get("full_name"))
    tel = f.phone(r.get("phone"))
    return (
        f.identifier(r.get("id")),
        name,
        f.salutation(r.get("salutation")),
        tel,
        phone_key(tel),
        f.email(r.get("email")),
        f.choice(f.LANGUAGES, "id")(r.get("language")),
        f.choice(f.TIERS, "regular")(r.get("tier")),
        f.day(r.get("customer_since")),
        f.text(r.get("notes")),
        name_key(name),
        now,
    )


def _preference(r: Record, now: str) -> Row:
    return (
        f.identifier(r.get("customer_id")),
        f.pref_key(r.get("key")),
        f.required(r.get("value")),
    )


_kind = f.choice(f.KINDS)
_status = f.choice(f.STATUSES)
_channel_ix = f.choice(f.INTERACTION_CHANNELS)
_outcome = f.choice(f.OUTCOMES)
_sentiment = f.optional_choice(f.SENTIMENTS)


def _transaction(r: Record, now: str) -> Row:
    reference = f.optional(r.get("reference"))
    key = ref_key(reference) if reference else None
    minor, currency = f.amount(r.get("amount"), f.currency(r.get("currency")))
    return (
        f.identifier(r.get("id")),
        f.identifier(r.get("customer_id")),
        f.when(r.get("created_at")),
        _kind(r.get("kind")),
        f.text(r.get("description")),
        reference,
        key or None,
        key[::-1] if key else None,
        minor,
        currency,
        _status(r.get("status")),
        f.optional_when(r.get("status_changed_at")),
        f.optional(r.get("channel")),
        f.extra(r.get("extra")),
    )


def _interaction(r: Record, now: str) -> Row:
    return (
        f.identifier(r.get("id")),
        f.identifier(r.get("customer_id")),
        f.when(r.get("occurred_at")),
        _channel_ix(r.get("channel")),
        f.text(r.get("summary")),
        _outcome(r.get("outcome")),
        _sentiment(r.get("sentiment")),
        f.csat(r.get("csat")),
    )


def upsert_sql(table: str, columns: Sequence[str], conflict: Sequence[str]) -> str:
    """INSERT … ON CONFLICT DO UPDATE, but only when something actually differs."""
    updatable = [c for c in columns if c not in conflict and c != "updated_at"]
    sets = [f"{c} = excluded.{c}" for c in updatable]
    if "updated_at" in columns:
        sets.append("updated_at = excluded.updated_at")
    differs = " OR ".join(f"{table}.{c} IS NOT excluded.{c}" for c in updatable)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {', '.join(sets)} WHERE {differs}"
    )


CUSTOMER_DB_COLUMNS = (
    "id",
    "full_name",
    "salutation",
    "phone",
    "phone_key",
    "email",
    "language",
    "tier",
    "customer_since",
    "notes",
    "name_key",
    "updated_at",
)
TRANSACTION_DB_COLUMNS = (
    "id",
    "customer_id",
    "created_at",
    "kind",
    "description",
    "reference",
    "ref_key",
    "ref_rev",
    "amount_minor",
    "currency",
    "status",
    "status_changed_at",
    "channel",
    "extra",
)
INTERACTION_DB_COLUMNS = (
    "id",
    "customer_id",
    "occurred_at",
    "channel",
    "summary",
    "outcome",
    "sentiment",
    "csat",
)


_CHUNK = 5_000
_BULK_ROWS = 20_000


@dataclass(frozen=True)
class _Plan:
    convert: Callable[[Record, str], Row]
    table: str
    sql: str
    key_width: int  # leading tuple items that identify a row (duplicates check)
    customer_index: int | None  # tuple item that names a customer

    @property
    def insert_sql(self) -> str:
        return self.sql.split(" ON CONFLICT ")[0]


PLANS: dict[str, _Plan] = {
    "customers": _Plan(
        _customer, "customers", upsert_sql("customers", CUSTOMER_DB_COLUMNS, ["id"]), 1, None
    ),
    "preferences": _Plan(
        _preference,
        "preferences",
        upsert_sql("preferences", ["customer_id", "key", "value"], ["customer_id", "key"]),
        2,
        0,
    ),
    "transactions": _Plan(
        _transaction,
        "transactions",
        upsert_sql("transactions", TRANSACTION_DB_COLUMNS, ["id"]),
        1,
        1,
    ),
    "interactions": _Plan(
        _interaction,
        "interactions",
        upsert_sql("interactions", INTERACTION_DB_COLUMNS, ["id"]),
        1,
        1,
    ),
}

# Which field to blame when a converter fails: the converters read fields in this order.
FIELD_ORDER = {name: entity.column_names for name, entity in f.ENTITIES.items()}


def detect_entity(table: Table, forced: str | None = None) -> str:
    columns = set(table.columns)
    if forced:
        if forced not in f.ENTITIES:
            raise PekaError(
                E211, f"unknown entity {forced!r}; use one of: " + ", ".join(f.ENTITY_ORDER)
            )
        return forced
    found = [name for name in f.ENTITY_ORDER if f.ENTITIES[name].signature <= columns]
    if len(found) == 1:
        return found[0]
    if not table.rows:
        raise PekaError(E211, f"{table.path}: has no records, so its kind cannot be recognised.")
    shown = ", ".join(sorted(columns)) or "none"
    raise PekaError(
        E211,
        f"{table.path}: cannot tell which records these are from the columns ({shown}). "
        "Use the column names in docs/import-formats.md, or pass --entity.",
    )


def check_columns(table: Table, entity: str) -> list[RowError]:
    spec = f.ENTITIES[entity]
    known = set(spec.column_names)
    errors = [
        RowError(
            table.path,
            None,
            name,
            E212,
            f"unknown column for {entity}; known columns: " + ", ".join(spec.column_names),
        )
        for name in table.columns
        if name not in known
    ]
    # A JSON record may leave out optional fields, but never a required one altogether.
    if table.format == "csv":
        errors += [
            RowError(table.path, None, name, E212, f"required column missing for {entity}")
            for name in spec.required_names
            if name not in table.columns
        ]
    return errors


def blame(record: Record, entity: str, plan: _Plan, now: str) -> list[tuple[str, f.FieldError]]:
    """Every field whose converter fails, each found with all other fields set to valid examples."""
    bad: list[tuple[str, f.FieldError]] = []
    for name in FIELD_ORDER[entity]:
        probe = dict(record)
        for other in FIELD_ORDER[entity]:
            if other != name:
                probe[other] = _EXAMPLES[entity][other]
        if name == "amount":
            try:
                f.currency(record.get("currency"))
                probe["currency"] = record.get("currency")
            except f.FieldError:
                pass
        try:
            plan.convert(probe, now)
        except f.FieldError as exc:
            bad.append((name, exc))
    return bad


_EXAMPLES = {
    name: {c.name: c.example for c in entity.columns} for name, entity in f.ENTITIES.items()
}


def _convert_table(
    table: Table, entity: str, report: bool, now: str
) -> tuple[list[Row], list[RowError]]:
    plan = PLANS[entity]
    convert = plan.convert
    rows: list[Row] = []
    errors: list[RowError] = []
    seen: dict[Any, int] = {}
    width = plan.key_width
    for line, record in table.rows:
        try:
            row = convert(record, now)
        except f.FieldError as exc:
            # A row can be wrong in several fields: --report lists each of them.
            blamed = blame(record, entity, plan, now) or [(FIELD_ORDER[entity][0], exc)]
            if not report:
                name, first_error = blamed[0]
                errors.append(
                    RowError(table.path, line, name, first_error.code, first_error.message)
                )
                break
            for name, field_exc in blamed:
                errors.append(RowError(table.path, line, name, field_exc.code, field_exc.message))
            continue
        key = row[0] if width == 1 else row[:width]
        first = seen.get(key)
        if first is not None:
            errors.append(
                RowError(
                    table.path,
                    line,
                    "id" if width == 1 else "key",
                    E226,
                    f"{key!r} already appears on line {first}; keep one record per "
                    f"{'id' if width == 1 else 'customer and key'}",
                )
            )
            if not report:
                break
            continue
        seen[key] = line
        rows.append(row)
    return rows, errors


def _unknown_customers(
    cache: Cache, table: Table, entity: str, rows: list[Row], report: bool
) -> list[RowError]:
    index = PLANS[entity].customer_index
    if index is None:
        return []
    with cache.reading() as conn:
        known = {r[0] for r in conn.execute("SELECT id FROM customers")}
    missing = {row[index] for row in rows} - known
    if not missing:
        return []
    errors = []
    for line, record in table.rows:
        value = f.text(record.get("customer_id"))
        if value in missing:
            errors.append(
                RowError(
                    table.path,
                    line,
                    "customer_id",
                    E225,
                    f"customer {value!r} is not in the cache; import the customers file "
                    "first (or in the same command)",
                )
            )
            if not report:
                break
    return errors


def store_rows(conn: sqlite3.Connection, insert_sql: str, update_sql: str, rows: list[Row]) -> int:
    """Write rows in chunks; returns how many were inserted or actually changed.

    New rows take a plain INSERT (much faster than an upsert); a chunk that meets an
    existing key is rolled back to its savepoint and upserted instead.
    """
    changed = 0
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        conn.execute("SAVEPOINT chunk")
        try:
            conn.executemany(insert_sql, chunk)
            conn.execute("RELEASE chunk")
            changed += len(chunk)
            continue
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK TO chunk")
            conn.execute("RELEASE chunk")
        cursor = conn.executemany(update_sql, chunk)
        changed += max(cursor.rowcount, 0)
    return changed


def _write(cache: Cache, entity: str, rows: list[Row], report_row: FileReport) -> None:
    plan = PLANS[entity]
    count_sql = f"SELECT count(*) FROM {plan.table}"
    with cache.transaction() as conn:
        before = int(conn.execute(count_sql).fetchone()[0])
        # Filling an empty table (a rebuild from exports): build its secondary indexes
        # once at the end instead of row by row.
        rebuilt = (
            {n: t for n, t in BULK_INDEXES.items() if t.startswith(plan.table + " ")}
            if before == 0 and len(rows) >= _BULK_ROWS
            else {}
        )
        for name in rebuilt:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
        bulk_search = plan.table == "customers" and before == 0 and len(rows) >= _BULK_ROWS // 4
        if bulk_search:
            for name in FTS_TRIGGER_NAMES:
                conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        changed = store_rows(conn, plan.insert_sql, plan.sql, rows)
        for name, target in rebuilt.items():
            conn.execute(f"CREATE INDEX {name} ON {target}")
        if bulk_search:
            conn.execute("INSERT INTO customers_fts (customers_fts) VALUES ('rebuild')")
            run_script(conn, FTS_TRIGGERS)
        after = int(conn.execute(count_sql).fetchone()[0])
        cache.set_meta(conn, "last_import_at", to_stored(utc_now()))
    report_row.inserted = after - before
    report_row.updated = changed - report_row.inserted
    report_row.unchanged = len(rows) - changed
    report_row.imported = True


def import_files(
    cache: Cache,
    paths: Sequence[Path],
    *,
    report: bool = False,
    entity: str | None = None,
) -> ImportResult:
    """Import export files into ``cache``; customers first, whatever the order given.

    Without ``report`` the first bad row raises a PekaError that names the file, line and
    field (its file is not imported). With ``report`` every bad row is collected in the
    result; files without errors are imported, files with errors are not.
    """
    started = time.perf_counter()
    # Hundreds of thousands of small dicts and tuples would trigger the cyclic garbage
    # collector over and over; they hold no cycles, so pause it for the import.
    collecting = gc.isenabled()
    gc.disable()
    try:
        reports = _import(cache, paths, report, entity)
    finally:
        if collecting:
            gc.enable()
    return ImportResult(reports, time.perf_counter() - started)


def _import(
    cache: Cache, paths: Sequence[Path], report: bool, entity: str | None
) -> list[FileReport]:
    now = to_stored(utc_now())
    loaded: list[tuple[Table, str]] = []
    reports: list[FileReport] = []
    for path in paths:
        table = read_table(Path(path))
        loaded.append((table, detect_entity(table, entity)))
    loaded.sort(key=lambda item: f.ENTITY_ORDER.index(item[1]))
    for table, kind in loaded:
        file_report = FileReport(table.path, kind, rows=len(table.rows))
        reports.append(file_report)
        errors = check_columns(table, kind)
        rows: list[Row] = []
        if not errors:
            rows, errors = _convert_table(table, kind, report, now)
        if not errors:
            errors = _unknown_customers(cache, table, kind, rows, report)
        if errors:
            file_report.errors = errors
            if not report:
                first = errors[0]
                raise PekaError(
                    first.code,
                    f"{first.where}: {first.message}. The file was not imported; the cache "
                    "is unchanged by it. Run with --report to list every bad row.",
                )
            continue
        _write(cache, kind, rows, file_report)
    return reports
