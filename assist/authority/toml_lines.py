"""Where each key of a TOML document is written, so that problems can name a line.

``tomllib`` returns values without positions; this scanner reads the text once and maps
key paths (``("roles", "agent", "rules", "voucher", "max_amount")``) to 1-based line
numbers. It understands tables, arrays of tables, dotted and quoted keys, and skips
multi-line strings and arrays; that is all a policy file uses.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _split_key(text: str) -> tuple[list[str], str] | None:
    """Read a (dotted, maybe quoted) key from the start of ``text``; return it and the rest."""
    parts: list[str] = []
    rest = text.lstrip()
    while True:
        if rest.startswith('"'):
            end = rest.find('"', 1)
            while end > 0 and rest[end - 1] == "\\":
                end = rest.find('"', end + 1)
            if end < 0:
                return None
            parts.append(rest[1:end])
            rest = rest[end + 1 :].lstrip()
        elif rest.startswith("'"):
            end = rest.find("'", 1)
            if end < 0:
                return None
            parts.append(rest[1:end])
            rest = rest[end + 1 :].lstrip()
        else:
            match = _BARE.match(rest)
            if not match:
                return None
            parts.append(match.group(0))
            rest = rest[match.end() :].lstrip()
        if rest.startswith("."):
            rest = rest[1:].lstrip()
            continue
        return parts, rest


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Map every table header and key in ``text`` to the line it is written on."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string: str | None = None
    depth = 0  # open brackets of a multi-line array value
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if in_string is not None:
            if in_string in line:
                in_string = None
            continue
        if depth > 0:
            depth += line.count("[") - line.count("]")
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            inner = line[2:] if line.startswith("[[") else line[1:]
            parsed = _split_key(inner)
            if parsed:
                table = tuple(parsed[0])
                lines.setdefault(table, number)
            continue
        parsed = _split_key(line)
        if not parsed or not parsed[1].startswith("="):
            continue
        path = table + tuple(parsed[0])
        lines.setdefault(path, number)
        value = parsed[1][1:].strip()
        for quote in ('"""', "'''"):
            if value.startswith(quote) and value.count(quote) == 1:
                in_string = quote
        if value.startswith("["):
            depth = value.count("[") - value.count("]")
    return lines


def line_of(lines: dict[tuple[str, ...], int], path: tuple[str, ...]) -> int | None:
    """The line of ``path``, or of its nearest written parent (a missing key's table)."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None
