"""The one translation mechanism for every user-facing string, Qt-free.

Catalogues are JSON files keyed by message id under ``resources/i18n`` (read by
:mod:`assist.app.catalogue`): ``id.json`` and ``en.json``, each merged with every
``<part>.<language>.json`` beside it (``console``, ``core``, …), so each window or
package keeps its text in a file of its own. A value may
hold ``{name}`` fields. The sidebar and console read them through ``ui.i18n`` (which adds
run-time switching for widgets); the core — coach, compensation reasons, the sentence
that offers a grant — through :func:`text`. Numbers, money and dates are formatted with
Babel in :mod:`assist.formatting`, never by hand.
"""

from __future__ import annotations

from typing import Any

from assist.app.catalogue import LANGUAGES, catalogue

__all__ = ["LANGUAGES", "catalogue", "has", "text"]


def text(language: str, key: str, /, **fields: Any) -> str:
    """The message ``key`` in ``language`` (English, then the key itself, when missing)."""
    lang = language if language in LANGUAGES else "en"
    found = catalogue(lang).get(key)
    if found is None:
        found = catalogue("en").get(key, key)
    return found.format(**fields) if fields else found


def has(language: str, key: str) -> bool:
    return key in catalogue(language if language in LANGUAGES else "en")
