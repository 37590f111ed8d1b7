"""Search keys: the normalised forms that lookups compare, computed once on write."""

from __future__ import annotations

import re

from assist.phone import phone_search_key

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
_SPACES = re.compile(r"\s+")


def ref_key(reference: str) -> str:
    """``inv/20240312/mpl/123`` and ``INV 20240312 MPL 123`` both become ``INV20240312MPL123``."""
    return _NOT_ALNUM.sub("", reference.upper())


def name_key(name: str) -> str:
    """Case- and spacing-insensitive form of a name, for exact and prefix matches."""
    return _SPACES.sub(" ", name.strip()).casefold()


def phone_key(phone: str | None) -> str | None:
    """Digits after +62 (``8123456789``), which partial phone searches match as substrings."""
    return phone_search_key(phone) if phone else None
