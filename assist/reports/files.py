"""Report files on disk: written in one step, and a folder that refuses them is [E715]."""

from __future__ import annotations

from pathlib import Path

from assist.atomic_files import replace_file
from assist.errors import PekaError
from assist.reports.errors import E715


def save_report_file(path: Path, payload: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``payload`` (``mode``: private unless the caller says
    otherwise); a folder that cannot take it is [E715], naming the file."""
    try:
        replace_file(path, payload, mode=mode)
    except OSError as exc:
        raise PekaError(
            E715, f"Cannot write {path}: {exc.strerror}. Choose a folder you may write to."
        ) from exc
