"""Appending a later pass's template families to a language's tables.

Families are appended, never inserted, so every earlier family keeps its position and
therefore its train/test assignment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def append_families(
    cores: dict[str, list[Any]],
    emotions: dict[str, list[Any]],
    happy_cores: list[Any],
    *,
    more_cores: Mapping[str, Sequence[Any]] | None = None,
    more_emotions: Mapping[str, Sequence[Any]] | None = None,
    more_happy: Sequence[Any] = (),
) -> None:
    for issue, families in (more_cores or {}).items():
        cores[issue].extend(families)
    for emotion, families in (more_emotions or {}).items():
        emotions[emotion].extend(families)
    happy_cores.extend(more_happy)
