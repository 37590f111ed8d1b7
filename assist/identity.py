"""Who the agent is: the operating-system account, never a flag or a value the user writes.

The account name comes from the OS itself (the password database on Linux and macOS,
``GetUserNameW`` on Windows), not from ``USER``/``USERNAME``, which anyone can set. IT maps
account names to agent ids in the machine configuration::

    [agent.accounts]
    budi = "agent.budi"          # OS account -> agent id in the policy and ledger
    "CORP-siti" = "lead.siti"

An account IT did not map is its own agent id, so a fresh install works: the policy's
``default_role`` applies to it unless the policy lists it under ``[agents]``.

Acting as someone else (``--agent``) is only for a supervisor whose signing key is in
this computer's keyring *and* installed by IT in ``policy.keys_dir``, and for the test
suite (see :func:`assist.paths.sandboxed`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assist import paths
from assist.errors import E107, E108, PekaError

if TYPE_CHECKING:
    from assist.config import Config, Setting


def os_account() -> str:
    """The login name of the account running Peka, as the operating system knows it."""
    if sys.platform == "win32":
        return _windows_account()
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        raise PekaError(
            E108,
            f"Account {os.getuid()} has no name in the system's user database. Ask IT to "
            "give this account a name (or map it in `agent.accounts`).",
        ) from None


def _windows_account() -> str:  # pragma: no cover - exercised on Windows only
    import ctypes

    size = ctypes.c_ulong(257)
    buffer = ctypes.create_unicode_buffer(size.value)
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    if not advapi32.GetUserNameW(buffer, ctypes.byref(size)) or not buffer.value:
        raise PekaError(
            E108, "Windows did not name the signed-in account. Sign in again, or ask IT."
        )
    return str(buffer.value)


def _lookup(accounts: dict[str, str], account: str) -> str | None:
    if account in accounts:
        return accounts[account]
    if sys.platform == "win32":  # Windows account names ignore case
        folded = {name.casefold(): agent for name, agent in accounts.items()}
        return folded.get(account.casefold())
    return None


def agent_for_account(cfg: Config) -> Setting:
    """The ``agent.id`` setting for this OS account (mapped by ``agent.accounts``, if so)."""
    from assist.config import Setting

    account = os_account()
    accounts = cfg["agent.accounts"]
    mapped = _lookup(accounts, account) if isinstance(accounts, dict) else None
    if mapped is not None:
        where = cfg.source("agent.accounts")
        return Setting("agent.id", mapped, f"OS account {account!r} mapped in {where}")
    return Setting("agent.id", account, f"OS account {account!r}")


def acting_agent(cfg: Config, requested: str | None, keys_dir: Path | None = None) -> str:
    """The agent a command acts as: the configured identity, or ``--agent`` if allowed.

    ``--agent`` naming someone else is refused (E107) unless this is a supervisor's
    computer (a signing key in the keyring whose public half IT installed) or the test
    suite.
    """
    own = str(cfg["agent.id"])
    if requested is None or requested == own:
        return own
    if paths.sandboxed():
        return requested
    folder = keys_dir if keys_dir is not None else Path(cfg["policy.keys_dir"])
    supervisor = installed_supervisor_key(folder)
    if supervisor is not None:
        return requested
    raise PekaError(
        E107,
        f"--agent {requested} is refused: Peka records grants as you ({own}, from your "
        "computer account). Only a supervisor whose signing key IT installed may act for "
        "another agent. Leave out --agent, or ask your supervisor to grant it.",
    )


def installed_supervisor_key(keys_dir: Path) -> str | None:
    """The name of an IT-installed supervisor key whose private half is in this keyring."""
    from assist.authority.keys import load_public_keys, load_signing_key

    installed, _ = load_public_keys(keys_dir)
    for info in installed.values():
        try:
            key = load_signing_key(info.name)
        except PekaError:
            continue
        if key.public.key_id == info.key_id:
            return info.name
    return None
