"""The sidebar's sync in a child process (assist.sync.child): results, progress, the log
and secrets travel over the pipe; a child that dies ends the run with E261 and leaves the
cache whole."""

from __future__ import annotations

import logging
import os
import socket
import threading
from pathlib import Path

import pytest

from assist.errors import PekaError
from assist.sync.child import SyncChild
from tests.sync.conftest import snapshot
from tests.sync.test_dropfolder import CUSTOMERS, TRANSACTIONS, setup_folder


def test_child_syncs_reports_progress_and_logs_in_the_parent(
    tmp_path: Path, sources_file: Path, cache_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    drop = setup_folder(tmp_path, sources_file)
    (drop / "1-customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (drop / "2-transactions.csv").write_text(TRANSACTIONS, encoding="utf-8")
    asked: list[str] = []
    progress: list[int] = []

    def secret(name: str) -> str | None:
        asked.append(name)
        return None

    caplog.set_level(logging.INFO, logger="assist")
    child = SyncChild(
        cache_path, sources_file, secret=secret, progress=lambda r: progress.append(r.rows)
    )
    [result] = child.run()
    assert result.ok and result.rows == 6 and result.batches == 2
    assert progress == [3, 6]  # after each batch (one file each)
    assert asked == []  # a drop folder needs no secret: the keyring is not asked
    assert [c[0] for c in snapshot(cache_path)["customers"]] == ["C1", "C2", "C3"]
    # The child's log records are written by the parent's logging.
    logged = [r for r in caplog.records if r.name == "assist.sync.runner"]
    assert any("exports: 6 rows in 2 batches" in r.getMessage() for r in logged)
    assert all(r.process != os.getpid() for r in logged)


def test_a_refused_batch_comes_back_with_its_code_and_the_log_names_the_row(
    tmp_path: Path, sources_file: Path, cache_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    drop = setup_folder(tmp_path, sources_file)
    (drop / "1-customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (drop / "2-transactions.csv").write_text(
        TRANSACTIONS.replace("150rb", "seratus"), encoding="utf-8"
    )
    caplog.set_level(logging.INFO, logger="assist")
    [result] = SyncChild(cache_path, sources_file, secret=lambda _n: None).run()
    assert not result.ok and result.error_code == "E253"
    assert "source 'exports'" in (result.error or "") and "field 'amount'" in (result.error or "")
    assert snapshot(cache_path)["transactions"] == []  # the good state is kept
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("[E253]" in m and "line 3" in m for m in errors)


def test_secrets_come_from_the_parent_and_a_killed_child_ends_with_e261(
    tmp_path: Path, sources_file: Path, cache_path: Path
) -> None:
    # A REST endpoint that accepts the connection and never answers.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    accepted = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        conn, _ = server.accept()
        held.append(conn)
        accepted.set()

    threading.Thread(target=accept, daemon=True).start()
    sources_file.write_text(
        f'[sources.helpdesk]\nkind = "rest"\nurl = "http://127.0.0.1:{port}/changes"\n',
        encoding="utf-8",
    )
    asked: list[str] = []

    def secret(name: str) -> str | None:
        asked.append(name)
        return "token-from-the-keyring"

    child = SyncChild(cache_path, sources_file, secret=secret)
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            child.run()
        except BaseException as exc:
            outcome.append(exc)

    runner = threading.Thread(target=run)
    runner.start()
    try:
        assert accepted.wait(30), "the child never asked the endpoint"
        assert asked == ["helpdesk"]
        child.stop()
        runner.join(30)
        assert not runner.is_alive()
    finally:
        for conn in held:
            conn.close()
        server.close()
    [error] = outcome
    assert isinstance(error, PekaError) and error.code == "E261"
    # What the child committed before it died is whole: the cache opens and reads.
    assert snapshot(cache_path)["customers"] == []


def test_a_stopped_child_does_not_start() -> None:
    child = SyncChild(Path("unused.sqlite"), Path("unused.toml"), secret=lambda _n: None)
    child.stop()
    with pytest.raises(PekaError, match=r"\[E261\]"):
        child.run()
