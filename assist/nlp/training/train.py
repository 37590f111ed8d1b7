"""Build and train the ``id`` and ``en`` pipelines (``peka train``).

Text classifiers for emotion, sentiment and issue (bag-of-words over normalised tokens)
are trained on the generated corpus, plus — when the folder is there — the public data
in ``../shared/data`` (read at training time, never copied into the repository).
The challenge set is never read here.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from assist.nlp.linear import HEADS
from assist.nlp.training.public import Row


def blank_pipeline(language: str) -> Any:
    """A fresh pipeline: tokenizer, normaliser, rules and an untrained linear classifier."""
    import spacy

    from assist.nlp import coach as _coach  # noqa: F401  (registers peka_draft)
    from assist.nlp import components as _components  # noqa: F401
    from assist.nlp import linear as _linear  # noqa: F401  (registers peka_linear)
    from assist.nlp import tone as _tone  # noqa: F401  (registers peka_tone)
    from assist.nlp.tokenizer import EN_TOKENIZER_NAME, TOKENIZER_NAME

    name = TOKENIZER_NAME if language == "id" else EN_TOKENIZER_NAME
    config: dict[str, Any] = {"nlp": {"tokenizer": {"@tokenizers": name}}}
    nlp = spacy.blank(language, config=config)
    nlp.add_pipe("peka_normalizer", config={"language": language})
    nlp.add_pipe("peka_rules", config={"language": language})
    nlp.add_pipe("peka_linear", config={"language": language})
    return nlp


# ------------------------------------------------------------------ training


def template_rows(corpus_dir: Path, language: str) -> list[Row]:
    """The generated corpus's training messages as rows (emotion, sentiment, issue)."""
    from assist.nlp.training.corpus import read_jsonl

    rows: list[Row] = []
    for r in read_jsonl(corpus_dir / "messages_train.jsonl"):
        if r.get("language") != language:
            continue
        labels = {h: str(r[h]) for h in HEADS if r.get(h) in HEADS[h]}
        if labels:
            rows.append(Row(str(r["text"]), language, "templates", labels))
    return rows


def handwritten_rows(
    corpus_dir: Path, language: str, *, leave_out: Collection[str] = ()
) -> list[Row]:
    """The hand-written training messages (``handwritten.jsonl``) of one language, except
    those of the authors in ``leave_out`` (to measure on an author the model never read).

    Every line must carry every label ([E308] names the file, line and field otherwise):
    a message with a label missing would quietly teach a head nothing about it."""
    from assist.errors import PekaError
    from assist.nlp.errors import E308
    from assist.nlp.training.corpus import bad_label, read_jsonl
    from assist.nlp.training.linear_train import HANDWRITTEN

    path = corpus_dir / "handwritten.jsonl"
    if not path.is_file():
        return []
    allowed = {"language": ("id", "en"), **HEADS}
    rows: list[Row] = []
    for number, r in enumerate(read_jsonl(path), 1):
        author = r.get("author")
        name = bad_label(r, allowed) or (
            None if isinstance(author, str) and author else "author")  # fmt: skip
        if name is not None:
            choices = ", ".join(allowed.get(name, ("a writer's name",)))
            raise PekaError(
                E308,
                f"{path}, message {number}: field '{name}' is {r.get(name)!r}; it must be "
                f'one of: {choices}. Fix the label (docs/nlp.md, "Hand-written '
                'customer messages") and train again.',
            )
        if r["language"] != language or r["author"] in leave_out:
            continue
        labels = {h: str(r[h]) for h in HEADS}
        rows.append(Row(str(r["text"]), language, HANDWRITTEN, labels))
    return rows


def own_rows(corpus_dir: Path, language: str, *, leave_out: Collection[str] = ()) -> list[Row]:
    """The project's own training messages: template families and hand-written ones."""
    return template_rows(corpus_dir, language) + handwritten_rows(
        corpus_dir, language, leave_out=leave_out
    )


def train_pipeline(
    language: str,
    real: list[Row],
    templates: list[Row],
    *,
    log: Callable[[str], None] = lambda s: None,
) -> Any:
    from assist.nlp.training.linear_train import fit_linear

    nlp = blank_pipeline(language)
    if not any(real) and not any(templates):
        from assist.errors import PekaError
        from assist.nlp.errors import E303

        raise PekaError(E303, f"No labelled {language} examples to train on; regenerate "
                        "the corpus with `peka train --regenerate`.")  # fmt: skip
    weights, bias, idf = fit_linear(nlp, real, templates, log=log)
    nlp.get_pipe("peka_linear").set_weights(weights, bias, idf)
    return nlp


def train_all(
    corpus_dir: Path,
    out_dir: Path,
    *,
    shared: Path | None,
    languages: Iterable[str] = ("id", "en"),
    leave_out: Collection[str] = (),
    log: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
) -> dict[str, Any]:
    """Train and save every pipeline; returns what was trained on."""
    from assist.nlp.training.evaluate import hand_written_sets
    from assist.nlp.training.public import load_public, split_rows
    from assist.nlp.training.tone_train import tone_rows

    summary: dict[str, Any] = {}
    # Every line of the hand-written files is checked whatever its language: a bad label
    # stops here ([E308], [E309], [E310]), not after minutes of fitting the first pipeline.
    handwritten_rows(corpus_dir, "id")
    tone_rows(corpus_dir, "id")
    hand_written_sets(corpus_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    public: list[Row] = []
    if shared is not None and shared.is_dir():
        public, _ = split_rows(load_public(shared))
    for language in languages:
        own = own_rows(corpus_dir, language, leave_out=leave_out)
        hand = sum(1 for r in own if r.source != "templates")
        real = [r for r in public if r.language == language]
        log(f"{language}: {len(real)} public rows, {len(own) - hand} template messages, "
            f"{hand} hand-written messages")  # fmt: skip
        nlp = train_pipeline(language, real, own, log=log)
        from assist.nlp.training.tone_train import train_tone

        sentences = train_tone(nlp, corpus_dir, leave_out=leave_out, log=log)
        target = out_dir / language
        tmp = out_dir / f".{language}.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        nlp.meta["name"] = f"peka_{language}"
        nlp.meta["version"] = "2.0.0"
        nlp.meta["description"] = (
            "Peka language engine: rules and a linear TF-IDF classifier trained on public "
            "data and the project's templates."
        )
        nlp.meta["license"] = "Apache-2.0"
        nlp.to_disk(tmp)
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
        summary[language] = {"public": len(real), "templates": len(own) - hand,
                              "handwritten": hand, "draft_sentences": sentences}  # fmt: skip
    from assist.nlp.engine import reset_cache

    reset_cache()
    return summary
