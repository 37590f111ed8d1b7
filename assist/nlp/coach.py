"""The draft coach: which empathy steps and functions a reply already takes, and what
reads cold, robotic or blaming.

Rules (tokenizer, normaliser and one ``PhraseMatcher``) and one linear sentence-tone
model (``assist.nlp.tone``), because the suggestion engine calls it on every keystroke.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from assist.nlp import coach_data as C
from assist.nlp import rules_data as R
from assist.nlp.lexicon import normalise_word
from assist.nlp.models import CHECKLIST_STEPS, DraftAnalysis, DraftFinding

if TYPE_CHECKING:
    from assist.nlp.tone import SentenceTone

_TIME_RE = re.compile(
    r"\b(?:hari ini|sekarang juga|saat ini juga|besok|lusa|nanti (?:sore|siang|malam)"
    r"|(?:sore|siang|malam|pagi) ini|paling lambat|maksimal|selambat-lambatnya"
    r"|dalam\s+(?:\d+|satu|dua|tiga|1x24|2x24)|\d+\s?[x×]\s?24\s?jam|\d+\s*(?:jam|menit|hari)"
    r"|pukul\s+\d|jam\s+\d|(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu)\b"
    r"|today|tonight|tomorrow|this (?:afternoon|evening|morning)|within\s+(?:\d+|an?|one)"
    r"|by\s+(?:\d|tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|end of|noon)"
    r"|in the next\s+\d+|\d{1,2}[.:]\d{2}|\d+\s*(?:hours?|minutes?|days?|business days?)"
    r"|\d\s?(?:am|pm)\b)",
    re.IGNORECASE,
)
# Sentences doing one of these are about the next step, not the problem: "The refund will
# be sent within 24 hours" or "Dana Anda aman" do not restate what went wrong.
_FORWARD = ("FN|commit_action", "FN|reassure", "FN|check_satisfaction", "FN|thank")
_SENTENCE_END = re.compile(r"[.!?\n]+")
# "tim terkait", "pihak terkait": "terkait" meaning "concerned", not "about".
_CONCERNED_RE = re.compile(r"\b(?:tim|pihak|bagian|unit|divisi|instansi)\s+$", re.IGNORECASE)
_RECEIPT_RE = re.compile(r"\s+(?:terima|catat|received|noted)\b", re.IGNORECASE)
_WARM = ("acknowledge_feeling", "validate_feeling", "acknowledge_impact", "reassure")
# Phrase-list hits that make a sentence warm or specific, and how sure the tone model
# must be to flag such a sentence all the same (docs/nlp.md, "Cold replies").
_WARM_KEYS = ("FN|", "UNDERSTAND", "RESTATE")
FLAG_OVER_WARM = 0.9


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    key: str
    text: str


class DraftMatcher:
    """Phrase matches over a normalised draft (factory ``peka_draft``)."""

    def __init__(self, nlp: Language, *, language: str) -> None:
        self.language = language
        self.vocab = nlp.vocab
        self._make_doc = nlp.make_doc  # the pipeline's tokenizer: "I'll" → "I", "'ll"
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.findings: dict[str, C.Finding] = {}
        for function, phrases in C.FUNCTION_PHRASES.items():
            self._add(f"FN|{function}", phrases)
        self._add("UNDERSTAND", C.UNDERSTANDING)
        self._add("RESTATE", C.RESTATE_OPENERS)
        strong = [p for pairs in R.ISSUE_PHRASES.values() for p, w in pairs if w >= 2.0]
        self._add("ISSUE", tuple(strong))
        for i, finding in enumerate(C.FINDINGS):
            key = f"FIND|{i}"
            self.findings[key] = finding
            self._add(key, finding.phrases)

    def _add(self, key: str, phrases: tuple[str, ...]) -> None:
        docs = []
        for phrase in dict.fromkeys(phrases):
            doc = self._make_doc(phrase)
            for token in doc:
                token.norm_ = normalise_word(token.text, self.language)
            docs.append(doc)
        self.matcher.add(key, docs)

    def hits(self, doc: Doc) -> list[_Hit]:
        strings = self.vocab.strings
        out = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            out.append(_Hit(span.start_char, span.end_char, strings[match_id], span.text))
        return out

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("peka_draft", default_config={"language": "id"})
def make_draft_matcher(nlp: Language, name: str, *, language: str) -> DraftMatcher:
    return DraftMatcher(nlp, language=language)


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longest of overlapping hits with the same key."""
    hits = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for h in hits:
        if any(k.key == h.key and k.start <= h.start < k.end for k in kept):
            continue
        kept.append(h)
    return kept


def _name_used(text: str, name: str | None, salutation: str | None) -> bool | None:
    if not (name and name.strip()) and not (salutation and salutation.strip()):
        return None
    low = text.lower()
    words = set(re.findall(r"[\w.]+", low))
    if name:
        parts = [p for p in re.findall(r"\w+", name.lower()) if len(p) >= 2]
        parts = [p for p in parts if p not in C.SALUTATIONS]
        if any(p in words for p in parts):
            return True
    if salutation:
        sal = salutation.strip().lower().rstrip(".")
        forms = C.SALUTATIONS.get(sal, (sal,))
        if any(f in words or f.rstrip(".") in words for f in forms):
            return True
    return False


