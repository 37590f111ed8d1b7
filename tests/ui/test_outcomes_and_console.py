"""Ending a conversation records its outcome; the console entry is for supervisors only."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from PySide6.QtCore import Qt

from assist.authority.keys import generate_signing_key
from assist.outcomes.store import OutcomeStore
from tests.ui.conftest import make_window
from tests.ui.test_conversation import start_conversation, type_reply


def test_ending_a_conversation_records_its_outcome(qtbot, window, settings) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, window)
    type_reply(qtbot, window, "Saya paham Ibu kecewa.")
    qtbot.keyClick(window.reply.edit, Qt.Key_1, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.reply.view.draft == window.reply.text(), timeout=10_000)
    sent_checklist = dict(window.reply.view.checklist)
    qtbot.keyClick(window, Qt.Key_Return, Qt.ControlModifier)  # copy = the reply sent
    # The agent types on but never sends this: it must not count as the reply sent.
    type_reply(qtbot, window, " Saya akan cek ke kurir hari ini dan kabari Ibu pukul 15.00.")
    assert window.reply.view.checklist != sent_checklist
    session = window.controller.core.session
    qtbot.waitUntil(lambda: session.sent_checklist is not None, timeout=10_000)
    counters = dict(session.counters)
    window.choose_outcome = lambda parent: "escalated"
    with qtbot.waitSignal(window.controller.session_ended, timeout=10_000):
        qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    with OutcomeStore(settings.outcomes_path) as store:
        [outcome] = store.list()
    assert outcome.outcome == "escalated"
    assert outcome.agent_id == "agent.test"
    assert outcome.checklist == sent_checklist
    actions = [s.action for s in outcome.suggestions]
    assert actions.count("inserted") == counters["inserted"] == 1
    assert actions.count("shown") == counters["shown"] > 0
    assert outcome.messages == ()  # outcomes.store_messages is off
    assert outcome.emotion is not None


def test_an_outcome_store_that_cannot_open_is_shown(qtbot, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "not-outcomes.sqlite"
    with sqlite3.connect(bad) as conn:
        conn.execute("CREATE TABLE other (x)")
    win = make_window(qtbot, replace(settings, outcomes_path=bad))
    qtbot.waitUntil(lambda: win.controller.ready, timeout=30_000)
    qtbot.waitUntil(lambda: win.status.message.isVisible(), timeout=5_000)
    assert win.status.message.text().startswith("[E701]")
    # The sidebar works on: the conversation still ends.
    start_conversation(qtbot, win)
    with qtbot.waitSignal(win.controller.session_ended, timeout=10_000):
        qtbot.keyClick(win, Qt.Key_N, Qt.ControlModifier)
    win.close()


def test_agents_never_see_the_console_entry(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.controller.supervisor_checked, timeout=10_000)
    action = window.actions_by_key["console"]
    assert not action.isVisible() and not action.isEnabled()
    assert action in window.menu_peka.actions()
    qtbot.keyClick(window, Qt.Key_S, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.console is None


def test_a_supervisor_opens_the_console_from_the_sidebar(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    key = generate_signing_key("sup.ani")  # in the tests' memory keyring
    (settings.keys_dir / "sup.ani.pub").write_text(key.public.file_text(), "utf-8")
    win = make_window(qtbot, settings)
    qtbot.waitUntil(lambda: win.controller.supervisor_checked, timeout=10_000)
    action = win.actions_by_key["console"]
    assert action.isVisible() and action.isEnabled()
    assert win.supervisor_key.name == "sup.ani"
    qtbot.keyClick(win, Qt.Key_S, Qt.ControlModifier | Qt.ShiftModifier)
    assert win.console is not None and win.console.isVisible()
    assert "sup.ani" in win.console.windowTitle()
    qtbot.addWidget(win.console)
    win.console.close()
    win.close()
