"""The engine against the labels two people agree on.

Every blind set's row carries ``second_reader``: the four labels an independent second
reader gave the message from its text and the label definitions alone, never seeing the
author's. Two careful people disagree on one message's emotion in ten, so an accuracy
against one author's labels mixes the engine's errors with honest differences of
reading. Two numbers separate them: how often the reader gave the author's label (what a
second person reaches), and the engine's accuracy on just those messages (where the
label is not in doubt). The first does not replace the whole set's accuracy; it says how
much of the gap to a target is the engine's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assist.nlp.training.evaluate import wilson

READER = "second_reader"
READ_HEADS = ("emotion", "sentiment", "issue", "fault")


def bad_reading(row: Mapping[str, Any], allowed: Mapping[str, Sequence[Any]]) -> str | None:
    """The first wrong field of a row's second reading (``second_reader.issue``), if any;
    a row without one is fine (the older sets' readers' labels were lost)."""
    from assist.nlp.training.corpus import bad_label

    if READER not in row:
        return None
    reading = row[READER]
    if not isinstance(reading, dict):
        return READER
    field = bad_label(reading, {head: allowed[head] for head in READ_HEADS})
    return None if field is None else f"{READER}.{field}"


def agreed_scores(rows: Sequence[Mapping[str, Any]], results: Sequence[Any]) -> dict[str, Any]:
    """Per head: the reader's agreement with the author and the engine's accuracy on the
    messages they agree on; empty when no row of the set was read a second time."""
    read = [(row, result) for row, result in zip(rows, results, strict=True) if READER in row]
    if not read:
        return {}
    report: dict[str, Any] = {"read": len(read)}
    for head in READ_HEADS:
        agreed = [(row, result) for row, result in read if row[READER][head] == row[head]]
        correct = sum(1 for row, result in agreed if getattr(result, head) == row[head])
        report[head] = {
            "reader_agreement": round(len(agreed) / len(read), 3),
            "agreed": len(agreed),
            "engine_accuracy": round(correct / len(agreed), 3) if agreed else 0.0,
            "engine_accuracy_95": wilson(correct, len(agreed)),
        }
    return report


def format_agreed(section: Mapping[str, Any]) -> list[str]:
    lines = []
    for head in READ_HEADS:
        m = section[head]
        low, high = m["engine_accuracy_95"]
        lines.append(
            f"  {head}: second reader gave the author's label {m['reader_agreement']:.3f}"
            f" ({m['agreed']} of {section['read']}); engine accuracy on those"
            f" {m['engine_accuracy']:.3f} (95 % {low:.3f}–{high:.3f})"
        )
    return lines
