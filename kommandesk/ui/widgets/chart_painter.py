"""Drawing a ChartWidget (ui/widgets/chart.py) from its Geometry: a card in the palette's base colour, the title,
the legend, grid lines and ticks, bars or lines with points, value labels and the categories' names. Colours come
from the palette, so the chart reads in dark mode too; the two series colours are chosen for light or dark."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen

from kommandesk.i18n import _
from kommandesk.ui.widgets.chart import MARGIN, Geometry, series_colours

LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def mixed(first: QColor, second: QColor, share: float) -> QColor:
    """``share`` of ``first`` and the rest of ``second``."""
    return QColor.fromRgbF(first.redF() * share + second.redF() * (1 - share),
                           first.greenF() * share + second.greenF() * (1 - share),
                           first.blueF() * share + second.blueF() * (1 - share))


def line_path(points: list[QPointF]) -> QPainterPath:
    path = QPainterPath()
    for number, point in enumerate(points):
        if number == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    return path


def paint_chart(painter: QPainter, widget, geometry: Geometry) -> None:
    chart = widget.chart
    palette = widget.palette()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    muted = mixed(text, base, 0.68)
    grid = mixed(text, base, 0.14)
    colours = series_colours(palette)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    card = QRectF(widget.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
    painter.setPen(QPen(mixed(text, base, 0.22), 1))
    painter.setBrush(base)
    painter.drawRoundedRect(card, 6, 6)

    painter.setFont(widget.title_font())
    painter.setPen(text)
    title = painter.fontMetrics().elidedText(chart.title, Qt.TextElideMode.ElideRight, int(geometry.title.width()))
    painter.drawText(geometry.title, LEFT, title)
    painter.setFont(widget.font())
    metrics = painter.fontMetrics()

    if chart.empty:
        painter.setPen(muted)
        space = QRectF(MARGIN, geometry.title.bottom(), widget.width() - 2 * MARGIN,
                       widget.height() - geometry.title.bottom() - MARGIN)
        painter.drawText(space, CENTRE, _("No data in this period."))
        return

    for swatch, name_rect, index in geometry.legend:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours[index % len(colours)])
        painter.drawRoundedRect(swatch, 2, 2)
        painter.setPen(text)
        painter.drawText(name_rect, LEFT, chart.series[index].name)

    plot = geometry.plot
    for _value, position, label in geometry.ticks:
        painter.setPen(QPen(grid, 1))
        if geometry.horizontal:
            painter.drawLine(QPointF(position, plot.top()), QPointF(position, plot.bottom()))
            width = metrics.horizontalAdvance(label) + 2
            painter.setPen(muted)
            x = min(max(position - width / 2, plot.left() - width / 2), widget.width() - MARGIN / 2 - width)
            painter.drawText(QRectF(x, plot.bottom() + 4, width, metrics.height()), CENTRE, label)
        else:
            painter.drawLine(QPointF(plot.left(), position), QPointF(plot.right(), position))
            painter.setPen(muted)
            painter.drawText(QRectF(MARGIN, position - metrics.height() / 2, plot.left() - MARGIN - 6,
                                    metrics.height()), RIGHT, label)

    painter.setPen(QPen(mixed(text, base, 0.5), 1))  # the zero line
    if geometry.horizontal:
        painter.drawLine(plot.topLeft(), plot.bottomLeft())
    else:
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    if chart.kind == "line":
        for index in range(len(chart.series)):
            colour = colours[index % len(colours)]
            points = [mark.rect.center() for mark in geometry.marks if mark.series == index]
            painter.setPen(QPen(colour, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(line_path(points))
            painter.setPen(QPen(base, 1.5))
            painter.setBrush(colour)
            for point in points:
                painter.drawEllipse(point, 4, 4)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        for mark in geometry.marks:
            if mark.rect.width() > 0 and mark.rect.height() > 0:
                painter.setBrush(colours[mark.series % len(colours)])
                painter.drawRoundedRect(mark.rect, 2, 2)

    painter.setPen(text)
    for rect, label in geometry.values:
        painter.drawText(rect, CENTRE if not geometry.horizontal else LEFT, label)
    for rect, name, _index in geometry.names:
        painter.drawText(rect, LEFT if geometry.horizontal else CENTRE, name)
