"""The engine against labels people agree on.

Every blind set's row carries the labels of two more readers besides its author's:
``second_reader`` and ``third_reader``, each the four labels an independent reader gave
the message from its text and the label definitions alone, never seeing anyone else's.
Two careful people disagree on one message's emotion about one time in ten, so an
accuracy against one author's labels mixes the engine's errors with honest differences
of reading. Three views separate them, none replacing the whole set's accuracy:

* **agreed** — how often the second reader gave the author's label, and the engine's
  accuracy on just those messages (where the label is not in doubt; an easier subset);
* **majority** — the engine against the label at least two of the three gave (every
  message with such a label: the usual gold standard of several annotators);
* **one person against the other two** — for each of the three, the messages where the
  other two agree: how often that person gave the same label, and how often the engine
  did, on exactly the same messages. This compares the engine with a person, judged the
  same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from assist.nlp.linear import HEADS
from assist.nlp.training.evaluate import wilson

READERS = ("second_reader", "third_reader")
# Readers label what a blind set's author labels: every head a message is labelled with.
READ_HEADS = tuple(HEADS)


def bad_reading(
    row: Mapping[str, Any], allowed: Mapping[str, Sequence[Any]]
) -> tuple[str, Any, str] | None:
    """The first wrong field of a row's readings — (``second_reader.issue``, its value,
    what it should be) — if any. A row without a reading is fine."""
    from assist.nlp.training.corpus import bad_label

    for reader in READERS:
        if reader not in row:
            continue
        reading = row[reader]
        if not isinstance(reading, dict):
            return reader, reading, "an object of four labels"
        field = bad_label(reading, {head: allowed[head] for head in READ_HEADS})
        if field is not None:
            return f"{reader}.{field}", reading.get(field), f"one of {list(allowed[field])}"
    return None


def agreed_scores(rows: Sequence[Mapping[str, Any]], results: Sequence[Any]) -> dict[str, Any]:
    """Per head: the second reader's agreement with the author and the engine's accuracy
    on the messages they agree on; empty when no row of the set was read a second time."""
    read = [(row, result) for row, result in zip(rows, results, strict=True)
            if READERS[0] in row]  # fmt: skip
    if not read:
        return {}
    report: dict[str, Any] = {"read": len(read)}
    for head in READ_HEADS:
        agreed = [(row, result) for row, result in read if row[READERS[0]][head] == row[head]]
        correct = sum(1 for row, result in agreed if getattr(result, head) == row[head])
        report[head] = {
            "reader_agreement": round(len(agreed) / len(read), 3),
            "agreed": len(agreed),
            "engine_accuracy": round(correct / len(agreed), 3) if agreed else 0.0,
            "engine_accuracy_95": wilson(correct, len(agreed)),
        }
    return report


def majority_scores(rows: Sequence[Mapping[str, Any]], results: Sequence[Any]) -> dict[str, Any]:
    """Per head: the engine against the majority of author and both readers, and a person
    against the other two beside the engine on the same messages; empty unless some row
    has both readers."""
    read = [(row, result) for row, result in zip(rows, results, strict=True)
            if all(reader in row for reader in READERS)]  # fmt: skip
    if not read:
        return {}
    report: dict[str, Any] = {"read": len(read)}
    for head in READ_HEADS:
        majority = correct = 0
        person = engine = judged = 0
        for row, result in read:
            labels = [row[head], *(row[reader][head] for reader in READERS)]
            label, votes = Counter(labels).most_common(1)[0]
            if votes >= 2:
                majority += 1
                correct += getattr(result, head) == label
            for i, own in enumerate(labels):
                first, second = (other for j, other in enumerate(labels) if j != i)
                if first == second:
                    judged += 1
                    person += own == first
                    engine += getattr(result, head) == first
        report[head] = {
            "majority": majority,
            "engine_accuracy": round(correct / majority, 3) if majority else 0.0,
            "engine_accuracy_95": wilson(correct, majority),
            "judged": judged,
            "person_against_others": round(person / judged, 3) if judged else 0.0,
            "engine_against_others": round(engine / judged, 3) if judged else 0.0,
        }
    return report


AGREED_LINE = (
    "second reader gave the author's label {reader_agreement:.3f} ({agreed} of {read});"
    " engine accuracy on those {engine_accuracy:.3f} ({interval})"
)
MAJORITY_LINE = (
    "engine against the majority {engine_accuracy:.3f} ({interval}; {majority} of {read}"
    " have one); against the other two where they agree: a person"
    " {person_against_others:.3f}, the engine {engine_against_others:.3f} (n={judged})"
)


def format_readers(section: Mapping[str, Any], line: str) -> list[str]:
    """One line a head: ``line`` (:data:`AGREED_LINE`, :data:`MAJORITY_LINE`) filled in."""
    lines = []
    for head in READ_HEADS:
        low, high = section[head]["engine_accuracy_95"]
        interval = f"95 % {low:.3f}–{high:.3f}"
        filled = line.format(**section[head], read=section["read"], interval=interval)
        lines.append(f"  {head}: {filled}")
    return lines
