"""What ``peka train --eval-only`` reports for the hand-written drafts test sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assist.errors import PekaError
from assist.nlp.training.evaluate import (
    COLD_DRAFT_SETS,
    evaluate_all,
    evaluate_cold_drafts,
    format_report,
    hand_written_sets,
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


@pytest.mark.parametrize(
    ("name", "row", "field"),
    [
        ("drafts_handwritten_test2.jsonl", {"text": "Tunggu saja.", "cold": 1}, "'cold'"),
        ("blind16.jsonl", {"text": "paket belum sampai", "language": "id", "emotion": "angry",
                           "sentiment": "negative", "issue": "late", "fault": "company"},
         "'issue'"),
        ("blind17.jsonl", {"text": " ", "language": "id"}, "'text'"),
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
    line = format_report({"blind18": {"fault": report}})
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
