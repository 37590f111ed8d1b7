"""A tiny run of `peka bench sync` (its own throwaway PostgreSQL): the keys are there."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from assist.team import pgcluster
from ui.entry import full_cli


@pytest.mark.skipif(
    not pgcluster.available() and not os.environ.get("CI"), reason="no PostgreSQL binaries"
)
def test_bench_sync_smoke() -> None:
    args = ["bench", "sync", "--json", "--customers", "200", "--transactions-per-customer", "3"]
    result = CliRunner().invoke(full_cli(), [*args, "--no-gui"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["customers"] == 200 and data["transactions"] == 600
    assert data["initial_rows"] == 800 and data["initial_rows_per_s"] > 0
    assert data["changed_rows"] == 2 + 2 * 3 and data["incremental_s"] >= 0
