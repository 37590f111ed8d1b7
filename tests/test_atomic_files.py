"""A file replaced in one step: the new bytes or the old file, never a temporary left over."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from assist.atomic_files import replace_file


def test_replace_file_writes_the_new_bytes_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "set.jsonl"
    replace_file(target, b"old\n")
    replace_file(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in target.parent.iterdir()] == ["set.jsonl"]


def test_a_failed_replace_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "set.jsonl"
    replace_file(target, b"old\n")

    def refuse(src: str, dst: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("assist.atomic_files.os.replace", refuse)
    with pytest.raises(OSError):
        replace_file(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["set.jsonl"]


def test_the_file_gets_the_mode_asked_for_and_is_private_by_default(tmp_path: Path) -> None:
    private, shared = tmp_path / "private.jsonl", tmp_path / "shared.toml"
    replace_file(private, b"x")
    replace_file(shared, b"y", mode=0o644)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
