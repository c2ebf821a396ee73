"""SVG icons shipped in kommandesk/assets/icons (read through importlib.resources, works frozen too)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap

# Line icons are drawn in one colour; a stroke or fill that is not "none" is that colour.
_PAINT = re.compile(r'\b(stroke|fill)="(?!none")[^"]*"')
# Logical sizes times the usual scale factors (1, 1.25, 1.5, 2, 3): QIcon scales the nearest one for the rest.
_SIZES = (16, 20, 22, 24, 28, 32, 33, 40, 44, 48, 64, 66, 96)


def _svg(name: str) -> bytes | None:
    resource = resources.files("kommandesk").joinpath("assets", "icons", f"{name}.svg")
    return resource.read_bytes() if resource.is_file() else None


@cache
def icon(name: str) -> QIcon:
    resource = resources.files("kommandesk").joinpath("assets", "icons", f"{name}.svg")
    if not resource.is_file():
        return QIcon()
    with resources.as_file(resource) as path:
        return QIcon(str(path))


def _render(svg: bytes, size: int) -> QPixmap:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


@cache
def line_icon(name: str) -> QIcon:
    """A one-colour line icon that stays visible on a selection: in the Selected mode (the current sidebar row) it
    is drawn in the palette's highlighted-text colour. Qt's generated Selected pixmap tints the icon towards the
    highlight colour, and a blue icon on a blue selection disappears."""
    svg = _svg(name)
    if svg is None:
        return QIcon()
    colour = QGuiApplication.palette().color(QPalette.ColorRole.HighlightedText).name()
    selected = _PAINT.sub(lambda m: f'{m.group(1)}="{colour}"', svg.decode("utf-8")).encode("utf-8")
    result = QIcon()
    for size in _SIZES:
        result.addPixmap(_render(svg, size), QIcon.Mode.Normal)
        result.addPixmap(_render(selected, size), QIcon.Mode.Selected)
    return result
