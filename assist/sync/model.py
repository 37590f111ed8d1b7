"""The connector interface: what every sync source delivers.

A connector turns the company's system into :class:`Batch` es. A batch holds changed
records in the documented import formats (``docs/import-formats.md``), deletions and
merges, and the cursor that says how far the source has been read once this batch is in
the cache. Peka stores that cursor in the cache in the same transaction as the batch, so
a connector never has to remember anything itself::

    class MySource:
        name = "crm"
        kind = "my-crm"

        def batches(self, cursor: str | None, batch_size: int) -> Iterator[Batch]:
            position = json.loads(cursor) if cursor else 0
            for page in read_pages_after(position, batch_size):
                yield Batch(
                    changes=[Change("customers", row, where=f"row {row['id']}") for row in page],
                    cursor=json.dumps(page.last_position),
                )

A connector is registered with :func:`assist.sync.sources.register_kind` and configured in
the sources file like the built-in kinds (docs/sync.md, "Adding a kind of source").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from assist.cache.formats import ENTITY_ORDER

ENTITIES = ENTITY_ORDER  # customers, preferences, transactions, interactions

Op = Literal["upsert", "delete", "merge"]


@dataclass(frozen=True, slots=True)
class Change:
    """One changed record.

    ``upsert``: ``record`` holds the entity's fields as in the import formats.
    ``delete``: ``record`` holds the key (``id``; for preferences ``customer_id`` and ``key``).
    ``merge`` (customers only): the customer ``record["id"]`` was merged into
    ``merged_into``; their preferences, transactions and interactions move there.
    ``where`` names the row in messages: "line 7", "page 3, item 12", "id C000123" (any
    object whose ``str()`` does, so a source may format it only when a row is bad).
    """

    entity: str
    record: Mapping[str, Any]
    where: object
    op: Op = "upsert"
    merged_into: str | None = None


@dataclass(frozen=True, slots=True)
class Batch:
    changes: list[Change]
    cursor: str | None  # the source's position once this batch is applied
    label: str = ""  # e.g. the file name, "page 3"
    files: list[tuple[str, str]] = field(default_factory=list)  # (sha256, name) taken


class Connector(Protocol):
    """What a source must offer: a name, a kind, and batches after a cursor."""

    name: str
    kind: str

    def batches(self, cursor: str | None, batch_size: int) -> Iterator[Batch]:
        """Changed records after ``cursor`` (None: from the beginning), in batches of
        about ``batch_size`` changes. Raise PekaError (E252/E254) when the source cannot
        be read; the runner stops at the first error and keeps the last applied cursor."""
        ...
