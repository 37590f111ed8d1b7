"""Load the packaging scripts by file: packaging/ is not a package (its name would hide
the PyPI ``packaging`` library), so each script is imported from its path."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load_script(relative: str) -> ModuleType:
    path = PACKAGING / relative
    spec = importlib.util.spec_from_file_location("peka_" + path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def config_template() -> ModuleType:
    return load_script("config_template.py")


@pytest.fixture(scope="session")
def build_deb() -> ModuleType:
    return load_script("linux/build_deb.py")


@pytest.fixture(scope="session")
def make_icon() -> ModuleType:
    return load_script("make_icon.py")
