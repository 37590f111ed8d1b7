"""Peka's log file: one rotating file in the user's log folder, for IT and support.

Every command (``peka …`` and the ``peka-sidebar`` launcher) writes a line when it starts
and when it ends, with its exit status and any coded error; unexpected errors are written
with their traceback. Only command names are logged, never their arguments: those may hold
a customer's message, name or phone number.

``PEKA_LOG_DIR`` relocates the folder (for IT and for tests).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

import platformdirs

from assist import __version__, paths

LOG_NAME = "peka.log"
MAX_BYTES = 1_000_000
BACKUPS = 4  # peka.log.1 … peka.log.4: about 5 MB in all
LOGGERS = ("peka", "assist", "ui")
FORMAT = "%(asctime)s %(levelname)-7s [%(process)d] %(name)s: %(message)s"

log = logging.getLogger("peka")


class _PekaHandler(logging.handlers.RotatingFileHandler):
    """The handler this module installs (so it is replaced rather than doubled)."""

    def doRollover(self) -> None:
        # On Windows a file another Peka process holds open (the sidebar, while IT runs
        # `peka doctor`) cannot be renamed: keep writing to it and rotate another time,
        # rather than print a logging error on every line.
        try:
            super().doRollover()
        except OSError:
            if self.stream is None:
                self.stream = self._open()


def log_dir() -> Path:
    override = os.environ.get("PEKA_LOG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(paths.APP_NAME, paths.APP_AUTHOR))


def log_file() -> Path:
    return log_dir() / LOG_NAME


def _private_file(path: Path) -> None:
    """Create the log owner-only before the first line is written (it names files and users)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)


def setup_logging() -> Path | None:
    """Send Peka's log records to the rotating log file; returns its path, or None when the
    folder cannot be written (then Peka runs on without a log rather than not at all)."""
    target = log_file()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _PekaHandler):
            if Path(handler.baseFilename) == target.resolve():
                return target
            root.removeHandler(handler)
            handler.close()
    try:
        _private_file(target)
        handler = _PekaHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        print(f"Peka cannot write its log file {target}: {exc}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
    return target


def log_start(command: str) -> None:
    log.info("%s: started (Peka %s, Python %s)", command, __version__, sys.version.split()[0])


def close_logging() -> None:
    """Detach and close the log file (tests, and processes that switch folders)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _PekaHandler):
            root.removeHandler(handler)
            handler.close()
