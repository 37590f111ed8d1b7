"""Supervisors' layer (override, disable, add), import/export round trip, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assist.suggest.library import PhraseLibrary
from assist.suggest.phrases import Phrase
from assist.suggest.store import PhraseStore
from tests.suggest.helpers import FakeEngine
from ui.entry import full_cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(full_cli(), list(args))
    return result.exit_code, result.output


def test_layering_override_disable_add(tmp_path: Path) -> None:
    path = tmp_path / "phrases.sqlite"
    shipped = PhraseLibrary.load()
    original = shipped.get("id-ack-001")
    assert original is not None
    with PhraseStore.open(path) as store:
        store.put(
            [
                Phrase(**{**_fields(original), "text": "Saya paham sekali, {salutation}."}),
                Phrase("sup-thx-001", "id", "thank", "Terima kasih banyak, {name}!"),
            ],
            by="spv",
        )
        store.disable("id-ack-002", by="spv", reason="terlalu kaku")
    library = PhraseLibrary.load(path)
    assert library.get("id-ack-001").text == "Saya paham sekali, {salutation}."  # type: ignore[union-attr]
    assert library.get("id-ack-001").source == "supervisor"  # type: ignore[union-attr]
    assert library.is_active("sup-thx-001")
    assert not library.is_active("id-ack-002") and library.get("id-ack-002") is not None
    assert len(library) == len(shipped)  # one added, one disabled
    assert library.disabled["id-ack-002"].reason == "terlalu kaku"


def _fields(phrase: Phrase) -> dict[str, object]:
    names = ["id", "language", "function", "text", "register", "channels", "emotions"]
    names += ["issues", "faults", "intensity", "admits_fault"]
    return {k: getattr(phrase, k) for k in names}


def test_cli_add_edit_disable_enable_list(tmp_path: Path) -> None:
    db = str(tmp_path / "p.sqlite")
    code, out = run(
        "phrases", "add", "--db", db, "--id", "sup-rea-001", "--language", "id",
        "--function", "reassure", "--text", "Tenang, {name}, saya temani sampai beres.",
        "--register", "formal", "--emotion", "anxious",
    )  # fmt: skip
    assert code == 0, out
    code, out = run("phrases", "add", "--db", db, "--id", "sup-rea-001", "--language", "id",
                    "--function", "reassure", "--text", "Lain.")  # fmt: skip
    assert code == 1 and "[E405]" in out
    code, out = run("phrases", "edit", "id-thx-001", "--db", db, "--text", "Makasih, {name}.")
    assert code == 0, out
    code, out = run("phrases", "edit", "nope", "--db", db, "--text", "x")
    assert code == 1 and "[E409]" in out
    code, out = run("phrases", "edit", "id-thx-001", "--db", db, "--text", "Halo {nama}")
    assert code == 1 and "[E404]" in out
    assert run("phrases", "disable", "id-ack-003", "--db", db, "--reason", "kaku")[0] == 0
    code, out = run("phrases", "list", "--db", db, "--disabled", "--json")
    assert [r["id"] for r in json.loads(out)] == ["id-ack-003"]
    code, out = run("phrases", "list", "--db", db, "--source", "supervisor", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert set(rows) == {"sup-rea-001", "id-thx-001"}
    assert rows["id-thx-001"]["text"] == "Makasih, {name}."
    assert run("phrases", "enable", "id-ack-003", "--db", db)[0] == 0
    assert run("phrases", "enable", "id-ack-003", "--db", db)[0] == 1
    assert run("phrases", "edit", "id-thx-001", "--db", db, "--revert")[0] == 0
    code, out = run("phrases", "list", "--db", db, "--language", "en", "--function", "thank")
    assert code == 0 and "en-thx-001" in out and "id-thx" not in out


def test_duplicate_text_of_a_shipped_phrase_is_refused(tmp_path: Path) -> None:
    shipped = PhraseLibrary.load().get("en-chk-001")
    assert shipped is not None
    code, out = run(
        "phrases", "add", "--db", str(tmp_path / "p.sqlite"), "--id", "sup-chk-001",
        "--language", "en", "--function", "check_satisfaction", "--text", shipped.text,
    )  # fmt: skip
    assert code == 1 and "[E406]" in out and "en-chk-001" in out


def test_import_export_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "team.jsonl"
    phrases = [
        {"id": "team-ack-001", "language": "en", "function": "acknowledge_feeling",
         "text": "That sounds really stressful, {first_name}.", "emotions": ["anxious"]},
        {"id": "team-act-001", "language": "id", "function": "commit_action",
         "text": "Saya proses sekarang dan kabari {salutation} dalam 15 menit.",
         "register": "formal", "channels": ["chat", "phone"], "intensity": [0.2, 1.0]},
    ]  # fmt: skip
    source.write_text("\n".join(json.dumps(p) for p in phrases) + "\n", encoding="utf-8")
    db = str(tmp_path / "p.sqlite")
    code, out = run("phrases", "import", str(source), "--db", db)
    assert code == 0 and "Imported 2" in out
    exported = tmp_path / "out.jsonl"
    assert run("phrases", "export", str(exported), "--db", db)[0] == 0
    again = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert sorted(again, key=lambda p: p["id"]) == sorted(phrases, key=lambda p: p["id"])
    # Import into a fresh database gives the same export.
    db2 = str(tmp_path / "p2.sqlite")
    assert run("phrases", "import", str(exported), "--db", db2)[0] == 0
    assert run("phrases", "export", "--db", db2)[1] == exported.read_text(encoding="utf-8")
    code, out = run("phrases", "export", "--all", "--db", db)
    assert code == 0 and len(out.splitlines()) == len(PhraseLibrary.load(Path(db)))


def test_bad_import_changes_nothing_and_names_the_line(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    good = {"id": "team-thx-001", "language": "en", "function": "thank", "text": "Cheers!"}
    bad = {**good, "id": "team-thx-002", "text": "Thanks {customer}!"}
    source.write_text(f"{json.dumps(good)}\n{json.dumps(bad)}\n", encoding="utf-8")
    db = tmp_path / "p.sqlite"
    code, out = run("phrases", "import", str(source), "--db", str(db))
    assert code == 1 and "[E404]" in out and f"{source}:2" in out
    assert not db.exists() or PhraseStore.open(db).phrases() == []
    code, out = run("phrases", "validate", str(source))
    assert code == 1 and f"[E404] {source}:2" in out


def test_validate_shipped(tmp_path: Path) -> None:
    code, out = run("phrases", "validate", "--db", str(tmp_path / "none.sqlite"))
    assert code == 0 and "OK:" in out


def test_damaged_database_is_e410(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    db.write_bytes(b"this is not sqlite at all" * 100)
    code, out = run("phrases", "list", "--db", str(db))
    assert code == 1 and "[E410]" in out


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assist.nlp.load_engine", lambda *a, **k: FakeEngine())


def test_suggest_json_shape(tmp_path: Path, fake_engine: None) -> None:
    from assist.cache.demo import generate_demo_cache

    cache = tmp_path / "cache.sqlite"
    generate_demo_cache(cache, customers=3, seed=3)
    code, out = run(
        "suggest", "--customer", "C000001", "--message", "Pesanan saya belum sampai!",
        "--draft", "Sedang dalam perbaikan.", "--json", "--db", str(cache),
    )  # fmt: skip
    assert code == 0, out
    data = json.loads(out)
    assert set(data) >= {"analysis", "suggestions", "coach", "compensation"}
    assert data["analysis"]["emotion"] == "angry"
    assert data["suggestions"] and set(data["suggestions"][0]) == {
        "id", "function", "text", "score", "reason"
    }  # fmt: skip
    kinds = [f["kind"] for f in data["coach"]["findings"]]
    assert "cold_template" in kinds
    assert set(data["coach"]) >= {"findings", "checklist", "functions_present"}
    assert data["compensation"] == []  # no policy installed
    code, out = run("suggest", "--customer", "NOPE", "--message", "x", "--db", str(cache))
    assert code == 1 and "[E411]" in out
    code, out = run("suggest", "--message", "halo", "--channel", "email")
    assert code == 0 and "[" in out
