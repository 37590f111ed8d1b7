"""What an agent's draft says, in normalised spelling: empathy functions and findings.

The data lives in ``resources/nlp/coach.json`` (validated on load, ``[E306]``): phrases
per empathy function, understanding and restating openers, and findings (cold, robotic,
blaming wording), each with a warmer alternative in both languages; the coach shows the
one in the draft's language.
"""

from __future__ import annotations

from typing import NamedTuple

from assist.nlp.datafiles import load
from assist.nlp.models import FUNCTIONS

_F = load("coach.json")

# "always", or a condition under which the wording is only a problem when alone:
# "no_time" (no concrete next step with a time), "no_specifics" (no problem restated and
# no feeling acknowledged), "alone" (nothing warm and no action beside it).
WHEN = ("always", "no_time", "no_specifics", "alone")
KINDS = ("cold", "robotic", "blaming")


class Finding(NamedTuple):
    kind: str  # one of KINDS
    phrases: tuple[str, ...]
    alternative_id: str
    alternative_en: str
    message_id: str
    message_en: str
    when: str = "always"


def _findings() -> tuple[Finding, ...]:
    from assist.nlp.datafiles import fail

    records = _F.records(
        "findings",
        {"kind": str, "phrases": list, "alternative_id": str, "alternative_en": str,
         "message_id": str, "message_en": str, "when": str},
    )  # fmt: skip
    out = []
    for i, r in enumerate(records):
        if r["kind"] not in KINDS or r["when"] not in WHEN:
            fail(_F.path, f"'findings', entry {i}: kind must be one of {KINDS} and when "
                  f"one of {WHEN}")  # fmt: skip
        out.append(Finding(r["kind"], tuple(r["phrases"]), r["alternative_id"],
                           r["alternative_en"], r["message_id"], r["message_en"],
                           r["when"]))  # fmt: skip
    return tuple(out)


class ToneFinding(NamedTuple):
    """What the coach says about a sentence the tone model flagged (``tone_findings``)."""

    kind: str  # one of KINDS
    alternative_id: str
    alternative_en: str
    message_id: str
    message_en: str


def _tone_findings() -> dict[str, ToneFinding]:
    from assist.nlp.datafiles import fail

    records = _F.records(
        "tone_findings",
        {"kind": str, "alternative_id": str, "alternative_en": str, "message_id": str,
         "message_en": str},
    )  # fmt: skip
    out: dict[str, ToneFinding] = {}
    for i, r in enumerate(records):
        if r["kind"] not in KINDS or r["kind"] in out:
            fail(_F.path, f"'tone_findings', entry {i}: kind must be one of {KINDS}, once each")
        out[r["kind"]] = ToneFinding(r["kind"], r["alternative_id"], r["alternative_en"],
                                     r["message_id"], r["message_en"])  # fmt: skip
    if set(out) != set(KINDS):
        fail(_F.path, f"'tone_findings': needs one entry for each of {KINDS}")
    return out


def _function_phrases() -> dict[str, tuple[str, ...]]:
    from assist.nlp.datafiles import fail

    groups = _F.groups("function_phrases")
    unknown = sorted(set(groups) - set(FUNCTIONS))
    if unknown:
        fail(_F.path, f"'function_phrases': unknown functions {unknown}; use {FUNCTIONS}")
    return groups


FUNCTION_PHRASES: dict[str, tuple[str, ...]] = _function_phrases()
UNDERSTANDING: tuple[str, ...] = _F.words("understanding")
RESTATE_OPENERS: tuple[str, ...] = _F.words("restate_openers")
FEELING_WORDS_IN_GENERIC_APOLOGY: tuple[str, ...] = _F.words("feeling_words_in_generic_apology")
FINDINGS: tuple[Finding, ...] = _findings()
# More apologies than this reads as grovelling, not sincerity.
MAX_APOLOGIES: int = _F.integer("max_apologies")
OVER_APOLOGY_ALTERNATIVE: dict[str, str] = _F.mapping("over_apology_alternative")
TONE_FINDINGS: dict[str, ToneFinding] = _tone_findings()
# Each salutation's forms that count as addressing the customer by it ("pak" for "Bapak").
SALUTATIONS: dict[str, tuple[str, ...]] = _F.groups("salutations")
