"""The background-task helper and the event bridge deliver on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from assist.errors import PekaError
from assist.events import Event
from ui.bridge import EventBridge
from ui.errors import E605
from ui.ops import BackgroundRunner, error_text, run_in_background


def gui_thread() -> QThread:
    app = QApplication.instance()
    assert app is not None
    return app.thread()


def test_result_arrives_on_gui_thread_and_work_runs_off_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    worker_threads: list[int] = []
    delivered: list[tuple[int, bool]] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    def done(value: int) -> None:
        delivered.append((value, QThread.currentThread() is gui_thread()))

    run_in_background(work, done)
    qtbot.waitUntil(lambda: bool(delivered), timeout=5_000)
    assert delivered == [(42, True)]
    assert worker_threads and worker_threads[0] != threading.get_ident()


def test_superseded_results_are_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = BackgroundRunner()
    gate, started = threading.Event(), threading.Event()
    shown: list[str] = []
    ran: list[str] = []

    def slow(text: str) -> str:
        started.set()
        gate.wait(5)
        ran.append(text)
        return text

    # The first job is running when the later ones queue behind it with the same key.
    runner.submit(lambda: slow("a"), shown.append, key="draft")
    assert started.wait(5)
    runner.submit(lambda: ran.append("ab") or "ab", shown.append, key="draft")
    last = runner.submit(lambda: "abc", shown.append, key="draft")
    gate.set()
    qtbot.waitUntil(lambda: last.done, timeout=5_000)
    assert shown == ["abc"]  # "a" ran but was superseded, "ab" never ran
    assert ran == ["a"]
    assert runner.dropped == 1
    runner.shutdown()


def test_failures_go_to_the_failure_handler_or_the_status_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = BackgroundRunner()
    failures: list[Exception] = []
    reported: list[str] = []
    runner.error_reported.connect(reported.append)

    def boom() -> None:
        raise PekaError(E605, "Open a customer first.")

    runner.submit(boom, lambda _: None, failures.append)
    runner.submit(boom, lambda _: None)
    qtbot.waitUntil(lambda: bool(failures) and bool(reported), timeout=5_000)
    assert isinstance(failures[0], PekaError)
    assert reported == ["[E605] Open a customer first."]
    runner.shutdown()


def test_unexpected_errors_are_coded() -> None:
    assert error_text(ValueError("bad")).startswith("[E601] ValueError: bad")


def test_results_for_a_deleted_parent_are_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = BackgroundRunner()
    gate = threading.Event()
    parent = QObject()
    shown: list[int] = []
    ticket = runner.submit(lambda: gate.wait(5) and 1, shown.append, parent=parent)
    import shiboken6

    shiboken6.delete(parent)
    gate.set()
    qtbot.waitUntil(lambda: ticket.done, timeout=5_000)
    assert shown == []
    runner.shutdown()


def test_bridge_relays_core_events_onto_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    event: Event[str] = Event("session.updated")
    bridge = EventBridge()
    got: list[tuple[str, bool]] = []
    bridge.connect_event(event, lambda payload: got.append((payload, _on_gui())))
    names: list[str] = []
    bridge.event.connect(lambda name, payload: names.append(name))
    thread = threading.Thread(target=lambda: event.emit("from a worker"))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(got) and bool(names), timeout=5_000)
    assert got == [("from a worker", True)]
    assert names == ["session.updated"]
    bridge.disconnect_all()
    assert len(event) == 0


def _on_gui() -> bool:
    return QThread.currentThread() is gui_thread()
