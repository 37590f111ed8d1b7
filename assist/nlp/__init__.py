"""The language engine: customer-message analysis and draft coaching on spaCy.

``load_engine()`` loads both trained pipelines once per process; importing this package
does not import spaCy (the result dataclasses live in :mod:`assist.nlp.models`).
"""

from __future__ import annotations

from assist.nlp.engine import Engine, load_engine

__all__ = ["Engine", "load_engine"]
