"""When the agent can truthfully promise to get back to the customer.

A phrase never carries a fixed clock time ("paling lambat pukul 17.00" at 21:10 is a
promise nobody keeps): ``{deadline}`` is worked out from the agent's own clock and the
configured working hours (``agent.hours_start`` / ``agent.hours_end``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from assist.formatting import format_clock
from assist.i18n import text

# How long an agent needs, at least, to come back with news.
LEAD = timedelta(hours=2)


@dataclass(frozen=True, slots=True)
class WorkingHours:
    start: int = 8  # hour of day the agent's shift starts (0-23)
    end: int = 17  # hour it ends (1-24), after start

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end <= 24):
            raise ValueError(f"working hours {self.start}-{self.end}: need 0 <= start < end <= 24")


def deadline(now: datetime, hours: WorkingHours) -> tuple[datetime, bool]:
    """The reply-by time (on the hour, in ``now``'s time zone) and whether it is today."""
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    end = day + timedelta(hours=hours.end)
    first = day + timedelta(hours=hours.start) + LEAD
    if now < day + timedelta(hours=hours.start):
        return min(first, end), True
    target = now + LEAD
    if target.minute or target.second or target.microsecond:
        target = target.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    if target <= end:
        return target, True
    if now + timedelta(hours=1) <= end:
        return end, True  # an hour or more left in the shift: the end of it
    return min(first, end) + timedelta(days=1), False


def deadline_text(now: datetime, hours: WorkingHours, language: str) -> str:
    """``paling lambat pukul 16.00 hari ini`` / ``by 4:00 PM today`` (or tomorrow)."""
    when, today = deadline(now, hours)
    clock = format_clock(time(when.hour, when.minute), language)
    lang = "en" if language == "en" else "id"
    return text(lang, "deadline.today" if today else "deadline.tomorrow", clock=clock)
