"""Precision, recall and F1 per label of the whole engine (classifiers and rules).

The test sets, none used for training or tuning the classifiers:

* ``messages_test.jsonl`` — generated from held-out template families;
* ``challenge.jsonl`` — hand-written, messy, realistic messages (never generated);
* ``blind78.jsonl`` … ``blind85.jsonl`` — messages with fault labels, each set written
  by an author who never saw the engine or its corpus, as one working day's natural mix,
  written in issue 14's twenty-second (78–81) and twenty-third (82–85) passes and scored
  in the twenty-third (blind sets 1–77 were spent by earlier passes and are in the
  training corpus), each message with two more readers' labels (``readers``);
* ``drafts.jsonl`` (``split: test``) — drafts for the coach's functions and checklist;
* ``drafts_handwritten_test.jsonl`` and ``drafts_handwritten_test2.jsonl`` — whole agent
  drafts, each cold or not, written by authors who never saw the coach: how many cold
  drafts the coach flags, and how many warm ones it flags wrongly.

``stress_dev.jsonl`` (66 hand-written messages in the sectors and phrasings the fourth
pass added: worry with stakes, sarcasm, problem questions, staff failures) is dev data:
it was written before that pass's rule changes and then used to tune them.
``stress_dev2.jsonl`` (fifth pass: accusing questions, repeated failures, sarcasm,
contradiction confusion) is likewise dev data; ``stress_test2.jsonl`` was written at the
same time, before any of that pass's changes, and is never tuned on.

Fault is scored on two hand-labelled sets: ``fault_dev.jsonl`` (used to tune the fault
rules) and ``fault_test.jsonl`` (written before tuning, never tuned on).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from assist.nlp.linear import HEADS
from assist.nlp.models import CHECKLIST_STEPS, EMOTIONS, FAULTS, FUNCTIONS, ISSUES, SENTIMENTS

TASKS = {"emotion": EMOTIONS, "sentiment": SENTIMENTS, "issue": ISSUES}


def wilson(correct: int, n: int) -> tuple[float, float]:
    """95 % Wilson interval of an accuracy: a blind set of 260 messages tells 0.84 from
    0.85 no better than ±0.045, and the report says so beside every accuracy."""
    if n == 0:
        return (0.0, 0.0)
    z = 1.96
    p = correct / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3)


def prf(gold: list[str], predicted: list[str], labels: tuple[str, ...]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3),
                        "n": tp + fn}  # fmt: skip
    present = [v for v in table.values() if v["n"]]
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "labels": table,
        "macro_f1": round(sum(v["f1"] for v in present) / max(1, len(present)), 3),
        "accuracy": round(correct / max(1, len(gold)), 3),
        "accuracy_95": wilson(correct, len(gold)),
        "n": len(gold),
    }


def analyses(engine: Any, rows: list[dict[str, Any]]) -> list[Any]:
    """Each row's analysis, worked out once for every score taken of a set."""
    return [engine.analyze(r["text"]) for r in rows]


def evaluate_messages(
    engine: Any, rows: list[dict[str, Any]], results: list[Any] | None = None
) -> dict[str, Any]:
    results = analyses(engine, rows) if results is None else results
    report: dict[str, Any] = {}
    for task, labels in TASKS.items():
        pairs = [(r[task], getattr(a, task)) for r, a in zip(rows, results, strict=True)
                 if r.get(task) in labels]  # fmt: skip
        report[task] = prf([g for g, _ in pairs], [p for _, p in pairs], labels)
    langs = [(r["language"], a.language) for r, a in zip(rows, results, strict=True)
             if r.get("language") in ("id", "en")]  # fmt: skip
    report["language"] = prf([g for g, _ in langs], [p for _, p in langs], ("id", "en"))
    return report


def evaluate_fault(
    engine: Any, rows: list[dict[str, Any]], results: list[Any] | None = None
) -> dict[str, Any]:
    """Fault attribution on a hand-labelled set (``fault_dev`` tunes, ``fault_test`` not)."""
    predicted = [a.fault for a in (analyses(engine, rows) if results is None else results)]
    return {"fault": prf([r["fault"] for r in rows], predicted, FAULTS)}


def evaluate_drafts(engine: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    gold_fn: dict[str, list[bool]] = {f: [] for f in FUNCTIONS}
    pred_fn: dict[str, list[bool]] = {f: [] for f in FUNCTIONS}
    gold_ck: dict[str, list[bool]] = {s: [] for s in CHECKLIST_STEPS}
    pred_ck: dict[str, list[bool]] = {s: [] for s in CHECKLIST_STEPS}
    for row in rows:
        result = engine.coach(row["text"])
        for f in FUNCTIONS:
            gold_fn[f].append(f in row["functions"])
            pred_fn[f].append(f in result.functions_present)
        for s in CHECKLIST_STEPS:
            gold_ck[s].append(bool(row["checklist"][s]))
            pred_ck[s].append(bool(result.checklist[s]))
    return {
        "functions": {f: _binary(gold_fn[f], pred_fn[f]) for f in FUNCTIONS},
        "checklist": {s: _binary(gold_ck[s], pred_ck[s]) for s in CHECKLIST_STEPS},
        "n": len(rows),
    }


def _binary(gold: list[bool], predicted: list[bool]) -> dict[str, float]:
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3), "n": tp + fn}


