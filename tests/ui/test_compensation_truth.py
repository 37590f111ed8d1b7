"""The compensation panel never says more than is true (issue 15)."""

from __future__ import annotations

from assist.authority.models import REQUIRES_APPROVAL, WITHIN_AUTHORITY, CompensationOption
from ui import i18n
from ui.compensation_panel import CompensationPanel


def _option(status: str, budget: int | None) -> CompensationOption:
    return CompensationOption(
        "full_refund", "Pengembalian dana penuh", 277_400_000, "IDR", status, budget, "x"
    )


def test_an_approval_only_option_does_not_read_as_unlimited(qtbot) -> None:  # type: ignore[no-untyped-def]
    i18n.install("id")
    panel = CompensationPanel()
    qtbot.addWidget(panel)
    panel.show_options(
        [_option(REQUIRES_APPROVAL, None), _option(WITHIN_AUTHORITY, 5_000_000)], has_case=True
    )
    approval, within = panel._rows[0].detail.text(), panel._rows[1].detail.text()
    assert "Tanpa batas" not in approval and "Perlu persetujuan supervisor" in approval
    assert "Sisa anggaran hari ini: Rp 50.000" in within
    assert panel._rows[0].title.text() == "Pengembalian dana penuh · Rp 2.774.000"


def test_already_compensated_is_said_and_survives_a_language_switch(qtbot) -> None:  # type: ignore[no-untyped-def]
    translator = i18n.install("id")
    panel = CompensationPanel()
    qtbot.addWidget(panel)
    panel.show()
    given = CompensationOption("voucher", "Voucher belanja", 2_500_000, "IDR", "approved", None, "")
    panel.show_options([], has_case=True, compensated=[given])
    assert panel.given.isVisible()
    assert panel.given.text() == (
        "Sudah diberi kompensasi di percakapan ini: Voucher belanja · Rp 25.000."
    )
    translator.language_changed.connect(lambda _l: panel.retranslate())
    translator.set_language("en")
    assert (
        panel.given.text()
        == "Already compensated in this conversation: Voucher belanja · Rp 25,000."
    )
    i18n.install("id")
