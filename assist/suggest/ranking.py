"""Choosing and ordering phrases.

The expensive part, filtering the library by language, register, channel, emotion,
issue, intensity and fault and filling placeholders, runs once per customer message
(:func:`prepare`). Each keystroke then only drops what the draft already covers and
re-sorts a few dozen candidates (:meth:`Candidates.rank`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from assist.nlp.models import FUNCTIONS, MessageAnalysis
from assist.suggest.context import ConversationContext
from assist.suggest.library import PhraseLibrary
from assist.suggest.models import SEQUENCE, Suggestion
from assist.suggest.phrases import Phrase, normalised_text
from assist.suggest.reasons import reason

ORDER = {name: index for index, name in enumerate(SEQUENCE)}
assert set(SEQUENCE) == set(FUNCTIONS)

_BASE_NEED = {
    "acknowledge_feeling": 1.0,
    "validate_feeling": 0.85,
    "acknowledge_impact": 0.8,
    "apologise": 0.75,
    "thank": 0.5,
    "commit_action": 0.9,
    "reassure": 0.55,
    "check_satisfaction": 0.4,
}
_EMOTION_NEED = {
    "angry": {"acknowledge_feeling": 0.3, "validate_feeling": 0.2, "acknowledge_impact": 0.2},
    "disappointed": {
        "acknowledge_feeling": 0.25,
        "validate_feeling": 0.2,
        "acknowledge_impact": 0.2,
    },
    "anxious": {"reassure": 0.4, "commit_action": 0.1, "validate_feeling": 0.05},
    "confused": {"commit_action": 0.2, "reassure": 0.15, "validate_feeling": 0.05},
    "neutral": {
        "acknowledge_feeling": -0.35,
        "validate_feeling": -0.35,
        "acknowledge_impact": -0.2,
        "thank": 0.2,
        "commit_action": 0.2,
    },
    "happy": {
        "acknowledge_feeling": -0.3,
        "validate_feeling": -0.55,
        "acknowledge_impact": -0.5,
        "apologise": -0.6,
        "thank": 0.6,
        "commit_action": -0.45,
        "reassure": -0.25,
        "check_satisfaction": 0.2,
    },
}
_FEELING_FUNCTIONS = ("acknowledge_feeling", "validate_feeling", "acknowledge_impact")
_NEGATIVE = ("angry", "disappointed", "anxious", "confused")
_PERSONAL = ("name", "first_name", "order_ref", "days_waiting", "item", "issue")


def function_need(analysis: MessageAnalysis | None, days_waiting: int | None) -> dict[str, float]:
    """How much a reply to this message needs each empathy function (higher = more)."""
    need = dict(_BASE_NEED)
    if analysis is None:
        return need
    for function, delta in _EMOTION_NEED.get(analysis.emotion, {}).items():
        need[function] += delta
    if analysis.emotion in _NEGATIVE:
        scale = 0.6 + 0.8 * max(0.0, min(1.0, analysis.intensity))
        for function in _FEELING_FUNCTIONS:
            need[function] *= scale
    if analysis.fault == "unknown":
        need["apologise"] -= 0.3
    elif analysis.fault == "customer":
        need["reassure"] += 0.2
    if days_waiting is not None and days_waiting >= 2:
        need["acknowledge_impact"] += 0.2
        need["thank"] += 0.1
    return need


# A function needed less than this is not offered at all (e.g. apologising to a happy
# customer, or validating a feeling they don't have).
MIN_NEED = 0.35
# Functions whose untargeted phrases speak about a problem as still open; for a happy
# customer only phrases written for happy customers are offered.
_PROBLEM_TALK = (
    "acknowledge_feeling",
    "validate_feeling",
    "acknowledge_impact",
    "apologise",
    "reassure",
    "commit_action",
)


def allowed(phrase: Phrase, analysis: MessageAnalysis | None, ctx: ConversationContext) -> bool:
    """Hard filters: a phrase that fails one is never offered for this message."""
    if phrase.language != ctx.language:
        return False
    if phrase.register not in ("any", ctx.register):
        return False
    if phrase.channels and ctx.channel not in phrase.channels:
        return False
    # A phrase that states a fact is offered only when the cache shows it.
    if not ctx.facts.issuperset(phrase.facts):
        return False
    # "Your parcel" to a customer whose technician never came is untrue, and the reverse.
    if not ctx.awaited.issuperset(phrase.awaited):
        return False
    fault = analysis.fault if analysis is not None else "unknown"
    # The rule that matters most: never apologise or admit fault for the customer's slip.
    if fault == "customer" and phrase.apologetic:
        return False
    if phrase.admits_fault and fault != "company":
        return False
    if phrase.faults and fault not in phrase.faults:
        return False
    if analysis is None:
        return not phrase.emotions and not phrase.issues
    if phrase.emotions and analysis.emotion not in phrase.emotions:
        return False
    if analysis.emotion == "happy" and phrase.function in _PROBLEM_TALK and not phrase.emotions:
        return False
    if phrase.issues and analysis.issue not in phrase.issues:
        return False
    low, high = phrase.intensity
    return low <= analysis.intensity <= high


def _fit(phrase: Phrase, ctx: ConversationContext) -> float:
    """Small bonus for phrases written for exactly this situation."""
    bonus = 0.0
    if phrase.emotions:
        bonus += 0.15
    if phrase.issues:
        bonus += 0.15
    if phrase.channels:
        bonus += 0.05
    if phrase.register != "any":
        bonus += 0.05
    if phrase.faults:
        bonus += 0.05
    low, high = phrase.intensity
    bonus += 0.1 * (1.0 - (high - low))
    bonus += min(0.1, 0.04 * sum(1 for p in phrase.placeholders if p in _PERSONAL))
    return bonus


def _jitter(seed: str, phrase_id: str) -> float:
    """A stable tiny tie-breaker so that different customers see different wordings."""
    digest = hashlib.blake2b(f"{seed}\0{phrase_id}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 2**32 * 0.03


@dataclass(frozen=True, slots=True)
class Candidate:
    phrase: Phrase
    text: str
    key: str  # normalised text, to spot a phrase already in the draft or conversation
    score: float  # everything but the draft
    reason: str


@dataclass(frozen=True, slots=True)
class Candidates:
    """The phrases that fit one customer message, grouped by function, best first."""

    by_function: Mapping[str, tuple[Candidate, ...]]
    context: ConversationContext
    analysis: MessageAnalysis | None

    def best(self, function: str, exclude: Collection[str] = ()) -> Candidate | None:
        for candidate in self.by_function.get(function, ()):
            if candidate.phrase.id not in exclude:
                return candidate
        return None

    def rank(
        self,
        functions_present: Collection[str],
        *,
        used_ids: Collection[str] = (),
        used_keys: Collection[str] = (),
        draft_key: str = "",
        limit: int = 6,
        per_function: int = 2,
    ) -> list[Suggestion]:
        """Best phrases for the functions the draft still lacks.

        The best phrase of each missing function comes first (highest score first, ties
        in the natural empathy order), then the runners-up, so that the agent sees the
        whole range of steps before alternatives for one step.
        """
        rounds: list[list[Candidate]] = [[] for _ in range(per_function)]
        for function in SEQUENCE:
            if function in functions_present:
                continue
            taken = 0
            for candidate in self.by_function.get(function, ()):
                if taken >= per_function:
                    break
                if candidate.phrase.id in used_ids or candidate.key in used_keys:
                    continue
                if draft_key and candidate.key in draft_key:
                    continue
                rounds[taken].append(candidate)
                taken += 1
        picked: list[Candidate] = []
        for batch in rounds:
            batch.sort(key=lambda c: (-c.score, ORDER[c.phrase.function], c.phrase.id))
            picked.extend(batch)
        return [
            Suggestion(
                id=c.phrase.id,
                function=c.phrase.function,
                text=c.text,
                score=c.score,
                reason=c.reason,
            )
            for c in picked[:limit]
        ]


def prepare(
    library: PhraseLibrary,
    analysis: MessageAnalysis | None,
    ctx: ConversationContext,
    *,
    ui_language: str = "id",
    penalties: Mapping[str, float] | None = None,
    seed: str = "",
) -> Candidates:
    """Filter and pre-score the library for one message (run once, not per keystroke)."""
    need = function_need(analysis, ctx.days_waiting)
    penalties = penalties or {}
    reasons = {f: reason(f, analysis, ctx.days_waiting, ui_language) for f in SEQUENCE}
    grouped: dict[str, list[Candidate]] = {f: [] for f in SEQUENCE}
    for phrase in library.phrases:
        if need[phrase.function] < MIN_NEED or not allowed(phrase, analysis, ctx):
            continue
        text = ctx.fill(phrase.text)
        if text is None:
            continue
        score = (
            need[phrase.function]
            + _fit(phrase, ctx)
            - penalties.get(phrase.id, 0.0)
            + _jitter(seed, phrase.id)
        )
        grouped[phrase.function].append(
            Candidate(
                phrase, text, normalised_text(text), round(score, 4), reasons[phrase.function]
            )
        )
    for items in grouped.values():
        items.sort(key=lambda c: (-c.score, c.phrase.id))
    return Candidates({f: tuple(v) for f, v in grouped.items()}, ctx, analysis)
