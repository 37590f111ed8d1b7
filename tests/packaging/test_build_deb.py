"""The .deb builder, run on a fake bundle folder (the real bundle is `dev.py bundle`)."""

from __future__ import annotations

import configparser
import shutil
import stat
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

needs_dpkg = pytest.mark.skipif(
    shutil.which("dpkg-deb") is None or shutil.which("dpkg-query") is None,
    reason="needs Debian's dpkg tools",
)


def fake_bundle(root: Path) -> Path:
    bundle = root / "peka"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    for name in ("peka", "peka-sidebar"):
        program = bundle / name
        program.write_text("#!/bin/sh\necho peka\n", encoding="utf-8")
        program.chmod(0o700)
    (bundle / "_internal" / "libpython3.11.so.1.0").write_bytes(b"\x7fELF")
    (bundle / "_internal" / "resources" / "RESOURCES.md").write_text("x", encoding="utf-8")
    (bundle / "_internal" / "resources" / "RESOURCES.md").chmod(0o600)
    return bundle


EXPECTED = {
    "etc/peka/config.toml",
    "etc/peka/keys",
    "opt/peka/peka",
    "opt/peka/peka-sidebar",
    "opt/peka/_internal/libpython3.11.so.1.0",
    "opt/peka/_internal/resources/RESOURCES.md",
    "usr/bin/peka",
    "usr/bin/peka-sidebar",
    "usr/share/applications/peka.desktop",
    "usr/share/applications/peka-open.desktop",
    "usr/share/doc/peka/copyright",
    "usr/share/icons/hicolor/scalable/apps/peka.svg",
}


@needs_dpkg
def test_stage_lays_out_the_package(build_deb: ModuleType, tmp_path: Path) -> None:
    tree = build_deb.stage(fake_bundle(tmp_path), tmp_path / "root", "1.2.3", "amd64")
    files = {
        p.relative_to(tree).as_posix()
        for p in tree.rglob("*")
        if (p.is_file() or p.is_symlink() or not any(p.iterdir())) and "DEBIAN" not in p.parts
    }
    assert files == EXPECTED
    assert (tree / "usr/bin/peka").readlink() == Path("/opt/peka/peka")
    assert (tree / "usr/bin/peka-sidebar").readlink() == Path("/opt/peka/peka-sidebar")
    modes = {
        p.relative_to(tree).as_posix(): stat.S_IMODE(p.lstat().st_mode)
        for p in tree.rglob("*")
        if not p.is_symlink()
    }
    assert modes["opt/peka/peka"] == 0o755
    assert modes["opt/peka/_internal/resources/RESOURCES.md"] == 0o644
    assert modes["etc/peka/keys"] == 0o755
    assert modes["etc/peka/config.toml"] == 0o644
    assert all(mode & 0o022 == 0 for mode in modes.values())
    assert (tree / "DEBIAN/conffiles").read_text(encoding="utf-8") == "/etc/peka/config.toml\n"
    control = (tree / "DEBIAN/control").read_text(encoding="utf-8")
    assert "Package: peka\nVersion: 1.2.3\n" in control
    assert "Architecture: amd64\n" in control
    assert "libxcb-cursor0" in control and "libc6 (>= " in control


