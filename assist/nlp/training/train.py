"""Build and train the ``id`` and ``en`` pipelines (``peka train``).

Text classifiers for emotion, sentiment and issue (bag-of-words over normalised tokens)
are trained on the generated corpus, plus — when the folder is there — the public data
in ``../shared/data`` (read at training time, never copied into the repository).
The challenge set is never read here.
"""

from __future__ import annotations

import csv
import importlib
import random
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from assist.nlp.models import EMOTIONS, ISSUES, SENTIMENTS

HEADS: dict[str, tuple[str, ...]] = {
    "emotion": EMOTIONS,
    "sentiment": SENTIMENTS,
    "issue": ISSUES,
}
# Hash buckets per classifier: 2**15 keeps each pipeline near 2 MB.
BOW_LENGTH = 2**15


def blank_pipeline(language: str) -> Any:
    """A fresh pipeline: tokenizer, normaliser, rules and three untrained classifiers."""
    import spacy

    from assist.nlp import coach as _coach  # noqa: F401  (registers peka_draft)
    from assist.nlp import components as _components  # noqa: F401
    from assist.nlp.tokenizer import EN_TOKENIZER_NAME, TOKENIZER_NAME

    name = TOKENIZER_NAME if language == "id" else EN_TOKENIZER_NAME
    config: dict[str, Any] = {"nlp": {"tokenizer": {"@tokenizers": name}}}
    nlp = spacy.blank(language, config=config)
    nlp.add_pipe("peka_normalizer", config={"language": language})
    nlp.add_pipe("peka_rules", config={"language": language})
    for head, labels in HEADS.items():
        textcat: Any = nlp.add_pipe(
            "textcat",
            name=f"textcat_{head}",
            config={
                "model": {
                    "@architectures": "peka.TextCatBOWNorm.v1",
                    "exclusive_classes": True,
                    "ngram_size": 2,
                    "no_output_layer": False,
                    "length": BOW_LENGTH,
                }
            },
        )
        for label in labels:
            textcat.add_label(f"{head}:{label}")
    return nlp


def _cats(row: dict[str, Any]) -> dict[str, float]:
    cats: dict[str, float] = {}
    for head, labels in HEADS.items():
        value = row.get(head)
        if value in labels:
            for label in labels:
                cats[f"{head}:{label}"] = 1.0 if label == value else 0.0
    return cats


# ------------------------------------------------------------------ shared data

_PRDECT_EMOTION = {"Anger": "angry", "Sadness": "disappointed", "Fear": "anxious",
                   "Happy": "happy", "Love": "happy"}  # fmt: skip
_GOEMO_EMOTION = {"anger": "angry", "disgust": "angry", "fear": "anxious", "joy": "happy",
                  "neutral": "neutral", "sadness": "disappointed"}  # fmt: skip


def shared_rows(shared: Path, language: str, limit: int, seed: int) -> list[dict[str, Any]]:
    """Public labelled data mapped to Peka's labels (emotion/sentiment only, no issue)."""
    rows: list[dict[str, Any]] = []
    rng = random.Random(seed)
    if language == "id":
        prdect = shared / "prdect-id" / "PRDECT-ID_Dataset.csv"
        if prdect.is_file():
            with prdect.open(encoding="utf-8", errors="replace", newline="") as fh:
                for rec in csv.DictReader(fh):
                    text = (rec.get("Customer Review") or "").strip()
                    emotion = _PRDECT_EMOTION.get((rec.get("Emotion") or "").strip())
                    sentiment = (rec.get("Sentiment") or "").strip().lower()
                    if text and emotion:
                        row: dict[str, Any] = {"text": text, "emotion": emotion}
                        if sentiment in SENTIMENTS:
                            row["sentiment"] = sentiment
                        rows.append(row)
        smsa = shared / "smsa" / "train_preprocess.tsv"
        if smsa.is_file():
            with smsa.open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    text, _, label = line.rstrip("\n").rpartition("\t")
                    if text and label in SENTIMENTS:
                        rows.append({"text": text, "sentiment": label})
    else:
        go = shared / "goemotions-ekman"
        labels_file = go / "labels.txt"
        train = go / "train.tsv"
        if labels_file.is_file() and train.is_file():
            names = labels_file.read_text(encoding="utf-8").split()
            with train.open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) < 2:
                        continue
                    ids = [int(i) for i in parts[1].split(",") if i.strip().isdigit()]
                    if len(ids) != 1 or ids[0] >= len(names):
                        continue
                    emotion = _GOEMO_EMOTION.get(names[ids[0]])
                    if emotion:
                        rows.append({"text": parts[0], "emotion": emotion})
    rng.shuffle(rows)
    return rows[:limit]


