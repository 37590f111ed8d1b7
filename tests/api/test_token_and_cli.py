"""The API token lives only in the OS keyring; the CLI prints it and serves the API."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from click.testing import CliRunner

from assist.errors import PekaError


def test_token_is_created_once_and_kept_only_in_the_keyring(isolated_peka: Path) -> None:
    from assist.api.token import KEYRING_SERVICE, api_token, rotate_token
    from ui.entry import full_cli

    runner = CliRunner()
    first = runner.invoke(full_cli(), ["api", "token"])
    assert first.exit_code == 0, first.output
    token = first.output.strip()
    assert len(token) >= 40
    assert runner.invoke(full_cli(), ["api", "token"]).output.strip() == token
    assert api_token() == token
    # Nowhere on disk: no file under Peka's folders holds it.
    for path in isolated_peka.rglob("*"):
        if path.is_file():
            assert token not in path.read_text(encoding="utf-8", errors="ignore")
    backend = keyring.get_keyring()
    assert token in backend.store.values()  # type: ignore[attr-defined]
    assert any(service == KEYRING_SERVICE for service, _ in backend.store)  # type: ignore[attr-defined]
    rotated = rotate_token()
    assert rotated != token and api_token() == rotated


def test_without_a_usable_keyring_there_is_no_token_and_no_fallback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keyring.backends import fail

    from assist.api.token import api_token

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(PekaError) as info:
        api_token()
    assert info.value.code == "E915"
    result = CliRunner().invoke(__import__("ui.entry").entry.full_cli(), ["api", "token"])
    assert result.exit_code != 0 and "[E915]" in result.output


def test_busy_port_is_a_coded_error() -> None:
    from assist.api.server import listen

    first = listen(0)
    try:
        with pytest.raises(PekaError) as info:
            listen(first.getsockname()[1])
        assert info.value.code == "E916" and "api.port" in info.value.message
    finally:
        first.close()


def test_only_loopback_is_ever_bound() -> None:
    from assist.api.server import HOST, listen

    sock = listen(0)
    try:
        assert HOST == "127.0.0.1" and sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()
