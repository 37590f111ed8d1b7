"""``peka policy install``: put a signed policy and its public keys where Peka reads them."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assist.authority import audit
from assist.authority import errors as E
from assist.authority.keys import load_public_keys, read_public_key
from assist.authority.ledger import Ledger, record_event
from assist.authority.signing import SignedPolicy, check_dates, read_signed_policy
from assist.errors import PekaError


@dataclass(frozen=True, slots=True)
class Installed:
    policy_path: Path
    keys_dir: Path
    signed: SignedPolicy
    replaced_version: int | None
    keys_added: list[Path]


def install_policy(
    signed_file: Path,
    *,
    policy_path: Path,
    keys_dir: Path,
    public_keys: list[Path],
    ledger: Ledger | None,
    now: datetime,
) -> Installed:
    """Verify, refuse rollbacks, then copy atomically. Nothing changes if a check fails."""
    infos = [read_public_key(p) for p in public_keys]
    keys, _ = load_public_keys(keys_dir)
    for info in infos:
        keys[info.key_id] = info
    try:
        signed = read_signed_policy(signed_file, keys)
    except PekaError as exc:
        if exc.code != E.E513:
            raise
        # At install time the reader is IT, who can fix it right here.
        raise PekaError(
            E.E513,
            f"{exc.message} Pass the supervisor's public key with --key NAME.pub "
            f"(keys folder: {keys_dir}).",
        ) from None
    check_dates(signed.policy, now, str(signed_file))
    version = signed.policy.version
    replaced: int | None = None
    if policy_path.is_file():
        try:
            current = read_signed_policy(policy_path, keys)
        except PekaError:
            current = None  # a damaged or unverifiable file may be replaced
        if current is not None:
            replaced = current.policy.version
            if version < replaced or (
                version == replaced and current.content_hash != signed.content_hash
            ):
                raise PekaError(
                    E.E515 if version < replaced else E.E516,
                    f"{policy_path} holds version {replaced}; refusing to install version "
                    f"{version} over it. Install a newer version.",
                )
    if ledger is not None:
        highest, _ = ledger.highest_policy_version()
        if version < highest:
            raise PekaError(
                E.E515,
                f"This computer has already seen policy version {highest}; version {version} "
                "is older. Install the current policy.",
            )
    added: list[Path] = []
    keys_dir.mkdir(parents=True, exist_ok=True)
    for source, info in zip(public_keys, infos, strict=True):
        target = keys_dir / f"{info.name or source.stem}.pub"
        if target.resolve() != source.resolve():
            _copy_atomic(source, target)
        added.append(target)
    policy_path.parent.mkdir(parents=True, exist_ok=True)
    _copy_atomic(signed_file, policy_path)
    if ledger is not None:
        record_event(
            ledger,
            audit.POLICY_INSTALLED,
            {
                "version": version,
                "replaced_version": replaced,
                "policy_hash": signed.content_hash,
                "signer": signed.signer,
                "key_id": signed.key_id,
                "path": str(policy_path),
                "keys_added": [str(p) for p in added],
            },
            now,
        )
    return Installed(policy_path, keys_dir, signed, replaced, added)


def _copy_atomic(source: Path, target: Path) -> None:
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(source, tmp)
    os.chmod(tmp, 0o644)  # readable by every agent on the machine; only IT may write
    os.replace(tmp, target)
