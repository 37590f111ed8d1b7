"""Finding a customer from whatever the agent has: a name, part of a phone number in
any Indonesian format, an e-mail, a customer id, or an order / invoice number.

Exact matches of an id, phone, e-mail or reference come first, then names that start
with the query, then substrings (a trigram index makes partial input cheap); among
equally good matches, the customer active most recently comes first. Queries
are never passed to FTS5 as syntax: each word is quoted, so quotes, ``*``, ``NEAR``,
``-`` and ``:`` are just characters.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from assist.cache.keys import name_key, ref_key
from assist.cache.models import PROBLEM_STATUSES, SearchHit
from assist.phone import normalise_phone, phone_search_key

_HIT_COLUMNS = "c.id, c.full_name, c.salutation, c.phone, c.email, c.tier, c.name_key"
_PHONEISH = re.compile(r"^[\d\s+().\-/]+$")
_CANDIDATES = 400  # trigram candidates re-ranked in Python

# Scores: higher is better; equal scores fall back to the name.
EXACT_ID = 100
EXACT_PHONE = 98
EXACT_REFERENCE = 97
EXACT_EMAIL = 96
EXACT_NAME = 90
NAME_PREFIX = 85
PHONE_PREFIX = 80
WORD_PREFIX = 78
REFERENCE_PARTIAL = 72
PHONE_PART = 70
NAME_PART = 60
EMAIL_PART = 55


class _Hits:
    def __init__(self) -> None:
        self.best: dict[str, tuple[int, SearchHit]] = {}

    def add(self, row: Sequence[Any], score: int, matched: str, value: str) -> None:
        known = self.best.get(row[0])
        if known is not None and known[0] >= score:
            return
        hit = SearchHit(
            customer_id=row[0],
            full_name=row[1],
            salutation=row[2],
            phone=row[3],
            email=row[4],
            tier=row[5],
            matched=matched,
            matched_value=value,
        )
        self.best[row[0]] = (score, hit)

    def best_score(self) -> int:
        return max((score for score, _ in self.best.values()), default=0)

    def ranked(self, limit: int, conn: sqlite3.Connection | None = None) -> list[SearchHit]:
        """Best match first; among equally good matches the customer with the most
        recent open case, then the one active most recently (the one likely writing
        now), then the name."""
        items = sorted(self.best.values(), key=lambda item: (-item[0], item[1].full_name))
        if conn is None:
            return [hit for _, hit in items[:limit]]
        # Recency only reorders within a score, so the pool is every hit scored at least
        # as well as the last one that would be shown.
        floor = items[min(limit, len(items)) - 1][0] if items else 0
        pool = [
            (
                (-score, -_open_case(conn, hit.customer_id)),
                replace(hit, last_activity=_last_activity(conn, hit.customer_id)),
            )
            for score, hit in items
            if score >= floor
        ]
        oldest = datetime.min.replace(tzinfo=UTC)
        pool.sort(
            key=lambda item: (
                item[0],
                -_stamp(item[1].last_activity or oldest),
                item[1].full_name,
            )
        )
        return [hit for _, hit in pool[:limit]]


def _stamp(moment: datetime) -> float:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


_OPEN_CASE_SQL = (
    "SELECT MAX(status_changed_at) FROM transactions WHERE customer_id = ? AND status IN ("
    + ", ".join(f"'{status}'" for status in sorted(PROBLEM_STATUSES))
    + ")",
    "SELECT MAX(occurred_at) FROM interactions WHERE customer_id = ?"
    " AND outcome IN ('follow_up', 'escalated')",
)
_ACTIVITY_SQL = (
    "SELECT MAX(created_at) FROM transactions WHERE customer_id = ?",
    "SELECT MAX(status_changed_at) FROM transactions WHERE customer_id = ?",
    "SELECT MAX(occurred_at) FROM interactions WHERE customer_id = ?",
)


def _latest(conn: sqlite3.Connection, customer_id: str, queries: Sequence[str]) -> datetime | None:
    latest: datetime | None = None
    for sql in queries:
        row = conn.execute(sql, (customer_id,)).fetchone()
        if row and row[0]:
            try:
                moment = datetime.fromisoformat(str(row[0]))
            except ValueError:
                continue
            if latest is None or _stamp(moment) > _stamp(latest):
                latest = moment
    return latest


def _last_activity(conn: sqlite3.Connection, customer_id: str) -> datetime | None:
    """The newest transaction, status change or interaction (index seeks)."""
    return _latest(conn, customer_id, _ACTIVITY_SQL)


def _open_case(conn: sqlite3.Connection, customer_id: str) -> float:
    """When the customer's latest unresolved problem moved (a problem transaction, a
    follow-up or escalation): such a customer is the likeliest to be writing now."""
    moment = _latest(conn, customer_id, _OPEN_CASE_SQL)
    return _stamp(moment) if moment is not None else 0.0


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _clean(query: str) -> str:
    # Lone surrogates and NULs cannot be bound as SQLite text; they never match anyway.
    text = query.encode("utf-8", "ignore").decode("utf-8").replace("\x00", " ")
    return " ".join(text.split())


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    text = _clean(query)
    if not text or limit <= 0:
        return []
    hits = _Hits()
    try:
        phoneish = bool(_PHONEISH.match(text))
        _by_id(conn, text, hits)
        if "@" in text:
            _by_email(conn, text, hits)
        if phoneish:
            _by_phone(conn, text, hits)
        _by_reference(conn, text, hits)
        # A whole id, phone, e-mail or reference is what the agent meant: skip the
        # substring passes, the slowest part for long inputs.
        if hits.best_score() >= EXACT_EMAIL:
            return hits.ranked(limit, conn)
        if not phoneish:
            _by_name(conn, text, hits)
    except sqlite3.OperationalError:
        # A query the index cannot take (e.g. only very short words) finds nothing more.
        pass
    return hits.ranked(limit, conn)


def _by_id(conn: sqlite3.Connection, text: str, hits: _Hits) -> None:
    for candidate in {text, text.upper()}:
        for row in conn.execute(
            f"SELECT {_HIT_COLUMNS} FROM customers c WHERE c.id = ?", (candidate,)
        ):
            hits.add(row, EXACT_ID, "id", row[0])


def _by_email(conn: sqlite3.Connection, text: str, hits: _Hits) -> None:
    for row in conn.execute(
        f"SELECT {_HIT_COLUMNS} FROM customers c WHERE c.email = ?", (text.lower(),)
    ):
        hits.add(row, EXACT_EMAIL, "email", row[4])


def _by_phone(conn: sqlite3.Connection, text: str, hits: _Hits) -> None:
    digits = phone_search_key(text)
    if len(digits) < 3:
        return
    full = normalise_phone(text)
    if full is not None:
        for row in conn.execute(
            f"SELECT {_HIT_COLUMNS} FROM customers c WHERE c.phone = ?", (full,)
        ):
            hits.add(row, EXACT_PHONE, "phone", row[3])
    if hits.best_score() >= EXACT_PHONE:
        return
    # Partial digits anywhere in the number (the trigram index holds the phone's digits).
    for row in conn.execute(
        f"SELECT {_HIT_COLUMNS}, c.phone_key FROM customers_fts f"
        " JOIN customers c ON c.rid = f.rowid"
        " WHERE customers_fts MATCH ? LIMIT ?",
        ("phone_key : " + _fts_phrase(digits), _CANDIDATES),
    ):
        score = PHONE_PREFIX if str(row[7]).startswith(digits) else PHONE_PART
        hits.add(row, score, "phone", row[3])


def _by_reference(conn: sqlite3.Connection, text: str, hits: _Hits) -> None:
    key = ref_key(text)
    if len(key) < 4 or not any(ch.isdigit() for ch in key):
        return
    sql = (
        f"SELECT {_HIT_COLUMNS}, t.reference FROM transactions t"
        " JOIN customers c ON c.id = t.customer_id WHERE "
    )
    for row in conn.execute(sql + "t.ref_key = ? LIMIT 20", (key,)):
        hits.add(row, EXACT_REFERENCE, "reference", row[7])
    if len(key) < 5:
        return
    # Start or end of a reference: people read out the tail of long invoice numbers.
    for row in conn.execute(
        sql + "t.ref_key > ? AND t.ref_key < ? LIMIT 20", (key, key + "\U0010ffff")
    ):
        hits.add(row, REFERENCE_PARTIAL, "reference", row[7])
    rev = key[::-1]
    for row in conn.execute(
        sql + "t.ref_rev > ? AND t.ref_rev < ? LIMIT 20", (rev, rev + "\U0010ffff")
    ):
        hits.add(row, REFERENCE_PARTIAL, "reference", row[7])


def _name_score(name_k: str, query_k: str, words: Iterable[str]) -> int:
    if name_k == query_k:
        return EXACT_NAME
    if name_k.startswith(query_k):
        return NAME_PREFIX
    name_words = name_k.split()
    if all(any(w.startswith(q) for w in name_words) for q in words):
        return WORD_PREFIX
    if all(q in name_k for q in words):
        return NAME_PART
    return 0


def _by_name(conn: sqlite3.Connection, text: str, hits: _Hits) -> None:
    query_k = name_key(text)
    words = query_k.split()
    long_words = [w for w in words if len(w) >= 3]
    if not long_words:
        # Too short for trigrams: names starting with the text (an index range scan).
        for row in conn.execute(
            f"SELECT {_HIT_COLUMNS} FROM customers c"
            " WHERE c.name_key >= ? AND c.name_key < ? LIMIT 50",
            (query_k, query_k + "\U0010ffff"),
        ):
            hits.add(row, _name_score(row[6], query_k, words) or NAME_PART, "name", row[1])
        return
    match = " AND ".join(_fts_phrase(w) for w in long_words)
    for row in conn.execute(
        f"SELECT {_HIT_COLUMNS} FROM customers_fts f JOIN customers c ON c.rid = f.rowid"
        " WHERE customers_fts MATCH ? LIMIT ?",
        (match, _CANDIDATES),
    ):
        score = _name_score(row[6], query_k, words)
        if score:
            hits.add(row, score, "name", row[1])
        elif row[4] and all(w in row[4] for w in long_words):
            hits.add(row, EMAIL_PART, "email", row[4])
    # Names starting with the query sit in an index: never lose "Budi Santoso" among
    # hundreds of other trigram candidates.
    for row in conn.execute(
        f"SELECT {_HIT_COLUMNS} FROM customers c WHERE c.name_key >= ? AND c.name_key < ? LIMIT 50",
        (query_k, query_k + "\U0010ffff"),
    ):
        hits.add(row, _name_score(row[6], query_k, words), "name", row[1])
