"""Run ``peka`` in a child process with the test's folders: ``python -m tests.peka_child ARGS``.

``python -m tests.peka_child --sidebar ARGS`` runs ``peka-sidebar`` instead. Peka ignores
environment variables for its folders, so the parent passes them as
``PEKA_TEST_MACHINE_DIR``, ``PEKA_TEST_CONFIG_DIR`` and ``PEKA_TEST_DATA_DIR`` (the root
``conftest.py`` sets them for every test; :func:`child_env` builds them for other
folders), and this test-only module (not shipped in any package) relocates them
in-process, as the root ``conftest.py`` does, before handing over to the real entry point.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def child_env(machine: Path, config: Path, data: Path) -> dict[str, str]:
    """Environment for a child started with ``python -m tests.peka_child``."""
    root = Path(__file__).resolve().parents[1]
    return {
        **os.environ,
        "PEKA_TEST_MACHINE_DIR": str(machine),
        "PEKA_TEST_CONFIG_DIR": str(config),
        "PEKA_TEST_DATA_DIR": str(data),
        "PYTHONPATH": str(root),
    }


def main() -> None:
    import keyring

    from assist import paths
    from assist.authority.keys import trust_keyring_for_tests
    from tests.memory_keyring import MemoryKeyring
    from ui.entry import gui_main
    from ui.entry import main as peka_main

    paths.use_folders(
        paths.Folders(
            machine=Path(os.environ["PEKA_TEST_MACHINE_DIR"]),
            config=Path(os.environ["PEKA_TEST_CONFIG_DIR"]),
            data=Path(os.environ["PEKA_TEST_DATA_DIR"]),
        )
    )
    keyring.set_keyring(MemoryKeyring())
    sidebar = sys.argv[1:2] == ["--sidebar"]
    if sidebar:
        del sys.argv[1]
    with trust_keyring_for_tests(MemoryKeyring):
        gui_main() if sidebar else peka_main()


if __name__ == "__main__":
    main()
