"""Assign a near miss anyway: the coordinator writes why (required), and the assignment records the failed
rule with that reason. OK stays disabled until something is typed; what the service refuses is shown beside
the field and the dialog stays open, with nothing saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.ui.widgets.form_field import FieldWithError

MAX_REASON = 1000


class OverrideDialog(QDialog):
    def __init__(self, matching, request_id: str, request_reference: str, near_miss, parent=None):
        super().__init__(parent)
        self.setObjectName("override_dialog")
        self.setWindowTitle(_("Assign despite a failed rule"))
        self._matching = matching
        self._request_id = request_id
        self._near_miss = near_miss
        self.assignment = None

        self.intro = QLabel(_("{name} ({reference}) does not meet one rule for {request}:\n{reason}").format(
            name=near_miss.name, reference=near_miss.reference, request=request_reference, reason=near_miss.reason))
        self.intro.setObjectName("override_intro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.prompt = QLabel(_("Write why you assign them anyway. The reason is recorded with the assignment."))
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("override_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(_("e.g. The renewed clearance was shown to us today; the inspection will be recorded tomorrow."))
        self.reason.textChanged.connect(self._changed)
        self.prompt.setBuddy(self.reason)
        self.field = FieldWithError(self.reason)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Assign anyway"))
        self.ok_button.setObjectName("override_ok")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.prompt)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 320)
        self._changed()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _changed(self) -> None:
        if len(self.reason.toPlainText()) > MAX_REASON:
            self.field.set_error(_("At most {limit} characters, please.").format(limit=MAX_REASON))
            self.ok_button.setEnabled(False)
            return
        if self.field.error.text() and self.text():
            self.field.set_error(None)
        self.ok_button.setEnabled(bool(self.text()))

    def confirm(self) -> bool:
        """Record the assignment with the reason; False (and the message beside the field) when refused."""
        if not self.text():
            self.field.set_error(_("Write why you assign despite the failed rule."))
            return False
        try:
            self.assignment = self._matching.assign(self._request_id, self._near_miss.volunteer_id,
                                                    override_reason=self.text())
        except ValidationError as exc:
            self.field.set_error(exc.errors.get("override_reason") or exc.message)
            self.reason.setFocus()
            return False
        except KommanDeskError as exc:
            self.field.set_error(exc.message)
            return False
        self.accept()
        return True


def assign_anyway(parent, matching, request_id: str, request_reference: str, near_miss):
    """Ask for the reason and assign; the Assignment, or None when cancelled."""
    dialog = OverrideDialog(matching, request_id, request_reference, near_miss, parent)
    try:
        dialog.exec()
        return dialog.assignment
    finally:
        dialog.deleteLater()
