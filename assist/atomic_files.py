"""Replacing a file in one step: a reader sees the old file or the new one, never half of
it, and a write that fails leaves the old file (or none) and no temporary file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, synced to disk before
    the rename, so a crash cannot leave a truncated file. The file gets ``mode`` (private
    unless the caller says otherwise), set before the rename so it is never readable by
    others for a moment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
