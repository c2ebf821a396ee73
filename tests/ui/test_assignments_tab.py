"""The Assignments tab of the request form: the volunteers with their assignment's status, the steps along the
lifecycle with a reason (moving the request on), notes and follow-up date, and the hours logged."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from kommandesk.domain.assignments import AssignmentStatus
from kommandesk.domain.requests import RequestStatus
from kommandesk.ui.dialogs.requests.status_change import StatusChangeDialog
from kommandesk.ui.widgets.date_field import format_for_edit
from form_opener import form_opener
from request_data import TODAY, assigned, make_request
from ui_helpers import type_text

SB = QMessageBox.StandardButton
S = AssignmentStatus


@pytest.fixture
def open_form(qtbot, services):
    from kommandesk.ui.dialogs.requests.request_form import ASSIGNMENTS_TAB, RequestDialog

    with form_opener(qtbot) as show:
        def make(request_id: str | None = None):
            req = services.requests.get(request_id) if request_id else services.requests.new()
            dialog = show(RequestDialog(services.requests, services.volunteers, req))
            dialog.open_tab(ASSIGNMENTS_TAB)
            return dialog

        yield make


@pytest.fixture
def step(monkeypatch):
    """step(status, reason): the next status dialog chooses ``status`` with ``reason``; the refusals it met are
    kept in the returned list."""
    refusals: list[str] = []
    plan: dict = {}

    def answer(dialog):
        dialog.choose(plan["status"])
        dialog.reason.setText(plan["reason"])
        if dialog.try_accept():
            return QDialog.DialogCode.Accepted
        refusals.append(dialog.reason_field.error.text() or dialog.status_field.error.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(StatusChangeDialog, "exec", answer)

    def choose(status, reason=""):
        plan.update(status=status, reason=reason)
        return refusals

    return choose


def test_a_new_request_says_to_save_first(open_form):
    dialog = open_form()
    tab = dialog.assignments
    assert not tab.empty.isHidden() and "Save the request first" in tab.empty.text()
    assert tab.table.isHidden()
    assert not tab.hours.add_button.isEnabled()


def test_the_assigned_volunteer_is_listed_with_status_and_hours(services, open_form):
    req, vol, assignment = assigned(services)
    dialog = open_form(req.id)
    tab = dialog.assignments
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 0).text() == f"Anna Berg ({vol.reference})"
    assert tab.table.item(0, 1).text() == "proposed"
    assert tab.table.item(0, 5).text() == "0 h"
    assert tab.selected_id() == assignment.id
    assert "proposed" in tab.history.text()
    assert tab.hours.total.text() == "No hours logged yet."


def test_the_lifecycle_moves_the_request_on(services, open_form, step):
    req, _vol, assignment = assigned(services)
    dialog = open_form(req.id)
    tab = dialog.assignments
    for status in (S.CONTACTED, S.ACCEPTED, S.ACTIVE):
        assert not step(status, "")
        tab.change_status()
        assert services.requests.get_assignment(assignment.id).status is status
    assert tab.table.item(0, 1).text() == "active"
    assert services.requests.get(req.id).status is RequestStatus.ACTIVE
    assert dialog.status_badge.text() == "Status: active"  # the form follows
    assert dialog.consent_status.current.text() == "active"
    assert not dialog.dirty


def test_declining_needs_a_reason_and_puts_the_request_back_to_matching(services, open_form, step):
    req, _vol, assignment = assigned(services)
    dialog = open_form(req.id)
    refusals = step(S.DECLINED, "")
    dialog.assignments.change_status()
    assert refusals == ["Please give a reason."]
    assert services.requests.get_assignment(assignment.id).status is S.PROPOSED
    step(S.DECLINED, "no time after all")
    dialog.assignments.change_status()
    stored = services.requests.get_assignment(assignment.id)
    assert stored.status is S.DECLINED and stored.history[-1].reason == "no time after all"
    assert services.requests.get(req.id).status is RequestStatus.MATCHING
    assert not dialog.assignments.status_button.isEnabled()  # declined is final


def test_notes_and_follow_up_are_saved(services, open_form):
    req, _vol, assignment = assigned(services)
    dialog = open_form(req.id)
    tab = dialog.assignments
    tab.notes.setPlainText("called on Monday")
    type_text(tab.follow_up.line, format_for_edit(TODAY + dt.timedelta(days=7)))
    assert dialog.dirty
    assert tab.save_notes()
    stored = services.requests.get_assignment(assignment.id)
    assert stored.notes == "called on Monday" and stored.follow_up_on == TODAY + dt.timedelta(days=7)
    assert not dialog.dirty
    assert tab.notes_message.text() == "Notes saved."


def test_a_follow_up_that_is_no_date_is_refused(services, open_form):
    req, _vol, assignment = assigned(services)
    dialog = open_form(req.id)
    tab = dialog.assignments
    type_text(tab.follow_up.line, "next week")
    assert not tab.save_notes()
    assert tab.follow_up.error.text().startswith("This is not a date")
    assert services.requests.get_assignment(assignment.id).follow_up_on is None
    assert not dialog.save()  # the form's Save does not pass over it either
    assert dialog.isVisible()


def test_notes_typed_are_saved_with_the_form(services, open_form):
    req, _vol, assignment = assigned(services)
    dialog = open_form(req.id)
    dialog.assignments.notes.setPlainText("meets the family at the site")
    dialog.save_and_close()
    assert not dialog.isVisible()
    assert services.requests.get_assignment(assignment.id).notes == "meets the family at the site"


def test_unsaved_notes_ask_before_closing(services, open_form, answer_dialogs):
    req, _vol, _assignment = assigned(services)
    dialog = open_form(req.id)
    dialog.assignments.notes.setPlainText("x")
    shown = answer_dialogs(SB.Cancel)
    dialog.reject()
    assert dialog.isVisible() and shown[-1]["title"] == "Unsaved changes"


@pytest.mark.parametrize("typed, minutes", [("1,5", 90), ("1:30", 90), ("2", 120), ("45 min", 45)])
def test_hours_are_logged_as_typed(services, open_form, typed, minutes):
    req, _vol, assignment = assigned(services)
    dialog = open_form(req.id)
    hours = dialog.assignments.hours
    type_text(hours.hours, typed)
    type_text(hours.activity, "Behördengang")
    assert hours.add()
    entries = services.requests.hours_of(assignment.id)
    assert [(entry.day, entry.minutes, entry.activity) for entry in entries] == [(TODAY, minutes, "Behördengang")]
    assert hours.table.rowCount() == 1 and hours.hours.text() == ""
    assert dialog.assignments.table.item(0, 5).text() == hours.table.item(0, 1).text()


def test_the_total_adds_every_line(services, open_form):
    req, _vol, _assignment = assigned(services)
    dialog = open_form(req.id)
    hours = dialog.assignments.hours
    for typed in ("1,5", "1:15"):
        type_text(hours.hours, typed)
        assert hours.add()
    assert hours.total.text() == "Total: 2.75 h"
    assert dialog.assignments.table.item(0, 5).text() == "2.75 h"


@pytest.mark.parametrize("typed, message", [("", "Enter the hours."), ("abc", "Type the hours like 1,5 or 1:30."),
                                            ("0", "Enter more than 0 and at most 24 hours."),
                                            ("25", "Enter more than 0 and at most 24 hours.")])
def test_bad_hours_are_refused_beside_the_field(services, open_form, typed, message):
    req, _vol, assignment = assigned(services)
    dialog = open_form(req.id)
    hours = dialog.assignments.hours
    type_text(hours.hours, typed)
    assert not hours.add()
    assert hours.hours_field.error.text() == message
    assert services.requests.hours_of(assignment.id) == []
    assert hours.hours.text() == typed  # kept to correct


def test_hours_on_a_future_day_are_refused(services, open_form):
    req, _vol, assignment = assigned(services)
    dialog = open_form(req.id)
    hours = dialog.assignments.hours
    hours.day.line.clear()
    type_text(hours.day.line, format_for_edit(TODAY + dt.timedelta(days=1)))
    type_text(hours.hours, "1")
    assert not hours.add()
    assert hours.day.error.text() == "Hours cannot be logged for a day in the future."
    assert services.requests.hours_of(assignment.id) == []


def test_a_line_is_deleted_after_asking(services, open_form, answer_dialogs):
    req, _vol, assignment = assigned(services)
    services.requests.log_hours(assignment.id, TODAY, 60, "Begleitung")
    dialog = open_form(req.id)
    hours = dialog.assignments.hours
    assert hours.total.text() == "Total: 1 h"
    hours.table.selectRow(0)
    shown = answer_dialogs(SB.Cancel)
    assert not hours.delete_selected()
    assert shown[-1]["title"] == "Delete hours" and len(services.requests.hours_of(assignment.id)) == 1
    answer_dialogs(SB.Yes)
    assert hours.delete_selected()
    assert services.requests.hours_of(assignment.id) == []
    assert hours.total.text() == "No hours logged yet."


def test_hours_read_in_german(services, open_form, german):
    req, _vol, assignment = assigned(services)
    services.requests.log_hours(assignment.id, TODAY, 90, "")
    dialog = open_form(req.id)
    assert dialog.assignments.hours.table.item(0, 1).text().startswith("1,5")


def test_a_second_request_without_volunteers_says_how_to_find_one(services, open_form):
    req = make_request(services)
    dialog = open_form(req.id)
    assert "No volunteer assigned yet" in dialog.assignments.empty.text()
