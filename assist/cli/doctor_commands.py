"""``peka doctor``: the self-test for IT and support."""

from __future__ import annotations

import sys

import click

from assist.cli.common import echo_json

MARKS = {"ok": " ok ", "warning": "warn", "failed": "FAIL", "skipped": "skip"}


def register(cli: click.Group) -> None:
    @cli.command("doctor")
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
    @click.option(
        "--check",
        "only",
        multiple=True,
        metavar="NAME",
        help="Run only this check (repeatable); names are listed in the report.",
    )
    def doctor(as_json: bool, only: tuple[str, ...]) -> None:
        """Check this workstation: config, policy and keys, keyring, cache, log, servers.

        Exit status: 0 all passed, 1 something failed, 3 only warnings, 2 bad options.
        """
        from assist.doctor import registered_checks, report, run_checks

        known = [c.name for c in registered_checks()]
        unknown = [name for name in only if name not in known]
        if unknown:
            raise click.BadParameter(
                f"no check {', '.join(unknown)}; checks: {', '.join(known)}",
                param_hint="--check",
            )
        outcomes = run_checks(only=only)
        result = report(outcomes)
        if as_json:
            echo_json(result)
        else:
            width = max(len(o.check.title) for o in outcomes)
            for outcome in outcomes:
                mark = MARKS[outcome.result.status.value]
                code = f"[{outcome.result.code}] " if outcome.result.code else ""
                title = outcome.check.title
                click.echo(f"[{mark}] {title:<{width}}  {code}{outcome.result.summary}")
                for line in outcome.result.details:
                    click.echo(f"       {'':<{width}}  {line}")
            click.echo(f"Peka {result['peka']}: {result['status']}")
        sys.exit(result["exit_code"])
