"""Peka's local customer cache: profiles, preferences, transactions and past contacts.

The rest of Peka uses :class:`Cache` (see docs/cache.md)::

    with Cache.open(path) as cache:
        hits = cache.search("0812 3456")
        record = cache.open_customer(hits[0].customer_id)
"""

from __future__ import annotations

from assist.cache.store import Cache, CacheStats

__all__ = ["Cache", "CacheStats"]
