"""Where the sidebar sits: docked to a screen edge or floating, remembered between runs.

The place is kept in a small JSON file in the user's config folder (``sidebar.json``):
the width (docked) or the whole geometry (floating), and the dock the agent last chose
from the menu, which then wins over ``ui.dock`` until they choose again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from assist import paths

log = logging.getLogger(__name__)

MIN_WIDTH = 320
DEFAULT_WIDTH = 400
DOCKS = ("left", "right", "none")


@dataclass
class Placement:
    dock: str | None = None  # the agent's own choice from the menu; None: follow ui.dock
    width: int = DEFAULT_WIDTH
    x: int | None = None
    y: int | None = None
    height: int | None = None
    screen: str | None = None


def placement_file() -> Path:
    return paths.user_config_dir() / "sidebar.json"


def load_placement(path: Path | None = None) -> Placement:
    path = path or placement_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Placement()
    except (OSError, ValueError) as exc:
        # A damaged layout file only costs the remembered position.
        log.warning("ignoring %s: %s", path, exc)
        return Placement()
    if not isinstance(data, dict):
        return Placement()
    known = {k: data[k] for k in asdict(Placement()) if k in data}
    placement = Placement(**known)
    if placement.dock not in (*DOCKS, None):
        placement.dock = None
    if not isinstance(placement.width, int) or placement.width < MIN_WIDTH:
        placement.width = DEFAULT_WIDTH
    return placement


def save_placement(placement: Placement, path: Path | None = None) -> None:
    path = path or placement_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(placement), indent=2), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        log.warning("cannot remember the sidebar's place in %s: %s", path, exc)


def _screen_named(name: str | None) -> QScreen | None:
    for screen in QGuiApplication.screens():
        if screen.name() == name:
            return screen
    return QGuiApplication.primaryScreen()


def docked_rect(area: QRect, dock: str, width: int) -> QRect:
    """The rectangle of a sidebar ``width`` wide against ``dock`` edge of ``area``."""
    width = max(MIN_WIDTH, min(width, area.width()))
    x = area.left() if dock == "left" else area.right() - width + 1
    return QRect(x, area.top(), width, area.height())


def place(window: QWidget, placement: Placement, configured_dock: str) -> str:
    """Move and size ``window``; returns the dock in effect."""
    dock = placement.dock or configured_dock
    screen = _screen_named(placement.screen)
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)
    if dock in ("left", "right"):
        window.setGeometry(docked_rect(area, dock, placement.width))
        return dock
    width = max(MIN_WIDTH, placement.width)
    height = placement.height or min(area.height(), 900)
    x = placement.x if placement.x is not None else area.right() - width - 40
    y = placement.y if placement.y is not None else area.top() + 40
    rect = QRect(x, y, width, height)
    if not area.intersects(rect):
        rect.moveTopLeft(area.topLeft())
    window.setGeometry(rect)
    return "none"


def remember(window: QWidget, placement: Placement, dock: str) -> Placement:
    """The placement to save for ``window`` as it is now."""
    geometry = window.geometry()
    placement.width = max(MIN_WIDTH, geometry.width())
    screen = window.screen()
    placement.screen = screen.name() if screen is not None else None
    if dock == "none":
        placement.x, placement.y, placement.height = geometry.x(), geometry.y(), geometry.height()
    return placement
