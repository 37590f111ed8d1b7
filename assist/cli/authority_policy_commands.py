"""``peka policy …``: write, check, sign, install and inspect the authority policy."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from assist.cli.common import PekaGroup, echo_json, get_config, say, ui_language

F = TypeVar("F", bound=Callable[..., Any])
LEDGER_HELP = (
    "The compensation ledger (default and, unless IT unlocked it, the only one: `ledger.path`)."
)


def ledger_option() -> Callable[[F], F]:
    return click.option(
        "--ledger",
        "ledger_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=LEDGER_HELP,
    )


def resolve_ledger(ledger_path: Path | None, *, read_only: bool = False) -> Path:
    """The ledger a command uses: ``--ledger`` only where IT unlocked ``ledger.path``.

    Commands that only read (``ledger list``/``export``, ``audit verify``/``show``) may
    inspect any ledger file, such as a copy an agent handed in: reading grants nothing.
    """
    cfg = get_config()
    if not read_only:
        cfg.check_option("ledger.path", ledger_path, "--ledger")
    return ledger_path or Path(cfg["ledger.path"])


def default_name() -> str:
    return str(get_config()["agent.id"])


def now() -> datetime:
    return datetime.now(UTC)


def _print_problems(problems: list[object], as_json: bool) -> None:
    from assist.authority.policy_file import Problem

    items = [p for p in problems if isinstance(p, Problem)]
    if as_json:
        echo_json({"ok": False, "problems": [p.to_dict() for p in items]})
    else:
        language = ui_language()
        for problem in items:
            click.echo(problem.format(language), err=True)
        count = "one" if len(items) == 1 else "other"
        click.echo(say(f"cli.policy.problems.{count}", count=len(items)), err=True)


def register(cli: click.Group) -> None:
    @cli.group("policy", cls=PekaGroup)
    def policy() -> None:
        """The authority policy: what each role and agent may grant."""

    @policy.command("init")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path), default="policy.toml")
    @click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
    def policy_init(file: Path, force: bool) -> None:
        """Write a commented example policy to FILE (default: policy.toml)."""
        from assist.authority import errors as E
        from assist.authority.policy_template import example_policy_text
        from assist.errors import PekaError

        if file.exists() and not force:
            raise PekaError(E.E507, f"{file} exists; choose another name or pass --force.")
        file.write_text(example_policy_text(date.today()), encoding="utf-8")
        click.echo(say("cli.policy.written", file=file))

    @policy.command("validate")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
    def policy_validate(file: Path, as_json: bool) -> None:
        """Check FILE and report every problem with its line and key (exit 1 if any)."""
        from assist.authority.policy_file import read_policy_file

        policy, problems = read_policy_file(file)
        if policy is None:
            _print_problems(list(problems), as_json)
            sys.exit(1)
        summary = {
            "ok": True,
            "version": policy.version,
            "expires": policy.expires_at.isoformat(),
            "roles": {name: sorted(role.rules) for name, role in policy.roles.items()},
            "agents": sorted(policy.agents),
            "custom_types": sorted(t for t in policy.types if t not in _builtin()),
        }
        if as_json:
            echo_json(summary)
            return
        from assist.formatting import format_day

        expires = format_day(policy.expires_at, ui_language(), length="long")
        click.echo(say("cli.policy.valid", file=file, version=policy.version, expires=expires))
        for name, role in policy.roles.items():
            rules = ", ".join(sorted(role.rules)) or say("cli.policy.nothing")
            click.echo(say("cli.policy.role", role=name, rules=rules))
        if policy.agents:
            click.echo(say("cli.policy.agents", agents=", ".join(sorted(policy.agents))))

    @policy.command("keygen")
    @click.option("--name", default=None, help="The supervisor's name (default: `agent.id`).")
    @click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        show_default=True,
        help="Folder for the public key file NAME.pub.",
    )
    def policy_keygen(name: str | None, out_dir: Path) -> None:
        """Create a supervisor's signing key in the OS keyring and write NAME.pub for IT."""
        from assist.authority.keys import generate_signing_key

        key = generate_signing_key(name or default_name())
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"{key.name}.pub"
        path.write_text(key.public.file_text(), encoding="utf-8")
        click.echo(say("cli.policy.key_stored", name=key.name))
        click.echo(say("cli.policy.key_written", key_id=key.public.key_id, path=path))
        click.echo(key.public.file_text().rstrip())

    @policy.command("sign")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Where to write the signed policy (default: FILE with .signed.json).",
    )
    @click.option("--name", default=None, help="Whose keyring key signs (default: `agent.id`).")
    @ledger_option()
    def policy_sign(
        file: Path, out: Path | None, name: str | None, ledger_path: Path | None
    ) -> None:
        """Validate FILE, then write it signed with your key from the OS keyring."""
        from assist.authority import audit
        from assist.authority.keys import load_signing_key
        from assist.authority.ledger import Ledger, record_event
        from assist.authority.policy_file import read_policy_file
        from assist.authority.signing import policy_hash, sign_policy

        policy, problems = read_policy_file(file)
        if policy is None:
            _print_problems(list(problems), False)
            sys.exit(1)
        key = load_signing_key(name or default_name())
        target = out or file.with_name(file.stem + ".signed.json")
        target.write_text(sign_policy(policy, key, now()), encoding="utf-8")
        record_event(
            Ledger(resolve_ledger(ledger_path)),
            audit.POLICY_SIGNED,
            {
                "version": policy.version,
                "policy_hash": policy_hash(policy),
                "signer": key.name,
                "key_id": key.public.key_id,
                "source": str(file),
                "out": str(target),
            },
            now(),
        )
        click.echo(
            say(
                "cli.policy.signed",
                version=policy.version,
                name=key.name,
                key_id=key.public.key_id,
                target=target,
            )
        )

    @policy.command("install")
    @click.argument("signed", type=click.Path(dir_okay=False, exists=True, path_type=Path))
    @click.option(
        "--key",
        "keys",
        multiple=True,
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="A supervisor's public key (.pub) to install too; repeatable.",
    )
    @click.option(
        "--machine-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Install into DIR/policy.signed.json and DIR/keys/ instead of the configured "
        "`policy.path` and `policy.keys_dir`.",
    )
    @ledger_option()
    def policy_install(
        signed: Path, keys: tuple[Path, ...], machine_dir: Path | None, ledger_path: Path | None
    ) -> None:
        """Verify SIGNED and install it (refuses bad signatures and older versions)."""
        from assist.authority.install import install_policy
        from assist.authority.ledger import Ledger

        cfg = get_config()
        policy_path = machine_dir / "policy.signed.json" if machine_dir else cfg["policy.path"]
        keys_dir = machine_dir / "keys" if machine_dir else cfg["policy.keys_dir"]
        done = install_policy(
            signed,
            policy_path=Path(policy_path),
            keys_dir=Path(keys_dir),
            public_keys=list(keys),
            ledger=Ledger(resolve_ledger(ledger_path)),
            now=now(),
        )
        before = (
            say("cli.policy.replacing", version=done.replaced_version)
            if done.replaced_version
            else ""
        )
        click.echo(
            say(
                "cli.policy.installed",
                version=done.signed.policy.version,
                signer=done.signed.signer,
                replacing=before,
                path=done.policy_path,
            )
        )
        for path in done.keys_added:
            click.echo(say("cli.policy.key_installed", path=path))

    @policy.command("status")
    @click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
    @ledger_option()
    def policy_status(as_json: bool, ledger_path: Path | None) -> None:
        """Say whether a valid signed policy is in force and, if not, exactly why (exit 1)."""
        from assist.authority.service import AuthorityService

        service = AuthorityService.from_config(get_config(), ledger_path=ledger_path)
        status = service.status()
        if as_json:
            echo_json(status.to_dict())
        elif status.valid and status.version is not None and status.expires_at is not None:
            from assist.formatting import format_day

            expires = format_day(status.expires_at, ui_language(), length="long")
            click.echo(
                say(
                    "cli.policy.in_force",
                    version=status.version,
                    signer=status.signed_by or "?",
                    expires=expires,
                    role=status.role or "?",
                )
            )
        elif status.valid:
            click.echo(status.reason)
        else:
            click.echo(say("cli.policy.none_valid", code=status.code, reason=status.reason))
            click.echo(say("cli.policy.nothing_allowed"))
        if not status.valid:
            sys.exit(1)


def _builtin() -> set[str]:
    from assist.authority.policy import BUILTIN_TYPES

    return set(BUILTIN_TYPES)
