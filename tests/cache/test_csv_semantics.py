"""CSV is read with the csv module's semantics: a valid export always reads back as written.

Before, the fast path split lines with ``str.splitlines()``, so a note holding U+2028
(or U+0085, a form feed, …) broke its record in two and the whole file was refused.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from assist.cache import Cache
from assist.cache.importer import import_files
from assist.cache.readers import _split_lines, read_table

CELL = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cs",),
        include_characters='\u2028\u2029\x85\x0b\x0c\x1c\r\n",; ',
    ),
    max_size=12,
)


def written(records: list[list[str]], delimiter: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(records)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(CELL, min_size=2, max_size=4), min_size=1, max_size=6),
    st.sampled_from([",", ";"]),
    st.sampled_from(["\r\n", "\n"]),
)
@example([["a", "b\u2028c"]], ",", "\n")
@example([["x", "1\r\n2"], ["y", ""]], ";", "\r\n")
def test_round_trip_equals_the_csv_module(
    records: list[list[str]], delimiter: str, ending: str
) -> None:
    body = written(records, delimiter)
    if ending == "\n":
        body = body.replace("\r\n", "\n") if '"' not in body else body
    expected = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True))
    got = [values for _, values in _split_lines(body, delimiter)]
    assert got == expected == records


def test_a_note_with_a_line_separator_imports(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(
        "id,full_name,salutation,phone,email,language,tier,customer_since,notes\n"
        "C1,Budi\x00 Santoso,Bapak,,,id,gold,,Suka dihubungi pagi\u2028bukan malam\n"
        "C2,Sri Wahyuni,Ibu,,,id,regular,,\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert [line for line, _ in table.rows] == [2, 3]
    with Cache.open(tmp_path / "cache.sqlite") as cache:
        import_files(cache, [path])
        record = cache.open_customer("C1")
    assert record is not None
    assert record.customer.notes == "Suka dihubungi pagi\u2028bukan malam"
    assert record.customer.full_name == "Budi Santoso"  # the NUL byte is not stored
