"""Reports in Indonesian and English: chart text, numbers, dates, index.html; CSV stays put."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from assist.authority.policy import BUILTIN_TYPES
from assist.authority.policy_file import load_policy_text
from assist.authority.policy_template import example_policy_text
from assist.reports.csv_out import read_csv
from assist.reports.demo_history import write_demo_history
from assist.reports.report import build_report, headline, load_team, period_for, type_labels
from assist.reports.words import Words
from ui.entry import full_cli

END = date(2026, 10, 28)


@pytest.fixture(scope="module")
def team_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("team") / "team.sqlite"
    write_demo_history(path, agents=3, days=7, end=END)
    return path


def report_in(team_db: Path, language: str):  # type: ignore[no-untyped-def]
    data = load_team(team_db)
    period = period_for(data, "2026-10-22", "2026-10-28")
    return build_report(data, period, type_labels(None, language), language)


def test_chart_text_follows_the_language(team_db: Path) -> None:
    id_, en = report_in(team_db, "id"), report_in(team_db, "en")
    titles = {spec.key: spec.title for spec in id_.charts}
    assert titles["approvals"] == "Permintaan persetujuan per agen, menurut hasilnya"
    assert titles["emotions_daily"] == "Emosi pelanggan per hari"
    assert {s.key: s.title for s in en.charts}["approvals"] == (
        "Approval requests per agent, by outcome"
    )
    approvals = next(s for s in id_.charts if s.key == "approvals")
    assert [s.name for s in approvals.series][:2] == [
        "disetujui dan diberikan",
        "disetujui, belum dipakai",
    ]
    daily = next(s for s in id_.charts if s.key == "emotions_daily")
    assert daily.categories[0] == "22 Okt" and daily.language == "id"
    assert next(s for s in en.charts if s.key == "emotions_daily").categories[0] == "22 Oct"
    assert "Tidak ada data" in daily.empty_text
    # Compensation types are named by the policy's own labels in that language.
    stacked = next(s for s in id_.charts if s.key == "compensation_by_agent")
    names = {s.name for s in stacked.series}
    assert BUILTIN_TYPES["voucher"].label("id") in names
    assert "Pulsa bonus" in names  # a type no policy names: its id, readable
    policy = load_policy_text(example_policy_text(END), "<example>")
    data = load_team(team_db)
    for language, label in (("id", "Bonus pulsa"), ("en", "Phone credit bonus")):
        labelled = build_report(data, id_.period, type_labels(policy, language), language)
        stacked = next(s for s in labelled.charts if s.key == "compensation_by_agent")
        assert label in {s.name for s in stacked.series}
    # Figures are the same whatever the language.
    assert id_.tables == en.tables
    assert dict(headline(id_))["Percakapan"] == dict(headline(en))["Conversations"].replace(
        ",", "."
    )


def test_approvals_chart_shows_its_legend(team_db: Path) -> None:
    from ui.charts import _legend_entries

    spec = next(s for s in report_in(team_db, "id").charts if s.key == "approvals")
    shown = [name for name, _colour, _shape in _legend_entries(spec)]
    assert shown and shown == [s.name for s in spec.series if any(s.values)]


def test_report_command_writes_indonesian_and_english(team_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out_id, out_en = tmp_path / "id", tmp_path / "en"
    args = ["report", "--team", str(team_db), "--since", "2026-10-22", "--until", "2026-10-28"]
    result = runner.invoke(full_cli(), [*args, "--out", str(out_id), "--language", "id"])
    assert result.exit_code == 0, result.output
    page = (out_id / "index.html").read_text("utf-8")
    assert '<html lang="id">' in page
    assert "Laporan Peka 22 Okt 2026 – 28 Okt 2026" in page
    assert 'alt="Permintaan persetujuan per agen, menurut hasilnya"' in page
    assert "Percakapan" in page and "Angka (CSV)" in page
    assert (out_id / "approvals.png").stat().st_size > 10_000
    result = runner.invoke(
        full_cli(), [*args, "--out", str(out_en), "--language", "en", "--no-charts"]
    )
    assert result.exit_code == 0, result.output
    english = (out_en / "index.html").read_text("utf-8")
    assert "Peka report 22 Oct 2026 – 28 Oct 2026" in english and "Conversations" in english
    # CSV files are identical: machine-readable English snake_case headings in any language.
    for name in ("approvals.csv", "checklist.csv", "emotions_daily.csv"):
        assert (out_id / name).read_bytes() == (out_en / name).read_bytes()
    rows = read_csv(out_id / "approvals.csv")
    assert rows and list(rows[0])[:3] == ["agent_id", "type", "unit"]


def test_report_language_defaults_to_the_configured_one(team_db: Path, tmp_path: Path) -> None:
    args = ["report", "--team", str(team_db), "--since", "2026-10-22", "--until", "2026-10-28"]
    result = CliRunner().invoke(full_cli(), [*args, "--out", str(tmp_path), "--no-charts"])
    assert result.exit_code == 0, result.output
    assert '<html lang="id">' in (tmp_path / "index.html").read_text("utf-8")


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_whole_numbers_read_back_in_both_styles(value: int) -> None:
    assert int(Words("id").number(value).replace(".", "")) == value
    assert int(Words("en").number(value).replace(",", "")) == value


@given(st.integers(min_value=0, max_value=10**12))
def test_short_money_keeps_the_scale(value: int) -> None:
    text = Words("id").short_money(float(value))
    assert text.startswith("Rp ")
    number, _, unit = text[3:].partition(" ")
    scale = {"": 1, "rb": 10**3, "jt": 10**6, "M": 10**9}[unit]
    # One decimal at most, so the shown amount is within 5 % of the next unit down.
    assert abs(float(number.replace(".", "").replace(",", ".")) * scale - value) <= max(
        0.5, 0.05 * scale
    )


def test_number_and_date_styles() -> None:
    id_, en = Words("id"), Words("en")
    assert id_.short_money(1_500_000) == "Rp 1,5 jt" and en.short_money(1_500_000) == "Rp 1.5M"
    assert id_.short_money(250_000) == "Rp 250 rb" and en.short_money(250_000) == "Rp 250K"
    assert id_.number(1200) == "1.200" and en.number(1200) == "1,200"
    assert id_.percent(45.25) == "45,2 %" and en.decimal(4.0) == "4"
    assert id_.axis_value(4.2, "score") == "4,2" and en.axis_value(4.2, "score") == "4.2"
    assert id_.date(date(2026, 10, 26)) == "26 Okt 2026" and en.day(date(2026, 5, 3)) == "3 May"
    assert Words("fr").language == "id"
