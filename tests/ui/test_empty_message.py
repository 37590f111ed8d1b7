"""An empty or whitespace-only message has nothing to analyse: the CLI, the core and the
sidebar say so instead of making up a "neutral" reading."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assist.errors import PekaError
from ui.entry import full_cli


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_cli_says_there_is_nothing_to_analyse(text: str) -> None:
    for args in (["analyze", text], ["analyze", text, "--json"]):
        result = CliRunner().invoke(full_cli(), args)
        assert result.exit_code == 1
        assert "[E670]" in result.output and "nothing to analyse" in result.output
        assert "neutral" not in result.output


def test_batch_flags_empty_lines_and_reads_the_rest() -> None:
    lines = '{"text": "  "}\n{"text": "Paket saya belum sampai, kecewa sekali"}\n'
    result = CliRunner().invoke(full_cli(), ["analyze", "--batch"], input=lines)
    assert result.exit_code == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines()[:2])
    assert first == {"line": 1, "error": "[E670] stdin line 1: nothing to analyse"}
    assert second["emotion"] and "error" not in second
    assert "[E670] 1 input line(s) had an empty text" in result.stderr


def test_the_session_refuses_an_empty_message(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.controller.ready, timeout=30_000)
    session = window.controller.core.session
    with pytest.raises(PekaError) as caught:
        session.add_customer_message(" \n ")
    assert caught.value.code == "E670"
    assert not session.analyses


def test_sidebar_says_nothing_to_analyse(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import type_message
    from ui.i18n import tr

    panel = type_message(qtbot, window, "   ")
    qtbot.waitUntil(lambda: panel.status.isVisible(), timeout=5_000)
    assert panel.status.text() == tr("msg.nothing_to_analyse")
    assert panel.view is None and not panel.emotion.isVisible()
    assert window.controller.message is None
    qtbot.keyClicks(panel.edit, "Paket saya belum sampai")
    qtbot.waitUntil(lambda: panel.view is not None, timeout=10_000)
    assert panel.status.text() != tr("msg.nothing_to_analyse")
