"""The demo policy's name is Peka's own text, so it follows the interface language; a
supervisor's policy name is data and is shown as written."""

from __future__ import annotations

from datetime import UTC, datetime

from assist.app.views import PolicyView
from assist.authority.demo import DEMO_POLICY_NAME, DEMO_SIGNER
from ui import i18n
from ui.status_panel import policy_title

EXPIRES = datetime(2027, 11, 22, 5, tzinfo=UTC)


def test_the_demo_policy_name_follows_the_interface_language() -> None:
    demo = PolicyView(True, "", "1763780000", DEMO_SIGNER, EXPIRES, name=DEMO_POLICY_NAME)
    try:
        i18n.install("en")
        assert policy_title(demo) == "Peka demo policy (not for real customers)"
        i18n.install("id")
        assert policy_title(demo) == "Kebijakan demo Peka (bukan untuk pelanggan sungguhan)"
        i18n.install("en")
        # The same words from another signer are a real policy's name: shown as written.
        other = PolicyView(True, "", "4", "sup.ani", EXPIRES, name=DEMO_POLICY_NAME)
        assert policy_title(other) == f"{DEMO_POLICY_NAME} v4"
    finally:
        i18n.install("id")


def test_the_sidebar_in_english_shows_no_indonesian_policy_name(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.status.policy is not None, timeout=10_000)
    try:
        window.translator.set_language("en")
        status = window.status.policy_label.text()
        assert status.startswith("Peka demo policy (not for real customers) · demo-supervisor · ")
        shown = window.compensation.policy_label
        qtbot.waitUntil(lambda: "Peka demo policy" in shown.text(), timeout=10_000)
        assert "Kebijakan" not in shown.text()
    finally:
        window.translator.set_language("id")
