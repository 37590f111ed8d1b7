"""Layered configuration: built-in defaults < IT's machine-wide file < the user's file.

IT manages ``/etc/peka/config.toml`` (Linux) or ``%ProgramData%\\Peka\\config.toml``
(Windows); a user has their own ``config.toml`` in their config folder. A locked key
ignores the user's file and may not be changed by a command-line option. Every key that
touches authority (:data:`AUTHORITY_KEYS`) is locked unless IT unlocks it explicitly in
the machine file (``unlocked = [...]``); IT may lock more keys with ``locked = [...]``.
The agent's identity comes from the operating-system account (:mod:`assist.identity`),
mapped to an agent id by ``[agent.accounts]`` in the machine file. Every key is declared
in :data:`SCHEMA` and documented in ``docs/config.md``; a test keeps the two in step.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist import paths
from assist.errors import E101, E102, E103, E106, E109, E130, PekaError

Validator = Callable[[Any], str | None]


@dataclass(frozen=True)
class Key:
    """One configuration key: its type, default, and what is allowed."""

    name: str
    kind: type
    default: Callable[[], Any]
    help: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    item_kind: type | None = None

    def describe_allowed(self) -> str:
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.kind is bool:
            return "true or false"
        if self.kind is int:
            low = "" if self.minimum is None else f" from {self.minimum}"
            high = "" if self.maximum is None else f" to {self.maximum}"
            return f"a whole number{low}{high}"
        if self.kind is list:
            return "a list of strings"
        if self.kind is dict:
            return "a table of names to strings"
        if self.kind is Path:
            return "a file or folder path (string)"
        return "a string"

    def coerce(self, value: Any) -> Any:
        """Return the value in its Python type, or raise ValueError with the reason."""
        if self.kind is bool:
            if not isinstance(value, bool):
                raise ValueError
            return value
        if self.kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError
            if self.minimum is not None and value < self.minimum:
                raise ValueError
            if self.maximum is not None and value > self.maximum:
                raise ValueError
            return value
        if self.kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError
            return list(value)
        if self.kind is dict:
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
            ):
                raise ValueError
            return dict(value)
        if not isinstance(value, str):
            raise ValueError
        if self.choices and value not in self.choices:
            raise ValueError
        if self.kind is Path:
            return paths.expand_user(Path(value))
        return value


def _default_agent() -> str:
    from assist.identity import os_account

    return os_account()


SCHEMA: dict[str, Key] = {
    k.name: k
    for k in [
        Key(
            "agent.id",
            str,
            _default_agent,
            "The agent's identity in the ledger and reports (default: the OS account, "
            "mapped by `agent.accounts`).",
        ),
        Key(
            "agent.accounts",
            dict,
            lambda: {},
            "Operating-system account names mapped to agent ids, for IT.",
        ),
        Key("agent.name", str, lambda: "", "The agent's display name in the sidebar."),
        Key("agent.role", str, lambda: "agent", "The agent's role in the authority policy."),
        Key(
            "agent.hours_start",
            int,
            lambda: 8,
            "Hour (local time) the agent's working day starts; replies promise news within it.",
            minimum=0,
            maximum=23,
        ),
        Key(
            "agent.hours_end",
            int,
            lambda: 17,
            "Hour (local time) the agent's working day ends (after agent.hours_start).",
            minimum=1,
            maximum=24,
        ),
        Key(
            "cache.path",
            Path,
            lambda: paths.user_data_dir() / "cache.sqlite",
            "The customer cache (SQLite). Rebuildable from the helpdesk's exports.",
        ),
        Key(
            "cache.retention_days",
            int,
            lambda: 730,
            "How many days of transactions and interactions `peka cache purge` keeps by default.",
            minimum=1,
            maximum=36500,
        ),
        Key(
            "ledger.path",
            Path,
            lambda: paths.user_data_dir() / "ledger.sqlite",
            "The compensation ledger, approvals and audit log (SQLite). Never rebuildable.",
        ),
        Key(
            "policy.path",
            Path,
            lambda: paths.machine_dir() / "policy.signed.json",
            "The signed authority policy that IT installs.",
        ),
        Key(
            "policy.keys_dir",
            Path,
            lambda: paths.machine_dir() / "keys",
            "Folder of supervisors' public keys (*.pub) that IT installs.",
        ),
        Key(
            "nlp.order_patterns",
            list,
            lambda: [],
            "Extra regular expressions that recognise order, invoice or ticket numbers.",
            item_kind=str,
        ),
        Key(
            "ui.language",
            str,
            lambda: "id",
            "The sidebar's interface language.",
            choices=("id", "en"),
        ),
        Key(
            "ui.theme",
            str,
            lambda: "system",
            "Colour theme of the sidebar.",
            choices=("system", "light", "dark"),
        ),
        Key(
            "ui.dock",
            str,
            lambda: "right",
            "Which screen edge the sidebar docks to.",
            choices=("left", "right", "none"),
        ),
        Key("ui.always_on_top", bool, lambda: True, "Keep the sidebar above other windows."),
        Key(
            "ui.suggest_delay_ms",
            int,
            lambda: 250,
            "Pause after the last keystroke before suggestions refresh.",
            minimum=0,
            maximum=5000,
        ),
        Key(
            "outcomes.store_messages",
            bool,
            lambda: False,
            "Store the customer's messages with conversation outcomes (off: only measures).",
        ),
        Key(
            "outcomes.path",
            Path,
            lambda: paths.user_data_dir() / "outcomes.sqlite",
            "Conversation outcomes: measures, CSAT and felt understood (SQLite).",
        ),
        Key(
            "team.path",
            Path,
            lambda: paths.user_data_dir() / "team.sqlite",
            "The supervisor's team database of imported agent exports (SQLite).",
        ),
        Key(
            "phrases.path",
            Path,
            lambda: paths.user_data_dir() / "phrases.sqlite",
            "Supervisors' phrases (added, edited, disabled) and agents' phrase usage (SQLite).",
        ),
        # -- cache synchronisation (docs/sync.md) --
        Key(
            "sync.sources_file",
            Path,
            lambda: paths.machine_dir() / "sync.toml",
            "IT's file of sync sources (drop folder, SQL, REST, team server).",
        ),
        Key(
            "sync.interval_minutes",
            int,
            lambda: 15,
            "How often the sidebar syncs the cache in the background (0: only on demand).",
            minimum=0,
            maximum=1440,
        ),
        Key(
            "sync.stale_after_hours",
            int,
            lambda: 24,
            "The customer card warns when this customer's data is older than this.",
            minimum=1,
            maximum=8760,
        ),
        # Issue 12: the local API the browser extension and helpdesk pages talk to.
        Key(
            "api.enabled",
            bool,
            lambda: True,
            "The sidebar serves the local API on 127.0.0.1 (for the browser extension).",
        ),
        Key(
            "api.port",
            int,
            lambda: 48620,
            "The local API's port on 127.0.0.1.",
            minimum=1024,
            maximum=65535,
        ),
        Key(
            "api.allowed_origins",
            list,
            lambda: [],
            "Helpdesk web origins (https://…) allowed to call the local API from a page.",
        ),
    ]
}


# Keys that decide who the agent is, what they may grant and where grants are counted.
# They are locked unless IT unlocks one explicitly with `unlocked = [...]`.
AUTHORITY_KEYS: tuple[str, ...] = (
    "agent.id",
    "agent.accounts",
    "agent.role",
    "ledger.path",
    "policy.path",
    "policy.keys_dir",
)


@dataclass(frozen=True)
class Setting:
    key: str
    value: Any
    source: str


@dataclass
class Config:
    """The effective configuration, with where each value came from."""

    settings: dict[str, Setting] = field(default_factory=dict)
    locked: frozenset[str] = frozenset(AUTHORITY_KEYS)

    def is_locked(self, key: str) -> bool:
        return key in self.locked

    def check_option(self, key: str, value: Any, option: str) -> None:
        """Refuse a command-line ``option`` that would change locked ``key`` (E106)."""
        if value is None or not self.is_locked(key):
            return
        current = self.settings[key].value
        if isinstance(current, Path) and isinstance(value, Path | str):
            same = _same_path(Path(value), current)
        else:
            same = value == current
        if not same:
            source = self.settings[key].source
            why = (
                "keys that touch authority are locked unless IT unlocks them"
                if key in AUTHORITY_KEYS and not source.endswith("(locked)")
                else f"IT locked it in {source.removesuffix(' (locked)')}"
            )
            raise PekaError(
                E106,
                f"{option} cannot be used: `{key}` is {current} and may not be changed "
                f"({why}). Leave out {option}; if this computer needs another value, IT "
                "changes the machine configuration.",
            )

    def __getitem__(self, key: str) -> Any:
        return self.settings[key].value

    def get(self, key: str) -> Any:
        if key not in SCHEMA:
            raise PekaError(E102, f"Unknown configuration key {key!r}.")
        return self.settings[key].value

    def source(self, key: str) -> str:
        return self.settings[key].source


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in data.items():
        full = f"{prefix}{name}"
        known = SCHEMA.get(full)
        if isinstance(value, dict) and not (known is not None and known.kind is dict):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = value
    return flat


def did_you_mean(name: str) -> str:
    close = difflib.get_close_matches(name, list(SCHEMA), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{hint}; `peka config show` lists the known keys"


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong in a config file: its code, the file, the key (if any) and why."""

    code: str
    path: Path
    key: str | None
    message: str

    def __str__(self) -> str:
        return f"[{self.code}] {self.path}: {self.message}"


