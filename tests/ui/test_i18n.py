"""Interface text: both catalogues complete, every id used in the code exists."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from assist.nlp.models import CHECKLIST_STEPS, CUE_KINDS, EMOTIONS, FAULTS, FUNCTIONS, ISSUES
from assist.resources import resource_path
from ui import i18n
from ui.transactions import COLUMNS

UI = Path(__file__).resolve().parents[2] / "ui"


def load(language: str) -> dict[str, str]:
    return json.loads(resource_path("i18n", f"{language}.json").read_text(encoding="utf-8"))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_both_languages_with_the_same_fields() -> None:
    id_, en = load("id"), load("en")
    assert set(id_) == set(en)
    for key in id_:
        assert fields(id_[key]) == fields(en[key]), key
        assert id_[key].strip() and en[key].strip(), key


def test_every_literal_message_id_in_the_code_exists() -> None:
    id_ = load("id")
    used: set[str] = set()
    for path in UI.glob("*.py"):
        for match in re.finditer(r"\btr(?:_or)?\(\s*\"([a-z_.]+)\"", path.read_text()):
            used.add(match.group(1))
    assert used, "no tr() calls found"
    missing = sorted(k for k in used if k not in id_)
    assert not missing


@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        ("emotion", EMOTIONS),
        ("issue", ISSUES),
        ("fault", FAULTS),
        ("cue", CUE_KINDS),
        ("function", FUNCTIONS),
        ("checklist", CHECKLIST_STEPS),
        ("tx.col", COLUMNS),
        ("outcome", ("resolved", "follow_up", "escalated")),
        ("theme", ("system", "light", "dark")),
        ("dock", ("left", "right", "none")),
    ],
)
def test_label_families_are_complete(prefix: str, names: tuple[str, ...]) -> None:
    id_ = load("id")
    assert [n for n in names if f"{prefix}.{n}" not in id_] == []


def test_switching_language_tells_listeners(qtbot) -> None:  # type: ignore[no-untyped-def]
    translator = i18n.Translator("id")
    with qtbot.waitSignal(translator.language_changed) as blocker:
        assert translator.toggle() == "en"
    assert blocker.args == ["en"]
    assert translator.tr("action.copy") == "Copy reply"
    assert translator.tr("tx.summary", count=2, problems=1) == "2 transactions, 1 with a problem"


def test_unknown_language_is_a_coded_error() -> None:
    from assist.errors import PekaError

    with pytest.raises(PekaError) as info:
        i18n.Translator("fr")
    assert info.value.code == "E604"
