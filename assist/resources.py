"""Find files under ``resources/`` the same way from a checkout, a wheel and a bundle.

* a frozen bundle (PyInstaller) unpacks them to ``<bundle>/resources``;
* a source checkout or editable install has them beside the ``assist`` package;
* an installed wheel carries them as the package ``peka_resources``.

``PEKA_RESOURCES`` overrides all three (IT can point Peka at a vetted copy).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from assist.errors import E104, PekaError


def _candidates() -> list[Path]:
    found: list[Path] = []
    override = os.environ.get("PEKA_RESOURCES")
    if override:
        found.append(Path(override))
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        found.append(Path(bundle) / "resources")
    found.append(Path(__file__).resolve().parent.parent / "resources")
    try:
        import peka_resources  # type: ignore[import-not-found,unused-ignore]

        for entry in getattr(peka_resources, "__path__", []):
            found.append(Path(entry))
    except ImportError:
        pass
    return found


@cache
def resources_root() -> Path:
    """The folder that holds phrases, pipelines, translations and icons."""
    for candidate in _candidates():
        if (candidate / "RESOURCES.md").is_file():
            return candidate
    raise PekaError(
        E104,
        "Peka's resources folder was not found (looked in: "
        + ", ".join(str(c) for c in _candidates())
        + "). Reinstall Peka, or set PEKA_RESOURCES to the folder that holds RESOURCES.md.",
    )


def resource_path(*parts: str) -> Path:
    """Path of a packaged resource; raises [E104] naming it if it is missing."""
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise PekaError(
            E104,
            f"The packaged resource {'/'.join(parts)} is missing from {resources_root()}. "
            "Reinstall Peka or rebuild the resource (see docs/resources.md).",
        )
    return path
