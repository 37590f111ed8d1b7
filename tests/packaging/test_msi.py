"""The MSI for Group Policy and Intune: compiled with wixl on a stand-in bundle, its tables
checked, and every command it runs at install time run through the real CLI."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from tests.packaging.conftest import PACKAGING, load_script
from tests.packaging.test_installer_scripts import draw_icon
from ui.entry import full_cli

# In CI (CI=true) the installers are always compiled: a missing tool fails, not skips.
needs_wixl = pytest.mark.skipif(
    shutil.which("wixl") is None and not os.environ.get("CI"),
    reason="needs wixl (apt-get install wixl msitools)",
)


@pytest.fixture(scope="module")
def build_msi() -> ModuleType:
    return load_script("windows/build_msi.py")


def stand_in_bundle(root: Path) -> Path:
    bundle = root / "bundle"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    for name in ("peka.exe", "peka-sidebar.exe", "_internal/python311.dll"):
        (bundle / name).write_bytes(b"MZ" + name.encode())
    (bundle / "_internal" / "resources" / "RESOURCES.md").write_text("x", encoding="utf-8")
    return bundle


def table(msi: Path, name: str) -> list[list[str]]:
    out = subprocess.run(
        ["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=True
    ).stdout
    return [line.split("\t") for line in out.splitlines()[3:]]


@pytest.fixture(scope="module")
def msi(build_msi: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("msi")
    config = load_script("config_template.py").write("windows", root / "config.toml")
    icon = root / "peka.ico"
    draw_icon(icon)
    return build_msi.build_msi(stand_in_bundle(root), config, icon, root / "out", "1.2.3")


@needs_wixl
def test_the_msi_installs_the_bundle_machine_wide(msi: Path) -> None:
    assert msi.name == "peka-1.2.3-x64.msi"
    properties = dict(row[:2] for row in table(msi, "Property"))
    assert properties["ProductVersion"] == "1.2.3"
    assert properties["ALLUSERS"] == "1" and properties["ProductName"] == "Peka"
    files = {row[0]: row[2] for row in table(msi, "File")}
    assert files["PekaExe"].endswith("peka.exe") and files["PekaSidebarExe"].endswith(
        "peka-sidebar.exe"
    )
    assert files["ConfigTemplate"].endswith("config.template.toml")
    assert any(name.endswith("python311.dll") for name in files.values())
    registry = {(row[2], row[3]): row[4] for row in table(msi, "Registry")}
    app_paths = r"Software\Microsoft\Windows\CurrentVersion\App Paths"
    assert registry[(app_paths + r"\peka.exe", "")] == "[#PekaExe]"
    assert [row[2] for row in table(msi, "Shortcut")] == ["Peka"]
    extracted = msi.parent / "extracted"
    subprocess.run(["msiextract", "-C", str(extracted), str(msi)], check=True, capture_output=True)
    names = {p.name for p in extracted.rglob("*") if p.is_file()}
    assert {"peka.exe", "peka-sidebar.exe", "python311.dll", "config.template.toml"} <= names


def substitute(command: str, values: dict[str, str]) -> list[str]:
    for name, value in values.items():
        command = command.replace(name, value)
    assert "[" not in command.replace('["', ""), f"unsubstituted property in {command}"
    return shlex.split(command)


@needs_wixl
def test_every_install_time_command_is_one_peka_accepts(msi: Path, tmp_path: Path) -> None:
    """The custom actions run `peka.exe ...`; run the same arguments through the CLI."""
    from assist.authority.demo import install_demo_policy

    actions = {row[0]: row for row in table(msi, "CustomAction")}
    sequence = {row[0]: row[1] for row in table(msi, "InstallExecuteSequence")}
    machine = tmp_path / "ProgramData" / "Peka"
    policy = install_demo_policy(tmp_path / "supervisor")
    template = load_script("config_template.py").write("windows", tmp_path / "template.toml")
    it_config = tmp_path / "it.toml"
    it_config.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    values = {
        "[MACHINEDIR].": str(machine) + "/.",
        "[MACHINEDIR]": str(machine) + "/",
        "[#ConfigTemplate]": str(template),
        "[CONFIG]": str(it_config),
        "[SETTINGS]": "cache.retention_days=365 ui.theme=dark",
        "[POLICY]": str(policy.policy_path),
        "[KEY]": str(policy.public_key_path),
    }
    ordered = [
        "InstallConfigTemplate",
        "InstallConfig",
        "SetConfigKeys",
        "InstallPolicyWithKey",
    ]
    for name in ordered:
        assert actions[name][2] == "PekaExe"  # runs the installed peka.exe
        assert "NOT REMOVE" in sequence[name]
        args = substitute(actions[name][3], values)
        result = CliRunner().invoke(full_cli(), args)
        assert result.exit_code == 0, (name, args, result.output)
    text = (machine / "config.toml").read_text(encoding="utf-8")
    assert 'language = "en"' in text and "retention_days = 365" in text
    assert (machine / "policy.signed.json").is_file()
    assert (machine / "keys" / policy.public_key_path.name).is_file()
    # The template is written only when there is no config yet.
    args = substitute(actions["InstallConfigTemplate"][3], values)
    result = CliRunner().invoke(full_cli(), args)
    assert "Kept the existing" in result.output
    assert (machine / "config.toml").read_text(encoding="utf-8") == text
    restrict = actions["RestrictMachineDir"]
    assert restrict[2] == "ICACLS" and "/inheritance:r" in restrict[3]
    assert actions["FindIcacls"][3] == "[System64Folder]icacls.exe"


@needs_wixl
def test_a_bad_config_property_fails_the_install_with_every_problem(
    msi: Path, tmp_path: Path
) -> None:
    actions = {row[0]: row for row in table(msi, "CustomAction")}
    bad = tmp_path / "bad.toml"
    bad.write_text('[ui]\nlanguage = "fr"\ntheme = 3\n', encoding="utf-8")
    args = substitute(
        actions["InstallConfig"][3],
        {"[MACHINEDIR].": str(tmp_path / "m") + "/.", "[CONFIG]": str(bad)},
    )
    result = CliRunner().invoke(full_cli(), args)
    assert result.exit_code == 1  # Return="check": Windows Installer rolls back
    assert "'ui.language'" in result.output and "'ui.theme'" in result.output
    assert not (tmp_path / "m" / "config.toml").exists()


def test_a_folder_without_the_programs_is_refused(build_msi: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"peka\.exe, peka-sidebar\.exe"):
        build_msi.bundle_fragment(tmp_path)
    assert build_msi.main([str(tmp_path), "c", "i", str(tmp_path / "out")]) == 1
    assert build_msi.msi_version("0.1.0rc1") == "0.1.0"
    assert build_msi.msi_version("2.3") == "2.3.0"


def test_the_wxs_names_what_the_nsis_script_installs() -> None:
    wxs = (PACKAGING / "windows" / "peka.wxs").read_text(encoding="utf-8")
    nsi = (PACKAGING / "windows" / "peka.nsi").read_text(encoding="utf-8")
    for shared in ("/inheritance:r", "policy install", "--machine-dir"):
        assert shared in wxs and shared in nsi
    for prop in ("CONFIG", "SETTINGS", "POLICY", "KEY"):
        assert f"[{prop}]" in wxs


def test_the_windows_workflow_builds_the_real_bundle_and_both_installers() -> None:
    workflow = (PACKAGING.parent / ".github" / "workflows" / "windows.yml").read_text("utf-8")
    assert "runs-on: windows-" in workflow
    for step in ("py dev.py bundle", "packaging/windows/build_msi.py", "msiexec.exe", "/S"):
        assert step in workflow


@needs_wixl
def test_the_msi_registers_the_peka_url_handler(msi: Path) -> None:
    registry = {(row[1], row[2], row[3]): row[4] for row in table(msi, "Registry")}
    key = r"Software\Classes\peka"
    assert registry[("2", key, "")] == "URL:Peka link"  # root 2: HKEY_LOCAL_MACHINE
    assert ("2", key, "URL Protocol") in registry
    assert registry[("2", key + r"\shell\open\command", "")] == '"[#PekaExe]" open "%1"'
