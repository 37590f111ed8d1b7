"""Shared pieces of the command line: config loading, ``--db``, JSON output, errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import click

from assist import config as config_mod
from assist.errors import PekaError

F = TypeVar("F", bound=Callable[..., Any])


@cache
def get_config() -> config_mod.Config:
    return config_mod.load()


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


class PekaGroup(click.Group):
    """A click group that turns coded Peka errors into clean messages, not tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PekaError as exc:
            raise PekaClickError(exc) from exc
