"""Peka's windows start no session D-Bus daemon where the login session has none.

libdbus "autolaunches" a daemon by running ``dbus-launch --autolaunch`` from PATH; a
stand-in on PATH records whether that happens, under a real X server (Xvfb).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("xvfb-run") is None,
    reason="needs Linux and xvfb-run (Debian's xvfb)",
)

SHOW = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
if sys.argv[1] == "peka":
    from ui.app import application
    app = application()
else:
    app = QApplication([])
label = QLabel("Peka")
label.show()
for _ in range(20):
    app.processEvents()
label.close()
"""


def show_a_window(tmp_path: Path, how: str) -> bool:
    """Show a window under Xvfb with no session bus; True if dbus-launch was run."""
    tools = tmp_path / "bin"
    tools.mkdir(exist_ok=True)
    record = tmp_path / f"launched-{how}"
    fake = tools / "dbus-launch"
    fake.write_text(f'#!/bin/sh\necho "$*" >> "{record}"\nexit 1\n', encoding="utf-8")
    fake.chmod(0o755)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in {"DBUS_SESSION_BUS_ADDRESS"}}
    env.update(
        PATH=f"{tools}{os.pathsep}{env.get('PATH', '')}",
        QT_QPA_PLATFORM="xcb",
        XDG_RUNTIME_DIR=str(runtime),
    )
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", SHOW, how],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return record.exists()


def test_peka_does_not_autolaunch_a_session_bus(tmp_path: Path) -> None:
    assert not show_a_window(tmp_path, "peka")
    # Plain Qt does: this is what left a dbus-daemon running after Peka quit. Where libdbus
    # cannot autolaunch at all (no machine id in a bare container) the check above proves
    # nothing, and the test says so.
    if not show_a_window(tmp_path, "qt"):
        pytest.skip("libdbus does not autolaunch on this machine (no /etc/machine-id?)")


def test_an_existing_session_bus_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import app

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
    app.prevent_dbus_autolaunch()
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == "unix:path=/run/user/1000/bus"
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/nonexistent-peka-test")
    app.prevent_dbus_autolaunch()
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == "disabled:"
