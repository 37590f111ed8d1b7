"""``peka api serve``, ``peka api token`` and ``peka bench integration``."""

from __future__ import annotations

from pathlib import Path

import click

from assist.cli.common import PekaGroup, db_option, echo_json, get_config, say


def register(cli: click.Group) -> None:
    cli.add_command(api)
    cli.commands["bench"].add_command(bench_integration)  # type: ignore[attr-defined]


@click.group("api", cls=PekaGroup)
def api() -> None:
    """The local API on 127.0.0.1 that the browser extension talks to (docs/integration.md)."""


@api.command("serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Port (default: `api.port`; 0: any free port).",
)
@db_option()
def api_serve(port: int | None, db: Path | None) -> None:
    """Run the core and the local API without the window (scripts, tests, kiosks).

    The sidebar serves the same API itself; run this only where no sidebar runs."""
    from assist.api.server import ApiServer
    from assist.app.core import AgentCore
    from assist.app.settings import AppSettings

    cfg = get_config()
    settings = AppSettings.from_config(cfg, cache_path=db)
    core = AgentCore(settings)
    core.start_headless()
    server = ApiServer(
        core,
        port=cfg["api.port"] if port is None else port,
        allowed_origins=tuple(cfg["api.allowed_origins"]),
    )
    click.echo(say("cli.api.serving", url=server.url), err=True)
    try:
        server.serve_forever()
    finally:
        core.close()


@api.command("token")
@click.option("--rotate", is_flag=True, help="Make a new token; the old one stops working.")
def api_token_command(rotate: bool) -> None:
    """Print this user's API token (kept only in the OS keyring) for the extension.

    With --rotate a running sidebar or `peka api serve` refuses the old token at once."""
    from assist.api.probe import announce_rotation
    from assist.api.server import HOST
    from assist.api.token import api_token, rotate_token

    if not rotate:
        click.echo(api_token())
        return
    click.echo(rotate_token())
    port = int(get_config()["api.port"])
    outcome = announce_rotation(port)
    click.echo(say(f"cli.api.rotated.{outcome}", url=f"http://{HOST}:{port}"), err=True)


@click.command("integration")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the only output format).")
@click.option(
    "--rounds", type=click.IntRange(5, 1000), default=40, help="Timed requests per measure."
)
def bench_integration(as_json: bool, rounds: int) -> None:
    """Time the local API on a demo cache: new customer message and draft change to
    suggestions, through real HTTP on 127.0.0.1."""
    from assist.api.bench import run

    echo_json(run(rounds=rounds))
