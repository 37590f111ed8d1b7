"""Fit the draft coach's sentence-tone model (``peka_tone``; needs the ``train`` extra).

Rows are the sentences of ``drafts_handwritten.jsonl``: agent drafts written by people
who never saw the coach's phrase lists, each sentence labelled ``warm``, ``neutral``,
``robotic``, ``cold`` or ``blaming`` (warm and neutral are both ``ok`` here). The
hand-written drafts test set (``drafts_handwritten_test.jsonl``) is never read here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assist.nlp.linear import BUCKETS, Featurizer, idf_of
from assist.nlp.tone import TONES

SENTENCE_KINDS = ("warm", "neutral", "robotic", "cold", "blaming")
TONE_OF = {"warm": "ok", "neutral": "ok", "robotic": "robotic", "cold": "cold",
           "blaming": "blaming"}  # fmt: skip
# Chosen leaving each of the four writers out in turn (C = 1, 4, 16, 64; docs/nlp.md).
TONE_C = 16.0


@dataclass(frozen=True, slots=True)
class ToneRow:
    text: str
    tone: str
    author: str


def tone_rows(corpus_dir: Path, language: str, *, leave_out: Collection[str] = ()) -> list[ToneRow]:
    """Every labelled sentence of one language's hand-written training drafts.

    A sentence with a missing or unknown kind stops with [E309], naming the file, the
    draft's number and the sentence's."""
    from assist.errors import PekaError
    from assist.nlp.errors import E309
    from assist.nlp.training.corpus import read_jsonl

    path = corpus_dir / "drafts_handwritten.jsonl"
    if not path.is_file():
        return []
    rows: list[ToneRow] = []
    for number, draft in enumerate(read_jsonl(path), 1):
        sentences = draft.get("sentences")
        author = draft.get("author")
        if draft.get("language") not in ("id", "en") or not isinstance(author, str) or not (
                isinstance(sentences, list) and sentences):  # fmt: skip
            raise PekaError(
                E309,
                f"{path}, draft {number}: needs 'language' (id or en), 'author' and a "
                "non-empty 'sentences' list. Fix the draft and train again.",
            )
        for k, sentence in enumerate(sentences, 1):
            kind = sentence.get("kind") if isinstance(sentence, dict) else None
            text = sentence.get("text") if isinstance(sentence, dict) else None
            if kind not in SENTENCE_KINDS or not isinstance(text, str) or not text.strip():
                raise PekaError(
                    E309,
                    f"{path}, draft {number}, sentence {k}: 'kind' is {kind!r}; it must be "
                    f"one of {', '.join(SENTENCE_KINDS)}, with a non-empty 'text'. Fix "
                    "the sentence and train again.",
                )
            if draft["language"] == language and author not in leave_out:
                rows.append(ToneRow(text.strip(), TONE_OF[kind], author))
    return rows


def fit_tone(
    nlp: Any, rows: Sequence[ToneRow], *, log: Callable[[str], None] = lambda s: None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(weights BUCKETS × tones, bias, idf) of a logistic regression, classes balanced."""
    from sklearn.linear_model import LogisticRegression

    from assist.nlp.training.linear_train import matrix

    tone = nlp.get_pipe("peka_tone")
    featurizer = Featurizer(nlp.lang)
    feats = [featurizer(tone.sentence_doc(r.text)) for r in rows]
    idf = idf_of((set(w) | set(c) for w, c in feats), len(feats))
    x = matrix(feats, idf)
    y = [r.tone for r in rows]
    log(f"  {nlp.lang} tone: {len(rows)} sentences {dict(Counter(y))}")
    model = LogisticRegression(C=TONE_C, max_iter=1000, class_weight="balanced")
    model.fit(x, y)
    weights = np.zeros((BUCKETS, len(TONES)), dtype=np.float32)
    bias = np.full(len(TONES), -30.0, dtype=np.float32)  # a tone nobody labelled: never
    classes = [str(c) for c in model.classes_]
    coef, intercept = model.coef_, model.intercept_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes
        coef, intercept = np.vstack([-coef[0], coef[0]]), np.array([-intercept[0], intercept[0]])
    for j, t in enumerate(TONES):
        if t in classes:
            k = classes.index(t)
            weights[:, j] = coef[k]
            bias[j] = intercept[k]
    return weights, bias, idf


def train_tone(
    nlp: Any,
    corpus_dir: Path,
    *,
    leave_out: Collection[str] = (),
    log: Callable[[str], None] = lambda s: None,
) -> int:
    """Add (or refit) ``peka_tone`` in ``nlp``; returns the number of sentences used."""
    if "peka_tone" not in nlp.pipe_names:
        nlp.add_pipe("peka_tone", config={"language": nlp.lang})
    rows = tone_rows(corpus_dir, nlp.lang, leave_out=leave_out)
    if len({r.tone for r in rows}) < 2:
        return 0
    weights, bias, idf = fit_tone(nlp, rows, log=log)
    nlp.get_pipe("peka_tone").set_weights(weights, bias, idf)
    return len(rows)
