"""Build the Windows MSI (for Group Policy and Intune) from the PyInstaller bundle.

    python packaging/windows/build_msi.py BUNDLE_DIR CONFIG_TOML ICON OUT_DIR [VERSION]

Writes ``OUT_DIR/bundle.wxs`` (every file of the bundle, one component each, with the
fixed file ids ``PekaExe`` and ``PekaSidebarExe`` that ``peka.wxs`` refers to) and runs
``wixl`` (msitools; on Linux and Windows) or, when ``PEKA_WIX=candle`` is set, WiX 3's
``candle`` and ``light``, giving ``OUT_DIR/peka-<version>-x64.msi``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WXS = HERE / "peka.wxs"
FIXED_IDS = {"peka.exe": "PekaExe", "peka-sidebar.exe": "PekaSidebarExe"}


def version() -> str:
    for line in (ROOT / "assist" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise ValueError("assist/__init__.py has no __version__")


def msi_version(ver: str) -> str:
    """Windows Installer versions are up to three numbers (major.minor.build)."""
    numbers = [part for part in ver.split(".") if part.isdigit()][:3]
    return ".".join(numbers + ["0"] * (3 - len(numbers)))


def _id(prefix: str, relative: str) -> str:
    # MSI identifiers: letters, digits, '_' and '.', at most 72 characters; stable per path.
    return prefix + hashlib.sha1(relative.encode("utf-8")).hexdigest()[:32].upper()


def bundle_fragment(bundle: Path) -> str:
    """A WiX fragment installing every file of ``bundle`` under INSTALLDIR."""
    missing = [name for name in FIXED_IDS if not (bundle / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{bundle} is not a Windows Peka bundle (missing {', '.join(missing)}); "
            "build it first with `py dev.py bundle` on Windows."
        )
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        "  <Fragment>",
        '    <DirectoryRef Id="INSTALLDIR">',
    ]
    components: list[str] = []

    def walk(folder: Path, depth: int) -> None:
        pad = "  " * depth
        for entry in sorted(folder.iterdir(), key=lambda p: (p.is_dir(), p.name)):
            relative = entry.relative_to(bundle).as_posix()
            if entry.is_dir():
                lines.append(
                    f"{pad}<Directory Id={quoteattr(_id('D', relative))} "
                    f"Name={quoteattr(entry.name)}>"
                )
                walk(entry, depth + 1)
                lines.append(f"{pad}</Directory>")
                continue
            component = _id("C", relative)
            file_id = FIXED_IDS.get(relative) or _id("F", relative)
            components.append(component)
            lines.append(f'{pad}<Component Id="{component}" Guid="*" Win64="yes">')
            lines.append(
                f'{pad}  <File Id="{file_id}" Name={quoteattr(entry.name)} KeyPath="yes" '
                f"Source={quoteattr('$(var.BundleDir)/' + relative)}/>"
            )
            lines.append(f"{pad}</Component>")

    walk(bundle, 3)
    lines += ["    </DirectoryRef>", "  </Fragment>", "  <Fragment>"]
    lines.append('    <ComponentGroup Id="CG.Bundle">')
    lines += [f'      <ComponentRef Id="{c}"/>' for c in components]
    lines += ["    </ComponentGroup>", "  </Fragment>", "</Wix>", ""]
    return "\n".join(lines)


def build_msi(
    bundle: Path, config: Path, icon: Path, out_dir: Path, ver: str | None = None
) -> Path:
    ver = ver or version()
    out_dir.mkdir(parents=True, exist_ok=True)
    fragment = out_dir / "bundle.wxs"
    fragment.write_text(bundle_fragment(bundle), encoding="utf-8")
    target = out_dir / f"peka-{ver}-x64.msi"
    defines = {
        "Version": msi_version(ver),
        "BundleDir": str(bundle.resolve()),
        "Config": str(config.resolve()),
        "Icon": str(icon.resolve()),
    }
    if os.environ.get("PEKA_WIX") == "candle":
        objects = out_dir / "wixobj"
        objects.mkdir(exist_ok=True)
        candle = ["candle", "-nologo", "-arch", "x64", "-out", f"{objects}{os.sep}"]
        candle += [f"-d{k}={v}" for k, v in defines.items()]
        subprocess.run([*candle, str(WXS), str(fragment)], check=True)
        light = ["light", "-nologo", "-out", str(target)]
        subprocess.run([*light, *map(str, sorted(objects.glob("*.wixobj")))], check=True)
        return target
    wixl = shutil.which("wixl")
    if wixl is None:
        raise FileNotFoundError("wixl not found: install msitools (apt-get install wixl)")

    # wixl looks files up relative to where it runs and refuses absolute paths.
    def here(path: str | Path) -> str:
        return os.path.relpath(path, out_dir)

    command = [wixl, "-a", "x64", "-o", target.name]
    for key, value in defines.items():
        command += ["-D", f"{key}={here(value) if key != 'Version' else value}"]
    subprocess.run([*command, here(WXS), fragment.name], check=True, cwd=out_dir)
    return target


def main(argv: list[str]) -> int:
    if len(argv) not in (4, 5) or argv[0] in {"-h", "--help"}:
        print(__doc__, file=sys.stderr)
        return 2
    bundle, config, icon, out_dir = (Path(a) for a in argv[:4])
    try:
        print(build_msi(bundle, config, icon, out_dir, argv[4] if len(argv) > 4 else None))
    except (FileNotFoundError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
