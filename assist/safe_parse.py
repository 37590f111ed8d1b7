"""Parsing untrusted JSON and TOML without a traceback for absurd input.

Python's parsers recurse once per nesting level, so 100,000 nested ``[`` end in
``RecursionError``; these wrappers turn that into a coded error (E109) that names the
input. Nothing is changed when they raise.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

from assist.errors import E109, PekaError

_ADVICE = "Peka reads ordinary exports, policies and codes only; nothing was changed."


def too_deep(where: str) -> PekaError:
    return PekaError(E109, f"{where}: nested too deeply to read. {_ADVICE}")


def json_loads(text: str | bytes, where: str) -> Any:
    """``json.loads``; ValueError as usual for bad JSON, E109 for absurd nesting."""
    try:
        return json.loads(text)
    except RecursionError:
        raise too_deep(where) from None


def toml_loads(text: str, where: str) -> dict[str, Any]:
    """``tomllib.loads``; TOMLDecodeError as usual, E109 for absurd nesting."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise too_deep(where) from None
