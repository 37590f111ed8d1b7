"""The ``peka-sidebar`` launcher: the sidebar as IT's desktop shortcut starts it.

Started from a menu there is no terminal, so a problem before the window opens (a bad
config file, no display, a broken install) is written to the log file and shown in a
dialog as plain text, and the program exits with status 1. ``peka-sidebar --help``
prints help, ``--version`` the version; the options are those of ``peka gui``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import click

from assist import __version__, logs
from assist.errors import PekaError
from ui.commands import gui_command, start_sidebar

PROGRAM = "peka-sidebar"
DIALOG_TITLE = "Peka cannot start"


def show_startup_error(message: str, log_path: Path | None) -> None:
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


def _launch(demo: bool, db: Path | None, language: str | None, theme: str | None) -> None:
    log_path = logs.setup_logging()
    logs.log_start(PROGRAM)
    try:
        code = start_sidebar(demo, db, language, theme)
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


def show_text(text: str, *, error: bool = False) -> None:
    """Help, version or a usage error in a plain-text dialog (for the windowed program)."""
    from PySide6.QtWidgets import QMessageBox

    from ui.app import application
    from ui.plain import plain_message_box

    try:
        application()
    except PekaError:
        return
    icon = QMessageBox.Warning if error else QMessageBox.Information
    box = plain_message_box(None, "Peka", text.strip(), icon=icon)
    box.setObjectName("launcherText")
    box.exec()


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is not None and sys.stderr is not None:
        launcher.main(args=args, prog_name=PROGRAM)
        return
    # peka-sidebar.exe is windowed (no console): what click would print for --help,
    # --version or a bad option would vanish, so it is shown in a dialog instead.
    text = io.StringIO()
    try:
        with redirect_stdout(text), redirect_stderr(text):
            ctx = launcher.make_context(PROGRAM, args)
    except click.exceptions.Exit as exc:
        show_text(text.getvalue())
        raise SystemExit(exc.exit_code) from None
    except click.ClickException as exc:
        exc.show(file=text)
        show_text(text.getvalue(), error=True)
        raise SystemExit(exc.exit_code) from None
    with ctx:
        launcher.invoke(ctx)
