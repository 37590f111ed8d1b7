from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def engine() -> Any:
    from assist.nlp import load_engine

    return load_engine()


@pytest.fixture(scope="session")
def blank_id() -> Any:
    """A blank Indonesian pipeline with only Peka's rule components (no training)."""
    import spacy

    from assist.nlp import components  # noqa: F401
    from assist.nlp.tokenizer import TOKENIZER_NAME

    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    nlp.add_pipe("peka_normalizer", config={"language": "id"})
    nlp.add_pipe("peka_rules", config={"language": "id"})
    return nlp


@pytest.fixture(scope="session")
def findings(engine: Any) -> Any:
    """What the shipped pipeline's rule component finds in a text (``RuleFindings``)."""

    def find(text: str, language: str = "id") -> Any:
        return engine.pipelines[language](text)._.peka_rules

    return find
