"""Asks for the new status and the reason; offers only the changes the lifecycle allows.

``apply(status, reason)`` does the change (through VolunteerService.change_status); when it refuses (a
ValidationError, e.g. "active" without consent) the reason is shown beside the choice and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

from kommandesk.domain.errors import ValidationError
from kommandesk.domain.validation import check_length
from kommandesk.domain.volunteers import TRANSITIONS, Status
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import hint_label
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label


def allowed_targets(current: Status) -> list[Status]:
    return [status for status in Status if status in TRANSITIONS[current]]


class StatusChangeDialog(QDialog):
    def __init__(self, parent, name: str, current: Status, consent_recorded: bool,
                 apply: Callable[[Status, str], None]):
        super().__init__(parent)
        self.setObjectName("status_change_dialog")
        self.setWindowTitle(_("Change status"))
        self._apply = apply
        self._consent_recorded = consent_recorded

        self.status = QComboBox()
        self.status.setObjectName("status_choice")
        for status in allowed_targets(current):
            self.status.addItem(status.label(), status.value)
        self.status.currentIndexChanged.connect(self._check_choice)
        self.status_field = FieldWithError(self.status)
        self.reason = QLineEdit()
        self.reason.setObjectName("status_reason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(_("e.g. consent received, on parental leave, moved away"))
        self.reason_field = FieldWithError(self.reason)

        form = QFormLayout()
        form.addRow(plain_label(_("{name} is now: {status}").format(name=name, status=current.label()), wrap=True))
        label = plain_label(_("New status:"))
        label.setBuddy(self.status)
        form.addRow(label, self.status_field)
        label = plain_label(_("Reason:"))
        label.setBuddy(self.reason)
        form.addRow(label, self.reason_field)
        form.addRow(hint_label(_("The change is saved at once and kept in the history with today's date.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Change status"))
        self.ok_button.setObjectName("status_ok")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._check_choice()

    def chosen(self) -> Status | None:
        value = self.status.currentData()
        return Status(value) if value else None

    def choose(self, status: Status) -> None:
        self.status.setCurrentIndex(self.status.findData(status.value))

    def _check_choice(self) -> None:
        if self.chosen() is Status.ACTIVE and not self._consent_recorded:
            self.status_field.set_error(_("A volunteer without recorded consent cannot be active.") + " "
                                        + _("Record the consent first (tab Clearance and consent)."))
        else:
            self.status_field.set_error(None)

    def try_accept(self) -> bool:
        status = self.chosen()
        reason = self.reason.text().strip()
        problem = _("Please give a reason.") if not reason else check_length(reason, 500)
        self.reason_field.set_error(problem)
        if status is None or problem:
            self.reason.setFocus()
            return False
        try:
            self._apply(status, reason)
        except ValidationError as exc:
            self.status_field.set_error(exc.errors.get("status") or exc.message)
            self.status.setFocus()
            return False
        self.accept()
        return True
