"""Writing config files: install a whole file, or set keys in one, comments kept.

``peka config install`` and ``peka config set`` (and the MSI's CONFIG and SETTINGS
properties, which run them) validate everything first and report every problem at once;
a file is replaced in one step (written beside it, then renamed), so Peka never reads a
half-written config. Keys are set with tomlkit, which keeps IT's comments and layout.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Table

from assist.atomic_files import replace_file
from assist.config import SCHEMA, ConfigError, ConfigProblem, check_file, did_you_mean
from assist.errors import E101, E102, E103, E131


@dataclass(frozen=True)
class Assignment:
    key: str
    value: Any  # as TOML will hold it (str, int, bool, list of str)


def _atomic_write(target: Path, data: bytes) -> None:
    # A file IT made keeps its permissions; a new one is read by every user of the machine.
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    replace_file(target, data, mode=mode)


def _validated(data: bytes, shown_as: Path) -> None:
    """Raise ConfigError naming ``shown_as`` for every problem in ``data``."""
    fd, temp = tempfile.mkstemp(suffix=".toml")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        problems = check_file(Path(temp))[2]
    finally:
        Path(temp).unlink(missing_ok=True)
    if problems:
        raise ConfigError([ConfigProblem(p.code, shown_as, p.key, p.message) for p in problems])


def install_file(source: Path, target: Path, *, keep_existing: bool = False) -> bool:
    """Validate ``source`` and copy it, byte for byte, to ``target``.

    Returns False (and writes nothing) when ``keep_existing`` and ``target`` exists.
    """
    problems = check_file(source)[2]
    if problems:
        raise ConfigError(problems)
    if keep_existing and target.exists():
        return False
    _atomic_write(target, source.read_bytes())
    return True


def _parse_value(text: str) -> Any:
    """A TOML value (365, true, ["a", "b"], "quoted") or, failing that, the text itself."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def parse_assignments(items: list[str], target: Path) -> list[Assignment]:
    """``KEY=VALUE`` strings as assignments; every bad one is reported at once."""
    found: list[Assignment] = []
    problems: list[ConfigProblem] = []
    for item in items:
        name, equals, text = item.partition("=")
        name = name.strip()
        if not equals or not name:
            problems.append(
                ConfigProblem(E131, target, None, f"{item!r} is not KEY=VALUE (ui.language=en).")
            )
            continue
        key = SCHEMA.get(name)
        if key is None:
            problems.append(
                ConfigProblem(E102, target, name, f"unknown key {name!r}{did_you_mean(name)}.")
            )
            continue
        value = _parse_value(text.strip())
        if key.kind in (str, Path) and not isinstance(value, str):
            value = text.strip()  # ui.language=1 → the string "1", then judged as a string
        try:
            key.coerce(value)
        except ValueError:
            problems.append(
                ConfigProblem(
                    E103, target, name, f"{name} = {text!r}; allowed: {key.describe_allowed()}."
                )
            )
            continue
        found.append(Assignment(name, value))
    if problems:
        raise ConfigError(problems)
    return found


def set_keys(target: Path, assignments: list[Assignment]) -> None:
    """Set keys in ``target`` (created if missing), keeping its comments and layout."""
    # Bytes, not read_text(): keep the file's own line endings (CRLF on Windows).
    text = target.read_bytes().decode("utf-8") if target.exists() else ""
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(
            [ConfigProblem(E101, target, None, f"not valid TOML ({exc}); fix it first.")]
        ) from exc
    for assignment in assignments:
        section, name = assignment.key.split(".", 1)
        table = document.get(section)
        if not isinstance(table, Table):
            table = tomlkit.table()
            document[section] = table
        table[name] = assignment.value
    dumped = tomlkit.dumps(document)
    if "\r\n" in text:  # tomlkit writes new lines with "\n"; match the file
        dumped = re.sub(r"(?<!\r)\n", "\r\n", dumped)
    data = dumped.encode("utf-8")
    _validated(data, target)
    _atomic_write(target, data)
