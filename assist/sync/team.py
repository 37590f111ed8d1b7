"""The team-server source: customer data IT loads once, centrally, into the team database.

Team mode's PostgreSQL server holds a ``customer_data`` schema with one table per entity
(:data:`TEAM_SCHEMA`, printed by ``peka sync team-schema``): the import-format columns
plus ``updated_at``, ``deleted`` and, for customers, ``merged_into``. IT fills it once
(``COPY`` from the exports, or a job from the CRM) and every workstation syncs from it
exactly like an SQL source, through its own read-only login.
"""

from __future__ import annotations

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
-- Workstations read through a role with SELECT only:
--   CREATE ROLE peka_sync_reader NOLOGIN;
--   GRANT USAGE ON SCHEMA {SCHEMA_NAME} TO peka_sync_reader;
--   GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA_NAME} TO peka_sync_reader;
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


class TeamSource(SqlSource):
    kind = "team"


def _factory(spec: SourceSpec, context: Context) -> TeamSource:
    dsn = spec.text("dsn")
    if "password" in dsn.lower():
        raise spec.fail("dsn", "must not hold a password: store it with `peka sync secret`")
    return TeamSource(
        spec.name,
        dsn,
        dict(TEAM_QUERIES),
        password=context.secret(spec.name),
        connect_timeout=spec.number("connect_timeout", 15, 1, 600),
    )


register_kind(
    Kind(
        "team",
        ("dsn", "connect_timeout"),
        _factory,
        "The team server's customer_data schema, loaded once by IT.",
    )
)
