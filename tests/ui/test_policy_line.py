"""The policy line speaks the interface language; the coded detail stays in its tooltip."""

from __future__ import annotations

from pathlib import Path

from assist.app.views import policy_view
from assist.authority.service import AuthorityService
from ui import i18n
from ui.plain import plain_tooltip_text
from ui.status_panel import StatusPanel


def missing_policy(tmp_path: Path) -> AuthorityService:
    keys = tmp_path / "keys"
    keys.mkdir()
    return AuthorityService.open(
        ledger_path=tmp_path / "ledger.sqlite",
        policy_path=tmp_path / "policy.signed.json",
        keys_dir=keys,
        agent_id="budi",
        role=None,
    )


def test_no_policy_reads_as_indonesian_with_the_detail_in_the_tooltip(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    status = missing_policy(tmp_path).status()
    assert status.code == "E510"
    translator = i18n.install("id")
    panel = StatusPanel("budi")
    qtbot.addWidget(panel)
    panel.set_policy(policy_view(status))
    line = panel.policy_label.text()
    assert line.startswith("Kebijakan tidak berlaku: [E510] belum ada yang terpasang, jadi")
    assert "No signed policy" not in line and str(tmp_path) not in line
    assert panel.policy_label.toolTip() == plain_tooltip_text(status.reason)  # for IT
    translator.set_language("en")
    panel.retranslate()
    assert panel.policy_label.text().startswith("No valid policy: [E510] none is installed yet, so")
    i18n.install("id")


def test_an_unknown_code_still_says_grants_are_off(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    status = missing_policy(tmp_path).status()
    view = policy_view(status)
    i18n.install("id")
    panel = StatusPanel("budi")
    qtbot.addWidget(panel)
    from dataclasses import replace

    panel.set_policy(replace(view, code="E599"))
    assert "[E599] kompensasi nonaktif" in panel.policy_label.text()


def test_every_policy_reason_is_in_both_languages() -> None:
    from assist.app.catalogue import catalogue

    english = {k for k in catalogue("en") if k.startswith("status.policy_reason.")}
    indonesian = {k for k in catalogue("id") if k.startswith("status.policy_reason.")}
    assert english == indonesian and "status.policy_reason.other" in english
