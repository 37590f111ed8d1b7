"""Issue 14, cause 5: robotic acknowledgements are cold; the seeds' warm reply commits."""

from __future__ import annotations

import pytest

from assist.nlp.engine import Engine


@pytest.mark.parametrize(
    ("draft", "kind"),
    [
        ("Keluhan sudah dicatat.", "robotic"),
        ("Data Anda sudah kami terima.", "robotic"),
        ("Sistem kami menunjukkan paket sudah dikirim. Silakan cek lagi.", "robotic"),
        ("Your ticket has been received.", "robotic"),
        ("Please refer to our terms and conditions.", "blaming"),
    ],
)
def test_robotic_acknowledgements_are_cold(engine: Engine, draft: str, kind: str) -> None:
    result = engine.coach(draft)
    assert result.tone == "cold"
    assert kind in {f.kind for f in result.findings}
    assert all(f.alternative for f in result.findings)


def test_a_receipt_followed_by_a_real_action_is_not_robotic(engine: Engine) -> None:
    result = engine.coach(
        "Keluhan sudah dicatat, Kak. Saya paham ini menjengkelkan; saya cek ke kurir "
        "dan kabari paling lambat pukul 15.00 hari ini."
    )
    assert "robotic" not in {f.kind for f in result.findings}
    assert result.tone != "cold"


def test_the_seeds_warm_example_commits_to_an_action(engine: Engine) -> None:
    result = engine.coach(
        "Kami mengerti gangguan ini mengganggu aktivitas Anda, dan kami sedang berusaha "
        "memperbaikinya secepat mungkin"
    )
    assert result.checklist["action_committed"]
    assert "commit_action" in result.functions_present
    assert result.checklist["empathy_expressed"]
    assert result.tone == "warm"
    assert not result.findings


@pytest.mark.parametrize(
    "draft",
    [
        # drafts.jsonl (held-out generated drafts): a timed step, then a curt closing.
        "Saldo akan kami kembalikan hari ini sebelum pukul 17.00. Mohon ditunggu saja.",
        "I've passed this to our billing team and will call you by 5pm today. Just wait.",
    ],
)
def test_just_wait_is_cold_even_after_a_timed_step(engine: Engine, draft: str) -> None:
    result = engine.coach(draft)
    assert "cold" in {f.kind for f in result.findings}


def test_a_polite_wait_after_a_timed_step_is_not_cold(engine: Engine) -> None:
    result = engine.coach(
        "Saya sudah eskalasikan ke tim kurir dan akan kabari paling lambat pukul 15.00 "
        "hari ini. Mohon ditunggu ya, Kak."
    )
    assert "cold" not in {f.kind for f in result.findings}
