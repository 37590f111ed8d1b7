"""Report CSV files: what a spreadsheet opens, written in one step, and a folder that
cannot take them is [E715] naming the file, with nothing left behind."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from assist.errors import PekaError
from assist.reports.csv_out import read_csv, write_csv
from assist.reports.figures import Table

TABLE = Table("approvals", "Approvals", ("agent_id", "note"),
              [("dewi", "=HYPERLINK(\"x\")"), ("ani", None)])  # fmt: skip


def test_a_csv_opens_in_a_spreadsheet_as_text_and_the_team_may_read_it(tmp_path: Path) -> None:
    path = write_csv(TABLE, tmp_path / "report")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfagent_id,note\r\n")  # BOM: UTF-8 in Excel
    assert read_csv(path) == [
        {"agent_id": "dewi", "note": '\'=HYPERLINK("x")'},  # a formula stays text
        {"agent_id": "ani", "note": ""},
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # like the folder's index.html
    assert [p.name for p in path.parent.iterdir()] == ["approvals.csv"]


def test_a_folder_that_cannot_take_the_file_is_e715_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "report"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(PekaError, match=r"\[E715\] Cannot write .*report/approvals\.csv"):
        write_csv(TABLE, blocker)
    assert [p.name for p in tmp_path.iterdir()] == ["report"]
