"""The machine-wide config.toml that installers ship is generated from SCHEMA."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from assist import config, paths

WINDOWS_FOLDERS = ("C:\\ProgramData\\Peka\\", "~\\AppData\\Local\\Peka\\Peka\\")
LISTS = ("locked", "unlocked")
ASSIGNMENT = re.compile(r"^# ([a-z_]+ = .*)$")


def uncomment(text: str) -> str:
    """Turn every commented assignment (the last line of each key, and `locked`) on."""
    return "\n".join(ASSIGNMENT.sub(r"\1", line) for line in text.splitlines()) + "\n"


@pytest.mark.parametrize("platform", ["linux", "windows"])
def test_template_sets_nothing_as_shipped(
    config_template: ModuleType, platform: str, tmp_path: Path
) -> None:
    path = config_template.write(platform, tmp_path / "config.toml")
    parsed = tomllib.loads(path.read_text(encoding="utf-8"))
    assert all(table == {} for name, table in parsed.items() if name != "locked")
    # Shipped locked: every key that touches authority.
    assert config.read_file(path) == ({}, list(config.AUTHORITY_KEYS))


@pytest.mark.parametrize("platform", ["linux", "windows"])
def test_template_lists_every_key_once_under_its_section(
    config_template: ModuleType, platform: str
) -> None:
    text = config_template.render(platform)
    section = None
    seen: list[str] = []
    for line in text.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif (match := re.match(r"^# ([a-z_]+) = ", line)) and match.group(1) not in (
            "locked",
            "unlocked",
        ):
            seen.append(f"{section}.{match.group(1)}")
    assert seen == list(config.SCHEMA)
    for key in config.SCHEMA.values():
        assert f"# {key.help}" in text


def test_uncommented_linux_template_gives_each_users_defaults(
    config_template: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # HOME is the user's to set; `~` is the account's home from the OS all the same.
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    home = paths.account_home()
    path = tmp_path / "config.toml"
    path.write_text(uncomment(config_template.render("linux")), encoding="utf-8")
    paths.use_folders(None)  # the real folders, as on a workstation
    values, locked = config.read_file(path)
    assert set(values) == set(config.SCHEMA)
    assert set(locked) <= set(config.SCHEMA)
    for name, key in config.SCHEMA.items():
        if name not in config_template.PER_USER_DEFAULTS:
            assert values[name] == key.default(), name
    assert values["cache.path"] == home / ".local/share/Peka/cache.sqlite"
    assert values["policy.keys_dir"] == Path("/etc/peka/keys")


def test_uncommented_windows_template_is_valid_with_windows_paths(
    config_template: ModuleType, tmp_path: Path
) -> None:
    path = config_template.write("windows", tmp_path / "config.toml")
    assert b"\r\n" in path.read_bytes()
    raw = tomllib.loads(uncomment(path.read_text(encoding="utf-8")))
    flat = {
        f"{s}.{n}": v
        for s, table in raw.items()
        if isinstance(table, dict)
        for n, v in table.items()
    }
    assert set(flat) == set(config.SCHEMA)
    for name, key in config.SCHEMA.items():
        if key.kind is Path:
            # Windows spellings: expanded per user by Windows' expanduser, not here.
            assert flat[name].startswith(WINDOWS_FOLDERS), name
        elif name not in config_template.PER_USER_DEFAULTS:
            assert key.coerce(flat[name]) == key.default(), name
    assert flat["policy.path"] == r"C:\ProgramData\Peka\policy.signed.json"
    assert flat["ledger.path"] == r"~\AppData\Local\Peka\Peka\ledger.sqlite"


def test_render_restores_the_environment(config_template: ModuleType) -> None:
    before = {name: os.environ.get(name) for name in ("PEKA_DATA_DIR", "PEKA_MACHINE_DIR")}
    config_template.render("linux")
    assert {name: os.environ.get(name) for name in before} == before


def test_unknown_platform_is_refused(config_template: ModuleType) -> None:
    with pytest.raises(ValueError, match="platform"):
        config_template.render("macos")
    assert config_template.main(["macos", "x.toml"]) == 2
