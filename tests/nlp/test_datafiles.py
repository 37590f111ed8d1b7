"""Rules, lexicons, coach data and templates are validated data files in resources/nlp."""

from __future__ import annotations

import json
import runpy
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
    "entities.json",
    "reasons.json",
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


def test_every_data_file_is_tested_and_in_the_docs_table() -> None:
    docs = (NLP_DATA.parents[1] / "docs" / "nlp.md").read_text(encoding="utf-8")
    table = docs.split("## Data files", 1)[1].split("\n## ", 1)[0]
    for path in sorted(NLP_DATA.glob("*.json")):
        assert path.name in FILES, path.name
        assert f"`{path.name}`" in table, path.name


def test_every_shipped_file_passes_its_validation() -> None:
    from assist.nlp import coach_data, lexicon, reasons, rules_data
    from assist.nlp.training.templates import templates

    assert rules_data.EMOTION_WORDS["angry"]
    assert reasons.reasons().company["id"]["delivery_delay"]
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


def test_the_moved_lists_load_with_their_python_types() -> None:
    from assist.nlp import coach_data, entities, rules_data, tokenizer, trivial
    from assist.nlp.models import EMOTIONS

    assert "OTP" in rules_data.CAPS_OK and isinstance(rules_data.CAPS_OK, frozenset)
    assert rules_data.CAPS_SHORT_WORD_MAX == 4
    for emoji in (rules_data.NEGATIVE_EMOJI, rules_data.POSITIVE_EMOJI):
        assert isinstance(emoji, frozenset) and all(len(e) == 1 for e in emoji)
    assert ":(" in rules_data.NEGATIVE_EMOTICONS and ":D" in rules_data.POSITIVE_EMOTICONS
    assert rules_data.EMOJI_EMOTION["😡"] == "angry" and "🙏" not in rules_data.EMOJI_EMOTION
    assert set(rules_data.EMOTICON_EMOTION.values()) <= set(EMOTIONS)
    assert entities._NUMBER_WORDS["a couple of"] == 2
    assert entities._MONTHS["maret"] == 3 and type(entities._MONTHS["maret"]) is int
    assert entities._RELATIVE_DAYS["kemarin"] == 1.0
    assert all(type(v) is float for v in entities._RELATIVE_DAYS.values())
    assert entities._UNIT_DAYS["mgg"] == (7.0, "W") and entities._UNIT_DAYS["mins"][1] == "MIN"
    assert "kemar" in entities._RELATIVE_HINTS
    assert tokenizer._ABBREVIATIONS["dll."] == "dan lain-lain"
    assert "(?:hari|hr|jam" in tokenizer._TIME_UNIT_SUFFIX
    assert isinstance(trivial.FILLER_WORDS, frozenset) and "halo" in trivial.FILLER_WORDS
    assert isinstance(trivial.THANKS_WORDS, frozenset) and "makasih" in trivial.THANKS_WORDS
    assert coach_data.SALUTATIONS["pak"] == ("bapak", "pak", "bpk")


# Each moved key, a broken value for it, and the module that loads and validates it.
BROKEN = [
    ("rules.json", "caps_ok", ["OTP", ""], "entry 1", "rules_data.py"),
    ("rules.json", "caps_short_word_max", 0, "positive whole number", "rules_data.py"),
    ("rules.json", "caps_short_word_max", 4.5, "positive whole number", "rules_data.py"),
    ("rules.json", "quoted_promise_max_words", 0, "positive whole number", "rules_data.py"),
    ("rules.json", "quoted_promises", ["cepat", ""], "entry 1", "rules_data.py"),
    ("rules.json", "mocked_promise_turns", "tapi", "must be a list", "rules_data.py"),
    ("rules.json", "negative_emoji", ["😡", "❤️"], "single character", "rules_data.py"),
    ("rules.json", "positive_emoji", "😊", "must be a list", "rules_data.py"),
    ("rules.json", "negative_emoticons", [":(", 3], "entry 1", "rules_data.py"),
    ("rules.json", "positive_emoticons", [":)", " "], "entry 1", "rules_data.py"),
    ("rules.json", "emoji_emotion", {"😡": "furious"}, "'furious' is not one of", "rules_data.py"),
    ("rules.json", "emoji_emotion", {"❤️": "happy"}, "single character", "rules_data.py"),
    ("rules.json", "emoticon_emotion", {":(": 1}, "not a string", "rules_data.py"),
    ("rules.json", "emoticon_emotion", {":/": "confused"}, "neither", "rules_data.py"),
    ("entities.json", "number_words", {"dua": 0}, "whole number from 1", "entities.py"),
    ("entities.json", "number_words", {"Dua": 2}, "lower case", "entities.py"),
    ("entities.json", "duration_units", {"day": ["hari"]}, "exactly the units", "entities.py"),
    ("entities.json", "relative_days", {"kemarin": -1}, "non-negative number", "entities.py"),
    ("entities.json", "relative_days", {"besok lusa": 2}, "none of relative_hints",
     "entities.py"),
    ("entities.json", "relative_hints", ["kemar", 5], "entry 1", "entities.py"),
    ("entities.json", "months", {"maret": 13}, "from 1 to 12", "entities.py"),
    ("entities.json", "months", {"Maret": 3}, "lower case", "entities.py"),
    ("lexicon.json", "abbreviations", {"dll.": 1}, "entry 'dll.'", "tokenizer.py"),
    ("lexicon.json", "glued_units", "hari", "must be a list", "tokenizer.py"),
    ("lexicon.json", "filler_words", ["halo", ""], "entry 1", "trivial.py"),
    ("lexicon.json", "thanks_words", {"makasih": 1}, "must be a list", "trivial.py"),
    ("coach.json", "salutations", {"pak": "bapak"}, "salutations.pak", "coach_data.py"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "key", "bad", "needle", "module"), BROKEN)
def test_a_broken_moved_list_names_the_file_and_key(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    key: str,
    bad: object,
    needle: str,
    module: str,
) -> None:
    data = json.loads((NLP_DATA / name).read_text(encoding="utf-8"))
    assert key in data
    data[key] = bad
    (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(datafiles, "data_dir", lambda: tmp_path)
    datafiles.load.cache_clear()
    try:
        # The module's own code, in a fresh namespace: the imported module keeps its data.
        with pytest.raises(PekaError) as info:
            runpy.run_path(str(Path(datafiles.__file__).parent / module))
    finally:
        datafiles.load.cache_clear()
    assert info.value.code == "E306"
    message = str(info.value)
    assert name in message and f"'{key}" in message and needle in message


def test_an_emoji_the_rules_never_find_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from assist.nlp import components, rules_data

    monkeypatch.setattr(rules_data, "POSITIVE_EMOJI", frozenset({"😊", "+"}))
    with pytest.raises(PekaError) as info:
        components._check_emoji()
    assert info.value.code == "E306"
    assert "rules.json" in str(info.value) and "'positive_emoji', entry '+'" in str(info.value)
