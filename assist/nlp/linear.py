"""Peka's text classifier: a linear model over hashed TF-IDF features (``peka_linear``).

Features of a message (:func:`features`), each hashed with CRC-32 into one of
:data:`BUCKETS` columns:

* words — the normalised form ("gak" → "tidak"), its Indonesian stem ("menyenangkan" →
  "senang"), and pairs of neighbouring normalised words;
* character 2–5-grams of each word, padded with spaces (typos and slang share them; the
  baseline's range: 2-grams chosen on an inner fold of the training rows, ``select_c.py``);
* what the rules found: each emotion word's emotion, negated or not, named issues,
  threats, waits, repetition, capitals, "!!", emoji, requests, questions.

Word and character groups are weighted by sublinear TF × IDF and L2-normalised
separately (as a TF-IDF word + char union is). One weight matrix serves every head
(emotion, sentiment, issue, fault, and emotion learnt from customer messages alone):
scores are a softmax per head. Training
(``assist.nlp.training.linear_train``) fits the weights with scikit-learn's logistic
regression; at run time only numpy is needed, and a 1,000-character message costs a few
hundred dictionary look-ups and one gather.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from assist.nlp.models import EMOTIONS, FAULTS, ISSUES, SENTIMENTS
from assist.nlp.morphology import stem_id

BUCKETS = 2**18
HEADS: dict[str, tuple[str, ...]] = {
    "emotion": EMOTIONS,
    "sentiment": SENTIMENTS,
    "issue": ISSUES,
    # Learnt from the hand-written customer messages only (no public set says whose
    # fault a problem is); ``scoring.fault`` weighs it against the fault rules.
    "fault": FAULTS,
}
# Emotion once more, learnt from the hand-written customer messages alone: in "emotion"
# some 60,000 public reviews and comments outweigh them, and on writers left out of
# training the two read customer messages better together than either alone
# (``scoring.customer_model``). A model head, not a label: a message is labelled once,
# under the head named here. (An issue head learnt the same way cost 4 points on
# held-out Banking77 for at most 1 on the writers: issue 14, fifth pass.)
CUSTOMER_HEADS: dict[str, str] = {"emotion_customer": "emotion"}
MODEL_HEADS: dict[str, tuple[str, ...]] = {
    **HEADS,
    **{head: HEADS[label] for head, label in CUSTOMER_HEADS.items()},
}
# Column ranges of each head in the weight matrix.
_OFFSETS: dict[str, tuple[int, int]] = {}
_at = 0
for _head, _labels in MODEL_HEADS.items():
    _OFFSETS[_head] = (_at, _at + len(_labels))
    _at += len(_labels)
N_OUTPUTS = _at
# Only the first few thousand characters (the engine's window) are ever featurised.
_MAX_TOKENS = 1500


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8", "surrogatepass")) % BUCKETS


class Featurizer:
    """Feature buckets of a doc, cached per distinct token (thread-safe: dict writes)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._word_cache: dict[tuple[str, str], tuple[int, ...]] = {}
        self._char_cache: dict[str, tuple[int, ...]] = {}

    def _word(self, lower: str, norm: str) -> tuple[int, ...]:
        key = (lower, norm)
        hit = self._word_cache.get(key)
        if hit is None:
            feats = {f"w:{norm}"}
            if self.language == "id":
                for part in norm.split():
                    feats.add(f"s:{stem_id(part)}")
            hit = tuple(_bucket(f) for f in feats)
            if len(self._word_cache) < 200_000:
                self._word_cache[key] = hit
        return hit

    def _chars(self, lower: str) -> tuple[int, ...]:
        """Character n-grams of a word with a letter in it (none for "123" or "!!").

        The letter test is cached with the n-grams: once per distinct word, not per token.
        """
        hit = self._char_cache.get(lower)
        if hit is None:
            hit = ()
            if any(ch.isalpha() for ch in lower):
                padded = f" {lower[:40]} "
                grams = [
                    padded[i : i + n] for n in (2, 3, 4, 5) for i in range(len(padded) - n + 1)
                ]
                hit = tuple(_bucket(f"c:{g}") for g in grams)
            if len(self._char_cache) < 200_000:
                self._char_cache[lower] = hit
        return hit

    def __call__(self, doc: Doc) -> tuple[list[int], list[int]]:
        """(word-group buckets, char-group buckets), repeated once per occurrence."""
        words: list[int] = []
        chars: list[int] = []
        previous = "<s>"
        for token in doc[:_MAX_TOKENS]:
            if token.is_space:
                continue
            lower = token.lower_
            norm = token.norm_ or lower
            if token.is_punct and not token.text.strip("!?"):
                norm = "!" if "!" in token.text else "?"
            words.extend(self._word(lower, norm))
            words.append(_bucket(f"b:{previous} {norm}"))
            previous = norm
            chars.extend(self._chars(lower))
        words.append(_bucket(f"b:{previous} </s>"))
        words.extend(_bucket(f) for f in rule_features(doc))
        return words, chars


