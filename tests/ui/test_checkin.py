"""The check-in view of one session: type a few letters, Enter marks present; keyboard only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kommandesk.domain.trainings import Presence
from attendance_data import NAMES, make_course
from ui_helpers import activate, type_text


@pytest.fixture
def course(services):
    return make_course(services)


@pytest.fixture
def open_checkin(qtbot, services, course):
    from kommandesk.ui.dialogs.trainings.checkin import CheckInDialog

    def make(session_number: int = 1) -> CheckInDialog:
        _course, sessions, _people = course
        dialog = CheckInDialog(services.trainings, sessions[session_number - 1].id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        activate(qtbot, dialog)
        return dialog

    return make


def names(dialog) -> list[str]:
    return [dialog.model.entry_at(row).participant.last_name for row in range(dialog.model.rowCount())]


def record(services, course, last_name, session_number=1):
    _course, sessions, people = course
    return services.trainings.attendance(_course.id).get((sessions[session_number - 1].id,
                                                           people[last_name].registration_id))


def test_typing_without_diacritics_finds_the_name_and_enter_marks_present(qtbot, services, course, open_checkin):
    dialog = open_checkin()
    assert dialog.search.hasFocus()
    assert dialog.counts.text().startswith("Present: 0 of 6")
    qtbot.keyClicks(dialog.search, "sukru")
    assert names(dialog) == ["Yılmaz"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert record(services, course, "Yılmaz").presence is Presence.PRESENT
    assert record(services, course, "Yılmaz").minutes is None
    assert dialog.search.text() == ""  # ready for the next one
    assert dialog.model.rowCount() == 6
    assert dialog.counts.text().startswith("Present: 1 of 6")
    assert dialog.feedback.text() == "Yılmaz, Şükrü: present."
    row = dialog.model.row_of(course[2]["Yılmaz"].registration_id)
    assert dialog.model.index(row, 2).data() == "✓ present"


@pytest.mark.parametrize("typed, expected", [("lukas", ["Łukasiewicz"]), ("Łuk", ["Łukasiewicz"]),
                                              ("mueller", ["Müller"]), ("MÜL", ["Müller"]),
                                              ("jo schm", ["Schmidt"])])
def test_the_filter_folds_case_and_diacritics(open_checkin, typed, expected):
    dialog = open_checkin()
    type_text(dialog.search, typed)
    assert names(dialog) == expected


def test_names_starting_with_what_was_typed_come_first(open_checkin):
    dialog = open_checkin()
    type_text(dialog.search, "ma")  # inside "Ahmadi" and "Yılmaz"; "Małgorzata" starts with it
    assert names(dialog) == ["Łukasiewicz", "Ahmadi", "Yılmaz"]


def test_arrows_choose_and_enter_marks_the_chosen_one(qtbot, services, course, open_checkin):
    dialog = open_checkin()
    type_text(dialog.search, "ma")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.search.hasFocus()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert record(services, course, "Ahmadi").presence is Presence.PRESENT
    assert record(services, course, "Łukasiewicz") is None


def test_a_late_arrival_records_the_minutes_present(qtbot, services, course, open_checkin):
    dialog = open_checkin()
    dialog.late.setValue(20)
    type_text(dialog.search, "berg")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    saved = record(services, course, "Berg")
    assert (saved.presence, saved.minutes) == (Presence.PRESENT, 70)
    assert dialog.late.value() == 0  # the next one is on time again
    assert dialog.feedback.text() == "Berg, Anna: present, 20 minutes late."
    row = dialog.model.row_of(course[2]["Berg"].registration_id)
    assert dialog.model.index(row, 2).data() == "◐ present 70 of 90 min"
    assert "late: 1" in dialog.counts.text()


def test_late_by_the_whole_session_is_refused(qtbot, services, course, open_checkin):
    dialog = open_checkin()
    dialog.late.setValue(90)
    type_text(dialog.search, "berg")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert record(services, course, "Berg") is None
    assert "The session lasts only 90 minutes." in dialog.feedback.text()
    assert dialog.search.text() == "berg"  # nothing lost: correct the minutes and press Enter again


def test_keys_in_the_list_mark_absent_excused_and_clear(qtbot, services, course, open_checkin, monkeypatch):
    dialog = open_checkin()
    type_text(dialog.search, "farid")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.late, Qt.Key.Key_Tab)
    assert dialog.table.hasFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_A)
    assert record(services, course, "Ahmadi").presence is Presence.ABSENT
    monkeypatch.setattr(dialog, "ask_reason", lambda name: "  sick  ")
    qtbot.keyClick(dialog.table, Qt.Key.Key_E)
    saved = record(services, course, "Ahmadi")
    assert (saved.presence, saved.reason) == (Presence.EXCUSED, "sick")
    assert "excused: 1" in dialog.counts.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert record(services, course, "Ahmadi") is None
    assert "not marked: 6" in dialog.counts.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_B)  # other letters go back to the name field
    assert dialog.search.hasFocus() and dialog.search.text() == "faridb"


def test_cancelling_the_reason_prompt_records_nothing(qtbot, services, course, open_checkin, monkeypatch):
    dialog = open_checkin()
    monkeypatch.setattr(dialog, "ask_reason", lambda name: None)
    type_text(dialog.search, "berg")
    dialog.excused_button.click()
    assert record(services, course, "Berg") is None


def test_no_match_marks_nobody_and_says_so(qtbot, services, course, open_checkin):
    dialog = open_checkin()
    qtbot.keyClicks(dialog.search, "zzz")
    assert dialog.model.rowCount() == 0
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert services.trainings.attendance(course[0].id) == {}
    assert dialog.feedback.text() == "⚠ Nobody on the list matches “zzz”."


def test_escape_clears_the_name_first(qtbot, open_checkin):
    dialog = open_checkin()
    qtbot.keyClicks(dialog.search, "ber")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert dialog.search.text() == "" and dialog.isVisible()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_cancelled_session_takes_no_attendance(qtbot, services, course, open_checkin):
    services.trainings.cancel_session(course[1][1].id)
    dialog = open_checkin(2)
    assert dialog.cancelled_notice.isVisibleTo(dialog)
    assert not dialog.present_button.isEnabled()
    qtbot.keyClicks(dialog.search, "berg")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert services.trainings.attendance(course[0].id) == {}
    assert "cancelled" in dialog.feedback.text()


def test_only_people_with_a_place_are_listed_not_the_waiting_list(qtbot, services):
    from kommandesk.ui.dialogs.trainings.checkin import CheckInDialog

    _course, sessions, people = make_course(services, capacity=len(NAMES) - 2)
    dialog = CheckInDialog(services.trainings, sessions[0].id)
    qtbot.addWidget(dialog)
    assert dialog.model.total() == len(NAMES) - 2
    waiting = {p.registration_id for p in people.values() if p.position is not None}
    assert len(waiting) == 2
    assert all(dialog.model.row_of(registration_id) == -1 for registration_id in waiting)


def test_marks_made_before_are_shown_and_user_text_stays_plain(qtbot, services, course):
    from kommandesk.ui.dialogs.trainings.checkin import CheckInDialog

    _course, sessions, people = course
    services.trainings.record(sessions[0].id, people["Müller"].registration_id, Presence.EXCUSED,
                              reason="<b>Arzttermin</b>")
    dialog = CheckInDialog(services.trainings, sessions[0].id)
    qtbot.addWidget(dialog)
    row = dialog.model.row_of(people["Müller"].registration_id)
    assert dialog.model.index(row, 2).data() == "○ excused: <b>Arzttermin</b>"
    assert dialog.headline.text() == "Grundkurs Flüchtlingshilfe"
    assert dialog.details.text().startswith("Session 1: Monday, March 2, 2026, 10:00\u202fAM–11:30\u202fAM")
    assert "excused: 1" in dialog.counts.text()
