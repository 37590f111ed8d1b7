"""Watch the team server's approval queue for a supervisor's console.

A background thread LISTENs for new requests and decisions and, on each notification
(and every ``poll_s`` seconds, in case one was missed), reads the pending list back from
the server and hands it to ``on_change``; while the server cannot be reached it hands
over the coded error instead and keeps trying. Notifications are only hints: what is
shown is always read from the server.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from assist.errors import PekaError
from assist.team.client import (
    CHANNEL_APPROVALS,
    CHANNEL_DECISIONS,
    CHANNEL_OFFLINE_REFUSALS,
    Listener,
    TeamClient,
    TeamRequest,
)

Change = Callable[[list[TeamRequest] | PekaError], None]


class QueueWatcher:
    def __init__(self, client: TeamClient, on_change: Change, *, poll_s: float = 30.0) -> None:
        self.client = client
        self.on_change = on_change
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="peka-team-queue", daemon=True)

    def start(self) -> QueueWatcher:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        listener: Listener | None = None
        while not self._stop.is_set():
            try:
                if listener is None:
                    listener = Listener(
                        self.client, CHANNEL_APPROVALS, CHANNEL_DECISIONS, CHANNEL_OFFLINE_REFUSALS
                    )
                self.on_change(self.client.pending_approvals())
                waited = 0.0
                while not self._stop.is_set() and waited < self.poll_s:
                    if listener.wait(0.5, stop_after=1):
                        break
                    waited += 0.5
            except PekaError as exc:
                if listener is not None:
                    listener.close()
                    listener = None
                self.on_change(exc)
                self._stop.wait(2.0)  # the server is down: try again shortly
        if listener is not None:
            listener.close()
