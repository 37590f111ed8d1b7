"""The agent's API token: one per OS user, kept only in the OS keyring.

The token never touches a file: whoever can read the keyring entry is the agent (their
login unlocked it). There is no plaintext fallback; without a usable keyring the local
API does not start (E915).
"""

from __future__ import annotations

import getpass
import hmac
import secrets

import keyring
import keyring.errors

from assist.api.errors import E915
from assist.errors import PekaError

KEYRING_SERVICE = "peka-api"
HELP = (
    "Peka keeps the local API's token only in the operating system's keyring. On Windows "
    "and macOS it is built in; on Linux log in to a desktop with a Secret Service keyring "
    "(GNOME Keyring or KWallet)."
)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name known: one entry for this account all the same
        return "agent"


def _usable() -> None:
    """The same test as for supervisors' keys: an OS keyring that keeps what it is given."""
    from assist.authority.keys import usable_keyring

    try:
        usable_keyring()
    except PekaError as exc:
        raise PekaError(E915, f"{exc.message} {HELP}") from exc


def stored_token() -> str | None:
    """The current user's token if the (usable) keyring holds one; never creates one."""
    _usable()
    try:
        return keyring.get_password(KEYRING_SERVICE, _user()) or None
    except keyring.errors.KeyringError as exc:
        raise PekaError(E915, f"The keyring refused to answer ({exc}). {HELP}") from exc


def api_token(*, create: bool = True) -> str:
    """The current user's token, created on first use (32 random bytes, URL-safe)."""
    token = stored_token()
    if token:
        return token
    if not create:
        raise PekaError(E915, f"No API token yet. Run `peka api token`. {HELP}")
    try:
        token = secrets.token_urlsafe(32)
        keyring.set_password(KEYRING_SERVICE, _user(), token)
    except keyring.errors.KeyringError as exc:
        raise PekaError(E915, f"The keyring refused to answer ({exc}). {HELP}") from exc
    return token


def rotate_token() -> str:
    """A new token; extensions and scripts holding the old one are refused from now on."""
    _usable()
    token = secrets.token_urlsafe(32)
    try:
        keyring.set_password(KEYRING_SERVICE, _user(), token)
    except keyring.errors.KeyringError as exc:
        raise PekaError(E915, f"The keyring refused the new token ({exc}). {HELP}") from exc
    return token


def token_matches(expected: str, offered: str) -> bool:
    return hmac.compare_digest(expected.encode(), offered.encode())