class ConfigError(PekaError):
    """Every problem found in the config files at once, so IT fixes them in one go."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = list(problems)
        if len(problems) == 1:
            only = problems[0]
            super().__init__(only.code, f"{only.path}: {only.message}")
            return
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(
            E130,
            f"The configuration has {len(problems)} problems; fix them all, then start "
            f"Peka again:\n{lines}",
        )


def check_file(path: Path) -> tuple[dict[str, Any], list[str], list[ConfigProblem]]:
    """Read one config file; returns (valid values, locked keys, every problem found)."""
    values, lists, problems = check_file_lists(path)
    return values, lists["locked"], problems


def check_file_lists(
    path: Path,
) -> tuple[dict[str, Any], dict[str, list[str]], list[ConfigProblem]]:
    """Read one config file; returns (valid values, its `locked` and `unlocked` lists,
    every problem found)."""
    problems: list[ConfigProblem] = []
    lists: dict[str, list[str]] = {"locked": [], "unlocked": []}

    def problem(code: str, key: str | None, message: str) -> None:
        problems.append(ConfigProblem(code, path, key, message))

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        problem(E101, None, f"not valid TOML ({exc}). Fix the file or remove it.")
        return {}, lists, problems
    except UnicodeDecodeError:
        problem(E101, None, "not UTF-8 text. Save the file as UTF-8.")
        return {}, lists, problems
    except RecursionError:
        problem(E109, None, "nested too deeply to read. Fix the file or remove it.")
        return {}, lists, problems
    except OSError as exc:
        problem(E101, None, f"cannot be read ({exc.strerror}). Check its permissions.")
        return {}, lists, problems
    for word in ("locked", "unlocked"):
        names = raw.pop(word, [])
        if not isinstance(names, list) or not all(isinstance(k, str) for k in names):
            problem(E103, word, f"key {word!r} must be a list of key names.")
            continue
        for name in names:
            if name in SCHEMA:
                lists[word].append(name)
            else:
                problem(E102, word, f"{word!r} names unknown key {name!r}.")
    values: dict[str, Any] = {}
    for name, value in _flatten(raw).items():
        key = SCHEMA.get(name)
        if key is None:
            problem(E102, name, f"unknown key {name!r}{did_you_mean(name)}.")
            continue
        try:
            values[name] = key.coerce(value)
        except ValueError:
            problem(E103, name, f"key {name!r} is {value!r}; allowed: {key.describe_allowed()}.")
    return values, lists, problems


def read_file(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Read and validate one config file; returns (values, locked keys).

    Raises :class:`ConfigError` naming every problem in the file.
    """
    values, locked, problems = check_file(path)
    if problems:
        raise ConfigError(problems)
    return values, locked


