"""The sidebar's sync, run in a child process so it never shares an interpreter lock with
the window.

Measured with ``peka bench sync`` (docs/performance.md#sync): in the sidebar's own process
a sync held the interpreter lock for 25–60 ms at a time — psycopg turning a 20,000-row
page into Python objects in one C call, the cyclic collector catching up over every
object the run had made, a REST page or a JSON drop file parsed in one call — and the GUI
thread, which needs that lock to run any Python at all, waited the whole time. Every
connector (and every connector IT adds) would have to avoid all of those. In a child
process the sync has its own interpreter and lock, and it runs at a lower priority than
the window; the sidebar's sync lane only waits on a pipe (outside the lock) for small
messages:

* ``("secret", name)`` and ``("team",)`` from the child: the parent answers from its OS
  keyring (a source's secret; team mode's server and login), so secrets are looked up
  where the desktop session's keyring lives and only when a source needs one (a drop
  folder needs none);
* ``("log", record)``: the child's log records, written to the parent's log;
* ``("progress", result)`` after each batch, and ``("done", [result, …])`` or
  ``("failed", code, message)`` at the end.

The child is started with ``spawn`` (never ``fork``: the parent runs Qt and threads). A
frozen bundle calls :func:`multiprocessing.freeze_support` in its entry points. If the
child dies, the run ends with E261; every batch it applied was its own committed
transaction, so the cache is whole either way and the next run goes on from the cursor.
"""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assist.errors import PekaError
from assist.sync.errors import E261

if TYPE_CHECKING:  # imported in the child only after it has set itself up (child_main)
    from assist.sync.runner import RunResult
    from assist.sync.sources import TeamLogin

log = logging.getLogger(__name__)

_CONTEXT = multiprocessing.get_context("spawn")
# Loggers whose records the child sends to the parent's log.
_FORWARDED = ("assist", "peka")
NICENESS = 10  # the child's priority below the window's (POSIX ``nice``)

Secret = Callable[[str], "str | None"]
Progress = Callable[["RunResult"], None]
TeamLoginSource = Callable[[], "TeamLogin"]


class SyncChild:
    """One sync run in a child process. :meth:`run` blocks its (worker) thread until the
    child is done; :meth:`stop`, from any thread, ends the child at once."""

    def __init__(
        self,
        cache_path: Path,
        sources_file: Path,
        *,
        only: str | None = None,
        secret: Secret,
        team_login: TeamLoginSource | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.cache_path = cache_path
        self.sources_file = sources_file
        self.only = only
        self.secret = secret
        self.team_login = team_login
        self.progress = progress
        self._process: Any = None
        self._lock = threading.Lock()
        self._stopped = False

    def run(self) -> list[RunResult]:
        ours, theirs = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(
            target=child_main,
            args=(theirs, str(self.cache_path), str(self.sources_file), self.only),
            name="peka-sync",
            daemon=True,  # never outlives the sidebar
        )
        with self._lock:
            if self._stopped:
                raise PekaError(E261, "The sync was stopped before it started.")
            process.start()
            self._process = process
        theirs.close()
        try:
            return self._listen(ours, process)
        finally:
            ours.close()
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
            with self._lock:
                self._process = None

    def stop(self) -> None:
        """End the child now (the sidebar is closing): what it committed stays."""
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.is_alive():
                self._process.kill()

    def _listen(self, conn: Connection, process: Any) -> list[RunResult]:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                process.join(timeout=10)
                raise PekaError(
                    E261,
                    "The sync process stopped before it finished "
                    f"(exit code {process.exitcode}). What it had applied is kept; the "
                    "next sync goes on from there. If this repeats, see Peka's log.",
                ) from None
            kind = message[0]
            if kind == "secret":
                conn.send(_answer(partial(self.secret, message[1])))
            elif kind == "team":
                conn.send(_answer(self._team_login))
            elif kind == "log":
                record: logging.LogRecord = message[1]
                logging.getLogger(record.name).handle(record)
            elif kind == "progress":
                if self.progress is not None:
                    self.progress(_result(message[1]))
            elif kind == "done":
                return [_result(item) for item in message[1]]
            elif kind == "failed":
                raise _error(message[1], message[2])

    def _team_login(self) -> tuple[str, str, str]:
        from assist.sync.sources import configured_team_login

        login = (self.team_login or configured_team_login)()
        return (login.server, login.login, login.password)


def _answer(look_up: Callable[[], Any]) -> tuple[Any, ...]:
    """A secret for the child, or the coded error the parent's keyring gave."""
    try:
        return ("ok", look_up())
    except PekaError as exc:
        return ("error", exc.code, exc.message)


def _error(code: str, message: str) -> PekaError:
    try:
        return PekaError(code, message)
    except ValueError:  # a code only the child's modules registered
        return PekaError(E261, f"[{code}] {message}")


def _result(data: dict[str, Any]) -> RunResult:
    from assist.sync.runner import RunResult

    fields = {k: v for k, v in data.items() if k != "ok"}
    return RunResult(**fields)


class _PipeQueue:
    """What :class:`logging.handlers.QueueHandler` needs of a queue: ``put_nowait``."""

    def __init__(self, conn: Connection, lock: threading.Lock) -> None:
        self._conn, self._lock = conn, lock

    def put_nowait(self, record: logging.LogRecord) -> None:
        with self._lock:
            self._conn.send(("log", record))


def _lower_priority() -> None:
    """Background work: where the sync and the window want the same core, the window
    goes first (a few seconds more for a sync nobody waits on)."""
    try:
        if sys.platform == "win32":
            import ctypes

            below_normal = 0x4000  # BELOW_NORMAL_PRIORITY_CLASS
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
        else:
            os.nice(NICENESS)
    except OSError:  # not allowed here: run at the normal priority
        logging.getLogger(__name__).debug("could not lower the sync's priority")


def child_main(conn: Connection, cache_path: str, sources_file: str, only: str | None) -> None:
    """The child's whole life: sync, report, exit."""
    # sqlite-utils imports numpy, when installed, only to accept numpy values; the sync
    # never writes any, and not loading it starts the child about 0.1 s sooner.
    sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]
    _lower_priority()
    from assist.sync.service import run_sync
    from assist.sync.sources import load_sources

    send_lock = threading.Lock()  # the run's read-ahead thread logs too

    def send(message: tuple[Any, ...]) -> None:
        with send_lock:
            conn.send(message)

    handler = logging.handlers.QueueHandler(_PipeQueue(conn, send_lock))  # type: ignore[arg-type]
    for name in _FORWARDED:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False

    def ask(*question: str) -> Any:
        with send_lock:
            conn.send(question)
            answer = conn.recv()
        if answer[0] == "error":
            raise PekaError(answer[1], answer[2])
        return answer[1]

    def secret(name: str) -> str | None:
        value: str | None = ask("secret", name)
        return value

    def team_login() -> TeamLogin:
        from assist.sync.sources import TeamLogin

        server, login, password = ask("team")
        return TeamLogin(server, login, password)

    try:
        config = load_sources(Path(sources_file))
        results = run_sync(
            Path(cache_path),
            config,
            only,
            secret=secret,
            team_login=team_login,
            progress=lambda result: send(("progress", result.to_json())),
        )
        send(("done", [r.to_json() for r in results]))
    except PekaError as exc:
        send(("failed", exc.code, exc.message))
    except BaseException:
        logging.getLogger(__name__).exception("the sync process failed")
        send(("failed", E261, "The sync process failed unexpectedly; see Peka's log."))
    finally:
        conn.close()
