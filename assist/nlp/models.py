"""The language engine's results: plain dataclasses with a stable JSON form.

Spans are character offsets into the text that was analysed. Entity values are
normalised:

* ``order_ref`` – the reference upper-cased without spaces (``"INV-2024-00123"``);
* ``money`` – ``{"amount_minor": int, "currency": "IDR"}``;
* ``duration`` – ``{"days": float, "iso": "P3D"}``;
* ``date`` – ``{"date": "YYYY-MM-DD" | None, "days_ago": float | None}``;
* ``phone`` – ``"+62812…"``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

EMOTIONS = ("angry", "disappointed", "anxious", "confused", "neutral", "happy")
SENTIMENTS = ("negative", "neutral", "positive")
ISSUES = (
    "delivery_delay",
    "item_problem",
    "billing_error",
    "refund_pending",
    "service_outage",
    "account_access",
    "poor_service",
    "other",
)
FAULTS = ("company", "customer", "unknown")
CUE_KINDS = (
    "emotion_word",
    "intensifier",
    "negation",
    "repetition",
    "waiting_time",
    "threat",
    "all_caps",
    "exclamation",
    "emoji",
)
ENTITY_LABELS = ("order_ref", "money", "duration", "date", "phone")
CHECKLIST_STEPS = (
    "problem_restated",
    "feeling_acknowledged",
    "empathy_expressed",
    "action_committed",
)
# Empathy functions, shared with assist.suggest: what a phrase does, and what a draft
# already does.
FUNCTIONS = (
    "acknowledge_feeling",
    "validate_feeling",
    "acknowledge_impact",
    "apologise",
    "thank",
    "commit_action",
    "reassure",
    "check_satisfaction",
)
TONES = ("cold", "neutral", "warm")


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    kind: str  # one of CUE_KINDS
    text: str
    detail: str = ""  # e.g. the emotion an emotion word points to


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str  # one of ENTITY_LABELS
    text: str
    value: Any


# Two careful people give one message different emotions about one time in ten (issue 14,
# second readings). When the engine's next likeliest emotion scores at least this share of
# the one it chose, the agent is shown both. Chosen on writers 50–57, left out of
# training: shown for about one message in ten, and there the writer's label about four
# times in ten (0.5 showed one in seven, 0.8 one in twenty-five).
ALTERNATIVE_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class MessageAnalysis:
    text: str
    language: str
    emotion: str
    emotion_scores: dict[str, float]
    intensity: float
    sentiment: str
    sentiment_scores: dict[str, float]
    issue: str
    issue_scores: dict[str, float]
    fault: str
    fault_reason: str
    cues: list[Cue] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # What the message says the customer waits for: "parcel", "visit" (assist.nlp.awaited).
    awaited: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["fault"] = {"value": self.fault, "reason": self.fault_reason}
        del data["fault_reason"]
        data["emotion_alternative"] = self.emotion_alternative()
        return data

    def emotion_alternative(self) -> str | None:
        """The next likeliest emotion when the reading is close (:data:`ALTERNATIVE_SHARE`),
        else None: "anxious, or perhaps neutral" rather than a certainty the engine lacks."""
        chosen = self.emotion_scores.get(self.emotion, 0.0)
        others = [(score, e) for e, score in self.emotion_scores.items() if e != self.emotion]
        if not others:
            return None
        score, emotion = max(others)
        return emotion if score > 0 and score >= ALTERNATIVE_SHARE * chosen else None

    def late_visit(self) -> bool:
        """A delay where the customer waits for someone's visit, not for a parcel."""
        return self.issue == "delivery_delay" and self.awaited == ["visit"]

    def issue_name_key(self) -> str:
        """The issue as people are told it (``issue.…``, ``reply.issue.…``, ``comp.issue.…``
        in the catalogues): a late visit is not called a late delivery."""
        return "late_visit" if self.late_visit() else self.issue

    def order_refs(self) -> list[str]:
        return [str(e.value) for e in self.entities if e.label == "order_ref"]

    def amounts(self) -> list[dict[str, Any]]:
        return [dict(e.value) for e in self.entities if e.label == "money"]

    def waiting_days(self) -> float | None:
        """The longest wait the customer mentions, in days (None if they mention none)."""
        days: list[float] = []
        for e in self.entities:
            if e.label == "duration" and isinstance(e.value, dict) and "days" in e.value:
                days.append(float(e.value["days"]))
            elif e.label == "date" and isinstance(e.value, dict) and e.value.get("days_ago"):
                days.append(float(e.value["days_ago"]))
        return max(days) if days else None


@dataclass(frozen=True, slots=True)
class DraftFinding:
    start: int
    end: int
    kind: str  # cold, robotic, blaming, over_apology, …
    text: str
    alternative: str
    message: str = ""


@dataclass(frozen=True, slots=True)
class DraftAnalysis:
    text: str
    language: str
    checklist: dict[str, bool]  # CHECKLIST_STEPS → taken?
    action_has_time: bool
    tone: str
    findings: list[DraftFinding] = field(default_factory=list)
    apology_count: int = 0
    name_used: bool | None = None  # None when no name was given to check against
    functions_present: frozenset[str] = frozenset()  # FUNCTIONS the draft already performs

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["functions_present"] = sorted(self.functions_present)
        return data
