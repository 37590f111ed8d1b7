"""Write figures as CSV files a spreadsheet opens directly (UTF-8 with BOM, one header row)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from assist.reports.figures import Table
from assist.reports.files import save_report_file


def write_csv(table: Table, folder: Path) -> Path:
    """Write ``table`` to ``folder/<name>.csv`` in one step; empty cells for missing values."""
    path = folder / f"{table.name}.csv"
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_cell(cell) for cell in row])
    # utf-8-sig: Excel reads the BOM as "this is UTF-8" (agent names with accents).
    # Readable like the folder's index.html and charts: the folder is for a team meeting.
    save_report_file(path, text.getvalue().encode("utf-8-sig"), mode=0o644)
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
