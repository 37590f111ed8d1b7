"""Core events (``assist.events.Event``) as Qt signals, delivered on the GUI thread.

The core emits its events on whatever thread did the work – in the sidebar that is a
worker lane. A :class:`EventBridge` relays each payload through a Qt signal of a
GUI-thread object, so Qt queues it onto the GUI thread and the widgets' slots never run
on a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from assist.events import Event


class _Relay(QObject):
    fired = Signal(object)


class EventBridge(QObject):
    """Listens to core events and re-emits them as Qt signals on the GUI thread."""

    # Every relayed event as (event name, payload), for status lines and tests.
    event = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._disconnects: list[Callable[[], None]] = []
        self._relays: list[_Relay] = []

    def connect_event(self, source: Event[Any], slot: Callable[[Any], None] | None = None) -> None:
        """Relay ``source``; ``slot`` (if given) runs on the GUI thread with the payload."""
        relay = _Relay(self)
        name = source.name
        # Queued even from the GUI thread: the core may emit while holding its own locks.
        relay.fired.connect(lambda payload: self.event.emit(name, payload), Qt.QueuedConnection)
        if slot is not None:
            relay.fired.connect(slot, Qt.QueuedConnection)
        self._relays.append(relay)
        self._disconnects.append(source.connect(relay.fired.emit))

    def disconnect_all(self) -> None:
        for disconnect in self._disconnects:
            disconnect()
        self._disconnects.clear()
        for relay in self._relays:
            relay.deleteLater()
        self._relays.clear()
