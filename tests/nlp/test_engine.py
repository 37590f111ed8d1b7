"""The trained pipelines through the public API: load, analyze, coach, bad input."""

from __future__ import annotations

import socket
import threading
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assist.nlp import Engine, load_engine
from assist.nlp.models import EMOTIONS, ISSUES, SENTIMENTS, MessageAnalysis


def test_pipelines_load_from_resources_without_network(monkeypatch: Any) -> None:
    from assist.nlp import engine as engine_mod

    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the language engine tried to use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    path = engine_mod.pipelines_dir()
    for lang in ("id", "en"):
        nlp = engine_mod.load_pipeline(path / lang)
        assert "peka_linear" in nlp.pipe_names
        assert "peka_normalizer" in nlp.pipe_names


def test_load_engine_is_cached() -> None:
    assert load_engine() is load_engine()
    assert isinstance(load_engine(), Engine)


def valid(result: MessageAnalysis) -> None:
    assert result.language in ("id", "en")
    assert result.emotion in EMOTIONS and set(result.emotion_scores) == set(EMOTIONS)
    assert result.sentiment in SENTIMENTS
    assert result.issue in ISSUES and set(result.issue_scores) == set(ISSUES)
    assert 0.0 <= result.intensity <= 1.0
    assert result.fault in ("company", "customer", "unknown")
    for span in [*result.cues, *result.entities]:
        assert result.text[span.start : span.end] == span.text


def test_analyze_indonesian_chat(engine: Engine) -> None:
    r = engine.analyze("min pesanan INV-2024-00123 gk nyampe2 udh seminggu!!! kecewa bgt 😡")
    valid(r)
    assert r.language == "id"
    assert r.issue == "delivery_delay"
    assert r.sentiment == "negative"
    assert r.emotion in ("angry", "disappointed")
    assert r.fault == "company"
    assert r.order_refs() == ["INV-2024-00123"]
    assert r.waiting_days() == 7.0


def test_negation_is_not_happy(engine: Engine) -> None:
    r = engine.analyze("saya tidak puas dengan pelayanannya")
    assert r.emotion != "happy"
    assert r.sentiment == "negative"


def test_happy_and_english(engine: Engine) -> None:
    assert engine.analyze("Terima kasih banyak, CS-nya ramah dan cepat!").emotion == "happy"
    r = engine.analyze("I was charged twice for my order, this is ridiculous!!!")
    assert r.language == "en"
    assert r.issue == "billing_error"
    assert r.emotion == "angry"


def test_threat_raises_intensity(engine: Engine) -> None:
    calm = engine.analyze("refund saya belum masuk")
    angry = engine.analyze("REFUND SAYA BELUM MASUK!!! saya lapor YLKI dan viralkan")
    assert angry.intensity > calm.intensity
    assert angry.emotion == "angry"


def test_customer_fault(engine: Engine) -> None:
    r = engine.analyze("maaf kak saya salah transfer ke VA, lebih 500rb")
    assert r.fault == "customer"
    assert r.fault_reason


def test_coach_checklist(engine: Engine) -> None:
    d = engine.coach(
        "Halo Pak Budi, saya paham Bapak kecewa karena pesanan INV-1234 belum sampai. Wajar "
        "sekali. Saya sudah eskalasikan ke kurir dan akan kabari paling lambat pukul 15.00 "
        "hari ini.",
        name="Budi Santoso",
    )
    assert all(d.checklist.values())
    assert d.action_has_time
    assert d.tone == "warm"
    assert d.name_used is True
    assert {"acknowledge_feeling", "validate_feeling", "commit_action"} <= d.functions_present


def test_coach_findings(engine: Engine) -> None:
    text = "Mohon maaf atas ketidaknyamanannya. Sedang dalam perbaikan, silakan tunggu. " \
        "Anda salah input. Sesuai prosedur. Maaf, maaf."  # fmt: skip
    d = engine.coach(text, name="Siti")
    kinds = [f.kind for f in d.findings]
    assert "robotic" in kinds and "cold" in kinds and "blaming" in kinds
    assert "over_apology" in kinds
    assert d.apology_count == 3
    assert d.tone == "cold"
    assert d.name_used is False
    for f in d.findings:
        assert text[f.start : f.end] == f.text and f.alternative


def test_coach_english(engine: Engine) -> None:
    d = engine.coach("As per policy, you should have read the terms. Please wait.")
    assert d.language == "en"
    assert {f.kind for f in d.findings} >= {"blaming", "cold"}
    assert engine.coach("hello", name=None).name_used is None


def test_huge_input_is_capped(engine: Engine) -> None:
    text = "paket saya belum sampai. " * 4000 + "SAYA LAPOR YLKI!!!"
    r = engine.analyze(text)
    valid(r)
    assert any(c.kind == "threat" for c in r.cues)
    d = engine.coach(text)
    assert d.text == text


def test_worker_threads(engine: Engine) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                valid(engine.analyze("udah 3 hari refund blm masuk!!"))
                engine.coach("Maaf ya kak, saya cek sekarang.")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


BAD_INPUTS = ["", " ", "\x00\x01\x02", "😡😡😡", "🙏", "这是中文", "مرحبا", "\ud800abc",
              "a" * 100_000, "!!!???", "\n\n\t"]  # fmt: skip


def test_bad_inputs(engine: Engine) -> None:
    for text in BAD_INPUTS:
        valid(engine.analyze(text))
        assert engine.coach(text, name="Budi").tone in ("cold", "neutral", "warm")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_fuzz_analyze_never_raises(text: str) -> None:
    engine = load_engine()
    valid(engine.analyze(text))
    d = engine.coach(text, name=text[:5] or None)
    for f in d.findings:
        assert d.text[f.start : f.end] == f.text


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_binary_junk(data: bytes) -> None:
    valid(load_engine().analyze(data.decode("latin-1")))


def test_the_loaded_engine_is_kept_out_of_garbage_collections() -> None:
    import gc

    engine = load_engine()
    # Frozen objects are skipped by every collection: a full one no longer walks the
    # pipelines' and the encoder's objects in the middle of an analysis.
    assert gc.get_freeze_count() > 10_000
    collected = {id(o) for o in gc.get_objects()}
    assert id(engine.pipelines["id"]) not in collected
    assert id(engine.pipelines["en"].vocab) not in collected
