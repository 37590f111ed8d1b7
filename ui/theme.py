"""Light, dark and system themes: a palette plus a small stylesheet.

Colours for highlights (problem transactions, message cues, warnings) come from
:class:`Colours` so every widget uses the same, readable pair for the active theme.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")


@dataclass(frozen=True)
class Colours:
    problem_bg: str
    mentioned_bg: str
    warning_bg: str
    warning_fg: str
    ok_fg: str
    muted_fg: str
    cue_emotion: str
    cue_intensity: str
    cue_time: str
    cue_threat: str
    finding_bg: str


LIGHT = Colours(
    problem_bg="#fde2e1",
    mentioned_bg="#fff3bf",
    warning_bg="#fff3cd",
    warning_fg="#6b4500",
    ok_fg="#1b6e2c",
    muted_fg="#5f6368",
    cue_emotion="#ffd6d6",
    cue_intensity="#ffe8b3",
    cue_time="#d7e9ff",
    cue_threat="#f5c2ff",
    finding_bg="#ffe8b3",
)
DARK = Colours(
    problem_bg="#5c2626",
    mentioned_bg="#5a4a12",
    warning_bg="#4d3b06",
    warning_fg="#ffe7a3",
    ok_fg="#8fd19e",
    muted_fg="#a8adb3",
    cue_emotion="#7a2e2e",
    cue_intensity="#6b5212",
    cue_time="#1f4a7a",
    cue_threat="#5e2a6b",
    finding_bg="#6b5212",
)

_active = LIGHT


def colours() -> Colours:
    return _active


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#202124"), QColor("#2a2b2e"), QColor("#e8eaed")
    p.setColor(QPalette.Window, window)
    p.setColor(QPalette.WindowText, text)
    p.setColor(QPalette.Base, base)
    p.setColor(QPalette.AlternateBase, QColor("#303134"))
    p.setColor(QPalette.ToolTipBase, base)
    p.setColor(QPalette.ToolTipText, text)
    p.setColor(QPalette.PlaceholderText, QColor("#9aa0a6"))
    p.setColor(QPalette.Text, text)
    p.setColor(QPalette.Button, QColor("#35363a"))
    p.setColor(QPalette.ButtonText, text)
    p.setColor(QPalette.BrightText, QColor("#ff8a80"))
    p.setColor(QPalette.Highlight, QColor("#8ab4f8"))
    p.setColor(QPalette.HighlightedText, QColor("#202124"))
    p.setColor(QPalette.Link, QColor("#8ab4f8"))
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#80868b"))
    return p


def _light_palette() -> QPalette:
    p = QPalette()
    p.setColor(QPalette.Window, QColor("#f6f7f9"))
    p.setColor(QPalette.WindowText, QColor("#1f1f1f"))
    p.setColor(QPalette.Base, QColor("#ffffff"))
    p.setColor(QPalette.AlternateBase, QColor("#f1f3f4"))
    p.setColor(QPalette.Text, QColor("#1f1f1f"))
    p.setColor(QPalette.Button, QColor("#eceff1"))
    p.setColor(QPalette.ButtonText, QColor("#1f1f1f"))
    p.setColor(QPalette.PlaceholderText, QColor("#70757a"))
    p.setColor(QPalette.Highlight, QColor("#1a73e8"))
    p.setColor(QPalette.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ToolTipBase, QColor("#ffffff"))
    p.setColor(QPalette.ToolTipText, QColor("#1f1f1f"))
    return p


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        from PySide6.QtCore import Qt

        return bool(scheme() == Qt.ColorScheme.Dark)
    return QGuiApplication.palette().color(QPalette.Window).lightness() < 128


def stylesheet(c: Colours) -> str:
    return f"""
QLabel#sectionTitle {{ font-weight: bold; }}
QLabel#muted {{ color: {c.muted_fg}; }}
QLabel#warning {{ background: {c.warning_bg}; color: {c.warning_fg};
                  border-radius: 4px; padding: 4px; }}
QLabel#ok {{ color: {c.ok_fg}; }}
QPushButton#suggestion {{ text-align: left; padding: 4px 6px; }}
QToolButton#sectionToggle {{ border: none; font-weight: bold; }}
"""


def apply_theme(app: QApplication, theme: str) -> Colours:
    """Apply ``theme`` (system, light or dark) to ``app`` and return its highlight colours."""
    global _active
    if theme not in THEMES:
        theme = "system"
    dark = theme == "dark" or (theme == "system" and system_is_dark())
    if theme != "system":
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
        app.setPalette(_dark_palette() if dark else _light_palette())
    _active = DARK if dark else LIGHT
    app.setStyleSheet(stylesheet(_active))
    return _active
