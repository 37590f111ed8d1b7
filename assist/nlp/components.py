"""Peka's spaCy components, registered with ``Language.factory`` on import.

* ``peka_normalizer`` sets ``token.norm_`` to the standard spelling of chat words;
* ``peka_rules`` finds cues (emotion words with negation, intensifiers, repetition,
  waiting time, threats, caps, "!!!", emoji) and issue/fault evidence with a
  ``PhraseMatcher`` and a ``Matcher`` over those norms, into ``doc._.peka_rules``;
* the classifier is ``peka_linear`` (``assist/nlp/linear.py``).

Import this module before ``spacy.load`` on a Peka pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from spacy.attrs import LOWER, NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from assist.nlp import rules_data as R
from assist.nlp import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer)
from assist.nlp.anchored import AnchoredMatcher
from assist.nlp.datafiles import fail
from assist.nlp.lexicon import normalise_word
from assist.nlp.models import Cue
from assist.nlp.morphology import stem_candidates

if not Doc.has_extension("peka_rules"):
    Doc.set_extension("peka_rules", default=None)


# Bare puzzled-question words: the one-word confusion entries weaker than 1.0 ("kok",
# "kenapa", "why").
_PUZZLE_WORDS: frozenset[str] = frozenset(
    phrase
    for phrase, weight in R.EMOTION_WORDS.get("confused", [])
    if weight < 1.0 and " " not in phrase
)


@dataclass(slots=True)
class RuleFindings:
    """What the rules found in one message."""

    cues: list[Cue] = field(default_factory=list)
    emotion: dict[str, float] = field(default_factory=dict)
    issue: dict[str, float] = field(default_factory=dict)
    customer_fault: list[str] = field(default_factory=list)
    # "saya kira…", "I thought…": the customer's own misunderstanding, weaker evidence.
    customer_fault_weak: list[str] = field(default_factory=list)
    company_fault: list[str] = field(default_factory=list)
    # Customer-fault wording denied or done by someone else ("saya tidak lupa bayar",
    # "not because I forgot", "kurir salah alamat"): the customer says it is not theirs.
    customer_fault_denied: list[str] = field(default_factory=list)
    # Strongest issue phrase per issue that names a failure, not just a topic or a
    # pending state ("rusak", "charged twice"; not "refund", "belum masuk").
    issue_named: dict[str, float] = field(default_factory=dict)
    # Strongest issue phrase per issue, topics included.
    issue_peak: dict[str, float] = field(default_factory=dict)
    service_requests: int = 0
    negations: int = 0
    delay_hints: int = 0
    threats: int = 0
    intensifiers: int = 0
    repetitions: int = 0
    waits: int = 0
    caps: int = 0
    exclamations: int = 0
    negative_emoji: int = 0
    positive_emoji: int = 0
    profanity: int = 0
    requests: int = 0
    questions: int = 0
    emphatic_questions: int = 0
    resolved: int = 0
    # A parcel taken or sent back ("dibawa balik ke gudang", "returned to sender").
    sent_back: int = 0
    # Something urgent and personal at stake (a flight tomorrow, medicine, rent).
    stakes: int = 0
    # Praise words that read as sarcasm beside the facts of a complaint.
    sarcasm: int = 0
    # A promise of the company in scare quotes beside praise ("thanks for the 'express'
    # delivery"): sarcasm (counted in ``sarcasm`` too) and the fact of a complaint.
    mocked_promises: int = 0
    # Evidence of confusion from bare puzzled-question words ("kok", "kenapa", "why").
    puzzle: float = 0.0
    # Accusing or rhetorical questions and blame ("niat kerja ga sih", "your mistake").
    accusation: int = 0
    # What the failure cost the customer ("izin kerja", "rugi saya", "missed my meeting").
    loss: int = 0
    # A length of time written as a number ("45 menit", "5 days"), waited for or not, but
    # not one given as speed ("fixed it in 20 minutes", "cuma 2 hari": ``speed_before_time``).
    durations: int = 0
    # The company addressed as the one who failed ("aplikasi kalian", "your courier").
    blame: int = 0
    # The agent or the shop addressed in chat ("kak", "min", "gan"): a service chat.
    addressed: int = 0


# ---------------------------------------------------------------- normaliser


class Normalizer:
    """Sets ``token.norm_`` from the slang lexicon (cached per distinct token text)."""

    def __init__(self, nlp: Language, *, language: str) -> None:
        self.language = language
        self._cache: dict[str, str] = {}

    def norm_of(self, text: str) -> str:
        return normalise_word(text, self.language)

    def __call__(self, doc: Doc) -> Doc:
        cache = self._cache
        for token in doc:
            text = token.text
            norm = cache.get(text)
            if norm is None:
                norm = normalise_word(text, self.language)
                if len(cache) < 200_000:
                    cache[text] = norm
            token.norm_ = norm
        return doc


@Language.factory("peka_normalizer", default_config={"language": "id"})
def make_normalizer(nlp: Language, name: str, *, language: str) -> Normalizer:
    return Normalizer(nlp, language=language)


# ---------------------------------------------------------------- rules

_CAPS_RE = re.compile(r"\b[A-Z]{3,}(?:\s+[A-Z]{2,})*\b")
_EMPHATIC_QUESTION_RE = re.compile(r"\?{2,}")
# "LAGI???", "Again?": the same failure once more, asked in disbelief.
_AGAIN_RE = re.compile(r"\b(?:lagi|again)\b\s*[?!]+", re.IGNORECASE)
_DURATION_RE = re.compile(
    r"\b\d+\s*(?:menit|jam|hari|minggu|bulan|mins?|minutes?|hours?|hrs?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
# A speed word right before the time ("in 20 minutes", "cuma 2 hari"), searched for only in
# the few characters before it: searching the whole text before every time was quadratic
# (100 kB of waiting times took 18 s).
_SPEED_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in R.SPEED_BEFORE_TIME) + r")\s+$", re.IGNORECASE
)
SPEED_REACH = max(map(len, R.SPEED_BEFORE_TIME)) + 4
_EXCLAIM_RE = re.compile(r"[!?]*!{2,}[!?1]*|[!?]{3,}")
# A short span in quotes: straight quotes only where no letter touches them from outside,
# so that "don't" and "I'm" open or close nothing; bounded, so a long text costs one pass.
_QUOTED_RE = re.compile(
    r"(?<![\w])'([^'\n]{1,60})'(?![\w])|\"([^\"\n]{1,60})\"|\u201c([^\u201d\n]{1,60})\u201d"
    r"|\u2018([^\u2019\n]{1,60})\u2019"
)


def _whole_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word or phrase, in any case."""
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


