"""The corpus generator: deterministic, no template syntax left, families kept apart."""

from __future__ import annotations

from assist.nlp.training.corpus import generate_messages
from assist.nlp.training.templates import templates


def test_generation_is_deterministic_and_fully_filled() -> None:
    for language in ("id", "en"):
        first = list(generate_messages(300, language, "train", seed=3))
        again = list(generate_messages(300, language, "train", seed=3))
        assert first == again
        assert all("{" not in m["text"] and "}" not in m["text"] for m in first)
        assert {m["emotion"] for m in first} == set(templates("id").emotions)


def test_emotion_families_never_cross_the_split() -> None:
    for language in ("id", "en"):
        train = generate_messages(600, language, "train", seed=5)
        test = generate_messages(300, language, "test", seed=5)
        emo = lambda m: m["family"].split("|")[1]  # noqa: E731
        assert not {emo(m) for m in train} & {emo(m) for m in test}


def test_every_label_has_many_families() -> None:
    for t in (templates("id"), templates("en")):
        assert all(len(families) >= 9 for families in t.cores.values())
        assert len(t.emotions["neutral"]) >= 11
        assert len(t.emotions["confused"]) >= 10


def test_the_split_follows_a_familys_content_not_its_position() -> None:
    from assist.nlp.training.corpus import test_families

    families = templates("id").emotions["angry"]
    held = {tuple(families[i]) for i in test_families("id:emo:angry", families)}
    shuffled = list(reversed(families))
    again = {tuple(shuffled[i]) for i in test_families("id:emo:angry", shuffled)}
    assert held == again
    assert 0 < len(held) < len(families)
