"""One translation mechanism: every catalogue part speaks both languages."""

from __future__ import annotations

import json
from pathlib import Path

from assist.i18n import catalogue, text

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"


def _keys(path: Path) -> set[str]:
    return set(json.loads(path.read_text(encoding="utf-8")))


def test_every_part_has_the_same_keys_in_both_languages() -> None:
    parts = {p.name.split(".")[0] for p in I18N.glob("*.json") if p.name.count(".") == 2}
    assert {"core", "report", "console"} <= parts
    for part in sorted(parts - {"qt"}):  # Qt's own words exist only where Qt lacks them
        assert _keys(I18N / f"{part}.id.json") == _keys(I18N / f"{part}.en.json"), part
    assert _keys(I18N / "id.json") == _keys(I18N / "en.json")


def test_core_text_falls_back_to_english_then_the_key() -> None:
    assert text("id", "coach.engine") == "Bagian ini bisa dibuat lebih hangat."
    assert text("en", "coach.engine") == "This part could be warmer."
    assert text("xx", "coach.engine") == "This part could be warmer."
    assert text("id", "no.such.key") == "no.such.key"
    assert "report.empty" in catalogue("id")