# ------------------------------------------------------------------ training


def train_pipeline(
    language: str,
    rows: list[dict[str, Any]],
    *,
    epochs: int = 8,
    seed: int = 0,
    log: Callable[[str], None] = lambda s: None,
) -> Any:
    from spacy.training import Example

    spacy_util: Any = importlib.import_module("spacy.util")

    spacy_util.fix_random_seed(seed)
    nlp = blank_pipeline(language)
    normalizer = nlp.get_pipe("peka_normalizer")
    # Each classifier gets the rows labelled for its head: public data labels only some.
    per_head: dict[str, list[Any]] = {head: [] for head in HEADS}
    for row in rows:
        cats = _cats(row)
        if not cats:
            continue
        doc = normalizer(nlp.make_doc(row["text"][:2000]))
        for head in HEADS:
            head_cats = {k: v for k, v in cats.items() if k.startswith(f"{head}:")}
            if head_cats:
                per_head[head].append(Example.from_dict(doc, {"cats": head_cats}))
    if not all(per_head.values()):
        from assist.errors import PekaError
        from assist.nlp.errors import E303

        raise PekaError(E303, f"No labelled {language} examples to train on; regenerate "
                        "the corpus with `peka train --regenerate`.")  # fmt: skip
    for head, examples in per_head.items():
        nlp.get_pipe(f"textcat_{head}").initialize(lambda ex=examples: ex[:2000], nlp=nlp)
    optimizer = nlp.create_optimizer()
    rng = random.Random(seed)
    for epoch in range(epochs):
        losses: dict[str, float] = {}
        for head, examples in per_head.items():
            rng.shuffle(examples)
            textcat = nlp.get_pipe(f"textcat_{head}")
            for batch in spacy_util.minibatch(examples, size=64):
                textcat.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        summary = ", ".join(f"{k.removeprefix('textcat_')} {v:.2f}" for k, v in losses.items())
        log(f"  {language} epoch {epoch + 1}/{epochs}: {summary}")
    return nlp


def corpus_rows(corpus_dir: Path, language: str, split: str) -> list[dict[str, Any]]:
    from assist.nlp.training.corpus import read_jsonl

    return [
        r for r in read_jsonl(corpus_dir / f"messages_{split}.jsonl")
        if r.get("language") == language
    ]  # fmt: skip


def train_all(
    corpus_dir: Path,
    out_dir: Path,
    *,
    shared: Path | None,
    languages: Iterable[str] = ("id", "en"),
    epochs: int = 8,
    shared_limit: int = 2500,
    log: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
) -> dict[str, Any]:
    """Train and save every pipeline; returns what was trained on."""
    summary: dict[str, Any] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for language in languages:
        rows = corpus_rows(corpus_dir, language, "train")
        extra: list[dict[str, Any]] = []
        if shared is not None and shared.is_dir():
            extra = shared_rows(shared, language, shared_limit, seed=1)
        log(f"{language}: {len(rows)} corpus messages, {len(extra)} shared-data examples")
        nlp = train_pipeline(language, rows + extra, epochs=epochs, log=log)
        target = out_dir / language
        tmp = out_dir / f".{language}.tmp"
        if tmp.exists():
            import shutil

            shutil.rmtree(tmp)
        nlp.meta["name"] = f"peka_{language}"
        nlp.meta["version"] = "1.0.0"
        nlp.meta["description"] = "Peka language engine: rules and bag-of-words classifiers."
        nlp.meta["license"] = "Apache-2.0"
        nlp.to_disk(tmp)
        if target.exists():
            import shutil

            shutil.rmtree(target)
        tmp.rename(target)
        summary[language] = {"corpus": len(rows), "shared": len(extra)}
    from assist.nlp.engine import reset_cache

    reset_cache()
    return summary
