"""IT's sources file (``sync.toml``), the kinds of source, and their credentials.

The file lives in IT's machine-wide folder (config key ``sync.sources_file``); each
``[sources.NAME]`` table has a ``kind`` and that kind's keys. Credentials never appear in
it: a password or token lives only in the OS keyring, under the service ``Peka sync`` and
the source's name (``peka sync secret NAME`` stores it).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import keyring.errors

from assist.cache.store import Cache
from assist.errors import PekaError
from assist.sync.errors import E250, E251, E252, E260, E262
from assist.sync.model import Connector

KEYRING_SERVICE = "Peka sync"
COMMON_KEYS = ("kind", "batch_size", "on_bad_rows", "enabled")
BAD_ROWS = ("refuse", "quarantine")


@dataclass(frozen=True)
class SourceSpec:
    name: str
    kind: str
    options: Mapping[str, Any]
    file: Path
    batch_size: int = 5000
    quarantine: bool = False
    enabled: bool = True

    def fail(self, key: str, message: str) -> PekaError:
        return PekaError(E250, f"{self.file}: [sources.{self.name}] {key}: {message}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.options.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "is required (a non-empty string)")
        return value

    def number(self, key: str, default: int, low: int, high: int) -> int:
        value = self.options.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(key, f"must be a whole number from {low} to {high}")
        return value


@dataclass(frozen=True)
class Context:
    """What a kind's factory may use to build its connector."""

    cache: Cache
    secret: Callable[[str], str | None]
    # Team mode's server and this account's team login (the team source's connection).
    team_login: Callable[[], TeamLogin] = field(default_factory=lambda: configured_team_login)


@dataclass(frozen=True)
class TeamLogin:
    """Team mode's connection: its server (``team.server``) and the agent's login from
    the OS keyring (``peka team join``), as team mode itself connects."""

    server: str
    login: str
    password: str = field(repr=False)


def configured_team_login(server: str | None = None) -> TeamLogin:
    """Team mode's server (``server``, else the config's ``team.server``) and the login
    ``peka team join`` stored in this account's keyring."""
    from assist import config
    from assist.team import credentials

    if server is None:
        server = str(config.load()["team.server"])
    if not server.strip():
        raise PekaError(
            E262,
            "The team source syncs from team mode's server, and team mode is not set up "
            "here: set `team.server` in the machine-wide config.toml and join with "
            "`peka team join` (docs/team.md). For another PostgreSQL server use "
            'kind = "sql".',
        )
    credential = credentials.load()
    return TeamLogin(server.strip(), credential.login, credential.password)


Factory = Callable[[SourceSpec, Context], Connector]


@dataclass(frozen=True)
class Kind:
    name: str
    keys: tuple[str, ...]  # the kind's own keys, beyond COMMON_KEYS
    factory: Factory
    help: str = ""


_KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> None:
    """Add a kind of source (the connector interface, docs/sync.md)."""
    _KINDS[kind.name] = kind


def kinds() -> dict[str, Kind]:
    _load_builtin()
    return dict(_KINDS)


def _load_builtin() -> None:
    # Imported here: each registers itself, and psycopg loads only when a run needs it.
    from assist.sync import dropfolder, rest, sqlsource, team  # noqa: F401


@dataclass
class SyncConfig:
    file: Path
    sources: dict[str, SourceSpec] = field(default_factory=dict)

    def get(self, name: str) -> SourceSpec:
        spec = self.sources.get(name)
        if spec is None:
            known = ", ".join(sorted(self.sources)) or "none"
            raise PekaError(
                E251,
                f"No sync source named {name!r} in {self.file} (configured: {known}). "
                "See docs/sync.md for how IT configures sources.",
            )
        return spec


def load_sources(path: Path) -> SyncConfig:
    """Read and check IT's sources file; a missing file means no sources."""
    config = SyncConfig(path)
    if not path.is_file():
        return config
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PekaError(E250, f"{path}: not valid UTF-8 TOML ({exc}). Fix the file.") from exc
    unknown = sorted(set(raw) - {"sources"})
    if unknown:
        raise PekaError(E250, f"{path}: unknown top-level key(s) {unknown}; only [sources.NAME].")
    tables = raw.get("sources", {})
    if not isinstance(tables, dict):
        raise PekaError(E250, f"{path}: 'sources' must be tables like [sources.crm].")
    available = kinds()
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise PekaError(E250, f"{path}: [sources.{name}] must be a table.")
        if not name.replace("-", "").replace("_", "").isalnum():
            raise PekaError(
                E250, f"{path}: source name {name!r}: use letters, digits, - and _ only."
            )
        kind = table.get("kind")
        spec = SourceSpec(name, str(kind), table, path)
        if kind not in available:
            raise spec.fail("kind", "must be one of: " + ", ".join(sorted(available)))
        allowed = set(COMMON_KEYS) | set(available[kind].keys)
        for key in table:
            if key in ("password", "token", "secret"):
                raise spec.fail(
                    key,
                    "credentials live only in the OS keyring; remove it and run "
                    f"`peka sync secret {name}` on each workstation",
                )
            if key not in allowed:
                raise spec.fail(key, "unknown key; allowed: " + ", ".join(sorted(allowed)))
        on_bad = table.get("on_bad_rows", "refuse")
        if on_bad not in BAD_ROWS:
            raise spec.fail("on_bad_rows", "must be 'refuse' or 'quarantine'")
        enabled = table.get("enabled", True)
        if not isinstance(enabled, bool):
            raise spec.fail("enabled", "must be true or false")
        config.sources[name] = SourceSpec(
            name,
            kind,
            table,
            path,
            batch_size=spec.number("batch_size", 5000, 1, 1_000_000),
            quarantine=on_bad == "quarantine",
            enabled=enabled,
        )
    return config


def _usable_keyring() -> None:
    from assist.authority.keys import usable_keyring

    try:
        usable_keyring()
    except PekaError as exc:
        raise PekaError(
            E260,
            "Peka keeps sync sources' passwords and tokens only in the operating system's "
            "keyring and found none it can use (Windows Credential Manager, macOS Keychain, "
            "or a Secret Service keyring such as gnome-keyring on Linux). It never writes "
            "them to a file.",
        ) from exc


def keyring_secret(name: str) -> str | None:
    """The source's password or token from the OS keyring (None when none is stored)."""
    _usable_keyring()
    try:
        value = keyring.get_password(KEYRING_SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise PekaError(
            E252, f"The OS keyring refused to give the secret of {name!r}: {exc}."
        ) from exc
    return value


def store_secret(name: str, value: str) -> None:
    _usable_keyring()
    keyring.set_password(KEYRING_SERVICE, name, value)


def build(
    spec: SourceSpec,
    cache: Cache,
    secret: Callable[[str], str | None] = keyring_secret,
    team_login: Callable[[], TeamLogin] = configured_team_login,
) -> Connector:
    return kinds()[spec.kind].factory(spec, Context(cache, secret, team_login))
