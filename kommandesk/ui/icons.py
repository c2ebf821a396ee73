"""SVG icons shipped in kommandesk/assets/icons."""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap

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


class _LineIconEngine(QIconEngine):
    """Draws the SVG when a size is asked for (and keeps that pixmap), instead of rendering every size up front:
    building the sidebar's icons eagerly cost about 25 ms of each start."""

    def __init__(self, normal: bytes, selected: bytes):
        super().__init__()
        self._normal, self._selected = normal, selected
        self._pixmaps: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def _svg_for(self, mode: QIcon.Mode) -> bytes:
        return self._selected if mode == QIcon.Mode.Selected else self._normal

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(QByteArray(self._svg_for(mode)))
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), mode)
        if key not in self._pixmaps:
            pixmap = QPixmap(size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
            painter.end()
            self._pixmaps[key] = pixmap
        return self._pixmaps[key]

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = QPixmap(self.pixmap(size * scale, mode, state))
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return _LineIconEngine(self._normal, self._selected)


_engines: list[_LineIconEngine] = []  # the QIcons share them; keep the Python side alive


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
    engine = _LineIconEngine(svg, selected)
    _engines.append(engine)
    return QIcon(engine)
