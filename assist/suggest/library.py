"""The phrase library: the shipped phrases with the supervisors' layer on top."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from assist.resources import resource_path
from assist.suggest.phrases import (
    Located,
    Phrase,
    PhraseError,
    duplicate_problems,
    read_file,
)
from assist.suggest.store import DisabledPhrase, PhraseStore

SHIPPED_FILES = ("id.jsonl", "en.jsonl")


def shipped_dir() -> Path:
    return resource_path("phrases")


def read_shipped(folder: Path | None = None) -> list[Located]:
    """Every shipped phrase, checked across files (an id or text used twice is an error)."""
    folder = folder or shipped_dir()
    found: list[Located] = []
    for name in SHIPPED_FILES:
        path = folder / name
        if path.is_file():
            found.extend(read_file(path))
    problems = duplicate_problems(found)
    if problems:
        raise PhraseError(problems)
    return found


class PhraseLibrary:
    """The active phrases (shipped, overridden or added, minus disabled ones)."""

    def __init__(
        self,
        phrases: Iterable[Phrase],
        disabled: Mapping[str, DisabledPhrase] | None = None,
    ) -> None:
        self.disabled: dict[str, DisabledPhrase] = dict(disabled or {})
        everything: dict[str, Phrase] = {}
        for phrase in phrases:
            everything[phrase.id] = phrase  # later layers win
        self.all: tuple[Phrase, ...] = tuple(everything.values())
        self.phrases: tuple[Phrase, ...] = tuple(p for p in self.all if p.id not in self.disabled)
        self._by_id = {p.id: p for p in self.all}

    @classmethod
    def load(
        cls, store: PhraseStore | Path | None = None, *, folder: Path | None = None
    ) -> PhraseLibrary:
        """Shipped phrases, then the supervisors' database (a path or an open store)."""
        shipped = [item.phrase for item in read_shipped(folder)]
        if store is None:
            return cls(shipped)
        if isinstance(store, Path):
            if not store.exists():
                return cls(shipped)
            with PhraseStore.open(store) as opened:
                return cls.load(opened, folder=folder)
        return cls([*shipped, *store.phrases()], store.disabled())

    def get(self, phrase_id: str) -> Phrase | None:
        return self._by_id.get(phrase_id)

    def is_active(self, phrase_id: str) -> bool:
        return phrase_id in self._by_id and phrase_id not in self.disabled

    def __len__(self) -> int:
        return len(self.phrases)

    def count(self, language: str | None = None, function: str | None = None) -> int:
        return sum(
            1
            for p in self.phrases
            if (language is None or p.language == language)
            and (function is None or p.function == function)
        )


def load_library(path: Path | None = None) -> PhraseLibrary:
    """The library as configured: shipped phrases plus ``phrases.path`` when it exists."""
    if path is None:
        from assist import config

        configured = config.load()["phrases.path"]
        assert isinstance(configured, Path)
        path = configured
    return PhraseLibrary.load(path)
