"""Rules, lexicons, coach data and templates are validated data files in resources/nlp."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.errors import PekaError
from assist.nlp import datafiles
from assist.nlp.datafiles import DataFile

NLP_DATA = Path(__file__).resolve().parents[2] / "resources" / "nlp"
FILES = (
    "rules.json",
    "coach.json",
    "lexicon.json",
    "templates_id.json",
    "templates_en.json",
    "drafts.json",
)


def test_no_rule_data_left_in_python_modules() -> None:
    package = Path(datafiles.__file__).parent
    for name in ("rules_data.py", "coach_data.py", "lexicon.py"):
        assert len((package / name).read_text(encoding="utf-8").splitlines()) < 120, name
    assert not list((package / "training").glob("templates_*.py"))
    drafts = (package / "training" / "drafts.py").read_text(encoding="utf-8")
    assert len(drafts.splitlines()) < 120


@pytest.mark.parametrize("name", FILES)
def test_every_data_file_is_valid_json_with_an_explanation(name: str) -> None:
    data = json.loads((NLP_DATA / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert data["_about"].strip()


def test_every_shipped_file_passes_its_validation() -> None:
    from assist.nlp import coach_data, lexicon, rules_data
    from assist.nlp.training.templates import templates

    assert rules_data.EMOTION_WORDS["angry"]
    assert coach_data.FINDINGS and lexicon.SLANG_ID["gk"] == "tidak"
    for language in ("id", "en"):
        assert templates(language).cores


def _file(tmp_path: Path, data: object) -> DataFile:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return DataFile(path, data)  # type: ignore[arg-type]


def test_a_weightless_phrase_names_the_file_key_and_entry(tmp_path: Path) -> None:
    f = _file(tmp_path, {"emotion_words": {"angry": [["marah", 1.0], ["kesal"]]}})
    with pytest.raises(PekaError) as info:
        f.weighted("emotion_words")
    assert info.value.code == "E306"
    message = str(info.value)
    assert "rules.json" in message and "emotion_words.angry" in message and "entry 1" in message


@pytest.mark.parametrize(
    ("data", "call", "needle"),
    [
        ({}, "words", "key 'threats' is missing"),
        ({"threats": "ylki"}, "words", "must be a list"),
        ({"threats": ["ylki", ""]}, "words", "entry 1"),
        ({"threats": ["ylki", 3]}, "words", "entry 1"),
        ({"threats": {"a": 1}}, "mapping", "entry 'a'"),
        ({"threats": [["x", -1]]}, "weighted", "must be an object"),
    ],
)
def test_malformed_values_are_coded_errors(
    tmp_path: Path, data: dict[str, object], call: str, needle: str
) -> None:
    f = _file(tmp_path, data)
    with pytest.raises(PekaError) as info:
        getattr(f, call)("threats")
    assert info.value.code == "E306"
    assert needle in str(info.value)


def test_a_broken_file_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules.json").write_text('{"negators": [', encoding="utf-8")
    monkeypatch.setattr(datafiles, "data_dir", lambda: tmp_path)
    datafiles.load.cache_clear()
    try:
        with pytest.raises(PekaError) as info:
            datafiles.load("rules.json")
        assert info.value.code == "E306"
        assert "line 1" in str(info.value)
        with pytest.raises(PekaError, match="missing"):
            datafiles.load("coach.json")
    finally:
        datafiles.load.cache_clear()


def test_a_template_with_an_undefined_slot_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assist.nlp.training import templates as templates_mod

    data = json.loads((NLP_DATA / "templates_en.json").read_text(encoding="utf-8"))
    data["waiting"].append("waited since {nowhere}")
    (tmp_path / "templates_en.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(datafiles, "data_dir", lambda: tmp_path)
    datafiles.load.cache_clear()
    templates_mod.templates.cache_clear()
    try:
        with pytest.raises(PekaError, match=r"\{nowhere\}"):
            templates_mod.templates("en")
    finally:
        datafiles.load.cache_clear()
        templates_mod.templates.cache_clear()
