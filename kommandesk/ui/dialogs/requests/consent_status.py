"""The family's consent (when, and what was agreed) and the request's status with its history.

Without a recorded consent the request cannot be passed to a volunteer. The status changes only through the
"Change status" dialog (with a reason); each change is kept in the history (newest first).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout

from kommandesk.domain.requests import TRANSITIONS, RequestConsent, SupportRequest
from kommandesk.i18n import _
from kommandesk.ui.dialogs.status_history import StatusHistory
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group, hint_label
from kommandesk.ui.widgets.form_field import FieldWithError

STATUS_KIND = {"new": "neutral", "matching": "warn", "assigned": "good", "active": "good", "completed": "neutral",
               "cancelled": "neutral"}


class ConsentStatusSection(Section):
    expands = True
    change_requested = Signal()

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.given_on = self.date_field("consent_given_on", "req_consent_given_on")
        self.agreed = QPlainTextEdit()
        self.agreed.setObjectName("req_consent_agreed")
        self.agreed.setTabChangesFocus(True)
        self.agreed.setPlaceholderText(_("e.g. first name, site and phone number may be passed to the volunteer "
                                         "who helps; contact through the site."))
        self.agreed.setMaximumHeight(self.agreed.fontMetrics().height() * 5 + 16)
        self.agreed.textChanged.connect(self.changed)
        self.agreed_field = FieldWithError(self.agreed)
        self._targets["consent_agreed"] = self.agreed_field

        consent_box = group(_("Consent of the person or family"), "section_request_consent")
        form = form_layout(consent_box)
        add_row(form, _("Given on:"), self.given_on, self.given_on.line)
        add_row(form, _("What was agreed:"), self.agreed_field, self.agreed)
        form.addRow(hint_label(_("Without recorded consent the request cannot be passed to a volunteer.")))

        self.status_box = StatusHistory("req", "section_request_status", self.change_requested)
        self.current, self.change_button, self.history = (self.status_box.current, self.status_box.change_button,
                                                          self.status_box.history)
        self.status_field = self.status_box.field
        self._targets["status"] = self.status_field

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(consent_box)
        left.addStretch(1)
        layout.addLayout(left, 1)
        layout.addWidget(self.status_box.box, 1)
        self.set_tab_order()

    def focus_order(self):
        return [self.given_on.line, self.agreed, self.change_button, self.history]

    def parse_errors(self) -> dict[str, str]:
        errors = super().parse_errors()
        if "consent_given_on" not in errors and self.agreed.toPlainText().strip() and self.given_on.value() is None:
            errors["consent_given_on"] = _("Enter the date the consent was given.")
        return errors

    def load(self, req: SupportRequest) -> None:
        self.given_on.set_value(req.consent.given_on if req.consent else None)
        self.agreed.setPlainText(req.consent.agreed if req.consent else "")
        self.load_status(req)

    def load_status(self, req: SupportRequest) -> None:
        """The status and its history only (after an assignment moved the request on)."""
        self.status_box.show(req.status, req.history, STATUS_KIND, TRANSITIONS)

    def apply(self, req: SupportRequest) -> SupportRequest:
        given_on = self.given_on.value()
        if given_on is None:  # nothing entered, or not a date (parse_errors says so)
            return dataclasses.replace(req, consent=None)
        return dataclasses.replace(req, consent=RequestConsent(given_on, self.agreed.toPlainText()))
