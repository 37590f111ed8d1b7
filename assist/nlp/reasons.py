"""The fault reasons the engine gives, in Indonesian and English.

The texts live in ``resources/nlp/reasons.json`` (validated, ``[E306]``): ``company``, one
per issue; ``customer``, a template quoting the customer's own words at ``{}``;
``customer_said``, a customer fault with nothing to quote; ``unknown``, why nobody is to
blame yet. :mod:`assist.nlp.scoring` picks one in ``fault()`` and translates it in
``reason_in()``. Read on first use, not on import: the sidebar imports ``reason_in``
before its first paint.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cache
from typing import Any, NamedTuple

from assist.nlp.datafiles import DataFile, fail, load
from assist.nlp.models import ISSUES

LANGUAGES = ("id", "en")
# An account problem of unclear cause, no clear problem, too little to go on.
UNKNOWN_KEYS = ("account_access", "other", "weak")
# Where the ``customer`` template quotes the customer's words (``str.format``).
QUOTE = "{}"


class Reasons(NamedTuple):
    """Each table by language first: ``company["en"]["billing_error"]``, ``customer["id"]``."""

    company: Mapping[str, Mapping[str, str]]
    customer: Mapping[str, str]
    customer_said: Mapping[str, str]
    unknown: Mapping[str, Mapping[str, str]]


@cache
def reasons() -> Reasons:
    data = load("reasons.json")
    customer = _texts(data, "customer")
    for language, template in customer.items():
        # Any other brace would break str.format, or quote the customer twice.
        if template.count(QUOTE) != 1 or template.count("{") + template.count("}") != 2:
            fail(data.path, f"'customer', entry '{language}': {template!r} must hold '{QUOTE}' "
                 "once, where the customer's words go, and no other brace")  # fmt: skip
    return Reasons(
        company=_tables(data, "company", ISSUES),
        customer=customer,
        customer_said=_texts(data, "customer_said"),
        unknown=_tables(data, "unknown", UNKNOWN_KEYS),
    )


def _by_language(data: DataFile, key: str) -> dict[str, Any]:
    value = data.raw(key)
    if not isinstance(value, dict) or set(value) != set(LANGUAGES):
        found = sorted(value) if isinstance(value, dict) else type(value).__name__
        fail(data.path, f"'{key}' must be an object of exactly the languages "
             f"{list(LANGUAGES)}, not {found}")  # fmt: skip
    return value


def _texts(data: DataFile, key: str) -> dict[str, str]:
    texts = _by_language(data, key)
    for language, text in texts.items():
        _check_text(data, key, language, text)
    return texts


def _tables(data: DataFile, key: str, names: Collection[str]) -> dict[str, dict[str, str]]:
    """One text per name in each language: a missing one would fail only when a message
    first needs it, an extra one is a misspelt name."""
    tables = _by_language(data, key)
    for language, table in tables.items():
        where = f"{key}.{language}"
        if not isinstance(table, dict):
            fail(data.path, f"'{where}' must be an object of texts")
        for name in names:
            if name not in table:
                fail(data.path, f"'{where}': the text for '{name}' is missing")
        for name, text in table.items():
            if name not in names:
                fail(data.path, f"'{where}', entry '{name}' is not one of {list(names)}")
            _check_text(data, where, name, text)
    return tables


def _check_text(data: DataFile, key: str, entry: str, text: object) -> None:
    if not isinstance(text, str) or not text.strip():
        fail(data.path, f"'{key}', entry '{entry}': {text!r} is not a non-empty string")
