"""The command line on the caches the sidebar cannot open: every command says the code,
the file and what to do, and leaves the broken file exactly as it was; `peka doctor`
names it; `peka cache set-aside` moves a damaged one away so a sync or import rebuilds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import assist.cache.store
from assist.cache.demo import generate_demo_cache
from tests.cache.broken import IS_ROOT, KINDS, LockHolder, make_broken
from tests.cache.conftest import CUSTOMERS_CSV
from ui.entry import full_cli

ADVICE = {
    "E201": "peka cache set-aside",
    "E202": "peka import",
    "E203": "Update Peka",
    "E290": "try again",
    "E292": "cache.path",
}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "cache.sqlite"
    generate_demo_cache(path, customers=20, seed=5)
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(full_cli(), list(args))
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file in ``folder`` with its bytes (None for a folder), leaving out the empty
    write-ahead log and shared-memory index SQLite itself makes for any reader of a WAL
    file (they hold no data)."""
    return {
        p.name: (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.iterdir())
        if os.access(p, os.R_OK)
        and not p.name.endswith("-shm")
        and not (p.name.endswith("-wal") and p.stat().st_size == 0)
    }


def kinds() -> list[str]:
    return [k for k in sorted(KINDS) if not (k == "unreadable" and IS_ROOT)]


@pytest.mark.parametrize("kind", kinds())
def test_commands_name_code_file_and_remedy_and_write_nothing(
    good: Path, tmp_path: Path, kind: str
) -> None:
    path = make_broken(kind, good, tmp_path / "data" / "cache.sqlite")
    code = KINDS[kind]
    before = snapshot(path.parent)
    (tmp_path / "customers.csv").write_text(CUSTOMERS_CSV, encoding="utf-8")
    commands = [("customer", "Budi"), ("cache", "info"), ("suggest", "Paket saya telat")]
    if kind != "missing":  # an import creates a missing cache: that is what it is for
        commands.append(("import", str(tmp_path / "customers.csv")))
    for command in commands:
        status, out = run(*command, "--db", str(path))
        assert status != 0, (command, out)
        if kind == "folder" and command[0] != "suggest":
            # Click refuses a folder for --db before Peka opens anything.
            assert "is a directory" in out, (command, out)
            continue
        if command[0] == "suggest":
            continue  # without --customer it never opens the cache
        assert f"[{code}]" in out, (command, out)
        assert str(path) in out, (command, out)
        assert ADVICE[code] in out, (command, out)
        assert "Traceback" not in out
    assert snapshot(path.parent) == before  # nothing written, nothing created


@pytest.mark.parametrize("kind", kinds())
def test_doctor_fails_the_cache_check_with_the_code_and_the_file(
    isolated_peka: Path, good: Path, kind: str
) -> None:
    path = make_broken(kind, good, isolated_peka / "data" / "cache.sqlite")
    result = CliRunner().invoke(full_cli(), ["doctor", "--json", "--check", "cache"])
    check = json.loads(result.stdout)["checks"][0]
    assert check["code"] == KINDS[kind], check
    assert check["status"] == ("warning" if kind == "missing" else "failed"), check
    text = " ".join([check["summary"], *check["details"]])
    assert str(path) in text
    assert result.exit_code == (3 if kind == "missing" else 1)
    if KINDS[kind] == "E201" and kind != "folder":
        assert "peka cache set-aside" in text and "peka sync run" in text


