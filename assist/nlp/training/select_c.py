"""Choose the logistic regression's C per language and head on the TRAINING rows only.

``python -m assist.nlp.training.select_c [--shared-data PATH] [--language en]
[--head sentiment] [--c 1,2,4]`` (needs the ``train`` extra) holds out an inner fifth of
the training rows — by a CRC-32 hash of their text, so the choice never depends on file
order — fits ``peka_linear``'s head on the rest for each candidate C and prints the
macro-F1 (issue: accuracy) on that fifth, per public source. No held-out evaluation set
(SmSA valid, NusaX valid, GoEmotions dev, …) is read. The chosen values are
``linear_train.C_VALUES``.
"""

from __future__ import annotations

import argparse
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assist.nlp.linear import HEADS, idf_of
from assist.nlp.training.evaluate import prf
from assist.nlp.training.public import Row


def inner(row: Row) -> bool:
    """One training row in five, by its content: the inner validation fold."""
    return zlib.crc32(f"inner:{row.text}".encode()) % 5 == 0


def inner_scores(
    nlp: Any,
    real: Sequence[Row],
    templates: Sequence[Row],
    head: str,
    candidates: Sequence[float],
    *,
    log: Callable[[str], None] = lambda s: None,
) -> dict[float, dict[str, float]]:
    """{C: {public source: score on the inner fold}} for one head of one language."""
    from sklearn.linear_model import LogisticRegression

    from assist.nlp.training.linear_train import featurise, matrix, weigh

    fit_real = [r for r in real if not inner(r)]
    fit_templates = [r for r in templates if not inner(r)]
    check = [r for r in real if inner(r) and head in r.labels]
    rows = fit_real + fit_templates
    feats = featurise(nlp, [r.text for r in rows] + [r.text for r in check])
    idf = idf_of((set(w) | set(c) for w, c in feats[: len(rows)]), len(rows))
    x_all = matrix(feats, idf)
    index = {id(r): i for i, r in enumerate(rows)}
    weighted = weigh(fit_real, fit_templates, head)
    ids = [index[id(w.row)] for w in weighted]
    y = [w.row.labels[head] for w in weighted]
    x_check = x_all[len(rows) :]
    scores: dict[float, dict[str, float]] = {}
    for c in candidates:
        model = LogisticRegression(C=c, max_iter=300)
        model.fit(x_all[ids], y, sample_weight=[w.weight for w in weighted])
        predicted = [str(p) for p in model.predict(x_check)] if check else []
        scores[c] = {}
        for source in sorted({r.source for r in check}):
            pairs = [(r.labels[head], p) for r, p in zip(check, predicted, strict=True)
                     if r.source == source]  # fmt: skip
            gold = [g for g, _ in pairs]
            report = prf(gold, [p for _, p in pairs], tuple(sorted(set(gold))))
            scores[c][source] = report["accuracy"] if head == "issue" else report["macro_f1"]
        log(f"{nlp.lang} {head} C={c}: {scores[c]}")
    return scores


def main(argv: Sequence[str] | None = None) -> None:
    from assist.nlp.training.public import load_public, split_rows
    from assist.nlp.training.train import blank_pipeline, own_rows
    from assist.resources import resource_path

    parser = argparse.ArgumentParser(prog="python -m assist.nlp.training.select_c")
    parser.add_argument("--shared-data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--language", choices=("id", "en"), action="append")
    parser.add_argument("--head", choices=tuple(HEADS), action="append")
    parser.add_argument("--c", default="1,2,4")
    args = parser.parse_args(argv)
    train, _ = split_rows(load_public(args.shared_data))
    candidates = [float(c) for c in args.c.split(",")]
    for language in args.language or ("id", "en"):
        nlp = blank_pipeline(language)
        templates = own_rows(resource_path("corpus"), language)
        real = [r for r in train if r.language == language]
        for head in args.head or tuple(HEADS):
            inner_scores(nlp, real, templates, head, candidates, log=print)


if __name__ == "__main__":
    main()
