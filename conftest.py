"""Every test runs with its own machine, config and data folders and an in-memory keyring.

The folders are set in-process with :func:`assist.paths.use_folders` (Peka ignores
environment variables for them), and the test keyring is trusted with
:func:`assist.authority.keys.trust_keyring_for_tests`. Tests that start Peka processes
run them as ``python -m tests.peka_child ARGS`` (``--sidebar ARGS`` for ``peka-sidebar``),
which does the same in the child from the ``PEKA_TEST_*`` variables set here.
"""

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
    from assist import paths
    from assist.authority.keys import trust_keyring_for_tests
    from assist.cli.common import get_config
    from assist.logs import close_logging
    from tests.memory_keyring import MemoryKeyring

    home = tmp_path / "peka-home"
    # The demo's sandbox follows PEKA_DATA_DIR; keep it inside the test's folder too.
    monkeypatch.setenv("PEKA_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PEKA_LOG_DIR", str(home / "logs"))
    # For Peka processes a test starts with `python -m tests.peka_child ARGS` (which
    # relocates the folders in the child as this fixture does here).
    for name, folder in (("MACHINE", "machine"), ("CONFIG", "config"), ("DATA", "data")):
        monkeypatch.setenv(f"PEKA_TEST_{name}_DIR", str(home / folder))
    root = str(Path(__file__).resolve().parent)
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    )
    get_config.cache_clear()
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    with (
        paths.folders_used(
            paths.Folders(machine=home / "machine", config=home / "config", data=home / "data")
        ),
        trust_keyring_for_tests(MemoryKeyring),
    ):
        yield home
    keyring.set_keyring(previous)
    get_config.cache_clear()
    close_logging()
