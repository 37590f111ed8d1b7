"""The corpus generator: deterministic, no template syntax left, families kept apart."""

from __future__ import annotations

from assist.nlp.training import templates_en, templates_id
from assist.nlp.training.corpus import generate_messages


def test_generation_is_deterministic_and_fully_filled() -> None:
    for language in ("id", "en"):
        first = list(generate_messages(300, language, "train", seed=3))
        again = list(generate_messages(300, language, "train", seed=3))
        assert first == again
        assert all("{" not in m["text"] and "}" not in m["text"] for m in first)
        assert {m["emotion"] for m in first} == set(templates_id.EMOTIONS)


def test_emotion_families_never_cross_the_split() -> None:
    for language in ("id", "en"):
        train = generate_messages(600, language, "train", seed=5)
        test = generate_messages(300, language, "test", seed=5)
        emo = lambda m: m["family"].split("|")[1]  # noqa: E731
        assert not {emo(m) for m in train} & {emo(m) for m in test}


def test_every_label_has_many_families() -> None:
    for t in (templates_id, templates_en):
        assert all(len(families) >= 9 for families in t.CORES.values())
        assert len(t.EMOTIONS["neutral"]) >= 11
        assert len(t.EMOTIONS["confused"]) >= 10
