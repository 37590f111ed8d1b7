"""The language engine: ``load_engine()`` once, then ``analyze`` messages and ``coach``
drafts from any thread. Neither ever raises: bad input gets a valid, neutral result.

Huge inputs are capped: only the first :data:`HEAD_CHARS` and the last
:data:`TAIL_CHARS` characters are analysed (greetings and the complaint come first,
threats and demands last); spans still index the original text.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assist.nlp.models import (
    EMOTIONS,
    FAULTS,
    ISSUES,
    SENTIMENTS,
    Cue,
    DraftAnalysis,
    Entity,
    MessageAnalysis,
)

if TYPE_CHECKING:
    from assist.nlp.encoder import MessageEncoder

log = logging.getLogger(__name__)

HEAD_CHARS = 4000
TAIL_CHARS = 1000
_SEPARATOR = "\n\n"
_SURROGATES = re.compile("[\ud800-\udfff]")
LANGUAGES = ("id", "en")


def _clean(text: object) -> str:
    """Any input as analysable text of the same length (lone surrogates → U+FFFD)."""
    if not isinstance(text, str):
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="replace")
        else:
            text = "" if text is None else str(text)
    assert isinstance(text, str)
    return _SURROGATES.sub("\ufffd", text)


class _Window:
    """The part of a long text that is analysed, and how its offsets map back."""

    def __init__(self, text: str) -> None:
        self.full_length = len(text)
        if len(text) <= HEAD_CHARS + TAIL_CHARS:
            self.text = text
            self.tail_at = len(text) + 1
            return
        self.text = text[:HEAD_CHARS] + _SEPARATOR + text[-TAIL_CHARS:]
        self.tail_at = HEAD_CHARS + len(_SEPARATOR)

    def map(self, start: int, end: int) -> tuple[int, int] | None:
        if end <= HEAD_CHARS or self.tail_at > len(self.text):
            return start, end
        if start >= self.tail_at:
            shift = self.full_length - TAIL_CHARS - self.tail_at
            return start + shift, end + shift
        return None


def _neutral_message(text: str, language: str) -> MessageAnalysis:
    return MessageAnalysis(
        text=text,
        language=language,
        emotion="neutral",
        emotion_scores={k: (1.0 if k == "neutral" else 0.0) for k in EMOTIONS},
        intensity=0.0,
        sentiment="neutral",
        sentiment_scores={k: (1.0 if k == "neutral" else 0.0) for k in SENTIMENTS},
        issue="other",
        issue_scores={k: (1.0 if k == "other" else 0.0) for k in ISSUES},
        fault="unknown",
        fault_reason="",
    )


def _empty_draft(text: str, language: str, name_used: bool | None) -> DraftAnalysis:
    from assist.nlp.models import CHECKLIST_STEPS

    return DraftAnalysis(
        text=text,
        language=language,
        checklist=dict.fromkeys(CHECKLIST_STEPS, False),
        action_has_time=False,
        tone="neutral",
        name_used=name_used,
    )


class Engine:
    """Analyses customer messages and coaches agents' drafts with the two pipelines."""

    def __init__(
        self,
        pipelines: Mapping[str, Any],
        order_patterns: Iterable[str] = (),
        encoder: MessageEncoder | None = None,
    ) -> None:
        from assist.nlp.entities import compile_order_patterns

        self.pipelines = dict(pipelines)
        # Read-only numpy arrays: one encoder serves every thread without a lock.
        self.encoder = encoder
        self.order_patterns = compile_order_patterns(order_patterns)
        self._locks = {lang: threading.Lock() for lang in self.pipelines}
        self._draft: dict[str, Any] = {}
        for lang, nlp in self.pipelines.items():
            self._draft[lang] = nlp.create_pipe("peka_draft", config={"language": lang})

    # ------------------------------------------------------------------ helpers

    def _language(self, text: str, language: str | None) -> str:
        from assist.nlp.language import detect_language

        if language in self.pipelines:
            assert language is not None
            return language
        detected = detect_language(text)
        return detected if detected in self.pipelines else next(iter(self.pipelines))

    # ------------------------------------------------------------------ analyze

    def analyze(self, text: str, *, language: str | None = None) -> MessageAnalysis:
        """Emotion, sentiment, issue, fault, cues and entities of a customer message."""
        clean = _clean(text)
        lang = "id"
        try:
            lang = self._language(clean, language)
            return self._analyze(clean, lang)
        except Exception:  # never raise on input: log it and answer neutrally
            log.exception("language engine failed on a message of %d chars", len(clean))
            return _neutral_message(clean, lang)

    def _analyze(self, text: str, lang: str) -> MessageAnalysis:
        from assist.nlp import scoring, trivial
        from assist.nlp.awaited import awaited
        from assist.nlp.components import RuleFindings
        from assist.nlp.entities import find_entities

        window = _Window(text)
        nlp = self.pipelines[lang]
        with self._locks[lang]:
            doc = nlp(window.text)
        rules: RuleFindings = doc._.peka_rules or RuleFindings()
        cats = doc.cats

        def group(prefix: str, labels: tuple[str, ...]) -> dict[str, float]:
            return {k: float(cats.get(f"{prefix}:{k}", 0.0)) for k in labels}

        junk = trivial.is_junk(window.text)
        is_trivial = junk or trivial.is_trivial(doc)
        if is_trivial:
            emotion = (
                "neutral"
                if junk
                else trivial.trivial_emotion(
                    doc, scoring.negative_emoji_emotion(rules), rules.positive_emoji > 0
                )
            )
            emotion_scores = trivial.one_hot(EMOTIONS, emotion)
            sentiment = trivial.sentiment_of(emotion)
            sentiment_scores = trivial.one_hot(SENTIMENTS, sentiment)
            issue, issue_scores = "other", trivial.one_hot(ISSUES, "other")
            learned: dict[str, float] | None = None
        else:
            emotion_scores = scoring.blend_emotion(
                group("emotion", EMOTIONS), rules, group("emotion_customer", EMOTIONS)
            )
            # Once per message, off the keystroke path: the coach never calls _analyze.
            encoded = self.encoder.probabilities(window.text) if self.encoder else {}
            lent = scoring.encoder_lends(encoded, rules)
            if "emotion" in lent:
                emotion_scores = scoring.with_encoder(emotion_scores, lent["emotion"])
                emotion_scores = scoring.encoder_keeps_to_the_words(emotion_scores, rules)
            emotion_scores = scoring.sent_back_is_not_happy(emotion_scores, rules)
            emotion = scoring.top(emotion_scores)
            sentiment_scores = scoring.blend_sentiment(
                group("sentiment", SENTIMENTS), emotion_scores
            )
            if "sentiment" in lent:
                sentiment_scores = scoring.with_encoder(sentiment_scores, lent["sentiment"])
            sentiment_scores = scoring.sarcastic_praise(sentiment_scores, emotion, rules)
            sentiment_scores = scoring.sent_back_is_not_positive(sentiment_scores, rules)
            sentiment = scoring.top(sentiment_scores)
            # Issue 14: the old settling rules (calm requests → other, …) cost 3 points
            # on held-out Banking77 and 1 on the hand-written sets once the model learnt
            # issues from real text; "a delay needs a delay" narrowed in the sixth pass
            # to a calm service question (on five writers left out the broad rule was
            # wrong 12 times for 2 right: a courier who cannot find the house, a
            # technician due today are late deliveries to the writers). The blend and
            # "a named failure beats a topic" remain.
            issue_scores = scoring.blend_issue(group("issue", ISSUES), rules)
            if "issue" in lent:
                issue_scores = scoring.with_encoder(issue_scores, lent["issue"])
            issue_scores = scoring.shipping_question_is_not_a_delay(issue_scores, emotion, rules)
            issue_scores = scoring.named_failure_first(issue_scores, rules)
            issue_scores = scoring.solved_is_other(issue_scores, emotion, rules)
            issue_scores = scoring.sent_back_is_a_delivery(issue_scores, rules)
            issue = scoring.top(issue_scores)
            learned = group("fault", FAULTS)
            if "fault" in lent:
                learned = scoring.with_encoder(learned, lent["fault"])
        fault, reason = scoring.fault(
            issue, issue_scores[issue], rules, lang, emotion, learned=learned
        )
        cues: list[Cue] = []
        for cue in rules.cues:
            span = window.map(cue.start, cue.end)
            if span is not None:
                cues.append(Cue(span[0], span[1], cue.kind, text[span[0] : span[1]], cue.detail))
        entities: list[Entity] = []
        for ent in find_entities(window.text, self.order_patterns):
            span = window.map(ent.start, ent.end)
            if span is not None:
                entities.append(
                    Entity(span[0], span[1], ent.label, text[span[0] : span[1]], ent.value)
                )
        return MessageAnalysis(
            text=text,
            language=lang,
            emotion=emotion,
            emotion_scores=emotion_scores,
            intensity=min(trivial.MAX_INTENSITY, scoring.intensity(emotion, emotion_scores, rules))
            if is_trivial
            else scoring.intensity(emotion, emotion_scores, rules),
            sentiment=sentiment,
            sentiment_scores=sentiment_scores,
            issue=issue,
            issue_scores=issue_scores,
            fault=fault,
            fault_reason=reason,
            cues=cues,
            entities=entities,
            # The window, as for entities: a 100 kB paste would cost 20 ms to search whole.
            awaited=awaited(window.text),
        )

    # ------------------------------------------------------------------ coach

    def coach(
        self,
        text: str,
        *,
        name: str | None = None,
        salutation: str | None = None,
        language: str | None = None,
    ) -> DraftAnalysis:
        """Which empathy steps and functions the draft takes, its tone and findings."""
        from assist.nlp.coach import _name_used

        clean = _clean(text)
        lang = "id"
        try:
            lang = self._language(clean, language)
            return self._coach(clean, lang, name, salutation)
        except Exception:  # never raise on input
            log.exception("draft coach failed on a draft of %d chars", len(clean))
            try:
                used = _name_used(clean, name, salutation)
            except Exception:
                used = None
            return _empty_draft(clean, lang, used)

    def _coach(
        self, text: str, lang: str, name: str | None, salutation: str | None
    ) -> DraftAnalysis:
        from assist.nlp.coach import analyse_draft
        from assist.nlp.entities import has_reference

        window = _Window(text)
        nlp = self.pipelines[lang]
        with self._locks[lang]:
            doc = nlp.make_doc(window.text)
            nlp.get_pipe("peka_normalizer")(doc)
            result = analyse_draft(
                window.text,
                doc,
                self._draft[lang],
                lang,
                name=name,
                salutation=salutation,
                has_entities=has_reference(window.text, self.order_patterns),
                tone_model=nlp.get_pipe("peka_tone") if "peka_tone" in nlp.pipe_names else None,
            )
        if window.text is text:
            return result
        findings = []
        for f in result.findings:
            span = window.map(f.start, f.end)
            if span is not None:
                findings.append(
                    type(f)(span[0], span[1], f.kind, text[span[0] : span[1]], f.alternative,
                            f.message)
                )  # fmt: skip
        return DraftAnalysis(
            text=text,
            language=result.language,
            checklist=result.checklist,
            action_has_time=result.action_has_time,
            tone=result.tone,
            findings=findings,
            apology_count=result.apology_count,
            name_used=result.name_used,
            functions_present=result.functions_present,
        )


