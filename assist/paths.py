"""Where Peka keeps per-user data, per-user config and IT's machine-wide config.

Environment overrides exist so that IT can relocate folders and tests can isolate
themselves: ``PEKA_MACHINE_DIR``, ``PEKA_CONFIG_DIR`` and ``PEKA_DATA_DIR``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Peka"
APP_AUTHOR = "Peka"


def machine_dir() -> Path:
    """IT's machine-wide folder: config, signed policy and supervisors' public keys."""
    override = os.environ.get("PEKA_MACHINE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME
    return Path("/etc/peka")


def user_config_dir() -> Path:
    override = os.environ.get("PEKA_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR, roaming=True))


def user_data_dir() -> Path:
    override = os.environ.get("PEKA_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def machine_config_file() -> Path:
    return machine_dir() / "config.toml"


def user_config_file() -> Path:
    return user_config_dir() / "config.toml"
