"""The PyInstaller spec, the NSIS script and the icon they use agree with the tree."""

from __future__ import annotations

import ast
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.packaging.conftest import PACKAGING, ROOT

SPEC = PACKAGING / "peka.spec"
NSI = PACKAGING / "windows" / "peka.nsi"


def test_spec_is_python_and_names_existing_entry_points() -> None:
    source = SPEC.read_text(encoding="utf-8")
    ast.parse(source)
    scripts = re.findall(r'analysis\("([\w.]+)"\)', source)
    assert scripts == ["entry_peka.py", "entry_sidebar.py"]
    for script in scripts:
        assert (PACKAGING / script).is_file()
    assert "from ui.entry import main" in (PACKAGING / "entry_peka.py").read_text()
    assert "from ui.entry import gui_main" in (PACKAGING / "entry_sidebar.py").read_text()
    from ui import entry

    assert callable(entry.main) and callable(entry.gui_main)
    assert '(str(ROOT / "resources"), "resources")' in source
    assert (ROOT / "resources" / "RESOURCES.md").is_file()


def test_spec_executables_match_the_installers() -> None:
    names = re.findall(r'executable\(\w+, "([\w-]+)"', SPEC.read_text(encoding="utf-8"))
    assert names == ["peka", "peka-sidebar"]
    nsi = NSI.read_text(encoding="utf-8")
    for name in names:
        assert f'"$INSTDIR\\{name}.exe"' in nsi
    from tests.packaging.conftest import load_script

    assert tuple(names) == load_script("linux/build_deb.py").EXECUTABLES


def test_nsis_script_supports_silent_deployment_options() -> None:
    nsi = NSI.read_text(encoding="utf-8")
    for needed in ('"/POLICY="', '"/KEY="', '"/PURGE"', "RequestExecutionLevel admin"):
        assert needed in nsi
    assert "$PROGRAMFILES64" in nsi
    assert "policy install" in nsi and "--machine-dir" in nsi
    # config.toml is written only when absent, so IT's edits survive an upgrade.
    assert '${IfNot} ${FileExists} "$MachineDir\\config.toml"' in nsi


def draw_icon(target: Path) -> bytes:
    """Run make_icon.py in its own process: it starts a QGuiApplication, which must not
    become the test session's Qt application (the UI tests need a QApplication)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    script = PACKAGING / "make_icon.py"
    subprocess.run([sys.executable, str(script), str(target)], check=True, env=env)
    return target.read_bytes()


def test_ico_holds_one_png_per_size(make_icon: ModuleType) -> None:
    images = {16: b"\x89PNG-sixteen", 256: b"\x89PNG-two-hundred-fifty-six"}
    data = make_icon.ico_bytes(images)
    assert struct.unpack("<HHH", data[:6]) == (0, 1, 2)
    first = struct.unpack("<BBBBHHII", data[6:22])
    second = struct.unpack("<BBBBHHII", data[22:38])
    assert first[0] == 16 and second[0] == 0  # 0 stands for 256
    assert data[first[7] : first[7] + first[6]] == images[16]
    assert data[second[7] : second[7] + second[6]] == images[256]


def test_icon_is_drawn_from_the_svg(make_icon: ModuleType, tmp_path: Path) -> None:
    png = draw_icon(tmp_path / "peka.png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    ico = draw_icon(tmp_path / "peka.ico")
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, len(make_icon.ICO_SIZES))


# In CI (CI=true, `.ci/run`) the installer is always compiled: a missing makensis fails.
@pytest.mark.skipif(
    shutil.which("makensis") is None and not os.environ.get("CI"),
    reason="needs NSIS (apt-get install nsis)",
)
def test_nsis_script_compiles(config_template: ModuleType, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("peka.exe", "peka-sidebar.exe", "_internal/python311.dll"):
        (bundle / name).write_bytes(b"MZ")
    config = config_template.write("windows", tmp_path / "config.toml")
    icon = tmp_path / "peka.ico"
    draw_icon(icon)
    out = tmp_path / "peka-setup.exe"
    result = subprocess.run(
        [
            "makensis",
            "-V2",
            "-DVERSION=1.2.3",
            f"-DBUNDLE={bundle}",
            f"-DCONFIG={config}",
            f"-DICON={icon}",
            f"-DOUTFILE={out}",
            str(NSI),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_nsis_registers_and_removes_the_peka_url_handler() -> None:
    script = NSI.read_text(encoding="utf-8")
    key = r"Software\Classes\peka"
    assert f'WriteRegStr HKLM "{key}" "URL Protocol" ""' in script
    assert (
        f'WriteRegStr HKLM "{key}\\shell\\open\\command" "" \'"$INSTDIR\\peka.exe" open "%1"\''
        in script
    )
    install, uninstall = script.split('Section "Uninstall"', 1)
    assert key in install and f'DeleteRegKey HKLM "{key}"' in uninstall