# ---------------------------------------------------------------------- loading

_LOCK = threading.Lock()
_PIPELINES: dict[str, Any] = {}
_ENGINES: dict[tuple[str, ...], Engine] = {}
_ENCODER: list[MessageEncoder | None] = []  # loaded with the pipelines, at most once


def pipelines_dir() -> Path:
    from assist.resources import resource_path

    return resource_path("pipelines")


def load_pipeline(path: Path) -> Any:
    """Load one trained pipeline from disk (no network), Peka's components registered."""
    from assist.nlp.spacy_import import import_spacy

    spacy = import_spacy()  # first: Peka's components below import spaCy too

    from assist.errors import PekaError
    from assist.nlp import coach as _coach  # noqa: F401  (registers peka_draft)
    from assist.nlp import components as _components  # noqa: F401  (registers factories)
    from assist.nlp import linear as _linear  # noqa: F401  (registers peka_linear)
    from assist.nlp import tone as _tone  # noqa: F401  (registers peka_tone)
    from assist.nlp.errors import E301

    try:
        # The tokenizer is rebuilt from code by its factory; loading its saved copy too
        # would add every special case and compile every affix regex a second time.
        return spacy.load(path, exclude=["tokenizer"])
    except Exception as exc:
        raise PekaError(
            E301,
            f"The language pipeline in {path} could not be loaded ({exc}). Reinstall Peka "
            "or rebuild it with `peka train`.",
        ) from exc


