"""Validated JSON data files of the language engine in ``resources/nlp``.

Rules, lexicons, coach data, fault reasons and training templates are data, not code:
each file is a JSON object whose keys the loading module lists with the shape it expects.
A file that is missing, not JSON, lacks a key or holds a value of the wrong shape raises
``[E306]`` naming the file, the key and the offending entry, before any component is
built (the fault reasons when the engine loads).
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn


def data_dir() -> Path:
    from assist.resources import resource_path

    return resource_path("nlp")


def fail(path: Path, message: str) -> NoReturn:
    from assist.errors import PekaError
    from assist.nlp.errors import E306

    raise PekaError(
        E306,
        f"{path}: {message}. Restore the file from the Peka installation, or fix it "
        "(docs/nlp.md, 'Data files').",
    )


@lru_cache(maxsize=16)
def load(name: str) -> DataFile:
    path = data_dir() / name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        fail(path, "the file is missing")
    except (OSError, UnicodeDecodeError) as exc:
        fail(path, f"cannot be read ({exc})")
    except json.JSONDecodeError as exc:
        fail(path, f"not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})")
    if not isinstance(raw, dict):
        fail(path, "the top level must be a JSON object")
    return DataFile(path, raw)


class DataFile:
    """Typed accessors that validate one key each."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def _get(self, key: str) -> Any:
        if key not in self.data:
            fail(self.path, f"key '{key}' is missing")
        return self.data[key]

    def raw(self, key: str) -> Any:
        """The value as the file holds it, for a loader that checks its own shape."""
        return self._get(key)

    def check_lower_case(self, key: str, words: Iterable[str]) -> None:
        """Each word lower case with single spaces: matches are looked up that way."""
        for word in words:
            if word != " ".join(word.lower().split()):
                fail(self.path, f"'{key}', entry '{word}' is not lower case with single spaces")

    def _words(self, key: str, value: Any, allow_empty: bool = False) -> tuple[str, ...]:
        if not isinstance(value, list):
            fail(self.path, f"'{key}' must be a list of strings")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not (item.strip() or allow_empty):
                fail(self.path, f"'{key}', entry {i}: {item!r} is not a non-empty string")
        return tuple(value)

    def words(self, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        """A list of strings ("" allowed only with ``allow_empty``: "no greeting")."""
        return self._words(key, self._get(key), allow_empty)

    def word_set(self, key: str) -> frozenset[str]:
        return frozenset(self.words(key))

    def characters(self, key: str) -> frozenset[str]:
        """Single characters ("😡"): a longer entry ("❤️" with its variation selector)
        would never equal the one character the rules compare."""
        chars = self.words(key)
        self.check_single_characters(key, chars)
        return frozenset(chars)

    def check_single_characters(self, key: str, items: Iterable[str]) -> None:
        """Each item one character: a list's entries, or a mapping's keys."""
        for item in items:
            if len(item) != 1:
                fail(self.path, f"'{key}', entry {item!r} is not a single character")

    def mapping(self, key: str, *, values: Collection[str] | None = None) -> dict[str, str]:
        """An object of strings; with ``values``, each value must be one of them."""
        value = self._get(key)
        if not isinstance(value, dict):
            fail(self.path, f"'{key}' must be an object of strings")
        for k, v in value.items():
            if not isinstance(v, str):
                fail(self.path, f"'{key}', entry '{k}': {v!r} is not a string")
            if values is not None and v not in values:
                fail(self.path, f"'{key}', entry '{k}': {v!r} is not one of {sorted(values)}")
        return dict(value)

    def int_mapping(
        self, key: str, *, minimum: int = 0, maximum: int | None = None
    ) -> dict[str, int]:
        """An object of whole numbers from ``minimum`` to ``maximum`` ("maret": 3)."""
        value = self._get(key)
        if not isinstance(value, dict):
            fail(self.path, f"'{key}' must be an object of whole numbers")
        for k, v in value.items():
            whole = isinstance(v, int) and not isinstance(v, bool)
            if not whole or v < minimum or (maximum is not None and v > maximum):
                upper = "" if maximum is None else f" to {maximum}"
                fail(self.path, f"'{key}', entry '{k}': {v!r} is not a whole number from "
                      f"{minimum}{upper}")  # fmt: skip
        return dict(value)

    def float_mapping(self, key: str) -> dict[str, float]:
        """An object of non-negative numbers, as floats ("kemarin": 1 and 1.0 alike)."""
        value = self._get(key)
        if not isinstance(value, dict):
            fail(self.path, f"'{key}' must be an object of numbers")
        out: dict[str, float] = {}
        for k, v in value.items():
            number = isinstance(v, int | float) and not isinstance(v, bool)
            if not number or not math.isfinite(v) or v < 0:
                fail(self.path, f"'{key}', entry '{k}': {v!r} is not a non-negative number")
            out[k] = float(v)
        return out

    def groups(self, key: str) -> dict[str, tuple[str, ...]]:
        value = self._get(key)
        if not isinstance(value, dict):
            fail(self.path, f"'{key}' must be an object of string lists")
        return {k: self._words(f"{key}.{k}", v) for k, v in value.items()}

    def weighted(self, key: str) -> dict[str, list[tuple[str, float]]]:
        """``{"angry": [["marah", 1.0], …]}``: phrases with a positive weight."""
        value = self._get(key)
        if not isinstance(value, dict):
            fail(self.path, f"'{key}' must be an object of [phrase, weight] lists")
        out: dict[str, list[tuple[str, float]]] = {}
        for label, pairs in value.items():
            if not isinstance(pairs, list):
                fail(self.path, f"'{key}.{label}' must be a list of [phrase, weight] pairs")
            items: list[tuple[str, float]] = []
            for i, pair in enumerate(pairs):
                ok = (
                    isinstance(pair, list)
                    and len(pair) == 2
                    and isinstance(pair[0], str)
                    and pair[0].strip()
                    and isinstance(pair[1], int | float)
                    and not isinstance(pair[1], bool)
                    and pair[1] > 0
                )
                if not ok:
                    fail(self.path, f"'{key}.{label}', entry {i}: {pair!r} is not "
                          "[phrase, positive weight]")  # fmt: skip
                items.append((pair[0], float(pair[1])))
            out[label] = items
        return out

    def families(self, key: str) -> list[list[str]]:
        """A list of families, each a non-empty list of strings."""
        value = self._get(key)
        if not isinstance(value, list):
            fail(self.path, f"'{key}' must be a list of families (lists of strings)")
        out = []
        for i, family in enumerate(value):
            words = self._words(f"{key}[{i}]", family)
            if not words:
                fail(self.path, f"'{key}', family {i} is empty")
            out.append(list(words))
        return out

    def family_groups(self, key: str) -> dict[str, list[list[str]]]:
        value = self._get(key)
        if not isinstance(value, dict):
            fail(self.path, f"'{key}' must be an object of family lists")
        return {k: self.families_of(f"{key}.{k}", v) for k, v in value.items()}

    def families_of(self, key: str, value: Any) -> list[list[str]]:
        return DataFile(self.path, {key: value}).families(key)

    def integer(self, key: str, *, positive: bool = False) -> int:
        value = self._get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < int(positive):
            kind = "positive" if positive else "non-negative"
            fail(self.path, f"'{key}' must be a {kind} whole number")
        return value

    def records(self, key: str, fields: dict[str, type]) -> list[dict[str, Any]]:
        """A list of objects with the given fields (str fields may also be lists)."""
        value = self._get(key)
        if not isinstance(value, list):
            fail(self.path, f"'{key}' must be a list of objects")
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                fail(self.path, f"'{key}', entry {i} is not an object")
            for name, kind in fields.items():
                if name not in item:
                    fail(self.path, f"'{key}', entry {i}: field '{name}' is missing")
                if kind is list:
                    self._words(f"{key}[{i}].{name}", item[name])
                elif not isinstance(item[name], kind):
                    fail(self.path, f"'{key}', entry {i}: field '{name}' must be a "
                          f"{kind.__name__}")  # fmt: skip
        return list(value)
