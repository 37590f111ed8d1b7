"""`peka export`, `peka team …` and `peka outcome …`: outcomes and team data, Qt-free.

`peka report` draws charts and so lives in ``ui/report_commands.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import click

from assist.cli.common import PekaGroup, db_option, echo_json, get_config, resolve_db
from assist.errors import PekaError
from assist.money import format_money
from assist.outcomes.errors import E703
from assist.outcomes.models import ConversationOutcome
from assist.outcomes.store import OutcomeStore
from assist.reports.bundle import read_export, write_export
from assist.reports.errors import E710
from assist.reports.report import agent_names, load_local, parse_day
from assist.reports.team import TeamStore

UNDERSTOOD = {"yes": True, "y": True, "ya": True, "no": False, "n": False, "tidak": False}


def _outcome_store(db: Path | None) -> OutcomeStore:
    cfg = get_config()
    return OutcomeStore(
        resolve_db(db, "outcomes.path"), store_messages=bool(cfg["outcomes.store_messages"])
    )


def _outcome_line(o: ConversationOutcome) -> str:
    when = o.ended_at.astimezone().strftime("%Y-%m-%d %H:%M")
    survey = f"CSAT {o.csat}" if o.csat is not None else "no CSAT"
    if o.understood is not None:
        survey += ", felt understood" if o.understood else ", did not feel understood"
    granted = ", ".join(
        f"{g.type} {g.amount_minor} days"
        if g.unit == "days"
        else f"{g.type} {format_money(g.amount_minor, g.currency)}"
        for g in o.compensation
    )
    return (
        f"{o.conversation_id}  {when}  {o.agent_id}  {o.channel}  {o.outcome}  "
        f"{o.emotion or '-'}  {survey}" + (f"  [{granted}]" if granted else "")
    )


def bench_reports(agents: int, days: int) -> dict[str, object]:
    """Time the demo history through export, team import (twice) and the figures."""
    import tempfile
    import time as clock
    from datetime import timedelta

    from assist.reports.demo_history import generate_demo_history
    from assist.reports.figures import Period, compute

    started = clock.perf_counter()
    data = generate_demo_history(agents=agents, days=days)
    generated = clock.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        exports = []
        for agent in data.agents():
            path = Path(folder) / f"{agent}.jsonl"
            write_export(path, agent, data)
            exports.append(path)
        exported = clock.perf_counter()
        with TeamStore(Path(folder) / "team.sqlite") as team:
            team.import_bundles([read_export(p) for p in exports])
            imported = clock.perf_counter()
            team.import_bundles([read_export(p) for p in exports])
            reimported = clock.perf_counter()
            merged = team.dataset()
        loaded = clock.perf_counter()
        last = max(o.ended_at for o in merged.outcomes).astimezone(merged.tz).date()
        period = Period(last - timedelta(days=days - 1), last + timedelta(days=1), merged.tz)
        compute(merged, period)
        computed = clock.perf_counter()
    return {
        "agents": agents,
        "days": days,
        "grants": len(data.grants),
        "outcomes": len(data.outcomes),
        "generate_s": round(generated - started, 3),
        "export_s": round(exported - generated, 3),
        "team_import_s": round(imported - exported, 3),
        "team_reimport_s": round(reimported - imported, 3),
        "team_load_s": round(loaded - reimported, 3),
        "figures_s": round(computed - loaded, 3),
    }


def register(cli: click.Group) -> None:
    @cli.commands["bench"].command("reports")  # type: ignore[attr-defined,untyped-decorator]
    @click.option("--agents", default=6, show_default=True, help="Demo agents.")
    @click.option("--days", default=28, show_default=True, help="Days of demo history.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (the only format).")
    def bench_reports_command(agents: int, days: int, as_json: bool) -> None:
        """Time exports, team imports and report figures on demo history (JSON)."""
        echo_json(bench_reports(agents, days))

    @cli.command("export")
    @click.option(
        "--out",
        "out",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="The export file to write (JSON Lines).",
    )
    @click.option("--since", default=None, help="Only records from this day (2026-11-01, 4w).")
    def export_command(out: Path, since: str | None) -> None:
        """Export this agent's grants, approvals and outcomes for the supervisor.

        The supervisor merges exports with `peka team import`. Customer messages are
        never exported.
        """
        cfg = get_config()
        agent = str(cfg["agent.id"])
        data, policy = load_local(cfg)
        data = data.named(agent_names(policy))  # the header carries the agent's name
        if since:
            first = parse_day(since, "--since", datetime.now(UTC).astimezone(data.tz).date())
            data = data.between(datetime.combine(first, time(0), data.tz), None)
        bundle = write_export(out, agent, data)
        counts = bundle.counts()
        click.echo(
            f"Exported {counts['grant']} grants, {counts['approval']} approval requests and "
            f"{counts['outcome']} outcomes of {agent} to {out} (export {bundle.export_id})."
        )

    @cli.group("team", cls=PekaGroup)
    def team() -> None:
        """Team mode on PostgreSQL (IT: init, enrol; supervisors: publish-policy, approvals,
        decide; agents: join, grant, request, replay) and, for standalone sites, the
        supervisor's database of agents' exports (import, show). See docs/team.md."""

    @team.command("import")
    @click.argument(
        "files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
    )
    @db_option("team.path", "team database")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def team_import(files: tuple[Path, ...], db: Path | None, as_json: bool) -> None:
        """Merge agents' export files into the team database.

        Every record is counted once: importing the same file again adds nothing. All
        files are checked before anything is written; one bad file imports none.
        """
        bundles = [read_export(path) for path in files]
        with TeamStore(resolve_db(db, "team.path")) as store:
            results = store.import_bundles(bundles)
        if as_json:
            echo_json([r.to_dict() for r in results])
            return
        for r in results:
            added = ", ".join(f"{n} {k}s" for k, n in r.added.items())
            again = " (imported before)" if r.already_imported else ""
            updated = sum(r.updated.values())
            click.echo(
                f"{r.source}: agent {r.agent_id}{again}: added {added}"
                + (f"; {updated} updated" if updated else "")
                + f"; {sum(r.unchanged.values())} already there."
            )

    @team.command("show")
    @db_option("team.path", "team database")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def team_show(db: Path | None, as_json: bool) -> None:
        """List the exports merged into the team database."""
        path = resolve_db(db, "team.path")
        if not path.exists():
            raise PekaError(
                E710, f"No team database at {path} yet; import exports with `peka team import`."
            )
        with TeamStore(path) as store:
            imports = store.imports()
        if as_json:
            echo_json([i.__dict__ for i in imports])
            return
        if not imports:
            click.echo(f"{path}: no exports imported yet.")
        for i in imports:
            click.echo(
                f"{i.created_at[:16]}  {i.agent_id}  {i.grants} grants, {i.approvals} "
                f"approvals, {i.outcomes} outcomes  (imported {i.times_imported}x, "
                f"{i.source})"
            )

    @cli.group("outcome", cls=PekaGroup)
    def outcome() -> None:
        """Conversation outcomes: list them, show one, add the customer's survey answer."""

    @outcome.command("csat")
    @click.argument("conversation_id")
    @click.option("--score", type=int, required=True, help="The customer's CSAT score, 1 to 5.")
    @click.option(
        "--understood",
        default=None,
        help="Did the customer feel understood? yes or no (omit if they did not say).",
    )
    @db_option("outcomes.path", "outcome store")
    def outcome_csat(
        conversation_id: str, score: int, understood: str | None, db: Path | None
    ) -> None:
        """Record the customer's survey answer for a conversation that has ended."""
        from assist.outcomes.models import check_csat

        check_csat(score)  # a bad score is the answer, even for an unknown conversation
        felt: bool | None = None
        if understood is not None:
            if understood.strip().lower() not in UNDERSTOOD:
                raise PekaError(E703, f"--understood is {understood!r}; write yes or no.")
            felt = UNDERSTOOD[understood.strip().lower()]
        with _outcome_store(db) as store:
            stored = store.record_csat(conversation_id, score, felt)
        click.echo(_outcome_line(stored))

    @outcome.command("list")
    @click.option(
        "--since", default=None, help="Only conversations from this day (7d, 2026-11-01)."
    )
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @db_option("outcomes.path", "outcome store")
    def outcome_list(since: str | None, as_json: bool, db: Path | None) -> None:
        """List recorded conversation outcomes, oldest first."""
        start = None
        if since:
            today = datetime.now().astimezone().date()
            start = datetime.combine(parse_day(since, "--since", today), time(0)).astimezone()
        with _outcome_store(db) as store:
            items = store.list(since=start)
        if as_json:
            echo_json([o.to_dict() for o in items])
            return
        for o in items:
            click.echo(_outcome_line(o))

    @outcome.command("show")
    @click.argument("conversation_id")
    @db_option("outcomes.path", "outcome store")
    def outcome_show(conversation_id: str, db: Path | None) -> None:
        """Print one outcome as JSON (by conversation id, outcome id, or their start)."""
        with _outcome_store(db) as store:
            echo_json(store.get(conversation_id).to_dict())
