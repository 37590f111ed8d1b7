"""The throwaway cluster the team-mode and sync tests run against is real and private."""

from __future__ import annotations

import os
import stat

import psycopg
import pytest

from assist.team import pgcluster


def test_cluster_runs_unprivileged_with_scram(pg_cluster: pgcluster.PgCluster) -> None:
    with psycopg.connect(pg_cluster.dsn()) as conn:
        (version,) = conn.execute("SHOW server_version").fetchone() or ("",)
        assert version
        (method,) = conn.execute("SHOW password_encryption").fetchone() or ("",)
        assert method == "scram-sha-256"
        if os.geteuid() == 0:
            # PostgreSQL refuses root: the backend runs as the unprivileged system user.
            assert os.stat(f"/proc/{conn.info.backend_pid}").st_uid != 0
    mode = stat.S_IMODE(os.stat(pg_cluster.root).st_mode)
    assert mode == 0o700
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(pg_cluster.dsn(password="wrong")).close()


def test_per_test_database_is_fresh(pg_dsn: str) -> None:
    with psycopg.connect(pg_dsn) as conn:
        conn.execute("CREATE TABLE t (x int)")
        count = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
        assert count == (1,)


def test_second_cluster_starts_and_is_removed() -> None:
    with pgcluster.throwaway_cluster(fast=True) as cluster:
        root = cluster.root
        with psycopg.connect(cluster.dsn()) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    assert not root.exists()