def analyse_draft(
    text: str,
    doc: Doc,
    matcher: DraftMatcher,
    language: str,
    *,
    name: str | None = None,
    salutation: str | None = None,
    has_entities: bool = False,
    tone_model: SentenceTone | None = None,
) -> DraftAnalysis:
    hits = [h for h in _longest(matcher.hits(doc)) if not _receipt_only(text, h)]
    keys = {h.key for h in hits}
    functions = {k.split("|", 1)[1] for k in keys if k.startswith("FN|")}
    apologies = [h for h in hits if h.key == "FN|apologise"]
    # "mohon maaf" contains "maaf": count the outermost apologies only.
    apologies = [
        h for h in apologies
        if not any(o is not h and o.start <= h.start and h.end <= o.end
                   and (o.end - o.start) > (h.end - h.start) for o in apologies)
    ]  # fmt: skip
    problem = has_entities or _restates_problem(text, hits)
    feeling = "acknowledge_feeling" in functions
    empathy = bool({"validate_feeling", "acknowledge_impact"} & functions or "UNDERSTAND" in keys)
    action = "commit_action" in functions
    has_time = bool(_TIME_RE.search(text))
    checklist = dict(zip(CHECKLIST_STEPS, (bool(problem), feeling, empathy, action), strict=True))
    lang = language if language in ("id", "en") else "id"
    findings: list[DraftFinding] = []
    # Wording the lists know and excuse in this draft ("Mohon ditunggu" after a timed
    # step): the tone model must not flag it all the same.
    excused: list[_Hit] = []
    for h in hits:
        finding = matcher.findings.get(h.key)
        if finding is None:
            continue
        if (
            (finding.when == "no_time" and action and has_time)
            or (finding.when == "no_specifics" and (problem or feeling))
            or (finding.when == "alone" and (action or feeling or empathy))
        ):
            excused.append(h)
            continue
        findings.append(
            DraftFinding(
                h.start,
                h.end,
                finding.kind,
                h.text,
                finding.alternative_id if lang == "id" else finding.alternative_en,
                finding.message_id if lang == "id" else finding.message_en,
            )
        )
    findings = _outermost(findings)
    if tone_model is not None:
        findings.extend(_tone_findings(text, tone_model, findings, hits, excused, lang))
    if len(apologies) > C.MAX_APOLOGIES:
        for h in apologies[C.MAX_APOLOGIES :]:
            findings.append(
                DraftFinding(
                    h.start,
                    h.end,
                    "over_apology",
                    h.text,
                    C.OVER_APOLOGY_ALTERNATIVE[lang],
                    "Terlalu banyak minta maaf." if lang == "id" else "Too many apologies.",
                )
            )
    findings.sort(key=lambda f: (f.start, f.end))
    warm = sum(1 for f in _WARM if f in functions) + (1 if "UNDERSTAND" in keys else 0)
    if any(f.kind == "blaming" for f in findings) or (findings and warm == 0):
        tone = "cold"
    elif warm >= 2 or (warm >= 1 and "apologise" in functions and problem):
        tone = "warm"
    else:
        tone = "neutral"
    return DraftAnalysis(
        text=text,
        language=lang,
        checklist=checklist,
        action_has_time=bool(action and has_time),
        tone=tone,
        findings=findings,
        apology_count=len(apologies),
        name_used=_name_used(text, name, salutation),
        functions_present=frozenset(functions),
    )


def _tone_findings(
    text: str,
    tone: SentenceTone,
    found: list[DraftFinding],
    hits: list[_Hit],
    excused: list[_Hit],
    lang: str,
) -> list[DraftFinding]:
    """Sentences the tone model reads as robotic, cold or blaming that no phrase list
    caught: the lists name what is wrong more precisely, so they go first. A sentence
    in which the lists found an empathy function ("Waktu Anda jadi terbuang karena
    ini.", "Terima kasih atas kesabarannya.") is flagged only when the model is sure."""
    out: list[DraftFinding] = []
    for start, end, kind, p in tone.flagged(text):
        if any(f.start < end and start < f.end for f in found) or any(
            h.start < end and start < h.end for h in excused
        ):
            continue
        warm = any(h.key.startswith(_WARM_KEYS) and start <= h.start < end for h in hits)
        if warm and p < FLAG_OVER_WARM:
            continue
        t = C.TONE_FINDINGS[kind]
        out.append(
            DraftFinding(
                start,
                end,
                kind,
                text[start:end],
                t.alternative_id if lang == "id" else t.alternative_en,
                t.message_id if lang == "id" else t.message_en,
            )
        )
    return out


def _receipt_only(text: str, hit: _Hit) -> bool:
    """ "Keluhan Anda telah kami terima" acknowledges receipt; it commits to nothing."""
    return hit.key == "FN|commit_action" and bool(_RECEIPT_RE.match(text, hit.end))


def _restates_problem(text: str, hits: list[_Hit]) -> bool:
    """An issue named, or "about your order…", in a sentence that is not a next step.

    A sentence that commits, reassures, thanks or checks counts only when it names the
    issue *and* whose it is ("refund Anda yang belum masuk akan saya proses").
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    forward = {bisect_right(ends, h.start) for h in hits if h.key in _FORWARD}
    by_sentence: dict[int, set[str]] = {}
    for h in hits:
        if h.key not in ("ISSUE", "RESTATE"):
            continue
        if h.key == "RESTATE" and _CONCERNED_RE.search(text[max(0, h.start - 12) : h.start]):
            continue
        by_sentence.setdefault(bisect_right(ends, h.start), set()).add(h.key)
    return any(
        sentence not in forward or keys == {"ISSUE", "RESTATE"}
        for sentence, keys in by_sentence.items()
    )


def _outermost(findings: list[DraftFinding]) -> list[DraftFinding]:
    """Drop a finding inside a longer one ("anda salah" within "anda salah input")."""
    findings = sorted(findings, key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[DraftFinding] = []
    for f in findings:
        if any(k.start <= f.start and f.end <= k.end for k in kept):
            continue
        kept.append(f)
    return kept
