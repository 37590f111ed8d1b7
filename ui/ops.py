"""The one way widgets call the core: run a function off the GUI thread, get the result on it.

Modelled on Anki's ``QueryOp``: the caller passes the work (``op``), what to do with the
result (``success``) and, optionally, what to do with an error (``failure``). The work runs
on a *lane* – one worker thread per lane, taking jobs in order – so the core's objects
(SQLite connections, the spaCy pipeline, the session) are only ever used by one thread at
a time and never by the GUI thread. Results come back through a queued Qt signal, so
``success`` and ``failure`` always run on the GUI thread.

Keystroke-driven work passes a ``key``: a newer job with the same key drops older ones
that have not started yet, and the result of one that was already running is discarded,
so only the latest draft's suggestions reach the screen.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication

from assist.errors import PekaError
from ui.errors import E601

T = TypeVar("T")
log = logging.getLogger(__name__)

DEFAULT_LANE = "core"


@dataclass(eq=False)
class Ticket(Generic[T]):
    """A submitted job; ``cancel()`` drops it (or its result) if it has not been shown yet."""

    op: Callable[[], T]
    success: Callable[[T], None]
    failure: Callable[[Exception], None] | None
    key: str | None
    generation: int
    lane: str
    parent: QObject | None
    submitted_at: float = field(default_factory=time.perf_counter)
    started_at: float | None = None
    finished_at: float | None = None
    cancelled: bool = False
    done: bool = False

    def cancel(self) -> None:
        self.cancelled = True


class _Lane:
    """One worker thread that takes jobs from its queue in order."""

    def __init__(self, name: str, runner: BackgroundRunner) -> None:
        self.name = name
        self._runner = runner
        self._queue: deque[Ticket[Any]] = deque()
        self._cond = threading.Condition()
        self._stopping = False
        self.busy = False
        self._thread = threading.Thread(target=self._loop, name=f"peka-{name}", daemon=True)
        self._thread.start()

    def put(self, ticket: Ticket[Any]) -> None:
        with self._cond:
            if ticket.key is not None:
                # A newer keystroke supersedes queued work for the same key.
                for queued in self._queue:
                    if queued.key == ticket.key:
                        queued.cancelled = True
                self._queue = deque(t for t in self._queue if not t.cancelled)
            self._queue.append(ticket)
            self._cond.notify()

    def queued(self) -> int:
        with self._cond:
            return len(self._queue) + (1 if self.busy else 0)

    def stop(self, timeout: float | None) -> None:
        with self._cond:
            self._stopping = True
            for queued in self._queue:
                queued.cancelled = True
            self._queue.clear()
            self._cond.notify()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                ticket = self._queue.popleft()
                self.busy = True
            try:
                if ticket.cancelled:
                    continue
                ticket.started_at = time.perf_counter()
                try:
                    value: Any = ticket.op()
                    ok = True
                except Exception as exc:  # delivered to the GUI thread, never swallowed
                    value, ok = exc, False
                ticket.finished_at = time.perf_counter()
                self._runner._finished.emit((ticket, ok, value))
            finally:
                with self._cond:
                    self.busy = False


class BackgroundRunner(QObject):
    """Runs jobs on worker lanes and delivers their outcome on the GUI thread."""

    # Carries (ticket, ok, value) from a worker thread; queued onto the GUI thread.
    _finished = Signal(object)
    # A job without its own failure handler failed: the window shows the message.
    error_reported = Signal(str)
    # Emitted after every delivered (not dropped) job: the ticket (for timing).
    delivered = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes: dict[str, _Lane] = {}
        self._generations: dict[str, int] = {}
        self._lock = threading.Lock()
        self._finished.connect(self._deliver)
        self.dropped = 0

    def submit(
        self,
        op: Callable[[], T],
        success: Callable[[T], None],
        failure: Callable[[Exception], None] | None = None,
        *,
        key: str | None = None,
        lane: str = DEFAULT_LANE,
        parent: QObject | None = None,
    ) -> Ticket[T]:
        with self._lock:
            generation = self._generations.get(key, 0) + 1 if key is not None else 0
            if key is not None:
                self._generations[key] = generation
            worker = self._lanes.get(lane)
            if worker is None:
                worker = self._lanes[lane] = _Lane(lane, self)
        ticket: Ticket[T] = Ticket(op, success, failure, key, generation, lane, parent)
        worker.put(ticket)
        return ticket

    def supersede(self, key: str) -> None:
        """Forget every job with ``key`` that has not been shown yet."""
        with self._lock:
            self._generations[key] = self._generations.get(key, 0) + 1

    def is_current(self, ticket: Ticket[Any]) -> bool:
        if ticket.key is None:
            return True
        with self._lock:
            return self._generations.get(ticket.key, 0) == ticket.generation

    def busy(self, lane: str | None = None) -> bool:
        lanes = [self._lanes[lane]] if lane in self._lanes else []
        if lane is None:
            lanes = list(self._lanes.values())
        return any(w.queued() for w in lanes)

    def shutdown(self, timeout: float | None = 5.0) -> None:
        for worker in list(self._lanes.values()):
            worker.stop(timeout)
        self._lanes.clear()

    @Slot(object)
    def _deliver(self, payload: tuple[Ticket[Any], bool, Any]) -> None:
        ticket, ok, value = payload
        ticket.done = True
        if ticket.cancelled or not self.is_current(ticket):
            self.dropped += 1
            return
        if ticket.parent is not None and not shiboken6.isValid(ticket.parent):
            self.dropped += 1
            return
        if ok:
            try:
                ticket.success(value)
            except Exception as exc:
                log.exception("showing a background result failed")
                self._report(exc, None)
        else:
            self._report(value, ticket.failure)
        self.delivered.emit(ticket)

    def _report(self, exc: Exception, failure: Callable[[Exception], None] | None) -> None:
        if failure is not None:
            failure(exc)
            return
        self.error_reported.emit(error_text(exc))


def error_text(exc: BaseException) -> str:
    """What the agent reads about an error: coded messages as they are, others under E601."""
    if isinstance(exc, PekaError):
        return str(exc)
    log.error("unexpected error in a background task", exc_info=exc)
    return f"[{E601}] {type(exc).__name__}: {exc}. Try again; if it repeats, send the log to IT."


_default: BackgroundRunner | None = None


def runner() -> BackgroundRunner:
    """The application's runner (created on first use, living on the GUI thread)."""
    global _default
    app = QApplication.instance()
    if _default is None or not shiboken6.isValid(_default):
        if app is None:
            raise RuntimeError("create the QApplication before running background work")
        if QThread.currentThread() is not app.thread():
            raise RuntimeError("the background runner must be created on the GUI thread")
        _default = BackgroundRunner(app)
        app.aboutToQuit.connect(_default.shutdown)
    return _default


def run_in_background(
    op: Callable[[], T],
    success: Callable[[T], None],
    failure: Callable[[Exception], None] | None = None,
    *,
    parent: QObject | None = None,
    key: str | None = None,
    lane: str = DEFAULT_LANE,
) -> Ticket[T]:
    """Run ``op`` on a worker lane; call ``success(result)`` or ``failure(exc)`` on the GUI
    thread. Without ``failure``, coded errors appear in the window's status line."""
    return runner().submit(op, success, failure, key=key, lane=lane, parent=parent)
