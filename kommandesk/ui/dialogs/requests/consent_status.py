"""The family's consent (when, and what was agreed) and the request's status with its history.

Without a recorded consent the request cannot be passed to a volunteer. The status changes only through the
"Change status" dialog (with a reason); each change is kept in the history (newest first).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPlainTextEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kommandesk.domain.requests import TRANSITIONS, RequestConsent, SupportRequest
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.volunteers.badge import Badge
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

        self.current = Badge(name="req_status")
        self.change_button = QPushButton(_("Change status…"))
        self.change_button.setObjectName("req_change_status")
        self.change_button.setAutoDefault(False)
        self.change_button.clicked.connect(self.change_requested)
        status_row = QWidget()
        row = QHBoxLayout(status_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.current)
        row.addWidget(self.change_button)
        row.addStretch(1)
        status_row.setFocusProxy(self.change_button)
        self.status_field = FieldWithError(status_row)
        self._targets["status"] = self.status_field
        self.history = QTableWidget(0, 3)
        self.history.setObjectName("req_history")
        self.history.setHorizontalHeaderLabels([_("Date"), _("Status"), _("Reason")])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(True)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setAccessibleName(_("Status history"))
        status_box = group(_("Status"), "section_request_status")
        status_layout = QVBoxLayout(status_box)
        status_layout.addWidget(self.status_field)
        status_layout.addWidget(self.history, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(consent_box)
        left.addStretch(1)
        layout.addLayout(left, 1)
        layout.addWidget(status_box, 1)
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
        self.current.show_as(req.status.label(), STATUS_KIND.get(req.status.value, "neutral"))
        self.change_button.setEnabled(bool(TRANSITIONS.get(req.status)))
        self.history.setRowCount(0)
        for row, change in enumerate(reversed(req.history)):
            self.history.insertRow(row)
            for column, text in enumerate((format_date(change.on), change.status.label(), change.reason)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.history.setItem(row, column, item)
        self.history.resizeRowsToContents()

    def apply(self, req: SupportRequest) -> SupportRequest:
        given_on = self.given_on.value()
        if given_on is None:  # nothing entered, or not a date (parse_errors says so)
            return dataclasses.replace(req, consent=None)
        return dataclasses.replace(req, consent=RequestConsent(given_on, self.agreed.toPlainText()))
