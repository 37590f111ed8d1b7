"""The demo set-up behind ``peka gui --demo``: a demo cache, ledger and signed policy.

Everything lives in ``<user data>/demo/`` so the agent's real cache and ledger are never
touched. The cache is generated on first run; the policy is (re)installed when missing
or close to expiring, so compensation works out of the box.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assist import paths
from assist.errors import PekaError
from assist.private_files import ensure_private_dir
from ui.errors import E606

if TYPE_CHECKING:
    from assist.app.settings import AppSettings

DEMO_CUSTOMERS = 2000
POLICY_REFRESH_DAYS = 300  # the demo policy is valid for a year; renew well before


@dataclass(frozen=True)
class DemoFiles:
    folder: Path
    cache_path: Path
    ledger_path: Path
    policy_path: Path
    keys_dir: Path
    created_cache: bool

    @property
    def outcomes_path(self) -> Path:
        return self.folder / "outcomes.sqlite"

    @property
    def phrases_path(self) -> Path:
        return self.folder / "phrases.sqlite"

    @property
    def team_path(self) -> Path:
        return self.folder / "team.sqlite"


def demo_folder() -> Path:
    return paths.demo_data_dir()


def ensure_demo(
    folder: Path | None = None, *, customers: int = DEMO_CUSTOMERS, seed: int = 7
) -> DemoFiles:
    """Create what is missing in the demo folder and return where everything is."""
    from assist.authority.demo import install_demo_policy
    from assist.cache.demo import generate_demo_cache

    folder = folder or demo_folder()
    try:
        ensure_private_dir(folder)
        cache_path = folder / "cache.sqlite"
        created = False
        if not cache_path.exists():
            generate_demo_cache(cache_path, customers=customers, seed=seed)
            created = True
        policy_path = folder / "policy.signed.json"
        keys_dir = folder / "keys"
        stale = (
            not policy_path.exists()
            or not any(keys_dir.glob("*.pub"))
            or time.time() - policy_path.stat().st_mtime > POLICY_REFRESH_DAYS * 86400
        )
        if stale:
            installed = install_demo_policy(folder)
            policy_path, keys_dir = installed.policy_path, installed.keys_dir
    except PekaError:
        raise
    except OSError as exc:
        raise PekaError(
            E606,
            f"The demo data could not be created in {folder} ({exc}). Check that the folder "
            "is writable and the disk has space, or set PEKA_DATA_DIR to another folder.",
        ) from exc
    return DemoFiles(
        folder=folder,
        cache_path=cache_path,
        ledger_path=folder / "ledger.sqlite",
        policy_path=policy_path,
        keys_dir=keys_dir,
        created_cache=created,
    )


def demo_settings(files: DemoFiles, **overrides: Any) -> AppSettings:
    """The configured settings, on the demo's files (``overrides`` win)."""
    from assist.app.settings import AppSettings
    from assist.cli.common import get_config

    on_demo: dict[str, Any] = {
        "cache_path": files.cache_path,
        "ledger_path": files.ledger_path,
        "policy_path": files.policy_path,
        "keys_dir": files.keys_dir,
        "outcomes_path": files.outcomes_path,
        "phrases_path": files.phrases_path,
        "team_path": files.team_path,
        "demo": True,
    }
    return AppSettings.from_config(get_config(), **{**on_demo, **overrides})


def demo_search_examples() -> str:
    """Searches that open the demo's showcase customers, for the empty customer card."""
    from assist.cache.demo import SHOWCASE

    first, second = SHOWCASE[0], SHOWCASE[1]
    return f"{first.full_name}, 0{first.phone[3:]}, {second.full_name}"
