"""The on-screen chart of a report: round ticks, bars and points where their values put them, an empty chart that
says so, long names elided (whole in the tooltip), values formatted in the UI language, colours for dark mode."""

from __future__ import annotations

import math

import pytest

from kommandesk.domain.reports import Chart, Kind, Series

ROUND_MANTISSAS = (1, 2, 2.5, 5)


def chart(kind="bar", categories=("A", "B", "C"), *series, value_kind=Kind.COUNT, title="Things"):
    series = series or (Series("Count", (10, 20, 40)),)
    return Chart("things", title, kind, tuple(categories), tuple(series), value_kind)


@pytest.fixture
def make_chart(qtbot):
    from kommandesk.ui.widgets.chart import ChartWidget

    def make(data: Chart, width: int = 420) -> ChartWidget:
        widget = ChartWidget(data)
        qtbot.addWidget(widget)
        widget.resize(width, widget.sizeHint().height())
        return widget

    return make


def geometry(widget):
    return widget.geometry_for(widget.width(), widget.height())


def is_round(step: float) -> bool:
    power = 10 ** math.floor(math.log10(step))
    return any(math.isclose(step, mantissa * power) for mantissa in ROUND_MANTISSAS) or math.isclose(step, 10 * power)


# -- ticks --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("maximum", [0.3, 1, 3, 7, 10, 13, 34, 99, 101, 118, 612.5, 1234, 2568.25, 96000, 1e7])
@pytest.mark.parametrize("count", [2, 4, 6])
def test_ticks_are_round_numbers_from_zero_past_the_highest_value(maximum, count):
    from kommandesk.ui.widgets.chart import nice_ticks

    ticks = nice_ticks(maximum, count)

    assert ticks[0] == 0
    assert ticks[-1] >= maximum
    assert ticks[-2] < maximum  # no tick more than needed
    step = ticks[1] - ticks[0]
    assert is_round(step), (maximum, ticks)
    assert all(math.isclose(b - a, step) for a, b in zip(ticks, ticks[1:]))
    assert len(ticks) - 1 <= 2 * count + 1


def test_counts_get_whole_ticks_and_money_whole_euros():
    from kommandesk.ui.widgets.chart import axis_ticks, nice_ticks

    assert nice_ticks(3, 5, whole=True) == [0, 1, 2, 3]  # not 0, 0.5, 1 ... for three volunteers
    assert nice_ticks(2.2, 5, whole=True) == [0, 1, 2, 3]
    assert axis_ticks(7, Kind.COUNT, 5) == [0, 2, 4, 6, 8]
    assert axis_ticks(0.4, Kind.HOURS, 4) == [0, 0.1, 0.2, 0.3, 0.4]
    money = axis_ticks(104000, Kind.MONEY, 5)  # 1,040.00 EUR in cents
    assert money == [0, 25000, 50000, 75000, 100000, 125000]
    assert all(tick % 100 == 0 for tick in money)


def test_nothing_to_show_still_has_an_axis():
    from kommandesk.ui.widgets.chart import nice_ticks

    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(-3) == [0, 1]
    assert nice_ticks(float("nan")) == [0, 1]


def test_scaled_lengths_are_proportional_and_stay_on_the_axis():
    from kommandesk.ui.widgets.chart import label_every, scaled

    assert scaled(10, 40, 200) == 50
    assert scaled(40, 40, 200) == 200
    assert scaled(0, 40, 200) == 0
    assert scaled(-5, 40, 200) == 0
    assert scaled(80, 40, 200) == 200
    assert scaled(5, 0, 200) == 0  # no division by zero
    assert label_every(60, 35) == 2
    assert label_every(20, 35) == 1
    assert label_every(20, 0) == 1


# -- geometry -----------------------------------------------------------------------------------------------------
def test_bars_are_as_long_as_their_values(make_chart):
    widget = make_chart(chart("bar", ("Escort to offices and doctors", "Language mentoring", "Childcare")))
    shape = geometry(widget)

    assert shape.horizontal  # the names do not fit under bars
    widths = [mark.rect.width() for mark in shape.marks]
    assert widths[1] == pytest.approx(2 * widths[0])
    assert widths[2] == pytest.approx(4 * widths[0])
    top = shape.ticks[-1][0]
    assert top >= 40
    assert widths[2] == pytest.approx(shape.plot.width() * 40 / top)
    assert all(mark.rect.left() == pytest.approx(shape.plot.left()) for mark in shape.marks)
    assert [text for _rect, text in shape.values] == ["10", "20", "40"]
    tick_positions = [position for _value, position, _label in shape.ticks]
    assert tick_positions == sorted(tick_positions)
    assert tick_positions[-1] == pytest.approx(shape.plot.right())


