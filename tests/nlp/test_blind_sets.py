"""The blind sets are well-formed and independent of what the engine was trained on."""

from __future__ import annotations

import json

import pytest

from assist.nlp.models import EMOTIONS, FAULTS, ISSUES, SENTIMENTS
from assist.nlp.training.evaluate import BLIND_SETS as EVALUATED
from assist.resources import resource_path

BLIND_SETS = [f"{name}.jsonl" for name in EVALUATED]


def rows(name: str) -> list[dict[str, str]]:
    path = resource_path("corpus", name)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", BLIND_SETS)
def test_blind_sets_are_well_formed(name: str) -> None:
    found = rows(name)
    assert len(found) >= 150
    for row in found:
        assert row["text"].strip() and row["language"] in ("id", "en")
        assert row["emotion"] in EMOTIONS and row["sentiment"] in SENTIMENTS
        assert row["issue"] in ISSUES and row["fault"] in FAULTS
        for reader in ("second_reader", "third_reader"):  # every message was read twice more
            reading = row[reader]
            assert reading["emotion"] in EMOTIONS and reading["sentiment"] in SENTIMENTS
            assert reading["issue"] in ISSUES and reading["fault"] in FAULTS


def test_blind_sets_share_no_message_with_each_other_or_the_training_corpus() -> None:
    texts = {name: {r["text"] for r in rows(name)} for name in BLIND_SETS}
    trained = {r["text"] for r in rows("messages_train.jsonl")}
    for i, name in enumerate(BLIND_SETS):
        assert not texts[name] & trained, name
        for other in BLIND_SETS[i + 1 :]:
            assert not texts[name] & texts[other], (name, other)
