"""The coach's sentence-tone model (``peka_tone``): cold wordings nobody listed are
found, warm drafts are left alone, the phrase lists keep their precise advice, and the
training drafts are checked line by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.errors import PekaError
from assist.nlp.engine import Engine
from assist.nlp.tone import sentence_spans
from assist.nlp.training.tone_train import tone_rows
from assist.resources import resource_path


def test_sentences_are_cut_at_stops_and_line_breaks_not_inside_times_or_amounts() -> None:
    text = "Halo Kak Rina!  Dana Rp 150.000 kembali pukul 15.00 hari ini.\nMohon ditunggu ya..."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Halo Kak Rina!", "Dana Rp 150.000 kembali pukul 15.00 hari ini.", "Mohon ditunggu ya...",
    ]  # fmt: skip
    assert not list(sentence_spans("... !!! 12.30"))


@pytest.mark.parametrize(
    "draft",
    [
        # Written for this test, in wordings the phrase lists do not hold.
        "Halo Kak. Mohon dimaklumi, memang begitu alurnya dari pusat.",
        "Kalau Bapak teliti sejak awal, hal seperti ini tidak akan terjadi.",
        "That's the way our billing cycle works, there is nothing unusual about it.",
    ],
)
def test_cold_wordings_nobody_listed_are_found(engine: Engine, draft: str) -> None:
    result = engine.coach(draft)
    assert result.findings, draft
    finding = result.findings[-1]
    assert finding.kind in ("robotic", "cold", "blaming")
    assert finding.alternative and finding.message
    assert draft[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "draft",
    [
        "Halo Kak Rina, saya paham kecewanya menunggu paket yang belum datang padahal "
        "sudah seminggu. Saya sudah hubungi kurir dan akan kabari Kakak paling lambat "
        "pukul 15.00 hari ini.",
        "Hi Dan, I'm sorry you were charged twice for your March bill; that's on us. "
        "I've started the refund of the extra charge and it will reach your card within "
        "three working days. Is there anything else I can help with?",
    ],
)
def test_a_warm_draft_is_left_alone(engine: Engine, draft: str) -> None:
    assert engine.coach(draft).findings == []


def test_a_listed_phrase_keeps_its_own_advice(engine: Engine) -> None:
    result = engine.coach("Keluhan sudah dicatat.")
    assert [f.kind for f in result.findings] == ["robotic"]
    assert "template" not in result.findings[0].message or "mesin" in result.findings[0].message


def test_every_training_draft_names_its_author_and_kinds() -> None:
    path = resource_path("corpus") / "drafts_handwritten.jsonl"
    drafts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(drafts) >= 1500
    tested: set[str] = set()
    for name in ("drafts_handwritten_test.jsonl", "drafts_handwritten_test2.jsonl"):
        test_path = resource_path("corpus") / name
        tested |= {json.loads(line)["text"] for line in test_path.read_text("utf-8").splitlines()}
    for draft in drafts:
        assert draft["author"].startswith("writer-") and draft["language"] in ("id", "en")
        assert " ".join(s["text"] for s in draft["sentences"]) not in tested
    assert {r.tone for r in tone_rows(resource_path("corpus"), "id")} == {
        "ok", "robotic", "cold", "blaming"}  # fmt: skip


def test_a_bad_sentence_kind_is_refused_naming_file_draft_and_sentence(tmp_path: Path) -> None:
    draft = {"text": "Halo Kak. Tunggu saja.", "customer": "paket belum sampai",
             "language": "id", "author": "writer-a",
             "sentences": [{"text": "Halo Kak.", "kind": "neutral"},
                           {"text": "Tunggu saja.", "kind": "rude"}]}  # fmt: skip
    path = tmp_path / "drafts_handwritten.jsonl"
    path.write_text(json.dumps(draft) + "\n", encoding="utf-8")
    with pytest.raises(PekaError) as caught:
        tone_rows(tmp_path, "id")
    message = str(caught.value)
    assert message.startswith("[E309]") and str(path) in message
    assert "draft 1, sentence 2" in message and "'rude'" in message


def test_a_wall_of_text_is_scored_only_up_to_its_twentieth_sentence(engine: Engine) -> None:
    from assist.nlp.tone import MAX_SENTENCES

    cold = "Silakan baca sendiri di syarat dan ketentuan kami, memang begitu aturannya."
    draft = " ".join(["Pesanan Kakak sudah kami terima dengan baik."] * MAX_SENTENCES + [cold])
    flagged = [f.text for f in engine.coach(draft).findings]
    assert cold not in flagged
    assert any(cold in f.text for f in engine.coach(cold).findings)


@pytest.mark.parametrize(
    "name", ["drafts_handwritten_test.jsonl", "drafts_handwritten_test2.jsonl"]
)
def test_each_drafts_test_set_labels_every_draft_cold_or_warm(name: str) -> None:
    path = resource_path("corpus") / name
    drafts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(drafts) >= 150 and len({d["text"] for d in drafts}) == len(drafts)
    for draft in drafts:
        assert draft["text"].strip() and draft["customer"].strip()
        assert draft["language"] in ("id", "en")
        assert draft["cold"] == (draft["kind"] in ("robotic", "cold", "blaming"))
        assert draft["kind"] in ("robotic", "cold", "blaming", "warm")
