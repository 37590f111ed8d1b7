"""The whole offline round in the real sidebar against a real PostgreSQL server that is
stopped and started again: the banner says OFFLINE plainly (with the policy's names for
what may still be given), an allowed grant waits in the outbox, and when the server is
back the sidebar replays it by itself and says it was accepted."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt

from assist.app.settings import AppSettings
from assist.authority.keys import SigningKey
from assist.authority.models import WITHIN_AUTHORITY
from assist.team import pgcluster, schema
from assist.team.pgcluster import PgCluster
from tests.team.conftest import Team
from tests.ui.conftest import make_window
from tests.ui.test_conversation import start_conversation

pytestmark = pytest.mark.skipif(
    not pgcluster.available() and not os.environ.get("CI"),
    reason="no PostgreSQL binaries",
)


@pytest.fixture
def own_team() -> Iterator[Team]:
    """A team server on a cluster of its own: this test stops and starts it."""
    cluster = PgCluster.start(fast=True)
    try:
        admin = cluster.create_database("peka")
        schema.init(admin)
        site = f"host={cluster.host} port={cluster.port} dbname=peka"
        key = SigningKey("sup.ani", Ed25519PrivateKey.generate())
        team = Team(cluster, admin, site, "peka", key)
        yield team
        for client in team.clients:
            client.close()
    finally:
        cluster.stop()


def test_server_stops_grant_waits_offline_and_replays_when_back(
    qtbot,  # type: ignore[no-untyped-def]
    own_team: Team,
    settings: AppSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    team = own_team
    sup = team.enrol("lead", supervisor=True)
    agent = team.enrol("agent01")
    team.publish(sup, limits="[offline_allowance]\nvoucher = 10_000_000\n", tmp=tmp_path)
    (settings.keys_dir / "sup.ani.pub").write_text(team.key.public.file_text())
    monkeypatch.setattr("assist.team.credentials.load", lambda: agent.credential)
    outbox = tmp_path / "outbox.sqlite"
    win = make_window(qtbot, replace(settings, team_server=team.dsn, team_outbox_path=outbox))
    c = win.controller
    qtbot.waitUntil(lambda: c.team is not None and c.team.online, timeout=15_000)
    c.team_retry_ms = c.team_check_ms = 200  # the sidebar's own timer, just sooner
    c._team_timer.start(200)
    assert not win.team_banner.isVisible()
    # The config says agent.test; the sidebar names the agent the server authenticated.
    qtbot.waitUntil(lambda: "Dewi (agent01)" in win.status.agent_label.text(), timeout=10_000)

    team.cluster.pause()  # the server goes away
    qtbot.waitUntil(win.team_banner.isVisible, timeout=15_000)
    text = win.team_banner.text()
    assert text.startswith("OFFLINE: server tim tidak dapat dihubungi.")
    assert "masih boleh memberi: Voucher belanja Rp" in text  # the policy's label, not "voucher"
    assert "menunggu dikirim: 0" in text

    # An allowed grant, the way the agent gives it: the option, Alt+Shift+number.
    start_conversation(qtbot, win)
    qtbot.waitUntil(lambda: win.compensation.option_count() > 0, timeout=15_000)
    options = win.compensation.options
    number, option = next(
        (i, o)
        for i, o in enumerate(options, 1)
        if o.status == WITHIN_AUTHORITY and o.type == "voucher"
    )
    assert option.amount_minor <= 10_000_000
    qtbot.keyClick(win, Qt.Key_1 + number - 1, Qt.AltModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: "menunggu dikirim: 1" in win.team_banner.text(), timeout=15_000)
    qtbot.waitUntil(lambda: "Sebagai bentuk permohonan maaf" in win.reply.text(), timeout=10_000)
    session = c.core.authority.team
    (kept,) = session.outbox.items("pending")
    assert (kept.type, kept.amount_minor) == ("voucher", option.amount_minor)

    team.cluster.resume()  # the server is back: nobody presses anything
    qtbot.waitUntil(
        lambda: "Server tim kembali: 1 pemberian offline diterima." in win.team_banner.text(),
        timeout=20_000,
    )
    assert win.team_banner.dismiss.isVisible()
    assert session.outbox.items("pending") == []
    with psycopg.connect(team.admin_dsn) as conn:
        rows = conn.execute(
            "SELECT idempotency_key, authority, amount_minor, agent_id FROM peka.grants "
            "WHERE customer_id = %s",
            (kept.customer_id,),
        ).fetchall()
    assert rows == [(kept.key, "offline", option.amount_minor, "agent01")]
    qtbot.mouseClick(win.team_banner.dismiss, Qt.LeftButton)
    qtbot.waitUntil(lambda: not win.team_banner.isVisible(), timeout=5_000)
    assert datetime.now(UTC) - kept.created_at < timedelta(minutes=5)
    win.close()
