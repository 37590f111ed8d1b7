"""Signed policies: tampering, unknown keys, expiry, rollbacks, keyring-only private keys."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail

from assist.authority.install import install_policy
from assist.authority.keys import (
    KEYRING_SERVICE,
    generate_signing_key,
    load_public_keys,
    load_signing_key,
    read_public_key,
)
from assist.authority.ledger import Ledger
from assist.errors import PekaError
from tests.authority.conftest import NOW, TEST_POLICY, Env, new_key


def status_code(env: Env) -> str | None:
    return env.service().status().code


def test_valid_policy_status(signed_env: Env) -> None:
    status = signed_env.service().status()
    assert status.valid and status.code is None
    assert status.version == 1 and status.signed_by == "sup.ani"
    assert status.key_id == signed_env.key.public.key_id
    assert "version 1" in status.reason


def test_a_flipped_byte_breaks_the_signature(signed_env: Env) -> None:
    text = signed_env.policy_path.read_text()
    assert '"max_amount": 5000000' in text
    signed_env.policy_path.write_text(
        text.replace('"max_amount": 5000000', '"max_amount": 9000000')
    )
    status = signed_env.service().status()
    assert status.code == "E512" and "changed after" in status.reason


def test_every_single_byte_flip_in_the_signed_part_is_caught(signed_env: Env) -> None:
    original = signed_env.policy_path.read_bytes()
    data = json.loads(original)
    signature = data["signature"]
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    data["signature"] = flipped
    signed_env.policy_path.write_text(json.dumps(data))
    assert status_code(signed_env) == "E512"
    data = json.loads(original)
    data["signed"]["signed_at"] = data["signed"]["signed_at"].replace("2026", "2025")
    signed_env.policy_path.write_text(json.dumps(data))
    assert status_code(signed_env) == "E512"


def test_damaged_file(signed_env: Env) -> None:
    signed_env.policy_path.write_text("{not json")
    assert status_code(signed_env) == "E511"
    signed_env.policy_path.write_text(json.dumps({"format": "other"}))
    assert status_code(signed_env) == "E511"


def test_unknown_key(env: Env) -> None:
    stranger = new_key("mallory")
    env.write_policy(key=stranger)
    status = env.service().status()
    assert status.code == "E513" and "mallory" in status.reason


def test_expired_and_not_yet_valid(env: Env) -> None:
    env.write_policy(expires_at=NOW - timedelta(seconds=1))
    assert status_code(env) == "E514"
    env.write_policy(valid_from=NOW + timedelta(days=1), version=2)
    assert status_code(env) == "E514"


def test_older_version_never_replaces_a_newer_one(env: Env) -> None:
    env.write_policy(version=5)
    assert env.service().status().valid
    env.write_policy(version=4)
    status = env.service().status()
    assert status.code == "E515" and "version 5" in status.reason
    with pytest.raises(PekaError) as info:
        env.service().grant(customer_id="C", type="voucher", amount_minor=1, idempotency_key="k")
    assert info.value.code == "E515"
    env.write_policy(version=6)
    assert env.service().status().valid


def test_same_version_with_other_content_is_refused(env: Env) -> None:
    env.write_policy(version=3)
    assert env.service().status().valid
    env.write_policy(version=3, name="changed quietly")
    assert status_code(env) == "E516"


def test_a_running_service_notices_a_rollback_by_another_process(env: Env) -> None:
    env.write_policy(version=2)
    old = env.service()
    assert old.status().valid
    env.write_policy(version=3)
    assert env.service().status().valid  # another process sees version 3
    env.write_policy(version=2)
    assert old.status().code == "E515"


def test_keygen_keeps_the_private_key_only_in_the_keyring(tmp_path: Path) -> None:
    key = generate_signing_key("sup.budi")
    stored = keyring.get_password(KEYRING_SERVICE, "sup.budi")
    assert stored and load_signing_key("sup.budi").public.key_id == key.public.key_id
    with pytest.raises(PekaError) as info:
        generate_signing_key("sup.budi")
    assert info.value.code == "E506"
    with pytest.raises(PekaError) as info:
        load_signing_key("nobody")
    assert info.value.code == "E518"


@pytest.mark.parametrize("backend", [fail.Keyring(), chainer.ChainerBackend()])
def test_no_keyring_means_no_key(backend: object, monkeypatch: pytest.MonkeyPatch) -> None:
    if isinstance(backend, chainer.ChainerBackend):
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    with pytest.raises(PekaError) as info:
        generate_signing_key("sup")
    assert info.value.code == "E517" and "apt install gnome-keyring" in info.value.message


def test_public_key_files(tmp_path: Path) -> None:
    key = new_key("sup.c")
    path = tmp_path / "sup.c.pub"
    path.write_text(key.public.file_text())
    assert read_public_key(path).key_id == key.public.key_id
    (tmp_path / "bad.pub").write_text("ssh-ed25519 AAAA")
    keys, notes = load_public_keys(tmp_path)
    assert list(keys) == [key.public.key_id]
    assert notes and "E519" in notes[0]


def test_install_verifies_and_refuses_rollback(env: Env) -> None:
    source = env.tmp / "incoming.signed.json"
    policy = env.policy(version=7)
    from assist.authority.signing import sign_policy

    source.write_text(sign_policy(policy, env.key, NOW))
    pub = env.tmp / "sup.ani.pub"
    pub.write_text(env.key.public.file_text())
    machine = env.tmp / "machine"
    ledger = Ledger(env.ledger_path)
    done = install_policy(
        source,
        policy_path=machine / "policy.signed.json",
        keys_dir=machine / "keys",
        public_keys=[pub],
        ledger=ledger,
        now=NOW,
    )
    assert done.signed.policy.version == 7 and (machine / "keys" / "sup.ani.pub").is_file()
    older = env.tmp / "older.signed.json"
    older.write_text(sign_policy(env.policy(version=6), env.key, NOW))
    with pytest.raises(PekaError) as info:
        install_policy(
            older,
            policy_path=machine / "policy.signed.json",
            keys_dir=machine / "keys",
            public_keys=[],
            ledger=ledger,
            now=NOW,
        )
    assert info.value.code == "E515"
    assert (
        json.loads((machine / "policy.signed.json").read_text())["signed"]["policy"]["version"] == 7
    )
    tampered = env.tmp / "tampered.signed.json"
    tampered.write_text(source.read_text().replace('"version": 7', '"version": 8'))
    with pytest.raises(PekaError) as info:
        install_policy(
            tampered,
            policy_path=machine / "policy.signed.json",
            keys_dir=machine / "keys",
            public_keys=[],
            ledger=ledger,
            now=NOW,
        )
    assert info.value.code == "E512"


def test_signed_policy_round_trips_the_example() -> None:
    from assist.authority.policy_file import load_policy_text, policy_from_normalised

    policy = load_policy_text(TEST_POLICY)
    assert policy_from_normalised(policy.to_dict()) == policy
