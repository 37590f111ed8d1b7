"""Every test runs with its own machine, config and data folders and an in-memory keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Real PostgreSQL (session cluster, per-test database): see tests/pg_fixtures.py.
pytest_plugins = ["tests.pg_fixtures"]


@pytest.fixture(autouse=True)
def isolated_peka(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from assist.cli.common import get_config
    from assist.logs import close_logging
    from tests.memory_keyring import MemoryKeyring

    home = tmp_path / "peka-home"
    monkeypatch.setenv("PEKA_MACHINE_DIR", str(home / "machine"))
    monkeypatch.setenv("PEKA_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("PEKA_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PEKA_LOG_DIR", str(home / "logs"))
    get_config.cache_clear()
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield home
    keyring.set_keyring(previous)
    get_config.cache_clear()
    close_logging()
