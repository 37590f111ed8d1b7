"""Make a blind set from its author's messages and two readers' labels, and spend old
blind sets into the training corpus.

    python -m assist.nlp.training.blind_sets assemble OUT MESSAGES SECOND THIRD
    python -m assist.nlp.training.blind_sets spend blind34 blind35 ...

``MESSAGES`` is the author's file: one message per line with its four labels and its
language (docs/nlp.md, "Label definitions"). ``SECOND`` and ``THIRD`` are the readers'
files: one line per message, ``{"n": 1, "emotion": ..., "sentiment": ..., "issue": ...,
"fault": ...}``, where ``n`` counts the author's lines from 1 (a reader sees the texts,
numbered, and nothing else).

Spending moves a set whose messages have been scored too often to judge an engine into
``handwritten.jsonl`` under the author ``writer-<name>``. Where both readers agree on an
emotion, issue or fault and the author gave another, the readers' label becomes the
training label and ``relabelled`` keeps the author's: two careful readings of three
outvote one. Sentiment keeps the author's, as every earlier pass did. The blind set's
file stays; the pass that spends it names new sets in ``evaluate.BLIND_SETS``.

Both commands check everything before they write, write through a temporary file and
replace the target in one step, so a refused run leaves every file as it was.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.atomic_files import replace_file
from assist.errors import PekaError
from assist.nlp.errors import E312
from assist.nlp.linear import HEADS
from assist.nlp.training.corpus import bad_label, parse_jsonl, read_jsonl
from assist.nlp.training.evaluate import HELD_OUT_MESSAGE_SETS, MESSAGE_LABELS, labelled_rows
from assist.nlp.training.readers import READERS

# The heads two agreeing readers may relabel for training (see the module docstring).
RELABELLED_HEADS = ("emotion", "issue", "fault")
_AUTHOR_FIELDS = ("text", *MESSAGE_LABELS)


@dataclass
class SpendReport:
    """What spending some blind sets did to the training corpus."""

    added: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)
    relabelled: Counter[str] = field(default_factory=Counter)
    messages_relabelled: int = 0


def _key(text: str) -> str:
    # The corpus tests compare texts this way: a set may not differ from training by case.
    return text.strip().lower()


def _refuse(
    where: str, problem: str, remedy: str = "Fix it by the label definitions (docs/nlp.md)"
) -> PekaError:
    return PekaError(E312, f"{where}: {problem}. {remedy} and run again; nothing was written.")


def _author_rows(path: Path) -> list[dict[str, Any]]:
    rows = read_jsonl(path)
    allowed = MESSAGE_LABELS
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, 1):
        name = bad_label(row, allowed)
        if name is not None:
            raise _refuse(
                f"{path}, message {number}",
                f"field '{name}' is {row.get(name)!r}; it must be one of "
                f"{', '.join(allowed[name])}",
            )
        if not row["text"].strip():
            raise _refuse(f"{path}, message {number}", "the text is empty")
        earlier = seen.setdefault(_key(row["text"]), number)
        if earlier != number:
            raise _refuse(f"{path}, message {number}", f"the same text as message {earlier}")
    return rows


def _reading(path: Path, count: int) -> list[dict[str, str]]:
    """A reader's labels in the author's order, each of the ``count`` messages once."""
    found: dict[int, dict[str, str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise _refuse(str(path), "the reader's file is missing") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _refuse(where, f"not valid JSON ({exc.msg})") from exc
        n = row.get("n") if isinstance(row, dict) else None
        if type(n) is not int or not 1 <= n <= count:
            raise _refuse(where, f"'n' must be a message number from 1 to {count}")
        if n in found:
            raise _refuse(where, f"message {n} is labelled twice")
        name = bad_label(row, HEADS)
        if name is not None:
            raise _refuse(
                where,
                f"field '{name}' is {row.get(name)!r}; it must be one of {', '.join(HEADS[name])}",
            )
        found[n] = {head: str(row[head]) for head in HEADS}
    missing = [n for n in range(1, count + 1) if n not in found]
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        raise _refuse(str(path), f"no labels for message {shown}")
    return [found[n] for n in range(1, count + 1)]


def assemble(
    messages: Path, readers: Sequence[Path], *, known: Iterable[str] = ()
) -> tuple[list[dict[str, Any]], list[int]]:
    """The blind set's rows (the author's fields and labels, then each reader's labels)
    and the numbers of the messages left out because their text is ``known`` (in the
    training corpus, a held-out set or another blind set): a set must be new to the
    engine and apart from the others, and short texts such as "p" or "ok" recur in every
    queue."""
    rows = _author_rows(messages)
    readings = [_reading(path, len(rows)) for path in readers]
    trained = {_key(text) for text in known}
    assembled: list[dict[str, Any]] = []
    left_out: list[int] = []
    for number, row in enumerate(rows, 1):
        if _key(row["text"]) in trained:
            left_out.append(number)
            continue
        record: dict[str, Any] = {name: row[name] for name in _AUTHOR_FIELDS}
        for reader, reading in zip(READERS, readings, strict=False):
            record[reader] = reading[number - 1]
        assembled.append(record)
    return assembled, left_out


def spent_rows(
    name: str, rows: Sequence[Mapping[str, Any]], trained: set[str], report: SpendReport
) -> list[dict[str, Any]]:
    """A blind set's rows as training messages, with two agreeing readers' labels (see the
    module docstring); texts already in ``trained`` are left out, and added to it."""
    out: list[dict[str, Any]] = []
    left_out = 0
    for row in rows:
        key = _key(row["text"])
        if key in trained:
            left_out += 1
            continue
        trained.add(key)
        record: dict[str, Any] = {f: row[f] for f in _AUTHOR_FIELDS}
        record["author"] = f"writer-{name}"
        author: dict[str, str] = {}
        if all(reader in row for reader in READERS):
            first, second = (row[reader] for reader in READERS)
            for head in RELABELLED_HEADS:
                if first[head] == second[head] != row[head]:
                    author[head] = row[head]
                    record[head] = first[head]
                    report.relabelled[head] += 1
        if author:
            record["relabelled"] = author
            report.messages_relabelled += 1
        out.append(record)
    report.added[name] = len(out)
    report.left_out[name] = left_out
    return out


def held_out_texts(corpus_dir: Path) -> list[str]:
    """The texts of the hand-written sets the engine is measured or tuned on
    (``evaluate.HELD_OUT_MESSAGE_SETS``): never trained on, so never in a blind set either."""
    texts: list[str] = []
    for name in HELD_OUT_MESSAGE_SETS:
        path = corpus_dir / f"{name}.jsonl"
        if path.is_file():
            texts += [str(r["text"]) for r in read_jsonl(path)]
    return texts


def spend(corpus_dir: Path, names: Sequence[str]) -> SpendReport:
    """Append the named blind sets to ``handwritten.jsonl`` as training messages; a text
    already there or in a held-out set (:func:`held_out_texts`) is left out."""
    target = corpus_dir / "handwritten.jsonl"
    text = target.read_text(encoding="utf-8")
    existing = parse_jsonl(target, text)
    authors = {str(r.get("author")) for r in existing}
    trained = {_key(t) for t in [*(r["text"] for r in existing), *held_out_texts(corpus_dir)]}
    report = SpendReport()
    added: list[dict[str, Any]] = []
    for name in names:
        if f"writer-{name}" in authors:
            raise _refuse(
                str(target),
                f"{name} was spent already (author writer-{name})",
                f"Leave {name} out of the command",
            )
        rows = labelled_rows(corpus_dir / f"{name}.jsonl", MESSAGE_LABELS)
        added.extend(spent_rows(name, rows, trained, report))
    if text and not text.endswith("\n"):
        text += "\n"
    replace_file(target, (text + "".join(_line(r) for r in added)).encode("utf-8"))
    return report


def _line(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    from assist.resources import resource_path

    parser = argparse.ArgumentParser(prog="python -m assist.nlp.training.blind_sets")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("assemble", help="write a blind set from its three readings")
    make.add_argument("out", type=Path)
    make.add_argument("messages", type=Path)
    make.add_argument("second", type=Path)
    make.add_argument("third", type=Path)
    use = commands.add_parser("spend", help="move blind sets into the training corpus")
    use.add_argument("names", nargs="+")
    args = parser.parse_args(argv)
    corpus = args.corpus or resource_path("corpus")
    try:
        if args.command == "assemble":
            known = [r["text"] for r in read_jsonl(corpus / "handwritten.jsonl")]
            known += held_out_texts(corpus)
            for other in sorted(corpus.glob("blind*.jsonl")):
                if other.resolve() != args.out.resolve():
                    known += [r["text"] for r in read_jsonl(other)]
            rows, left_out = assemble(args.messages, [args.second, args.third], known=known)
            replace_file(args.out, "".join(_line(r) for r in rows).encode("utf-8"))
            print(f"{args.out}: {len(rows)} message{'' if len(rows) == 1 else 's'}")
            if left_out:
                shown = ", ".join(map(str, left_out))
                print(f"left out, already trained on or in another test set: message {shown}")
            return 0
        report = spend(corpus, args.names)
    except PekaError as exc:
        print(exc, file=sys.stderr)
        return 1
    for name in args.names:
        print(f"{name}: {report.added[name]} added, {report.left_out[name]} left out")
    changed = ", ".join(f"{head} {report.relabelled[head]}" for head in RELABELLED_HEADS)
    print(f"relabelled by two agreeing readers: {changed} ({report.messages_relabelled} messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
