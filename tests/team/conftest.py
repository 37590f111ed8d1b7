"""A real team server per test: a fresh database in the session's throwaway cluster,
initialised with `peka team init`'s code, a supervisor and a signed, published policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assist.authority.keys import SigningKey
from assist.authority.policy_file import load_policy_text
from assist.authority.signing import sign_policy
from assist.team import publish, schema
from assist.team.client import TeamClient
from assist.team.credentials import Credential
from assist.team.pgcluster import PgCluster

TEAM_POLICY = """\
format = 1
version = {version}
name = "team test policy"
currency = "IDR"
utc_offset = "+07:00"
expires = {expires}

[roles.agent.rules.voucher]
max_amount = "Rp 50.000"
max_per_customer_30d = "Rp 80.000"
max_grants_per_customer_30d = 3
daily_budget = "Rp 200.000"

[roles.agent.rules.partial_refund]
max_amount = "Rp 100.000"
daily_budget = "Rp 500.000"

[roles.senior_agent.rules.voucher]
max_amount = "Rp 100.000"
max_per_customer_30d = "Rp 150.000"

[agents.siti]
role = "senior_agent"
"""


def policy_text(version: int = 1, body: str = TEAM_POLICY) -> str:
    expires = (datetime.now(UTC) + timedelta(days=200)).date().isoformat()
    return body.format(version=version, expires=expires)


@dataclass
class Team:
    cluster: PgCluster
    admin_dsn: str
    dsn: str  # the site's address, without a login
    dbname: str
    key: SigningKey
    clients: list[TeamClient] = field(default_factory=list)

    @property
    def keys(self) -> dict[str, object]:
        return {self.key.public.key_id: self.key.public}

    def login(self, agent_id: str) -> str:
        return f"{self.dbname}_{agent_id}"

    def enrol(
        self, agent_id: str, *, role: str = "", team: str = "default", supervisor: bool = False
    ) -> TeamClient:
        enrolment = schema.enrol(
            self.admin_dsn,
            agent_id,
            login=self.login(agent_id),
            role=role,
            team=team,
            supervisor=supervisor,
        )
        client = TeamClient(self.dsn, Credential(enrolment.login, enrolment.password))
        self.clients.append(client)
        return client

    def credential(self, client: TeamClient) -> Credential:
        return client.credential

    def signed(self, version: int = 1, body: str = TEAM_POLICY) -> str:
        policy = load_policy_text(policy_text(version, body), "team.toml")
        return sign_policy(policy, self.key)

    def publish(
        self,
        supervisor: TeamClient,
        version: int = 1,
        *,
        limits: str | None = None,
        tmp: Path | None = None,
        body: str = TEAM_POLICY,
    ) -> int:
        path = None
        if limits is not None:
            assert tmp is not None
            path = tmp / f"team-limits-{version}.toml"
            path.write_text(limits, encoding="utf-8")
        return publish.publish(supervisor, self.signed(version, body), self.keys, path)

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.admin_dsn, autocommit=True)


@pytest.fixture
def team(pg_cluster: PgCluster, pg_dsn: str) -> Team:
    schema.init(pg_dsn)
    dbname = psycopg.conninfo.conninfo_to_dict(pg_dsn)["dbname"]
    assert isinstance(dbname, str)
    site = f"host={pg_cluster.host} port={pg_cluster.port} dbname={dbname}"
    t = Team(pg_cluster, pg_dsn, site, dbname, SigningKey("sup.ani", Ed25519PrivateKey.generate()))
    yield t
    for client in t.clients:
        client.close()
