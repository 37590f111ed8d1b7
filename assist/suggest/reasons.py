"""One-line reasons for a suggestion, in the interface language (``id`` or ``en``)."""

from __future__ import annotations

from assist.nlp.models import MessageAnalysis
from assist.suggest.context import format_days

EMOTION_WORDS = {
    "id": {
        "angry": "marah",
        "disappointed": "kecewa",
        "anxious": "cemas",
        "confused": "bingung",
        "neutral": "tenang",
        "happy": "senang",
    },
    "en": {
        "angry": "angry",
        "disappointed": "disappointed",
        "anxious": "anxious",
        "confused": "confused",
        "neutral": "calm",
        "happy": "happy",
    },
}

GAPS = {
    "id": {
        "acknowledge_feeling": "draf belum mengakui perasaannya",
        "validate_feeling": "draf belum menyatakan bahwa perasaannya wajar",
        "acknowledge_impact": "draf belum menyinggung dampak masalahnya",
        "apologise": "draf belum meminta maaf",
        "thank": "draf belum berterima kasih",
        "commit_action": "draf belum menyebut langkah nyata",
        "reassure": "draf belum menenangkannya",
        "check_satisfaction": "draf belum menanyakan apakah sudah terbantu",
    },
    "en": {
        "acknowledge_feeling": "the draft doesn't acknowledge their feeling yet",
        "validate_feeling": "the draft doesn't say their feeling is understandable yet",
        "acknowledge_impact": "the draft doesn't mention what the problem cost them yet",
        "apologise": "the draft doesn't apologise yet",
        "thank": "the draft doesn't thank them yet",
        "commit_action": "the draft doesn't name a concrete next step yet",
        "reassure": "the draft doesn't reassure them yet",
        "check_satisfaction": "the draft doesn't check that this helps yet",
    },
}


def intensity_word(intensity: float, ui: str) -> str:
    if intensity >= 0.67:
        return "tinggi" if ui == "id" else "high"
    if intensity >= 0.34:
        return "sedang" if ui == "id" else "medium"
    return "rendah" if ui == "id" else "low"


def situation(
    function: str, analysis: MessageAnalysis | None, days_waiting: int | None, ui: str
) -> str:
    """Why this function matters now, from the customer's side."""
    id_ui = ui == "id"
    if analysis is None:
        return "Belum ada pesan pelanggan" if id_ui else "No customer message yet"
    if function == "apologise" and analysis.fault == "company":
        return "Masalahnya di pihak kami" if id_ui else "The problem is on our side"
    if function == "acknowledge_impact" and days_waiting:
        waited = format_days(days_waiting, ui)
        return (
            f"Pelanggan sudah menunggu {waited}" if id_ui else f"The customer has waited {waited}"
        )
    if function == "reassure" and analysis.fault == "customer":
        return (
            "Kendalanya dari sisi pelanggan, jadi jangan sampai ia merasa disalahkan"
            if id_ui
            else "The slip was the customer's, so they shouldn't feel blamed"
        )
    word = EMOTION_WORDS["id" if id_ui else "en"].get(analysis.emotion, analysis.emotion)
    if analysis.emotion in ("neutral", "happy"):
        return f"Pelanggan {word}" if id_ui else f"The customer is {word}"
    level = intensity_word(analysis.intensity, ui)
    if id_ui:
        return f"Pelanggan {word} (intensitas {level})"
    return f"The customer is {word} ({level} intensity)"


def reason(
    function: str, analysis: MessageAnalysis | None, days_waiting: int | None, ui: str
) -> str:
    lang = "id" if ui == "id" else "en"
    joiner = " dan " if lang == "id" else " and "
    return situation(function, analysis, days_waiting, lang) + joiner + GAPS[lang][function]
