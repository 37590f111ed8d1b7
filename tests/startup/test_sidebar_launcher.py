"""`peka-sidebar`: --help prints help; a bad config gives a plain-text dialog, a log and
every bad key; `peka gui` (a terminal) reports the same on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from ui import startup

BAD_MACHINE = '[ui]\ntheme = "<b>purple</b>"\nlanguage = "fr"\n[cache]\nretention_days = 0\n'
BAD_USER = "[ui]\ncolour = 1\n"
BAD_KEYS = ("'ui.theme'", "'ui.language'", "'cache.retention_days'", "'ui.colour'")


def launcher_command() -> list[str]:
    script = Path(sys.executable).parent / "peka-sidebar"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from ui.entry import gui_main; gui_main()"]


def bad_config(home: Path) -> None:
    for folder, text in (("machine", BAD_MACHINE), ("config", BAD_USER)):
        (home / folder).mkdir(parents=True, exist_ok=True)
        (home / folder / "config.toml").write_text(text, encoding="utf-8")


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def test_help_prints_help_instead_of_starting() -> None:
    result = run([*launcher_command(), "--help"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: peka-sidebar [OPTIONS]")
    for option in ("--demo", "--db", "--language", "--theme", "--version"):
        assert option in result.stdout
    result = run([*launcher_command(), "--version"])
    assert result.returncode == 0 and "peka-sidebar, version" in result.stdout
    result = run([*launcher_command(), "--no-such-option"])
    assert result.returncode == 2 and "No such option" in result.stderr


def test_terminal_gui_lists_every_bad_key_on_stderr_and_in_the_log(isolated_peka: Path) -> None:
    bad_config(isolated_peka)
    result = run([sys.executable, "-m", "tests.peka_child", "gui"])
    assert result.returncode == 1
    assert "[E130]" in result.stderr
    log = (isolated_peka / "logs" / "peka.log").read_text(encoding="utf-8")
    for key in BAD_KEYS:
        assert key in result.stderr
        assert key in log
    assert "peka gui: started" in log


def test_launcher_shows_every_bad_key_in_a_plain_text_dialog(
    qtbot, isolated_peka: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_config(isolated_peka)
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["format"] = box.textFormat()
        seen["formats"] = {label.textFormat() for label in box.findChildren(QLabel)}
        seen["detail"] = box.informativeText()
        box.accept()

    QTimer.singleShot(0, answer)
    with pytest.raises(SystemExit) as stopped:
        startup.main([])
    assert stopped.value.code == 1
    assert seen["title"] == startup.DIALOG_TITLE
    text = str(seen["text"])
    for key in BAD_KEYS:
        assert key in text
    assert "<b>purple</b>" in text  # shown as typed, never rendered
    assert seen["format"] == Qt.PlainText
    assert Qt.RichText not in seen["formats"]  # type: ignore[operator]
    log = isolated_peka / "logs" / "peka.log"
    assert str(log) in str(seen["detail"])
    logged = log.read_text(encoding="utf-8")
    assert "peka-sidebar: started" in logged and "'cache.retention_days'" in logged
    assert "[E130]" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected", "code"),
    [(["--help"], "Usage: peka-sidebar [OPTIONS]", 0), (["--bogus"], "No such option", 2)],
)
def test_windowed_program_shows_help_and_usage_errors_in_a_dialog(
    qtbot, monkeypatch: pytest.MonkeyPatch, args: list[str], expected: str, code: int
) -> None:
    # PyInstaller's windowed peka-sidebar.exe has no console: sys.stdout is None.
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["text"] = box.text()
        seen["format"] = box.textFormat()
        box.accept()

    QTimer.singleShot(0, answer)
    with pytest.raises(SystemExit) as stopped:
        startup.main(args)
    assert stopped.value.code == code
    assert expected in str(seen["text"]) and seen["format"] == Qt.PlainText
