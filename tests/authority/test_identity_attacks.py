"""An ordinary agent on a workstation IT set up tries to raise their own authority.

The policy gives role `agent` Rp 50.000 per voucher and `lead.budi` (a team lead) up to
Rp 1.000.000. The attacker has no supervisor key. Each test is what they would try.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from click.testing import CliRunner, Result

from assist import config, paths
from assist.authority.keys import load_public_keys
from assist.cli.common import get_config
from assist.identity import os_account
from tests.authority.conftest import TEST_POLICY, Env, new_key
from ui.entry import full_cli

LEAD_POLICY = (
    TEST_POLICY
    + """
[roles.team_lead.rules.voucher]
max_amount = "Rp 1.000.000"
daily_budget = "Rp 5.000.000"

[agents."lead.budi"]
role = "team_lead"
"""
)
ME = os_account()


def peka(*args: str) -> Result:
    get_config.cache_clear()
    return CliRunner().invoke(full_cli(), list(args))


@pytest.fixture
def workstation(env: Env, isolated_peka: Path) -> Iterator[Env]:
    """IT installed a signed policy machine-wide; Peka behaves as on a real workstation."""
    machine = paths.machine_dir()
    (machine / "keys").mkdir(parents=True)
    env.policy_path = machine / "policy.signed.json"
    env.keys_dir = machine / "keys"
    env.install_key(env.key)
    env.clock.now = datetime.now(UTC)
    env.write_policy(LEAD_POLICY, expires_at=env.clock.now + timedelta(days=30))
    env.ledger_path = paths.user_data_dir() / "ledger.sqlite"
    real = paths.Folders(
        machine=machine, config=paths.user_config_dir(), data=paths.user_data_dir()
    )
    with paths.folders_used(paths.Folders(real.machine, real.config, real.data, any_agent=False)):
        get_config.cache_clear()
        yield env
    get_config.cache_clear()


def grant(
    *extra: str, amount: str = "Rp 1.000.000", key: str = "k1", customer: str = "C1"
) -> dict[str, object]:
    result = peka(
        "grant", "--customer", customer, "--type", "voucher", "--amount", amount,
        "--key", key, "--json", *extra,
    )  # fmt: skip
    out: dict[str, object] = json.loads(result.output)
    return out


def user_config(text: str) -> None:
    path = paths.user_config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def machine_config(text: str) -> None:
    paths.machine_config_file().write_text(text, encoding="utf-8")


def test_legitimate_agent_grants_within_limits_with_no_extra_step(workstation: Env) -> None:
    out = grant(amount="Rp 10.000")
    assert out["ok"], out
    assert out["grant"]["agent_id"] == ME  # type: ignore[index]


def test_agent_flag_cannot_borrow_a_team_leads_authority(workstation: Env) -> None:
    out = grant("--agent", "lead.budi")
    assert out == {"ok": False, "code": "E107", "message": out["message"]}
    assert "supervisor" in str(out["message"])
    result = peka("approval", "accept", "PEKA-OK1:xxx", "--agent", "lead.budi")
    assert result.exit_code == 1 and "[E107]" in result.output


def test_own_name_with_agent_flag_is_fine(workstation: Env) -> None:
    assert grant("--agent", ME, amount="Rp 10.000")["ok"]


def test_user_config_cannot_change_identity_role_policy_or_ledger(
    workstation: Env, tmp_path: Path
) -> None:
    fake_keys = tmp_path / "mykeys"
    fake_keys.mkdir()
    mine = new_key("me")
    (fake_keys / "me.pub").write_text(mine.public.file_text())
    fake_policy = tmp_path / "mine.signed.json"
    user_config(
        '[agent]\nid = "lead.budi"\nrole = "team_lead"\naccounts = { x = "lead.budi" }\n'
        f"[ledger]\npath = '{tmp_path / 'fresh.sqlite'}'\n"
        f"[policy]\npath = '{fake_policy}'\nkeys_dir = '{fake_keys}'\n"
    )
    cfg = config.load()
    assert cfg["agent.id"] == ME and cfg.source("agent.id").startswith("OS account")
    assert cfg["agent.role"] == "agent"
    assert cfg["policy.path"] == workstation.policy_path
    assert cfg["policy.keys_dir"] == workstation.keys_dir
    assert cfg["ledger.path"] == workstation.ledger_path
    out = grant()
    assert out["ok"] is False and out["code"] == "E521"


def test_environment_cannot_move_machine_or_data_folders(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paths.use_folders(None)  # a workstation: no in-process relocation
    before = (paths.machine_dir(), paths.user_data_dir(), paths.user_config_dir())
    for name in ("PEKA_MACHINE_DIR", "PEKA_DATA_DIR", "PEKA_CONFIG_DIR", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USER", "lead.budi")
    monkeypatch.setenv("LOGNAME", "lead.budi")
    assert (paths.machine_dir(), paths.user_data_dir(), paths.user_config_dir()) == before
    assert not paths.sandboxed()
    assert os_account() != "lead.budi"
    assert config.load()["ledger.path"] == before[1] / "ledger.sqlite"


def test_ledger_option_cannot_open_a_fresh_ledger(workstation: Env, tmp_path: Path) -> None:
    for n in range(4):
        assert grant(amount="Rp 50.000", key=f"a{n}", customer=f"C{n}")["ok"]
    fresh = tmp_path / "fresh.sqlite"
    out = grant("--ledger", str(fresh), amount="Rp 40.000", key="b", customer="C9")
    assert out["ok"] is False and out["code"] == "E106"
    assert not fresh.exists()
    # Naming the configured ledger itself is harmless.
    ledger = str(workstation.ledger_path)
    out = grant("--ledger", ledger, amount="Rp 10.000", key="c", customer="C9")
    assert out["code"] == "E523"  # the day's Rp 200.000 is spent: budget still counted


def test_it_unlocks_explicitly_and_maps_accounts(workstation: Env, tmp_path: Path) -> None:
    machine_config(f'unlocked = ["ledger.path"]\n[agent]\naccounts = {{ {ME} = "lead.budi" }}\n')
    cfg = config.load()
    assert cfg["agent.id"] == "lead.budi"
    assert "mapped" in cfg.source("agent.id")
    assert not cfg.is_locked("ledger.path") and cfg.is_locked("agent.role")
    out = grant("--ledger", str(tmp_path / "sup.sqlite"))
    assert out["ok"], out  # lead.budi's own authority, as mapped by IT


def test_unlisted_account_is_an_ordinary_agent(workstation: Env) -> None:
    machine_config('[agent]\naccounts = { someone_else = "lead.budi" }\n')
    result = peka("policy", "status", "--json")
    status = json.loads(result.output)
    assert status["agent_id"] == ME and status["role"] == "agent"


def test_machine_lock_list_cannot_be_undone_by_the_user(workstation: Env) -> None:
    machine_config('locked = ["ui.theme"]\n[ui]\ntheme = "dark"\n')
    user_config('unlocked = ["agent.role", "ui.theme"]\n[agent]\nrole = "team_lead"\n')
    cfg = config.load()
    assert cfg["agent.role"] == "agent" and cfg["ui.theme"] == "dark"


def test_a_supervisor_with_an_installed_key_may_act_for_an_agent(workstation: Env) -> None:
    supervisor = new_key("sup.rina")
    from assist.authority.canonical import b64url_encode

    raw = supervisor.key.private_bytes_raw()
    keyring.set_password("peka-policy-signing", "sup.rina", b64url_encode(raw))
    assert grant("--agent", "lead.budi", key="s1")["code"] == "E107"  # key not installed
    workstation.install_key(supervisor)
    assert "sup.rina" in {k.name for k in load_public_keys(workstation.keys_dir)[0].values()}
    out = grant("--agent", "lead.budi", key="s2")
    assert out["ok"], out


def test_approval_code_is_bound_to_the_agent_who_asked(signed_env: Env) -> None:
    from assist.authority.approvals import issue_decision

    asker = signed_env.service("agent01")
    request = asker.request_approval(customer_id="C1", type="voucher", amount_minor=9_000_000)
    code = issue_decision(request, signed_env.key, decision="approve", now=signed_env.clock())
    thief = signed_env.service("agent02")
    with pytest.raises(Exception) as caught:
        thief.accept_approval(code)
    assert getattr(caught.value, "code", None) == "E545"
    assert "agent01" in str(caught.value)
    assert asker.accept_approval(code).agent_id == "agent01"


def _cache_with_a_small_order() -> None:
    from assist.cache import Cache
    from assist.cache.importer import import_files

    folder = paths.user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    today = datetime.now(UTC).date().isoformat()
    (folder / "c.csv").write_text(
        "id,full_name,salutation,phone,email,language,tier,customer_since,notes\n"
        "C1,Budi Santoso,Bapak,0812-3456-7890,,id,regular,,\n",
        encoding="utf-8",
    )
    (folder / "t.csv").write_text(
        "id,customer_id,created_at,kind,description,reference,amount,status,status_changed_at\n"
        f"T1,C1,{today},order,Rice cooker,INV-1,Rp 100.000,delayed,\n",
        encoding="utf-8",
    )
    with Cache.open(config.load()["cache.path"]) as cache:
        import_files(cache, [folder / "c.csv", folder / "t.csv"])


def refund(customer: str, key: str) -> dict[str, object]:
    result = peka(
        "grant", "--customer", customer, "--type", "partial_refund", "--amount", "Rp 100.000",
        "--transaction", "T1", "--transaction-amount", "Rp 10.000.000",
        "--transaction-status", "delayed", "--transaction-date",
        datetime.now(UTC).date().isoformat(), "--reason", "rusak", "--fault", "company",
        "--key", key, "--json",
    )  # fmt: skip
    out: dict[str, object] = json.loads(result.output)
    return out


def test_cache_facts_win_over_an_inflated_stated_amount(workstation: Env) -> None:
    _cache_with_a_small_order()
    # Paid Rp 100.000 (the cache), not Rp 10.000.000 (stated): 50% cap is Rp 50.000.
    out = refund("C1", "r1")
    assert out["ok"] is False and out["code"] == "E521", out
    assert "50.000" in str(out["message"])


def test_grant_records_the_facts_the_agent_stated(workstation: Env) -> None:
    out = refund("C-not-in-cache", "r2")
    assert out["ok"], out
    grant_row = out["grant"]
    assert grant_row["stated_facts"] == [  # type: ignore[index]
        "transaction_amount",
        "transaction_date",
        "transaction_status",
    ]
