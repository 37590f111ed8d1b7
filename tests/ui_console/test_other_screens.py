"""Phrases, approval codes and reports screens, and who may open the console."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.authority.service import AuthorityService
from assist.errors import PekaError
from assist.reports.demo_history import write_demo_history
from assist.suggest.library import PhraseLibrary
from tests.ui_console.conftest import Seams
from ui.console.access import find_supervisor_key
from ui.console.approvals_screen import ApprovalsScreen
from ui.console.context import ConsoleContext
from ui.console.phrases_screen import PhrasesScreen
from ui.console.window import ConsoleWindow
from ui.entry import full_cli


def test_only_a_supervisor_key_opens_the_console(console_ctx: ConsoleContext) -> None:
    assert find_supervisor_key(console_ctx.keys_dir).name == "sari.supervisor"
    agent_keys = console_ctx.keys_dir.parent / "agent-keys"
    agent_keys.mkdir()
    (agent_keys / "sari.pub").write_text(
        (console_ctx.keys_dir / "demo-supervisor.pub").read_text("utf-8"), "utf-8"
    )
    with pytest.raises(PekaError) as refused:
        find_supervisor_key(agent_keys)
    assert refused.value.code == "E740" and "peka gui" in refused.value.message


def test_console_command_refuses_agents() -> None:
    result = CliRunner().invoke(full_cli(), ["console"])
    assert result.exit_code == 1
    assert "[E740]" in result.output


def test_phrases_add_disable_preview_export_import(
    qtbot: QtBot, console_ctx: ConsoleContext, seams: Seams, tmp_path: Path
) -> None:
    widget = PhrasesScreen(console_ctx)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.table.rowCount() > 0)
    qtbot.mouseClick(widget.new_button, Qt.LeftButton)
    qtbot.keyClicks(widget.phrase_id, "sup.sorry-late")
    widget.function.setCurrentIndex(widget.function.findData("apologise"))
    qtbot.keyClicks(widget.text, "Mohon maaf {name}, pesanan {order_ref} terlambat.")
    assert widget.preview.text() == "Mohon maaf Bapak Budi, pesanan INV-2026-00123 terlambat."
    with qtbot.waitSignal(widget.saved):
        qtbot.mouseClick(widget.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: any(r.phrase.id == "sup.sorry-late" for r in widget.rows))
    qtbot.keyClicks(widget.search, "sorry-late")
    assert widget.table.rowCount() == 1
    assert widget.table.item(0, 3).text() == "supervisor"
    widget.table.selectRow(0)
    with qtbot.waitSignal(widget.saved):
        qtbot.mouseClick(widget.disable_button, Qt.LeftButton)
    assert "sup.sorry-late" in seams.questions[-1]
    assert not PhraseLibrary.load(console_ctx.phrases_path).is_active("sup.sorry-late")
    out = tmp_path / "phrases.jsonl"
    with qtbot.waitSignal(widget.saved):
        widget.export_file(out)
    exported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [p["id"] for p in exported] == ["sup.sorry-late"]
    incoming = tmp_path / "in.jsonl"
    incoming.write_text(
        json.dumps(
            {
                "id": "sup.thanks",
                "language": "en",
                "function": "thank",
                "text": "Thank you for your patience, {name}.",
            }
        )
        + "\n",
        "utf-8",
    )
    with qtbot.waitSignal(widget.saved):
        widget.import_file(incoming)
    assert PhraseLibrary.load(console_ctx.phrases_path).is_active("sup.thanks")
    # A bad phrase is refused with the suggest package's own message; nothing is saved.
    qtbot.mouseClick(widget.new_button, Qt.LeftButton)
    qtbot.keyClicks(widget.phrase_id, "BAD ID")
    qtbot.keyClicks(widget.text, "Halo")
    qtbot.mouseClick(widget.save_button, Qt.LeftButton)
    assert "[E4" in widget.message.text()


def test_approve_and_decline_codes(
    qtbot: QtBot, console_ctx: ConsoleContext, seams: Seams, tmp_path: Path
) -> None:
    agent = AuthorityService.open(
        ledger_path=tmp_path / "agent-ledger.sqlite",
        policy_path=console_ctx.policy_path,
        keys_dir=console_ctx.keys_dir,
        agent_id="rina",
    )
    request = agent.request_approval(
        customer_id="C-42",
        type="full_refund",
        amount_minor=45_000_000,
        reason="<b>broken</b>",
        context={"customer_name": "Sri Wahyuni", "tier": "gold"},
    )
    widget = ApprovalsScreen(console_ctx)
    qtbot.addWidget(widget)
    widget.request_edit.setPlainText(request.text)  # pasted
    qtbot.mouseClick(widget.read_button, Qt.LeftButton)
    assert widget.approve_button.isEnabled()
    shown = [widget.case.itemAt(i).widget().text() for i in range(widget.case.count())]
    assert "rina" in shown and "<b>broken</b>" in shown  # plain text, never markup
    # The compensation by its label, the customer by name, local times (no "UTC").
    assert "Full refund: Rp 450,000" in shown
    assert "Sri Wahyuni (C-42)" in shown
    assert not [t for t in shown if "full_refund" in t or "UTC" in t], shown
    qtbot.keyClicks(widget.note, "once, gold customer")
    with qtbot.waitSignal(widget.decided):
        qtbot.mouseClick(widget.approve_button, Qt.LeftButton)
    code = widget.code.toPlainText()
    assert code.startswith("PEKA-OK1:")
    grant = agent.accept_approval(code)
    assert grant.amount_minor == 45_000_000 and grant.authority == "approval"
    qtbot.mouseClick(widget.copy_button, Qt.LeftButton)
    assert "copied" in widget.message.text()
    second = agent.request_approval(customer_id="C-43", type="voucher", amount_minor=90_000_000)
    widget.request_edit.setPlainText(second.text)
    qtbot.mouseClick(widget.read_button, Qt.LeftButton)
    with qtbot.waitSignal(widget.decided):
        qtbot.mouseClick(widget.decline_button, Qt.LeftButton)
    assert widget.code.toPlainText().startswith("PEKA-NO1:")
    widget.request_edit.setPlainText("PEKA-REQ1:garbage")
    qtbot.mouseClick(widget.read_button, Qt.LeftButton)
    assert "[E540]" in widget.message.text() and not widget.approve_button.isEnabled()


def test_reports_screen_draws_the_report_charts(
    qtbot: QtBot, console_ctx: ConsoleContext, tmp_path: Path
) -> None:
    end = date.today()
    write_demo_history(console_ctx.team_path, agents=3, days=10, end=end)
    window = ConsoleWindow(console_ctx)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.reports.shown, timeout=20_000):
        window.tabs.setCurrentWidget(window.reports)
    reports = window.reports
    assert reports.report is not None
    assert len(reports.chart_widgets) == len(reports.report.charts) == 10
    assert "Conversations:" in reports.summary.text()
    image = reports.chart_widgets[0].grab().toImage()
    assert image.width() > 100 and not image.isNull()
    files = reports.save(tmp_path / "saved")
    assert (tmp_path / "saved" / "compensation_daily.csv") in files
    reports.since.setDate(reports.since.date().addDays(-30))
    reports.source.setCurrentIndex(reports.source.findData("local"))
    with qtbot.waitSignal(reports.shown, timeout=20_000):
        qtbot.mouseClick(reports.refresh_button, Qt.LeftButton)
    assert reports.report.tables["compensation_daily"].rows == []
    _ = timedelta


def test_phrase_library_lists_the_interface_language_first_with_the_text_readable(
    qtbot: QtBot, console_ctx: ConsoleContext
) -> None:
    from ui import i18n
    from ui.console.phrases_screen import COLUMNS

    i18n.translator().set_language("id")
    widget = PhrasesScreen(console_ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.table.rowCount() > 0)
    language = COLUMNS.index("language")
    text = COLUMNS.index("text")
    assert widget.table.item(0, language).text() == "id"
    assert text == 1
    widths = [widget.table.columnWidth(c) for c in range(len(COLUMNS))]
    assert widths[text] == max(widths)  # the text gets the room
    assert widget.table.item(0, text).toolTip()
    i18n.translator().set_language("en")
    widget.retranslate()
    assert widget.table.item(0, language).text() == "en"
