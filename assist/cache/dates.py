"""Dates and times as import files write them, and as the cache stores them.

The cache stores UTC times as fixed-width text ``YYYY-MM-DDTHH:MM:SSZ`` (to the second),
so text order is time order and an index on the column serves "newest first". Files may
use ISO 8601 (``2024-03-12``, ``2024-03-12T10:15:00+07:00``, ``…Z``) or ``dd/mm/yyyy``
with an optional ``HH:MM[:SS]``. A time without an offset is Western Indonesian Time
(WIB, UTC+7): helpdesk exports here are written in local time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache

WIB = timezone(timedelta(hours=7), "WIB")

_DMY = re.compile(
    r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:[ T](?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?$"
)


def parse_day(text: str) -> date:
    """``2024-03-12`` or ``12/03/2024`` → a date; ValueError with the reason otherwise."""
    text = text.strip()
    match = _DMY.match(text)
    if match:
        if match.group("H") is not None:
            raise ValueError("expected a date without a time")
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    if len(text) == 10 and text[4] == "-":
        return date.fromisoformat(text)
    raise ValueError("expected a date like 2024-03-12 or 12/03/2024")


@lru_cache(maxsize=4096)
def _parse_when_cached(text: str) -> str:
    return to_stored(parse_when(text))


def parse_when(text: str) -> datetime:
    """An ISO 8601 or dd/mm/yyyy date or time → an aware UTC datetime (to the second)."""
    text = text.strip()
    match = _DMY.match(text)
    if match:
        value = datetime(
            int(match.group("y")),
            int(match.group("m")),
            int(match.group("d")),
            int(match.group("H") or 0),
            int(match.group("M") or 0),
            int(match.group("S") or 0),
        )
    else:
        if len(text) < 10 or text[4] != "-":
            raise ValueError("expected ISO 8601 (2024-03-12T10:15:00+07:00) or dd/mm/yyyy")
        value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=WIB)
    return value.astimezone(UTC).replace(microsecond=0)


def stored_when(text: str) -> str:
    """Parse a file's date or time straight to the stored text form (memoised: exports repeat)."""
    return _parse_when_cached(text.strip())


def to_stored(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    # isoformat is several times faster than strftime, which matters for millions of rows.
    return value.astimezone(UTC).isoformat(timespec="seconds")[:19] + "Z"


def from_stored(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text)


def day_from_stored(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
