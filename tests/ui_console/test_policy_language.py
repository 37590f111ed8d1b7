"""The policy checker's messages in the console's language; the CLI keeps English."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assist import i18n
from assist.authority.policy_file import read_policy_file, read_policy_text
from tests.ui_console.conftest import Seams
from ui.console.context import ConsoleContext
from ui.console.window import ConsoleWindow

ROOT = Path(__file__).resolve().parents[2]

BAD_POLICIES = (
    'format = 9\nversion = 0\ncurrency = "XYZ"\nutc_offset = "7 hours"\nexpires = "soon"\n'
    'valid_from = "never"\ntiers = [1]\nfoo = 1\ndefault_role = "boss"\n'
    "[roles.Agent]\nlabl = 1\n[roles.agent.rules.vouchr]\n"
    '[roles.agent.rules.voucher]\nmax_amount = "lots"\nmax_percent = "200"\n'
    'issues = ["delivery_delai"]\nfaults = ["nobody"]\nneeds_reason = "yes"\n'
    '[types.extra_day]\nunit = "weeks"\nrefund = 1\n'
    '[agents.a1]\nrole = "nobody"\n[agents.a1.rules.nothing]\n',
    "version = 1\n",
    "this is = = not toml",
)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def load(language: str) -> dict[str, str]:
    path = ROOT / "resources" / "i18n" / f"policy.{language}.json"
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_both_languages_have_the_same_policy_messages() -> None:
    id_, en = load("id"), load("en")
    assert set(id_) == set(en)
    for key in id_:
        assert key.startswith("policy."), key
        # A translation may leave out a detail in English (a parse error's own words).
        assert fields(id_[key]) <= fields(en[key]) | {"value"}, key
        assert id_[key].strip() and en[key].strip(), key


@pytest.mark.parametrize("text", BAD_POLICIES)
def test_every_problem_has_a_message_in_both_languages(text: str) -> None:
    _policy, problems = read_policy_text(text, "bad.toml")
    assert problems
    for problem in problems:
        assert problem.message_id in load("en"), problem
        assert problem.message == problem.text("en")  # the CLI prints English
        assert problem.text("id") != problem.text("en"), problem
        assert not problem.text("id").startswith("policy.")
        assert i18n.text("id", problem.message_id, **dict(problem.fields)) == problem.text("id")


def test_a_missing_file_reads_in_indonesian(tmp_path: Path) -> None:
    _policy, problems = read_policy_file(tmp_path / "none.toml")
    assert problems[0].text("id") == "berkas tidak ditemukan."
    assert problems[0].format().endswith("[E501] file not found.")


def test_console_shows_the_checker_in_indonesian(
    qtbot: QtBot, console_ctx: ConsoleContext, seams: Seams, tmp_path: Path
) -> None:
    console_ctx.language = "id"
    window = ConsoleWindow(console_ctx)
    qtbot.addWidget(window)
    window.show()
    policy = window.policy
    edit = policy.general["utc_offset"]
    edit.selectAll()
    qtbot.keyClicks(edit, "7 jam")
    qtbot.waitUntil(lambda: policy.problem_list.count() == 1)
    shown = policy.problem_list.item(0).text()
    assert shown == "utc_offset: [E503] harus seperti \"+07:00\" (WIB), bukan '7 jam'."
    assert "harus seperti" in edit.toolTip()
    assert "must" not in shown and "must" not in edit.toolTip()
    # A bad amount in the limits table: the cell's tooltip is Indonesian too.
    cell = policy.rules_table.item(0, 0)
    cell.setText("banyak")
    qtbot.waitUntil(lambda: policy.problem_list.count() == 2)
    texts = [policy.problem_list.item(i).text() for i in range(2)]
    assert any("bukan nominal yang bisa dibaca" in t for t in texts), texts
    assert "bukan nominal" in cell.toolTip()
    # Switching the language remakes the shown messages.
    window.translator.set_language("en")
    assert "must look like" in policy.problem_list.item(0).text()
    window.translator.set_language("id")
    assert "harus seperti" in policy.problem_list.item(0).text()

    # A broken file opened from disk lists its problems in Indonesian.
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\nversion = 2\nexpires = "kapan-kapan"\n', encoding="utf-8")
    policy.open_file(bad)
    texts = [policy.problem_list.item(i).text() for i in range(policy.problem_list.count())]
    assert any("harus tanggal seperti 2026-12-31" in t for t in texts), texts
    assert any("tetapkan minimal satu peran" in t for t in texts), texts
