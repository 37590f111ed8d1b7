"""The sidebar syncs in the background: a fresh workstation gets its customers, the status
shows each source, Sync now picks up a new export, and stale customer data is flagged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from assist.app.settings import AppSettings
from tests.sync.test_dropfolder import CUSTOMERS, TRANSACTIONS
from tests.ui.conftest import make_window, open_customer


def test_fresh_workstation_syncs_then_picks_up_changes_and_flags_stale_data(
    qtbot, settings: AppSettings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "1-customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    sources = tmp_path / "sync.toml"
    sources.write_text(
        f'[sources.exports]\nkind = "folder"\npath = "{drop}"\nsettle_seconds = 0\n',
        encoding="utf-8",
    )
    fresh = replace(
        settings,
        cache_path=tmp_path / "new" / "cache.sqlite",  # nothing there yet
        sync_sources_file=sources,
        sync_interval_minutes=0,
        stale_after_hours=1,
    )
    win = make_window(qtbot, fresh)
    try:
        assert win.status.cache.customers == 3  # synced before the cache opened: no E602
        qtbot.waitUntil(lambda: win.status.sync_label.isVisible(), timeout=5_000)
        assert win.status.sync_label.text().startswith("Sinkron exports: ")
        assert "GAGAL" not in win.status.sync_label.text()
        assert not win.status.message.text().startswith("[E602]")
        assert not win.status.message.isVisible()  # "fetching for the first time" is gone
        # A new export, and the agent asks for a sync.
        (drop / "2-transactions.csv").write_text(TRANSACTIONS, encoding="utf-8")
        with qtbot.waitSignal(win.controller.sync_changed, timeout=10_000):
            qtbot.mouseClick(win.status.sync_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: win.status.cache.transactions == 3, timeout=5_000)
        # A bad export: the status line names source, row and field.
        (drop / "3-transactions.csv").write_text(
            TRANSACTIONS.replace("150rb", "seratus"), encoding="utf-8"
        )
        with qtbot.waitSignal(win.controller.sync_changed, timeout=10_000):
            win.controller.sync_now()
        qtbot.waitUntil(lambda: "[E253]" in win.status.message.text(), timeout=5_000)
        assert "source 'exports'" in win.status.message.text()
        assert "field 'amount'" in win.status.message.text()
        assert "GAGAL" in win.status.sync_label.text()
        # Fresh data: no warning on the card. Data older than stale_after_hours: a warning.
        open_customer(qtbot, win, "Sri Wahyuni")
        assert not win.card.stale.isVisible()
        from assist.cache import Cache

        with Cache.open(fresh.cache_path) as cache, cache.transaction() as conn:
            conn.execute("UPDATE sync_sources SET last_success_at = '2026-01-01T00:00:00Z'")
        win.controller.customer = None
        win.search.clear()
        open_customer(qtbot, win, "Budi Santoso")
        qtbot.waitUntil(lambda: win.card.stale.isVisible(), timeout=5_000)
        assert "terakhir diperbarui" in win.card.stale.text()
    finally:
        win.close()


def test_status_line_says_when_a_failed_source_last_succeeded(qtbot, settings: AppSettings) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from assist.app.views import SyncSourceView, SyncView
    from ui import i18n

    win = make_window(qtbot, settings)
    try:
        two_hours = datetime.now(UTC) - timedelta(hours=2, minutes=1)
        view = SyncView(
            [
                SyncSourceView("crm", False, two_hours, "[E253] source 'crm', …"),
                SyncSourceView("exports", False, None, "[E258] …"),
            ],
            configured=True,
        )
        win.status.set_sync(view)
        lines = win.status.sync_label.text().splitlines()
        hint = " (arahkan kursor untuk rinciannya)"
        assert lines == [
            "Sinkron crm GAGAL; terakhir berhasil 2 jam yang lalu" + hint,
            "Sinkron exports GAGAL; belum pernah berhasil" + hint,
        ]
        assert "[E253] source &#x27;crm&#x27;" in win.status.sync_label.toolTip()
        i18n.install("en")
        win.retranslate()
        assert win.status.sync_label.text().splitlines()[0] == (
            "Sync crm FAILED; last success 2 hours ago (hover for details)"
        )
    finally:
        i18n.install("id")
        win.close()


def test_sync_now_counts_rows_on_the_button_while_the_sync_process_runs(
    qtbot, settings: AppSettings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "1-customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (drop / "2-transactions.csv").write_text(TRANSACTIONS, encoding="utf-8")
    sources = tmp_path / "sync.toml"
    sources.write_text(
        f'[sources.exports]\nkind = "folder"\npath = "{drop}"\nsettle_seconds = 0\n',
        encoding="utf-8",
    )
    win = make_window(qtbot, replace(settings, sync_sources_file=sources, sync_interval_minutes=0))
    try:
        qtbot.waitUntil(lambda: win.controller.sync is not None, timeout=10_000)
        shown: list[str] = []
        # Connected after the window's own slot: sees the button as the agent does.
        win.controller.sync_progress.connect(lambda _r: shown.append(win.status.sync_button.text()))
        with qtbot.waitSignal(win.controller.sync_changed, timeout=20_000):
            qtbot.mouseClick(win.status.sync_button, Qt.LeftButton)
        assert shown == ["Menyinkronkan… 3 baris", "Menyinkronkan… 6 baris"]
        assert win.status.sync_button.text() == "Sinkronkan"
        assert win.status.sync_button.isEnabled()
    finally:
        win.close()
