"""SVG icons shipped in kommandesk/assets/icons."""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from kommandesk.package_data import package_file

# Line icons are drawn in one colour; a stroke or fill that is not "none" is that colour.
_PAINT = re.compile(r'\b(stroke|fill)="(?!none")[^"]*"')


def _file(name: str):
    return package_file("assets", "icons", f"{name}.svg")


def _svg(name: str) -> bytes | None:
    file = _file(name)
    return file.read_bytes() if file.is_file() else None


@cache
def icon(name: str) -> QIcon:
    file = _file(name)
    return QIcon(str(file)) if file.is_file() else QIcon()


def _fitted(size: QSize, into: QRectF) -> QRectF:
    """The largest rectangle of ``size``'s aspect ratio centred in ``into`` (without Qt's enums: see labels.py)."""
    if size.isEmpty():
        return into
    scale = min(into.width() / size.width(), into.height() / size.height())
    width, height = size.width() * scale, size.height() * scale
    return QRectF(into.x() + (into.width() - width) / 2, into.y() + (into.height() - height) / 2, width, height)


def _render(svg: bytes, logical: int, ratio: float) -> QPixmap:
    from PySide6.QtSvg import QSvgRenderer

    side = round(logical * ratio)
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    renderer = QSvgRenderer(QByteArray(svg))
    painter = QPainter(pixmap)
    renderer.render(painter, _fitted(renderer.defaultSize(), QRectF(0, 0, side, side)))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def line_icon(name: str, size: int = 22) -> QIcon:
    """A one-colour line icon that stays visible on a selection: in the Selected mode (the current sidebar row) it
    is drawn in the palette's highlighted-text colour. Qt's generated Selected pixmap tints the icon towards the
    highlight colour, and a blue icon on a blue selection disappears.

    Drawn at ``size`` for the screen's scale factor (and at 1x): only what the sidebar shows, not every size
    up front (that cost about 25 ms of each start)."""
    svg = _svg(name)
    if svg is None:
        return QIcon()
    colour = QGuiApplication.palette().color(QPalette.ColorRole.HighlightedText).name()
    selected = _PAINT.sub(lambda m: f'{m.group(1)}="{colour}"', svg.decode("utf-8")).encode("utf-8")
    screen = QGuiApplication.primaryScreen()
    ratios = sorted({1.0, screen.devicePixelRatio() if screen else 1.0})
    result = QIcon()
    for ratio in ratios:
        result.addPixmap(_render(svg, size, ratio), QIcon.Mode.Normal)
        result.addPixmap(_render(selected, size, ratio), QIcon.Mode.Selected)
    return result
