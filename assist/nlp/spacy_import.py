"""spaCy without its command line: the language engine needs the library, not ``spacy …``.

spaCy's package ``__init__`` runs ``from .cli.info import info``, and ``spacy.cli`` imports
every command: typer, click, rich, requests, httpx, weasel, jinja2. In the engine's
process that is about 18 MB of resident memory and 0.2 s of start-up for code that never
runs (spaCy's own lazy loading of the command line, explosion/spaCy#12962, is not in the
3.8 line we pin). :func:`import_spacy` imports spaCy with a stand-in ``spacy.cli.info``
whose ``info`` imports the real one when called, and takes the stand-ins out again, so an
explicit ``import spacy.cli`` (``python -m spacy``, anything else) gets the real package.
"""

from __future__ import annotations

import sys
import threading
from types import ModuleType
from typing import Any

_STANDINS = ("spacy.cli", "spacy.cli.info")
_LOCK = threading.Lock()


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real one, its command line imported on first use."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """``spacy``, imported without its command line unless something imported it first."""
    with _LOCK:
        loaded = sys.modules.get("spacy")
        if loaded is not None:
            return loaded
        package = ModuleType("spacy.cli")
        package.__path__ = []  # a package: ``spacy.cli.info`` below is its submodule
        info = ModuleType("spacy.cli.info")
        info.info = _info  # type: ignore[attr-defined]
        package.info = info  # type: ignore[attr-defined]
        sys.modules.update({"spacy.cli": package, "spacy.cli.info": info})
        try:
            import spacy
        finally:
            for name in _STANDINS:
                if sys.modules.get(name) in (package, info):
                    del sys.modules[name]
            spacy_module = sys.modules.get("spacy")
            if spacy_module is not None and getattr(spacy_module, "cli", None) is package:
                delattr(spacy_module, "cli")
        return spacy
