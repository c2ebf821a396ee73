"""The request form: create and edit through the tabs, each refusal beside its field with nothing saved, live
checks of dates and times, the unsaved-changes question, status changes with a reason, keyboard use."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTime, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox, QWidget

from kommandesk.domain.availability import Period
from kommandesk.domain.languages import Level
from kommandesk.domain.requests import GenderPreference, RequestStatus, Urgency
from kommandesk.services.requests import RequestQuery
from kommandesk.ui.dialogs.requests.when import APPOINTMENT, NO_TIME, WEEKLY
from kommandesk.ui.widgets.date_field import format_for_edit
from form_opener import form_opener
from request_data import TODAY, make_request
from ui_helpers import type_text

SB = QMessageBox.StandardButton


@pytest.fixture
def open_form(qtbot, services):
    from kommandesk.ui.dialogs.requests.request_form import RequestDialog

    with form_opener(qtbot) as show:
        def make(request_id: str | None = None):
            req = services.requests.get(request_id) if request_id else services.requests.new()
            return show(RequestDialog(services.requests, services.volunteers, req))

        yield make


def stored(services) -> int:
    return services.requests.count(RequestQuery())


def type_date(field, value: dt.date) -> None:
    field.line.clear()
    type_text(field.line, format_for_edit(value))


def fill_valid(dialog) -> None:
    type_text(dialog.person.person.editor, "Farida")
    dialog.help.area.setCurrentIndex(1)
    dialog.help.area.activated.emit(1)


def test_a_new_request_is_saved_with_everything_entered(services, open_form, qtbot):
    dialog = open_form()
    assert dialog.windowTitle() == "New request"
    fill_valid(dialog)
    dialog.person.household.setValue(4)
    dialog.person.languages.add("prs")
    dialog.person.languages.add("uk")
    type_text(dialog.person.site.editor, "ZUE Köln")
    type_text(dialog.person.site_contact.editor, "Frau Peters")
    assert dialog.help.languages.add("prs", Level.B1)
    assert dialog.help.languages.add("fa", Level.B2)
    dialog.help.gender.setCurrentIndex(dialog.help.gender.findData("female"))
    dialog.help.children.setChecked(True)
    assert not dialog.help.clearance_hint.isHidden()
    type_text(dialog.help.postcode.editor, "50667")
    dialog.help.urgency.setCurrentIndex(dialog.help.urgency.findData("high"))
    dialog.help.description.setPlainText("Zur Ausländerbehörde begleiten")
    dialog.when.choose_kind(APPOINTMENT)
    type_date(dialog.when.day, TODAY + dt.timedelta(days=3))
    dialog.when.times.start.setTime(QTime(9, 30))
    dialog.when.times.end.setTime(QTime(11, 0))
    type_date(dialog.consent_status.given_on, TODAY)
    dialog.consent_status.agreed.setPlainText("Kontakt über die Unterkunft")
    assert dialog.save(), dialog.message.text()
    assert stored(services) == 1
    req = services.requests.get(dialog.saved.id)
    assert req.reference.startswith("A-") and req.person == "Farida" and req.household_size == 4
    assert req.person_languages == ("prs", "uk")
    assert (req.site, req.site_contact, req.postcode) == ("ZUE Köln", "Frau Peters", "50667")
    assert [(skill.code, skill.level) for skill in req.languages] == [("prs", Level.B1), ("fa", Level.B2)]
    assert req.gender is GenderPreference.FEMALE and req.children and req.urgency is Urgency.HIGH
    assert req.appointment.day == TODAY + dt.timedelta(days=3)
    assert (req.appointment.start, req.appointment.end) == (dt.time(9, 30), dt.time(11, 0))
    assert req.recurrence is None
    assert req.consent.given_on == TODAY and req.consent.agreed == "Kontakt über die Unterkunft"
    assert dialog.windowTitle() == f"Request {req.reference} (Farida)"
    assert not dialog.dirty


def test_weekly_times_are_saved(services, open_form):
    dialog = open_form()
    fill_valid(dialog)
    dialog.when.choose_kind(WEEKLY)
    dialog.when.slots.toggle(1, Period.MORNING)
    dialog.when.slots.toggle(3, Period.EVENING)
    type_date(dialog.when.first_day, TODAY)
    assert dialog.save(), dialog.message.text()
    req = services.requests.get(dialog.saved.id)
    assert req.appointment is None
    assert req.recurrence.slots == frozenset({(1, Period.MORNING), (3, Period.EVENING)})
    assert (req.recurrence.first_day, req.recurrence.last_day) == (TODAY, None)


def test_missing_name_and_area_are_refused_beside_the_fields(services, open_form, qtbot):
    dialog = open_form()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and stored(services) == 0
    assert dialog.error_text("person") == "This field is required."
    assert dialog.error_text("area_id") == "Choose the area of help."
    assert "Not saved" in dialog.message.text()
    assert not dialog.tabs.tabIcon(0).isNull() and not dialog.tabs.tabIcon(1).isNull()
    assert dialog.tabs.tabIcon(2).isNull()
    assert dialog.tabs.currentIndex() == 0 and dialog.person.person.editor.hasFocus()
    # after a refused save every change is checked at once: the message goes as soon as the field is right
    type_text(dialog.person.person.editor, "F. K.")
    assert dialog.error_text("person") == ""
    assert dialog.error_text("area_id") == "Choose the area of help."


@pytest.mark.parametrize("text", ["123456", "K-12"])
def test_a_bad_postcode_is_refused(services, open_form, text):
    dialog = open_form()
    fill_valid(dialog)
    type_text(dialog.help.postcode.editor, text)
    assert not dialog.save()
    assert dialog.error_text("postcode") == "A German postcode has exactly five digits."
    assert stored(services) == 0


def test_an_appointment_that_ends_before_it_starts_is_shown_at_once(services, open_form):
    dialog = open_form()
    fill_valid(dialog)
    dialog.when.choose_kind(APPOINTMENT)
    type_date(dialog.when.day, TODAY + dt.timedelta(days=1))
    dialog.when.times.start.setTime(QTime(14, 0))
    dialog.when.times.end.setTime(QTime(13, 0))
    assert dialog.error_text("appointment") == "The appointment ends before it starts."
    assert not dialog.save() and stored(services) == 0
    assert dialog.tabs.currentIndex() == 2
    dialog.when.times.end.setTime(QTime(15, 0))
    assert dialog.error_text("appointment") == ""
    assert dialog.save()


def test_an_appointment_needs_a_day_and_weekly_times_need_a_first_day_and_a_time(services, open_form):
    dialog = open_form()
    fill_valid(dialog)
    dialog.when.choose_kind(APPOINTMENT)
    assert not dialog.save()
    assert dialog.error_text("appointment_day") == "Enter the day of the appointment."
    dialog.when.choose_kind(WEEKLY)
    assert not dialog.save()
    assert dialog.error_text("appointment_day") == ""
    assert dialog.error_text("recurrence_first_day") == "Weekly times need a first day."
    assert dialog.error_text("recurrence_slots") == "Choose at least one weekly time."
    type_date(dialog.when.first_day, TODAY)
    type_date(dialog.when.last_day, TODAY - dt.timedelta(days=1))
    dialog.when.slots.toggle(0, Period.MORNING)
    assert dialog.error_text("recurrence_last_day") == "The last day is before the first day."
    assert stored(services) == 0
    dialog.when.choose_kind(NO_TIME)
    assert dialog.save()
    assert services.requests.get(dialog.saved.id).recurrence is None


def test_dates_that_are_no_dates_or_in_the_future_are_refused(services, open_form):
    dialog = open_form()
    fill_valid(dialog)
    dialog.person.received_on.line.clear()
    type_text(dialog.person.received_on.line, "31.02.2026x")
    assert not dialog.save()
    assert dialog.error_text("received_on").startswith("This is not a date")
    type_date(dialog.person.received_on, TODAY + dt.timedelta(days=2))
    assert dialog.error_text("received_on") == "The date of the request cannot be in the future."
    dialog.person.received_on.line.clear()
    dialog.person.received_on.line.textEdited.emit("")
    assert not dialog.save()
    assert dialog.error_text("received_on") == "Enter a date."
    assert stored(services) == 0


def test_consent_needs_its_date_and_what_was_agreed(services, open_form):
    dialog = open_form()
    fill_valid(dialog)
    dialog.consent_status.agreed.setPlainText("contact via the site")
    assert not dialog.save()
    assert dialog.error_text("consent_given_on") == "Enter the date the consent was given."
    dialog.consent_status.agreed.setPlainText("")
    type_date(dialog.consent_status.given_on, TODAY)
    assert not dialog.save()
    assert dialog.error_text("consent_agreed") == "Enter what was agreed."
    assert stored(services) == 0


def test_an_existing_request_is_loaded_and_updated(services, open_form):
    req = make_request(services)
    dialog = open_form(req.id)
    assert dialog.person.person.editor.text() == "Farida"
    assert dialog.person.languages.codes() == ("prs", "fa")
    assert dialog.when.chosen_kind() == APPOINTMENT
    assert dialog.when.day.value() == req.appointment.day
    assert dialog.consent_status.history.rowCount() == 1
    assert not dialog.dirty
    dialog.help.postcode.editor.clear()
    type_text(dialog.help.postcode.editor, "40210")
    assert dialog.dirty
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert services.requests.get(req.id).postcode == "40210"


def test_closing_with_changes_asks_first(services, open_form, answer_dialogs):
    req = make_request(services)
    dialog = open_form(req.id)
    type_text(dialog.person.person.editor, "a")
    shown = answer_dialogs(SB.Cancel)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and shown[-1]["title"] == "Unsaved changes"
    answer_dialogs(SB.Discard)
    dialog.reject()
    assert not dialog.isVisible()
    assert services.requests.get(req.id).person == "Farida"


def test_save_in_the_question_saves(services, open_form, answer_dialogs):
    req = make_request(services)
    dialog = open_form(req.id)
    dialog.person.person.editor.clear()
    type_text(dialog.person.person.editor, "Omid")
    answer_dialogs(SB.Save)
    dialog.reject()
    assert not dialog.isVisible()
    assert services.requests.get(req.id).person == "Omid"


def test_escape_without_changes_closes_at_once(services, open_form):
    dialog = open_form(make_request(services).id)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_status_changes_with_a_reason_and_goes_into_the_history(services, open_form, monkeypatch):
    req = make_request(services)
    dialog = open_form(req.id)

    def answer(status_dialog):
        assert [status_dialog.status.itemData(i) for i in range(status_dialog.status.count())] == [
            "matching", "assigned", "cancelled"]
        status_dialog.choose(RequestStatus.MATCHING)
        status_dialog.reason.setText("looking for a volunteer")
        assert status_dialog.try_accept()
        return QDialog.DialogCode.Accepted

    from kommandesk.ui.dialogs.requests.status_change import StatusChangeDialog

    monkeypatch.setattr(StatusChangeDialog, "exec", answer)
    dialog.consent_status.change_button.click()
    assert services.requests.get(req.id).status is RequestStatus.MATCHING
    assert dialog.consent_status.history.item(0, 2).text() == "looking for a volunteer"
    assert dialog.status_badge.text() == "Status: matching"
    assert dialog.saved is not None


def test_a_new_request_is_saved_before_its_status_changes(services, open_form, answer_dialogs):
    dialog = open_form()
    answer_dialogs(SB.Cancel)
    dialog.consent_status.change_button.click()
    assert stored(services) == 0


def test_keyboard_tabs_and_order(services, open_form, qtbot):
    dialog = open_form()
    assert dialog.person.person.editor.hasFocus()
    QTest.keyClick(dialog.person.person.editor, Qt.Key.Key_Tab)
    assert dialog.person.household.hasFocus()
    QTest.keyClick(dialog, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentIndex() == 2
    QTest.keyClick(dialog, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentIndex() == 1 and dialog.help.area.hasFocus()


def test_no_field_asks_for_nationality_religion_or_health(open_form):
    dialog = open_form()
    words = ("nationality", "religion", "health", "ethnic")
    names = [widget.objectName().lower() for widget in dialog.findChildren(QWidget)]
    assert not [name for name in names if any(word in name for word in words)]
    labels = [label.text().lower() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert not [text for text in labels if any(word in text for word in words)]
    assert all(not isinstance(widget, QLineEdit) or "nation" not in widget.placeholderText().lower()
               for widget in dialog.findChildren(QLineEdit))


def test_site_suggestions_come_from_the_stored_sites(services, open_form):
    make_request(services, site="ZUE Bielefeld")
    dialog = open_form()
    completer = dialog.person.site.editor.completer()
    assert "ZUE Bielefeld" in completer.model().stringList()


def test_the_family_languages_are_typed_and_added(services, open_form):
    dialog = open_form()
    languages = dialog.person.languages
    languages.search.lineEdit().setText("Ukrain")
    languages.add_chosen()
    assert languages.codes() == ("uk",)
    languages.list.setCurrentRow(0)
    languages.remove_selected()
    assert languages.codes() == ()


def test_german_texts_and_dates(services, german, open_form):
    req = make_request(services)
    dialog = open_form(req.id)
    assert dialog.when.day.text() == req.appointment.day.strftime("%d.%m.%Y")
