"""Hand-written fragments of the generated training corpus, from
``resources/nlp/templates_{id,en}.json`` (validated on load, ``[E306]``).

Each family is one way of saying something; the generator (``corpus.py``) fills
``{slots}`` and varies style. Families, not sentences, are split between train and
test by a hash of their content, so a test family is a phrasing training never saw.
Templates exist only where no public data does (Indonesian issues, confusion,
customer-service phrasing) and are weighted so they cannot dominate training.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assist.nlp.datafiles import fail, load

_SLOT_RE = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Templates:
    cores: dict[str, list[list[str]]]  # issue → families of core sentences
    happy_cores: list[list[str]]
    emotions: dict[str, list[list[str]]]  # emotion → families of feeling sentences
    threats: list[list[str]]
    waiting: tuple[str, ...]
    repetition: tuple[str, ...]
    greetings: tuple[str, ...]
    closings: tuple[str, ...]
    slots: dict[str, tuple[str, ...]]

    def all_templates(self) -> list[str]:
        out = [t for fams in self.cores.values() for f in fams for t in f]
        out += [t for fams in self.emotions.values() for f in fams for t in f]
        out += [t for f in self.happy_cores for t in f] + [t for f in self.threats for t in f]
        return [*out, *self.waiting, *self.repetition]


@lru_cache(maxsize=2)
def templates(language: str) -> Templates:
    from assist.nlp.models import EMOTIONS, ISSUES

    f = load(f"templates_{language}.json")
    t = Templates(
        cores=f.family_groups("cores"),
        happy_cores=f.families("happy_cores"),
        emotions=f.family_groups("emotions"),
        threats=f.families("threats"),
        waiting=f.words("waiting"),
        repetition=f.words("repetition"),
        greetings=f.words("greetings", allow_empty=True),
        closings=f.words("closings", allow_empty=True),
        slots=f.groups("slots"),
    )
    if set(t.cores) - set(ISSUES) or set(t.emotions) != set(EMOTIONS):
        fail(f.path, f"'cores' keys must be issues {ISSUES} and 'emotions' keys exactly "
             f"{EMOTIONS}")  # fmt: skip
    for text in t.all_templates():
        for slot in _SLOT_RE.findall(text):
            if slot != "core" and slot not in t.slots:
                fail(f.path, f"template {text!r} uses the slot {{{slot}}}, which 'slots' "
                     "does not define")  # fmt: skip
    return t