def problems(
    machine_file: Path | None = None, user_file: Path | None = None
) -> list[ConfigProblem]:
    """Every problem in the machine-wide and the user's config files (for `peka doctor`)."""
    found: list[ConfigProblem] = []
    files = (machine_file or paths.machine_config_file(), user_file or paths.user_config_file())
    for path in files:
        if path.is_file():
            found.extend(check_file(path)[2])
    return found


def load(
    machine_file: Path | None = None,
    user_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Effective config: defaults, then the machine file, then the user file, then overrides."""
    machine_file = machine_file or paths.machine_config_file()
    user_file = user_file or paths.user_config_file()
    config = Config({name: Setting(name, key.default(), "default") for name, key in SCHEMA.items()})
    locked: set[str] = set(AUTHORITY_KEYS)
    found: list[ConfigProblem] = []
    if machine_file.is_file():
        values, lists, bad = check_file_lists(machine_file)
        found.extend(bad)
        locked.difference_update(lists["unlocked"])
        locked.update(lists["locked"])
        for name, value in values.items():
            # Say "locked" so a user who set the key themselves sees why it has no effect.
            source = f"{machine_file} (locked)" if name in locked else str(machine_file)
            config.settings[name] = Setting(name, value, source)
    if user_file.is_file():
        # The user's own `locked`/`unlocked` lists mean nothing: only IT locks and unlocks.
        values, _, bad = check_file_lists(user_file)
        found.extend(bad)
        for name, value in values.items():
            if name not in locked:
                config.settings[name] = Setting(name, value, str(user_file))
    if found:
        raise ConfigError(found)
    config.locked = frozenset(locked)
    if config.source("agent.id") == "default":
        from assist.identity import agent_for_account

        config.settings["agent.id"] = agent_for_account(config)
    for name, value in (overrides or {}).items():
        key = SCHEMA.get(name)
        if key is None:
            raise PekaError(E102, f"Unknown configuration key {name!r}.")
        if value is not None:
            coerced = key.coerce(value)
            config.check_option(name, coerced, f"The override of `{name}`")
            config.settings[name] = Setting(name, coerced, "command line")
    return config
