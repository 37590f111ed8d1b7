"""The team-server source: customer data IT loads once, centrally, into the team database.

Team mode's PostgreSQL server holds a ``customer_data`` schema with one table per entity
(:data:`TEAM_SCHEMA`, printed by ``peka sync team-schema``): the import-format columns
plus ``updated_at``, ``deleted`` and, for customers, ``merged_into``. IT fills it once
(``COPY`` from the exports, or a job from the CRM) and every workstation syncs from it
exactly like an SQL source, over team mode's connection: the configured ``team.server``
and the agent's own team login from the OS keyring, whose group role may read
``customer_data`` and nothing else there.
"""

from __future__ import annotations

from assist.errors import PekaError
from assist.sync.errors import E263
from assist.sync.sources import Context, Kind, SourceSpec, register_kind
from assist.sync.sqlsource import SqlSource

SCHEMA_NAME = "customer_data"

TEAM_SCHEMA = f"""\
CREATE SCHEMA IF NOT EXISTS {SCHEMA_NAME};
CREATE TABLE IF NOT EXISTS {SCHEMA_NAME}.customers (
    id text PRIMARY KEY, full_name text NOT NULL, salutation text, phone text, email text,
    language text, tier text, customer_since date, notes text,
    updated_at timestamptz NOT NULL DEFAULT now(), deleted boolean NOT NULL DEFAULT false,
    merged_into text
);
CREATE TABLE IF NOT EXISTS {SCHEMA_NAME}.preferences (
    customer_id text NOT NULL, key text NOT NULL, value text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(), deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (customer_id, key)
);
CREATE TABLE IF NOT EXISTS {SCHEMA_NAME}.transactions (
    id text PRIMARY KEY, customer_id text NOT NULL, created_at timestamptz NOT NULL,
    kind text NOT NULL, description text, reference text, amount numeric(16, 2) NOT NULL,
    currency text, status text NOT NULL, status_changed_at timestamptz, channel text,
    extra jsonb, updated_at timestamptz NOT NULL DEFAULT now(),
    deleted boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS {SCHEMA_NAME}.interactions (
    id text PRIMARY KEY, customer_id text NOT NULL, occurred_at timestamptz NOT NULL,
    channel text NOT NULL, summary text, outcome text NOT NULL, sentiment text, csat integer,
    updated_at timestamptz NOT NULL DEFAULT now(), deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS customers_changes ON {SCHEMA_NAME}.customers (updated_at, id);
CREATE INDEX IF NOT EXISTS preferences_changes
    ON {SCHEMA_NAME}.preferences (updated_at, customer_id, key);
CREATE INDEX IF NOT EXISTS transactions_changes ON {SCHEMA_NAME}.transactions (updated_at, id);
CREATE INDEX IF NOT EXISTS interactions_changes ON {SCHEMA_NAME}.interactions (updated_at, id);
-- Workstations read it over team mode's connection, with each agent's own team login:
-- `peka sync team-schema --dsn ADMIN_DSN` runs this file and grants USAGE on the schema
-- and SELECT on its tables (nothing more) to the team's agent and supervisor group roles
-- (peka_<database>_agent, peka_<database>_supervisor; `peka team init` made them).
"""

TEAM_QUERIES = {
    "customers": "SELECT id, full_name, salutation, phone, email, language, tier,"
    f" customer_since, notes, updated_at, deleted, merged_into FROM {SCHEMA_NAME}.customers",
    "preferences": "SELECT customer_id, key, value, updated_at, deleted"
    f" FROM {SCHEMA_NAME}.preferences",
    "transactions": "SELECT id, customer_id, created_at, kind, description, reference, amount,"
    " currency, status, status_changed_at, channel, extra, updated_at, deleted"
    f" FROM {SCHEMA_NAME}.transactions",
    "interactions": "SELECT id, customer_id, occurred_at, channel, summary, outcome, sentiment,"
    f" csat, updated_at, deleted FROM {SCHEMA_NAME}.interactions",
}


def apply_team_schema(admin_dsn: str) -> tuple[str, str]:
    """Create ``customer_data`` on an initialised team server (idempotent) and let the
    team's agents and supervisors read it; returns the two group roles granted."""
    from psycopg import sql

    from assist.team.schema import GroupRoles, connect_admin, installed_version

    with connect_admin(admin_dsn) as conn:
        if installed_version(conn) == 0:
            raise PekaError(
                E263,
                f"The database {conn.info.dbname!r} is not a team server yet: run "
                "`peka team init --dsn ADMIN_DSN` first (docs/team.md), then this again.",
            )
        roles = GroupRoles.for_database(conn.info.dbname)
        readers = sql.SQL(", ").join(
            [sql.Identifier(roles.agent), sql.Identifier(roles.supervisor)]
        )
        schema = sql.Identifier(SCHEMA_NAME)
        with conn.transaction():
            conn.execute(TEAM_SCHEMA.encode("utf-8"))
            conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, readers))
            conn.execute(
                sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(schema, readers)
            )
    return roles.agent, roles.supervisor


class TeamSource(SqlSource):
    """Reads ``customer_data`` over team mode's own connection: its server and this
    account's team login (:class:`~assist.sync.sources.TeamLogin`)."""

    kind = "team"

    def connect_advice(self) -> str:
        return (
            "Check that the team server is reachable (`peka doctor` tests team mode's "
            "connection); if this account's team login was replaced or revoked, ask IT "
            "for a new join code (`peka team enrol`) and run `peka team join`."
        )

    def query_advice(self) -> str:
        return (
            "IT creates the customer_data tables and gives the team's agents read access "
            "with `peka sync team-schema --dsn ADMIN_DSN` (docs/sync.md#team-server)."
        )


def _factory(spec: SourceSpec, context: Context) -> TeamSource:
    from psycopg.conninfo import make_conninfo

    if "dsn" in spec.options:
        raise spec.fail(
            "dsn",
            "the team source uses team mode's server (`team.server`) and this account's "
            'team login; remove `dsn` (for another PostgreSQL server use kind = "sql")',
        )
    login = context.team_login()
    return TeamSource(
        spec.name,
        make_conninfo(login.server, user=login.login, application_name="peka-sync"),
        dict(TEAM_QUERIES),
        password=login.password,
        connect_timeout=spec.number("connect_timeout", 15, 1, 600),
    )


register_kind(
    Kind(
        "team",
        ("dsn", "connect_timeout"),  # `dsn` only to say why it is not used
        _factory,
        "The team server's customer_data schema, loaded once by IT; team mode's connection.",
    )
)
