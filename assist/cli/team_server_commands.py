"""``peka team …`` for the team server (PostgreSQL): set-up, enrolment, policy, grants.

IT runs ``init``, ``enrol``, ``disable`` and ``import-ledger`` with an administrator's
connection (``--dsn``); agents and supervisors run the rest with their own login, which
``peka team join`` keeps in the OS keyring. See docs/team.md.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from assist.cli.common import echo_json, get_config
from assist.errors import PekaError
from assist.team import errors as E

ADMIN_DSN_HELP = (
    "Administrator's connection to the team database, e.g. "
    "'host=db.example dbname=peka user=postgres' (password from PGPASSWORD or ~/.pgpass)."
)


def _site_dsn(admin_dsn: str) -> str:
    """The address agents use: the admin's minus the login."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    parts = conninfo_to_dict(admin_dsn)
    for secret in ("user", "password", "passfile"):
        parts.pop(secret, None)
    return make_conninfo(**{k: str(v) for k, v in parts.items()})


def _session() -> Any:
    from assist.team.session import TeamSession

    cfg = get_config()
    session = TeamSession.from_config(cfg)
    if session is None:
        raise PekaError(
            E.E804,
            "Team mode is not configured on this computer: IT sets `team.server` in the "
            "machine-wide config.toml (docs/team.md).",
        )
    return session


def _client() -> Any:
    from assist.team.client import TeamClient
    from assist.team.credentials import load

    cfg = get_config()
    dsn = str(cfg["team.server"]).strip()
    if not dsn:
        raise PekaError(
            E.E804,
            "Team mode is not configured on this computer: IT sets `team.server` in the "
            "machine-wide config.toml (docs/team.md).",
        )
    return TeamClient(dsn, load())


def _amount(text: str, type_name: str) -> int:
    from assist.authority.policy import BUILTIN_TYPES
    from assist.cli.authority_grant_commands import _parse_amount

    ctype = BUILTIN_TYPES.get(type_name)
    return _parse_amount(text, ctype.unit if ctype else "money", "IDR")


