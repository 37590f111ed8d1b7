"""`peka doctor`'s team-server check: the login in the keyring, the server, its schema, us.

It drives the same :class:`~assist.team.session.TeamSession` as `peka team status`.
"""

from __future__ import annotations

from assist import errors as core_errors
from assist.doctor import DoctorContext, Result, check
from assist.errors import PekaError
from assist.team import errors as E
from assist.team import schema
from assist.team.session import TeamSession


@check("team", "Team server")
def team_server(ctx: DoctorContext) -> Result:
    if ctx.config is None:
        return Result.skipped("the configuration must be fixed first")
    dsn = str(ctx.config["team.server"]).strip()
    if not dsn:
        return Result.skipped("not configured: standalone (`team.server` is empty)")
    where = f"team.server = {dsn}"
    try:
        session = TeamSession.from_config(ctx.config)
    except PekaError as exc:  # no login in the keyring, or a keyring that forgets
        return Result.failed(exc.message, where, code=exc.code)
    assert session is not None
    try:
        return _verdict(session, where)
    finally:
        session.close()


def _verdict(session: TeamSession, where: str) -> Result:
    login = f"login {session.client.credential.login} (from the OS keyring)"
    try:
        me = session.refresh()
        server = session.client.schema_version()
    except PekaError as exc:
        return Result.failed(exc.message, where, login, code=exc.code)
    known = schema.latest_version()
    versions = f"server schema version {server}, this Peka knows {known}"
    if server > known:
        return Result.failed(
            "the team server's schema is newer than this Peka: upgrade Peka on this computer",
            where,
            versions,
            code=E.E806,
        )
    if server < known:
        return Result.failed(
            "the team server's schema is older than this Peka: IT runs `peka team init` "
            "with this Peka version to upgrade it",
            where,
            versions,
            code=core_errors.E671,
        )
    who = f"{me['agent_id']} (team {me['team']}" + (", supervisor)" if me["supervisor"] else ")")
    summary = f"online as {who}, schema version {server}"
    details = [where, login]
    status = session.status()
    waiting, refused = status["pending_offline"], status["refused_offline"]
    outbox = f"outbox: {waiting} offline grant(s) waiting, {refused} refused by the server"
    details.append(outbox)
    if me.get("policy_version") is None:
        return Result.warning(
            f"{summary}; no policy published yet: grants are refused",
            *details,
            "A supervisor publishes one with `peka team publish-policy`.",
            code=E.E812,
        )
    summary += f", policy version {me['policy_version']}"
    if refused:
        return Result.warning(
            f"{summary}; {refused} offline grant(s) were refused by the server",
            *details,
            "`peka team replay` lists them; tell the supervisor.",
        )
    if waiting:
        return Result.warning(
            f"{summary}; {waiting} offline grant(s) not replayed yet",
            *details,
            "The sidebar sends them while online; `peka team replay` sends them now.",
        )
    return Result.ok(summary, *details)
