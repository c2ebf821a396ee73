"""Asks for a new status and the reason, offering only the steps the lifecycle allows: one dialog for a
volunteer, a request and an assignment (each module sets the object names and the texts around it).

``apply(status, reason)`` does the change through the service; when the service refuses (a ValidationError or
another KommanDeskError), the reason is shown beside the choice and the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.validation import check_length
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import hint_label
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label

MAX_REASON = 500


class ReasonedStatusDialog(QDialog):
    """Subclasses name the widgets: ``object_name`` for the dialog, ``prefix`` + _choice / _reason / _ok."""

    object_name = ""
    prefix = ""
    min_width = 480
    typed_limit = MAX_REASON  # what the reason field takes; longer than MAX_REASON gets a message beside it

    def __init__(self, parent, intro: str, choices: list[Enum], apply: Callable[[Enum, str], object],
                 reason_required: Callable[[Enum], bool], placeholder: str = ""):
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.setWindowTitle(_("Change status"))
        self._apply = apply
        self._required = reason_required
        self._members = {choice.value: choice for choice in choices}
        self.result_value: object = None  # what ``apply`` returned

        self.status = QComboBox()
        self.status.setObjectName(f"{self.prefix}_choice")
        for choice in choices:
            self.status.addItem(choice.label(), choice.value)
        self.status.currentIndexChanged.connect(self._choice_changed)
        self.status_field = FieldWithError(self.status)
        self.reason = QLineEdit()
        self.reason.setObjectName(f"{self.prefix}_reason")
        self.reason.setMaxLength(self.typed_limit)
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
        self.ok_button.setObjectName(f"{self.prefix}_ok")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.min_width)
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
