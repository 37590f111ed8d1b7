"""The README and docs show every screenshot in docs/screenshots, and only existing ones."""

from __future__ import annotations

import re
from pathlib import Path

from ui.screenshot import SIDEBAR_SIZES

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"


def shown() -> set[Path]:
    found: set[Path] = set()
    for page in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", page.read_text("utf-8")):
            found.add((page.parent / target).resolve())
    return found


def test_every_screenshot_is_shown_and_every_shown_one_exists() -> None:
    pictures = {p.resolve() for p in SHOTS.glob("*.png")}
    referenced = shown()
    assert referenced - pictures == set(), "docs show pictures that do not exist"
    assert pictures - referenced == set(), "pictures in docs/screenshots nobody shows"


def test_the_set_covers_every_size_and_language() -> None:
    names = {p.name for p in SHOTS.glob("*.png")}
    for language in ("id", "en"):
        assert f"console-reports-{language}.png" in names
        for width, height in SIDEBAR_SIZES:
            assert f"sidebar-{width}x{height}-{language}.png" in names
