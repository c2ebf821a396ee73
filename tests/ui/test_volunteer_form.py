"""The volunteer form: create and edit through the dialog, every refusal beside its field with nothing saved,
the duplicate question, the unsaved-changes question, status changes with their reason, keyboard use."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QTableWidget

from kommandesk.domain.availability import Period
from kommandesk.domain.clearance import Clearance, ClearanceResult
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Mobility, Status
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.widgets.date_field import format_for_edit
from form_opener import form_opener
from ui_helpers import replace_text, type_text

SB = QMessageBox.StandardButton


@pytest.fixture
def service(services):
    return services.volunteers


@pytest.fixture
def open_form(qtbot, service):
    from kommandesk.ui.dialogs.volunteers.volunteer_form import VolunteerDialog

    with form_opener(qtbot) as show:
        def make(volunteer_id: str | None = None):
            vol = service.get(volunteer_id) if volunteer_id else service.new()
            return show(VolunteerDialog(service, vol))

        yield make


def edit(dialog, name: str) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, name)
    assert widget is not None, name
    return widget


def fill_minimum(dialog, first="Ayşe", last="Yılmaz") -> None:
    type_text(edit(dialog, "vol_first_name"), first)
    type_text(edit(dialog, "vol_last_name"), last)


def click_save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def stored_count(service) -> int:
    from kommandesk.services.volunteers import VolunteerQuery

    return service.count(VolunteerQuery(statuses=frozenset(Status)))


def saved_volunteer(service, **changes):
    vol = dataclasses.replace(service.new(), first_name="Jonas", last_name="Becker", town="Köln", postcode="50667",
                              email="jonas@example.org", **changes)
    return service.create(vol)


def years_ago(years: int, days: int = 0) -> dt.date:
    today = dt.date.today()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


# -- creating and editing ------------------------------------------------------------------------------------------

def test_create_a_volunteer_through_the_dialog(qtbot, open_form, service):
    dialog = open_form()
    assert dialog.windowTitle() == "New volunteer"
    fill_minimum(dialog)
    assert dialog.windowTitle() == "New volunteer: Ayşe Yılmaz"
    type_text(edit(dialog, "vol_birth_date"), "2/1/1985")
    type_text(edit(dialog, "vol_email"), "ayse@example.org")
    type_text(edit(dialog, "vol_phone"), "+49 221 123456")
    type_text(edit(dialog, "vol_street"), "Domstraße 1")
    type_text(edit(dialog, "vol_postcode"), "50667")
    type_text(edit(dialog, "vol_town"), "Köln")
    dialog.findChild(QPlainTextEdit, "vol_notes").setPlainText("Prefers mornings.")
    dialog.place.mobility[Mobility.BIKE].click()
    dialog.place.radius.setValue(15)
    assert dialog.languages_areas.languages.add("ar", "native")
    assert dialog.languages_areas.languages.add("de", "C1")
    area_id, box = next(iter(dialog.languages_areas.area_boxes.items()))
    box.click()
    dialog.tabs.setCurrentIndex(2)
    grid = dialog.availability.grid.grid
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(0, Period.MORNING).center())
    dialog.availability.max_assignments.setValue(2)
    assert dialog.dirty

    click_save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = service.get(dialog.saved.id)
    assert saved.reference.startswith("V-")
    assert (saved.first_name, saved.last_name, saved.birth_date) == ("Ayşe", "Yılmaz", dt.date(1985, 2, 1))
    assert (saved.email, saved.phone, saved.street, saved.postcode, saved.town) == (
        "ayse@example.org", "+49 221 123456", "Domstraße 1", "50667", "Köln")
    assert saved.notes == "Prefers mornings."
    assert saved.languages == (LanguageSkill("ar", Level.NATIVE), LanguageSkill("de", Level.C1))
    assert saved.areas == (area_id,)
    assert saved.availability.slots == frozenset({(0, Period.MORNING)})
    assert (saved.max_assignments, saved.travel_radius_km, saved.mobility) == (2, 15, frozenset({Mobility.BIKE}))
    assert saved.status is Status.APPLICANT


def test_edit_keeps_id_and_reference_and_the_title_names_both(qtbot, open_form, service):
    vol = saved_volunteer(service)
    dialog = open_form(vol.id)
    assert dialog.windowTitle() == f"Volunteer: Jonas Becker ({vol.reference})"
    assert edit(dialog, "vol_town").text() == "Köln"
    replace_text(edit(dialog, "vol_town"), "Bonn")
    replace_text(edit(dialog, "vol_postcode"), "53111")

    qtbot.keyClick(edit(dialog, "vol_town"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S

    assert not dialog.isVisible()
    again = service.get(vol.id)
    assert (again.id, again.reference, again.town, again.postcode) == (vol.id, vol.reference, "Bonn", "53111")
    assert stored_count(service) == 1


def test_a_stored_profile_is_shown_in_every_section(open_form, service, german):
    vol = saved_volunteer(
        service, birth_date=dt.date(1990, 5, 17), languages=(LanguageSkill("fa", Level.B2),),
        clearance=Clearance(issued_on=years_ago(1), inspected_on=years_ago(1) + dt.timedelta(days=10),
                            inspected_by="M. Schulz", result=ClearanceResult.NO_RELEVANT_ENTRY),
        consent=Consent(dt.date(2026, 1, 2), frozenset({ConsentPurpose.CONTACT}), "2026-01"))
    dialog = open_form(vol.id)
    assert edit(dialog, "vol_birth_date").text() == "17.05.1990"
    assert dialog.languages_areas.languages.table.item(0, 0).text() == "Persisch"
    assert edit(dialog, "vol_clearance_inspected_by").text() == "M. Schulz"
    expires = format_date(vol.clearance.expires_on(service.policy()))
    assert expires in dialog.clearance.state.text()
    assert dialog.consent.purposes[ConsentPurpose.CONTACT].isChecked()
    assert edit(dialog, "vol_consent_text_version").text() == "2026-01"
    assert not dialog.dirty


# -- refusals beside the field, nothing saved ----------------------------------------------------------------------

def _set(dialog, name, text):
    replace_text(edit(dialog, name), text)


BAD_INPUT = [
    ("email", lambda d: _set(d, "vol_email", "ayse(at)example"), "not a valid email address"),
    ("postcode", lambda d: _set(d, "vol_postcode", "1234"), "five digits"),
    ("birth_date", lambda d: _set(d, "vol_birth_date", format_for_edit(dt.date.today() + dt.timedelta(days=3))),
     "cannot be in the future"),
    ("birth_date", lambda d: _set(d, "vol_birth_date", "31/31/1985"), "not a date"),
    ("clearance_inspected_on", lambda d: (_set(d, "vol_clearance_issued_on", format_for_edit(years_ago(1))),
                                          _set(d, "vol_clearance_inspected_on", format_for_edit(years_ago(1, 5))),
                                          _set(d, "vol_clearance_inspected_by", "M. Schulz")),
     "inspected before it was issued"),
    ("languages", lambda d: d.languages_areas.languages.set_skills([LanguageSkill("xx", Level.B1)]),
     "Unknown language code: xx."),
    ("languages", lambda d: d.languages_areas.languages.set_skills([LanguageSkill("ar", "D5")]),
     "A level is one of A1, A2, B1, B2, C1, C2 or native."),
    ("notes", lambda d: d.findChild(QPlainTextEdit, "vol_notes").setPlainText("x" * 10_000), "At most 5000"),
    ("first_name", lambda d: _set(d, "vol_first_name", "   "), "This field is required."),
    ("phone", lambda d: _set(d, "vol_phone", "call me"), "not a valid phone number"),
    ("consent_given_on", lambda d: d.consent.purposes[ConsentPurpose.PHOTOS].click(), "Enter the date"),
]


@pytest.mark.parametrize("field,make_bad,message", BAD_INPUT, ids=[f"{case[0]}-{i}" for i, case in
                                                                    enumerate(BAD_INPUT)])
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(qtbot, open_form, service, field, make_bad,
                                                                    message):
    dialog = open_form()
    fill_minimum(dialog)
    make_bad(dialog)

    click_save(qtbot, dialog)

    assert message in dialog.error_text(field)
    assert dialog.isVisible()
    assert stored_count(service) == 0
    tab = dialog.tabs.currentWidget()
    assert tab.isAncestorOf(dialog.focusWidget()), "the tab with the first invalid field is shown"
    assert not dialog.tabs.tabIcon(dialog.tabs.currentIndex()).isNull()  # the tab is marked
    assert dialog.message.text().startswith("Not saved")


def test_the_first_invalid_field_gets_the_focus(qtbot, open_form, service):
    dialog = open_form()
    fill_minimum(dialog)
    _set(dialog, "vol_postcode", "1234")
    _set(dialog, "vol_email", "nope")
    dialog.tabs.setCurrentIndex(3)
    click_save(qtbot, dialog)
    assert dialog.tabs.currentIndex() == 0
    assert dialog.focusWidget() is edit(dialog, "vol_email")
    assert dialog.error_text("postcode")
    _set(dialog, "vol_email", "ok@example.org")
    _set(dialog, "vol_postcode", "50667")
    click_save(qtbot, dialog)
    assert stored_count(service) == 1


def test_dates_are_checked_while_typing(qtbot, open_form):
    dialog = open_form()
    future = format_for_edit(dt.date.today() + dt.timedelta(days=400))
    type_text(edit(dialog, "vol_birth_date"), future)
    assert "cannot be in the future" in dialog.error_text("birth_date")
    _set(dialog, "vol_birth_date", "2/1/1985")
    assert dialog.error_text("birth_date") == ""
    type_text(edit(dialog, "vol_clearance_issued_on"), format_for_edit(years_ago(1)))
    type_text(edit(dialog, "vol_clearance_inspected_on"), format_for_edit(years_ago(1, 30)))
    assert "inspected before it was issued" in dialog.error_text("clearance_inspected_on")


def test_markup_is_stored_and_shown_as_plain_text(qtbot, open_form, service):
    dialog = open_form()
    fill_minimum(dialog, first="<b>Ali</b>", last="=HYPERLINK(\"http://x\")")
    dialog.findChild(QPlainTextEdit, "vol_notes").setPlainText("<i>note</i> =1+1")
    click_save(qtbot, dialog)
    saved = service.get(dialog.saved.id)
    assert (saved.first_name, saved.last_name, saved.notes) == ("<b>Ali</b>", "=HYPERLINK(\"http://x\")",
                                                               "<i>note</i> =1+1")
    again = open_form(saved.id)
    assert again.headline.text() == "<b>Ali</b> =HYPERLINK(\"http://x\")"
    assert again.headline.textFormat() == Qt.TextFormat.PlainText
    for label in again.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText or not label.text(), label.objectName()


# -- duplicates ----------------------------------------------------------------------------------------------------

def test_duplicate_warning_lists_the_likely_duplicates_and_save_anyway_saves(qtbot, open_form, service,
                                                                          answer_dialogs):
    existing = saved_volunteer(service)
    dialog = open_form()
    fill_minimum(dialog, "Jonas", "Becker")
    type_text(edit(dialog, "vol_email"), "JONAS@example.org")
    shown = answer_dialogs(SB.Cancel)
    click_save(qtbot, dialog)
    assert len(shown) == 1
    assert "Jonas Becker" in shown[0]["text"] and existing.reference in shown[0]["text"]
    assert "Köln" in shown[0]["text"]
    assert stored_count(service) == 1 and dialog.isVisible()

    shown = answer_dialogs(SB.Save)
    click_save(qtbot, dialog)
    assert stored_count(service) == 2
    assert dialog.saved.reference != existing.reference


# -- unsaved changes -----------------------------------------------------------------------------------------------

def test_esc_without_changes_closes_without_asking(qtbot, open_form):
    dialog = open_form()
    qtbot.keyClick(edit(dialog, "vol_first_name"), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.saved is None


def test_unsaved_changes_cancel_keeps_the_dialog_open(qtbot, open_form, service, answer_dialogs):
    dialog = open_form()
    fill_minimum(dialog)
    shown = answer_dialogs(SB.Cancel)
    qtbot.keyClick(edit(dialog, "vol_first_name"), Qt.Key.Key_Escape)
    assert shown and shown[0]["title"] == "Unsaved changes"
    assert set(shown[0]["buttons"]) == {SB.Save, SB.Discard, SB.Cancel}
    assert dialog.isVisible()
    assert edit(dialog, "vol_first_name").text() == "Ayşe"


def test_unsaved_changes_discard_closes_and_saves_nothing(qtbot, open_form, service, answer_dialogs):
    dialog = open_form()
    fill_minimum(dialog)
    answer_dialogs(SB.Discard)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert stored_count(service) == 0


def test_unsaved_changes_save_saves_on_close(qtbot, open_form, service, answer_dialogs):
    dialog = open_form()
    fill_minimum(dialog)
    answer_dialogs(SB.Save)
    dialog.close()
    assert not dialog.isVisible()
    assert stored_count(service) == 1


def test_unsaved_changes_save_with_errors_stays_open(qtbot, open_form, service, answer_dialogs):
    dialog = open_form()
    type_text(edit(dialog, "vol_first_name"), "Ayşe")
    answer_dialogs(SB.Save)
    dialog.close()
    assert dialog.isVisible()
    assert dialog.error_text("last_name") == "This field is required."
    assert stored_count(service) == 0


# -- status --------------------------------------------------------------------------------------------------------

@pytest.fixture
def status_dialog(monkeypatch):
    """status_dialog(choose) answers the status dialog: choose(dialog) picks, types and presses OK."""
    from kommandesk.ui.dialogs.volunteers.status_change import StatusChangeDialog

    seen = []

    def install(choose):
        def fake_exec(dialog):
            assert isinstance(dialog, StatusChangeDialog)
            seen.append(dialog)
            choose(dialog)
            return dialog.result()

        monkeypatch.setattr(QDialog, "exec", fake_exec)
        return seen

    return install


def test_only_allowed_changes_are_offered(qtbot, open_form, service, status_dialog):
    vol = saved_volunteer(service)
    dialog = open_form(vol.id)
    seen = status_dialog(lambda d: None)
    qtbot.mouseClick(dialog.status.change_button, Qt.MouseButton.LeftButton)
    offered = [seen[0].status.itemData(i) for i in range(seen[0].status.count())]
    assert offered == ["active", "inactive", "archived"]  # an applicant cannot be paused


def test_status_change_with_reason_appears_in_the_history(qtbot, open_form, service, status_dialog):
    vol = saved_volunteer(service, consent=Consent(dt.date.today(), frozenset({ConsentPurpose.CONTACT}), "v1"))
    dialog = open_form(vol.id)

    def choose(d):
        d.choose(Status.ACTIVE)
        assert not d.status_field.error.isVisibleTo(d)
        qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
        assert d.reason_field.error.text() == "Please give a reason."  # a reason is asked for
        type_text(d.reason, "Consent received, first meeting held")
        qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)

    status_dialog(choose)
    qtbot.mouseClick(dialog.status.change_button, Qt.MouseButton.LeftButton)

    assert service.get(vol.id).status is Status.ACTIVE
    history = dialog.status.history
    assert history.item(0, 1).text() == "active"
    assert history.item(0, 2).text() == "Consent received, first meeting held"
    assert history.item(0, 0).text() == format_date(dt.date.today())
    assert dialog.status.current.text() == "active"
    assert "active" in dialog.status_badge.text()
    assert dialog.saved.status is Status.ACTIVE


def test_active_without_consent_is_refused_with_the_reason(qtbot, open_form, service, status_dialog):
    vol = saved_volunteer(service)
    dialog = open_form(vol.id)
    results = {}

    def choose(d):
        d.choose(Status.ACTIVE)
        results["before"] = d.status_field.error.text()
        type_text(d.reason, "wants to start")
        results["accepted"] = d.try_accept()
        results["after"] = d.status_field.error.text()

    status_dialog(choose)
    qtbot.mouseClick(dialog.status.change_button, Qt.MouseButton.LeftButton)

    assert "without recorded consent cannot be active" in results["before"]
    assert results["accepted"] is False
    assert results["after"] == "A volunteer without recorded consent cannot be active."
    assert service.get(vol.id).status is Status.APPLICANT
    assert dialog.status.history.rowCount() == 1


def test_changing_the_status_of_an_unsaved_profile_saves_it_first(qtbot, open_form, service, status_dialog,
                                                                  answer_dialogs):
    dialog = open_form()
    fill_minimum(dialog)
    dialog.consent.given_on.line.setText(format_for_edit(dt.date.today()))
    type_text(edit(dialog, "vol_consent_text_version"), "v1")
    shown = answer_dialogs(SB.Save)

    def choose(d):
        d.choose(Status.ACTIVE)
        type_text(d.reason, "consent given")
        d.try_accept()

    status_dialog(choose)
    qtbot.mouseClick(dialog.status.change_button, Qt.MouseButton.LeftButton)
    assert shown and "saved before" in shown[0]["text"]
    assert stored_count(service) == 1
    assert service.get(dialog.saved.id).status is Status.ACTIVE
    assert dialog.windowTitle().endswith(f"({dialog.saved.reference})")


# -- what follows from the values ----------------------------------------------------------------------------------

def test_minor_badge_follows_the_date_of_birth(qtbot, open_form):
    dialog = open_form()
    assert not dialog.personal.minor.isVisibleTo(dialog)
    type_text(edit(dialog, "vol_birth_date"), format_for_edit(years_ago(16)))
    assert dialog.personal.minor.isVisibleTo(dialog)
    assert dialog.minor_badge.isVisibleTo(dialog)
    _set(dialog, "vol_birth_date", format_for_edit(years_ago(18)))
    assert not dialog.personal.minor.isVisibleTo(dialog)


def test_clearance_state_follows_the_dates_and_warns_about_an_old_certificate(qtbot, open_form, service):
    dialog = open_form()
    dialog.tabs.setCurrentIndex(3)
    assert dialog.clearance.state.text() == "none"
    issued = years_ago(1)
    type_text(edit(dialog, "vol_clearance_issued_on"), format_for_edit(issued))
    type_text(edit(dialog, "vol_clearance_inspected_on"), format_for_edit(issued + dt.timedelta(days=120)))
    type_text(edit(dialog, "vol_clearance_inspected_by"), "M. Schulz")
    dialog.clearance.result.setCurrentIndex(dialog.clearance.result.findData("no_relevant_entry"))
    dialog.clearance.result.activated.emit(dialog.clearance.result.currentIndex())
    expires = format_date(issued.replace(year=issued.year + 5))
    assert dialog.clearance.state.text() == f"valid until {expires}"
    assert dialog.clearance.state.kind == "good"
    assert "more than 3 months old" in dialog.warnings.text()
    assert "No copy of the certificate is kept" in dialog.clearance.no_copy.text()

    _set(dialog, "vol_clearance_issued_on", format_for_edit(years_ago(6)))
    _set(dialog, "vol_clearance_inspected_on", format_for_edit(years_ago(6) + dt.timedelta(days=10)))
    assert dialog.clearance.state.text().startswith("expired on")
    assert dialog.clearance.state.kind == "bad"
    _set(dialog, "vol_clearance_issued_on", format_for_edit(years_ago(5) + dt.timedelta(days=30)))
    _set(dialog, "vol_clearance_inspected_on", format_for_edit(years_ago(5) + dt.timedelta(days=40)))
    assert dialog.clearance.state.text().startswith("expiring soon")


def test_deletion_date_is_shown_once_the_activity_has_ended(qtbot, open_form, service):
    vol = saved_volunteer(service, clearance=Clearance(
        issued_on=years_ago(1), inspected_on=years_ago(1), inspected_by="M. Schulz",
        result=ClearanceResult.NO_RELEVANT_ENTRY))
    dialog = open_form(vol.id)
    assert dialog.clearance.deletion_due.isHidden()
    dialog.close()
    service.change_status(vol.id, Status.INACTIVE, "moved away")
    dialog = open_form(vol.id)
    due = service.get(vol.id).clearance_deletion_due(service.policy())
    assert format_date(due) in dialog.clearance.deletion_due.text()
    assert not dialog.clearance.deletion_due.isHidden()


def test_retired_area_is_shown_only_where_it_was_chosen(open_form, service):
    areas = service.areas()
    service.retire_area(areas[0].id)
    with_area = saved_volunteer(service, areas=(areas[0].id,))
    dialog = open_form(with_area.id)
    assert areas[0].id in dialog.languages_areas.area_boxes
    assert "(retired)" in dialog.languages_areas.area_boxes[areas[0].id].text()
    assert dialog.languages_areas.area_boxes[areas[0].id].isChecked()
    dialog.close()
    fresh = open_form()
    assert areas[0].id not in fresh.languages_areas.area_boxes


def test_german_form(german, qtbot, open_form, service):
    dialog = open_form()
    assert dialog.personal.gender.currentText() == "keine Angabe"
    fill_minimum(dialog)
    type_text(edit(dialog, "vol_birth_date"), "01.02.1985")
    click_save(qtbot, dialog)
    assert service.get(dialog.saved.id).birth_date == dt.date(1985, 2, 1)


# -- keyboard ------------------------------------------------------------------------------------------------------

def test_tab_order_follows_the_form(qtbot, open_form):
    dialog = open_form()
    order = ["vol_first_name", "vol_last_name", "vol_birth_date", "vol_gender", "vol_email", "vol_phone",
             "vol_registered_on", "vol_street", "vol_postcode", "vol_town", "vol_travel_radius"]
    edit(dialog, order[0]).setFocus()
    for expected in order[1:]:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        focused = dialog.focusWidget()
        name = focused.objectName() or (focused.parentWidget().objectName() if focused.parentWidget() else "")
        assert name == expected


def test_alt_number_opens_a_tab(qtbot, open_form):
    dialog = open_form()
    qtbot.keyClick(edit(dialog, "vol_first_name"), Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentIndex() == 3
    assert dialog.focusWidget() is edit(dialog, "vol_clearance_issued_on")


def test_notes_do_not_trap_the_tab_key(qtbot, open_form):
    dialog = open_form()
    notes = dialog.findChild(QPlainTextEdit, "vol_notes")
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is not notes
    assert "\t" not in notes.toPlainText()


# -- the entry point the Volunteers page calls ---------------------------------------------------------------------

def test_edit_volunteer_returns_the_saved_profile_or_none(qtbot, service, monkeypatch):
    from kommandesk.ui.dialogs.volunteers import volunteer_form

    def save_it(dialog):
        type_text(edit(dialog, "vol_first_name"), "Mina")
        type_text(edit(dialog, "vol_last_name"), "Rahimi")
        dialog.save_and_close()
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", save_it)
    saved = volunteer_form.edit_volunteer(None, service, None)
    assert saved is not None and saved.full_name == "Mina Rahimi"

    monkeypatch.setattr(QDialog, "exec", lambda dialog: dialog.reject() or dialog.result())
    assert volunteer_form.edit_volunteer(None, service, saved.id) is None


def test_edit_volunteer_of_an_unknown_id_says_so(qtbot, service, answer_dialogs):
    from kommandesk.ui.dialogs.volunteers import volunteer_form

    shown = answer_dialogs(SB.Ok)
    assert volunteer_form.edit_volunteer(None, service, "no-such-id") is None
    assert "does not exist" in shown[0]["text"]


def test_the_status_tab_lists_the_volunteers_assignments_with_their_hours(services, open_form):
    from request_data import assigned

    req, vol, assignment = assigned(services)
    services.requests.log_hours(assignment.id, dt.date.today(), 90, "Escort to the immigration office")
    services.requests.log_hours(assignment.id, dt.date.today(), 60)
    dialog = open_form(vol.id)
    table = dialog.findChild(QTableWidget, "vol_assignments")
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == f"{req.reference}: Farida"
    assert table.item(0, 1).text() == "proposed"
    assert table.item(0, 3).text() == "2.5 h"
    assert dialog.findChild(QLabel, "vol_total_hours").text() == "Hours in total: 2.5 h"


def test_a_volunteer_without_assignments_says_so(services, open_form):
    from request_data import make_volunteer

    dialog = open_form(make_volunteer(services).id)
    assert dialog.findChild(QTableWidget, "vol_assignments").rowCount() == 0
    assert dialog.findChild(QLabel, "vol_total_hours").text() == "No assignments yet."
