"""The agent's API token: one per OS user, kept only in the OS keyring.

The token never touches a file: whoever can read the keyring entry is the agent (their
login unlocked it). There is no plaintext fallback; without a usable keyring the local
API does not start (E915).
"""

from __future__ import annotations

import getpass
import hmac
import logging
import secrets
import threading
import time
from collections.abc import Callable

import keyring
import keyring.errors

from assist.api.errors import E915
from assist.errors import PekaError

log = logging.getLogger(__name__)
KEYRING_SERVICE = "peka-api"
# A refused token makes a running API read the keyring again, at most this often.
REREAD_SECONDS = 1.0
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


class LiveToken:
    """The token a running API accepts: the one the keyring holds now.

    Requests are checked against the token read last, with no keyring access. A refused
    request makes the API read the keyring again, so after ``peka api token --rotate`` the
    new token works from its first request and the old one stops working (the command
    sends such a request itself). Reads are at most one per ``interval`` seconds, so a
    flood of wrong tokens cannot hammer the keyring; a refusal inside the interval
    schedules one read at its end, so a rotation is never missed. A keyring that cannot
    be read keeps the token already known (the agent is not locked out by a hiccup); an
    entry that was deleted refuses every token.
    """

    def __init__(
        self,
        read: Callable[[], str | None] = stored_token,
        *,
        initial: str | None = None,
        interval: float = REREAD_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._read = read
        self._interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._current = initial if initial is not None else read()
        self._read_at = clock() - interval  # the first refusal may read at once
        self._timer: threading.Timer | None = None
        self.reads = 0  # keyring reads after the first (for `peka doctor` and tests)

    def matches(self, offered: str) -> bool:
        """Whether ``offered`` is the token read last (no keyring access)."""
        current = self._current
        return bool(current) and bool(offered) and token_matches(current or "", offered)

    def recheck(self, offered: str) -> bool:
        """After a refusal: read the keyring again if the interval allows (else schedule
        one read at its end), then check ``offered``. Blocks while the keyring answers."""
        with self._lock:
            wait = self._read_at + self._interval - self._clock()
            if wait <= 0:
                self._reload()
            elif self._timer is None:
                self._timer = threading.Timer(wait, self._deferred)
                self._timer.daemon = True
                self._timer.start()
        return self.matches(offered)

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def _deferred(self) -> None:
        with self._lock:
            self._timer = None
            self._reload()

    def _reload(self) -> None:
        self._read_at = self._clock()
        self.reads += 1
        try:
            self._current = self._read()
        except PekaError as exc:
            log.warning("Kept the local API's token: the keyring could not be read (%s)", exc)
