"""The Trainings page: the course list (search, status filter), the course detail with its Sessions tab (add,
move, cancel; the room check beside the field; planned time), the Attendance tab, and the documents (sign-in
sheet, calendar file, email to the participants)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from urllib.parse import unquote

import pytest
from PySide6.QtCore import QTime

from kommandesk.domain.organisation import Organisation
from kommandesk.domain.trainings import CourseStatus, TimeUnit
from kommandesk.ui.models.courses_model import Column
from training_data import SOON, course, people, session


@pytest.fixture
def page(qtbot, services, paths):
    from kommandesk.ui.pages.trainings_page import TrainingsPage

    def make():
        made = TrainingsPage(services.trainings, services.volunteers, paths=paths)
        qtbot.addWidget(made)
        made.resize(1100, 700)
        made.show()
        made.refresh()
        return made

    return make


def titles(shown) -> list[str]:
    return [shown.model.row_at(row).title for row in range(shown.model.rowCount())]


def test_the_list_shows_each_course_with_its_figures(services, page):
    made = course(services, capacity=2, funding_tag="KOMM-AN NRW II D", unit=TimeUnit.TEACHING_UNITS)
    session(services, made.id, start=(9, 0), end=(12, 0))
    for vol in people(services):
        services.trainings.register(made.id, vol.id)
    shown = page()
    item = shown.model.row_at(0)
    text = {column: shown.model.text(item, column) for column in Column}
    assert text[Column.REFERENCE] == made.reference
    assert text[Column.PLANNED] == "4 teaching units"
    assert text[Column.PLACES] == "2 of 2, 1 waiting"
    assert text[Column.FUNDING] == "KOMM-AN NRW II D"
    assert text[Column.STATUS] == "planned"
    assert shown.status_line.text() == "1 course"


def test_search_and_status_filter(services, page):
    course(services, title="Dolmetschen für Geflüchtete")
    old = course(services, title="Kinderschutz")
    services.trainings.update_course(dataclasses.replace(services.trainings.get_course(old.id),
                                                        status=CourseStatus.CANCELLED))
    shown = page()
    assert titles(shown) == ["Dolmetschen für Geflüchtete"]  # current courses first
    shown.status.setCurrentIndex(shown.status.findData("every_status"))
    assert sorted(titles(shown)) == ["Dolmetschen für Geflüchtete", "Kinderschutz"]
    shown.search.setText("gefluch")
    shown.flush_search()
    assert titles(shown) == ["Dolmetschen für Geflüchtete"]
    shown.search.setText("nothing like it")
    shown.flush_search()
    assert shown.model.rowCount() == 0 and shown.empty.isVisibleTo(shown)


def test_a_session_that_ends_before_it_starts_or_takes_a_room_is_refused(qtbot, services):
    from kommandesk.ui.dialogs.trainings.session_dialog import SessionDialog, new_session

    other = course(services, title="Other course")
    session(services, other.id, place="Town hall, room 2", start=(18, 0), end=(20, 0))
    made = course(services)
    dialog = SessionDialog(services.trainings, new_session(services.trainings, made.id, "", []))
    qtbot.addWidget(dialog)
    dialog.day.set_value(SOON)
    dialog.times.start.setTime(QTime(14, 0))
    dialog.times.end.setTime(QTime(13, 0))
    assert "ends before it starts" in dialog.error_text("times")
    assert not dialog.save_button.isEnabled() and not dialog.save()
    dialog.times.end.setTime(QTime(19, 0))
    dialog.place.editor.setText("town hall, ROOM 2")
    assert dialog.check() is False
    assert "taken at that time" in dialog.error_text("place")
    assert services.trainings.sessions(made.id) == []
    dialog.place.editor.setText("Town hall, room 3")
    assert dialog.check() and dialog.save()
    assert [row.place for row in services.trainings.sessions(made.id)] == ["Town hall, room 3"]


def test_sessions_tab_adds_moves_and_cancels(services, page, monkeypatch):
    from kommandesk.ui.dialogs.trainings import session_dialog

    made = course(services)
    first = session(services, made.id, start=(18, 0), end=(20, 0))
    shown = page()
    assert shown.open_course(made.id)
    tab = shown.detail.sessions
    assert tab.planned.text() == "Planned time: 2 hours"

    def answer(dialog):  # the user moves the session a day later and saves
        dialog.day.set_value(SOON + dt.timedelta(days=1))
        dialog.times.end.setTime(QTime(21, 0))
        dialog.save_and_close()
        return 1

    monkeypatch.setattr(session_dialog.SessionDialog, "exec", answer)
    assert tab.select(first.id)
    tab.edit_chosen()
    (row,) = tab.rows()
    assert (row.day, row.minutes) == (SOON + dt.timedelta(days=1), 180)
    assert tab.planned.text() == "Planned time: 3 hours"
    monkeypatch.setattr(session_dialog.SessionDialog, "exec", lambda dialog: dialog.save_and_close() or 1)
    tab.add()  # a new session a week later, at the same time and place
    assert len(tab.rows()) == 2 and tab.planned.text() == "Planned time: 6 hours"
    assert shown.detail_status.text() == "Session 2 was added."
    assert tab.cancel(first.id, "trainer ill")
    assert [r.cancelled for r in tab.rows()] == [True, False]
    assert tab.planned.text() == "Planned time: 3 hours"
    assert not tab.edit_button.isEnabled()  # a cancelled session is not moved
    assert "planned 3 hours" in shown.detail.summary.text()


def test_attendance_tab_offers_check_in_for_the_days_session(services, page, monkeypatch):
    made = course(services)
    session(services, made.id, day=dt.date.today() + dt.timedelta(days=10))
    today = session(services, made.id, day=dt.date.today(), start=(9, 0), end=(10, 0))
    shown = page()
    shown.open_course(made.id)
    shown.detail.tabs.setCurrentIndex(2)
    tab = shown.detail.attendance
    assert tab.day_session().id == today.id
    assert tab.checkin_button.isEnabled() and "Session 1" in tab.session_line.text()
    assert tab.grid is not None or tab.placeholder.isVisibleTo(tab)
    from kommandesk.ui.dialogs.trainings import checkin

    opened = []
    monkeypatch.setattr(checkin.CheckInDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    tab.checkin_button.click()
    assert len(opened) == 1


def test_the_sign_in_sheet_is_saved_for_the_chosen_session(services, page, tmp_path):
    from kommandesk.ui.pages.course_documents import save_signin_sheet

    made = course(services)
    first = session(services, made.id)
    for vol in people(services):
        services.trainings.register(made.id, vol.id)
    services.organisation.save(Organisation(name="Kommunales Integrationszentrum Köln", street="Domstraße 1",
                                            postcode="50667", town="Köln"))
    target = tmp_path / "sheet.pdf"
    written = save_signin_sheet(None, services.trainings, services.trainings.get_course(made.id),
                                choose=lambda sessions, chosen: (chosen.id, "de"), target=target)
    assert written == target and target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, check=True,
                              text=True).stdout
        assert "Kommunales Integrationszentrum Köln" in text
        assert "Yılmaz" in text and "Nowak" not in text  # Jan Nowak is on the waiting list
    assert first.id


def test_the_calendar_file_holds_every_session(services, page, tmp_path):
    from kommandesk.ui.pages.course_documents import save_calendar

    made = course(services)
    session(services, made.id)
    session(services, made.id, day=SOON + dt.timedelta(days=7))
    target = tmp_path / "course.ics"
    assert save_calendar(None, services.trainings, services.trainings.get_course(made.id),
                         target=target) == target
    assert target.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 2


def test_email_opens_the_mail_program_with_every_address_in_bcc(services, page):
    from kommandesk.ui.pages.course_documents import email_participants

    made = course(services, capacity=1)
    anna, sukru, _jan = people(services)
    services.trainings.register(made.id, anna.id)
    services.trainings.register(made.id, sukru.id)  # on the waiting list: not written to
    opened = []
    said = email_participants(None, services.trainings, services.trainings.get_course(made.id),
                              open_url=lambda url: opened.append(url.toString()))
    (url,) = opened
    assert url.startswith("mailto:") and "anna@example.org" in unquote(url)
    assert "sukru@example.org" not in unquote(url)
    assert said == "Your mail program opens with 1 address in BCC."


def test_enter_opens_the_course_and_back_returns_to_the_list_with_it_chosen(qtbot, services, page):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    course(services, title="Erste Hilfe")
    made = course(services, title="Kinderschutz")
    shown = page()
    shown.search.setText("kinder")
    QTest.keyClick(shown.search, Qt.Key.Key_Return)  # searches at once
    QTest.keyClick(shown.search, Qt.Key.Key_Down)  # into the list, first row chosen
    QTest.keyClick(shown.table, Qt.Key.Key_Return)
    assert shown.stack.currentWidget() is shown.detail
    assert shown.detail.course.id == made.id and "Kinderschutz" in shown.detail.headline.text()
    shown.detail.back_button.click()
    assert shown.stack.currentWidget() is shown.list_view
    assert shown._selected_id() == made.id
