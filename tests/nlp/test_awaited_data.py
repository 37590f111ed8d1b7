"""The words that say what a customer waits for are data, checked like the others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assist.errors import PekaError
from assist.nlp import awaited as awaited_module
from assist.nlp import datafiles


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "nlp"
    shutil.copytree(datafiles.data_dir(), copy)
    target = copy / "entities.json"
    monkeypatch.setattr(datafiles, "data_dir", lambda: copy)
    datafiles.load.cache_clear()
    awaited_module._patterns.cache_clear()
    yield target
    datafiles.load.cache_clear()
    awaited_module._patterns.cache_clear()


def _edit(path: Path, change: dict[str, object]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["awaited"] = change
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("groups", "named"),
    [
        ({"parcel": ["paket"]}, "'awaited' needs exactly the groups"),
        ({"parcel": ["paket"], "visit": ["teknisi"], "pizza": ["pizza"]}, "'awaited' needs"),
        ({"parcel": ["Paket"], "visit": ["teknisi"]}, "'awaited.parcel', entry 'Paket'"),
        ({"parcel": ["paket"], "visit": [""]}, "'awaited.visit', entry 0"),
    ],
)
def test_a_bad_awaited_group_is_E306_naming_file_and_entry(
    data_copy: Path, groups: dict[str, object], named: str
) -> None:
    _edit(data_copy, groups)
    with pytest.raises(PekaError) as info:
        awaited_module.awaited("teknisinya belum datang")
    assert info.value.code == "E306"
    assert str(data_copy) in str(info.value) and named in str(info.value)


def test_the_shipped_words_read_glued_endings() -> None:
    assert awaited_module.awaited("TEKNISINYA belum datang") == ["visit"]
    assert awaited_module.awaited("kirimannya nyangkut, resinya nggak update") == ["parcel"]
    assert awaited_module.awaited("the installers never came, and the courier neither") == [
        "parcel",
        "visit",
    ]
    # Inside another word it is not the word: "petugas" is not in "pertugasan".
    assert awaited_module.awaited("paketeria dan pertugasan") == []


def test_a_broken_list_stops_the_engine_loading(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # analyze() answers neutrally rather than raise, so the list is checked at load.
    from assist.nlp import engine

    _edit(data_copy, {"parcel": ["paket"]})
    monkeypatch.setattr(engine, "_ENGINES", {})
    monkeypatch.setattr(engine, "_PIPELINES", {})
    with pytest.raises(PekaError) as info:
        engine.load_engine()
    assert info.value.code == "E306" and "'awaited' needs exactly the groups" in str(info.value)
