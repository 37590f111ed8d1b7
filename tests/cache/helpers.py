from __future__ import annotations

import hashlib

from assist.cache import Cache

TABLES = ("customers", "preferences", "transactions", "interactions")


def content_hash(cache: Cache) -> str:
    """A digest of every entity row, to prove an operation changed nothing."""
    digest = hashlib.sha256()
    with cache.reading() as conn:
        for table in TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
    return digest.hexdigest()
