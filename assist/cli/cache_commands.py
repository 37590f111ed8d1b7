"""Commands for the customer cache: import, demo-data, customer, cache info/purge, bench."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from assist.cache.errors import E229, E230
from assist.cache.formats import ENTITY_ORDER
from assist.cache.models import CustomerRecord, SearchHit
from assist.cache.store import Cache
from assist.cli.common import PekaGroup, db_option, echo_json, get_config, resolve_db
from assist.errors import PekaError
from assist.money import format_money


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@db_option()
@click.option(
    "--report", is_flag=True, help="List every bad row of every file, not just the first."
)
@click.option(
    "--entity",
    type=click.Choice(ENTITY_ORDER),
    default=None,
    help="What the files hold (default: recognised from the column names).",
)
def import_command(
    files: tuple[Path, ...], db: Path | None, report: bool, entity: str | None
) -> None:
    """Import helpdesk exports (CSV, JSON array or JSON Lines) into the cache.

    Each file is imported whole or not at all; customers are imported before the
    records that refer to them. See docs/import-formats.md for the columns.
    """
    from assist.cache.importer import import_files

    with Cache.open(resolve_db(db)) as cache:
        result = import_files(cache, list(files), report=report, entity=entity)
    for item in result.files:
        if item.imported:
            click.echo(
                f"{item.path}: {item.rows} {item.entity} rows — {item.inserted} new, "
                f"{item.updated} updated, {item.unchanged} unchanged"
            )
        else:
            click.echo(f"{item.path}: NOT imported ({len(item.errors)} problems)")
    errors = result.errors
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        rejected = sum(1 for r in result.files if not r.imported)
        raise PekaError(
            E229,
            f"{rejected} file(s) rejected with {len(errors)} problem(s), listed above; the cache "
            "is unchanged by those files. Fix the rows and import them again.",
        )
    click.echo(f"{result.rows} rows in {result.seconds:.2f} s")


@click.command("demo-data")
@click.option("--customers", type=click.IntRange(1, 1_000_000), default=2000, show_default=True)
@db_option()
@click.option("--seed", type=int, default=7, show_default=True, help="Same seed, same data.")
@click.option("--replace", is_flag=True, help="Replace an existing cache file at the path.")
@click.option(
    "--history/--no-history",
    default=True,
    show_default=True,
    help="Also write four weeks of ledger history and outcomes for six demo agents "
    "into the team database, so that reports are full on a fresh install.",
)
@click.option(
    "--team",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The team database for --history (default: the configured `team.path`).",
)
def demo_data_command(
    customers: int, db: Path | None, seed: int, replace: bool, history: bool, team: Path | None
) -> None:
    """Create a cache of realistic, made-up Indonesian customers for demos and tests."""
    from assist.cache.demo import SHOWCASE, generate_demo_cache

    path = resolve_db(db)
    if path.exists() and not replace:
        raise PekaError(
            E230, f"{path} already exists. Pass --replace to overwrite it, or choose --db."
        )
    stats = generate_demo_cache(path, customers=customers, seed=seed)
    click.echo(
        f"{path}: {stats.customers} customers, {stats.transactions} transactions, "
        f"{stats.interactions} interactions, {stats.preferences} preferences "
        f"in {stats.seconds:.1f} s"
    )
    if history:
        from assist.reports.demo_history import cache_customer_ids, write_demo_history

        team_path = resolve_db(team, "team.path")
        written = write_demo_history(team_path, cache_customer_ids(path), seed=seed)
        if written is None:
            click.echo(f"{team_path}: already holds a demo history; left as it is")
        else:
            click.echo(f"{team_path}: demo ledger history and outcomes for 6 agents, 28 days")
    shown = ", ".join(f"{s.id} ({s.full_name})" for s in SHOWCASE[: min(3, customers)])
    click.echo(f"Try: peka customer C000001 --db {path}   (showcases: {shown}, …)")


def pretty_phone(phone: str | None) -> str:
    """``+6281234567890`` → ``+62 812-3456-7890``, as people read numbers out."""
    if not phone or not phone.startswith("+62") or len(phone) < 10:
        return phone or "-"
    rest = phone[3:]
    return f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}"


def _hit_line(hit: SearchHit) -> str:
    contact = pretty_phone(hit.phone) if hit.phone else hit.email or ""
    return f"  {hit.customer_id}  {hit.full_name}  {contact}  [{hit.matched}: {hit.matched_value}]"


def _card(record: CustomerRecord, transactions: int) -> list[str]:
    c = record.customer
    language = {"id": "Bahasa Indonesia", "en": "English"}.get(c.language, c.language)
    since = c.customer_since.isoformat() if c.customer_since else "unknown"
    lines = [
        f"{c.full_name}  ({c.id})",
        f"  Address as: {c.address_as}    Tier: {c.tier}    Since: {since}    Language: {language}",
        f"  Phone: {pretty_phone(c.phone)}    E-mail: {c.email or '-'}",
    ]
    if record.preferences:
        prefs = "; ".join(f"{k}: {v}" for k, v in record.preferences.items())
        lines.append(f"  Preferences: {prefs}")
    if c.notes:
        lines.append(f"  Notes: {c.notes}")
    lines.append("")
    lines.append("Latest transactions (! = problem):")
    if not record.transactions:
        lines.append("  none")
    for t in record.transactions[:transactions]:
        mark = "!" if t.is_problem else " "
        local = t.created_at.astimezone().strftime("%Y-%m-%d")
        money = format_money(t.amount_minor, t.currency)
        lines.append(
            f" {mark} {local}  {t.kind:<13} {t.status:<11} {money:>15}"
            f"  {t.reference or '-'}  {t.description}"
        )
    lines.append("")
    lines.append("Recent interactions:")
    if not record.interactions:
        lines.append("  none")
    for i in record.interactions:
        local = i.occurred_at.astimezone().strftime("%Y-%m-%d")
        csat = f"CSAT {i.csat}" if i.csat is not None else "no CSAT"
        lines.append(
            f"  {local}  {i.channel:<8} {i.outcome:<10} {i.sentiment or '-':<8} {csat}  {i.summary}"
        )
    return lines


@click.command("customer")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--transactions", type=click.IntRange(1, 500), default=10, show_default=True)
@db_option()
def customer_command(query: str, as_json: bool, transactions: int, db: Path | None) -> None:
    """Find a customer by name, phone, e-mail, id or order number and show their card."""
    with Cache.open(resolve_db(db), readonly=True) as cache:
        hits = cache.search(query, limit=10)
        record = (
            cache.open_customer(hits[0].customer_id, transactions=transactions) if hits else None
        )
    others = hits[1:6]
    if as_json:
        echo_json(
            {
                "query": query,
                "customer": asdict(record) if record else None,
                "other_matches": [asdict(h) for h in others],
            }
        )
        return
    if record is None:
        click.echo(f"No customer matches {query!r}. Try part of the name, phone or order number.")
        raise SystemExit(1)
    for line in _card(record, transactions):
        click.echo(line)
    if others:
        click.echo("")
        click.echo("Other matches:")
        for hit in others:
            click.echo(_hit_line(hit))


@click.group("cache", cls=PekaGroup)
def cache_group() -> None:
    """Look after the customer cache: information and retention."""


@cache_group.command("info")
@db_option()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def cache_info(db: Path | None, as_json: bool) -> None:
    """Counts, schema version, last import and file size of the cache."""
    path = resolve_db(db)
    # Read-only: information never creates a cache (an older one is still upgraded once).
    with Cache.open(path, readonly=True) as cache:
        stats = cache.stats()
    data = asdict(stats)
    if as_json:
        echo_json(data)
        return
    for key, value in data.items():
        shown = value.isoformat() if hasattr(value, "isoformat") else value
        if key == "size_bytes":
            shown = f"{value / 1_048_576:.1f} MiB ({value} bytes)"
        click.echo(f"{key:<15} {shown if shown is not None else 'never'}")


@cache_group.command("set-aside")
@db_option()
def cache_set_aside(db: Path | None) -> None:
    """Move a damaged cache out of the way (kept beside it) so a sync or import rebuilds it."""
    from assist.cache.repair import set_aside

    path = resolve_db(db)
    target = set_aside(path)
    click.echo(
        f"Moved the damaged cache {path} to {target}. Rebuild the cache with "
        "`peka sync run` or `peka import`; send the moved file to IT if they ask for it."
    )


@cache_group.command("purge")
@click.option(
    "--older-than",
    "days",
    type=int,
    default=None,
    help="Delete transactions and interactions older than this many days "
    "(default: the configured `cache.retention_days`).",
)
@click.option("--vacuum", is_flag=True, help="Give the freed space back to the disk afterwards.")
@db_option()
def cache_purge(days: int | None, vacuum: bool, db: Path | None) -> None:
    """Delete old transactions and interactions (and customers with nothing left)."""
    from assist.cache.purge import purge

    if days is None:
        days = int(get_config()["cache.retention_days"])
    with Cache.open(resolve_db(db)) as cache:
        result = purge(cache, days, vacuum=vacuum)
    click.echo(
        f"Deleted {result.transactions} transactions, {result.interactions} interactions, "
        f"{result.customers} customers and {result.preferences} preferences older than "
        f"{result.cutoff:%Y-%m-%d %H:%M} UTC."
    )


@click.command("cache")
@db_option()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the only format).")
@click.option("--generate", is_flag=True, help="Create a demo cache at PATH first if missing.")
@click.option("--customers", type=click.IntRange(1, 1_000_000), default=100_000, show_default=True)
@click.option("--samples", type=click.IntRange(10, 100_000), default=400, show_default=True)
@click.option(
    "--import-rows", type=click.IntRange(0, 10_000_000), default=200_000, show_default=True
)
def bench_cache(
    db: Path | None,
    as_json: bool,
    generate: bool,
    customers: int,
    samples: int,
    import_rows: int,
) -> None:
    """Measure opening a customer, searching, importing (and generating) the cache."""
    from assist.cache.bench import run_bench

    echo_json(
        run_bench(
            resolve_db(db),
            generate=generate,
            customers=customers,
            samples=samples,
            import_rows=import_rows,
        )
    )


def register(cli: click.Group) -> None:
    cli.add_command(import_command)
    cli.add_command(demo_data_command)
    cli.add_command(customer_command)
    cli.add_command(cache_group)
    bench = cli.commands["bench"]
    assert isinstance(bench, click.Group)
    bench.add_command(bench_cache)