def test_desktop_entry_starts_the_sidebar_with_the_shipped_icon(
    build_deb: ModuleType, tmp_path: Path
) -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(build_deb.DESKTOP_ENTRY)
    entry = parser["Desktop Entry"]
    assert entry["Exec"] == "/usr/bin/peka-sidebar"
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert (build_deb.ROOT / "resources/icons" / f"{entry['Icon']}.svg").is_file()
    validate = shutil.which("desktop-file-validate")
    if validate:
        path = tmp_path / "peka.desktop"
        path.write_text(build_deb.DESKTOP_ENTRY, encoding="utf-8")
        result = subprocess.run([validate, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


@needs_dpkg
def test_build_deb_makes_a_root_owned_package(build_deb: ModuleType, tmp_path: Path) -> None:
    deb = build_deb.build_deb(fake_bundle(tmp_path), tmp_path / "out", "1.2.3", "amd64")
    assert deb.name == "peka_1.2.3_amd64.deb"
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    owners = {line.split()[1] for line in listing}
    assert owners == {"root/root"}
    paths = {line.split()[5].removeprefix("./").rstrip("/") for line in listing}
    assert paths >= EXPECTED
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert fields == "Package: peka\nVersion: 1.2.3\n"


def test_a_folder_without_the_programs_is_refused(build_deb: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="peka, peka-sidebar"):
        build_deb.stage(tmp_path / "empty", tmp_path / "root", "1.2.3", "amd64")
    assert build_deb.main([str(tmp_path / "empty"), str(tmp_path / "out")]) == 1


def test_version_is_the_packages(build_deb: ModuleType) -> None:
    import assist

    assert build_deb.version() == assist.__version__


def dep5_paragraphs(text: str) -> list[dict[str, str]]:
    """Debian's copyright format: paragraphs of fields; continuation lines start with a space."""
    paragraphs = []
    for block in text.strip("\n").split("\n\n"):
        fields: dict[str, str] = {}
        name = ""
        for line in block.split("\n"):
            if line.startswith(" "):
                assert name, f"continuation without a field: {line!r}"
                fields[name] += "\n" + line[1:]
            else:
                name, _, value = line.partition(":")
                assert name and _ and name not in fields, line
                fields[name] = value.strip()
        paragraphs.append(fields)
    return paragraphs


def test_copyright_is_machine_readable(build_deb: ModuleType) -> None:
    header, first, *rest = dep5_paragraphs(build_deb.copyright_text(2026))
    assert header["Format"] == "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    assert header["Upstream-Name"] == "Peka"
    assert first == {
        "Files": "*",
        "Copyright": "2026 Peka developers",
        "License": "Apache-2.0",
    }
    files = [p for p in rest if "Files" in p]
    standalone = {p["License"].split("\n")[0]: p for p in rest if "Files" not in p}
    used = {name for p in [first, *files] for name in p["License"].split("\n")[0].split(" and ")}
    assert used <= set(standalone), "every licence named needs its own License paragraph"
    for name, paragraph in standalone.items():
        assert "\n" in paragraph["License"], f"{name} has no text"
    assert "/usr/share/common-licenses/Apache-2.0" in standalone["Apache-2.0"]["License"]
    assert any(p["Files"] == "opt/peka/_internal/*" for p in files)
    encoder = next(p for p in files if "encoder" in p["Files"])
    assert encoder["License"] == "MIT" and "multilingual-e5-small" in encoder["Comment"]
    assert files.index(encoder) == len(files) - 1, "the narrower pattern must come last"
    assert all(len(line) <= 100 for line in build_deb.copyright_text().splitlines())


@needs_dpkg
def test_the_package_ships_the_copyright_file(build_deb: ModuleType, tmp_path: Path) -> None:
    deb = build_deb.build_deb(fake_bundle(tmp_path), tmp_path / "out", "1.2.3", "amd64")
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    line = next(row for row in listing.splitlines() if row.endswith("usr/share/doc/peka/copyright"))
    assert line.startswith("-rw-r--r-- root/root")
    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(unpacked)], check=True)
    text = (unpacked / "usr/share/doc/peka/copyright").read_text(encoding="utf-8")
    assert text.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/")


def test_url_handler_entry_opens_peka_links(build_deb: ModuleType, tmp_path: Path) -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(build_deb.URL_HANDLER_ENTRY)
    entry = parser["Desktop Entry"]
    assert entry["Exec"] == "/usr/bin/peka open %u"
    assert entry["MimeType"] == "x-scheme-handler/peka;"
    assert entry["NoDisplay"] == "true"  # not a second menu entry
    validate = shutil.which("desktop-file-validate")
    if validate:
        path = tmp_path / "peka-open.desktop"
        path.write_text(build_deb.URL_HANDLER_ENTRY, encoding="utf-8")
        result = subprocess.run([validate, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


@needs_dpkg
def test_package_scripts_register_the_url_handler(build_deb: ModuleType, tmp_path: Path) -> None:
    tree = build_deb.stage(fake_bundle(tmp_path), tmp_path / "root", "1.2.3", "amd64")
    for name in ("postinst", "postrm"):
        script = tree / "DEBIAN" / name
        assert stat.S_IMODE(script.stat().st_mode) == 0o755
        text = script.read_text(encoding="utf-8")
        assert text.startswith("#!/bin/sh") and "update-desktop-database" in text
        result = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_the_package_depends_on_what_the_windows_need_and_no_test_tool(
    build_deb: ModuleType,
) -> None:
    """Installing Peka must not pull in a PostgreSQL server, Chromium or installer tools:
    they are what the tests start, not what the sidebar needs."""
    depends = build_deb.depends()
    assert "libxcb-cursor0" in depends  # Qt's xcb plugin aborts without it
    assert "libegl1" in depends
    for tool in ("postgresql", "chromium", "nsis", "msitools", "wixl", "xvfb"):
        assert tool not in depends