def load_message_encoder(path: Path) -> MessageEncoder | None:
    """The fine-tuned encoder in ``path`` (None when the folder holds none)."""
    from assist.errors import PekaError
    from assist.nlp.encoder import load_encoder
    from assist.nlp.errors import E311

    try:
        return load_encoder(path)
    except Exception as exc:
        raise PekaError(
            E311,
            f"The message encoder in {path} could not be loaded ({exc}). Reinstall Peka, "
            "or rebuild it with `python -m assist.nlp.training.encoder_train`.",
        ) from exc


def engine_at(pipelines: Path) -> Engine:
    """An uncached engine from a folder of trained pipelines (``id``, ``en`` and, when
    present, ``encoder``): what ``peka train`` evaluates, wherever ``--out`` put it."""
    return Engine(
        {lang: load_pipeline(pipelines / lang) for lang in LANGUAGES},
        encoder=load_message_encoder(pipelines / "encoder"),
    )


def _keep_out_of_collections() -> None:
    """The pipelines and the encoder live as long as the process (they are never
    unloaded), yet every full collection walked their ~80,000 objects: a collection
    falling inside an analysis stretched the slowest adversarial input from about 90 ms
    to 146-167 ms (issue 14, thirteenth pass). Frozen, collections skip them."""
    gc.collect()
    gc.freeze()


