"""``peka analyze``, ``peka coach``, ``peka train`` and ``peka bench nlp``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from assist.cli.common import echo_json, echo_json_line, get_config
from assist.errors import require_message

_LANGUAGE = click.Choice(["id", "en"])


def _engine() -> Any:
    from assist.nlp import load_engine

    patterns = get_config()["nlp.order_patterns"]
    return load_engine(list(patterns) if patterns else None)


def _batch_lines() -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """(line number, parsed object or None, error) for each non-blank stdin line."""
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"not valid JSON ({exc.msg})"
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield number, None, "expected a JSON object with a string field 'text'"
            continue
        yield number, obj, ""


def _run_batch(
    handle: Callable[[dict[str, Any]], dict[str, Any]], *, refuse_empty: bool = False
) -> None:
    from assist.errors import E670
    from assist.nlp.errors import E302

    bad = empty = 0
    for number, obj, error in _batch_lines():
        if obj is None:
            bad += 1
            echo_json_line({"line": number, "error": f"[{E302}] stdin line {number}: {error}"})
        elif refuse_empty and not obj["text"].strip():
            empty += 1
            echo_json_line(
                {"line": number, "error": f"[{E670}] stdin line {number}: nothing to analyse"}
            )
        else:
            echo_json_line(handle(obj))
        sys.stdout.flush()
    if bad:
        click.echo(
            f"Error: [{E302}] {bad} input line(s) were not JSON objects with a text field; "
            'each line must look like {"text": "..."}.',
            err=True,
        )
    if empty:
        click.echo(
            f"Error: [{E670}] {empty} input line(s) had an empty text: nothing to analyse.",
            err=True,
        )
    if bad or empty:
        sys.exit(1)


def _need_text(text: str | None, batch: bool) -> None:
    if text is None and not batch:
        raise click.UsageError("give the TEXT to analyse, or --batch to read JSON lines")
    if text is not None and batch:
        # A file name after --batch would otherwise be taken as TEXT and ignored silently.
        raise click.UsageError(
            "--batch reads JSON lines from standard input, not from TEXT; "
            "use: peka analyze --batch < FILE.jsonl (or peka coach --batch < FILE.jsonl)"
        )


def register(cli: click.Group) -> None:
    @cli.command("analyze")
    @click.argument("text", required=False)
    @click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
    @click.option("--batch", is_flag=True, help='Read {"text": …} JSON lines from stdin.')
    @click.option("--language", type=_LANGUAGE, default=None, help="Skip language detection.")
    def analyze(text: str | None, as_json: bool, batch: bool, language: str | None) -> None:
        """Analyse a customer message: emotion, sentiment, issue, fault, cues, entities."""
        _need_text(text, batch)
        if text is not None:
            require_message(text)  # before loading the pipelines: answer at once
        engine = _engine()
        if batch:
            _run_batch(
                lambda o: engine.analyze(
                    o["text"], language=o.get("language") or language
                ).to_dict(),
                refuse_empty=True,
            )
            return
        assert text is not None
        result = engine.analyze(text, language=language)
        if as_json:
            echo_json(result.to_dict())
            return
        click.echo(f"language:  {result.language}")
        alternative = result.emotion_alternative()
        perhaps = f", or perhaps {alternative}" if alternative else ""
        click.echo(f"emotion:   {result.emotion} (intensity {result.intensity:.2f}){perhaps}")
        click.echo(f"sentiment: {result.sentiment}")
        awaits = f" (awaiting: {', '.join(result.awaited)})" if result.awaited else ""
        click.echo(f"issue:     {result.issue}{awaits}")
        click.echo(f"fault:     {result.fault} — {result.fault_reason}")
        for cue in result.cues:
            click.echo(f"  cue {cue.kind:<13} {cue.text!r} {cue.detail}".rstrip())
        for ent in result.entities:
            value = json.dumps(ent.value, ensure_ascii=False)
            click.echo(f"  entity {ent.label:<9} {ent.text!r} → {value}")

    @cli.command("coach")
    @click.argument("text", required=False)
    @click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
    @click.option("--batch", is_flag=True, help='Read {"text": …} JSON lines from stdin.')
    @click.option("--name", default=None, help="The customer's name, to check it is used.")
    @click.option("--salutation", default=None, help="Form of address (Bapak, Ibu, Kak …).")
    @click.option("--language", type=_LANGUAGE, default=None, help="Skip language detection.")
    def coach(
        text: str | None,
        as_json: bool,
        batch: bool,
        name: str | None,
        salutation: str | None,
        language: str | None,
    ) -> None:
        """Check an agent's draft reply: empathy steps, tone and wording to change."""
        _need_text(text, batch)
        engine = _engine()
        if batch:
            _run_batch(
                lambda o: engine.coach(
                    o["text"],
                    name=o.get("name") or name,
                    salutation=o.get("salutation") or salutation,
                    language=o.get("language") or language,
                ).to_dict()
            )
            return
        assert text is not None
        result = engine.coach(text, name=name, salutation=salutation, language=language)
        if as_json:
            echo_json(result.to_dict())
            return
        for step, done in result.checklist.items():
            click.echo(f"[{'x' if done else ' '}] {step}")
        click.echo(f"action has a time: {result.action_has_time}")
        click.echo(f"tone: {result.tone}; apologies: {result.apology_count}")
        if result.name_used is not None:
            click.echo(f"name used: {result.name_used}")
        click.echo("functions: " + ", ".join(sorted(result.functions_present)))
        for f in result.findings:
            click.echo(f"  {f.kind}: {f.text!r} → {f.alternative}")

    @cli.command("train")
    @click.option(
        "--corpus",
        "corpus_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Corpus folder (default: resources/corpus).",
    )
    @click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Where to write the pipelines (default: resources/pipelines).",
    )
    @click.option(
        "--shared-data",
        type=click.Path(path_type=Path),
        default=None,
        help="Public labelled data folder (default: ../shared/data beside the repo).",
    )
    @click.option("--no-shared", is_flag=True, help="Train on the project's own corpus only.")
    @click.option("--regenerate", is_flag=True, help="Regenerate the corpus from templates first.")
    @click.option("--eval-only", is_flag=True, help="Only evaluate the installed pipelines.")
    @click.option(
        "--real",
        is_flag=True,
        help="Also score held-out public data beside the TF-IDF + logistic-regression "
        "baseline (needs the shared data and the train extra; slow).",
    )
    @click.option(
        "--no-blind",
        is_flag=True,
        help="Leave the blind sets and the newest drafts test set out of the evaluation "
        "(while tuning, so they stay unseen).",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the evaluation as JSON.")
    def train(
        corpus_dir: Path | None,
        out_dir: Path | None,
        shared_data: Path | None,
        no_shared: bool,
        regenerate: bool,
        eval_only: bool,
        real: bool,
        no_blind: bool,
        as_json: bool,
    ) -> None:
        """Train the language pipelines on public data and the corpus, then evaluate them."""
        import importlib.util

        from assist.errors import PekaError
        from assist.nlp.errors import E305, E307
        from assist.nlp.training.corpus import write_corpus
        from assist.nlp.training.evaluate import evaluate_all, format_report
        from assist.nlp.training.train import train_all
        from assist.resources import resources_root

        root = resources_root()
        corpus_dir = corpus_dir or root / "corpus"
        out_dir = out_dir or root / "pipelines"
        fits = real or not eval_only  # training, or the baseline beside the engine
        shared: Path | None = None
        # Evaluating reads no public data unless --real (a path given is still checked).
        # Training without it would overwrite the shipped pipelines with ones that never
        # read the public data (issue 14, fourteenth pass: a checkout without
        # ../shared/data did so silently), so a missing folder stops before anything is
        # written.
        if not no_shared and (fits or shared_data is not None):
            shared = shared_data or root.parent.parent / "shared" / "data"
            if not shared.is_dir():
                raise PekaError(
                    E305,
                    f"The shared data folder {shared} does not exist. Give the right "
                    "--shared-data path, or train on the project's corpus alone with "
                    "--no-shared.",
                )
        if fits and importlib.util.find_spec("sklearn") is None:
            raise PekaError(
                E307,
                "Training and the baseline need scikit-learn: install the train extra "
                "(`pip install -e .[train]`), or only evaluate with --eval-only.",
            )
        if regenerate:
            counts = write_corpus(corpus_dir)
            click.echo(f"corpus written: {counts}", err=True)
        if not eval_only:
            train_all(corpus_dir, out_dir, shared=shared)
        from assist.nlp.encoder import holds_encoder

        encoder = out_dir / "encoder"
        click.echo(
            f"(message encoder: {encoder})"
            if holds_encoder(encoder)
            else f"(no message encoder in {encoder}: the rules and linear model alone)",
            err=True,
        )
        report = evaluate_all(corpus_dir, out_dir, blind=not no_blind)
        if real and shared is not None:
            from assist.nlp.training.real_eval import evaluate_real

            report["real"] = evaluate_real(
                corpus_dir, out_dir, shared, log=lambda s: click.echo(s, err=True)
            )
        if as_json:
            echo_json(report)
        else:
            click.echo(format_report(report))

    bench = cli.commands["bench"]
    assert isinstance(bench, click.Group)

    @bench.command("nlp")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
    @click.option("--runs", type=click.IntRange(20, 100000), default=500, show_default=True)
    def bench_nlp(as_json: bool, runs: int) -> None:
        """Time analyze() and coach() on 1,000-character texts, loading and memory."""
        from assist.nlp.bench import run_bench

        echo_json(run_bench(runs))
