"""The sidebar's interface text in Indonesian and English, switchable at run time.

Catalogues are JSON files keyed by message id (``resources/i18n/id.json``, ``en.json``);
a value may hold ``{name}`` fields filled by :func:`tr`. Widgets read their text through
:func:`tr` in a ``retranslate()`` method that runs again when the language changes.
Interface labels only: customer data is never passed through here.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from PySide6.QtCore import QObject, Signal

from assist.errors import PekaError
from assist.resources import resource_path
from ui.errors import E604

LANGUAGES = ("id", "en")
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


@cache
def catalogue(language: str) -> dict[str, str]:
    """The message table for ``language`` (raises [E604] when missing or broken).

    ``<language>.json`` is merged with every ``<part>.<language>.json`` beside it (for
    example ``console.id.json``), so each window keeps its text in a file of its own."""
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


class Translator(QObject):
    """The current interface language; ``language_changed`` tells widgets to retranslate."""

    language_changed = Signal(str)

    def __init__(self, language: str = "id", parent: QObject | None = None) -> None:
        super().__init__(parent)
        catalogue(language)
        self._language = language

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        if language == self._language:
            return
        catalogue(language)
        self._language = language
        self.language_changed.emit(language)

    def toggle(self) -> str:
        other = LANGUAGES[(LANGUAGES.index(self._language) + 1) % len(LANGUAGES)]
        self.set_language(other)
        return other

    def tr(self, key: str, /, **fields: Any) -> str:
        text = catalogue(self._language).get(key)
        if text is None:
            # A missing id must show up in tests, yet never crash an agent's shift.
            text = catalogue("en").get(key, key)
        return text.format(**fields) if fields else text

    def tr_or(self, key: str, default: str) -> str:
        """The translation of ``key``, or ``default`` (for open-ended codes like statuses)."""
        return catalogue(self._language).get(key, default)


_current: Translator | None = None


def translator() -> Translator:
    global _current
    if _current is None:
        _current = Translator()
    return _current


def install(language: str) -> Translator:
    """Make a translator for ``language`` the application's one."""
    global _current
    _current = Translator(language)
    return _current


def tr(key: str, /, **fields: Any) -> str:
    return translator().tr(key, **fields)


def tr_or(key: str, default: str) -> str:
    return translator().tr_or(key, default)