def register(cli: click.Group) -> None:
    register_bench(cli)
    team = cli.commands["team"]
    assert isinstance(team, click.Group)

    @team.command("init")
    @click.option("--dsn", required=True, help=ADMIN_DSN_HELP)
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def team_init(dsn: str, as_json: bool) -> None:
        """Create the team server's roles and schema, or upgrade it (versioned migrations)."""
        from assist.team.schema import init

        report = init(dsn)
        if as_json:
            echo_json(
                {
                    "database": report.database,
                    "before": report.before,
                    "after": report.after,
                    "applied": list(report.applied),
                    "roles": [report.roles.owner, report.roles.agent, report.roles.supervisor],
                }
            )
            return
        if report.applied:
            click.echo(
                f"{report.database}: schema {report.before} -> {report.after} "
                f"(applied {', '.join(report.applied)})."
            )
        else:
            click.echo(f"{report.database}: schema version {report.after} is up to date.")

    @team.command("enrol")
    @click.argument("agent")
    @click.option("--dsn", required=True, help=ADMIN_DSN_HELP)
    @click.option("--login", default=None, help="PostgreSQL login role (default: AGENT).")
    @click.option("--role", default="", help="The agent's role in the policy (default: its own).")
    @click.option("--team", "team_name", default="default", show_default=True)
    @click.option("--supervisor", is_flag=True, help="May decide approvals and publish policy.")
    @click.option(
        "--server",
        default=None,
        help="The address agents use (default: --dsn without user and password).",
    )
    def team_enrol(
        agent: str,
        dsn: str,
        login: str | None,
        role: str,
        team_name: str,
        supervisor: bool,
        server: str | None,
    ) -> None:
        """Enrol AGENT (or reset their login) and print a one-time join code for them."""
        from assist.team.schema import enrol

        enrolment = enrol(dsn, agent, login=login, role=role, team=team_name, supervisor=supervisor)
        code = enrolment.join_code(server or _site_dsn(dsn))
        what = "supervisor" if supervisor else "agent"
        click.echo(f"Enrolled {what} {agent} (login {enrolment.login}, team {team_name}).")
        click.echo("Give them this one-time join code (it stops working once they join):")
        click.echo(code)

    @team.command("disable")
    @click.argument("agent")
    @click.option("--dsn", required=True, help=ADMIN_DSN_HELP)
    def team_disable(agent: str, dsn: str) -> None:
        """Stop AGENT from logging in; their grants and audit entries stay."""
        from assist.team.schema import disable

        disable(dsn, agent)
        click.echo(f"{agent} can no longer log in to the team server.")

    @team.command("join")
    @click.argument("code", required=False)
    def team_join(code: str | None) -> None:
        """Keep this account's team login (from IT's join code) in the OS keyring."""
        from assist.team import credentials
        from assist.team.client import TeamClient

        if not code:
            code = getpass.getpass("Join code from IT: ")
        dsn, first = credentials.decode_join_code(code)
        client = TeamClient(dsn, first)
        me = client.whoami()
        fresh = credentials.Credential(first.login, credentials.new_password())
        client.change_password(fresh.password)  # the code in IT's message stops working
        client.close()
        credentials.store(fresh)
        click.echo(
            f"Joined the team server as {me['agent_id']} (team {me['team']}"
            + (", supervisor" if me["supervisor"] else "")
            + ")."
        )
        configured = str(get_config()["team.server"]).strip()
        if not credentials.same_server(configured, dsn):
            click.echo(
                f"IT still has to set team.server = {json.dumps(dsn)} in the machine-wide "
                "config.toml of this computer"
                + (f" (it names {json.dumps(configured)} now)." if configured else ".")
            )

    @team.command("status")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def team_status(as_json: bool) -> None:
        """Whether the team server can be reached, who it says you are, the outbox."""
        session = _session()
        with contextlib.suppress(PekaError):  # offline: status() says so
            session.refresh()
        status = session.status()
        session.close()
        if as_json:
            echo_json(status)
            return
        me = status["whoami"] or {}
        if status["state"] == "online":
            click.echo(
                f"Online: {me.get('agent_id')} (team {me.get('team')}), policy version "
                f"{me.get('policy_version')}."
            )
        else:
            click.echo(f"OFFLINE: {status['problem']}")
        click.echo(
            f"Outbox: {status['pending_offline']} waiting, {status['refused_offline']} refused."
        )

    @team.command("publish-policy")
    @click.argument("signed", required=False, type=click.Path(dir_okay=False, path_type=Path))
    @click.option(
        "--team-limits",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="TOML with [team_daily_budget] and [offline_allowance] (docs/team.md).",
    )
    def team_publish(signed: Path | None, team_limits: Path | None) -> None:
        """Publish a signed policy (default: the installed one) to the team server."""
        from assist.authority.keys import load_public_keys
        from assist.team.publish import publish

        cfg = get_config()
        path = signed or Path(cfg["policy.path"])
        keys, _notes = load_public_keys(Path(cfg["policy.keys_dir"]))
        with _client() as client:
            version = publish(client, path.read_text(encoding="utf-8"), keys, team_limits)
        click.echo(f"Published policy version {version} to the team server.")

    @team.command("grant")
    @click.argument("customer")
    @click.option("--type", "type_name", required=True, help="Compensation type, e.g. voucher.")
    @click.option("--amount", required=True, help='Money ("Rp 50.000", "50rb") or days.')
    @click.option("--key", default=None, help="Idempotency key (default: a new one).")
    @click.option("--transaction", default=None, help="The affected transaction's id.")
    @click.option("--transaction-amount", default=None, help="What the customer paid.")
    @click.option("--reason", default="", help="Why (the policy may require it).")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def team_grant(
        customer: str,
        type_name: str,
        amount: str,
        key: str | None,
        transaction: str | None,
        transaction_amount: str | None,
        reason: str,
        as_json: bool,
    ) -> None:
        """Grant through the team server (or the offline outbox within the allowance)."""
        session = _session()
        outcome = session.grant(
            key=key or f"cli-{uuid.uuid4().hex}",
            customer_id=customer,
            type=type_name,
            amount_minor=_amount(amount, type_name),
            transaction_id=transaction,
            transaction_amount_minor=(
                _amount(transaction_amount, "voucher") if transaction_amount else None
            ),
            reason=reason,
        )
        session.close()
        if outcome.grant is not None:
            data = outcome.grant.to_dict()
            g = outcome.grant
            text = f"Granted {g.grant_id} on the team server (policy v{g.policy_version})."
        else:
            assert outcome.pending is not None
            data = {"offline": True, **outcome.pending.to_dict()}
            text = (
                f"OFFLINE: kept {outcome.pending.key} in the outbox; it is sent when the team "
                "server is back (`peka team replay`)."
            )
        if as_json:
            echo_json(data)
        else:
            click.echo(text)

    @team.command("replay")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def team_replay(as_json: bool) -> None:
        """Send grants kept offline to the team server; show which it refused."""
        session = _session()
        report = session.replay()
        session.close()
        if as_json:
            echo_json(
                {
                    "accepted": [i.to_dict() for i in report.accepted],
                    "refused": [i.to_dict() for i in report.refused],
                    "still_pending": report.still_pending,
                }
            )
        else:
            click.echo(
                f"{len(report.accepted)} accepted, {len(report.refused)} refused, "
                f"{report.still_pending} still waiting."
            )
            for item in report.refused:
                click.echo(f"REFUSED {item.key}: {item.result.get('message')}")
        if report.refused:
            sys.exit(1)

    @team.command("request")
    @click.argument("customer")
    @click.option("--type", "type_name", required=True)
    @click.option("--amount", required=True)
    @click.option("--reason", default="")
    @click.option("--wait", type=float, default=0.0, help="Seconds to wait for the decision.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def team_request(
        customer: str, type_name: str, amount: str, reason: str, wait: float, as_json: bool
    ) -> None:
        """Ask the on-duty supervisors for approval through the team server."""
        session = _session()
        request = session.request_approval(
            key=f"cli-{uuid.uuid4().hex}",
            customer_id=customer,
            type=type_name,
            amount_minor=_amount(amount, type_name),
            reason=reason,
        )
        if wait > 0:
            request = session.wait_for_decision(request.request_id, wait) or request
        session.close()
        if as_json:
            echo_json(request.to_dict())
        else:
            click.echo(f"Request {request.request_id}: {request.status}.")

    @team.command("approvals")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def team_approvals(as_json: bool) -> None:
        """(Supervisors) the requests waiting for a decision, oldest first."""
        from assist.authority.rules import show

        with _client() as client:
            pending = client.pending_approvals()
        if as_json:
            echo_json([r.to_dict() for r in pending])
            return
        if not pending:
            click.echo("No request is waiting.")
        for r in pending:
            what = show(r.amount_minor, r.unit, r.currency)  # "Rp 50.000", not minor units
            line = f"{r.request_id}  {r.agent_id}  {r.customer_id}  {r.type} {what}"
            click.echo(f"{line}  {r.reason}")

    @team.command("decide")
    @click.argument("request_id")
    @click.option("--approve/--decline", required=True)
    @click.option("--note", default="")
    def team_decide(request_id: str, approve: bool, note: str) -> None:
        """(Supervisors) approve (the grant is recorded at once) or decline a request."""
        with _client() as client:
            result = client.decide(request_id, approve=approve, note=note)
        click.echo(
            f"{result.request_id}: {result.status}"
            + (f" ({result.grant_id})" if result.grant_id else "")
            + "."
        )

    @team.command("import-ledger")
    @click.argument(
        "ledgers", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
    )
    @click.option("--dsn", required=True, help=ADMIN_DSN_HELP)
    def team_import_ledger(ledgers: tuple[Path, ...], dsn: str) -> None:
        """One-time import of standalone ledgers' grants (each counted once, audited)."""
        from assist.team.importer import import_ledgers

        counts = import_ledgers(dsn, list(ledgers))
        for path, (added, skipped) in counts.items():
            click.echo(f"{path}: {added} grants imported, {skipped} already there.")