BLIND_SETS = ("blind86", "blind87", "blind88", "blind89")
# The other hand-written message sets the engine is measured or tuned on, never trained on.
HELD_OUT_MESSAGE_SETS = ("challenge", "stress_dev", "stress_dev2", "stress_test2",
                         "fault_dev", "fault_test", "messages_test")  # fmt: skip
# The last one is unseen until a pass ends, like the blind sets (``--no-blind``).
COLD_DRAFT_SETS = ("drafts_handwritten_test", "drafts_handwritten_test2")
MESSAGE_LABELS: dict[str, tuple[Any, ...]] = {"language": ("id", "en"), **HEADS}
_DRAFT_LABELS: dict[str, tuple[Any, ...]] = {"cold": (True, False)}


def labelled_rows(path: Path, labels: dict[str, tuple[Any, ...]]) -> list[dict[str, Any]]:
    """The rows of a hand-written test set, each with a text and every label allowed (a
    second reader's too); otherwise [E310] names the file, the row and the field before
    anything is scored."""
    from assist.errors import PekaError
    from assist.nlp.errors import E310
    from assist.nlp.training.corpus import bad_label, read_jsonl
    from assist.nlp.training.readers import bad_reading

    rows = read_jsonl(path)
    for number, row in enumerate(rows, 1):
        text = row.get("text")
        if not (isinstance(text, str) and text.strip()):
            raise PekaError(E310, f"{path}, row {number}: 'text' is {text!r}, not a text. "
                            "Fix the row; nothing was evaluated.")  # fmt: skip
        field = bad_label(row, labels)
        if field is not None:
            raise PekaError(
                E310,
                f"{path}, row {number}: {field!r} is {row.get(field)!r}, not one of "
                f"{list(labels[field])}. Fix the row; nothing was evaluated.",
            )
        wrong = bad_reading(row, labels) if "emotion" in labels else None
        if wrong is not None:
            field, value, allowed = wrong
            raise PekaError(E310, f"{path}, row {number}: {field!r} is {value!r}, not "
                            f"{allowed}. Fix the row; nothing was evaluated.")  # fmt: skip
    return rows


def hand_written_sets(corpus_dir: Path, *, blind: bool = True) -> dict[str, list[dict[str, Any]]]:
    """Every hand-written test set present, by name, all checked ([E310]) before any is
    scored; ``blind=False`` leaves out the blind sets and the newest drafts test set."""
    wanted = [(n, MESSAGE_LABELS) for n in BLIND_SETS if blind]
    wanted += [(n, _DRAFT_LABELS) for n in COLD_DRAFT_SETS if blind or n != COLD_DRAFT_SETS[-1]]
    return {name: labelled_rows(corpus_dir / f"{name}.jsonl", labels)
            for name, labels in wanted if (corpus_dir / f"{name}.jsonl").is_file()}  # fmt: skip


