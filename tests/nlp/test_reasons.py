"""The fault reasons are a validated data file, resources/nlp/reasons.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assist.errors import PekaError
from assist.nlp import datafiles, reasons, scoring
from assist.nlp.components import RuleFindings
from assist.nlp.models import ISSUES

NLP_DATA = Path(__file__).resolve().parents[2] / "resources" / "nlp"


@pytest.fixture
def fresh_load() -> Iterator[None]:
    """Forget what was loaded before and after: a broken copy must not outlive its test."""
    datafiles.load.cache_clear()
    reasons.reasons.cache_clear()
    yield
    datafiles.load.cache_clear()
    reasons.reasons.cache_clear()


def test_the_shipped_file_loads_with_a_text_for_every_case() -> None:
    texts = reasons.reasons()
    for language in ("id", "en"):
        assert set(texts.company[language]) == set(ISSUES)
        assert set(texts.unknown[language]) == {"account_access", "other", "weak"}
        assert texts.customer[language].count("{}") == 1
        assert texts.customer_said[language]
    assert texts.company["en"]["billing_error"] == (
        "Wrong charge or unregistered payment: the company's systems."
    )


def test_no_reason_text_is_left_in_scoring() -> None:
    code = Path(scoring.__file__).read_text(encoding="utf-8")
    texts = reasons.reasons()
    for table in (texts.company, texts.unknown):
        for by_key in table.values():
            for text in by_key.values():
                assert text not in code, text
    for text in texts.customer_said.values():
        assert text not in code, text


def test_fault_and_reason_in_use_the_file() -> None:
    texts = reasons.reasons()
    rules = RuleFindings(customer_fault=["salah transfer"])
    verdict, reason = scoring.fault("billing_error", 0.9, rules, "id")
    assert verdict == "customer"
    assert reason == texts.customer["id"].format("salah transfer")
    assert scoring.reason_in(reason, "en") == texts.customer["en"].format("salah transfer")
    company = texts.company["id"]["item_problem"]
    assert scoring.reason_in(company, "en") == texts.company["en"]["item_problem"]
    said = texts.customer_said["en"]
    assert scoring.reason_in(said, "id") == texts.customer_said["id"]


def _without(table: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in table.items() if k != key}


def _broken(data: dict[str, Any], case: str) -> dict[str, Any]:
    if case == "missing issue":
        data["company"]["en"] = _without(data["company"]["en"], "refund_pending")
    elif case == "unknown issue":
        data["company"]["id"]["refund_late"] = "Terlambat."
    elif case == "missing language":
        data["unknown"] = _without(data["unknown"], "en")
    elif case == "extra language":
        data["customer_said"]["jv"] = "Kalepatanipun wonten ing pelanggan."
    elif case == "no quote":
        data["customer"]["en"] = "The customer describes their own mistake."
    elif case == "two quotes":
        data["customer"]["id"] = "Pelanggan: “{}” dan “{}”."
    elif case == "other brace":
        data["customer"]["en"] = "The customer {says}: “{}”."
    elif case == "not a string":
        data["unknown"]["id"]["weak"] = 3
    elif case == "empty text":
        data["customer_said"]["en"] = " "
    elif case == "missing table":
        data = _without(data, "company")
    return data


# Each broken case, the key the error names and what it says.
BROKEN = [
    ("missing issue", "'company.en'", "'refund_pending' is missing"),
    ("unknown issue", "'company.id', entry 'refund_late'", "is not one of"),
    ("missing language", "'unknown'", "exactly the languages"),
    ("extra language", "'customer_said'", "exactly the languages"),
    ("no quote", "'customer', entry 'en'", "must hold '{}' once"),
    ("two quotes", "'customer', entry 'id'", "must hold '{}' once"),
    ("other brace", "'customer', entry 'en'", "no other brace"),
    ("not a string", "'unknown.id', entry 'weak'", "not a non-empty string"),
    ("empty text", "'customer_said', entry 'en'", "not a non-empty string"),
    ("missing table", "key 'company'", "is missing"),
]


@pytest.mark.usefixtures("fresh_load")
@pytest.mark.parametrize(("case", "key", "needle"), BROKEN)
def test_a_broken_reason_names_the_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, key: str, needle: str
) -> None:
    data = json.loads((NLP_DATA / "reasons.json").read_text(encoding="utf-8"))
    (tmp_path / "reasons.json").write_text(json.dumps(_broken(data, case)), encoding="utf-8")
    monkeypatch.setattr(datafiles, "data_dir", lambda: tmp_path)
    with pytest.raises(PekaError) as info:
        reasons.reasons()
    assert info.value.code == "E306"
    message = str(info.value)
    assert "reasons.json" in message and key in message and needle in message
