"""The engine against the TF-IDF + logistic-regression baseline on held-out REAL data.

``peka train --real`` (needs the ``train`` extra and ``../shared/data``): the baseline
is trained on exactly the rows and weights the engine was trained on, then both are
scored on the held-out sets of ``public.py`` — SmSA valid, a fifth of PRDECT-ID,
NusaX valid (id, en), GoEmotions dev and a fifth of Banking77 train. No public test
split is read. Beside each pair of scores, a paired bootstrap gives the 95 % interval of
their difference: NusaX valid has 100 messages a language, where one message moves
macro-F1 by about a point, so a difference whose interval holds 0 is a tie.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from assist.nlp.linear import HEADS
from assist.nlp.training.evaluate import prf

# (held-out set, language, head) scored; macro-F1 unless the head is "issue" (accuracy).
TASKS: tuple[tuple[str, str, str], ...] = (
    ("smsa_valid", "id", "sentiment"),
    ("prdect_heldout", "id", "sentiment"),
    ("prdect_heldout", "id", "emotion"),
    ("nusax_valid_id", "id", "sentiment"),
    ("nusax_valid_en", "en", "sentiment"),
    ("goemotions_dev", "en", "emotion"),
    ("goemotions_dev", "en", "sentiment"),
    ("banking77_heldout", "en", "issue"),
)


def _metric(head: str, gold: list[str], predicted: list[str]) -> dict[str, Any]:
    labels = tuple(sorted(set(gold)))
    report = prf(gold, predicted, labels)
    return {"macro_f1": report["macro_f1"], "accuracy": report["accuracy"], "n": report["n"],
            "score": report["accuracy"] if head == "issue" else report["macro_f1"]}  # fmt: skip


def _scores(head: str, gold: np.ndarray, predicted: np.ndarray, n_labels: int) -> np.ndarray:
    """Accuracy (issue) or macro-F1 of each resampled row (axis 0) of label indices,
    over the labels present in that sample's gold, as ``prf`` takes it."""
    if head == "issue":
        result: np.ndarray = (gold == predicted).mean(axis=1)
        return result
    f1 = np.zeros(gold.shape[0])
    present = np.zeros(gold.shape[0])
    for label in range(n_labels):
        is_gold, is_pred = gold == label, predicted == label
        tp = (is_gold & is_pred).sum(axis=1)
        denominator = is_gold.sum(axis=1) + is_pred.sum(axis=1)
        f1 += np.where(denominator > 0, 2 * tp / np.maximum(denominator, 1), 0.0)
        present += is_gold.any(axis=1)
    scores: np.ndarray = f1 / np.maximum(present, 1)
    return scores


def paired_interval(
    head: str, gold: list[str], engine: list[str], baseline: list[str], *, rounds: int = 2000
) -> tuple[float, float]:
    """95 % interval of (engine − baseline) over the same resampled rows (a paired
    bootstrap, fixed seed): a difference whose interval holds 0 is a tie on this set."""
    labels = {label: i for i, label in enumerate(sorted(set(gold) | set(engine) | set(baseline)))}
    g, e, b = (np.array([labels[x] for x in xs]) for xs in (gold, engine, baseline))
    picks = np.random.default_rng(14).integers(0, len(g), size=(rounds, len(g)))
    diff = _scores(head, g[picks], e[picks], len(labels)) - _scores(
        head, g[picks], b[picks], len(labels)
    )
    low, high = np.percentile(diff, [2.5, 97.5])
    return round(float(low), 3), round(float(high), 3)


def evaluate_real(
    corpus_dir: Path,
    pipelines: Path,
    shared: Path,
    *,
    log: Callable[[str], None] = lambda s: None,
) -> dict[str, Any]:
    from assist.nlp.engine import engine_at
    from assist.nlp.training.linear_train import Baseline
    from assist.nlp.training.public import load_public, split_rows
    from assist.nlp.training.train import own_rows

    engine = engine_at(pipelines)
    train, held = split_rows(load_public(shared))
    baselines: dict[str, Baseline] = {}
    report: dict[str, Any] = {}
    for name, lang, head in TASKS:
        rows = [r for r in held.get(name, []) if head in r.labels]
        if not rows:
            continue
        if lang not in baselines:
            baselines[lang] = Baseline()
        baseline = baselines[lang]
        if head not in baseline.models:
            log(f"baseline {lang} {head}…")
            baseline.fit([r for r in train if r.language == lang], own_rows(corpus_dir, lang), head)
        gold = [r.labels[head] for r in rows]
        analyses = [engine.analyze(r.text, language=lang) for r in rows]
        predicted = [str(getattr(a, head)) for a in analyses]
        nlp = engine.pipelines[lang]
        linear = nlp.get_pipe("peka_linear")
        raw: list[str] = []
        for r in rows:
            cats: dict[str, float] = linear.scores(nlp.get_pipe("peka_rules")(
                nlp.get_pipe("peka_normalizer")(nlp.make_doc(r.text[:5000]))))  # fmt: skip
            raw.append(max(HEADS[head], key=lambda k: cats[f"{head}:{k}"]))
        base = baseline.predict(head, [r.text for r in rows])
        report[f"{name}/{head}"] = {
            "language": lang,
            "engine": _metric(head, gold, predicted),
            "linear_only": _metric(head, gold, raw),
            "baseline": _metric(head, gold, base),
            "difference_95": paired_interval(head, gold, predicted, base),
        }
        m = report[f"{name}/{head}"]
        log(f"{name}/{head}: engine {m['engine']['score']:.3f} linear "
            f"{m['linear_only']['score']:.3f} baseline {m['baseline']['score']:.3f}")  # fmt: skip
    return report


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "| held-out set | task | metric | n | Peka engine | linear model alone | baseline"
        " | engine − baseline, 95 % interval |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, m in report.items():
        name, head = key.split("/")
        metric = "accuracy" if head == "issue" else "macro-F1"
        engine, baseline = m["engine"]["score"], m["baseline"]["score"]
        # The better of engine and baseline in bold: the table says at a glance where
        # the engine loses.
        won = f"**{engine:.3f}**" if engine >= baseline else f"{engine:.3f}"
        lost = f"**{baseline:.3f}**" if baseline > engine else f"{baseline:.3f}"
        low, high = m["difference_95"]
        lines.append(
            f"| {name} | {head} | {metric} | {m['engine']['n']} | {won}"
            f" | {m['linear_only']['score']:.3f} | {lost} | {low:+.3f} to {high:+.3f} |"
        )
    return "\n".join(lines)
