"""One-line reasons for a suggestion, in the interface language (``id`` or ``en``)."""

from __future__ import annotations

from assist.i18n import text
from assist.nlp.models import MessageAnalysis
from assist.suggest.context import format_days

# The words live in the core catalogue (resources/i18n/core.<language>.json, "reason.*").


def intensity_word(intensity: float, ui: str) -> str:
    if intensity >= 0.67:
        return text(ui, "reason.level.high")
    if intensity >= 0.34:
        return text(ui, "reason.level.medium")
    return text(ui, "reason.level.low")


def situation(
    function: str, analysis: MessageAnalysis | None, days_waiting: int | None, ui: str
) -> str:
    """Why this function matters now, from the customer's side."""
    if analysis is None:
        return text(ui, "reason.no_message")
    if function == "apologise" and analysis.fault == "company":
        return text(ui, "reason.our_side")
    if function == "acknowledge_impact" and days_waiting:
        return text(ui, "reason.waited", waited=format_days(days_waiting, ui))
    if function == "reassure" and analysis.fault == "customer":
        return text(ui, "reason.customer_slip")
    word = text(ui, f"reason.emotion.{analysis.emotion}")
    if analysis.emotion in ("neutral", "happy"):
        return text(ui, "reason.calm", word=word)
    return text(ui, "reason.feeling", word=word, level=intensity_word(analysis.intensity, ui))


def reason(
    function: str, analysis: MessageAnalysis | None, days_waiting: int | None, ui: str
) -> str:
    lang = "id" if ui == "id" else "en"
    return text(
        lang,
        "reason.joiner",
        situation=situation(function, analysis, days_waiting, lang),
        gap=text(lang, f"reason.gap.{function}"),
    )
