"""``peka bench sync``: the core's sync benchmark (a throwaway PostgreSQL source, see
:mod:`assist.sync.bench`) plus ``gui_block_max_ms``: the real sidebar, offscreen, on the
synced cache while the incremental sync runs in the same process, with a 1 ms heartbeat
timer on the GUI thread and an agent searching for customers meanwhile.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from ui.bench import percentile


def _during_incremental(incremental: Callable[[], Any], cache_path: Path) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from assist.app.settings import AppSettings
    from assist.authority.demo import install_demo_policy
    from assist.cli.common import get_config
    from ui.app import application, build_window

    holder: dict[str, Any] = {}
    ran = threading.Event()

    def work() -> None:
        try:
            result, seconds, _ = incremental()
            holder["result"], holder["seconds"] = result, seconds
        except BaseException as exc:  # reported below, on the bench's thread
            holder["error"] = exc
        finally:
            ran.set()

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
            sync_sources_file=None,
            always_on_top=False,
            language="id",
            theme="light",
        )
        app = application()
        window = build_window(settings, remember_place=False, app=app)
        window.resize(420, 1000)
        window.show()

        def pump(ms: int) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        deadline = time.perf_counter() + 60
        while not window.controller.ready and time.perf_counter() < deadline:
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

        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.PreciseTimer)
        heartbeat.setInterval(1)
        heartbeat.timeout.connect(beat)
        heartbeat.start()
        last[0] = time.perf_counter()
        thread = threading.Thread(target=work, name="bench-sync", daemon=True)
        thread.start()
        searches = 0
        names = ["Sri Wahyuni", "Budi Santoso", "0812 0000 12", "Kevin", "Putri Lestari"]
        while not ran.is_set():
            window.search.clear()
            for ch in names[searches % len(names)]:  # key by key, as an agent types
                QTest.keyClick(window.search.box, ch)
                pump(15)
            searches += 1
            pump(100)
        thread.join()
        pump(50)
        heartbeat.stop()
        window.close()
        app.processEvents()
    if "error" in holder:
        raise holder["error"]
    return {
        "incremental_rows": holder["result"].upserted,
        "incremental_s": round(holder["seconds"], 2),
        "gui_block_max_ms": round(max(gaps, default=0.0), 2),
        "gui_block_p99_ms": round(percentile(gaps, 99), 2),
        "gui_searches_during_sync": searches,
        "gui_gaps_over_16ms": [list(g) for g in long_gaps],
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
