"""One empathy phrase, its tags, and the checks every phrase must pass on load.

A phrase file is JSON Lines (``docs/phrase-format.md``): one phrase object per line;
blank lines and lines starting with ``#`` are skipped. Every problem is reported with
its code, file and line, so a supervisor can fix an import without guessing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.errors import PekaError
from assist.nlp.awaited import AWAITED
from assist.nlp.models import EMOTIONS, FAULTS, FUNCTIONS, ISSUES
from assist.suggest.errors import E401, E402, E403, E404, E405, E406, E407, E408

LANGUAGES = ("id", "en")
REGISTERS = ("formal", "friendly", "any")
CHANNELS = ("chat", "email", "phone")
PLACEHOLDERS = (
    "salutation",
    "name",
    "first_name",
    "order_ref",
    "days_waiting",
    "amount",
    "eta",
    "item",
    "issue",
    "agent_name",
    "deadline",
)
# Facts a phrase may state; the session offers such a phrase only when the customer's
# cache shows the fact (see ``assist.suggest.context.cache_facts``).
FACTS = (
    "in_transit",  # the order is moving normally with the courier
    "courier_known",  # the order has a courier on record
    "refund_processing",  # the refund is being processed
    "charge_pending",  # the charge has not been collected yet
    "order_on_record",  # the order the customer names is one of theirs
)
FIELDS = (
    "id",
    "language",
    "function",
    "text",
    "register",
    "channels",
    "emotions",
    "issues",
    "faults",
    "intensity",
    "admits_fault",
    "facts",
    "awaited",
)
REQUIRED = ("id", "language", "function", "text")

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
# Words that make a sentence an apology, whatever it is tagged as: such a phrase must be
# tagged ``apologise`` so that it can never reach a customer who caused the problem.
APOLOGY_RE = re.compile(
    r"\b(maaf|memohon maaf|sorry|apolog\w*|regret\w*|menyesal)\b", re.IGNORECASE
)
# Words that admit the company's fault outright.
FAULT_ADMISSION_RE = re.compile(
    r"\b(kesalahan kami|kekeliruan kami|kelalaian kami|salah kami|keteledoran kami"
    r"|our (?:own )?(?:mistake|fault|error)|we got (?:this|it) wrong|we made a mistake"
    r"|we messed up|that'?s on us|this is on us)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """An empathy phrase with the tags that decide when it fits (empty tag list = any)."""

    id: str
    language: str
    function: str
    text: str
    register: str = "any"
    channels: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    faults: tuple[str, ...] = ()
    intensity: tuple[float, float] = (0.0, 1.0)
    admits_fault: bool = False
    facts: tuple[str, ...] = ()  # what the cache must show for the phrase to be true
    # What the phrase says the customer waits for ("parcel", "visit"); empty = says nothing.
    awaited: tuple[str, ...] = ()
    source: str = "shipped"  # "shipped" or "supervisor"
    placeholders: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def apologetic(self) -> bool:
        """True when the phrase apologises or admits fault (never for the customer's fault)."""
        return self.function == "apologise" or self.admits_fault

    def to_json(self) -> dict[str, Any]:
        """The phrase as one JSON Lines object (tags that mean "any" are left out)."""
        data: dict[str, Any] = {
            "id": self.id,
            "language": self.language,
            "function": self.function,
            "text": self.text,
        }
        if self.register != "any":
            data["register"] = self.register
        for key in ("channels", "emotions", "issues", "faults", "facts", "awaited"):
            value = getattr(self, key)
            if value:
                data[key] = list(value)
        if self.intensity != (0.0, 1.0):
            data["intensity"] = list(self.intensity)
        if self.admits_fault:
            data["admits_fault"] = True
        return data


@dataclass(frozen=True, slots=True)
class PhraseProblem:
    code: str
    where: str  # "file:line" or "phrases.sqlite: phrase ID"
    message: str

    def __str__(self) -> str:
        return f"[{self.code}] {self.where}: {self.message}"


class PhraseError(PekaError):
    """One or more phrase problems; the first one's code is the error's code."""

    def __init__(self, problems: list[PhraseProblem]) -> None:
        self.problems = problems
        shown = "; ".join(f"{p.where}: {p.message}" for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(
            problems[0].code,
            f"{shown}{more}. Fix the phrase (see docs/phrase-format.md) and load it again.",
        )


class _Bad(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _tags(data: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(E402, f"field {key!r} must be a list of strings")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise _Bad(
            E403,
            f"unknown {key} tag {unknown[0]!r}; allowed: {', '.join(allowed)} (or leave empty)",
        )
    # Order does not matter to the engine; keep the file's order but drop repeats.
    return tuple(dict.fromkeys(value))


def _choice(data: Mapping[str, Any], key: str, allowed: tuple[str, ...], default: str) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise _Bad(E402, f"field {key!r} must be a string")
    if value not in allowed:
        raise _Bad(E403, f"unknown {key} {value!r}; allowed: {', '.join(allowed)}")
    return value


def placeholders_in(text: str) -> frozenset[str]:
    """The placeholder names in ``text``; raises _Bad on unknown or malformed ones."""
    names = PLACEHOLDER_RE.findall(text)
    rest = PLACEHOLDER_RE.sub("", text)
    if "{" in rest or "}" in rest:
        raise _Bad(E404, "unbalanced brace in text; placeholders look like {name}")
    for name in names:
        if name not in PLACEHOLDERS:
            raise _Bad(
                E404,
                f"unknown placeholder {{{name}}}; known: "
                + ", ".join("{" + p + "}" for p in PLACEHOLDERS),
            )
    return frozenset(names)


def parse_phrase(data: Any, *, source: str = "shipped") -> Phrase:
    """Build a checked Phrase from one decoded JSON object (raises _Bad)."""
    if not isinstance(data, dict):
        raise _Bad(E402, "each line must be one JSON object")
    unknown = [k for k in data if k not in FIELDS]
    if unknown:
        raise _Bad(E402, f"unknown field {unknown[0]!r}; fields: {', '.join(FIELDS)}")
    for key in REQUIRED:
        if key not in data:
            raise _Bad(E402, f"missing field {key!r}")
        if not isinstance(data[key], str):
            raise _Bad(E402, f"field {key!r} must be a string")
    phrase_id = data["id"]
    if not ID_RE.match(phrase_id):
        raise _Bad(
            E402,
            f"id {phrase_id!r} must be 2-64 lower-case letters, digits, '.', '_' or '-'",
        )
    text = " ".join(data["text"].split())
    if not text:
        raise _Bad(E402, "field 'text' is empty")
    if len(text) > 600:
        raise _Bad(E402, "field 'text' is longer than 600 characters")
    language = _choice(data, "language", LANGUAGES, "")
    function = _choice(data, "function", FUNCTIONS, "")
    register = _choice(data, "register", REGISTERS, "any")
    raw = data.get("intensity", [0.0, 1.0])
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw)
    ):
        raise _Bad(E407, "field 'intensity' must be [min, max], two numbers from 0 to 1")
    low, high = float(raw[0]), float(raw[1])
    if not (0.0 <= low <= high <= 1.0):
        raise _Bad(E407, f"intensity [{low}, {high}] must satisfy 0 <= min <= max <= 1")
    admits = data.get("admits_fault", False)
    if not isinstance(admits, bool):
        raise _Bad(E402, "field 'admits_fault' must be true or false")
    faults = _tags(data, "faults", FAULTS)
    admits = admits or bool(FAULT_ADMISSION_RE.search(text))
    if APOLOGY_RE.search(text) and function != "apologise":
        raise _Bad(
            E408,
            f"the text apologises but is tagged {function!r}; tag it 'apologise' "
            "so it is never offered when the customer caused the problem",
        )
    if (function == "apologise" or admits) and "customer" in faults:
        raise _Bad(
            E408,
            "an apology or admission of fault cannot be tagged for faults 'customer'; "
            "remove 'customer' from faults",
        )
    if admits and faults and faults != ("company",):
        raise _Bad(E408, "a phrase that admits fault may only be tagged faults ['company']")
    if admits:
        faults = ("company",)
    return Phrase(
        id=phrase_id,
        language=language,
        function=function,
        text=text,
        register=register,
        channels=_tags(data, "channels", CHANNELS),
        emotions=_tags(data, "emotions", EMOTIONS),
        issues=_tags(data, "issues", ISSUES),
        faults=faults,
        intensity=(low, high),
        admits_fault=admits,
        facts=_tags(data, "facts", FACTS),
        awaited=_tags(data, "awaited", AWAITED),
        source=source,
        placeholders=placeholders_in(text),
    )


def normalised_text(text: str) -> str:
    """Two texts that differ only in case, spacing or end punctuation count as one."""
    return " ".join(re.sub(r"[^\w{}\s]", " ", text.casefold()).split())


@dataclass(frozen=True, slots=True)
class Located:
    phrase: Phrase
    where: str


def read_lines(lines: Iterable[str], source_name: str, *, source: str) -> Iterator[Located]:
    """Parse phrase lines; raises PhraseError listing every bad line."""
    problems: list[PhraseProblem] = []
    found: list[Located] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{source_name}:{number}"
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            problems.append(PhraseProblem(E401, where, f"not valid JSON ({exc.msg})"))
            continue
        try:
            found.append(Located(parse_phrase(data, source=source), where))
        except _Bad as bad:
            problems.append(PhraseProblem(bad.code, where, bad.message))
    problems.extend(duplicate_problems(found))
    if problems:
        raise PhraseError(problems)
    yield from found


def read_file(path: Path, *, source: str = "shipped") -> list[Located]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PhraseError(
            [PhraseProblem(E401, str(path), "not UTF-8 text; save the file as UTF-8")]
        ) from None
    return list(read_lines(text.splitlines(), str(path), source=source))


def duplicate_problems(items: Iterable[Located]) -> list[PhraseProblem]:
    """Duplicate ids, and duplicate texts within one language."""
    problems: list[PhraseProblem] = []
    ids: dict[str, str] = {}
    texts: dict[tuple[str, str], Located] = {}
    for item in items:
        first = ids.get(item.phrase.id)
        if first is not None:
            problems.append(
                PhraseProblem(E405, item.where, f"id {item.phrase.id!r} is already used at {first}")
            )
        else:
            ids[item.phrase.id] = item.where
        key = (item.phrase.language, normalised_text(item.phrase.text))
        twin = texts.get(key)
        if twin is not None:
            problems.append(
                PhraseProblem(
                    E406,
                    item.where,
                    f"same text as phrase {twin.phrase.id!r} at {twin.where}; "
                    "change the wording or drop one",
                )
            )
        else:
            texts[key] = item
    return problems


def phrase_from_json(data: Any, where: str, *, source: str) -> Phrase:
    """Parse one phrase object, raising PhraseError naming ``where``."""
    try:
        return parse_phrase(data, source=source)
    except _Bad as bad:
        raise PhraseError([PhraseProblem(bad.code, where, bad.message)]) from None
