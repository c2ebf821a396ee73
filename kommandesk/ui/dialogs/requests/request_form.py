"""Create or edit one support request: a modal dialog in tabs, each message beside its field.

Entry point for the Requests page: ``edit_request(parent, requests, volunteers, request_id)`` returns the request
as last saved, or None when nothing was saved.

Tabs (Alt+1..Alt+5): Person, Help, When, Consent and status, Assignments. The strip above the tabs (reference,
status, urgency, children) stays in sight. Dates and times are checked while typed; after a refused Save every
change is checked again at once, so a message goes away as soon as the field is right. Nothing is saved until
the whole request is valid; closing with changes asks first.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialog, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.requests import SupportRequest, Urgency
from kommandesk.i18n import _, current_language
from kommandesk.ui.dialogs.audit_dialog import add_changes_button
from kommandesk.ui.dialogs.form_dialog import FormDialog, clock, run_form
from kommandesk.ui.dialogs.requests.assignments import AssignmentsSection
from kommandesk.ui.dialogs.requests.common import RequestContext
from kommandesk.ui.dialogs.requests.consent_status import STATUS_KIND, ConsentStatusSection
from kommandesk.ui.dialogs.requests.help import HelpSection
from kommandesk.ui.dialogs.requests.person import PersonSection
from kommandesk.ui.dialogs.requests.status_change import request_dialog
from kommandesk.ui.dialogs.requests.when import WhenSection
from kommandesk.ui.dialogs.volunteers.badge import Badge
from kommandesk.ui.widgets.headline import Headline

# checked while typed (the others wait for the first Save)
LIVE_FIELDS = ("received_on", "consent_given_on", "appointment", "appointment_day", "recurrence_first_day",
               "recurrence_last_day")
ASSIGNMENTS_TAB = 4


class RequestDialog(FormDialog):
    def __init__(self, service, volunteers, req: SupportRequest, parent: QWidget | None = None):
        super().__init__(service, req, "request_dialog", parent)
        self._save_tried = False
        self.context = RequestContext(service=service, volunteers=volunteers, today=clock(service),
                                      language=current_language())

        self.person = PersonSection(self.context)
        self.help = HelpSection(self.context)
        self.when = WhenSection(self.context)
        self.consent_status = ConsentStatusSection(self.context)
        self.sections = [self.person, self.help, self.when, self.consent_status]
        for section in self.sections:
            section.changed.connect(self._changed)
            section.dates_edited.connect(self._check_live)
        self.consent_status.change_requested.connect(self.change_status)
        self.assignments = AssignmentsSection(self.context)
        self.assignments.status_changed.connect(self._request_moved_on)

        self.headline = Headline()
        self.headline.setObjectName("req_headline")
        self.reference = Badge(name="req_reference")
        self.status_badge = Badge(name="req_header_status")
        self.urgent_badge = Badge(name="req_header_urgent")
        self.children_badge = Badge(name="req_header_children")
        badges = QHBoxLayout()
        for badge in (self.reference, self.status_badge, self.urgent_badge, self.children_badge):
            badges.addWidget(badge)
        badges.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("req_tabs")
        self.tabs.setDocumentMode(True)
        self._tab_sections = [[self.person], [self.help], [self.when], [self.consent_status]]
        for title, section in ((_("Person"), self.person), (_("Help"), self.help), (_("When"), self.when),
                               (_("Consent and status"), self.consent_status)):
            self._add_tab(title, section)
        self._add_tab(_("Assignments"), self.assignments)
        self._add_tab_shortcuts()
        bottom = self._bottom_row("req", _("Save the request and close (Ctrl+S)"))
        self.changes_button = add_changes_button(self, bottom, "req_changes", "requests", volunteers.store, lambda: (
            self._record.id, f"{self._record.reference} {self._record.person}"))
        from kommandesk.services.privacy import privacy_of
        from kommandesk.ui.dialogs.privacy.common import privacy_button

        self.privacy_button = privacy_button(self, lambda: privacy_of(volunteers), lambda: self._record.reference)
        bottom.insertWidget(0, self.privacy_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(badges)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._finish(self.person.person.editor)

    # -- building -------------------------------------------------------------------------------------------------
    def _add_tab(self, title: str, widget: QWidget) -> None:
        page = QWidget()
        inner = QVBoxLayout(page)
        inner.addWidget(widget, 1)
        self._add_page(page, title)

    def _chain_tab_order(self) -> None:
        for widget in (*self.sections, self.assignments):
            order = [item for item in widget.focus_order() if item is not None]
            for first, second in zip(order, order[1:]):
                QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.save_button, self.cancel_button)

    def _tab_lead(self, index: int):
        return self._tab_sections[index][0] if index < len(self._tab_sections) else self.assignments

    # -- data -----------------------------------------------------------------------------------------------------
    def _load(self, req: SupportRequest) -> None:
        self._save_tried = False
        super()._load(req)
        self.assignments.set_request(req.id)
        self.tabs.setTabEnabled(ASSIGNMENTS_TAB, True)

    @property
    def dirty(self) -> bool:
        return self._dirty or self.assignments.pending()

    def _changed(self) -> None:
        super()._changed()
        if self._save_tried and not self._loading:
            self._check_all()

    def _refresh(self, req: SupportRequest) -> None:
        if req.reference:
            title = _("Request {reference} ({person})").format(reference=req.reference, person=req.person)
        else:
            title = _("New request")
        self.setWindowTitle(title)
        self.headline.setText(_("{reference}: {person}").format(reference=req.reference, person=req.person)
                              if req.reference and req.person else req.reference or _("New request"))
        self.reference.show_as(req.reference or _("not saved yet"), "neutral")
        self.status_badge.show_as(_("Status: {status}").format(status=req.status.label()),
                                  STATUS_KIND.get(req.status.value, "neutral"))
        self.urgent_badge.show_as(_("\u25b2 urgent") if req.urgency is Urgency.HIGH else "", "bad")
        self.children_badge.show_as(_("children involved: clearance required") if req.children else "", "warn")
        self.changes_button.setEnabled(req.id is not None)

    # -- messages beside the fields -------------------------------------------------------------------------------
    def _check_all(self) -> None:
        self.show_errors(self._all_errors(), focus=False)
        if not self._all_errors():
            self.message.clear()

    def _check_live(self) -> None:
        """What the rules think of a typed date or time, at once."""
        if self._loading:
            return
        if self._save_tried:
            self._check_all()
            return
        self._show_live(LIVE_FIELDS, self._all_errors())

    # -- saving ---------------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Create or update the request (and notes typed on the Assignments tab); False, with the messages beside
        the fields and nothing saved, when it cannot be saved."""
        self._save_tried = True
        errors = self._all_errors() if self._dirty or self._record.id is None else {}
        if errors:
            self.show_errors(errors)
            return False
        if self.assignments.pending() and not self.assignments.save_notes():
            self.tabs.setCurrentIndex(ASSIGNMENTS_TAB)
            self._say(_("Not saved: please correct the notes of the assignment."), error=True)
            return False
        if not self._dirty and self._record.id is not None:
            self.saved = self.saved or self._record
            return True
        req = self.value()
        return self._commit(lambda: self._service.create(req) if req.id is None else self._service.update(req))

    def discard(self) -> None:
        self.assignments._pending = False
        super().discard()

    def _unsaved_question(self) -> str:
        return _("This request has changes that are not saved. Save them?")

    # -- status ---------------------------------------------------------------------------------------------------
    def change_status(self) -> None:
        """Ask for the new status and a reason (saved at once; the request is saved first if it has changes)."""
        if not self._saved_first(_("The request must be saved before its status can change. Save it now?")):
            return
        dialog = request_dialog(self, self._service, self._record)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            updated = dialog.result_value
        finally:
            dialog.deleteLater()
        if accepted and updated is not None:
            self._status_changed(updated)

    def _request_moved_on(self) -> None:
        """An assignment's step moved the request on: its status and history, keeping what is typed."""
        try:
            fresh = self._service.get(self._record.id)
        except KommanDeskError:
            return
        self._record = dataclasses.replace(self._record, status=fresh.status, history=fresh.history,
                                           updated_at=fresh.updated_at)
        self.consent_status.load_status(self._record)
        self.saved = self.saved if self._dirty else fresh
        self._refresh(self.value())


def edit_request(parent: QWidget | None, service, volunteers, request_id: str | None) -> SupportRequest | None:
    """Open the form for a new request (``request_id`` None) or an existing one; modal. The request as last
    saved, or None when nothing was saved."""
    return run_form(parent, _("Request"), lambda: service.get(request_id) if request_id else service.new(),
                    lambda req: RequestDialog(service, volunteers, req, parent))
