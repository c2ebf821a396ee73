"""The weekly grid: a click toggles a time, and so does Space after moving with the arrow keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kommandesk.domain.availability import Period
from kommandesk.ui.widgets.availability_grid import AvailabilityGrid, weekday_names


@pytest.fixture
def grid(qtbot):
    widget = AvailabilityGrid()
    qtbot.addWidget(widget)
    widget.resize(700, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, grid, day, period):
    qtbot.mouseClick(grid.grid, Qt.MouseButton.LeftButton, pos=grid.grid.cell_rect(day, period).center())


def test_click_toggles_a_time_on_and_off(qtbot, grid):
    with qtbot.waitSignal(grid.changed, timeout=500):
        click(qtbot, grid, 2, Period.EVENING)
    assert grid.value() == (frozenset({(2, Period.EVENING)}), False)
    click(qtbot, grid, 0, Period.MORNING)
    click(qtbot, grid, 2, Period.EVENING)
    assert grid.value()[0] == frozenset({(0, Period.MORNING)})


def test_arrow_keys_move_and_space_toggles(qtbot, grid):
    grid.grid.setFocus()
    qtbot.keyClick(grid.grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid.grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid.grid, Qt.Key.Key_Down)
    assert grid.grid.current() == (2, Period.AFTERNOON)
    qtbot.keyClick(grid.grid, Qt.Key.Key_Space)
    qtbot.keyClick(grid.grid, Qt.Key.Key_End)
    qtbot.keyClick(grid.grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid.grid, Qt.Key.Key_Down)  # stays on the last row
    qtbot.keyClick(grid.grid, Qt.Key.Key_Space)
    assert grid.value()[0] == frozenset({(2, Period.AFTERNOON), (6, Period.EVENING)})
    qtbot.keyClick(grid.grid, Qt.Key.Key_Space)
    assert grid.value()[0] == frozenset({(2, Period.AFTERNOON)})
    qtbot.keyClick(grid.grid, Qt.Key.Key_Home)
    qtbot.keyClick(grid.grid, Qt.Key.Key_Left)  # stays on Monday
    qtbot.keyClick(grid.grid, Qt.Key.Key_Up)
    qtbot.keyClick(grid.grid, Qt.Key.Key_Up)
    assert grid.grid.current() == (0, Period.MORNING)


def test_the_grid_is_one_tab_stop_then_by_arrangement(qtbot, grid):
    grid.grid.setFocus()
    assert grid.grid.focusPolicy() == Qt.FocusPolicy.StrongFocus
    qtbot.keyClick(grid.grid, Qt.Key.Key_Tab)
    assert grid.by_arrangement.hasFocus()
    qtbot.keyClick(grid.by_arrangement, Qt.Key.Key_Space)
    assert grid.value() == (frozenset(), True)


def test_set_value_shows_it_without_signalling(qtbot, grid):
    with qtbot.assertNotEmitted(grid.changed):
        grid.set_value({(4, Period.MORNING)}, True)
    assert grid.value() == (frozenset({(4, Period.MORNING)}), True)
    assert "Friday morning" in grid.grid.accessibleDescription()


def test_weekday_names_come_from_babel_in_the_ui_language(german):
    assert weekday_names()[0] == "Montag"
    assert weekday_names("abbreviated")[6].startswith("So")
    from kommandesk.i18n import set_language

    set_language("en")
    assert weekday_names()[2] == "Wednesday"
