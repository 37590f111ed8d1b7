"""Signed policies: a JSON envelope holding the normalised policy and an Ed25519 signature.

The signature covers the canonical JSON of ``signed`` (the policy plus who signed it and
when), so changing any byte of the meaning of the file breaks it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assist.authority import errors as E
from assist.authority.canonical import b64url_decode, b64url_encode, canonical_bytes, sha256_hex
from assist.authority.keys import PublicKeyInfo, SigningKey
from assist.authority.policy import Policy
from assist.authority.policy_file import PolicyProblems, policy_from_normalised
from assist.errors import PekaError
from assist.safe_parse import json_loads

ENVELOPE_FORMAT = "peka-signed-policy/1"


@dataclass(frozen=True, slots=True)
class SignedPolicy:
    policy: Policy
    signer: str
    key_id: str
    signed_at: datetime
    content_hash: str  # SHA-256 of the canonical policy (what "same version" compares)


def policy_hash(policy: Policy) -> str:
    return sha256_hex(canonical_bytes(policy.to_dict()))


def sign_policy(policy: Policy, key: SigningKey, now: datetime | None = None) -> str:
    """The signed policy file's text."""
    signed = {
        "policy": policy.to_dict(),
        "signer": key.name,
        "key_id": key.public.key_id,
        "signed_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
    }
    envelope = {
        "format": ENVELOPE_FORMAT,
        "signed": signed,
        "signature": b64url_encode(key.sign(canonical_bytes(signed))),
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _damaged(where: str, why: str) -> PekaError:
    return PekaError(
        E.E511,
        f"{where}: {why}. Ask IT to install the signed policy file again (`peka policy install`).",
    )


def verify_signed_policy(
    text: str, keys: dict[str, PublicKeyInfo], *, where: str = "signed policy"
) -> SignedPolicy:
    """Check the envelope and signature; raises E511, E512 or E513 (expiry is separate)."""
    try:
        envelope = json_loads(text, where)
    except ValueError:
        # The usual slip: installing the supervisor's TOML file instead of the signed one.
        raise _damaged(
            where, "not JSON (a policy TOML file must first be signed with `peka policy sign`)"
        ) from None
    if not isinstance(envelope, dict) or envelope.get("format") != ENVELOPE_FORMAT:
        raise _damaged(where, f"not a Peka signed policy (format {ENVELOPE_FORMAT!r} expected)")
    signed: Any = envelope.get("signed")
    signature = envelope.get("signature")
    if not isinstance(signed, dict) or not isinstance(signature, str):
        raise _damaged(where, "the 'signed' part or the signature is missing")
    kid = signed.get("key_id")
    signer = signed.get("signer")
    if not isinstance(kid, str) or not isinstance(signer, str):
        raise _damaged(where, "the signer or key id is missing")
    key = keys.get(kid)
    if key is None:
        raise PekaError(
            E.E513,
            f"{where}: signed by {signer!r} with key {kid}, which is not among the installed "
            "public keys. Ask IT to install that supervisor's .pub file in the keys folder.",
        )
    try:
        raw_signature = b64url_decode(signature)
    except ValueError:
        raw_signature = b""
    if not key.verify(raw_signature, canonical_bytes(signed)):
        raise PekaError(
            E.E512,
            f"{where}: the signature does not match; the file was changed after "
            f"{signer!r} signed it. Ask IT to install the original signed file.",
        )
    try:
        signed_at = datetime.fromisoformat(str(signed.get("signed_at")))
        data = signed.get("policy")
        if not isinstance(data, dict):
            raise ValueError("no policy")
        policy = policy_from_normalised(data)
    except (ValueError, PolicyProblems) as exc:
        raise _damaged(where, f"the signed content is not a valid policy ({exc})") from None
    return SignedPolicy(policy, signer, kid, signed_at, policy_hash(policy))


def read_signed_policy(path: Path, keys: dict[str, PublicKeyInfo]) -> SignedPolicy:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PekaError(
            E.E510,
            f"No signed policy at {path}. Until IT installs one (`peka policy install`), "
            "nothing is within your authority: request approval from a supervisor.",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _damaged(str(path), f"cannot be read ({exc})") from exc
    return verify_signed_policy(text, keys, where=str(path))


def check_dates(policy: Policy, now: datetime, where: str = "policy") -> None:
    if now > policy.expires_at:
        raise PekaError(
            E.E514,
            f"{where}: version {policy.version} expired on {policy.expires_at.isoformat()}. "
            "Ask your supervisor for a new signed policy.",
        )
    if policy.valid_from is not None and now < policy.valid_from:
        raise PekaError(
            E.E514,
            f"{where}: version {policy.version} is valid only from "
            f"{policy.valid_from.isoformat()}.",
        )
