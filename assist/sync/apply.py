"""Applying one batch to the cache: everything, with the source's new cursor, or nothing.

Every record is read with the import formats' own readers (docs/import-formats.md), so a
synced row is held to exactly the rules of ``peka import``. A bad row refuses the whole
batch with an error naming source, row and field, and neither the data nor the cursor
moves; with ``on_bad_rows = "quarantine"`` the bad rows are kept aside (``peka sync
status`` lists them) and the rest of the batch goes in.

Within a batch only the last change of each record counts (a batch may replay a log), and
changes are applied customers first, merges next, then the records that refer to
customers, then deletions, so a batch is consistent whatever order the source sent it in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as default
from typing import Any

from assist.cache import formats as f
from assist.cache.dates import to_stored
from assist.cache.errors import E225
from assist.cache.importer import (
    CUSTOMER_DB_COLUMNS,
    FIELD_ORDER,
    PLANS,
    Row,
    blame,
    store_rows,
    upsert_sql,
)
from assist.cache.store import Cache, utc_now
from assist.errors import PekaError
from assist.sync.errors import E253, E254, E255
from assist.sync.model import Batch, Change

_CUSTOMER_SQL = upsert_sql("customers", (*CUSTOMER_DB_COLUMNS, "source"), ["id"])
_CUSTOMER_INSERT = _CUSTOMER_SQL.split(" ON CONFLICT ")[0]

_DELETE_SQL = {
    "customers": "DELETE FROM customers WHERE id = ?",
    "preferences": "DELETE FROM preferences WHERE customer_id = ? AND key = ?",
    "transactions": "DELETE FROM transactions WHERE id = ?",
    "interactions": "DELETE FROM interactions WHERE id = ?",
}
# Position of customer_id in each entity's database row.
_CUSTOMER_INDEX = {"preferences": 0, "transactions": 1, "interactions": 1}


@dataclass(frozen=True, slots=True)
class RowProblem:
    source: str
    entity: str
    where: str
    field: str | None
    code: str
    message: str
    record: dict[str, Any] = default(default_factory=dict)

    def __str__(self) -> str:
        place = f"source '{self.source}', {self.entity} {self.where}"
        if self.field:
            place += f", field '{self.field}'"
        return f"{place}: [{self.code}] {self.message}"


@dataclass
class BatchResult:
    upserted: int = 0  # rows inserted or actually changed
    unchanged: int = 0
    deleted: int = 0
    merged: int = 0
    quarantined: list[RowProblem] = default(default_factory=list)

    @property
    def rows(self) -> int:
        return self.upserted + self.unchanged + self.deleted + self.merged


class BatchRefused(PekaError):
    """A bad row: the batch was not applied and the cursor did not move."""

    def __init__(self, problems: list[RowProblem]) -> None:
        first = problems[0]
        more = f" ({len(problems) - 1} more bad rows in this batch)" if len(problems) > 1 else ""
        super().__init__(
            E253,
            f"{first}{more}. The batch was refused: the cache and the source's cursor are "
            'unchanged. Fix the row at the source (or set on_bad_rows = "quarantine" for '
            "this source) and run `peka sync run` again.",
        )
        self.problems = problems


@dataclass
class Prepared:
    upserts: dict[str, dict[Any, tuple[Row, Change]]]
    deletes: dict[str, dict[Any, Change]]
    merges: dict[str, tuple[str, Change]]
    problems: list[RowProblem]


def _key(entity: str, row: Row) -> Any:
    return (row[0], row[1]) if entity == "preferences" else row[0]


def _delete_key(change: Change) -> Any:
    record = change.record
    if change.entity == "preferences":
        return (f.identifier(record.get("customer_id")), f.pref_key(record.get("key")))
    return f.identifier(record.get("id"))


def _problem(source: str, change: Change, name: str | None, code: str, message: str) -> RowProblem:
    return RowProblem(
        source, change.entity, str(change.where), name, code, message, dict(change.record)
    )


def prepare(source: str, changes: Iterable[Change], now: str) -> Prepared:
    """Read every change with the import formats' readers; the last change of a key wins."""
    prepared = Prepared({e: {} for e in PLANS}, {e: {} for e in PLANS}, {}, [])
    for change in changes:
        entity = change.entity
        plan = PLANS.get(entity)
        if plan is None:
            prepared.problems.append(
                _problem(
                    source,
                    change,
                    None,
                    E254,
                    f"unknown kind of record {entity!r}; use one of: " + ", ".join(PLANS),
                )
            )
            continue
        try:
            if change.op == "upsert":
                row = plan.convert(dict(change.record), now)
                key = _key(entity, row)
                prepared.deletes[entity].pop(key, None)
                if entity == "customers":
                    prepared.merges.pop(row[0], None)
                prepared.upserts[entity][key] = (row, change)
            elif change.op == "delete":
                key = _delete_key(change)
                prepared.upserts[entity].pop(key, None)
                prepared.deletes[entity][key] = change
            elif change.op == "merge" and entity == "customers":
                old = f.identifier(change.record.get("id"))
                try:
                    new = f.identifier(change.merged_into)
                except f.FieldError as exc:
                    raise _Blamed("merged_into", exc) from None
                if new == old:
                    raise _Blamed(
                        "merged_into", f.FieldError(E255, "a customer cannot be merged into itself")
                    )
                prepared.upserts[entity].pop(old, None)
                prepared.deletes[entity].pop(old, None)
                prepared.merges[old] = (new, change)
            else:
                prepared.problems.append(
                    _problem(
                        source, change, None, E254, f"{change.op!r} is not a change of {entity}"
                    )
                )
        except _Blamed as exc:
            prepared.problems.append(
                _problem(source, change, exc.field, exc.error.code, exc.error.message)
            )
        except f.FieldError as exc:
            name: str | None = "key" if entity == "preferences" else "id"
            error = exc
            if change.op == "upsert":
                blamed = blame(dict(change.record), entity, plan, now)
                name, error = blamed[0] if blamed else (FIELD_ORDER[entity][0], exc)
            prepared.problems.append(_problem(source, change, name, error.code, error.message))
    return prepared


