"""Registering people for a course from the Trainings page: the search picker (folded names, Enter registers),
the waiting list beyond the places, a new person who becomes an applicant, and cancelling, which moves the first
on the waiting list up and says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kommandesk.domain.trainings import RegistrationStatus
from kommandesk.domain.volunteers import Status
from kommandesk.services.volunteers import VolunteerQuery
from training_data import course, people, person
from ui_helpers import type_text


@pytest.fixture
def dialog(qtbot, services):
    from kommandesk.ui.dialogs.trainings.register_dialog import RegisterDialog

    def make(course_id):
        made = RegisterDialog(services.trainings, services.volunteers, course_id)
        qtbot.addWidget(made)
        made.show()
        return made

    return make


def statuses(services, course_id):
    return {f"{p.first_name} {p.last_name}": (p.status, p.position)
            for p in services.trainings.participants(course_id)}


def test_typing_a_few_letters_finds_the_person_and_enter_registers(qtbot, services, dialog):
    made = course(services, capacity=2)
    people(services)
    shown = dialog(made.id)
    type_text(shown.search, "sukru")
    shown.flush_search()
    assert shown.model.rowCount() == 1 and "Yılmaz" in shown.model.item(0, 0).text()
    QTest.keyClick(shown.search, Qt.Key.Key_Return)
    assert statuses(services, made.id) == {"Şükrü Yılmaz": (RegistrationStatus.REGISTERED, None)}
    assert shown.message.text() == "Şükrü Yılmaz is registered."
    assert shown.search.text() == ""
    row = next(n for n in range(shown.model.rowCount()) if "Yılmaz" in shown.model.item(n, 0).text())
    assert not shown.model.item(row, 0).isEnabled() and "already signed up" in shown.model.item(row, 0).text()


def test_beyond_the_places_people_go_on_the_waiting_list_in_order(qtbot, services, dialog):
    made = course(services, capacity=1)
    anna, sukru, jan = people(services)
    shown = dialog(made.id)
    for vol in (anna, jan, sukru):
        assert shown.select_volunteer(vol.id)
        assert shown.register_chosen()
    assert "waiting list, place 2" in shown.message.text()
    assert statuses(services, made.id) == {"Anna Berg": (RegistrationStatus.REGISTERED, None),
                                           "Jan Nowak": (RegistrationStatus.WAITING, 1),
                                           "Şükrü Yılmaz": (RegistrationStatus.WAITING, 2)}
    assert len(shown.registered) == 3


def test_someone_already_registered_cannot_be_registered_twice(qtbot, services, dialog):
    made = course(services)
    anna = people(services)[0]
    services.trainings.register(made.id, anna.id)
    shown = dialog(made.id)
    assert shown.select_volunteer(anna.id)
    assert shown.chosen() is None and not shown.register_button.isEnabled()
    assert not shown.register_chosen()
    assert len(services.trainings.participants(made.id)) == 1


def test_a_new_person_is_saved_as_an_applicant_and_registered(qtbot, services, dialog):
    made = course(services)
    shown = dialog(made.id)
    shown.first_name.editor.setText("Łucja")
    shown.last_name.editor.setText("Wójcik")
    shown.email.editor.setText("lucja@example.org")
    assert shown.register_new()
    (participant,) = services.trainings.participants(made.id)
    assert (participant.first_name, participant.last_name) == ("Łucja", "Wójcik")
    assert services.volunteers.get(participant.volunteer_id).status is Status.APPLICANT
    assert shown.first_name.editor.text() == ""


def test_a_new_person_without_a_last_name_is_not_saved(qtbot, services, dialog):
    made = course(services)
    shown = dialog(made.id)
    shown.first_name.editor.setText("Łucja")
    assert not shown.register_new()
    assert shown.last_name.error.text() or shown.message.text()
    assert services.trainings.participants(made.id) == []
    assert services.volunteers.count(VolunteerQuery()) == 0


def test_a_likely_duplicate_is_asked_about_and_nothing_is_saved_when_declined(qtbot, services, dialog, monkeypatch):
    from kommandesk.ui.dialogs.volunteers import duplicates

    made = course(services)
    person(services, "Anna", "Berg", "anna@example.org")
    asked = []
    monkeypatch.setattr(duplicates, "confirm_duplicates", lambda parent, rows: asked.append(rows) or False)
    shown = dialog(made.id)
    shown.first_name.editor.setText("Anna")
    shown.last_name.editor.setText("Berg")
    shown.email.editor.setText("anna@example.org")
    assert not shown.register_new()
    assert asked and services.trainings.participants(made.id) == []
    monkeypatch.setattr(duplicates, "confirm_duplicates", lambda parent, rows: True)
    assert shown.register_new()
    assert len(services.trainings.participants(made.id)) == 1


def test_cancelling_moves_the_first_on_the_waiting_list_up_and_says_so(qtbot, services, paths):
    from kommandesk.ui.pages.trainings_page import TrainingsPage

    made = course(services, capacity=1)
    anna, sukru, jan = people(services)
    for vol in (anna, sukru, jan):
        services.trainings.register(made.id, vol.id)
    page = TrainingsPage(services.trainings, services.volunteers, paths=paths)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.open_course(made.id)
    tab = page.detail.participants
    texts = [tab.model.text(item, 2) for item in tab.rows()]
    assert texts == ["registered", "waiting list, place 1", "waiting list, place 2"]
    said = tab.cancel(tab.rows()[0].registration_id, "ill")
    assert said == "Anna Berg's registration was cancelled; Şükrü Yılmaz moved up from the waiting list."
    assert page.detail_status.text() == said
    assert [tab.model.text(item, 2) for item in tab.rows()] == ["registered", "waiting list, place 1"]
    assert "1 of 1, 1 waiting" in tab.counts.text()
    tab.show_cancelled.setChecked(True)
    assert any(item.status is RegistrationStatus.CANCELLED for item in tab.rows())
    assert "1 of 1, 1 waiting" in page.model.text(page.model.row_at(0), 6)