_TURN_RE = _whole_words(R.MOCKED_PROMISE_TURNS)
_PROMISE_RE = _whole_words(R.QUOTED_PROMISES)
# An emoji, or one of the emoticons of rules.json (longest first, so a longer one that
# begins like a shorter one is found whole).
_EMOTICONS = sorted(R.NEGATIVE_EMOTICONS | R.POSITIVE_EMOTICONS, key=lambda e: (-len(e), e))
_EMOJI_RE = re.compile(
    "[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2764\u263a\u2639]\ufe0f?|"
    r"(?<![\w])(?:" + "|".join(re.escape(e) for e in _EMOTICONS) + ")"
)


def _check_emoji() -> None:
    """An emoji of rules.json outside the blocks ``_EMOJI_RE`` finds would never count."""
    lists = {"negative_emoji": R.NEGATIVE_EMOJI, "positive_emoji": R.POSITIVE_EMOJI,
             "emoji_emotion": R.EMOJI_EMOTION}  # fmt: skip
    for key, emoji in lists.items():
        for char in sorted(emoji):
            if not _EMOJI_RE.fullmatch(char):
                fail(R.PATH, f"'{key}', entry {char!r} is not in the emoji blocks the rules "
                      "look at")  # fmt: skip


_check_emoji()


class RuleMatcher:
    """Cues and rule evidence over normalised tokens (writes ``doc._.peka_rules``)."""

    def __init__(self, nlp: Language, *, language: str) -> None:
        self.language = language
        self.vocab = nlp.vocab
        # Patterns go through the pipeline's own tokenizer, so "I'll" or "don't" split
        # exactly as they do in messages.
        self._make_doc = nlp.make_doc
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.matcher = AnchoredMatcher(nlp.vocab)
        self.meta: dict[int, tuple[str, str, float]] = {}
        self._add_phrases()
        self._add_token_patterns()
        # One-word emotion entries, for words found only through their stem
        # ("mengecewakan" → kecewa, "menyenangkan" → senang).
        self._stem_emotion: dict[str, tuple[str, float]] = {}
        if language == "id":
            for emotion, pairs in R.EMOTION_WORDS.items():
                for phrase, weight in pairs:
                    if " " not in phrase and "-" not in phrase:
                        self._stem_emotion.setdefault(
                            normalise_word(phrase, "id"), (emotion, weight)
                        )

    # Patterns -----------------------------------------------------------------

    def _pattern_doc(self, phrase: str) -> Doc:
        doc = self._make_doc(phrase)
        for token in doc:
            token.norm_ = normalise_word(token.text, self.language)
        return doc

    def _add(self, key: str, kind: str, detail: str, weight: float, phrases: list[str]) -> None:
        match_id = self.vocab.strings.add(key)
        self.meta[match_id] = (kind, detail, weight)
        docs = [self._pattern_doc(p) for p in dict.fromkeys(phrases)]
        self.phrases.add(key, docs)

    def _add_phrases(self) -> None:
        for emotion, pairs in R.EMOTION_WORDS.items():
            by_weight: dict[float, list[str]] = {}
            for phrase, weight in pairs:
                by_weight.setdefault(weight, []).append(phrase)
            for weight, phrases in by_weight.items():
                self._add(f"EMO|{emotion}|{weight}", "emotion_word", emotion, weight, phrases)
        for issue, pairs in R.ISSUE_PHRASES.items():
            by_weight = {}
            for phrase, weight in pairs:
                by_weight.setdefault(weight, []).append(phrase)
            for weight, phrases in by_weight.items():
                self._add(f"ISSUE|{issue}|{weight}", "issue", issue, weight, phrases)
        self._add("INTENS", "intensifier", "", 1.0, list(R.INTENSIFIERS))
        self._add("THREAT", "threat", "", 1.0, list(R.THREATS))
        self._add("WAITP", "waiting_time", "", 1.0, list(R.WAIT_PHRASES))
        self._add("REPP", "repetition", "", 1.0, list(R.REPETITION_PHRASES))
        self._add("CUSTFAULT", "customer_fault", "", 1.0, list(R.CUSTOMER_FAULT))
        self._add("CUSTWEAK", "customer_fault", "weak", 0.5, list(R.CUSTOMER_FAULT_WEAK))
        self._add("COMPFAULT", "company_fault", "", 1.0, list(R.COMPANY_FAULT))
        self._add("PROFANITY", "profanity", "angry", 1.0, list(R.PROFANITY))
        self._add("REQUEST", "request", "", 1.0, list(R.REQUEST_PHRASES))
        self._add("SERVICE", "service_request", "", 1.0, list(R.SERVICE_REQUESTS))
        self._add("RESOLVED", "resolved", "", 1.0, list(R.RESOLVED_PHRASES))
        self._add("SENTBACK", "sent_back", "", 1.0, list(R.SENT_BACK))
        self._add("STAKES", "stakes", "", 1.0, list(R.STAKES))
        self._add("SARCASM", "sarcasm", "", 1.0, list(R.SARCASM))
        self._add("ACCUSE", "accusation", "", 1.0, list(R.ACCUSATION))
        self._add("LOSS", "loss", "", 1.0, list(R.LOSS))
        self._add("BLAME", "blame", "", 1.0, list(R.BLAME_TARGETS))
        self._add("IDIOM", "idiom", "", 1.0, list(R.IDIOMS))

    def _add_token_patterns(self) -> None:
        norm = partial(normalise_word, language=self.language)
        openers = sorted({norm(w) for w in R.WAIT_OPENERS})
        units = sorted({norm(w) for w in R.TIME_UNITS})
        time_words = sorted({norm(w) for w in R.TIME_WORDS})
        counts = sorted({norm(w) for w in R.COUNT_WORDS})
        repeat_units = sorted({norm(w) for w in R.REPEAT_UNITS})
        fillers = {
            "NORM": {"IN": ["lebih", "hampir", "sekitar", "kurang", "about", "over"]},
            "OP": "?",
        }
        number = {"LIKE_NUM": True}
        wait_id = self.vocab.strings.add("WAIT")
        self.meta[wait_id] = ("waiting_time", "", 1.0)
        self.matcher.add(
            "WAIT",
            [
                [{"NORM": {"IN": openers}}, fillers, number, {"NORM": {"IN": units}}],
                [{"NORM": {"IN": openers}}, fillers, {"NORM": {"IN": time_words}}],
                [
                    {"NORM": {"IN": openers}},
                    {"NORM": {"IN": ["a", "an", "one"]}},
                    {"NORM": {"IN": units}},
                ],
                [
                    number,
                    {"NORM": {"IN": units}},
                    {"NORM": {"IN": ["now", "ago", "lalu", "lamanya", "lebih"]}},
                ],
            ],
        )
        self._add_fault_patterns(norm)
        # "BBB" (the Better Business Bureau) only in capitals: "bbb" squashes to "b".
        bbb = self.vocab.strings.add("BBB")
        self.meta[bbb] = ("threat", "", 1.0)
        self.matcher.add("BBB", [[{"ORTH": {"IN": ["BBB", "B.B.B."]}}]])
        rep_id = self.vocab.strings.add("REP")
        self.meta[rep_id] = ("repetition", "", 1.0)
        self.matcher.add(
            "REP",
            [
                [
                    {"NORM": {"IN": ["sudah", "udah", "sampai", "ini", "for"]}, "OP": "?"},
                    {"LIKE_NUM": True},
                    {"NORM": {"IN": repeat_units}},
                ],
                [{"NORM": {"IN": counts}}, {"NORM": {"IN": repeat_units}}],
                [{"NORM": {"IN": ["dua kali", "tiga kali", "empat kali", "lima kali"]}}],
            ],
        )

    def _add_fault_patterns(self, norm: Any) -> None:
        """ "alamat yang saya tulis salah", "I typed my PIN wrong", "ke rekening yang salah"."""
        first = sorted(R.FIRST_PERSON)
        actions = sorted({norm(w) for w in (*R.CUSTOMER_ACTIONS_ID, *R.CUSTOMER_ACTIONS_EN)})
        wrong = sorted({norm(w) for w in R.WRONG_WORDS})
        targets = sorted({norm(w) for w in R.TARGETS})
        agents = sorted(R.FAULT_AGENTS)
        company_agents = sorted({norm(w) for w in R.COMPANY_AGENTS} | R.COMPANY_AGENTS)
        actions_company = sorted({norm(w) for w in R.COMPANY_ACTIONS})
        passive = sorted({norm(w) for w in R.COMPANY_PASSIVE})
        key = self.vocab.strings.add("CUSTFAULTP")
        self.meta[key] = ("customer_fault", "", 1.0)
        self.matcher.add(
            "CUSTFAULTP",
            [
                [
                    {"NORM": {"IN": first}},
                    {"NORM": {"IN": ["sudah", "tadi", "just", "accidentally", "then"]}, "OP": "?"},
                    {"NORM": {"IN": actions}},
                    {"OP": "{0,3}"},
                    {"NORM": {"IN": wrong}},
                ],
                [
                    {"NORM": {"IN": ["ke", "to", "into", "in"]}},
                    {"NORM": {"IN": ["the", "a", "an"]}, "OP": "?"},
                    {"NORM": {"IN": targets}},
                    {"NORM": {"IN": ["yang", "lain", "orang"]}, "OP": "?"},
                    {"NORM": {"IN": wrong}},
                ],
                [
                    {"NORM": {"IN": ["to", "into", "ke"]}},
                    {"NORM": {"IN": ["the", "a"]}},
                    {"NORM": {"IN": wrong}},
                ],
                [{"NORM": {"IN": ["lupa", "kelupaan", "forgot", "forget"]}}],
            ],
        )
        company = self.vocab.strings.add("COMPFAULTP")
        self.meta[company] = ("company_fault", "", 1.0)
        self.matcher.add(
            "COMPFAULTP",
            [
                [
                    {"NORM": {"IN": ["terpotong", "dipotong", "didebet", "ditagih", "charged",
                                     "debited", "billed", "potong", "tertarik"]}},
                    {"LIKE_NUM": True},
                    {"NORM": {"IN": ["x", "kali", "times"]}},
                ],
                # "the seller sent me the wrong model", "kurir antar ke alamat yang salah"
                [
                    {"NORM": {"IN": agents}},
                    {"NORM": {"NOT_IN": first}, "OP": "{0,3}"},
                    {"NORM": {"IN": wrong}},
                ],
                # "aplikasinya error", "the courier damaged my TV", "sistem mendebet 2x"
                [
                    {"NORM": {"IN": company_agents}},
                    {"NORM": {"NOT_IN": first}, "IS_PUNCT": False, "OP": "{0,3}"},
                    {"NORM": {"IN": actions_company}},
                ],
                # "paket dihilangkan kurir", "damaged by the courier"
                [
                    {"NORM": {"IN": passive}},
                    {"NORM": {"IN": ["oleh", "sama", "by", "the", "your", "pihak"]}, "OP": "{0,2}"},
                    {"NORM": {"IN": company_agents}},
                ],
            ],
        )  # fmt: skip

    # Matching -------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.peka_rules = self.find(doc)
        except Exception:  # a rule bug must not take the analysis down with it
            doc._.peka_rules = RuleFindings()
        return doc

    def find(self, doc: Doc) -> RuleFindings:
        found = RuleFindings()
        spans: list[tuple[int, int, str, str, float]] = []
        for match_id, start, end in self.phrases(doc):
            kind, detail, weight = self.meta[match_id]
            spans.append((start, end, kind, detail, weight))
        for match_id, start, end in self.matcher(doc):
            kind, detail, weight = self.meta[match_id]
            spans.append((start, end, kind, detail, weight))
        spans = _longest_per_kind(spans)
        idiom_tokens: set[int] = set()
        for start, end, kind, _, _ in spans:
            if kind == "idiom":
                idiom_tokens.update(range(start, end))
        if idiom_tokens:
            spans = [s for s in spans if not idiom_tokens.intersection(range(s[0], s[1]))]
        company_tokens = _company_fault_tokens(spans)
        negated_by: dict[int, int] = {}
        used_tokens: set[int] = set()
        for start, end, kind, detail, weight in spans:
            span = doc[start:end]
            if kind == "emotion_word":
                if end < len(doc) and span.text.lower() == "top" and doc[end].lower_ == "up":
                    continue  # "top up" is a payment, not praise
                self._emotion(doc, found, start, end, detail, weight, negated_by, idiom_tokens)
                continue
            if kind == "issue":
                found.issue[detail] = found.issue.get(detail, 0.0) + weight
                found.issue_peak[detail] = max(found.issue_peak.get(detail, 0.0), weight)
                phrase = " ".join(t.norm_ for t in span)
                if phrase not in R.UNATTRIBUTED_ISSUE:
                    found.issue_named[detail] = max(found.issue_named.get(detail, 0.0), weight)
                continue
            if kind == "customer_fault":
                # "bukan salah saya", "kurir salah alamat": someone else's mistake.
                if company_tokens.intersection(range(start, end)):
                    found.customer_fault_denied.append(span.text)
                    continue
                if _fault_negated(doc, start) or _done_by_other(doc, start):
                    found.customer_fault_denied.append(span.text)
                    continue
                if detail == "weak":
                    found.customer_fault_weak.append(span.text)
                else:
                    found.customer_fault.append(span.text)
                continue
            if kind == "request":
                found.requests += 1
                continue
            if kind == "service_request":
                found.service_requests += 1
                continue
            if kind == "resolved":
                found.resolved += 1
                continue
            if kind == "sent_back":
                if start == 0 or doc[start - 1].norm_ not in R.SENT_BACK_CUSTOMER_VERBS:
                    found.sent_back += 1
                continue
            if kind == "stakes":
                found.stakes += 1
                continue
            if kind == "sarcasm":
                found.sarcasm += 1
                continue
            if kind == "accusation":
                found.accusation += 1
                found.cues.append(_cue(span, "emotion_word", "angry (accusing question)"))
                continue
            if kind == "loss":
                found.loss += 1
                continue
            if kind == "blame":
                found.blame += 1
                continue
            if kind == "company_fault":
                found.company_fault.append(span.text)
                continue
            if kind == "profanity":
                found.profanity += 1
                found.emotion["angry"] = found.emotion.get("angry", 0.0) + 1.0
                found.cues.append(_cue(span, "emotion_word", "angry"))
                continue
            if used_tokens.intersection(range(start, end)) and kind != "threat":
                continue
            used_tokens.update(range(start, end))
            if kind == "intensifier":
                found.intensifiers += 1
            elif kind == "threat":
                found.threats += 1
            elif kind == "repetition":
                found.repetitions += 1
            elif kind == "waiting_time":
                found.waits += 1
            found.cues.append(_cue(span, kind, detail))
        if self._stem_emotion:
            self._stem_emotions(doc, found, spans, negated_by, idiom_tokens)
        negators_used = set(negated_by.values())
        # Each distinct word is looked up once; Token objects only for the negations.
        for i, (norm, lower) in enumerate(_norms_and_lowers(doc)):
            if norm in R.DELAY_HINTS:
                found.delay_hints += 1
            if norm in R.AGENT_ADDRESS or lower in R.AGENT_ADDRESS:
                found.addressed += 1
            if i in idiom_tokens:
                continue
            if norm in R.NEGATORS or lower in R.NEGATORS:
                found.negations += 1
            if norm in R.NEGATORS and i not in negators_used:
                token = doc[i]
                target = doc[i + 1].text if i + 1 < len(doc) else ""
                found.cues.append(
                    Cue(token.idx, token.idx + len(token.text), "negation", token.text, target)
                )
        text = doc.text  # built token by token: once, not three times
        self._surface(text, found)
        _drop_praise_repetition(found)
        found.questions = text.count("?")
        found.emphatic_questions = len(_EMPHATIC_QUESTION_RE.findall(text))
        found.cues.sort(key=lambda c: (c.start, c.end, c.kind))
        return found

    def _stem_emotions(
        self,
        doc: Doc,
        found: RuleFindings,
        spans: list[tuple[int, int, str, str, float]],
        negated_by: dict[int, int],
        idiom_tokens: set[int],
    ) -> None:
        """Emotion words found through their stems ("mengecewakan" → kecewa).

        Works on the distinct norms (not on every token) so a doc of thousands of
        tokens costs no more than its vocabulary.
        """
        strings = doc.vocab.strings
        norms = doc.to_array("NORM")
        hits: dict[int, tuple[str, float]] = {}
        for norm_id in set(norms.tolist()):
            norm = strings[norm_id]
            if len(norm) < 6 or not norm.isalpha() or norm in self._stem_emotion:
                continue
            for stem in stem_candidates(norm):
                hit = self._stem_emotion.get(stem)
                if hit is not None:
                    hits[norm_id] = hit
                    break
        if not hits:
            return
        covered = {i for s in spans if s[2] in ("emotion_word", "profanity")
                   for i in range(s[0], s[1])}  # fmt: skip
        for i, norm_id in enumerate(norms.tolist()):
            hit = hits.get(norm_id)
            if hit is None or i in covered or i in idiom_tokens:
                continue
            self._emotion(doc, found, i, i + 1, hit[0], hit[1], negated_by, idiom_tokens)

    def _negator_before(self, doc: Doc, start: int, idiom_tokens: set[int]) -> int | None:
        i = start - 1
        skipped = 0
        while i >= 0 and skipped <= 2:
            norm = doc[i].norm_
            if norm in R.NEGATORS:
                return None if i in idiom_tokens else i
            if norm not in R.NEGATION_GAP:
                return None
            skipped += 1
            i -= 1
        return None

    def _emotion(
        self,
        doc: Doc,
        found: RuleFindings,
        start: int,
        end: int,
        emotion: str,
        weight: float,
        negated_by: dict[int, int],
        idiom_tokens: set[int],
    ) -> None:
        span = doc[start:end]
        first_norm = span[0].norm_
        negator = (
            None if first_norm in R.NEGATORS else self._negator_before(doc, start, idiom_tokens)
        )
        if negator is not None:
            flipped = R.NEGATED_EMOTION.get(emotion, "neutral")
            neg = doc[negator]
            negated_by[start] = negator
            found.cues.append(
                Cue(neg.idx, neg.idx + len(neg.text), "negation", neg.text, span.text)
            )
            found.cues.append(_cue(span, "emotion_word", f"{flipped} (negated {emotion})"))
            if flipped != "neutral":
                found.emotion[flipped] = found.emotion.get(flipped, 0.0) + max(weight, 0.8)
            return
        found.emotion[emotion] = found.emotion.get(emotion, 0.0) + weight
        if emotion == "confused" and (weight < 1.0 or span[0].norm_ in _PUZZLE_WORDS):
            # "why", and phrases that open with it ("why is …", "kenapa ya"): a question
            # word, puzzlement only when no wait makes it frustration (scoring).
            found.puzzle += weight
        if weight >= 1.0 or emotion != "happy":
            found.cues.append(_cue(span, "emotion_word", emotion))

    def _surface(self, text: str, found: RuleFindings) -> None:
        for m in _CAPS_RE.finditer(text):
            if _tagged(text, m.start(), m.end()):
                continue
            words = m.group(0).split()
            if len(words) == 1 and len(words[0]) <= R.CAPS_SHORT_WORD_MAX:
                # A document, office or code more often than a shout (rules_data.py).
                continue
            shouting = [w for w in words if w not in R.CAPS_OK]
            if shouting and sum(len(w) for w in shouting) >= 4:
                found.caps += 1
                found.cues.append(Cue(m.start(), m.end(), "all_caps", m.group(0)))
        found.durations = sum(
            not _SPEED_RE.search(text, max(0, m.start() - SPEED_REACH), m.start())
            for m in _DURATION_RE.finditer(text)
        )
        # Not in a question ("how do I get the 'pengiriman cepat' badge? thanks" quotes a
        # name and thanks in advance), and only where the message turns against it.
        praised = found.emotion.get("happy", 0.0) > 0 or found.sarcasm
        if praised and "?" not in text and _turned(text, found):
            found.mocked_promises = sum(map(_promise_quoted, _QUOTED_RE.finditer(text)))
            found.sarcasm += found.mocked_promises
        for m in _AGAIN_RE.finditer(text):
            found.repetitions += 1
            found.cues.append(Cue(m.start(), m.end(), "repetition", m.group(0)))
        for m in _EXCLAIM_RE.finditer(text):
            found.exclamations += 1
            found.cues.append(Cue(m.start(), m.end(), "exclamation", m.group(0)))
        for m in _EMOJI_RE.finditer(text):
            sym = m.group(0)
            base = sym[0]
            if base in R.NEGATIVE_EMOJI or sym in R.NEGATIVE_EMOTICONS:
                found.negative_emoji += 1
                detail = "negative"
            elif base in R.POSITIVE_EMOJI or sym in R.POSITIVE_EMOTICONS:
                found.positive_emoji += 1
                detail = "positive"
            else:
                detail = ""
            found.cues.append(Cue(m.start(), m.end(), "emoji", sym, detail))


