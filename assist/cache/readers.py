"""Reading CSV, JSON (an array of objects) and JSON Lines files as (line, record) pairs.

Line numbers are the file's own, so an error can say "line 7" for every format; a JSON
array's objects are decoded one by one to know where each starts.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.cache.errors import E210
from assist.errors import PekaError
from assist.safe_parse import too_deep

Record = dict[str, Any]


@dataclass
class Table:
    path: Path
    format: str  # csv, json, jsonl
    columns: list[str]
    rows: list[tuple[int, Record]]


def _fail(path: Path, line: int | None, message: str) -> PekaError:
    where = f"{path}, line {line}" if line else str(path)
    return PekaError(E210, f"{where}: {message}")


def read_table(path: Path) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(path, None, f"cannot be read ({exc.strerror}). Check the path.") from exc
    try:
        body = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, line, "is not UTF-8 text. Save the export as UTF-8.") from exc
    suffix = path.suffix.lower()
    first = body.lstrip()[:1]
    try:
        if suffix in (".jsonl", ".ndjson") or (
            suffix != ".csv" and suffix != ".json" and first == "{"
        ):
            return _read_jsonl(path, body)
        if suffix == ".json" or (suffix != ".csv" and first == "["):
            return _read_json(path, body)
    except RecursionError:
        raise too_deep(str(path)) from None
    return _read_csv(path, body)


def _split_lines(body: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with their first line number, exactly as the csv module reads them.

    Lines are what the csv module sees with ``newline=""`` (ended by ``\\n``, ``\\r\\n`` or
    ``\\r``; never by U+2028 or other Unicode breaks a note may hold). A line without a
    quote is split directly (several times faster, and the same result); a record with
    quotes, which may span lines, is read by the csv module itself.
    """
    lines = io.StringIO(body, newline="")
    number = 0

    def counted() -> Iterator[str]:
        nonlocal number
        for line in lines:
            number += 1
            yield line

    source = counted()
    for line in source:
        if '"' not in line:
            stripped = line.rstrip("\r\n")
            yield number, stripped.split(delimiter) if stripped else []
            continue
        start = number
        reader = csv.reader(itertools.chain([line], source), delimiter=delimiter, strict=True)
        yield start, next(reader)


def _read_csv(path: Path, body: str) -> Table:
    header_line = body.split("\n", 1)[0]
    # Spreadsheets set to Indonesian write ';' between columns (',' is the decimal mark).
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    records = _split_lines(body, delimiter)
    try:
        header: list[str] | None = None
        rows: list[tuple[int, Record]] = []
        for line, values in records:
            if header is None:
                header = [h.strip().lower() for h in values]
                width = len(header)
                continue
            if len(values) != width:
                if not values or (len(values) == 1 and not values[0].strip()):
                    continue
                raise _fail(
                    path,
                    line,
                    f"has {len(values)} fields but the header has {width}. "
                    "Check for an unquoted separator in a value.",
                )
            rows.append((line, dict(zip(header, values))))  # noqa: B905 (checked above)
    except csv.Error as exc:
        raise _fail(path, None, f"is not valid CSV ({exc}).") from exc
    if header is None:
        raise _fail(path, None, "is empty; a CSV file needs a header row.")
    return Table(path, "csv", header, rows)


def _columns_of(rows: list[tuple[int, Record]]) -> list[str]:
    seen: dict[str, None] = {}
    for _, record in rows:
        for key in record:
            seen.setdefault(key, None)
    return list(seen)


def _lower_keys(path: Path, line: int, value: Any) -> Record:
    if not isinstance(value, dict):
        raise _fail(path, line, "each record must be a JSON object with the documented fields.")
    return {str(k).strip().lower(): v for k, v in value.items()}


def _read_jsonl(path: Path, body: str) -> Table:
    rows: list[tuple[int, Record]] = []
    loads = json.loads
    for number, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(path, number, f"is not valid JSON ({exc.msg}).") from exc
        rows.append((number, _lower_keys(path, number, value)))
    return Table(path, "jsonl", _columns_of(rows), rows)


def _read_json(path: Path, body: str) -> Table:
    decoder = json.JSONDecoder()
    rows: list[tuple[int, Record]] = []
    position = _skip(body, 0)
    if body[position : position + 1] != "[":
        raise _fail(path, 1, "a JSON import file must hold one array of objects.")
    position = _skip(body, position + 1)
    line, counted = 1, 0
    first = True
    while True:
        if body[position : position + 1] == "]":
            break
        if not first:
            if body[position : position + 1] != ",":
                line += body.count("\n", counted, position)
                raise _fail(path, line, "expected ',' or ']' between records.")
            position = _skip(body, position + 1)
        first = False
        line += body.count("\n", counted, position)
        counted = position
        try:
            value, end = decoder.raw_decode(body, position)
        except json.JSONDecodeError as exc:
            raise _fail(path, exc.lineno, f"is not valid JSON ({exc.msg}).") from exc
        rows.append((line, _lower_keys(path, line, value)))
        position = _skip(body, end)
        if position >= len(body):
            raise _fail(path, line, "the JSON array is not closed with ']'.")
    if body[_skip(body, position + 1) :].strip():
        raise _fail(path, None, "has text after the JSON array.")
    return Table(path, "json", _columns_of(rows), rows)


def _skip(body: str, position: int) -> int:
    length = len(body)
    while position < length and body[position] in " \t\r\n":
        position += 1
    return position


def iter_records(table: Table) -> Iterator[tuple[int, Record]]:
    yield from table.rows
