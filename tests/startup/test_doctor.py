"""`peka doctor [--json]`: every check, the registry, and the documented exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from click.testing import CliRunner
from keyring.backends import fail

from assist import doctor
from assist.authority.demo import install_demo_policy
from assist.cache.dates import to_stored
from assist.cache.demo import generate_demo_cache
from assist.cache.store import Cache
from assist.doctor import checks
from tests.memory_keyring import MemoryKeyring
from ui.entry import full_cli


def run_doctor(*args: str) -> tuple[int, dict[str, dict[str, object]]]:
    result = CliRunner().invoke(full_cli(), ["doctor", "--json", *args])
    report = json.loads(result.stdout)
    assert result.exit_code == report["exit_code"]
    return result.exit_code, {c["name"]: c for c in report["checks"]}


def imported(path: Path, when: datetime) -> Path:
    generate_demo_cache(path, customers=5, seed=3)
    with Cache.open(path) as cache, cache.transaction() as conn:
        cache.set_meta(conn, "last_import_at", to_stored(when))
    return path


@pytest.fixture
def healthy(isolated_peka: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workstation as IT leaves it: signed policy and key, a fresh cache, an OS keyring
    (the test's memory keyring stands in for one)."""
    install_demo_policy(isolated_peka / "machine")
    # No sidebar runs in these tests: its API's check has its own tests (test_doctor_api).
    (isolated_peka / "machine" / "config.toml").write_text("[api]\nenabled = false\n", "utf-8")
    imported(isolated_peka / "data" / "cache.sqlite", datetime.now(UTC) - timedelta(hours=2))
    monkeypatch.setattr(
        checks,
        "PERSISTENT_KEYRINGS",
        checks.PERSISTENT_KEYRINGS | {"tests.memory_keyring.MemoryKeyring"},
    )
    return isolated_peka


def test_a_healthy_workstation_passes(healthy: Path) -> None:
    code, found = run_doctor()
    assert code == doctor.EXIT_OK
    assert {name: c["status"] for name, c in found.items()} == {
        "config": "ok",
        "keyring": "ok",
        "policy": "ok",
        "cache": "ok",
        "sync": "skipped",  # no sync sources configured
        "language": "ok",
        "log": "ok",
        "team": "skipped",  # standalone
        "api": "skipped",  # turned off above
    }
    assert "expires in 36" in str(found["policy"]["summary"])
    text = CliRunner().invoke(full_cli(), ["doctor"]).output
    assert "[ ok ] Configuration files" in text and text.endswith("Peka 0.1.0: ok\n")


def test_every_bad_config_key_is_listed_and_dependent_checks_skip(healthy: Path) -> None:
    (healthy / "machine" / "config.toml").write_text('[ui]\ntheme = 1\ndock = "up"\n', "utf-8")
    (healthy / "config").mkdir()
    (healthy / "config" / "config.toml").write_text("[agent]\nfoo = 1\n", "utf-8")
    code, found = run_doctor()
    assert code == doctor.EXIT_FAILED
    config = found["config"]
    assert config["status"] == "failed" and config["code"] == "E130"
    details = "\n".join(config["details"])  # type: ignore[arg-type]
    assert "'ui.theme'" in details and "'ui.dock'" in details and "'agent.foo'" in details
    assert found["policy"]["status"] == found["cache"]["status"] == "skipped"


def test_a_stale_cache_warns(healthy: Path) -> None:
    imported(healthy / "data" / "cache.sqlite", datetime.now(UTC) - timedelta(days=5))
    code, found = run_doctor()
    assert code == doctor.EXIT_WARNINGS
    assert found["cache"]["status"] == "warning"
    assert str(found["cache"]["summary"]).startswith("stale:")


def test_policy_problems_fail_with_their_code(healthy: Path) -> None:
    policy = healthy / "machine" / "policy.signed.json"
    policy.write_text(policy.read_text("utf-8").replace('"version"', '"versi0n"'), "utf-8")
    code, found = run_doctor("--check", "policy")
    assert code == doctor.EXIT_FAILED
    assert list(found) == ["policy"]
    assert found["policy"]["status"] == "failed" and found["policy"]["code"]


