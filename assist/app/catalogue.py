"""The interface text tables (``resources/i18n/<language>.json``), read without Qt.

The sidebar's translator (``ui/i18n.py``) and the core's offer sentences read the same
tables. Interface labels only: customer data is never passed through here.
"""

from __future__ import annotations

import json
from functools import cache

from assist.app.errors import E604
from assist.errors import PekaError
from assist.resources import resource_path

LANGUAGES = ("id", "en")


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
