"""Write figures as CSV files a spreadsheet opens directly (UTF-8 with BOM, one header row)."""

from __future__ import annotations

import csv
import os
import uuid
from pathlib import Path

from assist.errors import PekaError
from assist.reports.errors import E715
from assist.reports.figures import Table


def write_csv(table: Table, folder: Path) -> Path:
    """Write ``table`` to ``folder/<name>.csv`` atomically; empty cells for missing values."""
    path = folder / f"{table.name}.csv"
    temporary = folder / f".{table.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # utf-8-sig: Excel reads the BOM as "this is UTF-8" (agent names with accents).
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.columns)
            for row in table.rows:
                writer.writerow([_cell(cell) for cell in row])
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise PekaError(
            E715, f"Cannot write {path}: {exc.strerror}. Choose a folder you may write to."
        ) from exc
    return path


def _cell(cell: object) -> object:
    if cell is None:
        return ""
    # A text cell starting like a formula would run in a spreadsheet: keep it text.
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
