"""Resources are found from a checkout, from an installed wheel and from a bundle."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assist.errors import PekaError
from assist.resources import resource_path, resources_root

ROOT = Path(__file__).resolve().parent.parent


def test_checkout_finds_resources() -> None:
    assert resources_root() == ROOT / "resources"
    assert resource_path("RESOURCES.md").is_file()


def test_missing_resource_is_a_coded_error() -> None:
    with pytest.raises(PekaError) as info:
        resource_path("no-such-file.json")
    assert info.value.code == "E104"
    assert "no-such-file.json" in str(info.value)


@pytest.mark.slow
def test_wheel_carries_resources_and_finds_them(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("peka_assist-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "peka_resources/RESOURCES.md" in names
        archive.extractall(site)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from assist.resources import resources_root; print(resources_root())"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code, str(site)], capture_output=True, text=True, check=True
    )
    assert Path(out.stdout.strip()) == site / "peka_resources"


def test_frozen_bundle_layout(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "resources").mkdir(parents=True)
    (bundle / "resources" / "RESOURCES.md").write_text("x", encoding="utf-8")
    code = (
        "import sys; sys.frozen=True; sys._MEIPASS=sys.argv[1];"
        "import assist.resources as r; r.__file__='/nonexistent/assist/resources.py';"
        "print(r.resources_root())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(bundle)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert Path(out.stdout.strip()) == bundle / "resources"
