"""Builds the ``peka`` command group from the core's command modules."""

from __future__ import annotations

import importlib
import json

import click

from assist import __version__
from assist import config as config_mod
from assist.cli.common import PekaGroup, echo_json, get_config
from assist.errors import catalogue

# Each module defines ``register(cli: click.Group) -> None``. Order is the help order.
COMMAND_MODULES: tuple[str, ...] = (
    "assist.cli.cache_commands",
    "assist.cli.nlp_commands",
    "assist.cli.report_commands",
    "assist.cli.suggest_commands",
    "assist.cli.authority_policy_commands",
    "assist.cli.authority_grant_commands",
    "assist.cli.sync_commands",
    "assist.cli.doctor_commands",
    "assist.cli.config_commands",
    "assist.cli.api_commands",  # issue 12: local API
)


@click.group(cls=PekaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="peka")
def cli() -> None:
    """Peka: empathy suggestions, customer context and compensation for service agents.

    Run a command with --help for its options. Documentation: docs/ in the project.
    """


@cli.group(cls=PekaGroup)
def config() -> None:
    """Show the effective configuration and where each value comes from."""


@config.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def config_show(as_json: bool) -> None:
    """Print every configuration key, its effective value and its source."""
    cfg = get_config()
    rows = [
        {"key": s.key, "value": s.value, "source": s.source, "locked": cfg.is_locked(s.key)}
        for s in sorted(cfg.settings.values(), key=lambda s: s.key)
    ]
    if as_json:
        echo_json(rows)
        return
    width = max(len(r["key"]) for r in rows)
    for row in rows:
        value = json.dumps(row["value"], ensure_ascii=False, default=str)
        # A locked key's source says so once (the machine file's own source already does).
        lock = ", locked" if row["locked"] and "(locked)" not in row["source"] else ""
        click.echo(f"{row['key']:<{width}}  {value}  ({row['source']}{lock})")


@config.command("paths")
def config_paths() -> None:
    """Print the machine-wide and per-user config files Peka reads."""
    from assist import logs, paths

    click.echo(f"machine-wide: {paths.machine_config_file()}")
    click.echo(f"per-user:     {paths.user_config_file()}")
    click.echo(f"user data:    {paths.user_data_dir()}")
    click.echo(f"log file:     {logs.log_file()}")


_ERROR_MODULES: tuple[str, ...] = (
    "assist.cache.errors",
    "assist.nlp.errors",
    "assist.suggest.errors",
    "assist.authority.errors",
    "assist.outcomes.errors",
    "assist.reports.errors",
    "assist.sync.errors",
    "assist.team.errors",
    "assist.app.errors",  # issue 12
    "assist.api.errors",  # issue 12
)

# Where each range is explained (docs/errors.md holds the E1xx codes).
_ERROR_DOCS: dict[str, str] = {
    "E1": "docs/errors.md",
    "E2": "docs/cache.md",
    "E3": "docs/nlp.md",
    "E4": "docs/suggest.md and docs/phrase-format.md",
    "E5": "docs/authority.md",
    "E6": "docs/sidebar.md",
    "E7": "docs/reports.md and docs/console.md",
    "E25": "docs/sync.md",
    "E26": "docs/sync.md",
    "E8": "docs/team.md",
    "E9": "docs/integration.md",
}


def _doc_for(code: str) -> str:
    return _ERROR_DOCS.get(code[:3], _ERROR_DOCS.get(code[:2], "docs/errors.md"))


@cli.command("errors")
@click.argument("code", required=False)
def errors_command(code: str | None) -> None:
    """List Peka's error codes, or explain one (for example: peka errors E201)."""
    load_all_commands()
    # Command modules import some areas' error modules lazily (e.g. the language
    # engine's), so load every area's codes explicitly for a complete list.
    for area in _ERROR_MODULES:
        importlib.import_module(area)
    entries = dict(catalogue())
    if code:
        title = entries.get(code.upper())
        if title is None:
            raise click.BadParameter(f"no error code {code!r}; run 'peka errors' for the list")
        click.echo(f"{code.upper()}: {title}. See {_doc_for(code.upper())}.")
        return
    for key in sorted(entries):
        click.echo(f"{key}  {entries[key]}")


@cli.group(cls=PekaGroup)
def bench() -> None:
    """Benchmarks that print JSON (numbers are recorded in docs/performance.md)."""


_loaded = False


def load_all_commands(group: click.Group = cli) -> click.Group:
    """Import every command module once and let it register its commands."""
    global _loaded
    if not _loaded:
        _loaded = True
        for name in COMMAND_MODULES:
            module = importlib.import_module(name)
            module.register(group)
    return group


def build_cli() -> click.Group:
    return load_all_commands(cli)


__all__ = ["bench", "build_cli", "cli", "config_mod"]
