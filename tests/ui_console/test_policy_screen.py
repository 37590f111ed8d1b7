"""The policy editor: inline validation, diff, preview, sign and round trip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.authority.keys import load_public_keys
from assist.authority.policy import RULE_FIELDS
from assist.authority.policy_file import read_policy_file
from assist.authority.signing import read_signed_policy
from tests.ui_console.conftest import Seams
from ui.console.context import ConsoleContext
from ui.console.policy_model import validate
from ui.console.policy_screen import PolicyScreen


def screen(qtbot: QtBot, ctx: ConsoleContext) -> PolicyScreen:
    widget = PolicyScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def rule_cell(widget: PolicyScreen, type_name: str, field: str):  # type: ignore[no-untyped-def]
    row = widget.rule_types.index(type_name)
    return widget.rules_table.item(row, RULE_FIELDS.index(field))


def test_loads_the_policy_in_force_with_the_next_version(
    qtbot: QtBot, console_ctx: ConsoleContext
) -> None:
    widget = screen(qtbot, console_ctx)
    assert widget.in_force is not None
    assert widget.general["version"].text() == str(widget.in_force.version + 1)
    assert widget.problems == []
    assert "can be signed" in widget.status.text()
    assert widget.role_list.count() == len(widget.in_force.roles)


def test_inline_messages_match_the_validator(qtbot: QtBot, console_ctx: ConsoleContext) -> None:
    widget = screen(qtbot, console_ctx)
    edit = widget.general["utc_offset"]
    edit.selectAll()
    qtbot.keyClicks(edit, "7 hours")
    qtbot.waitUntil(lambda: widget.problems != [])
    _policy, expected = validate(widget.form())
    assert [p.message for p in widget.problems] == [p.message for p in expected]
    assert widget.problem_list.count() == 1
    assert "utc_offset" in widget.problem_list.item(0).text()
    assert "+07:00" in edit.toolTip() and "f8d7da" in edit.styleSheet()
    edit.selectAll()
    qtbot.keyClicks(edit, "+07:00")
    qtbot.waitUntil(lambda: widget.problems == [])
    assert edit.toolTip() == ""
    # A bad amount in the limits table turns that cell red with the checker's message.
    cell = rule_cell(widget, "voucher", "daily_budget")
    cell.setText("lots")
    assert any(p.key == "roles.agent.rules.voucher.daily_budget" for p in widget.problems)
    assert "Rp 50.000" in rule_cell(widget, "voucher", "daily_budget").toolTip()


def test_edit_sign_export_and_round_trip(
    qtbot: QtBot, console_ctx: ConsoleContext, seams: Seams, tmp_path: Path
) -> None:
    widget = screen(qtbot, console_ctx)
    rule_cell(widget, "voucher", "daily_budget").setText("Rp 900.000")
    widget.tabs.setCurrentIndex(4)
    assert "differ" in widget.diff_summary.text()
    changed = [
        widget.diff_table.item(r, 1).text()
        for r in range(widget.diff_table.rowCount())
        if widget.diff_table.item(r, 0).text() != widget.diff_table.item(r, 1).text()
    ]
    assert 'daily_budget = "Rp 900.000"' in changed
    seams.next_file = tmp_path / "policy.signed.json"
    qtbot.mouseClick(widget.sign_button, Qt.LeftButton)
    assert seams.next_file.is_file(), widget.status.text()
    keys, _ = load_public_keys(console_ctx.keys_dir)
    signed = read_signed_policy(seams.next_file, keys)
    assert signed.signer == "sari.supervisor"
    assert signed.policy.rules_for("x", "agent")["voucher"].daily_budget == 90_000_000
    assert signed.policy.version == widget.in_force.version + 1  # type: ignore[union-attr]
    source, problems = read_policy_file(tmp_path / "policy.toml")
    assert problems == [] and source is not None
    assert source.to_dict() == signed.policy.to_dict()


def test_declining_or_problems_sign_nothing(
    qtbot: QtBot, console_ctx: ConsoleContext, seams: Seams, tmp_path: Path
) -> None:
    widget = screen(qtbot, console_ctx)
    seams.next_file = tmp_path / "out.json"
    seams.answer = False
    qtbot.mouseClick(widget.sign_button, Qt.LeftButton)
    assert not seams.next_file.exists() and seams.questions
    seams.answer = True
    widget.general["version"].setText("1")
    widget.revalidate()
    qtbot.mouseClick(widget.sign_button, Qt.LeftButton)
    assert "[E741]" in widget.status.text() and not seams.next_file.exists()


def test_roles_agents_and_preview(qtbot: QtBot, console_ctx: ConsoleContext) -> None:
    widget = screen(qtbot, console_ctx)
    qtbot.keyClicks(widget.new_role, "night_shift")
    qtbot.mouseClick(widget.add_role_button, Qt.LeftButton)
    assert widget.role_list.currentItem().text() == "night_shift"
    rule_cell(widget, "voucher", "max_amount").setText("Rp 10.000")
    assert widget.problems == []
    assert widget.policy is not None and "night_shift" in widget.policy.roles
    qtbot.mouseClick(widget.add_agent_button, Qt.LeftButton)
    row = widget.agents_table.rowCount() - 1
    widget.agents_table.item(row, 0).setText("dewi")
    widget.agents_table.item(row, 1).setText("night_shift")
    assert widget.policy is not None and widget.policy.role_for("dewi", None) == "night_shift"
    widget.agents_table.item(row, 2).setText("voucher.max_amount Rp 5")
    assert any(p.key.startswith("agents.dewi") for p in widget.problems)
    widget.agents_table.item(row, 2).setText("voucher.max_amount = Rp 8.000")
    assert widget.problems == []
    widget.tabs.setCurrentIndex(5)
    widget.preview_agent.setText("dewi")
    qtbot.mouseClick(widget.preview_button, Qt.LeftButton)
    offered = [
        widget.preview_table.item(r, 1).text() for r in range(widget.preview_table.rowCount())
    ]
    assert offered and all(amount.startswith("Rp") for amount in offered)
    assert "role night_shift" in widget.preview_note.text()


def test_saving_an_opened_file_keeps_its_comments(
    qtbot: QtBot, console_ctx: ConsoleContext, tmp_path: Path
) -> None:
    from datetime import date

    from assist.authority.policy_template import example_policy_text

    source = tmp_path / "policy.toml"
    source.write_text("# Tim Jakarta: jangan hapus\n" + example_policy_text(date.today()), "utf-8")
    widget = screen(qtbot, console_ctx)
    widget.open_file(source)
    widget.general["name"].setText("Kebijakan 🎉 baru")
    saved = widget.save_toml(tmp_path / "saved.toml").read_text(encoding="utf-8")
    assert saved.startswith("# Tim Jakarta: jangan hapus\n")
    policy, problems = read_policy_file(tmp_path / "saved.toml")
    assert policy is not None and policy.name == "Kebijakan 🎉 baru", problems


def test_limits_are_listed_by_the_types_labels(qtbot: QtBot, console_ctx: ConsoleContext) -> None:
    from ui import i18n

    i18n.translator().set_language("id")
    widget = screen(qtbot, console_ctx)
    widget.retranslate()
    rows = widget.rules_table.rowCount()
    labels = [widget.rules_table.verticalHeaderItem(r).text() for r in range(rows)]
    assert "Voucher belanja" in labels and "voucher" not in labels
    assert "Pengembalian dana penuh" in labels and "full_refund" not in labels
    i18n.translator().set_language("en")
    widget.retranslate()
    labels = [widget.rules_table.verticalHeaderItem(r).text() for r in range(rows)]
    assert "Shopping voucher" in labels
    # Editing still addresses the type by its id.
    assert rule_cell(widget, "voucher", "max_amount") is not None
