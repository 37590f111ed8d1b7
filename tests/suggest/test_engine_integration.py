"""The session with the real language engine (loaded once for this module)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assist.nlp import load_engine
from assist.nlp.engine import Engine
from assist.session import AssistSession
from assist.suggest.library import PhraseLibrary
from assist.suggest.phrases import APOLOGY_RE, FAULT_ADMISSION_RE
from tests.suggest.helpers import NOW, customer
from ui.entry import full_cli


@pytest.fixture(scope="module")
def engine() -> Engine:
    return load_engine()


def start(engine: Engine, library: PhraseLibrary, message: str, **kwargs: object) -> AssistSession:
    s = AssistSession(engine, library, agent_id="agent-1", clock=lambda: NOW, **kwargs)  # type: ignore[arg-type]
    s.set_customer(kwargs.pop("record", None) or customer())  # type: ignore[arg-type]
    s.add_customer_message(message)
    return s


def test_angry_delay_in_indonesian(engine: Engine, library: PhraseLibrary) -> None:
    s = start(
        engine,
        library,
        "Sudah 6 hari pesanan INV-2025-00042 belum sampai juga!! Saya sangat kecewa.",
    )
    assert s.analysis is not None and s.analysis.issue == "delivery_delay"
    update = s.update("")
    assert update.suggestions
    assert all(x.id.startswith("id-") for x in update.suggestions)
    assert update.suggestions[0].function in ("acknowledge_feeling", "validate_feeling")
    assert all("{" not in x.text for x in update.suggestions)
    assert any("6 hari" in c.text for c in s.candidates.by_function["acknowledge_impact"])


def test_covered_functions_are_not_offered(engine: Engine, library: PhraseLibrary) -> None:
    s = start(engine, library, "Paket saya belum datang, saya kesal sekali!")
    draft = (
        "Bapak Budi, saya paham betapa kesalnya Bapak. Saya akan cek ke kurir sekarang dan "
        "kabari Bapak sebelum jam 3 sore."
    )
    update = s.update(draft)
    covered = update.coach.functions_present
    assert covered  # the engine recognises at least one step
    assert not {x.function for x in update.suggestions} & covered


def test_customer_fault_never_brings_an_apology(engine: Engine, library: PhraseLibrary) -> None:
    s = start(
        engine,
        library,
        "Saya salah memasukkan alamat waktu checkout, bisa tolong diubah?",
    )
    update = s.update("Mohon maaf atas ketidaknyamanannya.")
    texts = [x.text for x in update.suggestions] + [f.rewrite for f in update.coach.findings]
    if s.analysis is not None and s.analysis.fault == "customer":
        assert all(not APOLOGY_RE.search(t) and not FAULT_ADMISSION_RE.search(t) for t in texts)
        assert all(x.function != "apologise" for x in update.suggestions)


def test_cold_template_rewrite_is_personal(engine: Engine, library: PhraseLibrary) -> None:
    s = start(engine, library, "Internet saya mati dari kemarin, tolong!")
    update = s.update("Sedang dalam perbaikan.")
    kinds = {f.kind: f for f in update.coach.findings}
    assert "cold_template" in kinds
    assert kinds["cold_template"].rewrite.startswith("Halo Bapak Budi,")
    for finding in update.coach.findings:
        assert "[" not in finding.rewrite and "{" not in finding.rewrite


def test_english_customer(engine: Engine, library: PhraseLibrary) -> None:
    record = customer(full_name="Sarah Lee", salutation="", language="en")
    s = AssistSession(engine, library, agent_id="a", ui_language="en", clock=lambda: NOW)
    s.set_customer(record)
    s.add_customer_message("I was charged twice for my subscription and I'm really upset.")
    update = s.update("We apologise for the inconvenience.")
    assert all(x.id.startswith("en-") for x in update.suggestions)
    assert any(f.kind == "cold_template" for f in update.coach.findings)
    assert update.suggestions[0].reason.startswith("The ")


def test_suggest_command_with_real_engine(tmp_path: Path) -> None:
    from assist.cache.demo import generate_demo_cache

    cache = tmp_path / "cache.sqlite"
    generate_demo_cache(cache, customers=2, seed=5)
    result = CliRunner().invoke(
        full_cli(),
        ["suggest", "--customer", "C000001", "--message", "Pesanan saya kok belum sampai?",
         "--draft", "Baik, kami cek.", "--json", "--db", str(cache)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["analysis"]["language"] == "id"
    assert data["suggestions"] and data["coach"]["checklist"]


def test_a_wrong_transfer_is_not_called_a_wrong_bill_nor_promised_safe(
    engine: Engine, library: PhraseLibrary
) -> None:
    # The customer sent the money to the wrong account: no suggestion may say the bill
    # was wrong or that the money is safe, which nobody can know yet.
    s = start(
        engine,
        library,
        "Kak, saya salah transfer ke VA yang lama, 250rb. Bisa dibalikin gak ya? Panik banget",
    )
    assert s.analysis is not None and s.analysis.fault == "customer"
    texts = [c.text for group in s.candidates.by_function.values() for c in group]
    assert texts
    for text in texts:
        assert "tidak sesuai" not in text and "nggak sesuai" not in text
        assert "aman" not in text.split()