def evaluate_cold_drafts(engine: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Whole drafts labelled cold or not: a cold draft counts as recognised when the coach
    finds anything in it, a warm draft as a false alarm when it does."""
    flagged = [(bool(r["cold"]), bool(engine.coach(r["text"]).findings)) for r in rows]
    cold = [f for is_cold, f in flagged if is_cold]
    warm = [f for is_cold, f in flagged if not is_cold]
    return {"cold_drafts": {"recognised": sum(cold), "n": len(cold),
                            "rate": round(sum(cold) / len(cold), 3) if cold else 0.0},
            "warm_drafts": {"false_alarms": sum(warm), "n": len(warm),
                            "rate": round(sum(warm) / len(warm), 3) if warm else 0.0}}  # fmt: skip


def evaluate_all(corpus_dir: Path, pipelines: Path, *, blind: bool = True) -> dict[str, Any]:
    from assist.nlp.engine import engine_at
    from assist.nlp.training.alternative import alternative_scores
    from assist.nlp.training.corpus import read_jsonl
    from assist.nlp.training.readers import agreed_scores, majority_scores

    engine = engine_at(pipelines)
    hand_written = hand_written_sets(corpus_dir, blind=blind)
    report: dict[str, Any] = {}
    test = read_jsonl(corpus_dir / "messages_test.jsonl")
    _with_languages(report, "held_out", engine, test)
    challenge = corpus_dir / "challenge.jsonl"
    if challenge.is_file():
        _with_languages(report, "challenge", engine, read_jsonl(challenge))
    labelled = [(name, hand_written[name]) for name in BLIND_SETS if name in hand_written]
    for name in ("stress_dev", "stress_dev2", "stress_test2"):
        stress = corpus_dir / f"{name}.jsonl"
        if stress.is_file():
            labelled.append((name, read_jsonl(stress)))
    for name, rows in labelled:
        results = analyses(engine, rows)
        report[name] = evaluate_messages(engine, rows, results)
        report[f"{name}_fault"] = evaluate_fault(engine, rows, results)
        agreed = agreed_scores(rows, results)
        if agreed:
            report[f"{name}_agreed"] = agreed
        majority = majority_scores(rows, results)
        if majority:
            report[f"{name}_majority"] = majority
        if name in BLIND_SETS:
            report[f"{name}_alternative"] = alternative_scores(rows, results)
    for name in ("fault_dev", "fault_test"):
        path = corpus_dir / f"{name}.jsonl"
        if path.is_file():
            report[name] = evaluate_fault(engine, read_jsonl(path))
    for name in COLD_DRAFT_SETS:
        if name in hand_written:
            report[name] = evaluate_cold_drafts(engine, hand_written[name])
    drafts = corpus_dir / "drafts.jsonl"
    if drafts.is_file():
        report["drafts"] = evaluate_drafts(
            engine, [r for r in read_jsonl(drafts) if r.get("split") == "test"]
        )
    return report


def _with_languages(
    report: dict[str, Any], name: str, engine: Any, rows: list[dict[str, Any]]
) -> None:
    """A set's scores, and its Indonesian and English rows' on their own."""
    results = analyses(engine, rows)
    report[name] = evaluate_messages(engine, rows, results)
    for lang in ("id", "en"):
        mine = [(r, a) for r, a in zip(rows, results, strict=True) if r.get("language") == lang]
        report[f"{name}_{lang}"] = evaluate_messages(
            engine, [r for r, _ in mine], [a for _, a in mine]
        )


def format_report(report: dict[str, Any]) -> str:
    lines: list[str] = []
    for name, section in report.items():
        if name == "real":
            from assist.nlp.training.real_eval import markdown

            lines.append("\n## held-out public data (engine vs baseline)")
            lines.append(markdown(section))
            continue
        if name == "drafts":
            lines.append(f"\n## coach on held-out drafts (n={section['n']})")
            for group in ("checklist", "functions"):
                for label, m in section[group].items():
                    lines.append(f"  {label:<22} P {m['p']:.2f}  R {m['r']:.2f}  F1 {m['f1']:.2f}")
            continue
        if "shown" in section:
            from assist.nlp.training.alternative import format_alternative

            set_name = name.removesuffix("_alternative")
            lines.append(f"\n## {set_name}, the emotion's close alternative")
            lines.extend(format_alternative(section))
            continue
        if "read" in section:
            from assist.nlp.training.readers import AGREED_LINE, MAJORITY_LINE, format_readers

            if name.endswith("_majority"):
                lines.append(f"\n## {name.removesuffix('_majority')}, three readers")
                lines.extend(format_readers(section, MAJORITY_LINE))
            else:
                lines.append(f"\n## {name.removesuffix('_agreed')}, where a second reader agrees")
                lines.extend(format_readers(section, AGREED_LINE))
            continue
        lines.append(f"\n## {name}")
        if "cold_drafts" in section:
            c, w = section["cold_drafts"], section["warm_drafts"]
            lines.append(
                f"  cold drafts recognised {c['recognised']}/{c['n']} ({c['rate']:.1%}),"
                f" warm drafts flagged {w['false_alarms']}/{w['n']} ({w['rate']:.1%})"
            )
            continue
        if "fault" in section:
            lines.append(_accuracy_line("fault", section["fault"]))
            continue
        for task in (*TASKS, "language"):
            lines.append(_accuracy_line(task, section[task]))
    return "\n".join(lines).strip()


def _accuracy_line(task: str, m: dict[str, Any]) -> str:
    low, high = m["accuracy_95"]
    return (f"  {task}: accuracy {m['accuracy']:.3f} (95 % {low:.3f}–{high:.3f}),"
            f" macro F1 {m['macro_f1']:.3f} (n={m['n']})")  # fmt: skip


def markdown_table(section: dict[str, Any], task: str) -> str:
    """A docs-ready table of one task's per-label scores."""
    m = section[task]
    rows = ["| label | precision | recall | F1 | n |", "|---|---|---|---|---|"]
    for label, v in m["labels"].items():
        rows.append(f"| {label} | {v['p']:.2f} | {v['r']:.2f} | {v['f1']:.2f} | {v['n']} |")
    rows.append(f"| **macro / accuracy** | | | **{m['macro_f1']:.2f}** | acc {m['accuracy']:.2f} |")
    return "\n".join(rows)
