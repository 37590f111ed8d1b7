"""Placement, themes, the demo set-up, scaling and the commands' wiring."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from PySide6.QtCore import QRect
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ui import placement, theme
from ui.entry import full_cli

ROOT = Path(__file__).resolve().parents[2]


def test_docked_rect_hugs_the_chosen_edge() -> None:
    area = QRect(0, 0, 1920, 1040)
    right = placement.docked_rect(area, "right", 400)
    assert (right.x(), right.y(), right.width(), right.height()) == (1520, 0, 400, 1040)
    left = placement.docked_rect(area, "left", 200)  # never narrower than 320
    assert (left.x(), left.width()) == (0, 320)


def test_placement_round_trips_and_survives_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "sidebar.json"
    placement.save_placement(placement.Placement(dock="left", width=480), path)
    loaded = placement.load_placement(path)
    assert (loaded.dock, loaded.width) == ("left", 480)
    path.write_text("{not json", encoding="utf-8")
    assert placement.load_placement(path) == placement.Placement()
    path.write_text(json.dumps({"dock": "top", "width": 10}), encoding="utf-8")
    bad = placement.load_placement(path)
    assert (bad.dock, bad.width) == (None, placement.DEFAULT_WIDTH)


def test_window_remembers_its_dock_and_width(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from ui.window import SidebarWindow

    win = SidebarWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.dock == "right"
    win.set_dock("left")
    assert win.geometry().x() == win.screen().availableGeometry().x()
    win.resize(500, win.height())
    win.close()
    saved = placement.load_placement()
    assert (saved.dock, saved.width) == ("left", 500)
    again = SidebarWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert again.dock == "left" and again.width() == 500
    again.close()


def test_always_on_top_follows_the_setting(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    assert not window.windowFlags() & Qt.WindowStaysOnTopHint
    window.on_top_action.trigger()
    assert window.windowFlags() & Qt.WindowStaysOnTopHint


def test_dark_theme_sets_a_dark_palette(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.set_theme("dark")
    assert app.palette().color(QPalette.Window).lightness() < 80
    assert theme.colours() is theme.DARK
    window.set_theme("light")
    assert app.palette().color(QPalette.Window).lightness() > 200
    assert theme.colours() is theme.LIGHT


def test_demo_setup_creates_cache_ledger_folder_and_policy(tmp_path: Path) -> None:
    from assist.authority import AuthorityService
    from ui.demo import ensure_demo

    files = ensure_demo(tmp_path / "demo", customers=20)
    assert files.created_cache and files.cache_path.is_file()
    assert files.policy_path.is_file() and any(files.keys_dir.glob("*.pub"))
    service = AuthorityService.open(
        ledger_path=files.ledger_path,
        policy_path=files.policy_path,
        keys_dir=files.keys_dir,
        agent_id="agent.demo",
    )
    assert service.status().valid
    again = ensure_demo(tmp_path / "demo", customers=20)
    assert not again.created_cache  # second run reuses the cache


def test_gui_and_bench_commands_are_registered() -> None:
    cli = full_cli()
    assert "gui" in cli.commands and "screenshot" in cli.commands
    assert "ui" in cli.commands["bench"].commands  # type: ignore[attr-defined]
    result = CliRunner().invoke(cli, ["gui", "--help"])
    assert "--demo" in result.output and "--db" in result.output


def test_layout_fits_at_150_percent_scaling(settings) -> None:  # type: ignore[no-untyped-def]
    """A separate process: the scale factor is read when Qt starts."""
    script = f"""
import sys
from dataclasses import replace
from pathlib import Path
from PySide6.QtWidgets import QApplication, QLabel
from tests.ui.test_plain_text import record
from ui import i18n
from ui.app import application, build_window
from assist.app.views import CustomerView
from assist.app.settings import AppSettings
import assist.app.core

assist.app.core.AgentCore.load_engine = lambda self: None  # layout only: no engine needed
settings = AppSettings(
    cache_path=Path({str(settings.cache_path)!r}), ledger_path=Path({str(settings.ledger_path)!r}),
    policy_path=Path({str(settings.policy_path)!r}), keys_dir=Path({str(settings.keys_dir)!r}),
    agent_id="a", agent_name="", agent_role="agent", always_on_top=False, theme="light",
)
app = application()
win = build_window(settings, remember_place=False, app=app)
win.show()
win.resize(320, 800)
win.card.show_customer(CustomerView(record(), ["a"]))
win.transactions.set_transactions(record().transactions)
for _ in range(5):
    app.processEvents()
body = win.scroll.widget()
ok = body.width() <= win.scroll.viewport().width()
for label in body.findChildren(QLabel):
    if label.isVisibleTo(win) and label.wordWrap() and label.width() > body.width():
        ok = False
        print("clipped", label.text()[:30], label.width(), body.width())
print("DPR", win.devicePixelRatio(), "OK" if ok else "CLIPPED")
win.close()
# As the app does when it quits: background lanes stop before the interpreter tears Qt
# down (a lane still opening the cache at exit crashed this process now and then).
from ui.ops import runner
runner().shutdown()
"""
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "DPR 1.5 OK" in result.stdout, result.stdout + result.stderr


def test_demo_card_suggests_whom_to_search(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from tests.ui.conftest import make_window

    win = make_window(qtbot, replace(settings, demo=True))
    assert "Sri Wahyuni" in win.card.empty.text()
    assert "081234567890" in win.card.empty.text()
    plain = make_window(qtbot, settings)
    assert "Sri Wahyuni" not in plain.card.empty.text()
    win.close()
    plain.close()
