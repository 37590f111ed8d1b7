"""The ``peka-sidebar`` launcher: the sidebar as IT's desktop shortcut starts it.

Started from a menu there is no terminal, so a problem before the window opens (a bad
config file, no display, a broken install) is written to the log file and shown in a
dialog as plain text, and the program exits with status 1. ``peka-sidebar --help``
prints help, ``--version`` the version; the options are those of ``peka gui``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from assist import __version__, logs
from assist.errors import PekaError
from ui.commands import gui_command, start_sidebar

PROGRAM = "peka-sidebar"
DIALOG_TITLE = "Peka cannot start"


def show_startup_error(message: str, log_path: object) -> None:
    """A modal, plain-text dialog with the error and where the log is (when Qt can draw)."""
    from PySide6.QtWidgets import QMessageBox

    from ui.app import application
    from ui.plain import plain_message_box

    try:
        application()
    except PekaError:
        return  # no display: stderr and the log file are all there is
    detail = f"The log file {log_path} has the details." if log_path else ""
    box = plain_message_box(None, DIALOG_TITLE, message, icon=QMessageBox.Critical, detail=detail)
    box.setObjectName("startupError")
    box.exec()


def _launch(demo: bool, db: object, language: str | None, theme: str | None) -> None:
    log_path = logs.setup_logging()
    logs.log_start(PROGRAM)
    try:
        code = start_sidebar(demo, db, language, theme)  # type: ignore[arg-type]
    except PekaError as exc:
        logs.log.error("%s: %s", PROGRAM, exc)
        click.echo(f"Error: {exc}", err=True)
        show_startup_error(str(exc), log_path)
        raise SystemExit(1) from exc
    except Exception as exc:
        logs.log.exception("%s: unexpected error", PROGRAM)
        text = f"Peka stopped on an unexpected error: {type(exc).__name__}: {exc}"
        click.echo(f"Error: {text}", err=True)
        show_startup_error(text + "\nPlease send the log file to your IT support.", log_path)
        raise SystemExit(1) from exc
    logs.log.info("%s: exit %s", PROGRAM, code)
    raise SystemExit(code)


@click.command(
    PROGRAM,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Problems that stop it starting are shown in a dialog and written to the log "
    "file (`peka doctor` names it).",
)
@click.version_option(__version__, "--version", "-V", prog_name=PROGRAM)
def launcher(**options: object) -> None:
    """Start the Peka sidebar beside the helpdesk (the same as `peka gui`)."""
    _launch(**options)  # type: ignore[arg-type]


# The same options as `peka gui` (--demo, --db, --language, --theme), before --version.
launcher.params[:0] = gui_command.params


def main(argv: Sequence[str] | None = None) -> None:
    launcher.main(args=list(sys.argv[1:] if argv is None else argv), prog_name=PROGRAM)
