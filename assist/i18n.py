"""The one translation mechanism for every user-facing string, Qt-free.

Catalogues are JSON files keyed by message id under ``resources/i18n``: ``id.json`` and
``en.json``, each merged with every ``<part>.<language>.json`` beside it (``console``,
``core``, …), so each window or package keeps its text in a file of its own. A value may
hold ``{name}`` fields. The sidebar and console read them through ``ui.i18n`` (which adds
run-time switching for widgets); the core — coach, compensation reasons, the sentence
that offers a grant — through :func:`text`. Numbers, money and dates are formatted with
Babel in :mod:`assist.formatting`, never by hand.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from assist.errors import PekaError, error_code
from assist.resources import resource_path

E604 = error_code("E604", "An interface translation file is missing or broken")

LANGUAGES = ("id", "en")
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


@cache
def catalogue(language: str) -> dict[str, str]:
    """The message table for ``language`` (raises [E604] when missing or broken)."""
    if language not in LANGUAGES:
        raise PekaError(E604, f"No interface translation for {language!r}; use 'id' or 'en'.")
    main = resource_path("i18n", f"{language}.json")
    merged: dict[str, str] = {}
    for path in [main, *sorted(main.parent.glob(f"*.{language}.json"))]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PekaError(
                E604, f"{path}: cannot read the interface translation ({exc}). Reinstall Peka."
            ) from exc
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise PekaError(E604, f"{path}: must map message ids to strings. Reinstall Peka.")
        merged.update(data)
    return merged


def text(language: str, key: str, /, **fields: Any) -> str:
    """The message ``key`` in ``language`` (English, then the key itself, when missing)."""
    lang = language if language in LANGUAGES else "en"
    found = catalogue(lang).get(key)
    if found is None:
        found = catalogue("en").get(key, key)
    return found.format(**fields) if fields else found


def has(language: str, key: str) -> bool:
    return key in catalogue(language if language in LANGUAGES else "en")