def test_short_names_stand_under_upright_bars(make_chart):
    widget = make_chart(chart("bar", ("A", "B", "C")))
    shape = geometry(widget)

    assert not shape.horizontal
    heights = [mark.rect.height() for mark in shape.marks]
    assert heights[1] == pytest.approx(2 * heights[0])
    assert heights[2] == pytest.approx(4 * heights[0])
    assert all(mark.rect.bottom() == pytest.approx(shape.plot.bottom()) for mark in shape.marks)


def test_line_points_rise_with_their_values_and_months_do_not_overlap(make_chart):
    months = tuple(f"Month {n:02d} 2026" for n in range(1, 13))
    values = tuple(float(n) for n in range(12))
    widget = make_chart(chart("line", months, Series("Hours", values), value_kind=Kind.HOURS), width=360)
    shape = geometry(widget)

    points = [mark.rect.center() for mark in shape.marks]
    assert len(points) == 12
    assert [p.x() for p in points] == sorted(p.x() for p in points)
    rise = [points[0].y() - p.y() for p in points]
    assert rise[0] == pytest.approx(0)
    for n in range(1, 12):
        assert rise[n] == pytest.approx(n * rise[1])
    names = [rect for rect, _text, _index in shape.names]
    assert 1 < len(names) < 12  # every n-th month named
    assert all(a.right() <= b.left() for a, b in zip(names, names[1:]))


def test_two_series_have_a_legend_and_bars_side_by_side(make_chart):
    data = chart("bar", ("Basic module for all volunteers", "Trauma-sensitive support in everyday life"),
                 Series("Participants", (4, 8)), Series("Hours of attendance", (10.5, 2)), value_kind=Kind.HOURS)
    shape = geometry(make_chart(data))

    assert shape.horizontal
    assert [index for _swatch, _name, index in shape.legend] == [0, 1]
    assert shape.legend[0][1].right() < shape.legend[1][0].left()
    assert len(shape.marks) == 4
    first, second = (m for m in shape.marks if m.category == 0)
    assert first.series == 0 and second.series == 1
    assert second.rect.top() >= first.rect.bottom()  # one under the other, not on top of each other
    assert second.rect.width() == pytest.approx(first.rect.width() * 10.5 / 4)

    upright = geometry(make_chart(chart("bar", ("A", "B"), Series("P", (4, 8)), Series("H", (2, 8)))))
    first, second = (m for m in upright.marks if m.category == 0)
    assert not upright.horizontal and second.rect.left() >= first.rect.right()
    assert first.rect.height() == pytest.approx(2 * second.rect.height())


def test_one_value_fills_the_axis_and_a_lone_point_stands_in_the_middle(make_chart):
    bar = geometry(make_chart(chart("bar", ("Escort",), Series("Count", (3,)))))
    assert len(bar.marks) == 1
    assert [tick for tick, _position, _label in bar.ticks] == [0, 1, 2, 3]
    assert bar.marks[0].rect.height() == pytest.approx(bar.plot.height())

    lying = geometry(make_chart(chart("bar", ("x" * 80,), Series("Count", (3,)))))
    assert lying.horizontal and lying.marks[0].rect.width() == pytest.approx(lying.plot.width())

    line = geometry(make_chart(chart("line", ("Jan 2026",), Series("Count", (5,)))))
    point = line.marks[0].rect.center()
    assert point.x() == pytest.approx(line.plot.center().x())
    top = line.ticks[-1][0]
    assert point.y() == pytest.approx(line.plot.bottom() - line.plot.height() * 5 / top)


