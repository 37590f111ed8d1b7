"""The supervisor console's team queue: a request appears live, the decision goes back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.team import credentials
from tests.team.conftest import Team
from tests.ui_console.conftest import Seams, console_ctx, seams  # noqa: F401 (fixtures)
from ui.console.context import ConsoleContext
from ui.console.window import ConsoleWindow

RP = 100


def test_request_appears_live_and_is_decided(
    team: Team,
    tmp_path: Path,
    qtbot: QtBot,
    console_ctx: ConsoleContext,  # noqa: F811 (the console's fixture, imported above)
    seams: Seams,  # noqa: F811
) -> None:
    sup = team.enrol("lead", supervisor=True)
    agent = team.enrol("agent01")
    team.publish(sup)
    credentials.store(sup.credential)  # the supervisor's own keyring
    window = ConsoleWindow(replace(console_ctx, team_server=team.dsn))
    qtbot.addWidget(window)
    queue = window.team_queue
    assert queue is not None
    assert window.tabs.tabText(window.tabs.indexOf(queue)) == "Team queue (live)"
    qtbot.waitUntil(lambda: "0 request(s) waiting" in queue.state.text(), timeout=5000)
    request = agent.request_approval(
        key="r1",
        customer_id="C1",
        type="voucher",
        amount_minor=150_000 * RP,
        reason="<b>lost</b> twice",
    )
    qtbot.waitUntil(lambda: queue.list.count() == 1, timeout=3000)
    assert "<b>lost</b> twice" in queue.list.item(0).text()  # plain text, as written
    assert "Shopping voucher: Rp 150,000" in queue.list.item(0).text()  # label, not "voucher"
    queue.list.setCurrentRow(0)
    assert queue.approve_button.isEnabled()
    queue.note.setText("once")
    qtbot.mouseClick(queue.approve_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Request approved;" in queue.message.text(), timeout=5000)
    from ui import i18n

    i18n.translator().set_language("id")  # the outcome follows the language, word for word
    qtbot.waitUntil(lambda: "Permintaan disetujui;" in queue.message.text(), timeout=5000)
    i18n.translator().set_language("en")
    (mine,) = agent.my_requests()
    assert mine.request_id == request.request_id and mine.status == "approved"
    assert mine.note == "once" and mine.decided_by == "lead"
    qtbot.waitUntil(lambda: queue.list.count() == 0, timeout=3000)
    window.close()