def load_engine(order_patterns: list[str] | None = None) -> Engine:
    """The engine with both pipelines from ``resources/pipelines`` (cached, thread-safe).

    ``order_patterns`` are extra regular expressions for order/invoice numbers, on top
    of the built-in ones (``nlp.order_patterns`` in the config).
    """
    key = tuple(order_patterns or ())
    with _LOCK:
        engine = _ENGINES.get(key)
        if engine is not None:
            return engine
        if not _PIPELINES:
            from assist.errors import PekaError
            from assist.nlp.awaited import check_words
            from assist.nlp.errors import E301
            from assist.nlp.reasons import reasons

            # analyze() never raises, so a broken reasons or awaited list would only show
            # as every message's neutral answer: refuse it here, as the components do.
            reasons()
            check_words()
            base = pipelines_dir()
            for lang in LANGUAGES:
                path = base / lang
                if not (path / "config.cfg").is_file():
                    raise PekaError(
                        E301,
                        f"The {lang} language pipeline is missing from {path}. Reinstall "
                        "Peka or rebuild it with `peka train`.",
                    )
                _PIPELINES[lang] = load_pipeline(path)
            _ENCODER.append(load_message_encoder(base / "encoder"))
            _keep_out_of_collections()
        engine = Engine(_PIPELINES, key, _ENCODER[0])
        _ENGINES[key] = engine
        return engine


def reset_cache() -> None:
    """Forget loaded pipelines (after `peka train` replaced them)."""
    with _LOCK:
        _PIPELINES.clear()
        _ENGINES.clear()
        _ENCODER.clear()