def combine(earlier: Prepared, later: Prepared) -> Prepared:
    """``earlier`` followed by ``later`` as one batch: a later change of a key wins, as in
    :func:`prepare`. ``earlier`` is changed in place and returned."""
    for entity, entries in later.upserts.items():
        for key, entry in entries.items():
            earlier.deletes[entity].pop(key, None)
            if entity == "customers":
                earlier.merges.pop(key, None)
            earlier.upserts[entity].pop(key, None)  # keeps the dict in change order
            earlier.upserts[entity][key] = entry
    for entity, gone in later.deletes.items():
        for key, change in gone.items():
            earlier.upserts[entity].pop(key, None)
            earlier.deletes[entity][key] = change
    for old, merge in later.merges.items():
        earlier.upserts["customers"].pop(old, None)
        earlier.deletes["customers"].pop(old, None)
        earlier.merges.pop(old, None)
        earlier.merges[old] = merge
    earlier.problems.extend(later.problems)
    return earlier


def missing_customers(cache: Cache, prepared: Prepared) -> set[str]:
    """Customers that ``prepared``'s preferences, transactions or interactions name and
    that neither the cache nor the batch holds (directly or as a merge's survivor): a
    source that orders its feed by last change sends them in a later batch."""
    named = {
        row[_CUSTOMER_INDEX[entity]]
        for entity in _CUSTOMER_INDEX
        for row, _ in prepared.upserts[entity].values()
    }
    if not named:
        return set()
    sent = set(prepared.upserts["customers"])
    candidates = named - sent
    if not candidates:
        return set()
    via_batch = {c: prepared.merges[c][0] if c in prepared.merges else c for c in candidates}
    with cache.reading() as conn:
        ids = sorted(candidates | set(via_batch.values()))
        merged = dict(conn.execute(_SELECT_MERGES, (json.dumps(ids),)).fetchall())
        targets = {c: merged.get(t, t) for c, t in via_batch.items()}
        wanted = sorted(set(targets.values()) - sent)
        known = {r[0] for r in conn.execute(_SELECT_KNOWN, (json.dumps(wanted),))}
    gone = prepared.deletes["customers"]
    return {c for c, t in targets.items() if t not in sent and t not in known and t not in gone}


_SELECT_MERGES = (
    "SELECT old_id, new_id FROM sync_merges WHERE old_id IN (SELECT value FROM json_each(?))"
)
_SELECT_KNOWN = "SELECT id FROM customers WHERE id IN (SELECT value FROM json_each(?))"


class _Blamed(Exception):
    def __init__(self, field_name: str, error: f.FieldError) -> None:
        super().__init__(error.message)
        self.field = field_name
        self.error = error


def apply_batch(
    cache: Cache,
    source: str,
    batch: Batch,
    *,
    quarantine: bool = False,
    prepared: Prepared | None = None,
) -> BatchResult:
    """Apply ``batch`` and store its cursor in one transaction; raise BatchRefused on a bad
    row unless ``quarantine``."""
    stamp = to_stored(utc_now())
    if prepared is None:
        prepared = prepare(source, batch.changes, stamp)
    if prepared.problems and not quarantine:
        raise BatchRefused(prepared.problems)
    result = BatchResult(quarantined=list(prepared.problems))
    with cache.transaction() as conn:
        customers = [(*row, source) for row, _ in prepared.upserts["customers"].values()]
        if customers:
            conn.execute(
                "DELETE FROM sync_merges WHERE old_id IN (SELECT value FROM json_each(?))",
                (json.dumps([c[0] for c in customers]),),
            )
        changed = store_rows(conn, _CUSTOMER_INSERT, _CUSTOMER_SQL, customers)
        result.upserted += changed
        result.unchanged += len(customers) - changed
        result.merged = _merge(conn, source, prepared, result, stamp)
        for entity in ("preferences", "transactions", "interactions"):
            rows = _attach_to_customers(conn, source, entity, prepared, result)
            if rows:
                plan = PLANS[entity]
                changed = store_rows(conn, plan.insert_sql, plan.sql, rows)
                result.upserted += changed
                result.unchanged += len(rows) - changed
        for entity in ("preferences", "transactions", "interactions", "customers"):
            keys = list(prepared.deletes[entity])
            if keys:
                params = keys if entity == "preferences" else [(k,) for k in keys]
                before = conn.total_changes
                conn.executemany(_DELETE_SQL[entity], params)
                result.deleted += conn.total_changes - before
        if result.quarantined and not quarantine:
            raise BatchRefused(result.quarantined)
        _record(conn, source, batch, result, stamp)
    return result


