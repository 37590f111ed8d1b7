"""What every console screen needs: files, the supervisor's key, and a confirmation seam."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QWidget

from assist.authority.keys import SigningKey
from ui.plain import ask_plain

# (parent, title, question) -> True to go ahead. Tests replace it; no modal dialog runs.
Confirm = Callable[[QWidget, str, str], bool]
# (parent, title, suggested file, filter, save?) -> chosen path or None.
ChooseFile = Callable[[QWidget, str, str, str, bool], Path | None]


def ask_yes_no(parent: QWidget, title: str, question: str) -> bool:
    # Signing and overwriting are deliberate: Enter answers no.
    return ask_plain(parent, title, question, default_yes=False)


def choose_file(
    parent: QWidget, title: str, suggested: str, filters: str, save: bool
) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    if save:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    else:
        name, _ = QFileDialog.getOpenFileName(parent, title, suggested, filters)
    return Path(name) if name else None


@dataclass
class ConsoleContext:
    key: SigningKey
    policy_path: Path
    keys_dir: Path
    ledger_path: Path
    phrases_path: Path
    team_path: Path
    outcomes_path: Path
    language: str = "id"  # the interface language the console opens in (then: ui.i18n)
    demo: bool = False
    team_server: str = ""  # team mode: the supervisors' live queue (docs/team.md)
    confirm: Confirm = ask_yes_no
    choose_file: ChooseFile = choose_file
    # What the screens did, for the status bar and tests (newest last).
    log: list[str] = field(default_factory=list)

    @property
    def supervisor(self) -> str:
        return self.key.name
