"""Asks for a new status and the reason, offering only the steps the lifecycle allows; for a request and for an
assignment. ``apply(status, reason)`` does the change through the service; when the service refuses (a
ValidationError or another KommanDeskError), the reason is shown beside the choice and the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

from kommandesk.domain import assignments as assignment_rules
from kommandesk.domain import requests as request_rules
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.validation import check_length
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import hint_label
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label

MAX_REASON = 500


class StatusChangeDialog(QDialog):
    def __init__(self, parent, intro: str, choices: list[Enum], apply: Callable[[Enum, str], object],
                 reason_required: Callable[[Enum], bool], placeholder: str = ""):
        super().__init__(parent)
        self.setObjectName("request_status_dialog")
        self.setWindowTitle(_("Change status"))
        self._apply = apply
        self._required = reason_required
        self._members = {choice.value: choice for choice in choices}
        self.result_value: object = None  # what ``apply`` returned

        self.status = QComboBox()
        self.status.setObjectName("request_status_choice")
        for choice in choices:
            self.status.addItem(choice.label(), choice.value)
        self.status.currentIndexChanged.connect(self._choice_changed)
        self.status_field = FieldWithError(self.status)
        self.reason = QLineEdit()
        self.reason.setObjectName("request_status_reason")
        self.reason.setMaxLength(MAX_REASON + 100)
        self.reason.setPlaceholderText(placeholder)
        self.reason_field = FieldWithError(self.reason)
        self.reason_label = plain_label()
        self.reason_label.setBuddy(self.reason)

        form = QFormLayout()
        form.addRow(plain_label(intro, wrap=True))
        label = plain_label(_("New status:"))
        label.setBuddy(self.status)
        form.addRow(label, self.status_field)
        form.addRow(self.reason_label, self.reason_field)
        form.addRow(hint_label(_("The change is saved at once and kept in the history with today's date.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Change status"))
        self.ok_button.setObjectName("request_status_ok")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self._choice_changed()

    def chosen(self):
        return self._members.get(self.status.currentData())

    def choose(self, status: Enum) -> None:
        self.status.setCurrentIndex(self.status.findData(status.value))

    def _choice_changed(self) -> None:
        chosen = self.chosen()
        required = chosen is not None and self._required(chosen)
        self.reason_label.setText(_("Reason:") if required else _("Reason (optional):"))
        self.status_field.set_error(None)

    def try_accept(self) -> bool:
        status = self.chosen()
        reason = self.reason.text().strip()
        problem = _("Please give a reason.") if status is not None and self._required(status) and not reason \
            else check_length(reason, MAX_REASON)
        self.reason_field.set_error(problem)
        if status is None or problem:
            self.reason.setFocus()
            return False
        try:
            self.result_value = self._apply(status, reason)
        except ValidationError as exc:
            self.status_field.set_error(exc.errors.get("status") or exc.message)
            self.status.setFocus()
            return False
        except KommanDeskError as exc:
            self.status_field.set_error(exc.message)
            self.status.setFocus()
            return False
        self.accept()
        return True


def request_choices(current: request_rules.RequestStatus) -> list[request_rules.RequestStatus]:
    return [status for status in request_rules.RequestStatus if status in request_rules.TRANSITIONS[current]]


def assignment_choices(current: assignment_rules.AssignmentStatus) -> list[assignment_rules.AssignmentStatus]:
    return [status for status in assignment_rules.AssignmentStatus
            if status in assignment_rules.TRANSITIONS[current]]


def request_dialog(parent, service, req) -> StatusChangeDialog:
    intro = _("{reference} ({person}) is now: {status}").format(reference=req.reference or "", person=req.person,
                                                                status=req.status.label())
    return StatusChangeDialog(parent, intro, request_choices(req.status),
                              lambda status, reason: service.change_status(req.id, status, reason),
                              lambda _status: True, _("e.g. the family found help elsewhere, moved away"))


def assignment_dialog(parent, service, row) -> StatusChangeDialog:
    """``row``: an AssignmentRow. A reason is needed to decline, cancel or reopen; other steps may have one."""
    closing = assignment_rules.CLOSED | {assignment_rules.AssignmentStatus.ACTIVE} \
        if row.status is assignment_rules.AssignmentStatus.COMPLETED else assignment_rules.CLOSED - {
            assignment_rules.AssignmentStatus.COMPLETED}
    intro = _("{volunteer} for {reference} is now: {status}").format(
        volunteer=row.volunteer_name, reference=row.request_reference, status=row.status.label())
    return StatusChangeDialog(parent, intro, assignment_choices(row.status),
                              lambda status, reason: service.change_assignment_status(row.id, status, reason),
                              lambda status: status in closing, _("e.g. reached by phone, no time after all"))


def change_request_status(parent, service, request_id: str):
    """Ask and change; the updated request, or None when the user cancelled."""
    dialog = request_dialog(parent, service, service.get(request_id))
    try:
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
