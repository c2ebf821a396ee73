"""The charts of a report (documents/report.py) as reportlab graphics, with the numbers at their axes and bars.

A bar chart is drawn with horizontal bars: the names of areas of help, languages and funding modules are long and
read better beside a bar than under it. A line chart has the months along the bottom. Two series get a legend.
The colours differ in lightness as well as in hue (a dark petrol blue and a light amber), and the second line is
dashed with square points: a chart printed in black and white still tells its series apart.

Numbers on the axes and at the bars are written in the report's language (babel). A chart with nothing to show
(:attr:`Chart.empty`) gives no drawing: the table below it says there was nothing.

reportlab is imported on first use, never when this module is imported.
"""

from __future__ import annotations

import math

from kommandesk.documents import fonts
from kommandesk.documents.letter import ACCENT, fit_lines
from kommandesk.domain.reports import Chart, Kind, babel_locale, format_value, number_text

SERIES_COLOURS = (ACCENT, (0.93, 0.66, 0.25), (0.55, 0.62, 0.66))  # dark, light, middle: apart in grey too
AXIS_GREY = 0.45
GRID_GREY = 0.86
LABEL_SIZE = 7.5
LEGEND_SIZE = 7.5
BAR_ROW = 17.0  # points a category of one series takes in a bar chart
BAR_ROW_PER_SERIES = 10.5  # ... and of each series when there are more
LINE_HEIGHT = 150.0
LEGEND_HEIGHT = 16.0
MAX_MONTH_LABELS = 12  # more months: only every second (third, ...) month is named


# -- numbers at the axes and bars ------------------------------------------------------------------------------

def axis_text(value: float, kind: Kind, language: str) -> str:
    """A number at an axis or a bar: like :func:`kommandesk.domain.reports.format_value`, whole euros for money, a
    decimal only when needed."""
    if kind is Kind.MONEY:
        from babel.numbers import format_currency

        return format_currency(value / 100, "EUR", format="#,##0\u00a0¤" if language == "de" else "¤#,##0",
                               locale=babel_locale(language), currency_digits=False)
    if kind in (Kind.COUNT, Kind.HOURS, Kind.DAYS):
        return number_text(value, "#,##0.#", language)
    return format_value(value, kind, language)


# -- the drawing -------------------------------------------------------------------------------------------------