@pytest.mark.parametrize(
    ("backend", "status"),
    [(MemoryKeyring(), "failed"), (fail.Keyring(), "warning")],
)
def test_keyrings_that_forget_are_refused(
    isolated_peka: Path, backend: object, status: str
) -> None:
    keyring.set_keyring(backend)
    _, found = run_doctor("--check", "keyring")
    assert found["keyring"]["status"] == status
    assert found["keyring"]["code"] == "E517"


def test_keyring_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import chainer

    assert checks.keyring_verdict(fail.Keyring())[0] == "none"
    assert checks.keyring_verdict(MemoryKeyring())[0] == "refused"
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    assert checks.keyring_verdict(chainer.ChainerBackend())[0] == "none"
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [MemoryKeyring()])
    assert checks.keyring_verdict(chainer.ChainerBackend()) == (
        "refused",
        "tests.memory_keyring.MemoryKeyring",
    )


def test_a_check_that_crashes_fails_alone(healthy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_ctx: doctor.DoctorContext) -> doctor.Result:
        raise RuntimeError("boom")

    monkeypatch.setitem(doctor._REGISTRY, "broken", doctor.Check("broken", "Broken", broken))
    code, found = run_doctor()
    assert code == doctor.EXIT_FAILED
    assert found["broken"]["status"] == "failed" and "boom" in str(found["broken"]["summary"])
    assert found["config"]["status"] == "ok"


def test_unknown_check_is_a_usage_error(isolated_peka: Path) -> None:
    result = CliRunner().invoke(full_cli(), ["doctor", "--check", "nope"])
    assert result.exit_code == 2 and "checks: config, keyring" in result.output


def test_a_real_process_exits_with_the_reports_code(isolated_peka: Path) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run(
        [sys.executable, "-m", "ui", "doctor", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert result.returncode == report["exit_code"] == doctor.EXIT_FAILED  # no policy here
    statuses = {c["name"]: c["status"] for c in report["checks"]}
    assert statuses["policy"] == "failed" and statuses["keyring"] == "warning"


def test_sync_sources_are_checked_and_feed_the_cache_freshness(
    healthy: Path, tmp_path: Path
) -> None:
    from tests.sync.test_dropfolder import CUSTOMERS

    cache = healthy / "data" / "cache.sqlite"
    imported(cache, datetime.now(UTC) - timedelta(days=5))  # imported long ago…
    drop = tmp_path / "drop"
    drop.mkdir()
    (healthy / "machine" / "sync.toml").write_text(
        f'[sources.exports]\nkind = "folder"\npath = "{drop}"\nsettle_seconds = 0\n', "utf-8"
    )
    code, found = run_doctor()
    assert found["sync"]["status"] == "warning" and "never run" in str(found["sync"]["details"])
    (drop / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    result = CliRunner().invoke(full_cli(), ["sync", "run"])
    assert result.exit_code == 0, result.output
    code, found = run_doctor()  # … but synced just now: fresh
    assert code == doctor.EXIT_OK, found
    assert found["sync"]["status"] == "ok" and found["cache"]["status"] == "ok"
    drop.rename(tmp_path / "gone")
    CliRunner().invoke(full_cli(), ["sync", "run"])
    code, found = run_doctor()
    assert code == doctor.EXIT_FAILED
    assert found["sync"]["status"] == "failed" and found["sync"]["code"] == "E258"


def test_a_bad_order_pattern_fails_the_language_check(healthy: Path) -> None:
    (healthy / "machine" / "config.toml").write_text(
        '[nlp]\norder_patterns = ["INV-(\\\\d+"]\n', encoding="utf-8"
    )
    code, found = run_doctor("--check", "language")
    assert code == doctor.EXIT_FAILED
    assert found["language"]["status"] == "failed" and found["language"]["code"] == "E304"
