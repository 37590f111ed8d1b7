"""The peka_linear component: features, serialisation, and the shipped weights."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from assist.nlp.engine import Engine
from assist.nlp.linear import BUCKETS, MODEL_HEADS, N_OUTPUTS, Featurizer
from assist.nlp.morphology import stem_candidates, stem_id


def test_the_shipped_pipelines_use_the_linear_model(engine: Engine) -> None:
    for nlp in engine.pipelines.values():
        linear = nlp.get_pipe("peka_linear")
        assert linear.trained
        assert np.count_nonzero(linear.table.weights) > 10_000
        # Compact: only the buckets training used, sorted, far fewer than all of them.
        assert np.all(np.diff(linear.table.rows) > 0) and len(linear.table.rows) < BUCKETS


def test_features_see_norms_stems_chars_and_rules(engine: Engine) -> None:
    nlp = engine.pipelines["id"]
    doc = nlp("gak puas, pelayanannya mengecewakan!!!")
    words, chars = Featurizer("id")(doc)
    assert words and chars
    doc2 = nlp("tidak puas, pelayanannya mengecewakan!!!")
    words2, _ = Featurizer("id")(doc2)
    assert set(words) == set(words2)  # "gak" and "tidak" share their features


def test_round_trip_keeps_every_score(tmp_path: Path, engine: Engine) -> None:
    nlp: Any = engine.pipelines["en"]
    linear = nlp.get_pipe("peka_linear")
    linear.to_disk(tmp_path / "linear")
    from assist.nlp.linear import LinearClassifier

    copy = LinearClassifier(nlp, "copy", language="en").from_disk(tmp_path / "linear")
    doc = nlp("I was charged twice and nobody answers my emails!!")
    assert copy.scores(doc) == linear.scores(doc)
    assert copy.table.weights.shape == (len(copy.table.rows), N_OUTPUTS)


def test_every_head_is_a_distribution(engine: Engine) -> None:
    doc = engine.pipelines["id"]("paket saya belum sampai")
    for head, labels in MODEL_HEADS.items():
        assert abs(sum(doc.cats[f"{head}:{k}"] for k in labels) - 1.0) < 1e-4


def test_affix_stripper() -> None:
    assert stem_id("menyenangkan") == "senang"
    assert stem_id("bermanfaat") == "manfaat"
    assert stem_id("pengirimannya") == "kirim"
    assert stem_id("memperbaiki") == "baik"
    assert stem_id("dibatalkan") == "batal"
    assert stem_id("terlambat") == "lambat"
    assert "kecewa" in stem_candidates("mengecewakan")
    assert stem_id("asuransi") == "asuransi"
    assert stem_id("seru") == "seru"
