"""A tiny Qt-free signal: the core emits, the sidebar's adapters listen.

The core must not import Qt, yet widgets must hear about changes. Listeners are plain
callables; ``ui/`` wraps them into Qt signals and marshals onto the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Event(Generic[T]):
    """A list of listeners called, in connection order, with one payload."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._listeners: list[Callable[[T], None]] = []
        self._lock = threading.Lock()

    def connect(self, listener: Callable[[T], None]) -> Callable[[], None]:
        """Add ``listener``; the returned function disconnects it again."""
        with self._lock:
            self._listeners.append(listener)

        def disconnect() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return disconnect

    def emit(self, payload: T) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(payload)

    def __len__(self) -> int:
        return len(self._listeners)
