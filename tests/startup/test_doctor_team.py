"""`peka doctor`'s team-server check against a real throwaway PostgreSQL team server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import keyring
import psycopg
import pytest

from assist import doctor
from assist.api.server import listen
from assist.team import credentials, schema
from assist.team.client import TeamClient
from assist.team.pgcluster import PgCluster
from tests.startup.test_doctor import run_doctor


@dataclass
class Site:
    admin_dsn: str
    dsn: str  # the site's address, without a login
    home: Path

    def configure(self, dsn: str | None = None) -> None:
        (self.home / "machine").mkdir(parents=True, exist_ok=True)
        (self.home / "machine" / "config.toml").write_text(
            f'[api]\nenabled = false\n\n[team]\nserver = "{dsn or self.dsn}"\n', "utf-8"
        )

    def join(self, agent_id: str, *, supervisor: bool = False) -> credentials.Credential:
        """What `peka team enrol` + `peka team join` leave: the login in this keyring."""
        enrolment = schema.enrol(
            self.admin_dsn, agent_id, login=f"doc_{agent_id}", supervisor=supervisor
        )
        credential = credentials.Credential(enrolment.login, enrolment.password)
        credentials.store(credential)
        return credential

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.admin_dsn, autocommit=True)


@pytest.fixture
def site(isolated_peka: Path, pg_cluster: PgCluster, pg_dsn: str) -> Site:
    schema.init(pg_dsn)
    dbname = psycopg.conninfo.conninfo_to_dict(pg_dsn)["dbname"]
    found = Site(
        pg_dsn, f"host={pg_cluster.host} port={pg_cluster.port} dbname={dbname}", isolated_peka
    )
    found.configure()
    return found


def publish_policy(site: Site, supervisor: credentials.Credential) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from assist.authority.keys import SigningKey
    from assist.authority.policy_file import load_policy_text
    from assist.authority.signing import sign_policy
    from assist.team import publish
    from tests.team.conftest import policy_text

    key = SigningKey("sup.doc", Ed25519PrivateKey.generate())
    signed = sign_policy(load_policy_text(policy_text(), "team.toml"), key)
    with TeamClient(site.dsn, supervisor) as client:
        publish.publish(client, signed, {key.public.key_id: key.public}, None)


def test_standalone_is_skipped(isolated_peka: Path) -> None:
    code, found = run_doctor("--check", "team")
    assert code == doctor.EXIT_OK and found["team"]["status"] == "skipped"
    assert "not configured" in str(found["team"]["summary"])


def test_an_enrolled_agent_with_a_policy_is_ok(site: Site) -> None:
    siti = site.join("siti", supervisor=True)
    publish_policy(site, siti)
    code, found = run_doctor("--check", "team")
    assert code == doctor.EXIT_OK, found
    team = found["team"]
    assert team["status"] == "ok"
    summary = str(team["summary"])
    assert "online as siti" in summary and f"schema version {schema.latest_version()}" in summary
    assert "policy version 1" in summary


def test_no_policy_published_is_a_warning(site: Site) -> None:
    site.join("budi")
    code, found = run_doctor("--check", "team")
    assert code == doctor.EXIT_WARNINGS
    assert found["team"]["status"] == "warning" and found["team"]["code"] == "E812"


def test_no_login_in_the_keyring_fails(site: Site) -> None:
    code, found = run_doctor("--check", "team")
    assert code == doctor.EXIT_FAILED
    assert found["team"]["status"] == "failed" and found["team"]["code"] == "E817"


def test_a_keyring_that_forgets_fails(site: Site) -> None:
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    _, found = run_doctor("--check", "team")
    assert found["team"]["status"] == "failed" and found["team"]["code"] == "E517"


def test_a_login_that_is_no_longer_an_active_agent_fails(site: Site) -> None:
    site.join("budi")
    with site.admin() as conn:
        conn.execute("UPDATE peka.agents SET active = false WHERE agent_id = 'budi'")
    _, found = run_doctor("--check", "team")
    assert found["team"]["status"] == "failed" and found["team"]["code"] == "E810"


def test_a_wrong_password_fails(site: Site) -> None:
    login = site.join("budi").login
    credentials.store(credentials.Credential(login, "not-the-password"))
    _, found = run_doctor("--check", "team")
    assert found["team"]["status"] == "failed" and found["team"]["code"] == "E817"


def test_a_server_that_does_not_answer_fails(site: Site, pg_cluster: PgCluster) -> None:
    site.join("budi")
    sock = listen(0)
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    site.configure(f"host=127.0.0.1 port={port} dbname=peka connect_timeout=3")
    code, found = run_doctor("--check", "team")
    assert code == doctor.EXIT_FAILED
    assert found["team"]["status"] == "failed" and found["team"]["code"] == "E804"


def test_a_newer_server_schema_fails(site: Site) -> None:
    site.join("budi")
    with site.admin() as conn:
        conn.execute("INSERT INTO peka.schema_migrations (version, name) VALUES (99, 'future')")
    _, found = run_doctor("--check", "team")
    assert found["team"]["status"] == "failed" and found["team"]["code"] == "E806"
    assert "server schema version 99" in str(found["team"]["details"])


def test_a_server_from_before_schema_version_two_is_older(site: Site) -> None:
    """A version-1 server has no peka.schema_version(): the agent can still tell."""
    site.join("budi")
    with site.admin() as conn:
        conn.execute("DROP FUNCTION peka.schema_version()")
        conn.execute("DELETE FROM peka.schema_migrations WHERE version > 1")
    _, found = run_doctor("--check", "team")
    assert found["team"]["status"] == "failed" and found["team"]["code"] == "E671"
    assert "server schema version 1" in str(found["team"]["details"])


def test_offline_grants_waiting_or_refused_are_warnings(site: Site) -> None:
    from assist.config import load
    from assist.team.outbox import Outbox

    siti = site.join("siti", supervisor=True)
    publish_policy(site, siti)
    outbox = Outbox(Path(load()["team.outbox_path"]))
    outbox.add(
        key="k1",
        customer_id="C1",
        type="voucher",
        amount_minor=1000000,
        allowance=5000000,
        local_day="2026-12-05",
    )
    _, found = run_doctor("--check", "team")
    assert found["team"]["status"] == "warning"
    assert "1 offline grant(s) not replayed yet" in str(found["team"]["summary"])
    outbox.settle("k1", "refused", {"code": "E520"})
    outbox.close()
    _, found = run_doctor("--check", "team")
    assert found["team"]["status"] == "warning"
    assert "1 offline grant(s) were refused" in str(found["team"]["summary"])
