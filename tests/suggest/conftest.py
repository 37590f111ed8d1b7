from __future__ import annotations

import pytest

from assist.suggest.library import PhraseLibrary


@pytest.fixture(scope="session")
def library() -> PhraseLibrary:
    return PhraseLibrary.load()
