"""`peka sync run|status|reset|secret`: keeping the cache fresh from IT's sources."""

from __future__ import annotations

from pathlib import Path

import click

from assist.cli.common import PekaGroup, db_option, echo_json, get_config, resolve_db
from assist.errors import PekaError


def _sources_file() -> Path:
    value = get_config()["sync.sources_file"]
    assert isinstance(value, Path)
    return value


@click.group("sync", cls=PekaGroup)
def sync_group() -> None:
    """Keep the customer cache fresh from IT's sources (docs/sync.md)."""


@sync_group.command("run")
@click.argument("source", required=False)
@db_option()
@click.option("--json", "as_json", is_flag=True, help="Print each source's result as JSON.")
def run_command(source: str | None, db: Path | None, as_json: bool) -> None:
    """Sync every enabled source now, or only SOURCE. Exits 1 when a source failed."""
    from assist.sync.errors import E253
    from assist.sync.service import run_sync
    from assist.sync.sources import load_sources

    config = load_sources(_sources_file())
    if not config.sources:
        click.echo(f"No sync sources are configured ({config.file}); see docs/sync.md.")
        return
    results = run_sync(resolve_db(db), config, source)
    if as_json:
        echo_json([r.to_json() for r in results])
    else:
        for r in results:
            if r.ok:
                extra = f", {r.quarantined} quarantined" if r.quarantined else ""
                click.echo(
                    f"{r.source}: {r.rows} rows in {r.batches} batches — {r.upserted} new or "
                    f"changed, {r.unchanged} unchanged, {r.deleted} deleted, {r.merged} merged"
                    f"{extra} ({r.seconds:.2f} s)"
                )
            else:
                click.echo(f"{r.source}: FAILED {r.error}", err=True)
    failed = [r for r in results if not r.ok]
    if failed:
        codes = {r.error_code for r in failed}
        code = codes.pop() if len(codes) == 1 else E253
        raise PekaError(
            code or E253,
            f"{len(failed)} of {len(results)} source(s) failed: "
            + ", ".join(r.source for r in failed)
            + ". The cache keeps what the earlier batches brought; see `peka sync status`.",
        )


@sync_group.command("status")
@db_option()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status_command(db: Path | None, as_json: bool) -> None:
    """Each source's last success, last error (naming source, row and field) and cursor."""
    from assist.cache.store import Cache
    from assist.sync.runner import quarantined
    from assist.sync.service import status_report

    path = resolve_db(db)
    report = status_report(path, _sources_file())
    rows = report.to_json()
    if path.exists():
        with Cache.open(path) as cache:
            for row in rows:
                if row.get("quarantined"):
                    row["quarantined_rows"] = quarantined(cache, str(row["name"]), limit=20)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo(f"No sync sources are configured ({_sources_file()}); see docs/sync.md.")
        return
    for row in rows:
        name = row["name"]
        if row.get("ok") is None:
            click.echo(f"{name}: never synced")
            continue
        success = row.get("last_success_at") or "never"
        state = "ok" if row["ok"] else "FAILED"
        where = "" if row["configured"] else " (no longer configured)"
        click.echo(
            f"{name} ({row.get('kind')}){where}: {state}; last success {success}; "
            f"{row.get('total_rows', 0)} rows so far"
        )
        if row.get("last_error"):
            click.echo(f"  last error: {row['last_error']}")
        listed = row.get("quarantined_rows") or []
        assert isinstance(listed, list)
        for item in listed:
            click.echo(
                f"  quarantined: {item['entity']} {item['row']}, field '{item['field']}': "
                f"[{item['code']}] {item['message']}"
            )


@sync_group.command("reset")
@click.argument("source")
@db_option()
def reset_command(source: str, db: Path | None) -> None:
    """Forget SOURCE's cursor, taken files and quarantine: the next run reads it all again."""
    from assist.cache.store import Cache
    from assist.sync.runner import reset_source, sync_lock
    from assist.sync.sources import load_sources

    config = load_sources(_sources_file())
    path = resolve_db(db)
    if source not in config.sources and not path.exists():
        config.get(source)  # raises E251 naming the configured sources
    with sync_lock(path), Cache.open(path) as cache:
        known = reset_source(cache, source)
    if not known and source not in config.sources:
        config.get(source)
    click.echo(
        f"{source}: cursor, taken files and quarantine forgotten; the next `peka sync run` "
        "reads everything again (unchanged rows stay unchanged)."
    )


@sync_group.command("secret")
@click.argument("source")
@click.option(
    "--value",
    prompt="Password or token",
    hide_input=True,
    help="The secret (asked for without echo when not given).",
)
def secret_command(source: str, value: str) -> None:
    """Store SOURCE's password or token in the OS keyring (never in a file)."""
    from assist.sync.sources import load_sources, store_secret

    load_sources(_sources_file()).get(source)
    store_secret(source, value)
    click.echo(f"{source}: secret stored in the OS keyring (service 'Peka sync').")


@sync_group.command("team-schema")
@click.option(
    "--dsn",
    "admin_dsn",
    default=None,
    help="An administrator's DSN of the team server: create the tables there and let the "
    "team's agents read them (instead of printing the SQL).",
)
def team_schema_command(admin_dsn: str | None) -> None:
    """Print (or, with --dsn, apply) the team server's customer_data tables (docs/sync.md)."""
    from assist.sync.team import TEAM_SCHEMA, apply_team_schema

    if admin_dsn is None:
        click.echo(TEAM_SCHEMA, nl=False)
        return
    agent, supervisor = apply_team_schema(admin_dsn)
    click.echo(
        f"customer_data is ready; {agent} and {supervisor} may read it. Load the customers "
        "into its tables (docs/sync.md#team-server)."
    )


def register(cli: click.Group) -> None:
    cli.add_command(sync_group)
