"""What the encoder's training reads from the public data (no torch needed)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from assist.nlp.training import encoder_train
from assist.nlp.training.encoder_train import public_rows


def _shared(tmp_path: Path, goemotions_rows: list[str]) -> Path:
    smsa = tmp_path / "smsa"
    smsa.mkdir(parents=True)
    (smsa / "train_preprocess.tsv").write_text(
        "layanannya cepat dan ramah\tpositive\n"
        "barang datang rusak parah\tnegative\n"
        "toko buka jam sembilan\tneutral\n",
        encoding="utf-8",
    )
    # A validation sentence that also sits in train is held out, never trained on.
    (smsa / "valid_preprocess.tsv").write_text(
        "barang datang rusak parah\tnegative\n", encoding="utf-8"
    )
    go = tmp_path / "goemotions-ekman"
    go.mkdir(parents=True)
    (go / "labels.txt").write_text(
        "anger\ndisgust\nfear\njoy\nneutral\nsadness\nsurprise\n", encoding="utf-8"
    )
    (go / "train.tsv").write_text("".join(goemotions_rows), encoding="utf-8")
    (go / "dev.tsv").write_text("I am so glad it worked\t3\tid0\n", encoding="utf-8")
    return tmp_path


def _goemotions(count: int) -> list[str]:
    return [f"comment number {n} made me happy\t3\tid{n}\n" for n in range(count)]


def test_only_training_rows_with_the_labels_their_set_has(tmp_path: Path) -> None:
    rows = public_rows(_shared(tmp_path, _goemotions(3)))
    texts = {r["text"] for r in rows}
    assert "barang datang rusak parah" not in texts  # held out in SmSA valid
    assert "I am so glad it worked" not in texts  # GoEmotions dev
    by_text = {r["text"]: r for r in rows}
    assert by_text["layanannya cepat dan ramah"] == {
        "text": "layanannya cepat dan ramah",
        "sentiment": "positive",
        "source": "smsa_train",
    }
    # A neutral SmSA sentence expresses no feeling: Peka's neutral emotion too.
    assert by_text["toko buka jam sembilan"]["emotion"] == "neutral"
    assert by_text["comment number 0 made me happy"]["emotion"] == "happy"
    assert "issue" not in by_text["comment number 0 made me happy"]


def test_a_capped_set_keeps_the_rows_whose_text_hashes_lowest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(encoder_train.PUBLIC_CAP, "goemotions_train", 5)
    lines = _goemotions(40)
    kept = {
        r["text"] for r in public_rows(_shared(tmp_path / "a", lines)) if "comment" in r["text"]
    }
    expected = sorted((line.split("\t")[0] for line in lines), key=lambda t: zlib.crc32(t.encode()))
    assert kept == set(expected[:5])
    # The same rows whatever the order of the file.
    reordered = public_rows(_shared(tmp_path / "b", lines[::-1]))
    assert {r["text"] for r in reordered if "comment" in r["text"]} == kept


def test_no_public_data_means_no_public_rows(tmp_path: Path) -> None:
    assert public_rows(tmp_path) == []
