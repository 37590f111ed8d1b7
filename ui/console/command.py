"""`peka console`: the supervisor console, for whoever holds a supervisor's signing key."""

from __future__ import annotations

from pathlib import Path

import click

from assist.authority.keys import SigningKey
from assist.cli.common import get_config
from ui.console import errors as _errors  # noqa: F401  (registers E74x)

DEMO_CONSOLE_KEY = "demo-console"


def demo_console_key() -> SigningKey:
    """A fresh demo supervisor key, held in memory only.

    The demo must work where no desktop keyring does (a fresh VM, a CI runner, a server
    over SSH), and a demo key is worth nothing to keep: it is never put in the keyring
    and its private half is never written anywhere. It is gone when the console closes.
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return SigningKey(DEMO_CONSOLE_KEY, Ed25519PrivateKey.generate())


def _install_demo_public_key(keys_dir: Path, policy_path: Path, key: SigningKey) -> None:
    """Put the demo key's public half beside the demo policy's, so a policy signed in the
    demo console verifies in the demo sidebar; keep only the earlier demo-console key
    that signed the policy in force (older ones can sign nothing any more)."""
    import json

    from assist.authority.keys import read_public_key
    from assist.errors import PekaError

    try:
        signer = json.loads(policy_path.read_text(encoding="utf-8"))["signed"]["key_id"]
    except (OSError, ValueError, KeyError, TypeError):
        signer = None
    for old in keys_dir.glob(f"{DEMO_CONSOLE_KEY}*.pub"):
        try:
            keep = read_public_key(old).key_id == signer
        except PekaError:
            keep = False
        if not keep:
            old.unlink()
    target = keys_dir / f"{DEMO_CONSOLE_KEY}-{key.public.key_id}.pub"
    target.write_text(key.public.file_text(), "utf-8")


def demo_context_paths(key: SigningKey) -> dict[str, Path]:
    """Demo files (cache, ledger, policy, keys, team DB with a few weeks of history)."""
    from assist.reports.demo_history import cache_customer_ids, write_demo_history
    from ui.demo import ensure_demo

    files = ensure_demo()
    _install_demo_public_key(files.keys_dir, files.policy_path, key)
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
@click.option(
    "--demo",
    is_flag=True,
    help="Open on demo data with a demo supervisor key held in memory only "
    "(no keyring needed; --key signs with your keyring key instead).",
)
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
        key = load_signing_key(key_name) if key_name else demo_console_key()
        paths = demo_context_paths(key)
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
