"""The machine-wide ``config.toml`` that installers ship, generated from ``assist.config.SCHEMA``.

Every key is listed, commented out, with its help text, what is allowed and its default,
so the file never drifts from the code: uncommenting a line sets that key to its default.
Path defaults are written the way each user's own default resolves (``~`` is expanded
per user), so uncommenting one keeps every user's files apart.

    python packaging/config_template.py linux OUT.toml
    python packaging/config_template.py windows OUT.toml
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assist import config, paths  # noqa: E402  (after the checkout is on sys.path)

PLATFORMS = ("linux", "windows")
# Where each platform keeps the machine folder and each user's data folder (assist/paths.py
# with platformdirs), written so that Peka's expanduser() resolves them per user.
MACHINE_DIR = {"linux": "/etc/peka", "windows": r"C:\ProgramData\Peka"}
USER_DATA_DIR = {"linux": "~/.local/share/Peka", "windows": r"~\AppData\Local\Peka\Peka"}
SEPARATOR = {"linux": "/", "windows": "\\"}
# Keys whose default is computed per user and has no literal spelling.
PER_USER_DEFAULTS = {
    "agent.id": ("the operating-system account, mapped by agent.accounts", "agent01")
}
EXAMPLES = {"agent.accounts": '{ budi = "agent.budi", "siti.r" = "lead.siti" }'}

_MACHINE_MARK = "@@MACHINE@@"
_DATA_MARK = "@@USERDATA@@"


@contextmanager
def _marked_dirs() -> Iterator[None]:
    """Let SCHEMA's path defaults resolve to markers that are then spelled per platform."""
    marks = paths.Folders(
        machine=Path(_MACHINE_MARK), config=Path("@@CONFIG@@"), data=Path(_DATA_MARK)
    )
    with paths.folders_used(marks):
        yield


def _path_literal(default: Path, platform: str) -> str:
    text = default.as_posix()
    for mark, spelled in ((_MACHINE_MARK, MACHINE_DIR), (_DATA_MARK, USER_DATA_DIR)):
        if text.startswith(mark):
            rest = text[len(mark) :].lstrip("/").split("/")
            text = SEPARATOR[platform].join([spelled[platform], *rest])
            break
    # Literal strings ('...') keep Windows backslashes as they are.
    return f"'{text}'"


def _literal(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)} = {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _key_block(key: config.Key, platform: str) -> list[str]:
    short = key.name.split(".", 1)[1]
    lines = [f"# {key.help}"]
    if key.name in PER_USER_DEFAULTS:
        default_text, example = PER_USER_DEFAULTS[key.name]
        lines.append(f"# Allowed: {key.describe_allowed()}. Default: {default_text}.")
        lines.append(f"# {short} = {_literal(example)}")
        return lines
    if key.name in EXAMPLES:
        lines.append(f"# Example: {short} = {EXAMPLES[key.name]}")
    default = key.default()
    value = _path_literal(default, platform) if key.kind is Path else _literal(default)
    lines.append(f"# Allowed: {key.describe_allowed()}. Default: {value}.")
    lines.append(f"# {short} = {value}")
    return lines


HEADER = """\
# Peka machine-wide configuration ({platform}).
#
# Peka reads built-in defaults, then this file, then each user's own config.toml;
# later ones win. Every key is listed below, commented out, with its default:
# remove the leading "# " of a key's last line and change the value to set it for
# every user of this computer. `peka config show` prints the effective values and
# where each came from; see docs/config.md.
#
# Keys that touch authority are locked: a user's own file and command-line options
# (such as --ledger) cannot change them, and they are locked even if this list is
# removed. Lock more keys by adding them here; unlock one only on purpose (for example
# on a supervisor's own computer) with `unlocked = ["ledger.path"]`. Keep both lines
# above the first [section].
locked = [{locked}]
# unlocked = []
#
# Who is the agent: Peka takes the operating-system account and looks it up in
# [agent] accounts (below); an account not listed is its own agent id and gets the
# policy's default role. See docs/authority.md, "Identity".
#
# The package manager keeps your edits to this file on upgrade.
"""


def render(platform: str) -> str:
    """The commented template for ``platform`` ("linux" or "windows")."""
    if platform not in PLATFORMS:
        raise ValueError(f"platform must be one of {PLATFORMS}, not {platform!r}")
    # One table per section, in order of first appearance (a TOML table may not repeat).
    sections: dict[str, list[config.Key]] = {}
    for key in config.SCHEMA.values():
        sections.setdefault(key.name.split(".", 1)[0], []).append(key)
    locked = ", ".join(f'"{name}"' for name in config.AUTHORITY_KEYS)
    out = [HEADER.format(platform=platform.capitalize(), locked=locked)]
    with _marked_dirs():
        for name, keys in sections.items():
            out.append(f"\n[{name}]\n")
            blocks = ["\n".join(_key_block(key, platform)) + "\n" for key in keys]
            out.append("\n".join(blocks))
    return "".join(out)


def write(platform: str, target: Path) -> Path:
    """Write the template as UTF-8 with the platform's line endings."""
    newline = "\r\n" if platform == "windows" else "\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline=newline) as handle:
        handle.write(render(platform))
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in PLATFORMS:
        print(__doc__, file=sys.stderr)
        return 2
    print(write(argv[0], Path(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
