"""The coach: context findings, each with a full warmer rewrite from this customer's details."""

from __future__ import annotations

from assist.authority.models import REQUIRES_APPROVAL, WITHIN_AUTHORITY, CompensationOption
from assist.nlp.models import DraftFinding
from assist.session import AssistSession
from assist.suggest.library import PhraseLibrary
from tests.suggest.helpers import NOW, FakeEngine, analysis, customer


class Advisor:
    def __init__(self, options: list[CompensationOption]) -> None:
        self.calls = 0
        self._options = options

    def options(self, case: object) -> list[CompensationOption]:
        self.calls += 1
        return list(self._options)


def voucher(amount_minor: int, status: str = WITHIN_AUTHORITY) -> CompensationOption:
    return CompensationOption(
        type="voucher",
        label="Voucher",
        amount_minor=amount_minor,
        currency="IDR",
        status=status,
        budget_left_minor=None,
        reason="test",
    )


def session(library: PhraseLibrary, **kwargs: object) -> AssistSession:
    s = AssistSession(FakeEngine(), library, agent_id="a", clock=lambda: NOW, **kwargs)  # type: ignore[arg-type]
    s.set_customer(customer())
    s.engine.queued.append(analysis(refs=("INV-2025-00042",), waiting_days=6))  # type: ignore[attr-defined]
    s.add_customer_message("x")
    return s


def kinds(s: AssistSession, draft: str) -> dict[str, str]:
    return {f.kind: f.rewrite for f in s.update(draft).coach.findings}


def test_lone_cold_template_gets_a_full_personal_reply(library: PhraseLibrary) -> None:
    s = session(library)
    for cold in (
        "Sedang dalam perbaikan.",
        "Mohon maaf atas ketidaknyamanannya",
        "Halo Pak, mohon ditunggu.",
    ):
        found = kinds(s, cold)
        assert "cold_template" in found, cold
        rewrite = found["cold_template"]
        assert rewrite.startswith("Halo Bapak Budi,")
        assert "INV-2025-00042" in rewrite and "6 hari" in rewrite
        assert "name_unused" not in found
    # A template inside a real reply is not a lone template.
    assert "cold_template" not in kinds(
        s, "Saya paham Bapak kesal. Mohon maaf atas ketidaknyamanannya, saya cek sekarang."
    )


def test_name_known_but_unused(library: PhraseLibrary) -> None:
    s = session(library)
    found = kinds(s, "Halo, saya paham ini menjengkelkan dan saya cek sekarang juga.")
    assert found["name_unused"].startswith("Halo Bapak Budi,\nSaya paham")
    assert "name_unused" not in kinds(s, "Halo Pak Budi, saya paham ini menjengkelkan sekali ya.")


def test_apology_without_action_adds_a_concrete_step(library: PhraseLibrary) -> None:
    s = session(library)
    found = kinds(s, "Bapak Budi, mohon maaf sekali atas keterlambatan pesanan ini ya.")
    rewrite = found["apology_without_action"]
    assert rewrite.startswith("Bapak Budi, mohon maaf sekali")
    assert (
        len(rewrite) > len("Bapak Budi, mohon maaf sekali atas keterlambatan pesanan ini ya.") + 20
    )


def test_action_without_feeling_opens_with_acknowledgement(library: PhraseLibrary) -> None:
    s = session(library)
    draft = "Bapak Budi, pesanan akan saya eskalasi ke ekspedisi dan saya kabari sore ini."
    rewrite = kinds(s, draft)["action_without_feeling"]
    assert rewrite.endswith(draft) and len(rewrite) > len(draft)
    assert "action_without_feeling" not in kinds(s, "Saya paham Bapak Budi kesal. " + draft)


def test_promise_beyond_authority(library: PhraseLibrary) -> None:
    advisor = Advisor([voucher(5_000_000), voucher(50_000_000, REQUIRES_APPROVAL)])
    s = session(library, advisor=advisor)
    draft = "Saya paham Bapak Budi kesal. Kami berikan voucher Rp 200.000 untuk Bapak."
    update = s.update(draft)
    (finding,) = [f for f in update.coach.findings if f.kind == "over_promise"]
    assert "Rp 200.000" in finding.message and "Rp 50.000" in finding.message
    assert (
        finding.rewrite
        == "Saya paham Bapak Budi kesal. Kami berikan voucher Rp 50.000 untuk Bapak."
    )
    assert update.compensation == advisor._options
    # Within authority: no finding.
    ok = "Saya paham Bapak Budi kesal. Kami berikan voucher Rp 50.000 untuk Bapak."
    assert "over_promise" not in kinds(s, ok)
    assert advisor.calls == 1  # once per message, never per keystroke


def test_guarantee_words_about_money(library: PhraseLibrary) -> None:
    s = session(library)
    draft = "Saya paham Bapak Budi kesal. Refund pasti masuk hari ini juga! Saya kabari lagi."
    update = s.update(draft)
    (finding,) = [f for f in update.coach.findings if f.kind == "over_promise"]
    assert "pasti" in finding.message and "hari ini juga" in finding.message
    assert "pasti" not in finding.rewrite
    assert finding.rewrite.startswith("Saya paham Bapak Budi kesal. ")
    assert finding.rewrite.endswith(" Saya kabari lagi.")
    # "Hari ini" about a call back (no money) is not a money promise.
    assert "over_promise" not in kinds(
        s, "Saya paham Bapak Budi kesal, saya telepon hari ini juga."
    )


def test_engine_findings_become_full_rewrites(library: PhraseLibrary) -> None:
    s = session(library)
    draft = "Bapak Budi, Sesuai sistem pesanan sedang jalan."
    start = draft.index("Sesuai sistem")
    end = start + len("Sesuai sistem")
    s.engine.findings.append(  # type: ignore[attr-defined]
        DraftFinding(start, end, "robotic", "Sesuai sistem", "Saya cek", "Terdengar kaku.")
    )
    update = s.update(draft)
    (finding,) = [f for f in update.coach.findings if f.kind == "robotic"]
    assert finding.rewrite == "Bapak Budi, Saya cek pesanan sedang jalan."
    assert finding.message == "Terdengar kaku." and (finding.start, finding.end) == (start, end)


def test_english_coaching_messages(library: PhraseLibrary) -> None:
    s = AssistSession(FakeEngine(), library, agent_id="a", ui_language="en", clock=lambda: NOW)
    s.set_customer(customer(full_name="Sarah Lee", salutation="", language="en"))
    s.engine.queued.append(analysis(language="en"))  # type: ignore[attr-defined]
    s.add_customer_message("x")
    findings = s.update("We apologise for the inconvenience.").coach.findings
    (cold,) = [f for f in findings if f.kind == "cold_template"]
    assert cold.message.startswith("This reads like a cold template")
    assert cold.rewrite.startswith("Hi Sarah,")
