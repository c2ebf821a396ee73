"""A light chart for the screen, drawn with QPainter from a domain Chart (domain/reports.py): bars and lines, one
or two series with a legend, a value axis with round ticks. No chart library: QtCharts would add the 150 MB of
PySide6-Addons to the installer, matplotlib 40 MB and a second of start-up; the charts of a report need a few
hundred lines of drawing.

Bars lie horizontally when a category's name would not fit under its bar (areas of help, languages, funding
modules): the names stand on the left, elided when long (the tooltip has them whole). Months go along the bottom,
every n-th named when they do not all fit. Hovering a bar, a point or its name shows the values.

The geometry is computed apart from the painting (``geometry(width, height)``) and its arithmetic by small
functions (``nice_ticks``, ``scaled``, ``label_every``), so that it can be tested without looking at pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from kommandesk.domain.reports import Chart, Kind, babel_locale, format_value
from kommandesk.i18n import _, current_language

SERIES_ON_LIGHT = (QColor("#2f6db5"), QColor("#d2691e"))  # blue and orange: told apart also by most colour-blind
SERIES_ON_DARK = (QColor("#7db3f0"), QColor("#ffb25c"))
MARGIN = 12.0
GAP = 6.0  # between a label and what it names
LABEL_SHARE = 0.4  # the names of horizontal bars take at most this part of the width
MIN_SIZE = QSize(280, 120)
TICK_SPACING = 60.0  # about one tick per this many pixels of axis
SHORT_NAME = 8  # average characters: names this short may stand under upright bars


# -- arithmetic ---------------------------------------------------------------------------------------------------
def nice_step(raw: float, *, whole: bool = False) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) at or above ``raw``; ``whole``: never below 1 and
    never 2.5."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole and power < 10 else (1, 2, 2.5, 5, 10)
    step = next(nice * power for nice in steps if raw <= nice * power * (1 + 1e-9))
    return max(step, 1.0) if whole else step


def nice_ticks(maximum: float, count: int = 5, *, whole: bool = False) -> list[float]:
    """0 and round steps up to the first tick at or above ``maximum`` (about ``count`` of them)."""
    count = max(1, count)
    if maximum <= 0 or not math.isfinite(maximum):
        return [0.0, 1.0]
    step = nice_step(maximum / count, whole=whole)
    steps = math.ceil(maximum / step - 1e-9)
    return [round(n * step, 10) for n in range(steps + 1)]


def axis_ticks(maximum: float, kind: Kind, count: int = 5) -> list[float]:
    """The ticks for values of ``kind``: counts whole, money (cents) in whole euros."""
    if kind is Kind.MONEY:
        return [tick * 100 for tick in nice_ticks(maximum / 100, count, whole=True)]
    return nice_ticks(maximum, count, whole=kind is Kind.COUNT)


def format_tick(value: float, kind: Kind) -> str:
    """A label on the value axis, in the UI language: shorter than a value (ticks are round): money in whole
    euros, numbers without a trailing ",0"."""
    from babel import numbers as babel_numbers

    language = current_language()
    if kind is Kind.MONEY:
        pattern = babel_locale(language).currency_formats["standard"].pattern
        whole = pattern.split(";")[0].replace(".00", "")
        return babel_numbers.format_currency(value / 100, "EUR", format=whole, locale=language,
                                             currency_digits=False)
    if kind is Kind.PERCENT:
        return babel_numbers.format_percent(value / 100, locale=language)
    return babel_numbers.format_decimal(value, format="#,##0.##", locale=language)


def scaled(value: float, top: float, length: float) -> float:
    """How far ``value`` reaches along an axis of ``length`` pixels that ends at ``top`` (never below 0)."""
    if top <= 0 or value is None:
        return 0.0
    return max(0.0, min(float(value), top)) / top * length


def label_every(label_width: float, slot_width: float) -> int:
    """Name every n-th category along the bottom so that the names do not overlap."""
    if slot_width <= 0:
        return 1
    return max(1, math.ceil((label_width + GAP) / slot_width))


# -- geometry -----------------------------------------------------------------------------------------------------
@dataclass
class Mark:
    rect: QRectF  # a bar, or the square around a point
    series: int
    category: int


@dataclass
class Geometry:
    horizontal: bool
    title: QRectF
    plot: QRectF = field(default_factory=QRectF)
    legend: list[tuple[QRectF, QRectF, int]] = field(default_factory=list)  # swatch, name, series
    ticks: list[tuple[float, float, str]] = field(default_factory=list)  # value, position on the axis, label
    names: list[tuple[QRectF, str, int]] = field(default_factory=list)  # where, the name as shown, category
    bands: list[QRectF] = field(default_factory=list)  # one per category: where hovering shows its values
    marks: list[Mark] = field(default_factory=list)
    values: list[tuple[QRectF, str]] = field(default_factory=list)  # value labels
    height: float = 0.0  # what the chart needs


def series_colours(palette: QPalette) -> tuple[QColor, ...]:
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return SERIES_ON_DARK if dark else SERIES_ON_LIGHT


class ChartWidget(QWidget):
    def __init__(self, chart: Chart, parent=None):
        super().__init__(parent)
        self.setObjectName(f"chart_{chart.key}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._cache: tuple[tuple[float, float], Geometry] | None = None
        self.set_chart(chart)

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self._cache = None
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription(self.summary())
        self.updateGeometry()
        self.update()

    # -- texts ------------------------------------------------------------------------------------------------
    def value_text(self, value: float) -> str:
        return format_value(value, self.chart.value_kind, current_language())

    def summary(self) -> str:
        """Every value in words (for a screen reader)."""
        if self.chart.empty:
            return _("No data in this period.")
        return "; ".join(self._tooltip(index).replace("\n", ", ") for index in range(len(self.chart.categories)))

    def _tooltip(self, category: int) -> str:
        lines = [self.chart.categories[category]]
        for series in self.chart.series:
            value = series.values[category] if category < len(series.values) else None
            lines.append(_("{name}: {value}").format(name=series.name, value=self.value_text(value)))
        return "\n".join(lines)

    def tooltip_at(self, pos: QPointF) -> str | None:
        """The values of the category under ``pos`` (a bar, a point, a name or its band), or None."""
        if self.chart.empty:
            return None
        for index, band in enumerate(self.geometry_for(self.width(), self.height()).bands):
            if band.contains(QPointF(pos)):
                return self._tooltip(index)
        return None

    # -- size -------------------------------------------------------------------------------------------------
    def minimumSizeHint(self) -> QSize:
        return MIN_SIZE

    def sizeHint(self) -> QSize:
        width = max(self.width(), 420)
        return QSize(420, math.ceil(self.geometry_for(width, 0).height))

    def horizontal(self) -> bool:
        """Bars lie down unless every name is short (a year, a month) and fits under its bar in a chart of usual
        width: names of areas, languages and funding modules are read more easily in a column."""
        if self.chart.kind != "bar":
            return False
        metrics = QFontMetricsF(self.font())
        widest = max((metrics.horizontalAdvance(name) for name in self.chart.categories), default=0.0)
        slot = (420 - 2 * MARGIN - 40) / max(len(self.chart.categories), 1)
        return len(self.chart.categories) > 12 or widest > SHORT_NAME * metrics.averageCharWidth() or \
            widest + GAP > slot

    # -- geometry ---------------------------------------------------------------------------------------------
    def geometry_for(self, width: float, height: float) -> Geometry:
        """Where everything goes in a chart of this size (``height`` 0: the height it needs)."""
        key = (float(width), float(height))
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        metrics = QFontMetricsF(self.font())
        bold = QFontMetricsF(self.title_font())
        line = metrics.height()
        title = QRectF(MARGIN, MARGIN, max(width - 2 * MARGIN, 0.0), bold.height())
        top = title.bottom() + GAP
        result = Geometry(horizontal=self.horizontal(), title=title)
        if self.chart.empty:
            result.height = max(top + 3 * line + MARGIN, MIN_SIZE.height())
        else:
            if len(self.chart.series) > 1:
                top = self._legend(result, metrics, top, width) + GAP
            if result.horizontal:
                self._horizontal(result, metrics, top, width)
            else:
                self._vertical(result, metrics, top, width, height or 240.0)
        self._cache = (key, result)
        return result

    def _legend(self, result: Geometry, metrics: QFontMetricsF, top: float, width: float) -> float:
        x, line = MARGIN, metrics.height()
        swatch = line * 0.7
        for index, series in enumerate(self.chart.series):
            name_width = metrics.horizontalAdvance(series.name)
            if x > MARGIN and x + swatch + 4 + name_width > width - MARGIN:
                x, top = MARGIN, top + line + 2
            box = QRectF(x, top + (line - swatch) / 2, swatch, swatch)
            result.legend.append((box, QRectF(box.right() + 4, top, name_width + 1, line), index))
            x = box.right() + 4 + name_width + 3 * GAP
        return top + line

    def _values(self) -> list[float]:
        return [value or 0 for series in self.chart.series for value in series.values]

    def _horizontal(self, result: Geometry, metrics: QFontMetricsF, top: float, width: float) -> None:
        chart, line = self.chart, metrics.height()
        count = len(chart.series)
        bar = round(line * (0.9 if count == 1 else 0.8))
        row = count * bar + (count - 1) * 2 + max(8.0, line * 0.6)
        widest_name = max(metrics.horizontalAdvance(name) for name in chart.categories)
        name_width = min(widest_name, max(width * LABEL_SHARE, 60.0))
        value_width = max(metrics.horizontalAdvance(self.value_text(v)) for v in self._values()) + GAP
        left = MARGIN + name_width + GAP
        plot = QRectF(left, top, max(width - MARGIN - value_width - left, 20.0), row * len(chart.categories))
        result.plot = plot
        ticks = axis_ticks(max(self._values()), chart.value_kind, max(2, min(6, int(plot.width() // TICK_SPACING))))
        highest = ticks[-1]
        result.ticks = [(tick, plot.left() + scaled(tick, highest, plot.width()), format_tick(tick, chart.value_kind))
                        for tick in ticks]
        for index, name in enumerate(chart.categories):
            band = QRectF(MARGIN, top + index * row, max(width - 2 * MARGIN, 0.0), row)
            result.bands.append(band)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_width)
            result.names.append((QRectF(MARGIN, band.top(), name_width, row), shown, index))
            first = band.top() + (row - (count * bar + (count - 1) * 2)) / 2
            for number, series in enumerate(chart.series):
                value = series.values[index] if index < len(series.values) else 0
                rect = QRectF(plot.left(), first + number * (bar + 2), scaled(value, highest, plot.width()), bar)
                result.marks.append(Mark(rect, number, index))
                text = self.value_text(value)
                result.values.append((QRectF(rect.right() + 4, rect.center().y() - line / 2,
                                             metrics.horizontalAdvance(text) + 2, line), text))
        result.height = plot.bottom() + 4 + line + MARGIN

    def _vertical(self, result: Geometry, metrics: QFontMetricsF, top: float, width: float, height: float) -> None:
        chart, line = self.chart, metrics.height()
        plot_top = top + line * 0.5  # room for the value over the highest bar or point
        plot_height = max(height - MARGIN - line - 4 - plot_top, 40.0)
        ticks = axis_ticks(max(self._values()), chart.value_kind, max(2, min(6, int(plot_height // 45))))
        labels = [format_tick(tick, chart.value_kind) for tick in ticks]
        left = MARGIN + max(metrics.horizontalAdvance(label) for label in labels) + GAP
        plot = QRectF(left, plot_top, max(width - MARGIN - left, 20.0), plot_height)
        result.plot, highest = plot, ticks[-1]
        result.ticks = [(tick, plot.bottom() - scaled(tick, highest, plot.height()), label)
                        for tick, label in zip(ticks, labels)]
        count = len(chart.categories)
        slot = plot.width() / count
        widest = max(metrics.horizontalAdvance(name) for name in chart.categories)
        every = label_every(widest, slot)
        value_texts = [self.value_text(v) for v in self._values()]
        single = len(chart.series) == 1
        show_values = single and max(metrics.horizontalAdvance(t) for t in value_texts) + 4 <= slot
        bar = min(slot * 0.7 / len(chart.series), line * 2.5)  # a few bars in a wide chart stay slim
        group = bar * len(chart.series)
        for index, name in enumerate(chart.categories):
            centre = plot.left() + slot * (index + 0.5)
            result.bands.append(QRectF(plot.left() + slot * index, plot.top(), slot, plot.height() + line + 4))
            if index % every == 0:
                room = slot * every - GAP
                shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(room, 10.0))
                text_width = metrics.horizontalAdvance(shown)
                result.names.append((QRectF(centre - text_width / 2, plot.bottom() + 4, text_width + 1, line),
                                     shown, index))
            for number, series in enumerate(chart.series):
                value = series.values[index] if index < len(series.values) else 0
                reach = scaled(value, highest, plot.height())
                if chart.kind == "bar":
                    x = centre - group / 2 + number * bar
                    rect = QRectF(x + 1, plot.bottom() - reach, max(bar - 2, 2.0), reach)
                else:
                    point = QPointF(centre, plot.bottom() - reach)
                    rect = QRectF(point.x() - 4, point.y() - 4, 8, 8)
                result.marks.append(Mark(rect, number, index))
                if show_values and (value or chart.kind == "bar"):  # a line's zeros sit on the axis
                    text = self.value_text(value)
                    text_width = metrics.horizontalAdvance(text)
                    result.values.append((QRectF(rect.center().x() - text_width / 2, rect.top() - line - 1,
                                                 text_width + 1, line), text))
        result.height = height

    def title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    # -- events -----------------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._cache = None
            self.updateGeometry()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, _event) -> None:
        from kommandesk.ui.widgets.chart_painter import paint_chart

        painter = QPainter(self)
        try:
            paint_chart(painter, self, self.geometry_for(self.width(), self.height()))
        finally:
            painter.end()

