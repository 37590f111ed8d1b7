"""How the emotion's close alternative (``MessageAnalysis.emotion_alternative``) does on a
labelled set: how often the agent is shown one, how often it is the author's label, and
how often the author's label is the emotion or its alternative."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def alternative_scores(rows: Sequence[Mapping[str, Any]], results: Sequence[Any]) -> dict[str, Any]:
    pairs = list(zip(rows, results, strict=True))
    alternatives = [result.emotion_alternative() for result in results]
    shown = sum(1 for alternative in alternatives if alternative is not None)
    right = sum(1 for (row, _), alternative in zip(pairs, alternatives, strict=True)
                if alternative == row["emotion"])  # fmt: skip
    chosen = sum(1 for row, result in pairs if result.emotion == row["emotion"])
    n = len(pairs)
    return {
        "n": n,
        "shown": shown,
        "alternative_right": right,
        "emotion_accuracy": round(chosen / n, 3) if n else 0.0,
        "emotion_or_alternative": round((chosen + right) / n, 3) if n else 0.0,
    }


def format_alternative(section: Mapping[str, Any]) -> list[str]:
    n, shown = section["n"], section["shown"]
    return [
        f"  a close second emotion shown for {shown} of {n} messages"
        f" ({shown / max(1, n):.1%}); it was the author's label {section['alternative_right']}"
        f" times; emotion {section['emotion_accuracy']:.3f}, emotion or its alternative"
        f" {section['emotion_or_alternative']:.3f}"
    ]
