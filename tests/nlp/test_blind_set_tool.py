"""`python -m assist.nlp.training.blind_sets`: a blind set assembled from three readings,
and spent sets moved into training with the two-readers rule, refusing bad input whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assist.errors import PekaError
from assist.nlp.models import EMOTIONS, FAULTS, ISSUES
from assist.nlp.training.blind_sets import SpendReport, main, spend, spent_rows

LABELS = {"emotion": "neutral", "sentiment": "neutral", "issue": "other", "fault": "unknown"}


def write_lines(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def author_file(folder: Path, texts: list[str]) -> Path:
    return write_lines(
        folder / "messages.jsonl", [{"text": t, "language": "id", **LABELS} for t in texts]
    )


def reader_file(folder: Path, name: str, count: int, **changed: str) -> Path:
    return write_lines(folder / name, [{"n": n, **LABELS, **changed} for n in range(1, count + 1)])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_lines(
        folder / "handwritten.jsonl",
        [{"text": "Paket saya belum sampai", "language": "id", **LABELS, "author": "writer-1"}],
    )
    return folder


def test_assemble_puts_both_readings_beside_the_authors_labels(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messages = author_file(tmp_path, ["Halo kak, promo hari ini apa?", "Saldo saya kepotong 50rb"])
    second = reader_file(tmp_path, "second.jsonl", 2, emotion="confused")
    third = reader_file(tmp_path, "third.jsonl", 2)
    out = tmp_path / "blind99.jsonl"
    args = ["--corpus", str(corpus), "assemble", str(out), str(messages), str(second), str(third)]
    assert main(args) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == [
        "Halo kak, promo hari ini apa?",
        "Saldo saya kepotong 50rb",
    ]
    assert rows[1]["emotion"] == "neutral"
    assert rows[1]["second_reader"]["emotion"] == "confused"
    assert rows[1]["third_reader"] == LABELS
    assert "2 messages" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("reader_lines", "expected"),
    [
        ([{"n": 1, **LABELS}], "no labels for message 2"),
        ([{"n": 1, **LABELS}, {"n": 1, **LABELS}], "message 1 is labelled twice"),
        ([{"n": 1, **LABELS}, {"n": 3, **LABELS}], "line 2: 'n' must be a message number"),
        ([{"n": 1, **LABELS}, {"n": 2, **LABELS, "issue": "late"}], "line 2: field 'issue'"),
        ([{"n": 1, **LABELS}, {"n": "2", **LABELS}], "line 2: 'n' must be"),
    ],
)
def test_a_bad_reading_is_refused_naming_file_line_and_field_and_writes_nothing(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    reader_lines: list[dict[str, Any]],
    expected: str,
) -> None:
    messages = author_file(tmp_path, ["satu", "dua"])
    second = write_lines(tmp_path / "second.jsonl", reader_lines)
    third = reader_file(tmp_path, "third.jsonl", 2)
    out = tmp_path / "blind99.jsonl"
    args = ["--corpus", str(corpus), "assemble", str(out), str(messages), str(second), str(third)]
    assert main(args) == 1
    error = capsys.readouterr().err
    assert error.startswith("[E312]") and str(second) in error and expected in error
    assert "nothing was written" in error
    assert not out.exists()


def test_a_message_already_trained_on_or_in_another_set_is_left_out_and_named(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_lines(corpus / "blind98.jsonl", [{"text": "Halo min", "language": "id", **LABELS}])
    messages = author_file(tmp_path, ["halo", "  PAKET SAYA BELUM SAMPAI ", "p", "halo min"])
    second = reader_file(tmp_path, "second.jsonl", 4, emotion="anxious")
    third = reader_file(tmp_path, "third.jsonl", 4)
    out = corpus / "blind99.jsonl"
    args = ["--corpus", str(corpus), "assemble", str(out), str(messages)]
    assert main([*args, str(second), str(third)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ["halo", "p"]
    assert rows[1]["second_reader"]["emotion"] == "anxious"  # readings stay with their message
    assert "in another test set: message 2, 4" in capsys.readouterr().out
    # Assembling the same set again does not leave out its own messages.
    assert main([*args, str(second), str(third)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_a_held_out_message_is_neither_assembled_nor_trained_on(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Blind set 41 held a text of fault_dev.jsonl, and spending it put it in training.
    write_lines(corpus / "fault_dev.jsonl", [{"text": "Aplikasi error terus", **LABELS}])
    messages = author_file(tmp_path, ["aplikasi error terus", "halo"])
    second = reader_file(tmp_path, "second.jsonl", 2)
    third = reader_file(tmp_path, "third.jsonl", 2)
    out = corpus / "blind99.jsonl"
    assert main(["--corpus", str(corpus), "assemble", str(out), str(messages),
                 str(second), str(third)]) == 0  # fmt: skip
    assert [json.loads(line)["text"] for line in out.read_text().splitlines()] == ["halo"]
    assert "test set: message 1" in capsys.readouterr().out
    write_lines(
        corpus / "blind98.jsonl",
        [blind_row(" APLIKASI ERROR TERUS", LABELS, LABELS, LABELS), blind_row("p", *[LABELS] * 3)],
    )
    report = spend(corpus, ["blind98"])
    assert report.added == {"blind98": 1} and report.left_out == {"blind98": 1}
    texts = [json.loads(line)["text"] for line in (corpus / "handwritten.jsonl").open()]
    assert texts == ["Paket saya belum sampai", "p"]


def test_a_message_written_twice_is_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messages = author_file(tmp_path, ["Halo min", "halo min"])
    second = reader_file(tmp_path, "second.jsonl", 2)
    third = reader_file(tmp_path, "third.jsonl", 2)
    out = tmp_path / "blind99.jsonl"
    args = ["--corpus", str(corpus), "assemble", str(out), str(messages)]
    assert main([*args, str(second), str(third)]) == 1
    assert "message 2: the same text as message 1" in capsys.readouterr().err
    assert not out.exists()


def test_an_authors_unknown_label_is_refused(corpus: Path, tmp_path: Path) -> None:
    messages = write_lines(
        tmp_path / "messages.jsonl", [{"text": "halo", "language": "jv", **LABELS}]
    )
    with pytest.raises(PekaError, match=r"\[E312\].*message 1: field 'language' is 'jv'"):
        from assist.nlp.training.blind_sets import assemble

        assemble(messages, [])


def blind_row(text: str, author: dict[str, str], second: dict[str, str], third: dict[str, str]):
    return {"text": text, "language": "id", **author,
            "second_reader": second, "third_reader": third}  # fmt: skip


def test_spending_relabels_where_both_readers_agree_against_the_author(corpus: Path) -> None:
    angry = {**LABELS, "emotion": "angry", "sentiment": "negative"}
    write_lines(corpus / "blind98.jsonl", [
        # Both readers read disappointment: they outvote the author.
        blind_row("Kecewa banget sama pelayanannya", angry,
                  {**angry, "emotion": "disappointed"}, {**angry, "emotion": "disappointed"}),
        # The readers disagree with each other: the author's label stays.
        blind_row("KALIAN NIAT KERJA GAK SIH", angry,
                  {**angry, "emotion": "disappointed"}, {**angry, "emotion": "anxious"}),
        # Sentiment is never relabelled, even when both readers agree.
        blind_row("Oke makasih infonya", LABELS,
                  {**LABELS, "sentiment": "positive"}, {**LABELS, "sentiment": "positive"}),
        # Already trained on (by case and spaces): left out.
        blind_row(" paket saya belum sampai", LABELS, LABELS, LABELS),
    ])  # fmt: skip
    report = spend(corpus, ["blind98"])
    lines = (corpus / "handwritten.jsonl").read_text(encoding="utf-8").splitlines()
    added = [json.loads(line) for line in lines[1:]]
    assert len(added) == 3 and report.added == {"blind98": 3} and report.left_out == {"blind98": 1}
    assert added[0]["emotion"] == "disappointed" and added[0]["relabelled"] == {"emotion": "angry"}
    assert added[1]["emotion"] == "angry" and "relabelled" not in added[1]
    assert added[2]["sentiment"] == "neutral" and "relabelled" not in added[2]
    assert {r["author"] for r in added} == {"writer-blind98"}
    assert not any("second_reader" in r for r in added)
    assert report.relabelled["emotion"] == 1 and report.messages_relabelled == 1


def test_spending_a_set_twice_is_refused_and_leaves_the_corpus_as_it_was(corpus: Path) -> None:
    write_lines(corpus / "blind98.jsonl", [blind_row("halo min", LABELS, LABELS, LABELS)])
    spend(corpus, ["blind98"])
    before = (corpus / "handwritten.jsonl").read_bytes()
    write_lines(corpus / "blind97.jsonl", [blind_row("p", LABELS, LABELS, LABELS)])
    with pytest.raises(PekaError, match=r"\[E312\].*blind98 was spent already"):
        spend(corpus, ["blind97", "blind98"])
    assert (corpus / "handwritten.jsonl").read_bytes() == before


def test_a_bad_row_in_a_spent_set_stops_before_anything_is_written(corpus: Path) -> None:
    write_lines(corpus / "blind98.jsonl", [blind_row("halo", LABELS, LABELS, LABELS)])
    write_lines(corpus / "blind97.jsonl",
                [blind_row("p", LABELS, {**LABELS, "fault": "me"}, LABELS)])  # fmt: skip
    before = (corpus / "handwritten.jsonl").read_bytes()
    with pytest.raises(PekaError, match=r"\[E310\].*row 1: 'second_reader.fault'"):
        spend(corpus, ["blind98", "blind97"])
    assert (corpus / "handwritten.jsonl").read_bytes() == before


readings = st.fixed_dictionaries({
    "emotion": st.sampled_from(EMOTIONS), "sentiment": st.sampled_from(("negative", "neutral")),
    "issue": st.sampled_from(ISSUES), "fault": st.sampled_from(FAULTS),
})  # fmt: skip


@given(author=readings, second=readings, third=readings)
def test_a_training_label_is_the_authors_unless_both_readers_outvote_it(
    author: dict[str, str], second: dict[str, str], third: dict[str, str]
) -> None:
    (record,) = spent_rows("blind98", [blind_row("x", author, second, third)], set(), SpendReport())
    kept = record.get("relabelled", {})
    assert record["sentiment"] == author["sentiment"]
    for head in ("emotion", "issue", "fault"):
        outvoted = second[head] == third[head] != author[head]
        assert record[head] == (second[head] if outvoted else author[head])
        assert kept.get(head) == (author[head] if outvoted else None)
