"""Retention: forget transactions and interactions older than N days.

A transaction counts by the later of when it was made and when its status last changed,
so a years-old order still in dispute stays. A customer goes too when nothing of theirs
is left and their own record has not been updated (imported with changes) within the
same period; their preferences go with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from assist.cache.dates import to_stored
from assist.cache.errors import E230
from assist.cache.store import Cache, utc_now
from assist.errors import PekaError


@dataclass(frozen=True, slots=True)
class PurgeResult:
    cutoff: datetime
    transactions: int
    interactions: int
    customers: int
    preferences: int


def purge(
    cache: Cache, older_than_days: int, *, vacuum: bool = False, now: datetime | None = None
) -> PurgeResult:
    if older_than_days < 1:
        raise PekaError(E230, f"--older-than must be at least 1 day, not {older_than_days}.")
    cutoff = (now or utc_now()) - timedelta(days=older_than_days)
    stamp = to_stored(cutoff)
    with cache.transaction() as conn:
        tx = conn.execute(
            "DELETE FROM transactions WHERE max(created_at, coalesce(status_changed_at, '')) < ?",
            (stamp,),
        ).rowcount
        ix = conn.execute("DELETE FROM interactions WHERE occurred_at < ?", (stamp,)).rowcount
        gone = (
            " FROM customers c WHERE c.updated_at < ?"
            " AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.id)"
            " AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = c.id)"
        )
        prefs = conn.execute(
            f"DELETE FROM preferences WHERE customer_id IN (SELECT c.id{gone})", (stamp,)
        ).rowcount
        customers = conn.execute(
            f"DELETE FROM customers WHERE id IN (SELECT c.id{gone})", (stamp,)
        ).rowcount
    if vacuum:
        with cache.reading() as conn:
            conn.execute("VACUUM")
    return PurgeResult(cutoff, tx, ix, customers, prefs)
