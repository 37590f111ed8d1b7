"""``peka bench sync``: the core's sync benchmark (a throwaway PostgreSQL source, see
:mod:`assist.sync.bench`) plus ``gui_block_max_ms``: the real sidebar, offscreen, on the
synced cache, runs the incremental sync itself (Sync now, through its sync lane and the
sync's child process, from a sources file naming the source) while a 1 ms heartbeat timer
beats on the GUI thread and an agent searches for customers.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ui.bench import percentile

if TYPE_CHECKING:
    from assist.sync.bench import BenchSource

# After the sync: the sidebar refreshes its cache view and the agent keeps searching; the
# heartbeat goes on this long so that work is measured too.
AFTER_SYNC_S = 1.0
# Before it: the same typing with no sync running, as a control.
BASELINE_S = 3.0


def _during_incremental(source: BenchSource, cache_path: Path) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from assist.app.settings import AppSettings
    from assist.authority.demo import install_demo_policy
    from assist.cli.common import get_config
    from ui.app import application, build_window

    with tempfile.TemporaryDirectory(prefix="peka-bench-sync-ui-") as tmp:
        folder = Path(tmp)
        policy = install_demo_policy(folder / "policy")
        settings = replace(
            AppSettings.from_config(get_config()),
            cache_path=cache_path,
            ledger_path=folder / "ledger.sqlite",
            outcomes_path=folder / "outcomes.sqlite",
            policy_path=policy.policy_path,
            keys_dir=policy.keys_dir,
            sync_sources_file=source.write_sources_file(folder / "sync.toml"),
            sync_interval_minutes=0,  # only when asked: the benchmark asks once
            always_on_top=False,
            language="id",
            theme="light",
        )
        app = application()
        window = build_window(settings, remember_place=False, app=app)
        controller = window.controller
        # The throwaway cluster's password, handed over as the OS keyring would.
        controller.core.sync_secret = lambda _name: source.password
        window.resize(420, 1000)
        window.show()

        def pump(ms: int) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        deadline = time.perf_counter() + 60
        while (not controller.ready or controller.sync is None) and time.perf_counter() < deadline:
            pump(20)
        gaps: list[float] = []
        last = [time.perf_counter()]
        # (gap ms, GUI thread CPU ms in it): little CPU in a long gap means the GUI thread
        # was waiting for a core (other processes on a shared machine) or the GIL.
        long_gaps: list[tuple[float, float]] = []
        last_cpu = [time.thread_time()]

        def beat() -> None:
            now, cpu = time.perf_counter(), time.thread_time()
            gap = (now - last[0]) * 1000
            gaps.append(gap)
            if gap > 16:
                long_gaps.append((round(gap, 1), round((cpu - last_cpu[0]) * 1000, 1)))
            last[0], last_cpu[0] = now, cpu

        names = ["Sri Wahyuni", "Budi Santoso", "0812 0000 12", "Kevin", "Putri Lestari"]
        searches = 0

        def type_search() -> None:
            nonlocal searches
            window.search.clear()
            for ch in names[searches % len(names)]:  # key by key, as an agent types
                QTest.keyClick(window.search.box, ch)
                pump(15)
            searches += 1
            pump(100)

        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.PreciseTimer)
        heartbeat.setInterval(1)
        heartbeat.timeout.connect(beat)
        # The control: the same agent typing the same searches with no sync running
        # (on a shared machine this is the part of the gaps the sync did not cause).
        heartbeat.start()
        last[0] = time.perf_counter()
        baseline_until = time.perf_counter() + BASELINE_S
        while time.perf_counter() < baseline_until:
            type_search()
        baseline = (max(gaps, default=0.0), percentile(gaps, 99))
        gaps.clear()
        long_gaps.clear()
        searches = 0
        synced: dict[str, Any] = {}
        failures: list[str] = []
        controller.sync_changed.connect(
            lambda view: synced.setdefault("at", (time.perf_counter(), view))
        )
        controller.error.connect(failures.append)
        started = time.perf_counter()
        controller.sync_now()
        typing_until: float | None = None
        while typing_until is None or time.perf_counter() < typing_until:
            type_search()
            if typing_until is None and not controller.syncing:
                typing_until = time.perf_counter() + AFTER_SYNC_S
            if time.perf_counter() - started > 600:
                raise RuntimeError("the sidebar's sync did not finish in 10 minutes")
        heartbeat.stop()
        window.close()
        app.processEvents()
    if "at" not in synced:
        raise RuntimeError("the sidebar's sync ended without a result: " + "; ".join(failures))
    finished, view = synced["at"]
    failed = [s.error for s in view.sources if s.ok is False]
    if failed:
        raise RuntimeError(f"the sidebar's sync failed: {failed[0]}")
    return {
        "incremental_rows": view.changed_rows,
        "incremental_s": round(finished - started, 2),
        "gui_block_max_ms": round(max(gaps, default=0.0), 2),
        "gui_block_p99_ms": round(percentile(gaps, 99), 2),
        "gui_searches_during_sync": searches,
        "gui_gaps_over_16ms": [list(g) for g in long_gaps],
        "gui_block_max_ms_without_sync": round(baseline[0], 2),
        "gui_block_p99_ms_without_sync": round(baseline[1], 2),
    }


def run_bench(
    *, customers: int, per_customer: int, changed_share: float, gui: bool
) -> dict[str, Any]:
    from assist.sync import bench

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return bench.run_bench(
        customers=customers,
        per_customer=per_customer,
        changed_share=changed_share,
        during_incremental=_during_incremental if gui else None,
    )


@click.command("sync")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the only output).")
@click.option("--customers", type=click.IntRange(100, 1_000_000), default=100_000)
@click.option(
    "--transactions-per-customer", "per_customer", type=click.IntRange(0, 100), default=20
)
@click.option("--changed-share", type=click.FloatRange(0.0001, 1.0), default=0.01)
@click.option(
    "--gui/--no-gui", default=True, help="Measure the sidebar during the incremental sync."
)
def bench_sync_command(
    as_json: bool, customers: int, per_customer: int, changed_share: float, gui: bool
) -> None:
    """Sync from a throwaway PostgreSQL filled with generated customers (docs/performance.md)."""
    from assist.cli.common import echo_json

    result = run_bench(
        customers=customers, per_customer=per_customer, changed_share=changed_share, gui=gui
    )
    if as_json:
        echo_json(result)
        return
    for key, value in result.items():
        click.echo(f"{key}: {value}")


def register(cli: click.Group) -> None:
    bench = cli.commands.get("bench")
    if isinstance(bench, click.Group):
        bench.add_command(bench_sync_command)