def _turned(text: str, found: RuleFindings) -> bool:
    """The message turns against what it praises: a negation, a length of time, or one of
    ``mocked_promise_turns`` ("tapi", "ternyata", "still")."""
    return bool(found.negations or found.durations or _TURN_RE.search(text))


def _promise_quoted(match: re.Match[str]) -> bool:
    """A quoted span of a few words holding a promise of the company ('pengiriman
    ekspres', "same day"); a longer quote is what someone said, not a scare quote."""
    quoted = next(group for group in match.groups() if group is not None)
    return len(quoted.split()) <= R.QUOTED_PROMISE_MAX_WORDS and bool(_PROMISE_RE.search(quoted))


def _tagged(text: str, start: int, end: int) -> bool:
    """A hashtag, a mention or a template placeholder: "#PROMO", "{NAMA}", "[NAMA KAMU]"."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return before in ("#", "@", "_") or after == "_" or (before + after) in ("[]", "{}", "<>")


def _drop_praise_repetition(found: RuleFindings) -> None:
    """ "Selalu puas", "setiap hari pakai", "beberapa kali belanja": repetition is a cue only
    beside a failure or a negative feeling, never inside praise."""
    if not found.repetitions:
        return
    negative = sum(found.emotion.get(k, 0.0) for k in ("angry", "disappointed", "anxious"))
    failure = any(v >= 2.0 for k, v in found.issue_named.items() if k != "other")
    if (negative or failure or found.negations or found.waits or found.threats
            or found.company_fault or found.negative_emoji or found.profanity
            or found.accusation or found.exclamations or found.caps):  # fmt: skip
        return
    found.repetitions = 0
    found.cues = [c for c in found.cues if c.kind != "repetition"]


def _norms_and_lowers(doc: Doc) -> list[tuple[str, str]]:
    """``(token.norm_, token.lower_)`` of every token, each distinct string fetched once."""
    strings = doc.vocab.strings
    names: dict[int, str] = {}
    rows = doc.to_array([NORM, LOWER]).tolist() if len(doc) else []
    for norm, lower in rows:
        if norm not in names:
            names[norm] = strings[norm]
        if lower not in names:
            names[lower] = strings[lower]
    return [(names[norm], names[lower]) for norm, lower in rows]


def _cue(span: Any, kind: str, detail: str) -> Cue:
    start = span.start_char
    return Cue(start, span.end_char, kind, span.text, detail)


def _fault_negated(doc: Doc, start: int) -> bool:
    """ "saya tidak lupa bayar", "bukan karena saya lupa", "not because I forgot"."""
    i = start - 1
    while i >= 0 and start - i <= 4:
        norm = doc[i].norm_
        if norm in R.NEGATORS:
            return True
        if norm not in R.FAULT_NEGATION_GAP:
            return False
        i -= 1
    return False


def _done_by_other(doc: Doc, start: int) -> bool:
    """Whether someone other than the customer is the subject of a fault phrase.

    Looks back a few words in the same clause: "kurir antar ke alamat yang salah" and
    "you forgot to include" are not the customer's doing; "min, sy salah input" is (the
    first person comes nearer than any other party), as is a phrase that starts with "saya".
    """
    if doc[start].norm_ in R.FIRST_PERSON:
        return False
    i = start - 1
    while i >= 0 and start - i <= 6:
        token = doc[i]
        if token.is_punct and token.text not in ("-", "'"):
            return False
        norm = token.norm_
        if norm in R.FIRST_PERSON:
            return False
        if norm in R.FAULT_AGENTS:
            return True
        i -= 1
    return False


def _company_fault_tokens(spans: list[tuple[int, int, str, str, float]]) -> set[int]:
    """Tokens of company-fault matches not inside a longer customer-fault match.

    "salah kirim uang" (the customer's transfer) beats "salah kirim" (the seller's).
    """
    customer = [(s, e) for s, e, kind, _, _ in spans if kind == "customer_fault"]
    tokens: set[int] = set()
    for s, e, kind, _, _ in spans:
        if kind != "company_fault":
            continue
        if any(cs <= s and e <= ce and ce - cs > e - s for cs, ce in customer):
            continue
        tokens.update(range(s, e))
    return tokens


def _longest_per_kind(
    spans: list[tuple[int, int, str, str, float]],
) -> list[tuple[int, int, str, str, float]]:
    """Drop a match nested inside a longer match of the same kind ("tidak sesuai harapan")."""
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str, str, float]] = []
    # Only a match of the same kind can hide one: compare within the kind, not all kept.
    kept_by_kind: dict[str, list[tuple[int, int]]] = {}
    for s in spans:
        same_kind = kept_by_kind.setdefault(s[2], [])
        nested = any(k0 <= s[0] and s[1] <= k1 and (k0, k1) != (s[0], s[1]) for k0, k1 in same_kind)
        if not nested:
            kept.append(s)
            same_kind.append((s[0], s[1]))
    return kept


@Language.factory("peka_rules", default_config={"language": "id"})
def make_rules(nlp: Language, name: str, *, language: str) -> RuleMatcher:
    return RuleMatcher(nlp, language=language)
