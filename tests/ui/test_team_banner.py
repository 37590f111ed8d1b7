"""Team mode in the sidebar: the banner appears when the team server cannot be reached
and goes away when the sidebar's timer finds it again (real server, real window)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assist.app.settings import AppSettings
from tests.team.conftest import Team
from tests.team.conftest import team as team_server  # noqa: F401  (the fixture)
from tests.ui.conftest import make_window

CLOSED = "host=127.0.0.1 port=1 dbname=peka connect_timeout=2"


def test_banner_appears_offline_and_goes_when_the_server_is_back(
    qtbot,
    team_server: Team,  # noqa: F811  (the fixture imported above)
    settings: AppSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    team = team_server
    sup = team.enrol("lead", supervisor=True)
    agent = team.enrol("agent01")
    team.publish(sup)
    (settings.keys_dir / "sup.ani.pub").write_text(team.key.public.file_text())
    monkeypatch.setattr("assist.team.credentials.load", lambda: agent.credential)
    team_settings = replace(
        settings, team_server=team.dsn, team_outbox_path=tmp_path / "outbox.sqlite"
    )
    win = make_window(qtbot, team_settings)
    c = win.controller
    qtbot.waitUntil(lambda: c.team is not None and c.team.online, timeout=10_000)
    assert not win.team_banner.isVisible()

    c._team_timer.stop()
    qtbot.waitUntil(lambda: not c._reconnecting, timeout=10_000)
    session = c.core.authority.team
    session.client.close()
    session.client.dsn = CLOSED  # the network is pulled
    c.team_retry_ms = c.team_check_ms = 100
    c._team_timer.start(100)
    qtbot.waitUntil(win.team_banner.isVisible, timeout=10_000)
    text = win.team_banner.text()
    assert text.startswith("OFFLINE: server tim tidak dapat dihubungi.")
    assert "tidak mengizinkan" in text and "menunggu dikirim: 0" in text

    session.client.dsn = team.dsn  # plugged back in: the timer finds it by itself
    qtbot.waitUntil(lambda: not win.team_banner.isVisible(), timeout=10_000)
    assert c.team.online
    win.close()


def test_refusal_after_replay_stays_until_read(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from assist.team.outbox import OutboxItem
    from assist.team.session import TeamState
    from ui import i18n
    from ui.team_banner import TeamBanner

    i18n.install("en")
    banner = TeamBanner()
    qtbot.addWidget(banner)
    banner.show()
    refused = OutboxItem(
        "off-2", datetime.now(UTC), "2026-12-05", "C2", "voucher", 2_000_000, None, None,
        "", "refused", {"code": "E522", "message": "<b>over the 30-day limit</b>"},
    )  # fmt: skip
    labels = {"voucher": {"id": "Voucher belanja", "en": "Shopping voucher"}}
    offline = TeamState(
        online=False, pending=1, allowance_left={"voucher": 4_000_000}, type_labels=labels
    )
    banner.show_state(offline)
    assert "You may still grant today without it: Shopping voucher" in banner.text()
    assert "Grants waiting to be sent: 1." in banner.text()
    banner.show_state(TeamState(online=True, refused=(refused,), type_labels=labels))
    assert banner.isVisible() and banner.dismiss.isVisible()
    assert "REFUSED by the server: Shopping voucher" in banner.text()
    i18n.install("id")  # the language changes: the banner names it in Indonesian
    banner.retranslate()
    assert "Voucher belanja" in banner.text() and "Shopping" not in banner.text()
    i18n.install("en")
    assert "<b>over the 30-day limit</b>" in banner.text()  # plain text, never markup
    banner.dismiss.click()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=2_000)
    banner.show_state(TeamState(online=True))
    assert not banner.isVisible()
    i18n.install("id")


def test_banner_names_types_by_the_policys_labels(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A custom type's label comes from the policy; an unknown type is still readable."""
    from assist.team.session import TeamState
    from ui import i18n
    from ui.team_banner import TeamBanner

    i18n.install("en")
    banner = TeamBanner()
    qtbot.addWidget(banner)
    banner.show()
    labels = {"pulsa_bonus": {"id": "Bonus pulsa", "en": "Phone credit bonus"}}
    left = {"pulsa_bonus": 1_000_000, "free_upgrade": 500_000}
    banner.show_state(TeamState(online=False, allowance_left=left, type_labels=labels))
    assert "Phone credit bonus" in banner.text() and "pulsa_bonus" not in banner.text()
    assert "free upgrade" in banner.text()  # no label known: spelled out, not raw
    i18n.install("id")
