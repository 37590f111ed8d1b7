"""Sentence tone of an agent's draft: does a sentence read robotic, cold or blaming?

The coach's phrase lists catch the wordings someone wrote down; agents find many more
("Mohon dimaklumi, memang begitu alurnya."). This linear model (factory ``peka_tone``)
reads each sentence with the message classifier's features and was trained on
hand-written agent drafts labelled sentence by sentence (``drafts_handwritten.jsonl``).
It stays linear and per sentence, cached by sentence text, because the coach runs on
every keystroke: typing changes only the last sentence.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from threading import Lock

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from assist.nlp.linear import BUCKETS, CompactWeights, Featurizer, softmax

TONES = ("ok", "robotic", "cold", "blaming")
# A sentence is flagged when the three bad tones together pass this probability; chosen
# on the spent first drafts test set in issue 14's fourth pass: 0.65 flags as many of its cold
# drafts as 0.6 and fewer warm ones (docs/nlp.md, "Cold replies").
FLAG_AT = 0.65
# A stop followed by a digit is inside a time or an amount ("pukul 15.00", "Rp 150.000").
_SENTENCE_END = re.compile(r"[.!?]+(?!\d)|\n")
_CACHE_SIZE = 512
# A reply is a few sentences; a pasted wall of text (or 100 kB of punctuation, the
# benchmark's worst input) is scored no further than its twentieth sentence, so a
# keystroke stays cheap.
MAX_SENTENCES = 20
# Likewise only the first characters of a very long sentence: a tone shows early.
MAX_SENTENCE_CHARS = 300


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, trimmed: what the coach scores one at a time."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    previous = 0
    for stop in ends:
        start, end = previous, stop
        previous = stop
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if any(ch.isalpha() for ch in text[start:end]):
            yield start, end


class SentenceTone:
    """Per-sentence probabilities of :data:`TONES` (no effect on message docs)."""

    def __init__(self, nlp: Language, name: str, *, language: str) -> None:
        self.name = name
        self.language = language
        self._nlp = nlp
        self.featurizer = Featurizer(language)
        self.table = CompactWeights.empty(len(TONES))
        self.bias = np.zeros(len(TONES), dtype=np.float32)
        self.trained = False
        self._cache: OrderedDict[str, dict[str, float]] = OrderedDict()
        self._lock = Lock()

    def set_weights(self, weights: np.ndarray, bias: np.ndarray, idf: np.ndarray) -> None:
        """Dense weights (BUCKETS × tones) and IDF from training, kept compact."""
        self._set(CompactWeights.from_dense(weights, idf), bias)

    def _set(self, table: CompactWeights, bias: np.ndarray) -> None:
        self.table = table
        self.bias = bias.astype(np.float32)
        self.trained = True
        with self._lock:
            self._cache.clear()

    def sentence_doc(self, sentence: str) -> Doc:
        """The sentence as the model saw it in training: tokenised and normalised."""
        doc = self._nlp.make_doc(sentence)
        normalizer = self._nlp.get_pipe("peka_normalizer")
        result: Doc = normalizer(doc)
        return result

    def scores(self, sentence: str) -> dict[str, float]:
        if not self.trained:
            return dict.fromkeys(TONES, 0.0) | {"ok": 1.0}
        with self._lock:
            hit = self._cache.get(sentence)
            if hit is not None:
                self._cache.move_to_end(sentence)
                return hit
        words, chars = self.featurizer(self.sentence_doc(sentence))
        raw = self.bias + self.table.group(words) + self.table.group(chars)
        result = {t: float(p) for t, p in zip(TONES, softmax(raw), strict=True)}
        with self._lock:
            self._cache[sentence] = result
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return result

    def flagged(self, text: str) -> list[tuple[int, int, str, float]]:
        """(start, end, worst tone, its probability) of each sentence that reads badly."""
        out: list[tuple[int, int, str, float]] = []
        for start, end in islice(sentence_spans(text), MAX_SENTENCES):
            probs = self.scores(text[start : min(end, start + MAX_SENTENCE_CHARS)])
            bad = {t: probs[t] for t in TONES[1:]}
            if sum(bad.values()) >= FLAG_AT:
                worst = max(bad, key=lambda t: bad[t])
                out.append((start, end, worst, bad[worst]))
        return out

    def __call__(self, doc: Doc) -> Doc:
        return doc

    # serialisation (spaCy calls these with the component's folder)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.table.save(path, self.bias)
        meta = {"buckets": BUCKETS, "tones": list(TONES), "language": self.language,
                "trained": self.trained}  # fmt: skip
        (path / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SentenceTone:
        path = Path(path)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta["buckets"] != BUCKETS or tuple(meta["tones"]) != TONES:
            raise ValueError(f"{path}: trained for other features or tones; retrain")
        self._set(*CompactWeights.load(path))
        self.trained = bool(meta.get("trained", True))
        return self


@Language.factory("peka_tone", default_config={"language": "id"})
def make_tone(nlp: Language, name: str, *, language: str) -> SentenceTone:
    return SentenceTone(nlp, name, language=language)