def rule_features(doc: Doc) -> Iterable[str]:
    """What the rule component found, as feature names."""
    rules = doc._.peka_rules if Doc.has_extension("peka_rules") else None
    if rules is None:
        return ()
    out: list[str] = []
    for cue in rules.cues:
        if cue.kind == "emotion_word":
            out.append(f"r:emo:{cue.detail}")
        elif cue.kind == "emoji":
            out.append(f"r:emoji:{cue.detail or 'other'}")
        else:
            out.append(f"r:{cue.kind}")
    for issue, weight in rules.issue.items():
        if weight >= 2.0:
            out.append(f"r:issue:{issue}")
    for name in ("company_fault", "customer_fault"):
        if getattr(rules, name):
            out.append(f"r:{name}")
    for name in ("requests", "service_requests", "questions", "resolved", "stakes",
                 "sarcasm", "accusation", "loss", "blame", "profanity"):  # fmt: skip
        if getattr(rules, name):
            out.append(f"r:{name}")
    return out


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    result: np.ndarray = e / e.sum()
    return result


def quantise_rows(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row as int8 times its own scale: half the memory of float16 (the engine's
    memory budget needs it), and each weight within 1/254 of its row's largest."""
    exact = weights.astype(np.float64)
    peak = np.abs(exact).max(axis=1) if len(exact) else np.zeros(0)
    scale = np.where(peak > 0, peak / 127.0, 1.0)
    quantised = np.clip(np.rint(exact / scale[:, None]), -127, 127).astype(np.int8)
    return quantised, scale.astype(np.float32)


class CompactWeights:
    """Weights of only the buckets training used (about three quarters of a dense
    BUCKETS-row table), each row int8 with a scale (:func:`quantise_rows`), found through
    a dense bucket → row map, with the IDF dense as before: as fast as the dense table."""

    def __init__(
        self, rows: np.ndarray, weights: np.ndarray, scale: np.ndarray, idf: np.ndarray
    ) -> None:
        self.rows = rows.astype(np.int32, copy=False)
        self.weights = weights.astype(np.int8, copy=False)
        self.scale = scale.astype(np.float32)
        self.position = np.full(BUCKETS, -1, dtype=np.int32)
        self.position[self.rows] = np.arange(len(self.rows), dtype=np.int32)
        # A bucket training never saw has IDF 1, as in :func:`idf_of`, and no weight.
        self.idf = np.ones(BUCKETS, dtype=np.float32)
        self.idf[self.rows] = idf.astype(np.float32)

    @classmethod
    def empty(cls, outputs: int) -> CompactWeights:
        return cls(np.zeros(0, np.int32), np.zeros((0, outputs), np.int8), np.zeros(0), np.zeros(0))

    @classmethod
    def from_dense(cls, weights: np.ndarray, idf: np.ndarray) -> CompactWeights:
        used = np.flatnonzero(np.any(weights != 0, axis=1) | (idf != 1.0))
        quantised, scale = quantise_rows(weights[used])
        return cls(used, quantised, scale, idf[used])

    def save(self, path: Path, bias: np.ndarray) -> None:
        """``weights.npz`` in ``path``: the used rows, their weights, scales and IDF, the bias."""
        np.savez_compressed(
            path / "weights.npz",
            rows=self.rows,
            weights=self.weights,
            scale=self.scale,
            idf=self.idf[self.rows].astype(np.float16),
            bias=bias,
        )

    @classmethod
    def load(cls, path: Path) -> tuple[CompactWeights, np.ndarray]:
        """(table, bias) from the ``weights.npz`` that :meth:`save` wrote; a table saved
        before rows were quantised (float16 weights, no scale) is quantised on loading."""
        with np.load(path / "weights.npz") as data:
            if "scale" in data:
                weights, scale = data["weights"], data["scale"]
            else:
                weights, scale = quantise_rows(data["weights"])
            table = cls(data["rows"], weights, scale, data["idf"])
            bias: np.ndarray = data["bias"].astype(np.float32)
        return table, bias

    def group(self, buckets: list[int]) -> np.ndarray:
        """One feature group's share of the raw scores: TF-IDF, L2-normalised."""
        if not buckets:
            return np.zeros(self.weights.shape[1], dtype=np.float32)
        index, counts = np.unique(np.asarray(buckets, dtype=np.int64), return_counts=True)
        values = (1.0 + np.log(counts)).astype(np.float32) * self.idf[index]
        norm = float(np.sqrt(np.dot(values, values)))
        if norm > 0:
            values /= norm
        pos = self.position[index]
        seen = pos >= 0
        rows = pos[seen]
        known = values[seen] * self.scale[rows]
        result: np.ndarray = known @ self.weights[rows].astype(np.float32)
        return result


class LinearClassifier:
    """Sets ``doc.cats`` ("emotion:angry", "sentiment:neutral", "issue:other", …)."""

    def __init__(self, nlp: Language, name: str, *, language: str) -> None:
        self.name = name
        self.language = language
        self.featurizer = Featurizer(language)
        self.table = CompactWeights.empty(N_OUTPUTS)
        self.bias = np.zeros(N_OUTPUTS, dtype=np.float32)
        self.trained = False

    def set_weights(self, weights: np.ndarray, bias: np.ndarray, idf: np.ndarray) -> None:
        """Dense weights (BUCKETS × outputs) and IDF from training, kept compact."""
        self.table = CompactWeights.from_dense(weights, idf)
        self.bias = bias.astype(np.float32)
        self.trained = True

    def scores(self, doc: Doc) -> dict[str, float]:
        words, chars = self.featurizer(doc)
        raw = self.bias + self.table.group(words) + self.table.group(chars)
        cats: dict[str, float] = {}
        for head, labels in MODEL_HEADS.items():
            lo, hi = _OFFSETS[head]
            probs = softmax(raw[lo:hi])
            for label, p in zip(labels, probs, strict=True):
                cats[f"{head}:{label}"] = float(p)
        return cats

    def __call__(self, doc: Doc) -> Doc:
        if self.trained:
            doc.cats.update(self.scores(doc))
        return doc

    # serialisation (spaCy calls these with the component's folder)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.table.save(path, self.bias)
        meta = {"buckets": BUCKETS, "heads": {h: list(v) for h, v in MODEL_HEADS.items()},
                "language": self.language}  # fmt: skip
        (path / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LinearClassifier:
        path = Path(path)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        heads = {h: tuple(v) for h, v in meta["heads"].items()}
        if meta["buckets"] != BUCKETS or heads != MODEL_HEADS:
            raise ValueError(f"{path}: trained for other features or labels; retrain")
        self.table, self.bias = CompactWeights.load(path)
        self.trained = True
        return self


@Language.factory("peka_linear", default_config={"language": "id"})
def make_linear(nlp: Language, name: str, *, language: str) -> LinearClassifier:
    return LinearClassifier(nlp, name, language=language)


def idf_of(document_buckets: Iterable[set[int]], n_docs: int) -> np.ndarray:
    """Smoothed IDF per bucket (scikit-learn's formula), 1.0 where nothing was seen."""
    df = np.zeros(BUCKETS, dtype=np.float64)
    for seen in document_buckets:
        df[list(seen)] += 1
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    idf[df == 0] = 1.0
    return idf.astype(np.float32)
