"""Every command writes to one rotating log file in the user's log folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assist import logs
from ui.entry import full_cli


def log_text(home: Path) -> str:
    return (home / "logs" / "peka.log").read_text(encoding="utf-8")


def test_commands_log_start_and_end_without_their_arguments(isolated_peka: Path) -> None:
    result = CliRunner().invoke(full_cli(), ["config", "paths"])
    assert result.exit_code == 0
    result = CliRunner().invoke(full_cli(), ["errors", "E999999"])
    assert result.exit_code == 2
    text = log_text(isolated_peka)
    assert "peka config paths: started (Peka " in text
    assert "peka config paths: exit 0 after" in text
    assert "peka errors: exit 2" in text
    assert "E999999" in text  # click's message names the bad value…
    if sys.platform != "win32":
        mode = stat.S_IMODE((isolated_peka / "logs" / "peka.log").stat().st_mode)
        assert mode == 0o600


def test_coded_errors_are_logged(isolated_peka: Path) -> None:
    (isolated_peka / "config").mkdir(parents=True)
    (isolated_peka / "config" / "config.toml").write_text("[ui]\ncolour = 1\n", "utf-8")
    CliRunner().invoke(full_cli(), ["config", "show"])
    assert "peka config show: exit 1: [E102]" in log_text(isolated_peka)


def test_customer_text_is_not_logged(isolated_peka: Path) -> None:
    secret = "Bu Sri 0812-3456-7890 marah sekali"
    CliRunner().invoke(full_cli(), ["customer", secret, "--db", str(isolated_peka / "no.db")])
    text = log_text(isolated_peka)
    assert "peka customer" in text and secret not in text


def test_the_log_rotates(isolated_peka: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 400)
    for _ in range(8):
        CliRunner().invoke(full_cli(), ["config", "paths"])
    folder = isolated_peka / "logs"
    assert (folder / "peka.log.1").is_file()
    assert len(list(folder.glob("peka.log*"))) <= 1 + logs.BACKUPS


def test_a_real_process_logs_to_the_users_log_folder(isolated_peka: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEKA_")}
    env.update(HOME=str(tmp_path / "home"), XDG_STATE_HOME=str(tmp_path / "state"))
    env.update(PEKA_MACHINE_DIR=str(tmp_path / "machine"), PEKA_CONFIG_DIR=str(tmp_path / "c"))
    result = subprocess.run(
        [sys.executable, "-m", "ui", "config", "paths"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    if sys.platform.startswith("linux"):
        log = tmp_path / "state" / "Peka" / "log" / "peka.log"
        assert "peka config paths: exit 0" in log.read_text(encoding="utf-8")


def test_a_log_another_process_holds_open_keeps_being_written(
    isolated_peka: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging.handlers

    def locked(_self: object, _source: str, _dest: str) -> None:
        raise PermissionError(32, "The process cannot access the file")  # as on Windows

    monkeypatch.setattr(logs, "MAX_BYTES", 300)
    monkeypatch.setattr(logging.handlers.RotatingFileHandler, "rotate", locked)
    for _ in range(6):
        CliRunner().invoke(full_cli(), ["config", "paths"])
    text = log_text(isolated_peka)
    assert text.count("peka config paths: exit 0") == 6
    assert not (isolated_peka / "logs" / "peka.log.1").exists()
    assert "Logging error" not in capsys.readouterr().err
