"""Create folders and files that only their owner may read.

Customer data, ledgers and audit logs are personal data: they are created with
owner-only permissions before any byte is written, so there is no window in which
another local user could open them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from assist.errors import E105, PekaError


def ensure_private_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise PekaError(
            E105, f"Cannot create folder {path}: {exc.strerror}. Check that you may write there."
        ) from exc
    return path


def touch_private(path: Path) -> Path:
    """Create ``path`` (and its folder) as an owner-only file if it does not exist yet."""
    ensure_private_dir(path.parent)
    if path.exists():
        return path
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    except OSError as exc:
        raise PekaError(
            E105, f"Cannot create {path}: {exc.strerror}. Check that you may write there."
        ) from exc
    os.close(fd)
    if sys.platform != "win32":
        os.chmod(path, 0o600)
    return path
