"""IT, a supervisor and two agents on two "workstations" (config folders and keyrings),
set up with the commands docs/team.md gives, against a real PostgreSQL server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from click.testing import CliRunner

from assist.authority.service import AuthorityService
from assist.cli.common import get_config
from assist.reports.csv_out import read_csv
from tests.authority.conftest import NOW, TEST_POLICY, Clock, new_key
from tests.memory_keyring import MemoryKeyring
from tests.team.conftest import TEAM_POLICY, Team
from ui.entry import full_cli


class Workstation:
    def __init__(self, home: Path, team: Team, name: str) -> None:
        self.home = home / name
        self.keyring = MemoryKeyring()
        machine = self.home / "machine"
        (machine / "keys").mkdir(parents=True)
        (machine / "keys" / "sup.ani.pub").write_text(team.key.public.file_text())
        (machine / "config.toml").write_text(
            f"[team]\nserver = {json.dumps(team.dsn)}\n", encoding="utf-8"
        )

    @contextmanager
    def active(self, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
        from assist import paths

        folders = paths.Folders(
            machine=self.home / "machine", config=self.home / "config", data=self.home / "data"
        )
        monkeypatch.setenv("PEKA_DATA_DIR", str(self.home / "data"))
        get_config.cache_clear()
        previous = keyring.get_keyring()
        keyring.set_keyring(self.keyring)
        try:
            with paths.folders_used(folders):
                yield
        finally:
            keyring.set_keyring(previous)
            get_config.cache_clear()

    def run(self, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
        with self.active(monkeypatch):
            result = CliRunner().invoke(full_cli(), list(args))
        return result.exit_code, result.output


def test_two_agents_and_a_supervisor_as_docs_describe(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    it = Workstation(tmp_path, team, "it")
    code, out = it.run(monkeypatch, "team", "init", "--dsn", team.admin_dsn)
    assert code == 0 and "up to date" in out, out  # the fixture ran init already
    codes = {}
    for agent, extra in (("lead", ["--supervisor"]), ("agent01", []), ("agent02", [])):
        code, out = it.run(
            monkeypatch,
            "team",
            "enrol",
            agent,
            "--dsn",
            team.admin_dsn,
            "--login",
            team.login(agent),
            "--server",
            team.dsn,
            *extra,
        )
        assert code == 0, out
        codes[agent] = out.strip().splitlines()[-1]
        assert codes[agent].startswith("peka-join:")
    stations = {name: Workstation(tmp_path, team, name) for name in codes}
    for name, station in stations.items():
        code, out = station.run(monkeypatch, "team", "join", codes[name])
        assert code == 0 and f"as {name}" in out, out
        assert "IT still has to set" not in out  # the machine file names this server
    # IT's join code stopped working once used: the keyring holds a new password.
    code, out = Workstation(tmp_path, team, "thief").run(
        monkeypatch, "team", "join", codes["agent01"]
    )
    assert code == 1 and "E817" in out
    lead, a1, a2 = stations["lead"], stations["agent01"], stations["agent02"]
    signed = tmp_path / "policy.signed.json"
    named = TEAM_POLICY + '\n[agents.agent01]\nname = "Ani Wijaya"\n'
    signed.write_text(team.signed(1, named), encoding="utf-8")
    code, out = lead.run(monkeypatch, "team", "publish-policy", str(signed))
    assert code == 0 and "version 1" in out, out
    code, out = a1.run(
        monkeypatch, "team", "grant", "C1", "--type", "voucher", "--amount", "Rp 50.000", "--json"
    )
    assert code == 0 and json.loads(out)["agent_id"] == "agent01", out
    code, out = a2.run(
        monkeypatch, "team", "grant", "C1", "--type", "voucher", "--amount", "Rp 40.000"
    )
    assert code == 1 and "[E522]" in out and "whole team" in out
    code, out = a2.run(
        monkeypatch,
        "team",
        "request",
        "C1",
        "--type",
        "voucher",
        "--amount",
        "Rp 40.000",
        "--json",
    )
    assert code == 0, out
    request = json.loads(out)
    assert request["status"] == "pending"
    code, out = lead.run(monkeypatch, "team", "approvals", "--json")
    assert [r["request_id"] for r in json.loads(out)] == [request["request_id"]]
    code, out = lead.run(
        monkeypatch, "team", "decide", request["request_id"], "--approve", "--note", "ok"
    )
    assert code == 0 and "approved" in out, out
    code, out = a2.run(monkeypatch, "team", "status", "--json")
    assert json.loads(out)["state"] == "online"
    code, out = lead.run(monkeypatch, "audit", "verify", "--server", "--json")
    assert code == 0 and json.loads(out)["ok"], out
    code, out = a1.run(monkeypatch, "audit", "verify", "--server")
    assert code == 1 and "E811" in out  # agents cannot read the whole audit
    report_dir = tmp_path / "report"
    code, out = lead.run(
        monkeypatch, "report", "--team", "--out", str(report_dir), "--no-charts", "--json"
    )
    assert code == 0, out
    assert (report_dir / "index.html").exists()
    csv_text = "\n".join(p.read_text(encoding="utf-8") for p in report_dir.glob("*.csv"))
    assert "agent01" in csv_text and "agent02" in csv_text
    # Named by the policy on the server; agent02 has no name, so its id stands.
    names = {r["agent_id"]: r["agent_name"] for r in read_csv(report_dir / "approvals.csv")}
    names |= {
        r["agent_id"]: r["agent_name"] for r in read_csv(report_dir / "compensation_by_agent.csv")
    }
    assert names["agent01"] == "Ani Wijaya" and names["agent02"] == "agent02"


def test_import_standalone_ledger_once(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assist.authority.policy_file import load_policy_text
    from assist.authority.signing import sign_policy

    keys = tmp_path / "keys"
    keys.mkdir()
    key = new_key()
    (keys / "sup.ani.pub").write_text(key.public.file_text())
    policy_path = tmp_path / "policy.signed.json"
    policy_path.write_text(sign_policy(load_policy_text(TEST_POLICY, "t.toml"), key, NOW))
    ledger = tmp_path / "standalone.sqlite"
    service = AuthorityService.open(
        ledger_path=ledger,
        policy_path=policy_path,
        keys_dir=keys,
        agent_id="budi",
        clock=Clock(NOW),
    )
    grant = service.grant(
        customer_id="C7", type="voucher", amount_minor=10_000_00, idempotency_key="x"
    )
    sup = team.enrol("lead", supervisor=True)
    team.enrol("budi")
    it = Workstation(tmp_path, team, "it")
    code, out = it.run(monkeypatch, "team", "import-ledger", str(ledger), "--dsn", team.admin_dsn)
    assert code == 0 and "1 grants imported, 0 already there" in out, out
    code, out = it.run(monkeypatch, "team", "import-ledger", str(ledger), "--dsn", team.admin_dsn)
    assert "0 grants imported, 1 already there" in out
    from assist.team.verify import verify_server

    assert verify_server(sup).ok
    (row,) = sup.team_grants(NOW.replace(year=2000), NOW.replace(year=3000))
    assert row["grant_id"] == grant.grant_id and row["agent_id"] == "budi"


def test_same_server_ignores_word_order_and_tls_settings() -> None:
    from assist.team.credentials import same_server

    joined = "dbname=peka host=db.example port=5432"
    assert same_server("host=db.example port=5432 dbname=peka sslmode=verify-full", joined)
    assert same_server("host=db.example dbname=peka", joined)  # 5432 is the default port
    assert not same_server("", joined)
    assert not same_server("host=other dbname=peka", joined)
    assert not same_server("host=db.example dbname=peka2", joined)
    assert not same_server("not a = valid = conninfo", joined)
