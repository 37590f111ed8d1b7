"""The sidebar on a customer cache it cannot open (damaged, unreadable, written by a newer
Peka, locked, missing): the cache line says so for good, in the interface language, with
the code and what to do; the message analysis and the coach work on without customers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import assist.cache.store
from assist.app.settings import AppSettings
from tests.cache.broken import IS_ROOT, KINDS, LockHolder, make_broken
from tests.ui.conftest import make_window

MESSAGE = "Paket saya sudah telat 6 hari dan belum sampai. Saya kecewa sekali!"


def broken_window(qtbot, settings: AppSettings):  # type: ignore[no-untyped-def]
    """A shown sidebar that has given up opening its cache."""
    return make_window(qtbot, settings, cache_opens=False)


@contextmanager
def locked_cache(settings: AppSettings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The cache held locked by another writer (an import) for the ``with`` block, with
    short lock waits so the sidebar gives up quickly ([E290])."""
    monkeypatch.setattr(assist.cache.store, "BUSY_TIMEOUT_MS", 200)
    holder = LockHolder(settings.cache_path)
    try:
        yield
    finally:
        holder.release()


def works_without_customers(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    """The customer's message is analysed and the draft coached, with no customer open."""
    qtbot.waitUntil(lambda: win.controller.ready, timeout=30_000)
    win.message.set_text(MESSAGE)
    qtbot.waitUntil(lambda: win.message.view is not None, timeout=10_000)
    assert win.message.view.analysis.emotion
    qtbot.keyClicks(win.reply.edit, "Mohon maaf Kak, kami cek sekarang.")
    qtbot.waitUntil(lambda: win.reply.view is not None, timeout=10_000)
    assert win.controller.customer is None


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_sidebar_says_it_cannot_open_the_cache_and_keeps_working(
    qtbot, settings: AppSettings, tmp_path: Path, kind: str
) -> None:  # type: ignore[no-untyped-def]
    if kind == "unreadable" and IS_ROOT:
        pytest.skip("root reads every file (tests/cache drops to an unprivileged account for it)")
    path = make_broken(kind, settings.cache_path, tmp_path / "data" / "cache.sqlite")
    size = path.stat().st_size if path.is_file() else None
    win = broken_window(qtbot, replace(settings, cache_path=path))
    try:
        code = KINDS[kind]
        line = win.status.cache_label.text()
        assert line.startswith(f"Data pelanggan tidak bisa dibuka [{code}]. "), line
        assert "peka " in line  # what to do: a command for IT
        assert "Membuka data pelanggan" not in line
        assert win.status.cache_label.textFormat() == Qt.PlainText
        tooltip = win.status.cache_label.toolTip()
        assert f"[{code}]" in tooltip and str(path) in tooltip  # the full coded message
        assert win.status.cache_retry.isVisible()
        assert win.card.empty.text().startswith("Data pelanggan tidak bisa dibuka")
        assert "Data demo" not in win.card.empty.text()
        qtbot.keyClicks(win.search.box, "Sri")
        qtbot.waitUntil(lambda: win.search.empty.isVisible(), timeout=5_000)
        assert win.search.empty.text().startswith("Pencarian tidak tersedia")
        works_without_customers(qtbot, win)
        assert win.status.cache_problem is not None  # still said, not a passing message
        assert win.status.cache_label.text() == line
    finally:
        win.close()
    # Nothing was written to the broken file (the sidebar only reads).
    if kind == "missing":
        assert not path.exists()
    elif size is not None:
        path.chmod(0o600)
        assert path.stat().st_size == size


def test_english_interface_and_language_switch(
    qtbot, settings: AppSettings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = make_broken("newer", settings.cache_path, tmp_path / "cache.sqlite")
    win = broken_window(qtbot, replace(settings, cache_path=path, language="en"))
    try:
        line = win.status.cache_label.text()
        assert line.startswith("Customer data could not be opened [E203]. "), line
        assert "newer Peka" in line
        assert win.status.cache_retry.text() == "Try again"
        win._set_language("id")
        assert win.status.cache_label.text().startswith("Data pelanggan tidak bisa dibuka [E203]")
        assert win.status.cache_retry.text() == "Coba lagi"
    finally:
        win.close()


def test_locked_cache_opens_when_the_agent_tries_again(
    qtbot, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    with locked_cache(settings, monkeypatch):
        win = broken_window(qtbot, settings)
    try:
        line = win.status.cache_label.text()
        assert line.startswith("Data pelanggan tidak bisa dibuka [E290]. "), line
        assert "Coba lagi" in line
        assert "do not move it" in win.status.cache_label.toolTip()
        qtbot.mouseClick(win.status.cache_retry, Qt.LeftButton)
        qtbot.waitUntil(lambda: win.status.cache is not None, timeout=10_000)
        assert win.status.cache_label.text().startswith("Data: 50 pelanggan")
        assert not win.status.cache_retry.isVisible()
        tooltip = win.status.cache_label.toolTip()
        assert str(settings.cache_path) in tooltip and "E290" not in tooltip
        assert "Data pelanggan tidak bisa dibuka" not in win.card.empty.text()
        from tests.ui.conftest import open_customer

        open_customer(qtbot, win, "Sri Wahyuni")
    finally:
        win.close()


def test_the_path_in_the_tooltip_stays_plain_text(
    qtbot, settings: AppSettings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "<b>X<img src=x>"
    path = make_broken("random-bytes", settings.cache_path, folder / "cache.sqlite")
    win = broken_window(qtbot, replace(settings, cache_path=path))
    try:
        tooltip = win.status.cache_label.toolTip()
        assert "&lt;b&gt;X&lt;img src=x&gt;" in tooltip and "<b>" not in tooltip
    finally:
        win.close()


def test_following_the_helpdesk_reads_the_message_without_customer_data(
    qtbot, settings: AppSettings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The extension names the customer and sends the message: with no cache to look the
    customer up in, the message is analysed all the same."""
    from assist.app.follow import ConversationContext

    path = make_broken("truncated", settings.cache_path, tmp_path / "cache.sqlite")
    win = broken_window(qtbot, replace(settings, cache_path=path))
    try:
        qtbot.waitUntil(lambda: win.controller.ready, timeout=30_000)
        win.controller.follow(
            ConversationContext(
                source="extension",
                helpdesk="chatwoot",
                conversation_id="17",
                phone="0812-3456-7890",
                message=MESSAGE,
            )
        )
        qtbot.waitUntil(lambda: win.message.view is not None, timeout=10_000)
        assert win.message.text() == MESSAGE
        assert win.controller.customer is None
        assert win.status.cache_label.text().startswith("Data pelanggan tidak bisa dibuka [E201]")
    finally:
        win.close()


def test_with_sync_sources_the_damaged_cache_is_said_once(
    qtbot, settings: AppSettings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sources = tmp_path / "sync.toml"
    drop = tmp_path / "drop"
    drop.mkdir()
    sources.write_text(
        f'[sources.exports]\nkind = "folder"\npath = "{drop}"\nsettle_seconds = 0\n',
        encoding="utf-8",
    )
    path = make_broken("random-bytes", settings.cache_path, tmp_path / "cache.sqlite")
    win = broken_window(
        qtbot,
        replace(settings, cache_path=path, sync_sources_file=sources, sync_interval_minutes=0),
    )
    try:
        assert win.status.cache_label.text().startswith("Data pelanggan tidak bisa dibuka [E201]")
        qtbot.waitUntil(lambda: win.controller.ready, timeout=30_000)
        assert not (win.status.message.isVisible() and "[E201]" in win.status.message.text())
    finally:
        win.close()


def test_a_locked_cache_is_tried_again_on_its_own(
    qtbot, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """An import holding the lock ends: the sidebar opens the cache without a click."""
    with locked_cache(settings, monkeypatch):
        win = broken_window(qtbot, settings)
        win._locked_retry.setInterval(300)
        assert win.status.cache_problem is not None
        assert win.status.cache_problem.code == "E290"
        win._locked_retry.start()
        # Still locked: tried again, still said, the line never falls back to "opening".
        qtbot.waitUntil(lambda: not win._locked_retry.isActive(), timeout=5_000)
        qtbot.waitUntil(lambda: win._locked_retry.isActive(), timeout=5_000)
        assert win.status.cache_label.text().startswith("Data pelanggan tidak bisa dibuka [E290]")
    try:
        qtbot.waitUntil(lambda: win.status.cache is not None, timeout=10_000)
        assert win.status.cache_label.text().startswith("Data: 50 pelanggan")
        assert not win._locked_retry.isActive()
    finally:
        win.close()
