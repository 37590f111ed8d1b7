"""What ``peka train --eval-only`` reports for the hand-written drafts test sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assist.errors import PekaError
from assist.nlp.training.evaluate import (
    BLIND_SETS,
    COLD_DRAFT_SETS,
    evaluate_all,
    evaluate_cold_drafts,
    format_report,
    hand_written_sets,
    wilson,
)
from assist.resources import resource_path

COLD = "Keluhan Anda sudah kami catat. Silakan tunggu saja."
WARM = ("Wah, pasti kesal ya Kak, paketnya sudah lewat tiga hari dari janji. Saya cek ke "
        "kurir sekarang dan kabari Kakak sebelum pukul 15.00 hari ini.")  # fmt: skip


def test_a_flagged_cold_draft_counts_as_recognised_and_a_flagged_warm_one_as_an_alarm(
    engine: Any,
) -> None:
    rows = [{"text": COLD, "cold": True}, {"text": WARM, "cold": False}]
    report = evaluate_cold_drafts(engine, rows)
    assert report["cold_drafts"] == {"recognised": 1, "n": 1, "rate": 1.0}
    assert report["warm_drafts"] == {"false_alarms": 0, "n": 1, "rate": 0.0}


def test_no_blind_leaves_out_only_the_newest_drafts_test_set(tmp_path: Path) -> None:
    corpus = resource_path("corpus")
    pipelines = resource_path("pipelines")
    for name in ("messages_test", *COLD_DRAFT_SETS):
        (tmp_path / f"{name}.jsonl").write_bytes((corpus / f"{name}.jsonl").read_bytes())
    report = evaluate_all(tmp_path, pipelines, blind=False)
    assert COLD_DRAFT_SETS[0] in report and COLD_DRAFT_SETS[-1] not in report
    text = format_report(report)
    assert "cold drafts recognised" in text and "warm drafts flagged" in text


# The sets the evaluation reads now (a pass that spends them changes BLIND_SETS alone).
BLIND_FILES = [f"{name}.jsonl" for name in BLIND_SETS]


@pytest.mark.parametrize(
    ("name", "row", "field"),
    [
        ("drafts_handwritten_test2.jsonl", {"text": "Tunggu saja.", "cold": 1}, "'cold'"),
        (BLIND_FILES[0], {"text": "paket belum sampai", "language": "id", "emotion": "angry",
                           "sentiment": "negative", "issue": "late", "fault": "company"},
         "'issue'"),
        (BLIND_FILES[1], {"text": " ", "language": "id"}, "'text'"),
        (BLIND_FILES[2], {"text": "paket belum sampai", "language": "id", "emotion": "angry",
                           "sentiment": "negative", "issue": "delivery_delay", "fault": "company",
                           "second_reader": {"emotion": "angry", "sentiment": "negative",
                                             "issue": "delivery_delay", "fault": "courier"}},
         "'second_reader.fault' is 'courier'"),
        (BLIND_FILES[3], {"text": "paket belum sampai", "language": "id", "emotion": "angry",
                           "sentiment": "negative", "issue": "delivery_delay", "fault": "company",
                           "second_reader": "angry"},
         "'second_reader' is 'angry', not an object of four labels"),
        (BLIND_FILES[0], {"text": "paket belum sampai", "language": "id", "emotion": "angry",
                           "sentiment": "negative", "issue": "delivery_delay", "fault": "company",
                           "third_reader": {"emotion": "angry", "sentiment": "bad",
                                            "issue": "delivery_delay", "fault": "company"}},
         "'third_reader.sentiment' is 'bad', not one of"),
    ],
)  # fmt: skip
def test_a_bad_test_set_row_is_refused_naming_file_row_and_field(
    tmp_path: Path, name: str, row: dict[str, Any], field: str
) -> None:
    good = json.loads((resource_path("corpus") / name).read_text("utf-8").splitlines()[0])
    path = tmp_path / name
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(PekaError) as caught:
        hand_written_sets(tmp_path)
    message = str(caught.value)
    assert message.startswith("[E310]") and str(path) in message
    assert "row 2" in message and field in message
    # Nothing is scored: evaluate_all checks before it loads anything else.
    with pytest.raises(PekaError) as before_scoring:
        evaluate_all(tmp_path, resource_path("pipelines"))
    assert str(before_scoring.value).startswith("[E310]")


def test_the_real_data_table_bolds_whichever_of_engine_and_baseline_wins() -> None:
    from assist.nlp.training.real_eval import markdown

    def scores(engine: float, baseline: float) -> dict[str, Any]:
        return {"engine": {"n": 100, "score": engine}, "linear_only": {"score": engine},
                "baseline": {"score": baseline}, "difference_95": (-0.061, 0.024)}  # fmt: skip

    table = markdown({"nusax_valid_id/sentiment": scores(0.864, 0.882),
                      "smsa_valid/sentiment": scores(0.837, 0.828)}).splitlines()  # fmt: skip
    assert table[2] == ("| nusax_valid_id | sentiment | macro-F1 | 100 | 0.864 | 0.864 | **0.882**"
                        " | -0.061 to +0.024 |")  # fmt: skip
    assert table[3] == ("| smsa_valid | sentiment | macro-F1 | 100 | **0.837** | 0.837 | 0.828"
                        " | -0.061 to +0.024 |")  # fmt: skip


def test_every_accuracy_carries_its_wilson_interval() -> None:
    from assist.nlp.training.evaluate import prf, wilson

    # Blind set 18's emotion: 219 of 262 right reads 0.836, and 0.85 lies inside.
    assert wilson(219, 262) == (0.786, 0.876)
    assert wilson(0, 0) == (0.0, 0.0) and wilson(10, 10)[1] == 1.0
    report = prf(["a", "b", "a", "a"], ["a", "b", "b", "a"], ("a", "b"))
    assert report["accuracy"] == 0.75 and report["accuracy_95"] == wilson(3, 4)
    line = format_report({"blind24": {"fault": report}})
    assert "fault: accuracy 0.750 (95 % 0.301–0.954), macro F1" in line


def test_the_paired_interval_is_a_tie_for_one_message_and_clear_for_many() -> None:
    from assist.nlp.training.real_eval import paired_interval

    gold = ["negative", "neutral", "positive"] * 40
    one_better = list(gold)
    one_better[0] = "positive"  # the engine misses one message the baseline gets
    low, high = paired_interval("sentiment", gold, one_better, gold)
    assert low < 0 <= high or low <= 0 < high  # one message in 120: a tie
    all_wrong = ["neutral"] * len(gold)
    low, high = paired_interval("sentiment", gold, gold, all_wrong)
    assert low > 0.4  # the engine right, the baseline always "neutral": a clear win
    # Accuracy for issue: the same rows resampled for both, so equal answers give exactly 0.
    assert paired_interval("issue", ["a", "b"] * 10, ["a", "b"] * 10, ["a", "b"] * 10) == (0, 0)


def test_the_engine_is_scored_again_on_the_messages_a_second_reader_agrees_on() -> None:
    from types import SimpleNamespace

    from assist.nlp.training.readers import agreed_scores

    labels = {"emotion": "anxious", "sentiment": "negative", "issue": "refund_pending",
              "fault": "unknown"}  # fmt: skip
    doubted = {**labels, "emotion": "neutral"}  # the reader read this one calm
    rows = [
        {"text": "a", **labels, "second_reader": labels},
        {"text": "b", **labels, "second_reader": labels},
        {"text": "c", **labels, "second_reader": doubted},
        {"text": "d", **labels},  # not read a second time: left out of both numbers
    ]
    results = [SimpleNamespace(**labels), SimpleNamespace(**{**labels, "emotion": "angry"}),
               SimpleNamespace(**doubted), SimpleNamespace(**doubted)]  # fmt: skip
    report = agreed_scores(rows, results)
    assert report["read"] == 3
    assert report["emotion"]["reader_agreement"] == 0.667 and report["emotion"]["agreed"] == 2
    assert report["emotion"]["engine_accuracy"] == 0.5  # c, the doubted one, does not count
    assert report["issue"] == {"reader_agreement": 1.0, "agreed": 3, "engine_accuracy": 1.0,
                               "engine_accuracy_95": wilson(3, 3)}  # fmt: skip
    text = format_report({"blind24_agreed": report})
    assert "## blind24, where a second reader agrees" in text
    assert ("emotion: second reader gave the author's label 0.667 (2 of 3); engine accuracy on"
            " those 0.500 (95 % 0.095–0.905)") in text  # fmt: skip
    assert agreed_scores(rows[3:], results[3:]) == {}


def test_eval_only_reports_the_agreed_messages_of_every_blind_set(tmp_path: Path) -> None:
    corpus = resource_path("corpus")
    name = BLIND_SETS[2]
    lines = (corpus / f"{name}.jsonl").read_text("utf-8").splitlines()[:12]
    (tmp_path / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "messages_test.jsonl").write_text(
        (corpus / "messages_test.jsonl").read_text("utf-8").splitlines()[0] + "\n", "utf-8"
    )
    report = evaluate_all(tmp_path, resource_path("pipelines"))
    assert report[f"{name}_agreed"]["read"] == 12
    assert f"## {name}, where a second reader agrees" in format_report(report)


def _eval_only(corpus_dir: Path, *more: str) -> str:
    """`peka train --eval-only --no-blind` on one held-out message; what it printed."""
    from click.testing import CliRunner

    from ui.entry import full_cli

    if not (corpus_dir / "messages_test.jsonl").is_file():
        (corpus_dir / "messages_test.jsonl").write_text(
            (resource_path("corpus") / "messages_test.jsonl").read_text("utf-8").splitlines()[0]
            + "\n",
            "utf-8",
        )
    args = ["train", "--eval-only", "--no-blind", "--corpus", str(corpus_dir), *more]
    result = CliRunner().invoke(full_cli(), args)
    assert result.exit_code == 0, result.output
    return result.output


def test_eval_only_says_nothing_of_the_public_data_it_does_not_read(tmp_path: Path) -> None:
    output = _eval_only(tmp_path)
    assert "no shared data" not in output and "## held_out" in output


def test_three_readers_give_a_majority_and_judge_a_person_and_the_engine_alike() -> None:
    from types import SimpleNamespace

    from assist.nlp.training.readers import majority_scores

    rest = {"sentiment": "negative", "issue": "other", "fault": "unknown"}

    def row(author: str, second: str, third: str) -> dict[str, Any]:
        return {"text": author, "emotion": author, **rest,
                "second_reader": {"emotion": second, **rest},
                "third_reader": {"emotion": third, **rest}}  # fmt: skip

    rows = [
        row("anxious", "anxious", "neutral"),  # a majority; only the third is judged
        row("anxious", "neutral", "confused"),  # no majority, no two agree: left out
        row("neutral", "neutral", "neutral"),  # all three judged by the other two
        {"text": "x", "emotion": "angry", **rest, "second_reader": {"emotion": "angry", **rest}},
    ]
    results = [SimpleNamespace(emotion=e, **rest) for e in ("anxious", "neutral", "angry", "angry")]
    report = majority_scores(rows, results)
    assert report["read"] == 3  # the last row has one reader only
    emotion = report["emotion"]
    assert (emotion["majority"], emotion["engine_accuracy"]) == (2, 0.5)
    assert emotion["judged"] == 4
    assert emotion["person_against_others"] == 0.75  # the third reader's "neutral" was wrong
    assert emotion["engine_against_others"] == 0.25
    assert report["issue"]["engine_accuracy"] == 1.0 and report["issue"]["judged"] == 9
    text = format_report({"blind30_majority": report})
    assert "## blind30, three readers" in text
    assert ("emotion: engine against the majority 0.500 (95 % 0.095–0.905; 2 of 3 have one);"
            " against the other two where they agree: a person 0.750, the engine 0.250 (n=4)"
            ) in text  # fmt: skip
    assert majority_scores(rows[3:], results[3:]) == {}


def test_eval_only_says_which_message_encoder_it_reads_with(tmp_path: Path) -> None:
    output = _eval_only(tmp_path)
    assert f"(message encoder: {resource_path('pipelines') / 'encoder'})" in output
    pipelines = tmp_path / "pipelines"
    pipelines.mkdir()
    for lang in ("id", "en"):  # the pipelines without the encoder beside them
        (pipelines / lang).symlink_to(resource_path("pipelines") / lang)
    output = _eval_only(tmp_path, "--out", str(pipelines))
    assert f"(no message encoder in {pipelines / 'encoder'}" in output
