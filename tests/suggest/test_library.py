"""The shipped phrase library loads, is big and varied enough, and bad files are named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assist.nlp.models import FUNCTIONS
from assist.suggest.library import PhraseLibrary, read_shipped
from assist.suggest.phrases import APOLOGY_RE, PhraseError, read_file

SEEDS = Path("/work/shared/seeds")


def test_shipped_library_is_valid_and_large(library: PhraseLibrary) -> None:
    assert len(read_shipped()) == len(library.all)
    assert library.count("id") >= 150
    assert library.count("en") >= 150


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("function", FUNCTIONS)
def test_every_function_has_plenty(library: PhraseLibrary, language: str, function: str) -> None:
    assert library.count(language, function) >= 12


def test_indonesian_has_both_registers_and_all_channels(library: PhraseLibrary) -> None:
    ids = [p for p in library.phrases if p.language == "id"]
    assert sum(p.register == "formal" for p in ids) >= 60
    assert sum(p.register == "friendly" for p in ids) >= 50
    for channel in ("chat", "email", "phone"):
        assert sum(channel in p.channels for p in ids) >= 8, channel
    friendly = [p for p in ids if p.register == "friendly"]
    assert all("{salutation}" not in p.text for p in friendly)


def test_apologies_are_tagged_and_never_for_customer_fault(library: PhraseLibrary) -> None:
    for phrase in library.phrases:
        if APOLOGY_RE.search(phrase.text):
            assert phrase.function == "apologise", phrase.id
        if phrase.apologetic:
            assert "customer" not in phrase.faults, phrase.id
        if phrase.admits_fault:
            assert phrase.faults == ("company",), phrase.id


def test_no_sentence_is_copied_from_the_seeds(library: PhraseLibrary) -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed texts not available")
    seeds = " ".join(
        " ".join(p.read_text(encoding="utf-8").casefold().split()) for p in SEEDS.glob("*.txt")
    )
    for phrase in library.phrases:
        words = re.sub(r"\{\w+\}", " ", phrase.text.casefold()).split()
        # No run of eight words in a row appears in the seed articles.
        for i in range(len(words) - 7):
            assert " ".join(words[i : i + 8]) not in seeds, phrase.id


def test_ids_are_stable_shape(library: PhraseLibrary) -> None:
    for phrase in library.all:
        assert re.fullmatch(r"(id|en)-(ack|val|imp|apo|thx|act|rea|chk)-\d{3}", phrase.id)


def _write(tmp_path: Path, *objects: object, raw: str | None = None) -> Path:
    path = tmp_path / "mine.jsonl"
    lines = ["# a comment", ""] + [json.dumps(o, ensure_ascii=False) for o in objects]
    if raw is not None:
        lines.append(raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = {"id": "sup-ack-001", "language": "id", "function": "acknowledge_feeling", "text": "Oke."}


@pytest.mark.parametrize(
    ("bad", "code", "needle"),
    [
        ({**GOOD, "function": "hug"}, "E403", "unknown function"),
        ({**GOOD, "emotions": ["furious"]}, "E403", "furious"),
        ({**GOOD, "channels": ["fax"]}, "E403", "fax"),
        ({**GOOD, "register": "posh"}, "E403", "posh"),
        ({**GOOD, "text": "Halo {nama}."}, "E404", "{nama}"),
        ({**GOOD, "text": "Halo {name."}, "E404", "brace"),
        ({**GOOD, "intensity": [0.9, 0.2]}, "E407", "intensity"),
        ({**GOOD, "intensity": [0, 2]}, "E407", "intensity"),
        ({**GOOD, "colour": "red"}, "E402", "colour"),
        ({"id": "x-1", "language": "id", "function": "thank"}, "E402", "missing field 'text'"),
        ({**GOOD, "text": "Mohon maaf ya."}, "E408", "apologise"),
        (
            {**GOOD, "function": "apologise", "text": "Maaf.", "faults": ["customer"]},
            "E408",
            "customer",
        ),
    ],
)
def test_bad_phrase_names_file_line_and_code(
    tmp_path: Path, bad: dict[str, object], code: str, needle: str
) -> None:
    path = _write(tmp_path, {**GOOD, "id": "sup-ok-001", "text": "Baik."}, bad)
    with pytest.raises(PhraseError) as info:
        read_file(path)
    assert info.value.code == code
    assert f"{path}:4" in str(info.value)
    assert needle in str(info.value)


def test_invalid_json_and_duplicates_are_reported_together(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        GOOD,
        {**GOOD, "text": "Lain."},
        {**GOOD, "id": "sup-ack-002", "text": "  oke!  "},
        raw="{not json",
    )
    with pytest.raises(PhraseError) as info:
        read_file(path)
    codes = [(p.code, p.where) for p in info.value.problems]
    assert ("E401", f"{path}:6") in codes
    assert ("E405", f"{path}:4") in codes  # same id as line 3
    assert ("E406", f"{path}:5") in codes  # same text as line 3, ignoring case and "!"
    assert "already used at" in str(info.value)


def test_admission_of_fault_is_detected_from_the_text(tmp_path: Path) -> None:
    path = _write(tmp_path, {**GOOD, "function": "apologise", "text": "Maaf, ini kesalahan kami."})
    (item,) = read_file(path)
    assert item.phrase.admits_fault
    assert item.phrase.faults == ("company",)


def test_round_trip_of_to_json(library: PhraseLibrary, tmp_path: Path) -> None:
    path = tmp_path / "all.jsonl"
    path.write_text(
        "\n".join(json.dumps(p.to_json(), ensure_ascii=False) for p in library.all),
        encoding="utf-8",
    )
    again = [item.phrase for item in read_file(path)]
    assert again == list(library.all)
