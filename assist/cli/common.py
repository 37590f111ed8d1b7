"""Shared pieces of the command line: config loading, ``--db``, JSON output, errors."""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import click

from assist import config as config_mod
from assist import logs
from assist.errors import PekaError

F = TypeVar("F", bound=Callable[..., Any])


@cache
def get_config() -> config_mod.Config:
    return config_mod.load()


def ui_language() -> str:
    """The interface language (``ui.language``) that the command line speaks too."""
    return str(get_config()["ui.language"])


def say(key: str, /, **fields: Any) -> str:
    """The command-line message ``key`` (``resources/i18n/cli.<language>.json``)."""
    from assist import i18n

    return i18n.text(ui_language(), key, **fields)


def db_option(key: str = "cache.path", what: str = "customer cache") -> Callable[[F], F]:
    """``--db PATH``: which SQLite file to use; without it, the configured one."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"The {what} to use (default: the configured `{key}`).",
    )


def resolve_db(db: Path | None, key: str = "cache.path") -> Path:
    if db is not None:
        return db
    value = get_config()[key]
    assert isinstance(value, Path)
    return value


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def echo_json_line(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


class PekaClickError(click.ClickException):
    """A PekaError shown as ``Error: [E123] message`` with a non-zero exit status."""

    exit_code = 1

    def __init__(self, error: PekaError) -> None:
        super().__init__(str(error))
        self.code = error.code


_COMMAND_META = "peka.command"


class PekaGroup(click.Group):
    """A click group that turns coded Peka errors into clean messages, not tracebacks.

    The top-level group also writes each command to the log file (:mod:`assist.logs`):
    its name when it starts, and its exit status or error when it ends.
    """

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            # "peka …" whatever the program was called (peka.exe, python -m ui, a test runner).
            path = " ".join(["peka", *ctx.command_path.split()[1:], str(name)])
            ctx.meta[_COMMAND_META] = path
            if not isinstance(command, click.Group):
                logs.log_start(path)
        return name, command, rest

    def invoke(self, ctx: click.Context) -> Any:
        if ctx.parent is not None:
            try:
                return super().invoke(ctx)
            except PekaError as exc:
                raise PekaClickError(exc) from exc
        logs.setup_logging()
        started = time.monotonic()
        status = "exit 1"
        try:
            result = super().invoke(ctx)
            status = "exit 0"
            return result
        except PekaError as exc:
            status = f"error: {exc}"
            raise PekaClickError(exc) from exc
        except click.ClickException as exc:
            status = f"exit {exc.exit_code}: {exc.format_message()}"
            raise
        except SystemExit as exc:
            status = f"exit {exc.code if exc.code is not None else 0}"
            raise
        except (click.exceptions.Exit, click.exceptions.Abort) as exc:
            status = f"exit {getattr(exc, 'exit_code', 1)}"
            raise
        except Exception:
            logs.log.exception("%s: unexpected error", ctx.meta.get(_COMMAND_META, "peka"))
            status = "exit 1 (unexpected error, traceback above)"
            raise
        finally:
            command = ctx.meta.get(_COMMAND_META, ctx.command_path)
            level = logging.INFO if status.startswith("exit 0") else logging.WARNING
            logs.log.log(level, "%s: %s after %.1f s", command, status, time.monotonic() - started)
