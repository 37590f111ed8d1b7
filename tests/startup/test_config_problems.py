"""Config validation reports every bad key of both files at once, naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assist import config
from assist.config import ConfigError
from ui.entry import full_cli


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_in_both_files_is_reported(isolated_peka: Path) -> None:
    machine = write(
        isolated_peka / "machine" / "config.toml",
        'locked = ["ui.colour"]\n[ui]\ntheme = "purple"\nlanguage = "fr"\n'
        "[cache]\nretention_days = 0\n",
    )
    user = write(isolated_peka / "config" / "config.toml", "[ui]\ncolour = 1\n")
    with pytest.raises(ConfigError) as caught:
        config.load()
    found = [(p.code, p.path, p.key) for p in caught.value.problems]
    assert found == [
        ("E102", machine, "locked"),
        ("E103", machine, "ui.theme"),
        ("E103", machine, "ui.language"),
        ("E103", machine, "cache.retention_days"),
        ("E102", user, "ui.colour"),
    ]
    assert caught.value.code == "E130"
    message = str(caught.value)
    for key in ("ui.theme", "ui.language", "cache.retention_days", "ui.colour"):
        assert key in message
    assert str(machine) in message and str(user) in message
    assert config.problems() == caught.value.problems


def test_one_problem_keeps_its_own_code(isolated_peka: Path) -> None:
    write(isolated_peka / "config" / "config.toml", '[ui]\ntheme = "purple"\n')
    with pytest.raises(ConfigError) as caught:
        config.load()
    assert caught.value.code == "E103"


def test_broken_toml_in_one_file_does_not_hide_the_others(isolated_peka: Path) -> None:
    write(isolated_peka / "machine" / "config.toml", "[ui\n")
    write(isolated_peka / "config" / "config.toml", '[ui]\ndock = "top"\n')
    codes = [p.code for p in config.problems()]
    assert codes == ["E101", "E103"]


def test_cli_prints_every_problem(isolated_peka: Path) -> None:
    write(isolated_peka / "machine" / "config.toml", '[ui]\ntheme = 3\ndock = "top"\n')
    result = CliRunner().invoke(full_cli(), ["config", "show"])
    assert result.exit_code == 1
    assert "[E130]" in result.output
    assert "'ui.theme'" in result.output and "'ui.dock'" in result.output
