"""Month names as customers read them in Indonesian and English (index 0 is January)."""

from __future__ import annotations

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_names(language: str) -> tuple[str, ...]:
    return MONTHS_ID if language == "id" else MONTHS_EN
