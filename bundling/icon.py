"""resources/kommandesk.ico, the Windows icon, drawn from kommandesk/assets/icons/app.svg by Qt's SVG renderer at
the sizes Windows asks for (16 to 256 pixels), each stored as PNG inside the .ico (Windows Vista and later)."""

from __future__ import annotations

import os
import struct
from pathlib import Path

from bundling.naming import ROOT

SVG = ROOT / "kommandesk" / "assets" / "icons" / "app.svg"
ICO = ROOT / "resources" / "kommandesk.ico"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding one PNG per size (``{size: png}``)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def render_pngs(svg: Path = SVG, sizes: tuple[int, ...] = SIZES) -> dict[int, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:  # painting needs one; kept alive by Qt until the process ends
        render_pngs.app = QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG Qt can draw")
    pngs = {}
    for size in sizes:
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
        pngs[size] = bytes(data.data())
    return pngs


def write_icon(target: Path = ICO, svg: Path = SVG) -> Path:
    target.write_bytes(ico_bytes(render_pngs(svg)))
    return target
