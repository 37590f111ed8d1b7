"""Money as integer minor units, parsed from what Indonesian people actually write.

``150000``, ``Rp 150.000``, ``Rp150.000,50``, ``150rb``, ``150 ribu``, ``1,5jt``, ``2 juta``,
``IDR 20k``, ``$5`` and ``USD 5.25`` all parse. Amounts never pass through float: a
rounding error in a refund is a real customer's money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# ISO 4217 exponents for the currencies a contact centre here meets.
EXPONENT: dict[str, int] = {"IDR": 2, "USD": 2, "SGD": 2, "MYR": 2, "EUR": 2, "JPY": 0}

_MULTIPLIERS: dict[str, int] = {
    "": 1,
    "k": 1_000,
    "rb": 1_000,
    "ribu": 1_000,
    "rbu": 1_000,
    "jt": 1_000_000,
    "juta": 1_000_000,
    "m": 1_000_000,
    "mio": 1_000_000,
    "million": 1_000_000,
    "miliar": 1_000_000_000,
    "m1": 1_000_000_000,
}

_PREFIX = {
    "rp": "IDR",
    "rp.": "IDR",
    "idr": "IDR",
    "$": "USD",
    "usd": "USD",
    "us$": "USD",
    "sgd": "SGD",
    "s$": "SGD",
    "myr": "MYR",
    "rm": "MYR",
    "eur": "EUR",
    "€": "EUR",
}

MONEY_RE = re.compile(
    r"""^\s*(?P<cur>rp\.?|idr|us\$|usd|\$|sgd|s\$|myr|rm|eur|€)?\s*
        (?P<num>\d[\d.,\s]*?)\s*
        (?P<mult>k|rb|rbu|ribu|jt|juta|mio|million|miliar)?\s*
        (?P<cur2>idr|rupiah|usd)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True, order=True)
class Money:
    amount_minor: int
    currency: str = "IDR"

    @property
    def major(self) -> Decimal:
        return Decimal(self.amount_minor).scaleb(-EXPONENT.get(self.currency, 2))

    def format(self) -> str:
        return format_money(self.amount_minor, self.currency)


# Digits, optionally grouped in threes by one kind of separator, optionally one decimal part.
_GROUPING = re.compile(r"^\d+(?:\d*|(?:[.,]\d{3})+)(?:[.,]\d+)?$")


def _number(text: str, has_multiplier: bool, currency: str) -> Decimal:
    """Read ``1.500.000``, ``1,5``, ``1,500,000.50`` or ``150.000,50`` as a Decimal."""
    digits = text.replace(" ", "")
    if not _GROUPING.match(digits):
        raise ValueError(f"not a number: {text!r}")
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        # The later separator is the decimal one.
        if digits.rfind(",") > digits.rfind("."):
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif commas:
        head, _, tail = digits.rpartition(",")
        if commas == 1 and (len(tail) != 3 or has_multiplier):
            digits = head + "." + tail
        else:
            digits = digits.replace(",", "")
    elif dots:
        head, _, tail = digits.rpartition(".")
        # Rupiah writes thousands with dots; "5.25" in dollars is a decimal point.
        if (
            dots == 1
            and (len(tail) != 3 or has_multiplier)
            and not (currency == "IDR" and len(tail) == 3)
        ):
            digits = head + "." + tail
        else:
            digits = digits.replace(".", "")
    whole = digits.split(".")[0]
    if not whole.isdigit():
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(digits)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


# No compensation, purchase or refund comes near this (Rp 1.000.000.000.000.000); what is
# above it is a typo or an attack, and would overflow SQLite's 64-bit integers.
MAX_AMOUNT_MINOR = 10**17  # in sen
_MAX_TEXT = 64  # characters: an amount written by a person is far shorter


class AmountTooLarge(ValueError):
    """An amount above :data:`MAX_AMOUNT_MINOR` (or a number with absurdly many digits)."""


def check_amount(amount_minor: int, what: str = "amount") -> int:
    """``amount_minor`` if it is at most :data:`MAX_AMOUNT_MINOR`; else AmountTooLarge."""
    if amount_minor > MAX_AMOUNT_MINOR:
        digits = len(str(abs(amount_minor))) if amount_minor < 10**4000 else "thousands of"
        raise AmountTooLarge(f"the {what} is too large ({digits} digits)")
    return amount_minor


def parse_money(text: str, default_currency: str = "IDR") -> Money:
    """Parse an amount as written by people; raises ValueError with the reason
    (:class:`AmountTooLarge` above :data:`MAX_AMOUNT_MINOR`)."""
    if len(text) > _MAX_TEXT:
        raise AmountTooLarge(f"not an amount a person writes ({len(text)} characters)")
    match = MONEY_RE.match(text.strip().lower())
    if not match:
        raise ValueError(f"not an amount: {text!r}")
    cur = match.group("cur") or match.group("cur2")
    if cur == "rupiah":
        cur = "idr"
    currency = _PREFIX.get(cur, cur.upper()) if cur else default_currency
    mult_word = (match.group("mult") or "").lower()
    number = _number(match.group("num").strip(), bool(mult_word), currency)
    if number < 0:
        raise ValueError(f"negative amount: {text!r}")
    major = number * _MULTIPLIERS[mult_word]
    minor = major * (10 ** EXPONENT.get(currency, 2))
    if minor != minor.to_integral_value():
        raise ValueError(f"more decimals than {currency} has: {text!r}")
    if minor > MAX_AMOUNT_MINOR:
        raise AmountTooLarge(f"the amount is too large: {text!r}")
    return Money(int(minor), currency)


def format_money(amount_minor: int, currency: str = "IDR", language: str = "id") -> str:
    """``Rp 150.000`` for rupiah (sen shown only when present), in ``language``'s digits
    (Babel, :mod:`assist.formatting`); ``$5.25`` for dollars."""
    from assist.formatting import format_money as babel_money

    return babel_money(amount_minor, currency, language)
