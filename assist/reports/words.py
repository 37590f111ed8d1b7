"""Report text in Indonesian and English: chart titles, axes, legends, the summary page.

Only what people read is translated. CSV file names and column headings stay English
snake_case in every language (``amount_minor``, ``budget_used_percent``) so that
spreadsheets, scripts and last month's files keep working whatever language a supervisor
chose. Qt-free: ``ui/charts.py`` and ``peka report`` both read it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from assist.formatting import locale_of
from assist.i18n import catalogue, text

LANGUAGES = ("id", "en")

# The text lives in the core's catalogues (resources/i18n/report.<language>.json, keys
# "report.<key>"): one translation mechanism for every string people read.
PREFIX = "report."


# Short money scales as people say them: "Rp 1,5 jt" (juta), "Rp 2 M" (miliar);
# in English "Rp 1.5M" (million), "Rp 2B" (billion).
_SCALES = {
    "id": ((1e9, " M"), (1e6, " jt"), (1e3, " rb")),
    "en": ((1e9, "B"), (1e6, "M"), (1e3, "K")),
}


def language_of(language: str | None) -> str:
    """``language`` if reports speak it, else Indonesian (the product's first language)."""
    return language if language in LANGUAGES else "id"


class Words:
    """The report's text and number style in one language (numbers and dates by Babel)."""

    def __init__(self, language: str | None = "id") -> None:
        self.language = language_of(language)
        self._locale = locale_of(self.language)

    def __call__(self, key: str, /, **fields: object) -> str:
        return text(self.language, PREFIX + key, **fields)

    def get(self, key: str, default: str) -> str:
        return catalogue(self.language).get(PREFIX + key, default)

    # -- numbers: "1.200" and "4,2" in Indonesian, "1,200" and "4.2" in English

    def number(self, value: float | int | Decimal, decimals: int = 0) -> str:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return str(format_decimal(value, format=pattern, locale=self._locale))

    def decimal(self, value: float | int | Decimal) -> str:
        """Up to one decimal, none when whole: 4,2 / 40 (4.2 / 40 in English)."""
        return str(format_decimal(round(float(value), 1), format="#,##0.#", locale=self._locale))

    def percent(self, value: float | int | Decimal) -> str:
        return f"{self.decimal(value)} %"

    def short_money(self, value: float, currency: str = "IDR") -> str:
        """Axis text: "Rp 1,5 jt", "Rp 500 rb" ("Rp 1.5M", "Rp 500K" in English)."""
        prefix = "Rp " if currency in ("", "IDR") else f"{currency} "
        size = abs(value)
        for limit, suffix in _SCALES[self.language]:
            if size >= limit:
                return f"{prefix}{self.decimal(value / limit)}{suffix}"
        return f"{prefix}{self.number(value)}"

    def axis_value(self, value: float, kind: str, currency: str = "") -> str:
        """Tick and bar labels: "Rp 1,5 jt", "40%", "4,2", "1.200"."""
        if kind == "percent":
            return f"{value:.0f}%"
        if kind == "score":
            return self.number(value, 1)
        if kind == "money":
            return self.short_money(value, currency)
        if abs(value - round(value)) < 1e-9:
            return self.number(round(value))
        return self.number(value, 1)

    # -- dates: "26 Okt" on a chart axis, "26 Okt 2026" in a sentence

    def day(self, day: date) -> str:
        return str(format_date(day, "d MMM", locale=self._locale))

    def date(self, day: date) -> str:
        return str(format_date(day, "d MMM y", locale=self._locale))
