"""What the application core and the sidebar read from Peka's configuration, in one frozen
object."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assist.config import Config


@dataclass(frozen=True)
class AppSettings:
    cache_path: Path
    ledger_path: Path
    policy_path: Path
    keys_dir: Path
    agent_id: str
    agent_name: str
    agent_role: str
    language: str = "id"
    theme: str = "system"
    dock: str = "right"
    always_on_top: bool = True
    suggest_delay_ms: int = 250
    hours_start: int = 8  # the agent's working hours, for times promised in a reply
    hours_end: int = 17
    store_messages: bool = False
    order_patterns: tuple[str, ...] = ()
    demo: bool = False
    outcomes_path: Path | None = None  # None: outcomes are not recorded
    phrases_path: Path | None = None  # for the supervisor console
    team_path: Path | None = None  # for the supervisor console
    sync_sources_file: Path | None = None  # IT's sync sources (None: no sync)
    sync_interval_minutes: int = 15
    stale_after_hours: int = 24
    api_port: int | None = None  # the local API's port when the sidebar serves it
    api_allowed_origins: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, cfg: Config, **overrides: Any) -> AppSettings:
        settings = cls(
            cache_path=cfg["cache.path"],
            ledger_path=cfg["ledger.path"],
            policy_path=cfg["policy.path"],
            keys_dir=cfg["policy.keys_dir"],
            agent_id=cfg["agent.id"],
            agent_name=cfg["agent.name"],
            agent_role=cfg["agent.role"],
            language=cfg["ui.language"],
            theme=cfg["ui.theme"],
            dock=cfg["ui.dock"],
            always_on_top=cfg["ui.always_on_top"],
            suggest_delay_ms=cfg["ui.suggest_delay_ms"],
            hours_start=cfg["agent.hours_start"],
            hours_end=cfg["agent.hours_end"],
            store_messages=cfg["outcomes.store_messages"],
            order_patterns=tuple(cfg["nlp.order_patterns"]),
            outcomes_path=cfg["outcomes.path"],
            phrases_path=cfg["phrases.path"],
            team_path=cfg["team.path"],
            sync_sources_file=cfg["sync.sources_file"],
            sync_interval_minutes=cfg["sync.interval_minutes"],
            stale_after_hours=cfg["sync.stale_after_hours"],
            api_port=cfg["api.port"] if cfg["api.enabled"] else None,
            api_allowed_origins=tuple(cfg["api.allowed_origins"]),
        )
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def agent_display(self) -> str:
        return f"{self.agent_name} ({self.agent_id})" if self.agent_name else self.agent_id
