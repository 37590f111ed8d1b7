"""Set up a team server: roles, versioned migrations, enrolment (``peka team init|enrol``).

These run with an administrator's connection (a PostgreSQL superuser, as IT would use
for ``createdb``). Agents and supervisors never run them: their login roles hold no
table privilege and may only call the functions the migrations define.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from assist.errors import PekaError
from assist.resources import resources_root
from assist.team import errors as E

SCHEMA = "peka"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_TOKENS = ("peka_owner_role", "peka_agent_role", "peka_supervisor_role")


@dataclass(frozen=True, slots=True)
class GroupRoles:
    """This database's group roles (role names are cluster-wide, so they carry the db)."""

    owner: str
    agent: str
    supervisor: str

    @classmethod
    def for_database(cls, dbname: str) -> GroupRoles:
        base = re.sub(r"[^a-z0-9_]", "_", dbname.lower())
        if len(base) > 40:  # role names stop at 63 bytes
            base = base[:30] + "_" + hashlib.sha256(dbname.encode()).hexdigest()[:9]
        return cls(f"peka_{base}_owner", f"peka_{base}_agent", f"peka_{base}_supervisor")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    path: Path


def migrations() -> list[Migration]:
    folder = resources_root() / "team" / "migrations"
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), path))
    return found


def latest_version() -> int:
    return max((m.version for m in migrations()), default=0)


def connect_admin(dsn: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(dsn, connect_timeout=10)
    except psycopg.Error as exc:
        raise PekaError(
            E.E804,
            f"Cannot reach the team server as administrator: {str(exc).strip()}. Check the "
            "--dsn address, that PostgreSQL runs and accepts this login.",
        ) from None


def installed_version(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("SELECT to_regclass('peka.schema_migrations')").fetchone()
    if row is None or row[0] is None:
        return 0
    (version,) = conn.execute(
        "SELECT COALESCE(max(version), 0) FROM peka.schema_migrations"
    ).fetchone() or (0,)
    return int(version)


def _render(text: str, roles: GroupRoles) -> str:
    values = dict(zip(_TOKENS, (roles.owner, roles.agent, roles.supervisor), strict=True))
    for token, name in values.items():
        text = re.sub(rf"\b{token}\b", '"' + name.replace('"', '""') + '"', text)
    return text


@dataclass(frozen=True, slots=True)
class InitReport:
    database: str
    roles: GroupRoles
    before: int
    after: int
    applied: tuple[str, ...]


def init(dsn: str) -> InitReport:
    """Create the group roles and apply every migration not yet applied (each atomically)."""
    with connect_admin(dsn) as conn:
        dbname = conn.info.dbname
        roles = GroupRoles.for_database(dbname)
        is_super = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = is_super.fetchone()
        if not row or not row[0]:
            raise PekaError(
                E.E805,
                "`peka team init` needs a PostgreSQL superuser (for example "
                "--dsn 'host=db dbname=peka user=postgres'): it creates roles and revokes "
                "PUBLIC's rights on the database.",
            )
        # Two inits at once (two IT scripts) take turns.
        conn.execute("SELECT pg_advisory_lock(hashtext('peka team init'))")
        try:
            before = installed_version(conn)
            known = latest_version()
            if before > known:
                raise PekaError(
                    E.E806,
                    f"The team server's schema is version {before}; this Peka knows up to "
                    f"{known}. Upgrade Peka on this computer before running it against the "
                    "server.",
                )
            for name in (roles.owner, roles.agent, roles.supervisor):
                exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
                if exists.fetchone() is None:
                    conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
            ident = sql.Identifier(dbname)
            conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(ident))
            conn.execute(
                sql.SQL("GRANT CONNECT ON DATABASE {} TO {}, {}").format(
                    ident, sql.Identifier(roles.agent), sql.Identifier(roles.supervisor)
                )
            )
            conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
            conn.commit()
            applied = []
            for migration in migrations():
                if migration.version <= before:
                    continue
                text = _render(migration.path.read_text(encoding="utf-8"), roles)
                with conn.transaction():
                    conn.execute(text.encode("utf-8"))
                    conn.execute(
                        "INSERT INTO peka.schema_migrations (version, name) VALUES (%s, %s)",
                        (migration.version, migration.name),
                    )
                applied.append(f"{migration.version:04d}_{migration.name}")
            after = installed_version(conn)
            conn.commit()
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext('peka team init'))")
            conn.commit()
    return InitReport(dbname, roles, before, after, tuple(applied))


@dataclass(frozen=True, slots=True)
class Enrolment:
    agent_id: str
    login: str
    password: str
    role: str
    team: str
    supervisor: bool

    def join_code(self, dsn: str) -> str:
        from assist.team.credentials import encode_join_code

        return encode_join_code(dsn, self.login, self.password)


_AGENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")


def enrol(
    dsn: str,
    agent_id: str,
    *,
    login: str | None = None,
    role: str = "",
    team: str = "default",
    supervisor: bool = False,
) -> Enrolment:
    """Create (or reset) ``agent_id``'s login role with a fresh random password."""
    if not _AGENT_ID.match(agent_id):
        raise PekaError(
            E.E807,
            f"Agent id {agent_id!r} is not valid: use letters, digits and . _ @ - "
            "(at most 100, starting with a letter or digit).",
        )
    login = login or agent_id
    password = secrets.token_urlsafe(24)
    with connect_admin(dsn) as conn:
        if installed_version(conn) == 0:
            raise PekaError(
                E.E808, "The team server has no Peka schema yet; run `peka team init` first."
            )
        roles = GroupRoles.for_database(conn.info.dbname)
        taken = conn.execute(
            "SELECT agent_id FROM peka.agents WHERE login_role = %s AND agent_id <> %s",
            (login, agent_id),
        ).fetchone()
        if taken is not None:
            raise PekaError(
                E.E807, f"Login {login!r} already belongs to agent {taken[0]!r}; pick another."
            )
        exists = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (login,))
        row = exists.fetchone()
        if row is not None and row[0]:
            raise PekaError(E.E807, f"Login {login!r} is a superuser; enrol agents as their own.")
        verb = "ALTER" if row is not None else "CREATE"
        conn.execute(
            sql.SQL(verb + " ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
                sql.Identifier(login), sql.Literal(password)
            )
        )
        group = roles.supervisor if supervisor else roles.agent
        other = roles.agent if supervisor else roles.supervisor
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(login)))
        conn.execute(
            sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), sql.Identifier(login))
        )
        conn.execute(
            "INSERT INTO peka.agents (agent_id, login_role, role, team, supervisor) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (agent_id) DO UPDATE SET "
            "login_role = excluded.login_role, role = excluded.role, team = excluded.team, "
            "supervisor = excluded.supervisor, active = true",
            (agent_id, login, role, team, supervisor),
        )
        from assist.team.publish import refresh_agent_limits

        refresh_agent_limits(conn, agent_id)
        conn.commit()
    return Enrolment(agent_id, login, password, role, team, supervisor)


def disable(dsn: str, agent_id: str) -> None:
    """Stop an agent from logging in and granting (history stays)."""
    with connect_admin(dsn) as conn:
        row = conn.execute(
            "UPDATE peka.agents SET active = false WHERE agent_id = %s RETURNING login_role",
            (agent_id,),
        ).fetchone()
        if row is None:
            raise PekaError(E.E807, f"No agent {agent_id!r} is enrolled.")
        conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(row[0])))
        conn.commit()
