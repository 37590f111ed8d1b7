"""Order numbers, money, durations, dates and phone numbers, with normalised values.

Regular expressions over the raw text (not tokens): "Rp150.000", "0812-3456-789" and
"INV/20240101/MPL/123" are split by any tokenizer, but people expect them back whole.
Where matches overlap, the earlier kind in :data:`PRIORITY` wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from assist.errors import PekaError
from assist.money import parse_money
from assist.nlp.datafiles import fail, load
from assist.nlp.errors import E304
from assist.nlp.models import Entity
from assist.phone import normalise_phone

PRIORITY = ("order_ref", "phone", "money", "date", "duration")

_F = load("entities.json")
# Counts written as words ("dua", "a couple of").
_NUMBER_WORDS: dict[str, int] = _F.int_mapping("number_words", minimum=1)
# Days per unit and its ISO 8601 letter; each unit's words are in the data file.
_UNIT_LENGTHS = {
    "day": (1.0, "D"),
    "week": (7.0, "W"),
    "month": (30.0, "M"),
    "year": (365.0, "Y"),
    "hour": (1 / 24, "H"),
    "minute": (1 / 1440, "MIN"),
}
# How many days ago a phrase means ("kemarin" 1, "minggu lalu" 7).
_RELATIVE_DAYS: dict[str, float] = _F.float_mapping("relative_days")
# Looked for before the slower search for a relative day.
_RELATIVE_HINTS: tuple[str, ...] = _F.words("relative_hints")
_MONTHS: dict[str, int] = _F.int_mapping("months", minimum=1, maximum=12)


def _check_words() -> None:
    """A match is looked up lower-cased and single-spaced, and a relative day is searched
    for only in a text holding one of the hints: other words would crash or never match."""
    named: dict[str, Iterable[str]] = {
        "number_words": _NUMBER_WORDS,
        "relative_days": _RELATIVE_DAYS,
        "relative_hints": _RELATIVE_HINTS,
        "months": _MONTHS,
    }
    for key, words in named.items():
        _F.check_lower_case(key, words)
    for phrase in _RELATIVE_DAYS:
        if not any(hint in phrase for hint in _RELATIVE_HINTS):
            fail(_F.path, f"'relative_days', entry '{phrase}' holds none of relative_hints")


def _unit_days() -> dict[str, tuple[float, str]]:
    """Each word of ``duration_units`` → (days per unit, ISO 8601 letter)."""
    groups = _F.groups("duration_units")
    if set(groups) != set(_UNIT_LENGTHS):
        fail(_F.path, f"'duration_units' needs exactly the units {sorted(_UNIT_LENGTHS)}")
    out: dict[str, tuple[float, str]] = {}
    for unit, words in groups.items():
        _F.check_lower_case(f"duration_units.{unit}", words)
        for word in words:
            out[word] = _UNIT_LENGTHS[unit]
    return out


_check_words()
_UNIT_DAYS: dict[str, tuple[float, str]] = _unit_days()


def starts_with(words: Iterable[str], *, digit: bool = False) -> str:
    """A lookahead for the first characters of ``words`` (and any digit), to put in
    front of a case-insensitive alternation of them.

    Python's ``re`` cannot scan ahead for case-insensitive literals, so it tries every
    alternative at every position; this one-character test turns most positions away
    first. It holds every character a match can start with, so it changes no match.
    """
    chars = sorted({w[0].lower() for w in words})
    return "(?=[" + (r"\d" if digit else "") + "".join(re.escape(c) for c in chars) + "])"


_ORDER_KEYWORD = (
    r"(?:no(?:mor|mer)?\.?\s*(?:pesanan|order|resi|invoice|inv|tiket|transaksi|trx|ref)"
    r"|nomor|order\s*(?:id|no\.?|number|#)?|pesanan|resi|invoice|inv|tracking(?:\s*number)?"
    r"|ticket|tiket|ref(?:erence)?|booking|awb|kode\s*booking|id\s*transaksi|transaksi)"
)
DEFAULT_ORDER_PATTERNS: tuple[str, ...] = (
    # INV-2024-00123, INV/20240101/MPL/123456, ORD123456, TRX-99812
    r"\b(?:INV|ORD|TRX|TX|REF|TKT|TIK|CASE|BOOK|AWB|SO|PO)[-/#:]?\s?[A-Z0-9]*\d[A-Z0-9]*"
    r"(?:[-/][A-Z0-9]+)*",
    # "no. pesanan 123456789", "resi: JP1234567890", "order #A1B2C3D4"
    # (the lookahead: the keywords' first letters)
    r"(?=[abiknoprt])"
    + _ORDER_KEYWORD
    + r"\s*[:#]?\s*(?P<ref>[A-Z0-9]*\d[A-Z0-9]*(?:[-/][A-Z0-9]+)*)",
    # "#12345678"
    r"#\s?(?P<ref>\d{5,})",
    # courier waybills: JP1234567890, SPXID01234567890
    r"\b[A-Z]{2,6}\d{8,}\b",
)

_CURRENCY = r"(?:rp\.?|idr|usd|us\$|\$|sgd|s\$|myr|rm|eur|€)"
_MULT = r"(?:k|rb|rbu|ribu|jt|juta|mio|million|miliar)"
_NUM = r"\d[\d.,]*\d|\d"
MONEY_RE = re.compile(
    rf"(?<![\w$])(?:{_CURRENCY}\s?(?:{_NUM})(?:\s?{_MULT}\b)?"
    rf"|(?:{_NUM})\s?{_MULT}\b|(?:{_NUM})\s?(?:rupiah|idr)\b)",
    re.IGNORECASE,
)
PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+62|62|0)[\s-]?8\d{1,2}(?:[\s.-]?\d{2,4}){2,4}(?!\d)"
    r"|(?<![\w+])(?:\+62|0)[\s-]?(?:21|22|24|31|61|274)[\s.-]?\d{3,4}[\s.-]?\d{3,5}(?!\d)"
)

_UNITS = "|".join(re.escape(w) for w in sorted(_UNIT_DAYS, key=len, reverse=True))
# Number words of several words ("a couple of") match with any spaces between them.
_COUNT = "|".join(
    [
        r"\d+(?:[.,]\d+)?",
        *(
            r"\s+".join(re.escape(part) for part in w.split())
            for w in sorted((w for w in _NUMBER_WORDS if " " in w), key=len, reverse=True)
        ),
        *(re.escape(w) for w in sorted(_NUMBER_WORDS, key=len, reverse=True) if " " not in w),
    ]
)
_COUNT_STARTS = starts_with(_NUMBER_WORDS, digit=True)
DURATION_RE = re.compile(
    rf"\b{_COUNT_STARTS}(?P<n>{_COUNT})\s?(?P<unit>{_UNITS})"
    r"\b(?!\s*(?:lalu|yang lalu|ago|yg lalu))",
    re.IGNORECASE,
)
# "seminggu", "sebulan", "berhari-hari"
COMPACT_DURATION_RE = re.compile(
    r"\b(?=[bs])(?:se(?P<unit>hari|minggu|bulan|tahun|jam|pekan)|seharian"
    r"|ber(?P<many>hari|minggu|bulan|tahun|jam)-(?P=many))\b",
    re.IGNORECASE,
)
X24_RE = re.compile(r"\b(?P<n>\d+)\s?[x×]\s?24\s?(?:jam|hours?)\b", re.IGNORECASE)
AGO_RE = re.compile(
    rf"\b{_COUNT_STARTS}(?P<n>{_COUNT})\s?(?P<unit>{_UNITS})\s*(?:yang lalu|yg lalu|lalu|ago)\b",
    re.IGNORECASE,
)
RELATIVE_RE = re.compile(
    r"\b"
    + starts_with(["sejak", "dari", "since", *_RELATIVE_DAYS])
    + r"(?:(?:sejak|dari|since)\s+)?(?P<rel>"
    + "|".join(re.escape(k) for k in sorted(_RELATIVE_DAYS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_MONTH_NAMES = "|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True))
DATE_RE = re.compile(
    r"\b"
    + starts_with([*_MONTHS, "tanggal", "tgl"], digit=True)
    + rf"(?:(?P<y1>\d{{4}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}})[/.-](?P<m2>\d{{1,2}})[/.-](?P<y2>\d{{2,4}})"
    rf"|(?P<d3>\d{{1,2}})\s+(?P<mn3>{_MONTH_NAMES})\.?(?:\s+(?P<y3>\d{{4}}))?"
    rf"|(?P<mn4>{_MONTH_NAMES})\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y4>\d{{4}}))?"
    rf"|(?:tanggal|tgl\.?)\s+(?P<d5>\d{{1,2}})(?:\s+(?P<mn5>{_MONTH_NAMES})\.?"
    rf"(?:\s+(?P<y5>\d{{4}}))?)?)\b",
    re.IGNORECASE,
)


def compile_order_patterns(extra: Iterable[str] = ()) -> list[re.Pattern[str]]:
    """The built-in order-number patterns plus ``nlp.order_patterns`` from the config."""
    compiled = [re.compile(p, re.IGNORECASE) for p in DEFAULT_ORDER_PATTERNS[1:3]]
    compiled.insert(0, re.compile(DEFAULT_ORDER_PATTERNS[0]))
    compiled.append(re.compile(DEFAULT_ORDER_PATTERNS[3]))
    for pattern in extra:
        try:
            compiled.insert(0, re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise PekaError(
                E304,
                f"The order-number pattern {pattern!r} in nlp.order_patterns is not a valid "
                f"regular expression ({exc}). Fix or remove it in your config file.",
            ) from exc
    return compiled


def _iso(n: float, unit: str) -> str:
    count = int(n) if float(n).is_integer() else n
    if unit == "H":
        return f"PT{count}H"
    if unit == "MIN":
        return f"PT{count}M"
    return f"P{count}{unit}"


def _count(text: str) -> float:
    low = " ".join(text.lower().split())
    if low in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[low])
    return float(low.replace(",", "."))


def _duration_value(n: float, unit_word: str) -> dict[str, Any]:
    per_unit, iso = _UNIT_DAYS[unit_word.lower()]
    return {"days": round(n * per_unit, 4), "iso": _iso(n, iso)}


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _past(today: date, month: int | None, day: int) -> date | None:
    """The most recent day-of-month (and month) on or before today."""
    if month is None:
        candidate = _safe_date(today.year, today.month, day)
        if candidate is None or candidate > today:
            prev = today.replace(day=1) - timedelta(days=1)
            candidate = _safe_date(prev.year, prev.month, day)
        return candidate
    candidate = _safe_date(today.year, month, day)
    if candidate is not None and candidate > today:
        candidate = _safe_date(today.year - 1, month, day)
    return candidate


def _date_value(m: re.Match[str], today: date) -> dict[str, Any] | None:
    g = m.groupdict()
    found: date | None
    if g["y1"]:
        found = _safe_date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
    elif g["y2"]:
        year = int(g["y2"])
        year = year + 2000 if year < 100 else year
        found = _safe_date(year, int(g["m2"]), int(g["d2"]))
    elif g["mn3"] or g["mn4"] or g["mn5"]:
        month = _MONTHS[(g["mn3"] or g["mn4"] or g["mn5"]).lower()]
        day = int(g["d3"] or g["d4"] or g["d5"])
        year_text = g["y3"] or g["y4"] or g["y5"]
        found = _safe_date(int(year_text), month, day) if year_text else _past(today, month, day)
    else:
        found = _past(today, None, int(g["d5"]))
    if found is None:
        return None
    ago = (today - found).days
    return {"date": found.isoformat(), "days_ago": float(ago) if ago >= 0 else None}


def _order_value(text: str) -> str:
    return re.sub(r"\s+", "", text).upper().lstrip("#")


def has_reference(text: str, order_patterns: list[re.Pattern[str]]) -> bool:
    """Cheap check used on every keystroke: does the text name an order or an amount?"""
    if not any(ch.isdigit() for ch in text):
        return False
    return any(p.search(text) for p in order_patterns) or bool(MONEY_RE.search(text))


def find_entities(
    text: str, order_patterns: list[re.Pattern[str]], today: date | None = None
) -> list[Entity]:
    """Every entity in ``text``; overlapping matches resolved by :data:`PRIORITY`."""
    today = today or date.today()
    found: list[Entity] = []
    low = text.lower()
    has_digit = any(ch.isdigit() for ch in text)
    for pattern in order_patterns:
        for m in pattern.finditer(text):
            group = "ref" if "ref" in m.groupdict() and m.group("ref") else None
            if group is None and m.lastindex and pattern.pattern not in DEFAULT_ORDER_PATTERNS:
                group_index: int | str = 1
            else:
                group_index = group or 0
            start, end = m.span(group_index)
            ref = text[start:end]
            if sum(ch.isdigit() for ch in ref) < 4 or len(ref) > 64:
                continue
            found.append(Entity(start, end, "order_ref", ref, _order_value(ref)))
    for m in PHONE_RE.finditer(text) if has_digit else ():
        phone = normalise_phone(m.group(0))
        if phone:
            found.append(Entity(m.start(), m.end(), "phone", m.group(0), phone))
    for m in MONEY_RE.finditer(text):
        raw = m.group(0).strip()
        try:
            money = parse_money(raw)
        except (ValueError, ArithmeticError):
            continue
        if money.amount_minor <= 0:
            continue
        amount = {"amount_minor": money.amount_minor, "currency": money.currency}
        found.append(Entity(m.start(), m.start() + len(raw), "money", raw, amount))
    relative = RELATIVE_RE.finditer(text) if any(h in low for h in _RELATIVE_HINTS) else ()
    for m in relative:
        days = _RELATIVE_DAYS[m.group("rel").lower()]
        when = today - timedelta(days=int(days))
        found.append(
            Entity(m.start(), m.end(), "date", m.group(0),
                   {"date": when.isoformat(), "days_ago": days})
        )  # fmt: skip
    ago = AGO_RE.finditer(text) if ("lalu" in low or "ago" in low) else ()
    for m in ago:
        try:
            n = _count(m.group("n"))
        except ValueError:
            continue
        days = _duration_value(n, m.group("unit"))["days"]
        when = today - timedelta(days=min(days, 36500))
        found.append(
            Entity(m.start(), m.end(), "date", m.group(0),
                   {"date": when.isoformat(), "days_ago": days})
        )  # fmt: skip
    for m in DATE_RE.finditer(text) if has_digit else ():
        when_value = _date_value(m, today)
        if when_value is not None:
            found.append(Entity(m.start(), m.end(), "date", m.group(0), when_value))
    for m in X24_RE.finditer(text) if has_digit else ():
        n = float(m.group("n"))
        found.append(
            Entity(m.start(), m.end(), "duration", m.group(0),
                   {"days": n, "iso": _iso(n * 24, "H")})
        )  # fmt: skip
    for m in DURATION_RE.finditer(text):
        try:
            n = _count(m.group("n"))
        except ValueError:
            continue
        found.append(
            Entity(m.start(), m.end(), "duration", m.group(0),
                   _duration_value(n, m.group("unit")))
        )  # fmt: skip
    for m in COMPACT_DURATION_RE.finditer(text):
        word = m.group(0).lower()
        value: dict[str, Any]
        if word == "seharian":
            value = {"days": 1.0, "iso": "P1D"}
        elif m.group("unit"):
            value = _duration_value(1, m.group("unit"))
        else:
            # "berhari-hari": several of the unit; three is how people mean it.
            value = _duration_value(3, m.group("many"))
        found.append(Entity(m.start(), m.end(), "duration", m.group(0), value))
    return _resolve(found)


def _resolve(found: list[Entity]) -> list[Entity]:
    rank = {label: i for i, label in enumerate(PRIORITY)}
    ordered = sorted(found, key=lambda e: (rank[e.label], -(e.end - e.start), e.start))
    kept: list[Entity] = []
    for entity in ordered:
        if any(entity.start < k.end and k.start < entity.end for k in kept):
            continue
        kept.append(entity)
    kept.sort(key=lambda e: (e.start, e.end))
    return kept
