"""The sidebar's commands: ``peka gui``, ``peka bench ui`` and ``peka screenshot``.

PySide6 is imported inside the command functions, so the rest of ``peka`` starts without
loading Qt.
"""

from __future__ import annotations

from pathlib import Path

import click

from assist.cli.common import db_option, echo_json, get_config

# Importing the codes registers them with the catalogue (``peka errors`` lists them).
from ui import errors as _errors  # noqa: F401


def _settings(demo: bool, db: Path | None, **overrides: object):  # type: ignore[no-untyped-def]
    from assist.app.settings import AppSettings

    cfg = get_config()
    if demo:
        from ui.demo import demo_settings, ensure_demo

        files = ensure_demo()
        if files.created_cache:
            click.echo(f"Created demo data in {files.folder}", err=True)
        return demo_settings(files, cache_path=db or files.cache_path, **overrides)
    return AppSettings.from_config(cfg, cache_path=db, **overrides)


@click.command("gui")
@click.option(
    "--demo",
    is_flag=True,
    help="Use demo data: on first run create a demo cache (2,000 customers), ledger and "
    "signed policy under the user data folder.",
)
@db_option()
@click.option(
    "--language",
    type=click.Choice(["id", "en"]),
    default=None,
    help="Interface language for this run (default: `ui.language`).",
)
@click.option(
    "--theme",
    type=click.Choice(["system", "light", "dark"]),
    default=None,
    help="Colour theme for this run (default: `ui.theme`).",
)
def gui_command(demo: bool, db: Path | None, language: str | None, theme: str | None) -> None:
    """Start the sidebar beside the helpdesk."""
    raise SystemExit(start_sidebar(demo, db, language, theme))


def start_sidebar(demo: bool, db: Path | None, language: str | None, theme: str | None) -> int:
    """Load the settings and run the sidebar until it is closed; returns the exit status."""
    from ui.app import run

    return run(_settings(demo, db, language=language, theme=theme))


@click.command("open")
@click.argument("url", required=False)
@click.option("--customer", default="", help="The customer's id in the cache.")
@click.option("--phone", default="", help="The customer's phone number (any format).")
@click.option("--email", default="", help="The customer's e-mail address.")
@click.option("--order", default="", help="An order reference of the customer's.")
@click.option("--message", default="", help="The customer's latest message, to analyse.")
@click.option(
    "--channel", type=click.Choice(["chat", "email", "phone"]), default=None, help="The channel."
)
@click.option("--helpdesk", default="", help="The helpdesk's name (with --conversation).")
@click.option("--conversation", default="", help="The helpdesk's conversation id.")
@click.option("--demo", is_flag=True, help="Start the sidebar on demo data if none runs.")
@db_option()
def open_command(
    url: str | None,
    customer: str,
    phone: str,
    email: str,
    order: str,
    message: str,
    channel: str | None,
    helpdesk: str,
    conversation: str,
    demo: bool,
    db: Path | None,
) -> None:
    """Open a customer in the running sidebar (starting it if none runs).

    Name one customer with --customer, --phone, --email or --order, or pass a
    peka://open?… link (what the installers register for helpdesk links and CTI pops)."""
    from assist.app.errors import E920
    from assist.app.open_request import context_request, open_context, parse_open_url
    from assist.cli.common import PekaClickError
    from assist.errors import PekaError
    from ui.app import run

    try:
        if url:
            if any((customer, phone, email, order, message, channel, helpdesk, conversation)):
                raise PekaError(E920, "Give either a peka:// link or options, not both.")
            ctx = parse_open_url(url)
        else:
            ctx = open_context(
                customer=customer,
                phone=phone,
                email=email,
                order=order,
                message=message,
                channel=channel or "",
                helpdesk=helpdesk,
                conversation=conversation,
            )
    except PekaError as exc:
        raise PekaClickError(exc) from exc
    settings = _settings(demo, db)
    raise SystemExit(run(settings, {"action": "open", "context": context_request(ctx)}))


@click.command("ui")
@click.option("--json", "as_json", is_flag=True, help="Print the measurements as JSON.")
@click.option("--customers", default=2000, show_default=True, help="Size of the demo cache.")
@click.option("--chars", default=300, show_default=True, help="Length of the typed reply.")
def bench_ui_command(as_json: bool, customers: int, chars: int) -> None:
    """Run the real window offscreen on a demo cache and time it (first paint, typing)."""
    from ui.bench import run_bench

    result = run_bench(customers=customers, chars=chars)
    if as_json:
        echo_json(result)
        return
    for key, value in result.items():
        click.echo(f"{key:>22}: {value}")


@click.command("screenshot")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("docs/screenshots/sidebar.png"),
    show_default=True,
    help="Where to write the PNG.",
)
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True)
@click.option("--language", type=click.Choice(["id", "en"]), default="id", show_default=True)
@click.option("--width", default=460, show_default=True, help="Window width in pixels.")
@click.option("--height", default=1180, show_default=True, help="Window height in pixels.")
@click.option(
    "--columns",
    type=click.IntRange(1, 2),
    default=2,
    show_default=True,
    help="2: the window scrolled to the top and to the bottom, side by side; 1: the top only.",
)
@click.option(
    "--set",
    "set_folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Grab the README's set from the real windows on the X server into this folder: the "
    "sidebar at 320x700, 400x1000 and 420x1080 and the console, in id and en.",
)
def screenshot_command(
    out: Path,
    theme: str,
    language: str,
    width: int,
    height: int,
    columns: int,
    set_folder: Path | None,
) -> None:
    """Render the sidebar offscreen with a demo customer and save a PNG (for the docs)."""
    from ui.screenshot import take_screenshot, take_set

    if set_folder is not None:
        for written in take_set(set_folder, theme=theme):
            click.echo(str(written))
        return
    path = take_screenshot(
        out, theme=theme, language=language, width=width, height=height, columns=columns
    )
    click.echo(str(path))


def register(cli: click.Group) -> None:
    cli.add_command(gui_command)
    cli.add_command(screenshot_command)
    cli.add_command(open_command)
    bench = cli.commands.get("bench")
    if isinstance(bench, click.Group):
        bench.add_command(bench_ui_command)