def register_bench(cli: click.Group) -> None:
    bench = cli.commands.get("bench")
    if not isinstance(bench, click.Group):
        return

    @bench.command("team")
    @click.option("--dsn", default=None, help="Superuser DSN of a server to use (default: own).")
    @click.option("--clients", type=click.IntRange(1, 500), default=50, show_default=True)
    @click.option("--seconds", type=click.FloatRange(1, 3600), default=20.0, show_default=True)
    @click.option(
        "--rate",
        type=click.FloatRange(1, 100_000),
        default=360.0,
        show_default=True,
        help="Grant calls per second all agents offer together (Poisson arrivals).",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
    def bench_team(
        dsn: str | None, clients: int, seconds: float, rate: float, as_json: bool
    ) -> None:
        """Agents granting and requesting approvals at once against a team server."""
        from assist.team.bench import run

        del as_json  # the result is always JSON
        echo_json(run(dsn, clients=clients, seconds=seconds, rate=rate))


def verify_server_command(head: str | None, as_json: bool) -> None:
    """``peka audit verify --server``."""
    from assist.team.verify import verify_server

    with _client() as client:
        report = verify_server(client, head)
    if as_json:
        echo_json(
            {
                "ok": report.ok,
                "entries": report.entries,
                "head_hash": report.head_hash,
                "first_bad_seq": report.first_bad_seq,
                "problem": report.problem,
            }
        )
    elif report.ok:
        click.echo(f"Team server audit intact: {report.entries} entries, head {report.head_hash}.")
    else:
        click.echo(f"Error: [{E.E840}] Team server audit damaged: {report.problem}.", err=True)
    if not report.ok:
        sys.exit(1)


def team_window(days: int = 28) -> tuple[datetime, datetime]:
    end = datetime.now(UTC) + timedelta(days=1)
    return end - timedelta(days=days + 1), end
