"""Real PostgreSQL for the tests: one throwaway cluster per test session.

Loaded from the top-level conftest.py. Fixtures:

- ``pg_cluster`` (session): a running :class:`assist.team.pgcluster.PgCluster`;
  ``pg_cluster.dsn()`` is the superuser's DSN, ``pg_cluster.dsn(db, user, password)`` any
  other. Started on first use only, so runs that need no database pay nothing.
- ``pg_dsn`` (function): a fresh, empty database for one test; the superuser's DSN to it.
  Dropped after the test.

Without PostgreSQL's binaries the tests that use these are skipped, except under CI=true,
where they fail: CI installs Debian's ``postgresql`` package (dev.py TEST_PACKAGES).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from assist.team import pgcluster

_counter = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgcluster.PgCluster]:
    if not pgcluster.available() and not os.environ.get("CI"):
        pytest.skip("PostgreSQL's server binaries are not installed (Debian: postgresql)")
    cluster = pgcluster.PgCluster.start(fast=True)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_dsn(pg_cluster: pgcluster.PgCluster) -> Iterator[str]:
    name = f"test_{os.getpid()}_{next(_counter)}"
    dsn = pg_cluster.create_database(name)
    try:
        yield dsn
    finally:
        pg_cluster.drop_database(name)
