"""The coach: the language engine's draft analysis plus what only the session knows.

The session knows the customer's name, the order, how long they waited, who is at
fault and how far the agent's authority goes. Each finding carries a full replacement
draft built from those details, which the agent can take with one click.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assist.authority.models import WITHIN_AUTHORITY, CompensationOption
from assist.i18n import text
from assist.money import format_money, parse_money
from assist.nlp.models import DraftAnalysis, DraftFinding
from assist.suggest.context import GENERIC_ISSUE, issue_label
from assist.suggest.models import CoachAdvice, CoachFinding
from assist.suggest.phrases import APOLOGY_RE, PLACEHOLDER_RE
from assist.suggest.ranking import Candidates

# Checklist steps of the engine that mean a function is covered.
CHECKLIST_FUNCTIONS = {
    "feeling_acknowledged": "acknowledge_feeling",
    "empathy_expressed": "validate_feeling",
    "action_committed": "commit_action",
}

COLD_TEMPLATES = tuple(
    " ".join(t.split())
    for t in (
        "sedang dalam perbaikan",
        "masih dalam perbaikan",
        "sedang dalam proses",
        "sedang diproses",
        "sedang kami proses",
        "masih dalam proses",
        "mohon ditunggu",
        "silakan ditunggu",
        "harap menunggu",
        "mohon menunggu",
        "mohon maaf atas ketidaknyamanannya",
        "mohon maaf atas ketidaknyamanan ini",
        "mohon maaf atas ketidaknyamanan yang terjadi",
        "mohon maaf atas ketidaknyamanan yang dialami",
        "mohon maaf atas kendalanya",
        "maaf atas ketidaknyamanannya",
        "terima kasih atas kesabarannya",
        "terima kasih",
        "we apologize for the inconvenience",
        "we apologise for the inconvenience",
        "we apologize for any inconvenience",
        "we apologise for any inconvenience",
        "sorry for the inconvenience",
        "sorry for any inconvenience",
        "it is being processed",
        "your request is being processed",
        "we are working on it",
        "under maintenance",
        "please wait",
        "please be patient",
        "thank you for your patience",
    )
)
_GREETING_RE = re.compile(
    r"^(halo|hallo|hai|hi|hello|dear|selamat (pagi|siang|sore|malam)"
    r"|good (morning|afternoon|evening)|baik|ok|oke)\b[\s,.!]*",
    re.IGNORECASE,
)
_SALUTATION_WORD_RE = re.compile(
    r"^(bapak|ibu|kak|pak|bu|mr|ms|mrs|sir|madam)\b\.?\s*\w*[\s,.!]*", re.I
)
_SENTENCE_RE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+[.!?]*|\n+")
_PROMISE_RE = {
    "id": re.compile(
        r"\b(pasti|dijamin|menjamin|jaminan|hari ini juga|detik ini juga|sekarang juga"
        r"|saat ini juga|100\s?%)",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(definitely|guarantee\w*|i promise|we promise|today|right now|for sure|certainly"
        r"|100\s?%)",
        re.IGNORECASE,
    ),
}
_COMPENSATION_RE = re.compile(
    r"\b(refund\w*|dana|uang|dikembalikan|kembalikan|pengembalian|ganti\s?rugi|diganti"
    r"|kompensasi|voucher|cashback|saldo|potongan|diskon|gratis|ongkir|money|reimburs\w*"
    r"|compensat\w*|credit|discount|free)\b",
    re.IGNORECASE,
)
_AMOUNT_RE = re.compile(
    r"(?:(?:rp\.?|idr|us\$|usd|\$|sgd|s\$)\s?\d[\d.,]*(?:\s?(?:rb|ribu|jt|juta|k)\b)?"
    r"|\b\d[\d.,]*\s?(?:rb|ribu|jt|juta|k|rupiah)\b)",
    re.IGNORECASE,
)
_NEGATIVE = ("angry", "disappointed", "anxious")
_SLOT_RE = re.compile(r"\[[^\[\]]{1,40}\]")

# Messages live in the core catalogue (resources/i18n/core.<language>.json): "coach.<kind>"
# and "coach.emotion.<emotion>".


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s%]", " ", text.casefold()).split())


def covered_functions(draft: DraftAnalysis | None) -> frozenset[str]:
    if draft is None:
        return frozenset()
    covered = set(draft.functions_present)
    for step, function in CHECKLIST_FUNCTIONS.items():
        if draft.checklist.get(step):
            covered.add(function)
    if draft.apology_count > 0:
        covered.add("apologise")
    return frozenset(covered)


def authority_limit(options: Sequence[CompensationOption]) -> dict[str, int]:
    """Per currency, the largest amount the agent may grant alone."""
    limits: dict[str, int] = {}
    for option in options:
        if option.unit == "money" and option.status == WITHIN_AUTHORITY:
            limits[option.currency] = max(limits.get(option.currency, 0), option.amount_minor)
    return limits


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    text: str


def _sentences(text: str) -> list[_Sentence]:
    return [_Sentence(m.start(), m.end(), m.group()) for m in _SENTENCE_RE.finditer(text)]


class Coach:
    """Context-aware coaching for one customer message (built once per message)."""

    def __init__(
        self,
        candidates: Candidates,
        *,
        ui_language: str = "id",
        compensation: Sequence[CompensationOption] | None = None,
        granted: Sequence[CompensationOption] = (),
        offer_sentences: Sequence[str] = (),
    ) -> None:
        self.candidates = candidates
        self.ctx = candidates.context
        self.ui = "id" if ui_language == "id" else "en"
        self.limits = authority_limit(compensation) if compensation is not None else None
        # Amounts granted or approved in this conversation may be promised: they are given.
        self.granted_amounts = {(o.currency, o.amount_minor) for o in granted if o.unit == "money"}
        self.offer_keys = [_norm(s) for s in offer_sentences if _norm(s)]
        self.name = self.ctx.values.get("name", "")
        self.first_name = self.ctx.values.get("first_name", "")
        self.reply = self.compose()
        commit = candidates.best("commit_action")
        self.commit_text = commit.text if commit is not None else ""
        feeling = candidates.best("acknowledge_feeling") or candidates.best("validate_feeling")
        self.feeling_text = feeling.text if feeling is not None else ""

    # -- a warm reply built from this customer's details -----------------------------------

    def _plan(self) -> list[str]:
        analysis = self.candidates.analysis
        emotion = analysis.emotion if analysis is not None else "neutral"
        fault = analysis.fault if analysis is not None else "unknown"
        plan: list[str] = []
        if emotion in ("angry", "disappointed", "anxious", "confused"):
            plan.append("acknowledge_feeling")
            if self.ctx.days_waiting or "issue" in self.ctx.values:
                plan.append("acknowledge_impact")
        elif emotion == "happy":
            plan.append("thank")
        if fault == "company" and emotion != "happy":
            plan.append("apologise")
        plan.append("commit_action")
        if emotion in ("anxious", "confused"):
            plan.append("reassure")
        plan.append("check_satisfaction")
        return plan

    def compose(self) -> str:
        """A complete warm reply: greeting by name, then the empathy steps in order."""
        body: list[str] = []
        used: set[str] = set()
        for function in self._plan():
            pick = None
            for candidate in self.candidates.by_function.get(function, ()):
                if candidate.phrase.id in used:
                    continue
                # The greeting already names them; once is warm, twice is a script.
                if self.name and candidate.phrase.placeholders & {"name", "first_name"}:
                    continue
                pick = candidate
                break
            if pick is not None:
                used.add(pick.phrase.id)
                body.append(pick.text)
        text = " ".join(body)
        greeting = ""
        if self.name:
            greeting = f"Halo {self.name}," if self.ctx.language == "id" else f"Hi {self.name},"
        if not greeting:
            return text
        joiner = (
            "\n\n" if self.ctx.channel == "email" else ("\n" if self.ctx.channel == "chat" else " ")
        )
        return greeting + joiner + text if text else greeting

    # -- findings ---------------------------------------------------------------------------

    def _message(self, key: str, **values: str) -> str:
        return text(self.ui, f"coach.{key}", **values)

    def _is_cold_template(self, draft: str) -> bool:
        text = draft.strip()
        text = _GREETING_RE.sub("", text)
        text = _SALUTATION_WORD_RE.sub("", text)
        for name in (self.name, self.first_name):
            if name:
                text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
        parts = [_norm(s.text) for s in _sentences(text)]
        parts = [p for p in parts if p]
        return bool(parts) and all(p in COLD_TEMPLATES for p in parts)

    def _name_used(self, draft: str, analysis: DraftAnalysis | None) -> bool:
        if analysis is not None and analysis.name_used is not None:
            return analysis.name_used
        folded = draft.casefold()
        return any(n and n.casefold() in folded for n in (self.first_name, self.name))

    def _with_greeting(self, draft: str) -> str:
        match = _GREETING_RE.match(draft.strip())
        rest = draft.strip()[match.end() :] if match else draft.strip()
        rest = _SALUTATION_WORD_RE.sub("", rest) if match else rest
        greeting = f"Halo {self.name}," if self.ctx.language == "id" else f"Hi {self.name},"
        joiner = (
            "\n\n" if self.ctx.channel == "email" else ("\n" if self.ctx.channel == "chat" else " ")
        )
        rest = rest[:1].upper() + rest[1:]
        return greeting + joiner + rest

    def _over_promises(self, draft: str) -> tuple[list[CoachFinding], str]:
        findings: list[CoachFinding] = []
        rewrite = draft
        promise_re = _PROMISE_RE.get(self.ctx.language, _PROMISE_RE["en"])
        # Work from the end so that earlier spans stay valid while rewriting.
        for sentence in reversed(_sentences(draft)):
            if not _COMPENSATION_RE.search(sentence.text):
                continue
            words = [m.group(0) for m in promise_re.finditer(sentence.text)]
            over: list[tuple[str, int, str]] = []
            if self.limits is not None:
                for m in _AMOUNT_RE.finditer(sentence.text):
                    try:
                        money = parse_money(m.group(0))
                    except ValueError:
                        continue
                    if (money.currency, money.amount_minor) in self.granted_amounts:
                        continue  # granted or approved in this conversation
                    limit = self.limits.get(money.currency, 0)
                    if money.amount_minor > limit:
                        over.append((m.group(0), limit, money.currency))
            if not words and not over:
                continue
            replaced = sentence.text
            if words or any(limit == 0 for _, limit, _ in over):
                lead = sentence.text[: len(sentence.text) - len(sentence.text.lstrip())]
                replaced = lead + self.commit_text
            else:
                for amount_text, limit, currency in over:
                    replaced = replaced.replace(amount_text, format_money(limit, currency))
            rewrite = rewrite[: sentence.start] + replaced + rewrite[sentence.end :]
            for amount_text, limit, currency in over:
                key = "over_promise_amount" if limit else "over_promise_none"
                findings.append(
                    CoachFinding(
                        "over_promise",
                        self._message(
                            key, amount=amount_text.strip(), limit=format_money(limit, currency)
                        ),
                        "",
                        sentence.start,
                        sentence.end,
                    )
                )
            if words:
                findings.append(
                    CoachFinding(
                        "over_promise",
                        self._message("over_promise_words", words=", ".join(dict.fromkeys(words))),
                        "",
                        sentence.start,
                        sentence.end,
                    )
                )
        rewrite = re.sub(r"[ \t]{2,}", " ", rewrite).strip()
        findings.reverse()
        return [CoachFinding(f.kind, f.message, rewrite, f.start, f.end) for f in findings], rewrite

    def _fill_slots(self, alternative: str) -> str:
        """The engine's alternatives mark slots like ``[masalahnya]``: fill them from
        this conversation, and never let an apology in when the customer is at fault."""
        issue = self.ctx.values.get("issue") or issue_label(self.ctx.language, GENERIC_ISSUE)
        slot = issue if self.ctx.language == "id" else f"about {issue}"
        text = _SLOT_RE.sub(slot, PLACEHOLDER_RE.sub("", alternative))
        analysis = self.candidates.analysis
        if analysis is not None and analysis.fault == "customer" and APOLOGY_RE.search(text):
            text = self.feeling_text
        return " ".join(text.split())

    def _engine_findings(
        self, draft: str, found: Iterable[DraftFinding], skip_cold: bool
    ) -> list[CoachFinding]:
        result = []
        for finding in found:
            if skip_cold and finding.kind in ("cold", "robotic"):
                continue
            start = max(0, min(finding.start, len(draft)))
            end = max(start, min(finding.end, len(draft)))
            alternative = self._fill_slots(finding.alternative)
            rewrite = draft[:start] + alternative + draft[end:]
            message = finding.message or self._message("engine")
            result.append(CoachFinding(finding.kind, message, rewrite.strip(), start, end))
        return result

    def _offers_compensation(self, draft: str) -> bool:
        """The draft carries a granted offer: a concrete action the agent has taken."""
        folded = _norm(draft)
        if any(key in folded for key in self.offer_keys):
            return True
        for m in _AMOUNT_RE.finditer(draft):
            try:
                money = parse_money(m.group(0))
            except ValueError:
                continue
            if (money.currency, money.amount_minor) in self.granted_amounts:
                return True
        return False

    def _foreign_orders(self, draft: str) -> list[CoachFinding]:
        found = []
        squeezed = re.sub(r"\s", "", draft).upper()
        for ref in self.ctx.foreign_refs:
            key = re.sub(r"\s", "", ref).upper()
            if key and key in squeezed:
                at = draft.upper().find(ref.upper())
                start, end = (at, at + len(ref)) if at >= 0 else (None, None)
                found.append(
                    CoachFinding(
                        "foreign_order", self._message("foreign_order", ref=ref), "", start, end
                    )
                )
        return found

    def review(self, draft: str, analysis: DraftAnalysis | None) -> CoachAdvice:
        covered = covered_functions(analysis)
        checklist = dict(analysis.checklist) if analysis is not None else {}
        tone = analysis.tone if analysis is not None else "neutral"
        if not draft.strip():
            return CoachAdvice([], checklist, tone, covered, analysis)
        if self._offers_compensation(draft):
            covered = covered | {"commit_action"}
            checklist["action_committed"] = True
        findings: list[CoachFinding] = self._foreign_orders(draft)
        cold = self._is_cold_template(draft)
        if cold:
            findings.append(
                CoachFinding("cold_template", self._message("cold_template"), self.reply)
            )
        if (
            self.name
            and len(draft.strip()) >= 30
            and not self._name_used(draft, analysis)
            and not cold
        ):
            findings.append(
                CoachFinding(
                    "name_unused",
                    self._message("name_unused", name=self.name),
                    self._with_greeting(draft),
                )
            )
        apologised = "apologise" in covered
        acted = "commit_action" in covered
        felt = bool(covered & {"acknowledge_feeling", "validate_feeling"})
        if apologised and not acted and not cold and self.commit_text:
            findings.append(
                CoachFinding(
                    "apology_without_action",
                    self._message("apology_without_action"),
                    draft.rstrip() + " " + self.commit_text,
                )
            )
        analysis_msg = self.candidates.analysis
        if (
            acted
            and not felt
            and analysis_msg is not None
            and analysis_msg.emotion in _NEGATIVE
            and self.feeling_text
        ):
            findings.append(
                CoachFinding(
                    "action_without_feeling",
                    self._message(
                        "action_without_feeling",
                        emotion=text(self.ui, f"coach.emotion.{analysis_msg.emotion}"),
                    ),
                    self.feeling_text + " " + draft.strip(),
                )
            )
        promises, _ = self._over_promises(draft)
        findings.extend(promises)
        if analysis is not None:
            findings.extend(self._engine_findings(draft, analysis.findings, skip_cold=cold))
        return CoachAdvice(findings, checklist, tone, covered, analysis)
