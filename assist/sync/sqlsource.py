"""The SQL source: one read-only query per entity against the company's PostgreSQL.

IT writes each query to return the entity's import-format columns plus ``updated_at``
(and optionally ``deleted`` and, for customers, ``merged_into``). Peka reads it
incrementally, in pages ordered by ``(updated_at, key)`` after the stored cursor::

    SELECT * FROM (<IT's query>) AS src
    WHERE (updated_at, id) > (%s, %s) ORDER BY updated_at, id LIMIT %s

The key breaks ties, so rows that share a timestamp are neither read twice nor lost
between pages. A run starts at the stored time itself (``updated_at >= %s``): a row
written after the last run may carry that same time, and the rows that share it are read
again, which changes nothing in the cache. A run reads every entity in one REPEATABLE
READ, READ ONLY transaction: one consistent snapshot, customers before the records that
name them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from assist.cache.formats import ENTITIES as FORMATS
from assist.errors import PekaError
from assist.sync.errors import E250, E252, E254
from assist.sync.model import ENTITIES, Batch, Change
from assist.sync.sources import Context, Kind, SourceSpec, register_kind

KEYS: dict[str, tuple[str, ...]] = {
    "customers": ("id",),
    "preferences": ("customer_id", "key"),
    "transactions": ("id",),
    "interactions": ("id",),
}
CONTROL = ("updated_at", "deleted", "merged_into")


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    if isinstance(value, dict) and "date" in value:
        return date.fromisoformat(value["date"])
    return value


def paged_sql(query: str, keys: Sequence[str], after: str) -> str:
    """``after``: "" (from the start), "time" (rows at or after a time) or "key" (rows
    after a time and key)."""
    order = ", ".join(("updated_at", *keys))
    where = ""
    if after == "key":
        marks = ", ".join(["%s"] * (len(keys) + 1))
        where = f" WHERE ({order}) > ({marks})"
    elif after == "time":
        where = " WHERE updated_at >= %s"
    return f"SELECT * FROM ({query}) AS peka_src{where} ORDER BY {order} LIMIT %s"


class SqlSource:
    kind = "sql"

    def __init__(
        self,
        name: str,
        conninfo: str,
        queries: dict[str, str],
        *,
        password: str | None = None,
        connect_timeout: int = 15,
    ) -> None:
        self.name = name
        self.conninfo = conninfo
        self.queries = queries
        self.password = password
        self.connect_timeout = connect_timeout

    def connect_advice(self) -> str:
        return (
            "Check `dsn` in the sources file, the network, and the password stored with "
            f"`peka sync secret {self.name}`."
        )

    def query_advice(self) -> str:
        return (
            "Check the query in the sources file (it must return updated_at and the key columns)."
        )

    def _connect(self) -> Any:
        import psycopg

        extra: dict[str, Any] = {"connect_timeout": self.connect_timeout}
        if self.password is not None:
            extra["password"] = self.password
        try:
            conn = psycopg.connect(self.conninfo, **extra)
        except psycopg.Error as exc:
            raise PekaError(
                E252,
                f"Source '{self.name}': cannot connect to PostgreSQL ({exc}). "
                + self.connect_advice(),
            ) from exc
        conn.read_only = True
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        return conn

    def batches(self, cursor: str | None, batch_size: int) -> Iterator[Batch]:
        import psycopg

        state: dict[str, list[Any]] = json.loads(cursor) if cursor else {}
        conn = self._connect()
        try:
            with conn.transaction():
                for entity in ENTITIES:
                    query = self.queries.get(entity)
                    if query is None:
                        continue
                    yield from self._entity(conn, entity, query, state, batch_size)
        except psycopg.Error as exc:
            raise PekaError(
                E252,
                f"Source '{self.name}': the {_current(exc)} query failed ({exc}). "
                + self.query_advice(),
            ) from exc
        finally:
            conn.close()

    def _entity(
        self, conn: Any, entity: str, query: str, state: dict[str, list[Any]], size: int
    ) -> Iterator[Batch]:
        keys = KEYS[entity]
        allowed = set(FORMATS[entity].column_names) | set(CONTROL)
        # A run starts again at the stored time itself: a row written after the last run
        # may carry that same time (clocks tick coarsely), and re-reading the rows that
        # share it changes nothing. Within a run, pages continue after (time, key).
        first = True
        while True:
            position = state.get(entity)
            params: list[Any] = [_decode(v) for v in position] if position else []
            after = "" if not position else ("time" if first else "key")
            if after == "time":
                params = params[:1]
            first = False
            with conn.cursor() as cur:
                try:
                    cur.execute(paged_sql(query, keys, after), [*params, size])
                except Exception as exc:
                    exc.add_note(entity)
                    raise
                columns = [d.name for d in cur.description or ()]
                rows = cur.fetchall()
            self._check_columns(entity, columns, allowed, keys)
            if not rows:
                return
            changes = [self._change(entity, columns, row, keys) for row in rows]
            last = dict(zip(columns, rows[-1], strict=True))
            state[entity] = [_encode(last[c]) for c in ("updated_at", *keys)]
            yield Batch(changes, json.dumps(state), label=f"{entity} up to {last[keys[0]]}")
            if len(rows) < size:
                return

    def _check_columns(
        self, entity: str, columns: list[str], allowed: set[str], keys: Sequence[str]
    ) -> None:
        unknown = [c for c in columns if c not in allowed]
        missing = [c for c in ("updated_at", *keys) if c not in columns]
        if unknown or missing:
            raise PekaError(
                E254,
                f"Source '{self.name}': the {entity} query returns "
                + (f"unknown column(s) {', '.join(unknown)}" if unknown else "")
                + ("; " if unknown and missing else "")
                + (f"no column(s) {', '.join(missing)}" if missing else "")
                + f". Return the import-format columns of {entity} (docs/import-formats.md) "
                "plus updated_at, and optionally deleted and merged_into.",
            )

    @staticmethod
    def _change(entity: str, columns: list[str], row: Sequence[Any], keys: Sequence[str]) -> Change:
        record = dict(zip(columns, row, strict=True))
        stamp = record.pop("updated_at")
        deleted = record.pop("deleted", None)
        merged = record.pop("merged_into", None)
        where = _Where(record, keys, stamp)
        if merged:
            return Change(entity, record, where, op="merge", merged_into=str(merged))
        if deleted:
            return Change(entity, record, where, op="delete")
        return Change(entity, record, where)


class _Where:
    """Names a row in messages ("id T12 (updated_at …)"), formatted only for a bad row."""

    __slots__ = ("keys", "record", "stamp")

    def __init__(self, record: dict[str, Any], keys: Sequence[str], stamp: Any) -> None:
        self.record, self.keys, self.stamp = record, keys, stamp

    def __str__(self) -> str:
        named = "; ".join(f"{k} {self.record.get(k)}" for k in self.keys)
        return f"{named} (updated_at {self.stamp})"


def _current(exc: BaseException) -> str:
    notes = getattr(exc, "__notes__", None)
    return str(notes[-1]) if notes else "a"


def _factory(spec: SourceSpec, context: Context) -> SqlSource:
    dsn = spec.text("dsn")
    if "password" in dsn.lower():
        raise spec.fail("dsn", "must not hold a password: store it with `peka sync secret`")
    queries = spec.options.get("queries")
    if not isinstance(queries, dict) or not queries:
        raise spec.fail("queries", "needs at least one query, e.g. [sources.NAME.queries]")
    for entity, query in queries.items():
        if entity not in ENTITIES:
            raise spec.fail(f"queries.{entity}", "must be one of: " + ", ".join(ENTITIES))
        if not isinstance(query, str) or not query.strip():
            raise spec.fail(f"queries.{entity}", "must be a SELECT statement")
        if ";" in query.strip().rstrip(";"):
            raise PekaError(E250, f"{spec.file}: queries.{entity}: one SELECT, no ';' inside.")
    return SqlSource(
        spec.name,
        dsn,
        {e: q.strip().rstrip(";") for e, q in queries.items()},
        password=context.secret(spec.name),
        connect_timeout=spec.number("connect_timeout", 15, 1, 600),
    )


register_kind(
    Kind(
        "sql",
        ("dsn", "queries", "connect_timeout"),
        _factory,
        "A read-only query per entity against PostgreSQL, incremental by (updated_at, key).",
    )
)
