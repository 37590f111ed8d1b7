"""Who may open the supervisor console: whoever holds a supervisor's signing key here.

The private half of a supervisor's key lives only in the OS keyring of the supervisor's
own computer; agents' computers have the public halves (installed by IT) but never the
private ones. So the console opens when the keyring holds the private key of one of the
installed public keys – or of the key named with ``--key``. Qt-free.
"""

from __future__ import annotations

from pathlib import Path

from assist.authority.keys import SigningKey, load_public_keys, load_signing_key
from assist.errors import PekaError
from ui.console.errors import E740

AGENT_HINT = "Agents use the sidebar (`peka gui`); the console is for supervisors."


def find_supervisor_key(keys_dir: Path, name: str | None = None) -> SigningKey:
    """The signing key the console signs with, or E740 saying why there is none."""
    if name is not None:
        try:
            return load_signing_key(name)
        except PekaError as exc:
            raise PekaError(
                E740, f"No signing key {name!r} in this computer's keyring ({exc}). {AGENT_HINT}"
            ) from exc
    installed, _notes = load_public_keys(keys_dir)
    names = sorted({info.name for info in installed.values() if info.name})
    reasons: list[str] = []
    for candidate in names:
        try:
            key = load_signing_key(candidate)
        except PekaError as exc:
            reasons.append(exc.code)
            if exc.code == "E517":  # no usable keyring: every lookup would fail the same way
                raise PekaError(
                    E740,
                    f"This computer has no usable OS keyring, so no supervisor key can be "
                    f"here. {AGENT_HINT} ({exc.message})",
                ) from exc
            continue
        if key.public.key_id in installed:
            return key
    listed = ", ".join(names) if names else "none installed"
    raise PekaError(
        E740,
        f"None of the supervisors' keys installed in {keys_dir} ({listed}) has its private "
        f"half in this computer's keyring. {AGENT_HINT} A supervisor without an installed key "
        "opens the console with `peka console --key NAME`.",
    )
