"""Draw resources/icons/peka.svg as a Windows .ico (16 to 256 pixels) or a PNG.

    python packaging/make_icon.py OUT.ico
    python packaging/make_icon.py OUT.png [SIZE]

Windows needs an .ico for the executables, the installer and its shortcuts; the icon
is drawn at build time from the one SVG so no binary image is kept in the repository.
Each .ico entry is a PNG image, which Windows Vista and later read.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "peka.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG image")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico file holding one PNG per size (ICONDIR, ICONDIRENTRY records, then data)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    entries = b""
    payload = b""
    offset = 6 + 16 * len(images)
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        at = offset + len(payload)
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), at)
        payload += png
    return header + entries + payload


def write_ico(target: Path, sizes: tuple[int, ...] = ICO_SIZES) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(ico_bytes({size: render_png(size) for size in sizes}))
    return target


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(argv[0])
    if target.suffix.lower() == ".ico":
        write_ico(target)
    else:
        size = int(argv[1]) if len(argv) == 2 else 256
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_png(size))
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
