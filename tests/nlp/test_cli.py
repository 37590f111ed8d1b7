"""CLI JSON shapes, batch order and the tiny training smoke test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ui.entry import full_cli


def test_analyze_json_shape() -> None:
    result = CliRunner().invoke(full_cli(), ["analyze", "paket blm sampai 3 hari", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"language", "emotion", "emotion_scores", "intensity", "sentiment", "issue",
            "issue_scores", "fault", "cues", "entities"} <= set(data)  # fmt: skip
    assert set(data["fault"]) == {"value", "reason"}


def test_analyze_says_what_the_customer_waits_for() -> None:
    message = "Teknisi janji datang jam 10, sekarang udah jam 4 sore belum nongol juga."
    result = CliRunner().invoke(full_cli(), ["analyze", message, "--json"])
    assert json.loads(result.output)["awaited"] == ["visit"]
    plain = CliRunner().invoke(full_cli(), ["analyze", message]).output
    assert "issue:     delivery_delay (awaiting: visit)" in plain
    calm = CliRunner().invoke(full_cli(), ["analyze", "halo kak, mau tanya jam buka"]).output
    assert "awaiting" not in calm


def test_analyze_batch_keeps_order_and_reports_bad_lines() -> None:
    texts = ["refund belum masuk", "terima kasih banyak!", "internet mati dari pagi"]
    stdin = "\n".join(json.dumps({"text": t}) for t in texts) + "\nnot json\n"
    result = CliRunner().invoke(full_cli(), ["analyze", "--batch"], input=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines[:3]] == texts
    assert "E302" in lines[3]["error"]
    assert result.exit_code == 1


def test_coach_json_and_batch() -> None:
    result = CliRunner().invoke(
        full_cli(), ["coach", "Maaf ya Kak Rina, saya cek sekarang", "--json", "--name", "Rina"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["name_used"] is True
    assert isinstance(data["functions_present"], list)
    assert set(data["checklist"]) == {"problem_restated", "feeling_acknowledged",
                                      "empathy_expressed", "action_committed"}  # fmt: skip
    stdin = json.dumps({"text": "Silakan tunggu."}) + "\n" + json.dumps({"text": "Maaf"}) + "\n"
    result = CliRunner().invoke(full_cli(), ["coach", "--batch"], input=stdin)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in rows] == ["Silakan tunggu.", "Maaf"]


def test_training_without_the_shared_data_stops_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 14, fourteenth pass: from a checkout with no ../shared/data beside it,
    # `peka train` used to train on the corpus alone and overwrite the shipped pipelines.
    import assist.resources

    monkeypatch.setattr(assist.resources, "resources_root", lambda: tmp_path / "repo" / "resources")
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    args = ["train", "--regenerate", "--corpus", str(corpus), "--out", str(out)]
    result = CliRunner().invoke(full_cli(), args)
    assert result.exit_code != 0 and "[E305]" in result.output
    assert str(tmp_path / "shared" / "data") in result.output and "--no-shared" in result.output
    assert not corpus.exists() and not out.exists()
    given = CliRunner().invoke(full_cli(), [*args, "--shared-data", str(tmp_path / "nowhere")])
    assert given.exit_code != 0 and "[E305]" in given.output and not corpus.exists()


def test_training_smoke(tmp_path: Path) -> None:
    """Train a tiny pipeline on ~50 generated messages, save and reload it (needs the
    ``train`` extra; the component's own round trip is tested without it)."""
    pytest.importorskip("sklearn")
    from assist.nlp.engine import Engine, load_pipeline
    from assist.nlp.training.corpus import generate_messages
    from assist.nlp.training.public import Row
    from assist.nlp.training.train import train_pipeline

    rows = [
        Row(m["text"], "id", "templates", {h: m[h] for h in ("emotion", "sentiment", "issue")})
        for m in generate_messages(96, "id", "train", seed=3)
    ]
    nlp = train_pipeline("id", [], rows)
    nlp.to_disk(tmp_path / "id")
    loaded = load_pipeline(tmp_path / "id")
    result = Engine({"id": loaded}).analyze("paket saya belum sampai")
    assert result.issue in result.issue_scores
    assert abs(sum(result.emotion_scores.values()) - 1.0) < 0.01


def test_generated_corpus_is_split_by_family() -> None:
    from assist.nlp.training.corpus import read_jsonl
    from assist.resources import resource_path

    train = read_jsonl(resource_path("corpus", "messages_train.jsonl"))
    test = read_jsonl(resource_path("corpus", "messages_test.jsonl"))
    core = lambda r: r["family"].split("|")[0]  # noqa: E731
    assert not {core(r) for r in train} & {core(r) for r in test}
    texts = {r["text"] for r in train}
    assert not any(r["text"] in texts for r in test)


def test_batch_with_a_file_name_is_a_usage_error() -> None:
    # `peka analyze --batch lines.jsonl` must not silently analyse nothing.
    for command in ("analyze", "coach"):
        result = CliRunner().invoke(full_cli(), [command, "--batch", "lines.jsonl"], input="")
        assert result.exit_code == 2 and "standard input" in result.output


def test_select_c_reads_only_training_rows() -> None:
    """The inner fold is chosen by content and the scores come per public source."""
    pytest.importorskip("sklearn")
    from assist.nlp.training.corpus import generate_messages
    from assist.nlp.training.linear_train import c_value
    from assist.nlp.training.public import Row
    from assist.nlp.training.select_c import inner, inner_scores
    from assist.nlp.training.train import blank_pipeline

    rows = [
        Row(m["text"], "id", "smsa_train", {"sentiment": m["sentiment"]})
        for m in generate_messages(120, "id", "train", seed=5)
    ]
    assert any(inner(r) for r in rows) and not all(inner(r) for r in rows)
    assert inner(rows[0]) == inner(Row(rows[0].text, "id", "other", {}))
    scores = inner_scores(blank_pipeline("id"), rows, [], "sentiment", [1.0, 4.0])
    assert set(scores) == {1.0, 4.0}
    assert all(set(v) == {"smsa_train"} and 0.0 <= v["smsa_train"] <= 1.0 for v in scores.values())
    assert c_value("en", "sentiment") == 1.0 and c_value("id", "sentiment") == 4.0