def test_very_long_names_are_elided_and_whole_in_the_tooltip(make_chart):
    long_name = "Begleitung zu Ämtern, Ärzten, Behörden, Schulen und Kindergärten im ganzen Kreisgebiet"
    widget = make_chart(chart("bar", (long_name, "Kurz"), Series("Anzahl", (3, 1))), width=420)
    shape = geometry(widget)

    shown = shape.names[0][1]
    assert shown != long_name and shown.endswith("…")
    assert shape.names[0][0].width() <= 420 * 0.4 + 1
    assert shape.names[1][1] == "Kurz"
    assert shape.plot.width() > 100  # the bars keep their room
    tip = widget.tooltip_at(shape.marks[0].rect.center())
    assert long_name in tip and "3" in tip
    assert widget.tooltip_at(shape.names[0][0].center()) == tip  # hovering the name says the same


def test_an_empty_chart_draws_no_bars_and_says_so(make_chart, qtbot):
    from kommandesk.ui.widgets.chart import MIN_SIZE

    for data in (chart("bar", (), Series("Count", ())), chart("bar", ("A", "B"), Series("Count", (0, 0))),
                 chart("line", ("Jan 2026", "Feb 2026"), Series("Hours", (0.0, 0.0)))):
        widget = make_chart(data)
        shape = geometry(widget)
        assert shape.marks == [] and shape.ticks == []
        assert widget.tooltip_at(widget.rect().center()) is None
        assert widget.summary() == "No data in this period."
        assert widget.sizeHint().height() == MIN_SIZE.height()
        assert not widget.grab().isNull()  # painting an empty chart does not fail


def test_the_tooltip_of_a_bar_names_the_category_and_the_formatted_value(make_chart):
    from kommandesk.i18n import set_language

    data = chart("bar", ("Escort", "Housing"), Series("Hours", (1234.5, 2.25)), value_kind=Kind.HOURS)
    set_language("de")
    try:
        widget = make_chart(data)
        shape = geometry(widget)
        assert widget.tooltip_at(shape.marks[0].rect.center()) == "Escort\nHours: 1.234,5"
        assert [text for _rect, text in shape.values] == ["1.234,5", "2,3"]  # 2.25: the half rounded up
        assert all("," not in label or label.endswith(("5", "0")) for _v, _p, label in shape.ticks)
    finally:
        set_language("en")
    assert widget.tooltip_at(widget.rect().topLeft()) is None  # the title is no bar


def test_money_is_shown_in_the_currency(make_chart):
    data = chart("bar", ("Paid",), Series("Paid", (104000,)), value_kind=Kind.MONEY)
    shape = geometry(make_chart(data))
    assert shape.values[0][1] == "€1,040.00"
    assert shape.ticks[1][2].startswith("€") and ".00" not in shape.ticks[1][2]


def test_a_chart_never_gets_smaller_than_readable(make_chart):
    widget = make_chart(chart())
    assert widget.minimumSizeHint().width() >= 250 and widget.minimumSizeHint().height() >= 120
    many = make_chart(chart("bar", tuple(f"Language {n}" for n in range(12)), Series("Count", tuple(range(12)))))
    assert many.sizeHint().height() > widget.sizeHint().height()  # one row per category
    shape = geometry(many)
    rows = [rect for rect, _t, _i in shape.names]
    assert all(a.bottom() <= b.top() + 0.01 for a, b in zip(rows, rows[1:]))


def test_series_colours_stand_out_on_light_and_dark_backgrounds():
    from PySide6.QtGui import QColor, QPalette

    from kommandesk.ui.widgets.chart import series_colours

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    def contrast(a: QColor, b: QColor) -> float:
        light, dark = sorted((luminance(a), luminance(b)), reverse=True)
        return (light + 0.05) / (dark + 0.05)

    for window, base in ((QColor("#efefef"), QColor("#ffffff")), (QColor("#2b2b2b"), QColor("#1e1e1e"))):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, window)
        palette.setColor(QPalette.ColorRole.Base, base)
        for colour in series_colours(palette):
            assert contrast(colour, base) >= 3, (colour.name(), base.name())


def test_a_changed_chart_is_drawn_anew(make_chart):
    widget = make_chart(chart())
    before = geometry(widget)
    widget.set_chart(chart("bar", ("A", "B", "C"), Series("Count", (1, 1, 1))))
    after = geometry(widget)
    assert after is not before
    assert [m.rect.height() for m in after.marks] == pytest.approx([after.plot.height()] * 3)
    assert widget.accessibleName() == "Things"
    assert widget.accessibleDescription() == "A, Count: 1; B, Count: 1; C, Count: 1"
