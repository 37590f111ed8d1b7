"""The ``peka`` console command: the core's commands plus the window's own.

The window's commands import PySide6 only when they run, so ``peka customer`` and the
other core commands start without loading Qt.
"""

from __future__ import annotations

import importlib

import click

from assist.cli.main import build_cli

# Each module defines ``register(cli: click.Group) -> None``.
UI_COMMAND_MODULES: tuple[str, ...] = (
    "ui.commands",
    "ui.report_commands",
    "ui.console.command",
    "ui.sync_bench",
)


def full_cli() -> click.Group:
    group = build_cli()
    for name in UI_COMMAND_MODULES:
        module = importlib.import_module(name)
        if not getattr(module, "_registered", False):
            module.register(group)
            module._registered = True  # type: ignore[attr-defined]
    return group


def main() -> None:
    full_cli()(prog_name="peka")


def gui_main() -> None:
    """Start the sidebar directly (the ``peka-sidebar`` launcher IT puts on the desktop)."""
    from ui.startup import main as launcher_main

    full_cli()  # registers every area's error codes and commands, as `peka` does
    launcher_main()


if __name__ == "__main__":
    main()