def test_locked_cache_is_not_called_damaged(
    good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assist.cache.store, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "cache.sqlite"
    path.write_bytes(good.read_bytes())
    holder = LockHolder(path)
    try:
        for command in (("customer", "Budi"), ("cache", "info"), ("cache", "set-aside")):
            status, out = run(*command, "--db", str(path))
            assert status == 1 and "[E290]" in out and str(path) in out, (command, out)
            assert "do not move it" in out and "set-aside" not in out
    finally:
        holder.release()
    assert path.exists() and not list(tmp_path.glob("*.damaged-*"))
    status, out = run("cache", "info", "--db", str(path))
    assert status == 0 and "customers       20" in out


@pytest.mark.parametrize("kind", ["random-bytes", "truncated"])
def test_set_aside_then_import_rebuilds_a_damaged_cache(
    good: Path, tmp_path: Path, kind: str
) -> None:
    path = make_broken(kind, good, tmp_path / "w" / "cache.sqlite")
    damaged = path.read_bytes()
    status, out = run("cache", "set-aside", "--db", str(path))
    assert status == 0, out
    (moved,) = [
        p
        for p in path.parent.glob("cache.sqlite.damaged-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    assert moved.read_bytes() == damaged  # kept for IT, byte for byte
    assert str(moved) in out and "peka sync run" in out
    assert not path.exists()
    (tmp_path / "customers.csv").write_text(CUSTOMERS_CSV, encoding="utf-8")
    status, out = run("import", str(tmp_path / "customers.csv"), "--db", str(path))
    assert status == 0, out
    status, out = run("customer", "Budi", "--db", str(path))
    assert status == 0 and "Budi Santoso" in out


@pytest.mark.parametrize("kind", ["newer", "missing", "folder", "good", "other-data"])
def test_set_aside_leaves_a_cache_that_is_not_damaged(
    isolated_peka: Path, good: Path, kind: str
) -> None:
    # The configured cache.path: --db would refuse a folder before Peka sees it.
    path = isolated_peka / "data" / "cache.sqlite"
    if kind == "good":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(good.read_bytes())
    else:
        make_broken(kind, good, path)
    before = snapshot(path.parent)
    status, out = run("cache", "set-aside")
    expected = {"newer": "E203", "missing": "E202", "folder": "E291", "good": "E291"}.get(
        kind, "E292"
    )
    assert status == 1 and f"[{expected}]" in out, out
    assert str(path) in out
    assert snapshot(path.parent) == before


def test_a_file_this_account_may_not_read_is_said_so(
    isolated_peka: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The permission check itself (a root test run reads every file, so the real case
    in the tests above only runs unprivileged). The configured path: --db is checked by
    Click first."""
    from assist import sqlite_files

    path = isolated_peka / "data" / "cache.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(good.read_bytes())
    monkeypatch.setattr(sqlite_files.os, "access", lambda p, mode: Path(p) != path)
    status, out = run("customer", "Budi")
    assert status == 1 and "[E201]" in out and str(path) in out
    assert "may not read" in out and "permission denied" in out


def test_it_rebuilds_a_damaged_cache_as_the_sidebar_says(isolated_peka: Path, good: Path) -> None:
    """The sidebar tells the agent: `peka doctor`, then IT rebuilds with `peka sync run`."""
    from tests.sync.test_dropfolder import CUSTOMERS

    drop = isolated_peka / "drop"
    drop.mkdir(parents=True)
    (drop / "1-customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (isolated_peka / "machine").mkdir(parents=True, exist_ok=True)
    (isolated_peka / "machine" / "sync.toml").write_text(
        f'[sources.exports]\nkind = "folder"\npath = "{drop}"\nsettle_seconds = 0\n',
        encoding="utf-8",
    )
    path = make_broken("random-bytes", good, isolated_peka / "data" / "cache.sqlite")
    result = CliRunner().invoke(full_cli(), ["doctor", "--json", "--check", "sync"])
    (check,) = json.loads(result.stdout)["checks"]
    assert check["status"] == "failed" and check["code"] == "E201"
    assert "see the cache check" in check["summary"]
    status, out = run("sync", "run")
    assert status == 1 and "[E201]" in out and "peka cache set-aside" in out, out
    status, out = run("cache", "set-aside")
    assert status == 0, out
    status, out = run("sync", "run")
    assert status == 0, out
    status, out = run("customer", "Sri Wahyuni")
    assert status == 0 and "Sri Wahyuni" in out, out
    assert path.is_file()


UNPRIVILEGED = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
OPEN_SCRIPT = """
import sys
from pathlib import Path
from assist.cache import Cache
from assist.errors import PekaError
try:
    Cache.open(Path(sys.argv[1]), readonly=True)
except PekaError as exc:
    print(exc)
"""


@pytest.mark.skipif(not IS_ROOT or not shutil.which("setpriv"), reason="needs root and setpriv")
def test_a_file_owned_by_another_account_for_real(good: Path) -> None:
    """Run as root, the test drops to an unprivileged account: the real permission case."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    probe = subprocess.run(
        [*UNPRIVILEGED, sys.executable, "-c", "import assist.cache"],
        env=env,
        cwd="/",
        capture_output=True,
    )
    if probe.returncode:
        pytest.skip("this checkout is not readable by an unprivileged account")
    folder = Path(tempfile.mkdtemp(prefix="peka-perm-"))
    try:
        folder.chmod(0o755)
        path = folder / "cache.sqlite"
        path.write_bytes(good.read_bytes())
        path.chmod(0o600)  # root's, not the agent's
        before = path.read_bytes()
        child = subprocess.run(
            [*UNPRIVILEGED, sys.executable, "-c", OPEN_SCRIPT, str(path)],
            env=env,
            cwd="/",
            capture_output=True,
            text=True,
        )
        assert child.returncode == 0, child.stderr
        assert child.stdout.startswith("[E201] This account may not read"), child.stdout
        assert str(path) in child.stdout and "permission denied" in child.stdout
        assert path.read_bytes() == before and sorted(folder.iterdir()) == [path]
    finally:
        shutil.rmtree(folder)
