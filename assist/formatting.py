"""Numbers, Rupiah, dates, clock times and relative times for people, through Babel.

Every user-facing number or date in Peka goes through here, in the language of whoever
reads it: the interface language for the agent, the customer's language in a reply.
``id`` writes ``2.000`` and ``Rp 2.774.000``; ``en`` writes ``2,000`` and ``Rp 2,774,000``
(rupiah keep their own symbol in English, as Indonesian shops write them).
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import format_time as _format_time
from babel.dates import format_timedelta
from babel.numbers import format_currency, format_decimal

from assist.money import EXPONENT

LOCALES = {"id": "id_ID", "en": "en_US"}


def locale_of(language: str) -> str:
    return LOCALES.get(language, LOCALES["id"])


def format_number(value: int | float | Decimal, language: str = "id") -> str:
    """``2.000`` in Indonesian, ``2,000`` in English."""
    return str(format_decimal(value, locale=locale_of(language)))


def format_money(amount_minor: int, currency: str = "IDR", language: str = "id") -> str:
    """``Rp 150.000`` (sen only when there are any); other currencies as the locale writes
    them (``$5.25``)."""
    exponent = EXPONENT.get(currency, 2)
    major = Decimal(amount_minor).scaleb(-exponent)
    if currency == "IDR":
        pattern = "#,##0.00" if amount_minor % 10**exponent else "#,##0"
        number = format_decimal(abs(major), format=pattern, locale=locale_of(language))
        return f"{'-' if amount_minor < 0 else ''}Rp {number}"
    return str(format_currency(major, currency, locale=locale_of(language)))


def format_clock(value: time, language: str = "id") -> str:
    """``17.00`` in Indonesian, ``5:00 PM`` in English."""
    return str(_format_time(value, format="short", locale=locale_of(language)))


def format_day(value: date | datetime, language: str = "id", *, length: str = "medium") -> str:
    """``5 Des 2026`` / ``Dec 5, 2026`` (``length="long"``: ``5 Desember 2026``)."""
    if isinstance(value, datetime):
        value = value.date()
    return str(_format_date(value, format=length, locale=locale_of(language)))


def format_moment(value: datetime, language: str = "id") -> str:
    """A date and time in the reader's local time zone (``5 Des 2026 14.03``)."""
    local = value.astimezone() if value.tzinfo is not None else value
    return f"{format_day(local, language)} {format_clock(local.time(), language)}"


def format_ago(value: datetime, now: datetime, language: str = "id") -> str:
    """``3 hari yang lalu`` / ``3 days ago`` (``in 2 hours`` for the future)."""
    return str(
        format_timedelta(value - now, add_direction=True, threshold=1.0, locale=locale_of(language))
    )


def format_stamp(value: datetime, language: str = "id") -> str:
    """A short date-time for tables (``5/12/26 14.03``), in local time."""
    local = value.astimezone() if value.tzinfo is not None else value
    return str(_format_datetime(local, format="short", locale=locale_of(language)))


__all__ = [
    "format_ago",
    "format_clock",
    "format_day",
    "format_moment",
    "format_money",
    "format_number",
    "format_stamp",
    "locale_of",
]
