"""Fixtures for the sidebar's tests: a small demo cache per module and real windows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from assist.app.settings import AppSettings
from assist.config import load

HTML_PAYLOAD = "<b>X</b><script>alert(1)</script><img src=x>"


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assist.cache.demo import generate_demo_cache

    path = tmp_path_factory.mktemp("ui-cache") / "cache.sqlite"
    generate_demo_cache(path, customers=50, seed=7)
    return path


@pytest.fixture
def settings(demo_cache: Path, tmp_path: Path) -> AppSettings:
    from assist.authority.demo import install_demo_policy

    policy = install_demo_policy(tmp_path / "policy")
    base = AppSettings.from_config(load())
    return replace(
        base,
        cache_path=demo_cache,
        ledger_path=tmp_path / "ledger.sqlite",
        outcomes_path=tmp_path / "outcomes.sqlite",
        phrases_path=tmp_path / "phrases.sqlite",
        team_path=tmp_path / "team.sqlite",
        policy_path=policy.policy_path,
        keys_dir=policy.keys_dir,
        agent_id="agent.test",
        agent_name="Dewi",
        language="id",
        theme="light",
        dock="right",
        always_on_top=False,
        suggest_delay_ms=60,
    )


def make_window(qtbot, settings: AppSettings, *, cache_opens: bool = True):  # type: ignore[no-untyped-def]
    """A shown sidebar on ``settings`` whose dialogs answer themselves, once it has
    opened its cache (or, with ``cache_opens=False``, given up opening it)."""
    from PySide6.QtWidgets import QApplication

    from ui import i18n, theme
    from ui.window import SidebarWindow

    i18n.install(settings.language)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, settings.theme)
    win = SidebarWindow(settings, remember_place=False)
    win.choose_outcome = lambda parent: "resolved"
    win.compensation.confirm = lambda parent, title, question: True
    qtbot.addWidget(win)
    win.resize(420, 1000)
    win.show()
    if cache_opens:
        qtbot.waitUntil(lambda: win.status.cache is not None, timeout=10_000)
    else:
        qtbot.waitUntil(lambda: win.status.cache_problem is not None, timeout=15_000)
    return win


@pytest.fixture
def window(qtbot, settings: AppSettings) -> Iterator[object]:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, settings)
    yield win
    win.close()


def open_customer(qtbot, win, query: str = "Sri Wahyuni") -> None:  # type: ignore[no-untyped-def]
    """Search like an agent does and open the first hit."""
    qtbot.keyClicks(win.search.box, query)
    qtbot.waitUntil(lambda: win.search.hit_count() > 0, timeout=5_000)
    from PySide6.QtCore import Qt

    qtbot.keyClick(win.search.box, Qt.Key_Return)
    qtbot.waitUntil(lambda: win.controller.customer is not None, timeout=5_000)


def type_message(qtbot, win, text: str):  # type: ignore[no-untyped-def]
    """Once the engine is ready, open the demo customer and type ``text`` into the
    customer's message box as an agent does; the message panel."""
    from PySide6.QtCore import Qt

    qtbot.waitUntil(lambda: win.controller.ready, timeout=30_000)
    open_customer(qtbot, win)
    panel = win.message
    panel.edit.setFocus(Qt.OtherFocusReason)
    qtbot.keyClicks(panel.edit, text)
    return panel
