"""Coded errors a user can hit, in spaCy's ``[E001]`` style.

Every code is registered once with :func:`error_code` in the package that raises it
(``assist/<package>/errors.py``), so the catalogue can be listed and a test can check
that each code is documented in ``docs/``. Ranges: E1xx foundation and config, E2xx
cache and import, E3xx language engine, E4xx suggestions and phrases, E5xx authority,
ledger and audit, E6xx sidebar, E7xx console and reports, E8xx team mode (the
PostgreSQL server of record), E9xx integration (local API, single instance, extension).
Within a range: E25x–E29x cache synchronisation.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_CATALOGUE: dict[str, str] = {}


def error_code(code: str, title: str) -> str:
    """Register ``code`` with a one-line ``title`` and return the code."""
    if len(code) != 4 or code[0] != "E" or not code[1:].isdigit():
        raise ValueError(f"error codes look like E123, not {code!r}")
    known = _CATALOGUE.get(code)
    if known is not None and known != title:
        raise ValueError(f"error code {code} is already used for {known!r}")
    _CATALOGUE[code] = title
    return code


def catalogue() -> Mapping[str, str]:
    """Every registered error code with its title (import the packages first)."""
    return MappingProxyType(_CATALOGUE)


class PekaError(Exception):
    """An error with a code and a message that says what to do about it."""

    def __init__(self, code: str, message: str) -> None:
        if code not in _CATALOGUE:
            raise ValueError(f"unregistered error code {code}")
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


E101 = error_code("E101", "Configuration file is not valid TOML")
E102 = error_code("E102", "Unknown configuration key")
E103 = error_code("E103", "Configuration value has the wrong type or is not allowed")
E104 = error_code("E104", "A packaged resource is missing")
E105 = error_code("E105", "A file Peka must create could not be created privately")

# Identity and locked keys (authority hardening).
E106 = error_code("E106", "A key IT locked cannot be changed by a command-line option")
E107 = error_code("E107", "Acting as another agent needs a supervisor's installed key")
E108 = error_code("E108", "The operating-system account cannot be determined")
E109 = error_code("E109", "Input is nested too deeply to read")
E110 = error_code("E110", "A number is too large")

# Start-up, `peka doctor` and installers (issue 15b: E130–E199, E670–E699).
E130 = error_code("E130", "The configuration files have several problems")
E131 = error_code("E131", "A setting to write is not KEY=VALUE")
E670 = error_code("E670", "There is nothing to analyse: the message is empty")
E671 = error_code("E671", "The team server's schema is older than this Peka")


def require_message(text: str, what: str = "The customer's message") -> str:
    """``text`` unchanged, or [E670] when it is empty or only whitespace: an empty message
    has no feeling, issue or fault to read, and a "neutral" reading of it would be made up."""
    if not text.strip():
        raise PekaError(
            E670,
            f"{what} is empty (or only spaces and line breaks): there is nothing to analyse. "
            "Paste or type the customer's message first.",
        )
    return text
