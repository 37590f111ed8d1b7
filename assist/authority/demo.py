"""A realistic signed policy for ``peka gui --demo``, with a throwaway key.

The demo key pair is generated in memory; only its public half is written. The private
half is discarded when this function returns, so nobody can sign anything else with it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assist.atomic_files import replace_file
from assist.authority.keys import SigningKey
from assist.authority.policy_file import load_policy_text
from assist.authority.policy_template import example_policy_text
from assist.authority.signing import sign_policy
from assist.private_files import ensure_private_dir

DEMO_SIGNER = "demo-supervisor"
# The demo policy's name as stored in the file; interfaces show it in their own language
# ("status.policy_demo" in resources/i18n).
DEMO_POLICY_NAME = "Kebijakan demo Peka (bukan untuk pelanggan sungguhan)"


@dataclass(frozen=True, slots=True)
class DemoPolicy:
    policy_path: Path  # the signed policy (pass as policy_path / `policy.path`)
    keys_dir: Path  # holds only the demo public key (pass as keys_dir / `policy.keys_dir`)
    public_key_path: Path
    key_id: str
    version: int


def install_demo_policy(folder: Path, *, now: datetime | None = None) -> DemoPolicy:
    """Write ``folder/policy.signed.json`` and ``folder/keys/demo-supervisor.pub``.

    The version is the current Unix time, so a newer demo always replaces an older one
    in a demo ledger that has seen it. Use a demo ledger, not the agent's real one.
    """
    now = now or datetime.now(UTC)
    policy = load_policy_text(example_policy_text(now.date()), "<demo policy>")
    policy = replace(
        policy,
        version=int(now.timestamp()),
        name=DEMO_POLICY_NAME,
        expires_at=now + timedelta(days=365),
    )
    key = SigningKey(DEMO_SIGNER, Ed25519PrivateKey.generate())
    keys_dir = ensure_private_dir(folder / "keys")
    public_path = keys_dir / f"{DEMO_SIGNER}.pub"
    for old in keys_dir.glob("*.pub"):
        old.unlink()
    replace_file(public_path, key.public.file_text().encode("utf-8"), mode=0o644)
    policy_path = folder / "policy.signed.json"
    replace_file(policy_path, sign_policy(policy, key, now).encode("utf-8"), mode=0o644)
    return DemoPolicy(policy_path, keys_dir, public_path, key.public.key_id, policy.version)
