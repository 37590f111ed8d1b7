"""An agent's team-server login, kept only in the OS keyring of the agent's own account.

IT (``peka team enrol``) prints a one-time join code; the agent's Peka stores it with
``peka team join`` and at once replaces the password with a new random one that only
this keyring knows. Identity on the server is the login role the server authenticated
(``session_user``): no flag, config value or typed name can change it.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

import keyring
import keyring.errors

from assist.authority.canonical import b64url_decode, b64url_encode
from assist.authority.keys import usable_keyring
from assist.errors import PekaError
from assist.team import errors as E

KEYRING_SERVICE = "peka-team"
KEYRING_ENTRY = "login"
JOIN_PREFIX = "peka-join:"


@dataclass(frozen=True, slots=True)
class Credential:
    login: str
    password: str

    def conninfo(self, dsn: str) -> dict[str, Any]:
        """Keyword arguments for psycopg.connect: the site's address plus this login."""
        return {"conninfo": dsn, "user": self.login, "password": self.password}


def encode_join_code(dsn: str, login: str, password: str) -> str:
    body = json.dumps({"dsn": dsn, "login": login, "password": password}, sort_keys=True)
    return JOIN_PREFIX + b64url_encode(body.encode("utf-8"))


def decode_join_code(code: str) -> tuple[str, Credential]:
    text = code.strip()
    if not text.startswith(JOIN_PREFIX):
        raise PekaError(E.E809, "This is not a Peka join code (it starts with 'peka-join:').")
    try:
        data = json.loads(b64url_decode(text[len(JOIN_PREFIX) :]).decode("utf-8"))
        dsn, login, password = str(data["dsn"]), str(data["login"]), str(data["password"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise PekaError(
            E.E809, "The join code is damaged; copy it again whole from IT's message."
        ) from None
    return dsn, Credential(login, password)


def store(credential: Credential) -> None:
    """Keep the login in the OS keyring; refuse a keyring that would forget it."""
    usable_keyring()
    value = json.dumps({"login": credential.login, "password": credential.password})
    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_ENTRY, value)
        back = keyring.get_password(KEYRING_SERVICE, KEYRING_ENTRY)
    except keyring.errors.KeyringError as exc:
        raise PekaError(E.E816, f"The OS keyring refused to store the login ({exc}).") from None
    if back != value:
        raise PekaError(
            E.E816,
            "The OS keyring did not keep the login (it reads back different or empty). Use "
            "a keyring that persists (GNOME Keyring, KWallet, Windows Credential Manager).",
        )


def load() -> Credential:
    usable_keyring()
    try:
        value = keyring.get_password(KEYRING_SERVICE, KEYRING_ENTRY)
    except keyring.errors.KeyringError as exc:
        raise PekaError(E.E816, f"The OS keyring refused to answer ({exc}).") from None
    if not value:
        raise PekaError(
            E.E817,
            "This account has no team-server login. Ask IT for a join code "
            "(`peka team enrol`) and run `peka team join`.",
        )
    data = json.loads(value)
    return Credential(str(data["login"]), str(data["password"]))


def new_password() -> str:
    return secrets.token_urlsafe(24)


def same_server(configured: str, joined: str) -> bool:
    """Whether ``team.server`` names the server a join code was made for (host, port and
    database; TLS and timeouts may differ, and the order of the words does not matter)."""
    from collections.abc import Mapping

    from psycopg.conninfo import conninfo_to_dict

    if not configured.strip():
        return False
    try:
        a, b = conninfo_to_dict(configured), conninfo_to_dict(joined)
    except Exception:  # psycopg.ProgrammingError: a value that is not a conninfo
        return False

    def where(d: Mapping[str, object]) -> tuple[str, str, str]:
        return (str(d.get("host") or ""), str(d.get("port") or "5432"), str(d.get("dbname") or ""))

    return where(a) == where(b)
