"""A small per-agent memory of inserted phrases, so wording varies across the day.

A phrase an agent inserted a few minutes ago gets a penalty that fades with a half-life
of a few hours. The memory lives in memory while the sidebar runs; :meth:`flush`
writes new entries to the phrase database (at the end of a conversation, never on a
keystroke).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from assist.suggest.store import PhraseStore

MAX_PENALTY = 0.6


class UsageLog:
    def __init__(
        self,
        entries: list[tuple[str, str, datetime]] | None = None,
        *,
        store: PhraseStore | None = None,
        half_life: timedelta = timedelta(hours=3),
        window: timedelta = timedelta(hours=24),
    ) -> None:
        self._entries: list[tuple[str, str, datetime]] = list(entries or [])
        self._pending: list[tuple[str, str, datetime]] = []
        self._lock = threading.Lock()
        self.store = store
        self.half_life = half_life
        self.window = window

    @classmethod
    def load(cls, store: PhraseStore, agent_id: str, now: datetime) -> UsageLog:
        """The agent's last day of insertions from the database."""
        log = cls(store=store)
        since = now - log.window
        log._entries = [(agent_id, p, t) for p, t in store.usage_since(agent_id, since)]
        return log

    def record(self, agent_id: str, phrase_id: str, at: datetime) -> None:
        with self._lock:
            self._entries.append((agent_id, phrase_id, at))
            self._pending.append((agent_id, phrase_id, at))

    def penalties(self, agent_id: str, now: datetime) -> dict[str, float]:
        """phrase id → penalty; each recent use adds a share that halves every half-life."""
        found: dict[str, float] = {}
        with self._lock:
            entries = list(self._entries)
        for agent, phrase_id, at in entries:
            if agent != agent_id:
                continue
            age = now - at
            if age > self.window:
                continue
            weight = 0.5 ** (max(age.total_seconds(), 0.0) / self.half_life.total_seconds())
            found[phrase_id] = min(MAX_PENALTY, found.get(phrase_id, 0.0) + 0.35 * weight)
        return {k: round(v, 4) for k, v in found.items()}

    def pending(self) -> list[tuple[str, str, datetime]]:
        with self._lock:
            return list(self._pending)

    def flush(self) -> int:
        """Write new entries to the store (if there is one); returns how many."""
        with self._lock:
            pending, self._pending = self._pending, []
        if self.store is None or not pending:
            return 0
        try:
            self.store.record_usage(pending)
        except Exception:
            with self._lock:
                self._pending = pending + self._pending
            raise
        return len(pending)
