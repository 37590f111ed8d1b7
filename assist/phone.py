"""Indonesian phone numbers in any format people type, normalised to +62…"""

from __future__ import annotations

import re

_NON_DIGIT = re.compile(r"[^\d+]")


def normalise_phone(text: str) -> str | None:
    """``+62 812-3456-789``, ``62812…``, ``0812 3456 789`` and ``812…`` → ``+62812…``.

    Returns None when the text cannot be an Indonesian mobile or landline number.
    Numbers with another country code keep it (``+65…``).
    """
    raw = _NON_DIGIT.sub("", text.strip())
    if not raw:
        return None
    if raw.startswith("+"):
        digits = raw[1:].replace("+", "")
        if not digits.isdigit():
            return None
        if digits.startswith("62"):
            rest = digits[2:].lstrip("0")
            return "+62" + rest if 7 <= len(rest) <= 13 else None
        return "+" + digits if 8 <= len(digits) <= 15 else None
    digits = raw.replace("+", "")
    if digits.startswith("62"):
        rest = digits[2:].lstrip("0")
    elif digits.startswith("0"):
        rest = digits.lstrip("0")
    elif digits.startswith("8"):
        rest = digits
    else:
        return None
    return "+62" + rest if 7 <= len(rest) <= 13 else None


def phone_search_key(text: str) -> str:
    """Digits after the country code or trunk zero: what partial phone searches match on."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("62"):
        digits = digits[2:]
    return digits.lstrip("0")


def display_phone(phone: str) -> str:
    """How Indonesian agents read a number aloud: ``+6281311122233`` → ``0813-1112-2233``.
    Numbers from other countries are shown as stored."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not phone.startswith("+62") or len(digits) < 9:
        return phone
    local = "0" + digits[2:]
    return "-".join(part for part in (local[:4], local[4:8], local[8:]) if part)
