"""`peka console`: the supervisor console, for whoever holds a supervisor's signing key."""

from __future__ import annotations

from pathlib import Path

import click

from assist.cli.common import get_config
from ui.console import errors as _errors  # noqa: F401  (registers E74x)

DEMO_CONSOLE_KEY = "demo-console"


def demo_context_paths() -> dict[str, Path]:
    """Demo files (cache, ledger, policy, keys, team DB with a few weeks of history)."""
    from assist.authority.keys import generate_signing_key, load_signing_key
    from assist.errors import PekaError
    from assist.reports.demo_history import cache_customer_ids, write_demo_history
    from ui.demo import ensure_demo

    files = ensure_demo()
    try:
        key = load_signing_key(DEMO_CONSOLE_KEY)
    except PekaError as exc:
        if exc.code != "E518":
            raise
        key = generate_signing_key(DEMO_CONSOLE_KEY)
    # The demo console's own public key is installed beside the demo policy's, so that
    # a policy signed in the demo console verifies in the demo sidebar.
    (files.keys_dir / f"{DEMO_CONSOLE_KEY}.pub").write_text(key.public.file_text(), "utf-8")
    team = files.folder / "team.sqlite"
    write_demo_history(team, cache_customer_ids(files.cache_path))
    return {
        "policy": files.policy_path,
        "keys": files.keys_dir,
        "ledger": files.ledger_path,
        "phrases": files.folder / "phrases.sqlite",
        "team": team,
        "outcomes": files.folder / "outcomes.sqlite",
    }


@click.command("console")
@click.option("--demo", is_flag=True, help="Open on demo data with a demo supervisor key.")
@click.option(
    "--key",
    "key_name",
    default=None,
    help="The name of your signing key (default: the installed key whose private half "
    "is in this computer's keyring).",
)
@click.option(
    "--language",
    type=click.Choice(["id", "en"]),
    default=None,
    help="Interface language: id or en (default: `ui.language`); Ctrl+L switches it.",
)
def console_command(demo: bool, key_name: str | None, language: str | None) -> None:
    """Open the supervisor console: policy, phrases, approval codes and reports.

    Opens only where a supervisor's signing key is in the OS keyring; agents use
    `peka gui`.
    """
    from assist.authority.keys import load_signing_key
    from ui.console.access import find_supervisor_key

    cfg = get_config()
    if demo:
        paths = demo_context_paths()
        key = load_signing_key(key_name or DEMO_CONSOLE_KEY)
    else:
        paths = {
            "policy": Path(cfg["policy.path"]),
            "keys": Path(cfg["policy.keys_dir"]),
            "ledger": Path(cfg["ledger.path"]),
            "phrases": Path(cfg["phrases.path"]),
            "team": Path(cfg["team.path"]),
            "outcomes": Path(cfg["outcomes.path"]),
        }
        key = find_supervisor_key(paths["keys"], key_name)

    from ui import i18n
    from ui.app import application
    from ui.console.context import ConsoleContext
    from ui.console.window import ConsoleWindow

    language = language or str(cfg["ui.language"])
    app = application()
    i18n.install(language)
    window = ConsoleWindow(
        ConsoleContext(
            key=key,
            policy_path=paths["policy"],
            keys_dir=paths["keys"],
            ledger_path=paths["ledger"],
            phrases_path=paths["phrases"],
            team_path=paths["team"],
            outcomes_path=paths["outcomes"],
            language=language,
            demo=demo,
        )
    )
    window.show()
    app.exec()


def register(cli: click.Group) -> None:
    cli.add_command(console_command)