def _merge(
    conn: sqlite3.Connection, source: str, prepared: Prepared, result: BatchResult, stamp: str
) -> int:
    merged = 0
    for old, (new, change) in prepared.merges.items():
        target = _resolve(conn, new)
        exists = conn.execute("SELECT 1 FROM customers WHERE id = ?", (target,)).fetchone()
        if target == old:
            result.quarantined.append(
                _problem(
                    source, change, "merged_into", E255, "the merge leads back to the same customer"
                )
            )
            continue
        if exists is None:
            # The survivor is not here (it was deleted since, or comes later): the merged
            # customer is gone either way, and later records that name it follow the survivor.
            gone = conn.execute("DELETE FROM customers WHERE id = ?", (old,)).rowcount
            if gone or _resolve(conn, old) != target:
                _remember_merge(conn, old, target, source, stamp)
                merged += 1
            continue
        conn.execute("UPDATE transactions SET customer_id = ? WHERE customer_id = ?", (target, old))
        conn.execute("UPDATE interactions SET customer_id = ? WHERE customer_id = ?", (target, old))
        # The surviving customer's own preferences win over the merged one's.
        conn.execute(
            "INSERT OR IGNORE INTO preferences (customer_id, key, value)"
            " SELECT ?, key, value FROM preferences WHERE customer_id = ?",
            (target, old),
        )
        conn.execute("DELETE FROM customers WHERE id = ?", (old,))
        _remember_merge(conn, old, target, source, stamp)
        merged += 1
    return merged


def _remember_merge(
    conn: sqlite3.Connection, old: str, target: str, source: str, stamp: str
) -> None:
    conn.execute("UPDATE sync_merges SET new_id = ? WHERE new_id = ?", (target, old))
    conn.execute(
        "INSERT INTO sync_merges (old_id, new_id, source, at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id,"
        " source = excluded.source, at = excluded.at",
        (old, target, source, stamp),
    )


def _resolve(conn: sqlite3.Connection, customer_id: str) -> str:
    row = conn.execute("SELECT new_id FROM sync_merges WHERE old_id = ?", (customer_id,)).fetchone()
    return str(row[0]) if row else customer_id


def _attach_to_customers(
    conn: sqlite3.Connection, source: str, entity: str, prepared: Prepared, result: BatchResult
) -> list[Row]:
    """Rows of ``entity`` with merged customers' ids replaced by the survivors'; rows that
    name a customer the cache does not hold become problems."""
    entries = prepared.upserts[entity]
    if not entries:
        return []
    index = _CUSTOMER_INDEX[entity]
    named = json.dumps(sorted({row[index] for row, _ in entries.values()}))
    merged = dict(conn.execute(_SELECT_MERGES, (named,)).fetchall())
    wanted = {merged.get(row[index], row[index]) for row, _ in entries.values()}
    known = {r[0] for r in conn.execute(_SELECT_KNOWN, (json.dumps(sorted(wanted)),))}
    rows: list[Row] = []
    for row, change in entries.values():
        customer = merged.get(row[index], row[index])
        if customer not in known and customer in prepared.deletes["customers"]:
            continue  # the customer is deleted in this batch: their records go with them
        if customer not in known:
            result.quarantined.append(
                _problem(
                    source,
                    change,
                    "customer_id",
                    E225,
                    f"customer {row[index]!r} is not in the cache and the source did not send "
                    "it in this run; the source must send the customer with their records",
                )
            )
            continue
        if customer != row[index]:
            row = (*row[:index], customer, *row[index + 1 :])
        rows.append(row)
    return rows


def _record(
    conn: sqlite3.Connection, source: str, batch: Batch, result: BatchResult, stamp: str
) -> None:
    conn.execute(
        "UPDATE sync_sources SET cursor = ?, last_rows = last_rows + ?,"
        " total_rows = total_rows + ? WHERE name = ?",
        (batch.cursor, result.rows, result.rows, source),
    )
    if batch.files:
        conn.executemany(
            "INSERT OR IGNORE INTO sync_files (source, sha256, name, taken_at) VALUES (?, ?, ?, ?)",
            [(source, sha, name, stamp) for sha, name in batch.files],
        )
    if result.quarantined:
        conn.executemany(
            "INSERT INTO sync_quarantine (source, at, entity, row, field, code, message, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    source,
                    stamp,
                    p.entity,
                    p.where,
                    p.field,
                    p.code,
                    p.message,
                    json.dumps(p.record, ensure_ascii=False, default=str),
                )
                for p in result.quarantined
            ],
        )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('last_import_at', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (stamp,),
    )
