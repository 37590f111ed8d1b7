"""The command line: version, help, config, and that every command is documented."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path

import click
from click.testing import CliRunner

from assist import __version__
from assist.errors import catalogue
from ui.entry import full_cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.rglob("*.md")))


def command_paths(group: click.Group, prefix: str = "peka") -> list[str]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(command_paths(command, path))
    return found


def test_version_and_help() -> None:
    runner = CliRunner()
    result = runner.invoke(full_cli(), ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output
    result = runner.invoke(full_cli(), ["--help"])
    assert result.exit_code == 0
    assert "config" in result.output


def test_every_command_has_help_text() -> None:
    cli = full_cli()
    for path in command_paths(cli):
        args = path.split()[1:]
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.output


def test_every_command_is_documented() -> None:
    text = docs_text()
    missing = [p for p in command_paths(full_cli()) if f"`{p}" not in text]
    assert not missing, f"document these commands in docs/: {missing}"


def test_every_config_key_is_documented() -> None:
    from assist.config import SCHEMA

    text = (DOCS / "config.md").read_text(encoding="utf-8")
    missing = [k for k in SCHEMA if f"`{k}`" not in text]
    assert not missing, f"document these keys in docs/config.md: {missing}"


def test_every_error_code_is_documented() -> None:
    full_cli()
    from assist.cli.main import load_all_commands

    load_all_commands()
    # Commands load lazily: some codes (the language engine's) register only when their
    # module is imported, so import every errors module there is.
    import assist
    import ui

    for package in (assist, ui):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if module.name.rsplit(".", 1)[-1] == "errors":
                importlib.import_module(module.name)
    text = docs_text()
    # A row of an error table ("| E123 | meaning | what to do |"), not a mere mention.
    missing = [c for c in catalogue() if not re.search(rf"^\| *{c} *\|", text, re.MULTILINE)]
    assert not missing, f"document these error codes in a table in docs/: {missing}"


def test_config_show_reports_sources(isolated_peka: Path) -> None:
    machine = isolated_peka / "machine"
    machine.mkdir(parents=True)
    (machine / "config.toml").write_text(
        'locked = ["ui.language"]\n[ui]\nlanguage = "en"\ntheme = "dark"\n', encoding="utf-8"
    )
    user = isolated_peka / "config"
    user.mkdir(parents=True)
    (user / "config.toml").write_text('[ui]\nlanguage = "id"\ntheme = "light"\n', encoding="utf-8")
    result = CliRunner().invoke(full_cli(), ["config", "show", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["key"]: r for r in json.loads(result.output)}
    assert rows["ui.language"]["value"] == "en"  # locked by IT
    assert rows["ui.language"]["source"].endswith("config.toml (locked)")
    assert "machine" in rows["ui.language"]["source"]
    assert rows["ui.theme"]["value"] == "light"
    assert "config" in rows["ui.theme"]["source"]
    assert rows["agent.role"]["source"] == "default"


def test_bad_config_names_file_key_and_allowed(isolated_peka: Path) -> None:
    user = isolated_peka / "config"
    user.mkdir(parents=True)
    bad = user / "config.toml"
    bad.write_text('[ui]\ntheme = "purple"\n', encoding="utf-8")
    result = CliRunner().invoke(full_cli(), ["config", "show"])
    assert result.exit_code == 1
    assert "[E103]" in result.output
    assert str(bad) in result.output
    assert "ui.theme" in result.output
    assert "'dark'" in result.output


def test_unknown_key_and_broken_toml(isolated_peka: Path) -> None:
    user = isolated_peka / "config"
    user.mkdir(parents=True)
    (user / "config.toml").write_text("[ui]\ncolour = 1\n", encoding="utf-8")
    result = CliRunner().invoke(full_cli(), ["config", "show"])
    assert "[E102]" in result.output and "ui.colour" in result.output
    (user / "config.toml").write_text("[ui\n", encoding="utf-8")
    result = CliRunner().invoke(full_cli(), ["config", "show"])
    assert "[E101]" in result.output


def test_errors_command_lists_codes() -> None:
    result = CliRunner().invoke(full_cli(), ["errors"])
    assert result.exit_code == 0
    assert "E101" in result.output
    result = CliRunner().invoke(full_cli(), ["errors", "e103"])
    assert "E103" in result.output


def test_errors_command_lists_every_area_and_names_its_doc() -> None:
    # The language engine's codes are registered lazily; `peka errors` must still list them.
    result = CliRunner().invoke(full_cli(), ["errors"])
    for code in ("E201", "E301", "E401", "E501", "E701"):
        assert code in result.output
    result = CliRunner().invoke(full_cli(), ["errors", "E221"])
    assert "docs/cache.md" in result.output
    result = CliRunner().invoke(full_cli(), ["errors", "E301"])
    assert result.exit_code == 0 and "docs/nlp.md" in result.output
