"""Installs are reproducible: checkers pinned exactly, spaCy as the pipelines need, and one
constraints file that dev.py uses for the tests, the demo and the bundle."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def project() -> dict[str, list[str]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras: dict[str, list[str]] = data["project"]["optional-dependencies"]
    return {"": data["project"]["dependencies"], **extras}


def constraints() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin"
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_checkers_are_pinned_exactly_and_match_the_constraints() -> None:
    pinned = constraints()
    for name in ("ruff", "mypy", "import-linter"):
        found = [r for r in project()["test"] if re.match(rf"{name}\b", r)]
        assert len(found) == 1 and "==" in found[0], found
        assert found[0].split("==")[1] == pinned[name]


def test_spacy_is_the_version_the_pipelines_were_saved_with() -> None:
    spec = next(r for r in project()[""] if r.startswith("spacy"))
    assert ">=3.8.18" in spec
    meta = sorted((ROOT / "resources" / "pipelines").rglob("meta.json"))
    for path in meta:
        text = path.read_text(encoding="utf-8")
        version = re.search(r'"spacy_version"\s*:\s*"([^"]+)"', text)
        if version:
            assert "3.8" in version.group(1), (path, version.group(1))


def test_every_dependency_is_in_the_constraints() -> None:
    pinned = constraints()
    for group, requirements in project().items():
        for requirement in requirements:
            name = re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower()
            if name in ("setuptools", "wheel"):
                continue  # build tools pip manages itself
            assert name.replace("_", "-") in pinned, f"{name} ({group or 'runtime'})"


def test_dev_py_installs_with_the_constraints_for_test_start_and_bundle() -> None:
    text = (ROOT / "dev.py").read_text(encoding="utf-8")
    assert 'CONSTRAINTS = ROOT / "constraints.txt"' in text
    assert '"-c", CONSTRAINTS' in text
    for command in ("def start", "def test", "def bundle"):
        body = text.split(command, 1)[1].split("\ndef ", 1)[0]
        assert "pip_install(" in body, command


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_requirement_is_declared_once_per_group() -> None:
    for group, requirements in project().items():
        names = [_name(r) for r in requirements]
        twice = sorted({n for n in names if names.count(n) > 1})
        assert not twice, f"pyproject.toml, dependencies {group or '(runtime)'}: {twice} twice"


# The import name where it differs from the distribution's.
_IMPORT_NAME = {"pyside6-essentials": "PySide6", "sqlite-utils": "sqlite_utils"}


def test_every_runtime_dependency_is_imported() -> None:
    """A declared dependency that nothing imports is a defect (DEVELOPERS.md)."""
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for folder in ("assist", "ui")
        for p in (ROOT / folder).rglob("*.py")
    )
    for requirement in project()[""]:
        module = _IMPORT_NAME.get(_name(requirement), _name(requirement))
        assert re.search(rf"^\s*(from|import) {re.escape(module)}\b", sources, re.M), (
            f"pyproject.toml declares {requirement!r}, which nothing in assist/ or ui/ imports"
        )