def nice_step(largest: float, kind: Kind, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) for about ``ticks`` ticks up to ``largest``; whole numbers
    for counts."""
    if largest <= 0:
        return 1.0
    raw = largest / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)
    return max(step, 1.0) if kind in (Kind.COUNT, Kind.MONEY) else step


def chart_drawing(chart: Chart, language: str, width: float):
    """The chart as a reportlab Drawing ``width`` points wide, or None when it has nothing to show."""
    if chart.empty:
        return None
    from reportlab.graphics.shapes import Drawing

    regular, bold = fonts.register()
    legend = LEGEND_HEIGHT if len(chart.series) > 1 else 0
    if chart.kind == "line":
        drawing = Drawing(width, LINE_HEIGHT + legend)
        drawing.add(_line_chart(chart, language, width, LINE_HEIGHT, regular))
    else:
        per_category = BAR_ROW if len(chart.series) == 1 else BAR_ROW_PER_SERIES * len(chart.series) + 5
        height = per_category * len(chart.categories) + 22
        drawing = Drawing(width, height + legend)
        drawing.add(_bar_chart(chart, language, width, height, regular))
    if legend:
        _legend(drawing, chart, width, drawing.height - LEGEND_SIZE - 2, regular)
    drawing.initialFontName = regular  # the renderer's first font: not reportlab's Helvetica (never embedded)
    return drawing


def _category_label(text: str, font: str, size: float, room: float) -> str:
    line = fit_lines(" ".join(str(text).split()), font, size, room, 1)[0]
    return fonts.visual(line)


def _category_axis(axis, regular: str, anchor: str, dx: float = 0, dy: float = 0) -> None:
    """The names' axis: grey, no ticks, each name ``anchor``-ed (``"e"`` left of a bar, ``"n"`` under a month)
    and moved by ``dx``, ``dy`` away from the axis."""
    from reportlab.lib.colors import Color

    axis.labels.fontName = regular
    axis.labels.fontSize = LABEL_SIZE
    axis.labels.boxAnchor = anchor
    axis.labels.dx = dx
    axis.labels.dy = dy
    axis.strokeColor = Color(AXIS_GREY, AXIS_GREY, AXIS_GREY)
    axis.visibleTicks = 0


def _value_axis(axis, chart: Chart, language: str, regular: str) -> None:
    from reportlab.lib.colors import Color

    largest = max((value for s in chart.series for value in s.values), default=0)
    step = nice_step(largest, chart.value_kind)
    axis.valueMin = 0
    axis.valueStep = step
    axis.valueMax = step * max(1, math.ceil(largest / step - 1e-9))
    axis.labels.fontName = regular
    axis.labels.fontSize = LABEL_SIZE
    axis.labels.fillColor = Color(AXIS_GREY, AXIS_GREY, AXIS_GREY)
    axis.labelTextFormat = lambda value: axis_text(value, chart.value_kind, language)
    axis.strokeColor = Color(GRID_GREY, GRID_GREY, GRID_GREY)
    axis.visibleGrid = 1
    axis.gridStrokeColor = Color(GRID_GREY, GRID_GREY, GRID_GREY)
    axis.gridStrokeWidth = 0.4
    axis.visibleTicks = 0


def _bar_chart(chart: Chart, language: str, width: float, height: float, regular: str):
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.lib.colors import Color
    from reportlab.pdfbase.pdfmetrics import stringWidth

    label_room = min(width * 0.36, max(stringWidth(fonts.visual(str(name)), regular, LABEL_SIZE)
                                       for name in chart.categories) + 2)
    largest_label = max(stringWidth(axis_text(v, chart.value_kind, language), regular, LABEL_SIZE)
                        for s in chart.series for v in s.values)
    bars = HorizontalBarChart()
    bars.x = label_room + 6
    bars.y = 14
    bars.width = width - bars.x - largest_label - 8
    bars.height = height - bars.y - 4
    # reportlab draws the first category at the bottom and, in a group, the first series at the bottom: both go
    # in from the last, so that the first category is at the top as in the table and the first series at the top
    # of its group as in the legend (the axis' reverseDirection and reversePlotOrder misplace the bars)
    bars.data = [list(reversed(s.values)) for s in reversed(chart.series)]
    bars.categoryAxis.categoryNames = [_category_label(name, regular, LABEL_SIZE, label_room)
                                       for name in reversed(chart.categories)]
    _category_axis(bars.categoryAxis, regular, "e", dx=-4)
    _value_axis(bars.valueAxis, chart, language, regular)
    bars.barSpacing = 1
    bars.groupSpacing = 10 if len(chart.series) > 1 else 7  # in tenths of a bar: room between the groups
    count = len(chart.series)
    for index in range(count):
        bars.bars[count - 1 - index].fillColor = Color(*SERIES_COLOURS[index % len(SERIES_COLOURS)])
        bars.bars[count - 1 - index].strokeColor = None
    bars.barLabelFormat = lambda value: axis_text(value, chart.value_kind, language) if value else ""
    bars.barLabels.fontName = regular
    bars.barLabels.fontSize = LABEL_SIZE - 0.5
    bars.barLabels.boxAnchor = "w"
    bars.barLabels.dx = 3
    return bars


def _line_chart(chart: Chart, language: str, width: float, height: float, regular: str):
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.widgets.markers import makeMarker
    from reportlab.lib.colors import Color
    from reportlab.pdfbase.pdfmetrics import stringWidth

    largest = max((v for s in chart.series for v in s.values), default=0)
    step = nice_step(largest, chart.value_kind)
    top = step * max(1, math.ceil(largest / step - 1e-9))
    label_room = max(stringWidth(axis_text(step * n, chart.value_kind, language), regular, LABEL_SIZE)
                     for n in range(int(round(top / step)) + 1))
    lines = HorizontalLineChart()
    lines.x = label_room + 8
    lines.y = 26
    lines.width = width - lines.x - 6
    lines.height = height - lines.y - 6
    lines.data = [list(s.values) for s in chart.series]
    lines.categoryAxis.categoryNames = _month_labels(chart.categories, lines.width / len(chart.categories),
                                                     regular)
    _category_axis(lines.categoryAxis, regular, "n", dy=-4)
    _value_axis(lines.valueAxis, chart, language, regular)
    lines.joinedLines = 1
    for index in range(len(chart.series)):
        colour = Color(*SERIES_COLOURS[index % len(SERIES_COLOURS)])
        line = lines.lines[index]
        line.strokeColor = colour
        line.strokeWidth = 1.8
        marker = makeMarker("FilledCircle" if index == 0 else "FilledSquare")
        marker.size = 3.5
        marker.fillColor = colour
        marker.strokeColor = colour
        line.symbol = marker
        if index:
            line.strokeDashArray = (4, 2)
    return lines


def _month_labels(categories, step_width: float, font: str) -> list[str]:
    """The labels under a line chart: on one line when they fit ("Jan 2026"), else on two ("Sept." over "2026"),
    else only every second (third, ...) one is named."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def widest(labels) -> float:
        return max(stringWidth(part, font, LABEL_SIZE) for label in labels for part in label.split("\n"))

    names = [" ".join(fonts.visual(str(name)).split()) for name in categories]
    every = math.ceil(len(names) / MAX_MONTH_LABELS)
    if every == 1 and widest(names) + 4 > step_width:
        names = [name.rsplit(" ", 1)[0] + "\n" + name.rsplit(" ", 1)[1] if " " in name else name for name in names]
    every = max(every, math.ceil((widest(names) + 4) / step_width))
    room = step_width * every - 4
    return ["\n".join(_category_label(part, font, LABEL_SIZE, room) for part in name.split("\n"))
            if index % every == 0 else "" for index, name in enumerate(names)]


def _legend(drawing, chart: Chart, width: float, y: float, regular: str) -> None:
    """The series' names at the top right, each after a sample of its bar or line."""
    from reportlab.graphics.shapes import Line, Rect, String
    from reportlab.lib.colors import Color
    from reportlab.pdfbase.pdfmetrics import stringWidth

    names = [fonts.visual(" ".join(s.name.split())) for s in chart.series]
    x = width - sum(stringWidth(name, regular, LEGEND_SIZE) + 26 for name in names)
    for index, name in enumerate(names):
        colour = Color(*SERIES_COLOURS[index % len(SERIES_COLOURS)])
        if chart.kind == "line":
            drawing.add(Line(x, y + 2.5, x + 14, y + 2.5, strokeColor=colour, strokeWidth=1.8,
                             strokeDashArray=(4, 2) if index else None))
        else:
            drawing.add(Rect(x + 2, y - 1, 10, 7, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 18, y, name, fontName=regular, fontSize=LEGEND_SIZE,
                           fillColor=Color(0.2, 0.2, 0.2)))
        x += stringWidth(name, regular, LEGEND_SIZE) + 26
