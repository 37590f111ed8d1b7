"""`peka console --demo` opens with no working desktop keyring: the demo key lives in
memory only, its private half is never written anywhere, and there is no fallback."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from click.testing import CliRunner
from keyring.backends import fail
from PySide6.QtWidgets import QApplication

from assist.authority.canonical import b64url_encode
from assist.authority.keys import load_public_keys
from assist.authority.policy_file import load_policy_text
from assist.authority.policy_template import example_policy_text
from assist.authority.signing import sign_policy, verify_signed_policy
from ui.console import command
from ui.entry import full_cli


@pytest.fixture
def no_keyring() -> None:
    keyring.set_keyring(fail.Keyring())  # what keyring picks when no backend works


def private_bytes(key: command.SigningKey) -> list[bytes]:
    from cryptography.hazmat.primitives import serialization

    raw = key.key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return [raw, b64url_encode(raw).encode(), raw.hex().encode()]


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_console_demo_opens_without_a_keyring(
    qtbot, isolated_peka: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[command.SigningKey] = []
    real = command.demo_console_key
    monkeypatch.setattr(command, "demo_console_key", lambda: made.append(real()) or made[-1])
    # The command's own event loop would run until the window is closed; the test's
    # event loop (pytest-qt's) drives the window instead. Quitting the application would
    # stop the background lanes of the tests that follow.
    monkeypatch.setattr(QApplication, "exec", lambda *_args: 0)
    before = set(QApplication.topLevelWidgets())
    result = CliRunner().invoke(full_cli(), ["console", "--demo", "--language", "en"])
    assert result.exit_code == 0, result.output
    windows = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
    for window in windows:
        qtbot.addWidget(window)
    titles = [w.windowTitle() for w in windows]
    assert any("Peka" in t and "demo" in t.lower() for t in titles), titles
    assert isinstance(keyring.get_keyring(), fail.Keyring)  # no fallback was installed
    (key,) = made
    secrets = private_bytes(key)
    for path in files_under(isolated_peka):
        data = path.read_bytes()
        assert not any(secret in data for secret in secrets), path


def test_a_policy_signed_in_a_demo_console_still_verifies_next_time(
    isolated_peka: Path, no_keyring: None
) -> None:
    first = command.demo_console_key()
    paths = command.demo_context_paths(first)
    policy = load_policy_text(example_policy_text(datetime.now(UTC).date()), "<test>")
    paths["policy"].write_text(sign_policy(policy, first), encoding="utf-8")
    second = command.demo_console_key()
    paths = command.demo_context_paths(second)
    keys, notes = load_public_keys(paths["keys"])
    assert not notes
    assert first.public.key_id in keys and second.public.key_id in keys
    verify_signed_policy(paths["policy"].read_text(encoding="utf-8"), keys)
    # A third key: the second signed nothing, so its public half goes.
    third = command.demo_console_key()
    keys, _ = load_public_keys(command.demo_context_paths(third)["keys"])
    assert first.public.key_id in keys and third.public.key_id in keys
    assert second.public.key_id not in keys


def test_without_demo_no_keyring_still_refuses(isolated_peka: Path, no_keyring: None) -> None:
    result = CliRunner().invoke(full_cli(), ["console", "--key", "sari"])
    assert result.exit_code == 1
    assert "[E740]" in result.output
