"""The drop-folder source: export files appear in a folder (local or a network share).

Every CSV, JSON or JSON Lines file in the documented import formats is taken once, by
the SHA-256 of its content, and left where it is (the folder may be read-only for
agents). A file is one batch: all of it or none of it. Files are taken customers first,
then preferences, transactions, interactions and deletions, each group in name order,
so exports named by time (``2026-12-05T0100-customers.csv``) apply in time order.

A deletions file has the columns ``entity`` and ``id`` (preferences: ``customer_id`` and
``key``) and, for a customer merged into another, ``merged_into``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from assist.cache.importer import check_columns, detect_entity
from assist.cache.readers import Table, read_table
from assist.errors import PekaError
from assist.sync.errors import E254, E258
from assist.sync.model import ENTITIES, Batch, Change
from assist.sync.sources import Context, Kind, SourceSpec, register_kind

SUFFIXES = (".csv", ".json", ".jsonl", ".ndjson")
DELETIONS = "deletions"
DELETION_COLUMNS = ("entity", "id", "customer_id", "key", "merged_into")
_ORDER = (*ENTITIES, DELETIONS)


class DropFolderSource:
    kind = "folder"

    def __init__(
        self,
        name: str,
        folder: Path,
        taken: Callable[[str], bool],
        *,
        settle_seconds: int = 10,
    ) -> None:
        self.name = name
        self.folder = folder
        self.taken = taken
        self.settle_seconds = settle_seconds

    def _candidates(self) -> list[Path]:
        try:
            entries = list(self.folder.iterdir())
        except OSError as exc:
            raise PekaError(
                E258,
                f"Source '{self.name}': cannot read the drop folder {self.folder} "
                f"({exc.strerror or exc}). Check the path in the sources file and that this "
                "account may read the folder (and the share is connected).",
            ) from exc
        settled_before = time.time() - self.settle_seconds
        found = []
        for path in entries:
            # Hidden and temporary names are files still being copied in.
            if path.name.startswith((".", "~")) or path.suffix.lower() not in SUFFIXES:
                continue
            try:
                if not path.is_file() or path.stat().st_mtime > settled_before:
                    continue
            except OSError:
                continue
            found.append(path)
        return found

    def batches(self, cursor: str | None, batch_size: int) -> Iterator[Batch]:
        pending: list[tuple[int, str, Path, str, Table]] = []
        for path in self._candidates():
            try:
                content = path.read_bytes()
            except OSError as exc:
                raise PekaError(
                    E258, f"Source '{self.name}': cannot read {path} ({exc.strerror or exc})."
                ) from exc
            digest = hashlib.sha256(content).hexdigest()
            if self.taken(digest):
                continue
            table = read_table(path)
            entity = DELETIONS if "entity" in table.columns else detect_entity(table)
            pending.append((_ORDER.index(entity), path.name, path, digest, table))
        pending.sort(key=lambda item: (item[0], item[1]))
        for rank, _, path, digest, table in pending:
            entity = _ORDER[rank]
            changes = (
                _deletions(path, table) if entity == DELETIONS else _upserts(path, entity, table)
            )
            yield Batch(changes, cursor, label=path.name, files=[(digest, path.name)])


def _upserts(path: Path, entity: str, table: Table) -> list[Change]:
    problems = check_columns(table, entity)
    if problems:
        first = problems[0]
        raise PekaError(first.code, f"{first.where}: {first.message}. The file was not taken.")
    return [
        Change(entity, record, where=f"{path.name}, line {line}") for line, record in table.rows
    ]


def _deletions(path: Path, table: Table) -> list[Change]:
    unknown = [c for c in table.columns if c not in DELETION_COLUMNS]
    if unknown:
        raise PekaError(
            E254,
            f"{path}: unknown column(s) {', '.join(unknown)} in a deletions file; use "
            + ", ".join(DELETION_COLUMNS),
        )
    changes = []
    for line, record in table.rows:
        entity = str(record.get("entity") or "").strip().lower()
        merged = str(record.get("merged_into") or "").strip()
        where = f"{path.name}, line {line}"
        if merged:
            changes.append(Change(entity, record, where, op="merge", merged_into=merged))
        else:
            changes.append(Change(entity, record, where, op="delete"))
    return changes


def _factory(spec: SourceSpec, context: Context) -> DropFolderSource:
    cache = context.cache

    def taken(digest: str) -> bool:
        with cache.reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM sync_files WHERE source = ? AND sha256 = ?", (spec.name, digest)
            ).fetchone()
        return row is not None

    return DropFolderSource(
        spec.name,
        Path(spec.text("path")).expanduser(),
        taken,
        settle_seconds=spec.number("settle_seconds", 10, 0, 3600),
    )


register_kind(
    Kind(
        "folder",
        ("path", "settle_seconds"),
        _factory,
        "Export files in the import formats, each taken once by content.",
    )
)
