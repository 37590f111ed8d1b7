"""Generated agent drafts with the empathy functions and steps each one takes.

Used to measure the draft coach (rules, not trained): a draft is built from labelled
fragments, so its true functions and checklist are known. Held-out fragment families
(see :func:`corpus.held_out`) are marked ``split: test``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from assist.nlp.datafiles import load

_F = load("drafts.json")
# part → families (resources/nlp/drafts.json); a part adds functions and steps to the
# draft's labels.
PARTS_ID: dict[str, list[list[str]]] = _F.family_groups("parts_id")
PARTS_EN: dict[str, list[list[str]]] = _F.family_groups("parts_en")

FUNCTIONS_OF = {
    "feeling": {"acknowledge_feeling"}, "validate": {"validate_feeling"},
    "impact": {"acknowledge_impact"}, "apology": {"apologise"}, "thank": {"thank"},
    "action_time": {"commit_action"}, "action": {"commit_action"}, "reassure": {"reassure"},
    "check": {"check_satisfaction"}, "robotic": set(),
}  # fmt: skip
ORDER = ("greeting", "apology", "feeling", "restate", "validate", "impact", "thank",
         "action_time", "action", "reassure", "check", "cold", "robotic", "blaming")  # fmt: skip
_UNDERSTANDING = ("paham", "mengerti", "understand")
NAMES: tuple[str, ...] = _F.words("names")
REFS: tuple[str, ...] = _F.words("refs")


def generate_drafts(count: int, seed: int) -> Iterator[dict[str, Any]]:
    from assist.nlp.training.corpus import test_families

    rng = random.Random(f"{seed}:drafts")
    for n in range(count):
        language = "id" if n % 3 else "en"
        parts = PARTS_ID if language == "id" else PARTS_EN
        split = "test" if n % 5 == 0 else "train"
        chosen = [
            p
            for p in ORDER
            if rng.random() < (0.5 if p not in ("cold", "robotic", "blaming") else 0.15)
        ]
        if "action_time" in chosen and "action" in chosen:
            chosen.remove("action")
        text_parts = []
        functions: set[str] = set()
        understanding = False
        for part in chosen:
            families = parts[part]
            held = test_families(f"draft:{language}:{part}", families)
            pool = [f for i, f in enumerate(families) if (i in held) == (split == "test")]
            pool = pool or families  # a part with a single family appears in both splits
            fragment = rng.choice(rng.choice(pool))
            text_parts.append(fragment.format(name=rng.choice(NAMES), ref=rng.choice(REFS)))
            functions |= FUNCTIONS_OF.get(part, set())
            low = fragment.lower()
            if part == "robotic" and ("maaf" in low or "apolog" in low):
                functions.add("apologise")
            if part == "feeling" and any(w in low for w in _UNDERSTANDING):
                understanding = True
        if "restate" in chosen and chosen.index("restate") > 0:
            prev = text_parts[chosen.index("restate") - 1]
            if not prev.endswith(","):
                i = chosen.index("restate")
                lead = "Terkait" if language == "id" else "I see"
                text_parts[i] = f"{lead} {text_parts[i]}"
        elif "restate" in chosen:
            i = chosen.index("restate")
            text_parts[i] = ("Terkait " if language == "id" else "About ") + text_parts[i]
        yield {
            "text": " ".join(text_parts),
            "language": language,
            "split": split,
            "functions": sorted(functions),
            "checklist": {
                "problem_restated": "restate" in chosen,
                "feeling_acknowledged": "feeling" in chosen,
                "empathy_expressed": understanding or bool({"validate", "impact"} & set(chosen)),
                "action_committed": bool({"action", "action_time"} & set(chosen)),
            },
            "action_has_time": "action_time" in chosen,
            "findings": sorted({p for p in chosen if p in ("cold", "robotic", "blaming")}),
        }
