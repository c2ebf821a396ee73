"""The attendance grid of a course: participants x sessions, edited by keyboard and context menu, with the
eligibility at the end of each row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from kommandesk.domain.trainings import Presence, TimeUnit
from attendance_data import make_course

NAMES = (("Anna", "Berg"), ("Jürgen", "Müller"), ("Şükrü", "Yılmaz"))


@pytest.fixture
def course(services):
    return make_course(services, NAMES)


@pytest.fixture
def open_grid(qtbot, services, course):
    from kommandesk.ui.widgets.attendance_grid import AttendanceGrid

    def make() -> AttendanceGrid:
        grid = AttendanceGrid(services.trainings, course[0].id)
        qtbot.addWidget(grid)
        grid.resize(1100, 500)
        grid.show()
        qtbot.waitExposed(grid)
        return grid

    return make


def row_texts(grid, last_name: str) -> list[str]:
    model = grid.model
    row = next(r for r in range(model.rowCount()) if model.participant_at(r).last_name == last_name)
    return [model.index(row, column).data() for column in range(model.columnCount())]


def select(grid, last_name: str, session_number: int) -> None:
    model = grid.model
    row = next(r for r in range(model.rowCount()) if model.participant_at(r).last_name == last_name)
    grid.table.setFocus()
    grid.table.setCurrentIndex(model.index(row, session_number))
    grid.table.selectionModel().select(model.index(row, session_number),
                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)


def saved(services, course, last_name: str, session_number: int):
    _course, sessions, people = course
    return services.trainings.attendance(_course.id).get((sessions[session_number - 1].id,
                                                           people[last_name].registration_id))


def test_the_grid_shows_participants_sessions_and_eligibility(services, course, open_grid):
    _course, sessions, people = course
    services.trainings.record(sessions[0].id, people["Berg"].registration_id, Presence.PRESENT)
    services.trainings.record(sessions[1].id, people["Berg"].registration_id, Presence.PRESENT, minutes=60)
    services.trainings.record(sessions[2].id, people["Berg"].registration_id, Presence.EXCUSED, reason="krank")
    services.trainings.record(sessions[0].id, people["Müller"].registration_id, Presence.ABSENT)
    grid = open_grid()
    model = grid.model
    assert model.rowCount() == 3 and model.columnCount() == 1 + 3 + 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Participant", "1: 3/2/26", "2: 3/9/26", "3: 3/16/26", "Attended / planned (h)", "Percent",
        "Eligible (at least 80%)"]
    assert row_texts(grid, "Berg") == ["Berg, Anna", "✓ present", "◐ 60 min", "○ excused", "2.5 / 4.5", "55%",
                                       "✗ no"]
    assert row_texts(grid, "Müller") == ["Müller, Jürgen", "✗ absent", "", "", "0 / 4.5", "0%", "✗ no"]
    berg = model.row_of(people["Berg"].registration_id)
    assert "Present for 60 of 90 minutes" in model.index(berg, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "Excused: krank" in model.index(berg, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert grid.summary.text() == "0 of 3 participants reach the minimum attendance."


def test_keys_mark_a_cell_and_the_eligibility_follows(qtbot, services, course, open_grid):
    grid = open_grid()
    for number in (1, 2, 3):
        select(grid, "Yılmaz", number)
        qtbot.keyClick(grid.table, Qt.Key.Key_P)
    assert saved(services, course, "Yılmaz", 3).presence is Presence.PRESENT
    assert row_texts(grid, "Yılmaz")[-3:] == ["4.5 / 4.5", "100%", "✓ yes"]
    assert grid.summary.text() == "1 of 3 participants reach the minimum attendance."
    select(grid, "Yılmaz", 2)
    qtbot.keyClick(grid.table, Qt.Key.Key_A)
    assert saved(services, course, "Yılmaz", 2).presence is Presence.ABSENT
    assert row_texts(grid, "Yılmaz")[-3:] == ["3 / 4.5", "66%", "✗ no"]
    qtbot.keyClick(grid.table, Qt.Key.Key_Delete)
    assert saved(services, course, "Yılmaz", 2) is None
    assert row_texts(grid, "Yılmaz")[2] == ""


def test_late_arrival_asks_for_the_minutes_present(qtbot, services, course, open_grid, monkeypatch):
    grid = open_grid()
    asked = []
    monkeypatch.setattr(grid, "ask_minutes", lambda total: asked.append(total) or 75)
    select(grid, "Berg", 1)
    qtbot.keyClick(grid.table, Qt.Key.Key_L)
    assert asked == [90]
    record = saved(services, course, "Berg", 1)
    assert (record.presence, record.minutes) == (Presence.PRESENT, 75)
    assert row_texts(grid, "Berg")[1] == "◐ 75 min"
    monkeypatch.setattr(grid, "ask_minutes", lambda total: None)  # cancelled: nothing changes
    qtbot.keyClick(grid.table, Qt.Key.Key_L)
    assert saved(services, course, "Berg", 1).minutes == 75


def test_too_many_minutes_are_refused_with_a_message_and_nothing_saved(qtbot, services, course, open_grid,
                                                                      monkeypatch, answer_dialogs):
    grid = open_grid()
    shown = answer_dialogs(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(grid, "ask_minutes", lambda total: 200)
    select(grid, "Berg", 1)
    qtbot.keyClick(grid.table, Qt.Key.Key_L)
    assert saved(services, course, "Berg", 1) is None
    assert row_texts(grid, "Berg")[1] == ""
    assert [box["text"] for box in shown] == ["The session lasts only 90 minutes."]


def test_excused_asks_for_the_reason(qtbot, services, course, open_grid, monkeypatch):
    grid = open_grid()
    monkeypatch.setattr(grid, "ask_reason", lambda: " Arzttermin ")
    select(grid, "Müller", 2)
    qtbot.keyClick(grid.table, Qt.Key.Key_E)
    record = saved(services, course, "Müller", 2)
    assert (record.presence, record.reason) == (Presence.EXCUSED, "Arzttermin")
    assert row_texts(grid, "Müller")[2] == "○ excused"


def test_a_whole_session_is_marked_at_once(qtbot, services, course, open_grid):
    grid = open_grid()
    grid.table.setFocus()
    grid.table.selectColumn(1)
    qtbot.keyClick(grid.table, Qt.Key.Key_Return)
    assert all(saved(services, course, name, 1).presence is Presence.PRESENT for _first, name in NAMES)
    assert all(row_texts(grid, name)[1] == "✓ present" for _first, name in NAMES)
    assert all(saved(services, course, name, 2) is None for _first, name in NAMES)


def test_the_context_menu_marks_the_selection(services, course, open_grid):
    grid = open_grid()
    select(grid, "Müller", 3)
    menu = grid.build_menu()
    assert [action.text() for action in menu.actions()] == ["Present", "Present for part…", "Absent", "Excused…",
                                                             "Clear mark"]
    next(a for a in menu.actions() if a.objectName() == "attendance_absent").trigger()
    assert saved(services, course, "Müller", 3).presence is Presence.ABSENT


def test_a_cancelled_session_cannot_be_marked(qtbot, services, course, open_grid):
    services.trainings.cancel_session(course[1][1].id)
    grid = open_grid()
    model = grid.model
    assert model.headerData(2, Qt.Orientation.Horizontal) == "2: 3/9/26\n(cancelled)"
    assert row_texts(grid, "Berg")[2] == "—"
    assert not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsSelectable
    grid.table.setFocus()
    grid.table.setCurrentIndex(model.index(0, 2))
    qtbot.keyClick(grid.table, Qt.Key.Key_P)
    assert services.trainings.attendance(course[0].id) == {}
    assert row_texts(grid, "Berg")[-3] == "0 / 3"  # the cancelled session is not planned time


def test_teaching_units_and_reload(services, qtbot):
    from kommandesk.ui.widgets.attendance_grid import AttendanceGrid

    _course, sessions, people = make_course(services, NAMES, unit=TimeUnit.TEACHING_UNITS, title="Dolmetschen",
                                           place="Raum 2")
    grid = AttendanceGrid(services.trainings, _course.id)
    qtbot.addWidget(grid)
    assert grid.model.headerData(4, Qt.Orientation.Horizontal) == "Attended / planned (TU)"
    assert row_texts(grid, "Berg")[-3] == "0 / 6"  # 3 x 90 minutes = 6 units of 45
    services.trainings.record_many(sessions[0].id, [(people["Berg"].registration_id, Presence.PRESENT, None, "")])
    grid.reload()
    assert row_texts(grid, "Berg")[1] == "✓ present"
    assert row_texts(grid, "Berg")[-3:] == ["2 / 6", "33%", "✗ no"]
