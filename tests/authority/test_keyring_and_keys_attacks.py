"""Keyrings that forget and public-key files that try to write outside the keys folder."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from click.testing import CliRunner
from keyring.backends import chainer, fail, null

from assist.authority.canonical import b64url_encode
from assist.authority.keys import PUBLIC_KEY_MAGIC, generate_signing_key, usable_keyring
from assist.errors import PekaError
from tests.authority.conftest import Env, new_key
from tests.memory_keyring import MemoryKeyring
from ui.entry import full_cli


class ForgetfulKeyring(MemoryKeyring):
    """Looks like a keyring, keeps secrets only in this process (like keyrings.alt's)."""


@pytest.mark.parametrize(
    "backend",
    [null.Keyring(), fail.Keyring(), ForgetfulKeyring(), chainer.ChainerBackend()],
    ids=["null", "fail", "in-memory", "empty-chainer"],
)
def test_keygen_refuses_a_keyring_that_does_not_persist(backend: object, tmp_path: Path) -> None:
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    with pytest.raises(PekaError) as caught:
        usable_keyring()
    assert caught.value.code == "E517"
    result = CliRunner().invoke(
        full_cli(), ["policy", "keygen", "--name", "sup.ani", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1 and "[E517]" in result.output
    assert not list(tmp_path.glob("*.pub"))  # nothing claims a key that does not exist


def test_the_trusted_test_keyring_still_works() -> None:
    assert generate_signing_key("sup.ani").name == "sup.ani"


@pytest.mark.parametrize("name", ["../../x", "..", "a/b", "a\\b", "../keys2/x", "x" * 80, "-x"])
def test_policy_install_refuses_a_key_name_that_is_a_path(
    signed_env: Env, tmp_path: Path, name: str
) -> None:
    key = new_key()
    from assist.authority.keys import raw_public

    raw = b64url_encode(raw_public(key.key.public_key()))
    evil = tmp_path / "evil.pub"
    evil.write_text(f"{PUBLIC_KEY_MAGIC} {raw} {name}\n", encoding="utf-8")
    signed_env.write_policy(key=key)
    machine = tmp_path / "m" / "n"
    result = CliRunner().invoke(
        full_cli(),
        ["policy", "install", str(signed_env.policy_path), "--key", str(evil),
         "--machine-dir", str(machine)],
    )  # fmt: skip
    assert result.exit_code == 1 and "[E519]" in result.output, result.output
    assert set(tmp_path.rglob("*.pub")) == {evil, signed_env.keys_dir / "sup.ani.pub"}
    assert not machine.exists()
