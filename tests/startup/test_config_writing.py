"""`peka config install` and `peka config set`: validated, atomic, comments kept."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

from click.testing import CliRunner

from assist import config
from ui.entry import full_cli

TEMPLATE = """\
# IT's note: keep Indonesian for the Jakarta team.
[ui]
# language = "id"
theme = "light"  # agreed with the team leads
"""


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(full_cli(), list(args))
    return result.exit_code, result.output


def test_set_keeps_comments_and_layout(isolated_peka: Path) -> None:
    machine = isolated_peka / "machine"
    machine.mkdir(parents=True)
    (machine / "config.toml").write_text(TEMPLATE, encoding="utf-8")
    code, output = invoke(
        "config", "set", "--machine", "ui.language=en", "cache.retention_days=365",
        'nlp.order_patterns=["ORD-\\\\d+"]', "agent.name=Dewi Lestari",
    )  # fmt: skip
    assert code == 0, output
    text = (machine / "config.toml").read_text(encoding="utf-8")
    assert text.startswith(TEMPLATE.rstrip("\n"))  # every comment and line as it was
    values, _ = config.read_file(machine / "config.toml")
    assert values["ui.language"] == "en" and values["ui.theme"] == "light"
    assert values["cache.retention_days"] == 365
    assert values["nlp.order_patterns"] == ["ORD-\\d+"]
    assert values["agent.name"] == "Dewi Lestari"
    assert config.load()["ui.language"] == "en"


def test_set_reports_every_bad_assignment_and_writes_nothing(isolated_peka: Path) -> None:
    code, output = invoke(
        "config", "set", "ui.language=fr", "ui.colour=red", "cache.retention_days=0", "oops"
    )
    assert code == 1
    assert "[E130]" in output
    for part in ("ui.language", "'ui.colour'", "retention_days", "[E131]"):
        assert part in output
    assert not (isolated_peka / "config" / "config.toml").exists()


def test_set_writes_the_users_own_file_by_default(isolated_peka: Path) -> None:
    code, _ = invoke("config", "set", "ui.theme=dark")
    assert code == 0
    user = isolated_peka / "config" / "config.toml"
    assert tomllib.loads(user.read_text(encoding="utf-8")) == {"ui": {"theme": "dark"}}


def test_install_checks_everything_first(isolated_peka: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(TEMPLATE, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text('[ui]\ntheme = "pink"\ndock = "top"\n', encoding="utf-8")
    target = isolated_peka / "machine" / "config.toml"
    code, output = invoke("config", "install", str(bad))
    assert code == 1 and "'ui.theme'" in output and "'ui.dock'" in output
    assert not target.exists()
    code, _ = invoke("config", "install", str(good))
    assert code == 0 and target.read_text(encoding="utf-8") == TEMPLATE
    code, output = invoke("config", "install", str(good), "--keep-existing")
    assert code == 0 and "Kept the existing" in output
    assert not list(target.parent.glob(".config.toml.*"))  # no temporary file left behind


def test_set_keeps_windows_line_endings(isolated_peka: Path) -> None:
    machine = isolated_peka / "machine"
    machine.mkdir(parents=True)
    (machine / "config.toml").write_bytes(TEMPLATE.replace("\n", "\r\n").encode())
    code, output = invoke("config", "set", "--machine", "ui.language=en", "agent.name=Dewi")
    assert code == 0, output
    data = (machine / "config.toml").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 0
    assert config.read_file(machine / "config.toml")[0]["agent.name"] == "Dewi"


def test_set_keeps_the_files_permissions_and_a_new_machine_file_is_readable(
    isolated_peka: Path, tmp_path: Path
) -> None:
    machine = isolated_peka / "machine" / "config.toml"
    machine.parent.mkdir(parents=True)
    machine.write_text(TEMPLATE, encoding="utf-8")
    machine.chmod(0o640)  # IT keeps it from other users
    assert invoke("config", "set", "--machine", "ui.theme=dark")[0] == 0
    assert stat.S_IMODE(machine.stat().st_mode) == 0o640
    machine.unlink()
    good = tmp_path / "good.toml"
    good.write_text(TEMPLATE, encoding="utf-8")
    assert invoke("config", "install", str(good))[0] == 0
    assert stat.S_IMODE(machine.stat().st_mode) == 0o644  # every user's Peka reads it
