"""The hand-written training messages: well-formed, apart from every evaluation set,
weighted as documented, and checked line by line when loaded."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assist.errors import PekaError
from assist.nlp.models import EMOTIONS, FAULTS, ISSUES, SENTIMENTS
from assist.nlp.training.evaluate import BLIND_SETS, HELD_OUT_MESSAGE_SETS
from assist.nlp.training.linear_train import HANDWRITTEN, HANDWRITTEN_WEIGHT, weigh
from assist.nlp.training.public import Row
from assist.nlp.training.train import handwritten_rows, own_rows
from assist.resources import resource_path

# The sets the evaluation names (the blind sets change when a pass spends them).
EVALUATION_SETS = [f"{name}.jsonl" for name in (*BLIND_SETS, *HELD_OUT_MESSAGE_SETS)]


def rows(name: str) -> list[dict[str, str]]:
    path = resource_path("corpus") / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_message_carries_every_label_and_an_author() -> None:
    found = rows("handwritten.jsonl")
    assert len(found) >= 25000
    for row in found:
        assert row["text"].strip() and row["language"] in ("id", "en")
        assert row["emotion"] in EMOTIONS and row["sentiment"] in SENTIMENTS
        assert row["issue"] in ISSUES and row["fault"] in FAULTS
        assert row["author"].startswith("writer-")
    # A hundred and thirty-four authors (fifty-seven writers and seventy-seven spent blind
    # sets), none writing most of it: a model that learnt one person's habits would not show
    # up in the leave-an-author-out numbers otherwise.
    authors = Counter(r["author"] for r in found)
    assert len(authors) == 142 and max(authors.values()) < len(found) / 5
    assert len({r["text"] for r in found}) == len(found)


def test_no_evaluation_message_is_trained_on() -> None:
    trained = {r["text"].strip().lower() for r in rows("handwritten.jsonl")}
    for name in EVALUATION_SETS:
        assert (resource_path("corpus") / name).is_file(), name
        assert not trained & {r["text"].strip().lower() for r in rows(name)}, name


def test_leaving_an_author_out_leaves_all_their_messages_out() -> None:
    corpus = resource_path("corpus")
    everyone = handwritten_rows(corpus, "id")
    without = handwritten_rows(corpus, "id", leave_out={"writer-3"})
    theirs = [r for r in rows("handwritten.jsonl")
              if r["author"] == "writer-3" and r["language"] == "id"]  # fmt: skip
    assert theirs and len(everyone) - len(without) == len(theirs)
    assert not {r["text"] for r in theirs} & {r.text for r in without}
    assert {r.source for r in own_rows(corpus, "en")} == {"templates", HANDWRITTEN}


def test_a_hand_written_message_outweighs_a_public_row_as_documented() -> None:
    real = [Row(f"ulasan {i}", "id", "smsa_train", {"emotion": "angry"}) for i in range(4)]
    hand = [Row(f"pesan {i}", "id", HANDWRITTEN, {"emotion": "angry"}) for i in range(2)]
    weights = {w.row.text: w.weight for w in weigh(real, hand, "emotion")}
    assert weights["pesan 0"] == pytest.approx(HANDWRITTEN_WEIGHT["emotion"] * weights["ulasan 0"])
    # The fault head learns from hand-written messages only: no public set has fault.
    assert not weigh(real, hand, "fault")


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (
            {
                "text": "paket belum sampai",
                "language": "id",
                "emotion": "furious",
                "sentiment": "negative",
                "issue": "delivery_delay",
                "fault": "company",
                "author": "writer-1",
            },
            "emotion",
        ),
        (
            {
                "text": "paket belum sampai",
                "language": "id",
                "emotion": "angry",
                "sentiment": "negative",
                "issue": "delivery_delay",
                "author": "writer-1",
            },
            "fault",
        ),
        (
            {
                "text": "paket belum sampai",
                "language": "jv",
                "emotion": "angry",
                "sentiment": "negative",
                "issue": "delivery_delay",
                "fault": "company",
                "author": "writer-1",
            },
            "language",
        ),
    ],
)
def test_a_bad_label_is_refused_naming_file_message_and_field(
    tmp_path: Path, line: dict[str, str], field: str
) -> None:
    good = {"text": "makasih kak", "language": "id", "emotion": "happy",
            "sentiment": "positive", "issue": "other", "fault": "unknown",
            "author": "writer-1"}  # fmt: skip
    path = tmp_path / "handwritten.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(PekaError) as caught:
        handwritten_rows(tmp_path, "id")
    message = str(caught.value)
    assert message.startswith("[E308]")
    assert str(path) in message and "message 2" in message and f"'{field}'" in message


def test_training_stops_on_a_bad_label_before_fitting_or_writing_anything(tmp_path: Path) -> None:
    from assist.nlp.training.train import train_all

    bad = {"text": "paket belum sampai", "language": "en", "emotion": "furious",
           "sentiment": "negative", "issue": "delivery_delay", "fault": "company",
           "author": "writer-1"}  # fmt: skip
    (tmp_path / "handwritten.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(PekaError, match=r"^\[E308\]"):
        train_all(tmp_path, tmp_path / "out", shared=None)
    assert not (tmp_path / "out").exists()
