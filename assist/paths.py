"""Where Peka keeps per-user data, per-user config and IT's machine-wide config.

The folders come from the operating system, never from the environment: a user who could
point Peka at another machine folder (with its own ``locked`` list and policy) or another
data folder (a fresh ledger with fresh budgets) could raise their own authority. Even
``HOME`` and ``XDG_*`` are not read on Linux; the account's home comes from the password
database.

Two callers may relocate the folders, both in-process:

* the test suite, through :func:`use_folders` (the root ``conftest.py`` calls it for every
  test, and ``tests/peka_child.py`` for the Peka processes a test starts);
* the demo (``peka gui --demo``), whose sandbox folder follows ``PEKA_DATA_DIR`` through
  :func:`demo_data_dir`. The demo has its own ledger and a throwaway-key policy, so moving
  it moves nothing that grants real compensation.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Peka"
APP_AUTHOR = "Peka"


@dataclass(frozen=True)
class Folders:
    """Folders set in-process by the test suite (see :func:`use_folders`)."""

    machine: Path
    config: Path
    data: Path
    # The test suite plays several agents (``--agent``); attack tests turn this off to
    # behave exactly like a workstation.
    any_agent: bool = True


_folders: Folders | None = None


def use_folders(folders: Folders | None) -> None:
    """Relocate every folder for this process (tests only); ``None`` restores the real ones.

    While folders are relocated Peka is *sandboxed*: ``--agent`` is accepted (a test plays
    several agents) and the keyring may be a test backend. Nothing outside the process —
    no environment variable, no file — can do this.
    """
    global _folders
    _folders = folders


@contextmanager
def folders_used(folders: Folders) -> Iterator[Folders]:
    previous = _folders
    use_folders(folders)
    try:
        yield folders
    finally:
        use_folders(previous)


def sandboxed() -> bool:
    """True in the test suite (folders relocated in-process), never on a workstation."""
    return _folders is not None and _folders.any_agent


def account_home() -> Path:
    """The account's home folder from the OS (not ``HOME``, which the user may set)."""
    if sys.platform != "win32":
        import pwd

        try:
            return Path(pwd.getpwuid(os.getuid()).pw_dir)
        except KeyError:
            pass
    return Path.home()


def expand_user(path: Path) -> Path:
    """``~`` means the account's own home, whatever ``HOME`` says."""
    text = str(path)
    if text == "~" or text.startswith(("~/", "~\\")):
        return account_home() / text[2:]
    return path


def machine_dir() -> Path:
    """IT's machine-wide folder: config, signed policy and supervisors' public keys."""
    if _folders is not None:
        return _folders.machine
    if sys.platform == "win32":
        return _windows_program_data() / APP_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME
    return Path("/etc/peka")


def _windows_program_data() -> Path:
    # The known folder from the shell, not %PROGRAMDATA%, which a user may set.
    return Path(platformdirs.site_data_dir(appname=None, appauthor=False) or r"C:\ProgramData")


def user_config_dir() -> Path:
    if _folders is not None:
        return _folders.config
    if sys.platform == "win32" or sys.platform == "darwin":
        return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR, roaming=True))
    return account_home() / ".config" / APP_NAME


def user_data_dir() -> Path:
    if _folders is not None:
        return _folders.data
    if sys.platform == "win32" or sys.platform == "darwin":
        return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    return account_home() / ".local" / "share" / APP_NAME


def demo_data_dir() -> Path:
    """Where ``peka gui --demo`` keeps its sandbox: ``PEKA_DATA_DIR`` may move it."""
    override = os.environ.get("PEKA_DATA_DIR")
    base = Path(override) if override else user_data_dir()
    return base / "demo"


def machine_config_file() -> Path:
    return machine_dir() / "config.toml"


def user_config_file() -> Path:
    return user_config_dir() / "config.toml"
