"""The documented import formats: one per entity, with its columns and how each is read.

``docs/import-formats.md`` describes exactly these columns; a test keeps the two in step.
Every reader raises :class:`FieldError` with an error code and a message that says what
would have been accepted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from assist.cache.dates import WIB, parse_day, stored_when, to_stored
from assist.cache.errors import E220, E221, E222, E223, E224, E227
from assist.errors import E110
from assist.money import EXPONENT, MAX_AMOUNT_MINOR, parse_money
from assist.phone import normalise_phone

TIERS = ("regular", "silver", "gold", "platinum")
LANGUAGES = ("id", "en")
KINDS = (
    "order",
    "payment",
    "refund",
    "subscription",
    "service_visit",
    "topup",
    "bill",
    "transfer",
    "installment",
    "booking",
    "return",
    "cashback",
    "adjustment",
)
STATUSES = (
    "completed",
    "pending",
    "processing",
    "in_transit",
    "delivered",
    "active",
    "scheduled",
    "delayed",
    "on_hold",
    "cancelled",
    "refunded",
    "failed",
    "disputed",
    "lost",
    "returned",
    "suspended",
)
INTERACTION_CHANNELS = ("chat", "whatsapp", "email", "phone", "social", "store", "web", "app")
OUTCOMES = ("resolved", "follow_up", "escalated", "unresolved", "callback", "abandoned", "info")
SENTIMENTS = ("negative", "neutral", "positive")
_SALUTATION_ALIASES = {
    "bapak": "Bapak",
    "pak": "Bapak",
    "bpk": "Bapak",
    "ibu": "Ibu",
    "bu": "Ibu",
    "kak": "Kak",
    "kakak": "Kak",
    "": "",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_RUPIAH = re.compile(r"(?:[Rr][Pp]\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)")
_KEY = re.compile(r"^[A-Za-z0-9_.\- ]{1,64}$")


class FieldError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _no_nul(value: str) -> str:
    # A NUL byte cuts text short in C libraries, terminals and Qt: never store one.
    return value.replace("\x00", "") if "\x00" in value else value


def text(value: Any) -> str:
    if type(value) is str:  # nearly always: CSV cells and JSON strings
        return _no_nul(value).strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        raise FieldError(E227, "expected text, found a JSON object or list")
    return _no_nul(str(value)).strip()


def required(value: Any) -> str:
    result = _no_nul(value).strip() if type(value) is str else text(value)
    if not result:
        raise FieldError(E220, "is required but empty")
    return result


def identifier(value: Any) -> str:
    result = required(value)
    if len(result) > 64 or not result.isprintable():
        raise FieldError(E227, f"{result[:40]!r} is not an id (1–64 characters, one line)")
    return result


def optional(value: Any) -> str | None:
    return text(value) or None


def choice(allowed: tuple[str, ...], default: str | None = None) -> Callable[[Any], str | None]:
    exact = frozenset(allowed)

    def read(value: Any) -> str | None:
        if type(value) is str and value in exact:
            return value
        raw = text(value).lower().replace("-", "_").replace(" ", "_")
        if not raw:
            if default is None:
                raise FieldError(E220, "is required but empty; allowed: " + ", ".join(allowed))
            return default
        if raw not in allowed:
            raise FieldError(
                E223, f"{text(value)[:40]!r} is not allowed; use one of: " + ", ".join(allowed)
            )
        return raw

    return read


def optional_choice(allowed: tuple[str, ...]) -> Callable[[Any], str | None]:
    strict = choice(allowed)

    def read(value: Any) -> str | None:
        return strict(value) if text(value) else None

    return read


def salutation(value: Any) -> str:
    raw = text(value)
    found = _SALUTATION_ALIASES.get(raw.lower().rstrip("."))
    if found is None:
        raise FieldError(
            E223,
            f"{raw[:40]!r} is not a form of address; use Bapak, Ibu, Kak, or leave it "
            "empty to address the customer by first name",
        )
    return found


def phone(value: Any) -> str | None:
    raw = text(value)
    if not raw:
        return None
    result = normalise_phone(raw)
    if result is None:
        raise FieldError(
            E224,
            f"{raw[:40]!r} is not a phone number; write it as +62 812…, 62812…, or 0812-…",
        )
    return result


def email(value: Any) -> str | None:
    raw = text(value)
    if not raw:
        return None
    if not _EMAIL.match(raw):
        raise FieldError(E224, f"{raw[:60]!r} is not an e-mail address (name@example.com)")
    return raw.lower()


def day(value: Any) -> str | None:
    if isinstance(value, date) and not isinstance(value, datetime):  # a database's date
        return value.isoformat()
    raw = text(value)
    if not raw:
        return None
    try:
        return parse_day(raw).isoformat()
    except ValueError:
        raise FieldError(
            E221, f"{raw[:40]!r} is not a date; write 2024-03-12 or 12/03/2024"
        ) from None


def when(value: Any) -> str:
    if isinstance(value, datetime):  # a database's timestamp; without a zone it is WIB
        return to_stored(value if value.tzinfo is not None else value.replace(tzinfo=WIB))
    raw = required(value)
    try:
        return stored_when(raw)
    except ValueError:
        raise FieldError(
            E221,
            f"{raw[:40]!r} is not a date or time; write 2024-03-12T10:15:00+07:00, "
            "2024-03-12 10:15, 12/03/2024 or 12/03/2024 10:15",
        ) from None


def optional_when(value: Any) -> str | None:
    if value is None or isinstance(value, datetime):
        return None if value is None else when(value)
    return when(value) if text(value) else None


def currency(value: Any) -> str | None:
    raw = text(value).upper()
    if not raw:
        return None
    if raw not in EXPONENT:
        raise FieldError(E223, f"{raw[:10]!r} is not a known currency; use " + ", ".join(EXPONENT))
    return raw


def amount(value: Any, currency_code: str | None) -> tuple[int, str]:
    """An amount in any accepted form → (minor units, currency); E110 when absurdly large."""
    if isinstance(value, str) and len(value) > 64:
        raise FieldError(E110, f"is not an amount a person writes ({len(value)} characters)")
    minor, cur = _amount(value, currency_code)
    if abs(minor) > MAX_AMOUNT_MINOR:
        raise FieldError(E110, "is too large for an amount (more than Rp 1.000.000.000.000.000)")
    return minor, cur


def _amount(value: Any, currency_code: str | None) -> tuple[int, str]:
    cur = currency_code or "IDR"
    exponent = EXPONENT[cur]
    if isinstance(value, bool) or value is None:
        raise FieldError(E220, "is required but empty")
    if isinstance(value, int):
        return value * 10**exponent, cur
    if isinstance(value, Decimal):  # a database's numeric, in major units
        minor = value.scaleb(exponent)
        if minor != minor.to_integral_value():
            raise FieldError(E222, f"{value} has more decimals than {cur} allows")
        return int(minor), cur
    if isinstance(value, float):
        value = repr(value)
    raw = text(value)
    if not raw:
        raise FieldError(E220, "is required but empty")
    if raw.isdigit():  # the common cases, kept fast for big exports
        return int(raw) * 10**exponent, cur
    if cur == "IDR":
        plain = _RUPIAH.fullmatch(raw)
        if plain:
            return int(plain.group(1).replace(".", "")) * 100, cur
    sign = 1
    if raw.startswith("-"):
        sign, raw = -1, raw[1:].strip()
    try:
        money = parse_money(raw, default_currency=cur)
    except (ValueError, InvalidOperation):
        raise FieldError(
            E222,
            f"{text(value)[:40]!r} is not an amount; write 150000, Rp 150.000, 150rb or 1,5jt",
        ) from None
    if currency_code and money.currency != currency_code:
        raise FieldError(
            E222,
            f"{text(value)[:40]!r} is in {money.currency} but the currency column says "
            f"{currency_code}",
        )
    return sign * money.amount_minor, money.currency


def extra(value: Any) -> str:
    if value is None or value == "":
        return "{}"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    raw = text(value)
    try:
        parsed = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        parsed = None
    if not isinstance(parsed, dict):
        raise FieldError(E227, 'must be a JSON object, e.g. {"courier": "JNE"}')
    return json.dumps(parsed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def csat(value: Any) -> int | None:
    raw = text(value)
    if not raw:
        return None
    if raw not in ("1", "2", "3", "4", "5", "1.0", "2.0", "3.0", "4.0", "5.0"):
        raise FieldError(E223, f"{raw[:10]!r} is not a CSAT score; use a whole number 1 to 5")
    return int(raw[0])


def pref_key(value: Any) -> str:
    raw = required(value)
    if not _KEY.match(raw):
        raise FieldError(
            E227, f"{raw[:40]!r} is not a preference key (letters, digits, _ . - and spaces)"
        )
    return raw.lower().replace(" ", "_")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    kind: str  # as the docs name it
    example: str
    meaning: str


@dataclass(frozen=True)
class Entity:
    name: str
    columns: tuple[Column, ...]
    signature: frozenset[str]  # columns that identify the entity when --entity is not given

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def _c(name: str, req: bool, kind: str, example: str, meaning: str) -> Column:
    return Column(name, req, kind, example, meaning)


ENTITIES: dict[str, Entity] = {
    "customers": Entity(
        "customers",
        (
            _c("id", True, "text", "C000123", "The helpdesk's customer id."),
            _c("full_name", True, "text", "Sri Wahyuni", "Full name as the customer writes it."),
            _c(
                "salutation",
                False,
                "Bapak, Ibu, Kak or empty",
                "Ibu",
                "How to address them; empty means by first name. Pak/Bu are accepted.",
            ),
            _c("phone", False, "phone", "0812-3456-7890", "Any Indonesian format; stored +62…."),
            _c("email", False, "e-mail", "sri.w@example.co.id", "Stored in lower case."),
            _c("language", False, "id or en", "id", "Language to write in (default id)."),
            _c(
                "tier",
                False,
                "regular, silver, gold, platinum",
                "gold",
                "Loyalty tier (default regular).",
            ),
            _c("customer_since", False, "date", "2019-04-02", "First purchase or sign-up."),
            _c("notes", False, "text", "Pelanggan lama, sangat teliti", "Free notes for agents."),
        ),
        frozenset({"full_name"}),
    ),
    "preferences": Entity(
        "preferences",
        (
            _c("customer_id", True, "text", "C000123", "An id from the customers file or cache."),
            _c("key", True, "text", "preferred_channel", "Preference name (spaces become _)."),
            _c("value", True, "text", "whatsapp", "Preference value, free text."),
        ),
        frozenset({"customer_id", "key", "value"}),
    ),
    "transactions": Entity(
        "transactions",
        (
            _c("id", True, "text", "T000000123", "The source system's transaction id."),
            _c("customer_id", True, "text", "C000123", "An id from the customers file or cache."),
            _c("created_at", True, "date or time", "2024-03-12T10:15:00+07:00", "When made."),
            _c("kind", True, "one of the kinds below", "order", "What it is."),
            _c("description", False, "text", "Rice cooker Miyako 1,8 L", "What the customer got."),
            _c(
                "reference",
                False,
                "text",
                "INV/20240312/MPL/123456789",
                "Order, invoice or booking number as the customer sees it.",
            ),
            _c("amount", True, "amount", "Rp 450.000", "Amount; refunds may be written -150000."),
            _c("currency", False, "IDR, USD, SGD, MYR, EUR, JPY", "IDR", "Default IDR."),
            _c("status", True, "one of the statuses below", "in_transit", "Current status."),
            _c(
                "status_changed_at",
                False,
                "date or time",
                "2024-03-14 09:00",
                "When the status last changed.",
            ),
            _c("channel", False, "text", "app", "Where it was made: app, web, store, phone…"),
            _c("extra", False, "JSON object", '{"courier": "JNE"}', "Anything else, kept as is."),
        ),
        frozenset({"kind", "amount"}),
    ),
    "interactions": Entity(
        "interactions",
        (
            _c("id", True, "text", "I000000123", "The helpdesk's ticket or contact id."),
            _c("customer_id", True, "text", "C000123", "An id from the customers file or cache."),
            _c("occurred_at", True, "date or time", "12/03/2024 14:05", "When the contact was."),
            _c("channel", True, "chat, whatsapp, email, phone, …", "chat", "Contact channel."),
            _c("summary", False, "text", "Menanyakan paket yang terlambat", "Agent's summary."),
            _c("outcome", True, "resolved, follow_up, escalated, …", "follow_up", "How it ended."),
            _c("sentiment", False, "negative, neutral, positive", "negative", "Customer's mood."),
            _c("csat", False, "whole number 1–5", "2", "Satisfaction score, when given."),
        ),
        frozenset({"occurred_at", "outcome"}),
    ),
}

# The order files are imported in: customers before what refers to them.
ENTITY_ORDER = ("customers", "preferences", "transactions", "interactions")
