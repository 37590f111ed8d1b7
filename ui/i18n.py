"""The sidebar's interface text in Indonesian and English, switchable at run time.

The catalogues are the core's (:mod:`assist.i18n`: JSON files keyed by message id under
``resources/i18n``); a value may hold ``{name}`` fields filled by :func:`tr`. Widgets
read their text through :func:`tr` in a ``retranslate()`` method that runs again when
the language changes.
Interface labels only: customer data is never passed through here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal

from assist.app.catalogue import LANGUAGES, catalogue

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "Translator", "catalogue", "install", "tr", "tr_or"]

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


class QtStrings(QTranslator):
    """Qt's own words (Yes/No, OK/Cancel, Cut/Copy/Paste) from the same catalogues:
    ``qt|<context>|<source>`` keys in ``qt.<language>.json``. PySide6 ships no Indonesian
    Qt translation, and one mechanism serves every string the agent reads."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        found = catalogue(self.language).get(f"qt|{context}|{source}")
        return found if found is not None else source

    def isEmpty(self) -> bool:
        return False


_qt_strings: QtStrings | None = None


def install_qt_strings(language: str) -> None:
    """Make Qt's standard texts follow ``language`` (call again when it changes)."""
    global _qt_strings
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_strings is not None:
        QCoreApplication.removeTranslator(_qt_strings)
    _qt_strings = QtStrings(language)
    QCoreApplication.installTranslator(_qt_strings)


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
        install_qt_strings(language)
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
    install_qt_strings(language)
    return _current


def tr(key: str, /, **fields: Any) -> str:
    return translator().tr(key, **fields)


def tr_or(key: str, default: str) -> str:
    return translator().tr_or(key, default)
