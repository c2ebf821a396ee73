"""Create or edit one volunteer: a modal dialog in tabs, validated beside each field.

Entry point for the Volunteers page: ``edit_volunteer(parent, service, volunteer_id)`` returns the saved profile,
or None when nothing was saved.

Why tabs and not one long scrolling form: a coordinator opens a profile to look up or change one thing (a phone
number, this week's times, the certificate). Six tabs give every topic a fixed place, reached with one click or
Alt+1..Alt+6, and each tab fits 1100 x 720 without scrolling; the first tab holds what is needed most (person,
address, notes); the strip above the tabs (name, reference, status,
clearance, warnings) stays in sight whichever tab is open. Tabs that hold a message after Save show a warning
icon, and Save opens the first of them at the first invalid field.

The allowances (Ehrenamtspauschale) have the last tab of their own: "Status and history" is full with the status,
the assignments and the trainings, and payments work differently from the rest of the form -- each is saved at
once when recorded or deleted, not with Save, and only for a saved profile (the tab says so).
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from kommandesk.domain.volunteers import Volunteer
from kommandesk.i18n import _, current_language
from kommandesk.ui.dialogs.audit_dialog import add_changes_button
from kommandesk.ui.dialogs.form_dialog import FormDialog, clock, run_form
from kommandesk.ui.dialogs.volunteers.allowances import AllowancesSection
from kommandesk.ui.dialogs.volunteers.availability import AvailabilitySection
from kommandesk.ui.dialogs.volunteers.badge import Badge
from kommandesk.ui.dialogs.volunteers.clearance import ClearanceSection, clearance_text
from kommandesk.ui.dialogs.volunteers.consent import ConsentSection
from kommandesk.ui.dialogs.volunteers.duplicates import confirm_duplicates
from kommandesk.ui.dialogs.volunteers.languages_areas import LanguagesAreasSection
from kommandesk.ui.dialogs.volunteers.notes import NotesSection
from kommandesk.ui.dialogs.volunteers.personal import PersonalSection
from kommandesk.ui.dialogs.volunteers.place import PlaceSection
from kommandesk.ui.dialogs.volunteers.section import FormContext, Section
from kommandesk.ui.dialogs.volunteers.status import STATUS_KIND, StatusSection
from kommandesk.ui.dialogs.volunteers.status_change import StatusChangeDialog
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label

# fields whose messages follow the typing of a date (the others wait for Save)
LIVE_FIELDS = ("birth_date", "registered_on", "absences", "clearance_issued_on", "clearance_inspected_on",
               "clearance_self_commitment_on", "consent_given_on")


class VolunteerDialog(FormDialog):
    def __init__(self, service, volunteer: Volunteer, parent: QWidget | None = None, allowances=None):
        """``allowances``: the AllowanceService (by default one over the volunteer service's database)."""
        super().__init__(service, volunteer, "volunteer_dialog", parent)
        self.context = FormContext(service=service, today=clock(service), policy=service.policy(),
                                   language=current_language())

        self.personal = PersonalSection(self.context)
        self.place = PlaceSection(self.context)
        self.languages_areas = LanguagesAreasSection(self.context)
        self.availability = AvailabilitySection(self.context)
        self.clearance = ClearanceSection(self.context)
        self.consent = ConsentSection(self.context)
        self.status = StatusSection(self.context)
        self.notes = NotesSection(self.context)
        if allowances is None:
            from kommandesk.services.allowances import allowances_of

            allowances = allowances_of(service)
        self.allowances = AllowancesSection(self.context, allowances)
        self.sections: list[Section] = [self.personal, self.place, self.languages_areas, self.availability,
                                        self.clearance, self.consent, self.status, self.notes, self.allowances]
        for section in self.sections:
            section.changed.connect(self._changed)
            section.dates_edited.connect(self._check_dates_live)
        self.status.change_requested.connect(self.change_status)

        # -- header: who this is, always in sight --------------------------------------------------------------
        self.headline = Headline()
        self.headline.setObjectName("vol_headline")
        self.reference = Badge(name="vol_reference")
        self.status_badge = Badge(name="vol_header_status")
        self.clearance_badge = Badge(name="vol_header_clearance")
        self.minor_badge = Badge(_("minor"), "warn", name="vol_header_minor")
        badges = QHBoxLayout()
        for badge in (self.reference, self.status_badge, self.clearance_badge, self.minor_badge):
            badges.addWidget(badge)
        badges.addStretch(1)
        self.warnings = plain_label(wrap=True, name="vol_warnings")
        palette = self.warnings.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
        self.warnings.setPalette(palette)

        # -- tabs --------------------------------------------------------------------------------------------------
        self.tabs = QTabWidget()
        self.tabs.setObjectName("vol_tabs")
        self.tabs.setDocumentMode(True)
        self._tab_sections: list[list[Section]] = []
        self._add_tab(_("Person"), [[self.personal], [self.place]], below=self.notes)
        self._add_tab(_("Languages and areas of help"), [[self.languages_areas]])
        self._add_tab(_("Availability"), [[self.availability]])
        self._add_tab(_("Clearance and consent"), [[self.clearance], [self.consent]])
        self._add_tab(_("Status and history"), [[self.status]])
        self._add_tab(_("Allowances"), [[self.allowances]])
        self._add_tab_shortcuts()

        # -- buttons -----------------------------------------------------------------------------------------------
        bottom = self._bottom_row("vol", _("Save the profile and close (Ctrl+S)"))
        self.changes_button = add_changes_button(self, bottom, "vol_changes", "volunteers", service.store, lambda: (
            self._record.id, f"{self._record.reference} {self._record.full_name}"))
        from kommandesk.services.privacy import privacy_of
        from kommandesk.ui.dialogs.privacy.common import privacy_button

        self.privacy_button = privacy_button(self, lambda: privacy_of(service), lambda: self._record.reference)
        bottom.insertWidget(0, self.privacy_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(badges)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._finish(self.personal.fields["first_name"].editor)

    # -- building -------------------------------------------------------------------------------------------------
    def _add_tab(self, title: str, columns: list[list[Section]], below: Section | None = None) -> None:
        """Sections side by side in columns (and one more across the whole width below them)."""
        page = QWidget()
        outer = QVBoxLayout(page)
        row = QHBoxLayout()
        for column in columns:
            stack = QVBoxLayout()
            for section in column:
                stack.addWidget(section, 1 if section.expands else 0)
            if not any(section.expands for section in column):
                stack.addStretch(1)
            row.addLayout(stack, 1)
        outer.addLayout(row, 0 if below is not None else 1)
        if below is not None:
            outer.addWidget(below, 1)
        self._add_page(page, title)
        self._tab_sections.append([section for column in columns for section in column] + ([below] if below else []))

    def _chain_tab_order(self) -> None:
        """Tab runs through each tab's fields in reading order, then to the buttons."""
        previous = None
        for sections in self._tab_sections:
            previous = None
            for section in sections:
                section.set_tab_order()
                order = section.focus_order()
                if previous is not None and order:
                    QWidget.setTabOrder(previous, order[0])
                if order:
                    previous = order[-1]
        QWidget.setTabOrder(self.save_button, self.cancel_button)

    # -- data -----------------------------------------------------------------------------------------------------
    def _refresh(self, vol: Volunteer) -> None:
        """Title, header badges, warnings and each section's derived labels, from the values as typed."""
        name = vol.full_name
        if vol.reference:
            title = _("Volunteer: {name} ({reference})").format(name=name, reference=vol.reference)
        elif name:
            title = _("New volunteer: {name}").format(name=name)
        else:
            title = _("New volunteer")
        self.setWindowTitle(title)
        self.headline.setText(name or _("New volunteer"))
        self.reference.show_as(vol.reference or _("not saved yet"), "neutral")
        self.status_badge.show_as(_("Status: {status}").format(status=vol.status.label()),
                                  STATUS_KIND.get(vol.status.value, "neutral"))
        text, kind = clearance_text(vol.clearance, self.context.today(), self.context.policy)
        self.clearance_badge.show_as(_("Clearance: {state}").format(state=text), kind)
        self.minor_badge.setVisible(vol.is_minor(self.context.today()))
        self.changes_button.setEnabled(vol.id is not None)
        found = self._service.warnings(vol)
        self.warnings.setText("\n".join(f"\u26a0 {warning}" for warning in found))
        self.warnings.setVisible(bool(found))
        for section in self.sections:
            section.refresh(vol)

    # -- messages beside the fields -------------------------------------------------------------------------------
    def _check_dates_live(self) -> None:
        """Say at once what the rules think of a typed date (in the future, inspected before issued, ...)."""
        if self._loading:
            return
        self._show_live(LIVE_FIELDS, self._service.validate(self.value()), skip=self.parse_errors())

    # -- saving ---------------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Create or update the profile; False (messages beside the fields, nothing saved) when it cannot."""
        vol = self.value()
        parse = self.parse_errors()
        if parse:
            errors = self._all_errors()
            self.availability.show_row_problems()
            self.show_errors(errors)
            return False
        return self._commit(lambda: self._create(vol) if vol.id is None else self._service.update(vol))

    def _create(self, vol: Volunteer) -> Volunteer | None:
        from kommandesk.services.volunteers import DuplicateWarning

        try:
            return self._service.create(vol)
        except DuplicateWarning as warning:
            if not confirm_duplicates(self, warning.duplicates):
                self._say(_("Not saved."))
                return None
            return self._service.create(vol, confirmed_duplicate=True)

    def _unsaved_question(self) -> str:
        return _("This profile has changes that are not saved. Save them?")

    # -- status ---------------------------------------------------------------------------------------------------
    def change_status(self) -> None:
        """Ask for the new status and a reason; the change goes through the service (saved first if needed)."""
        if not self._saved_first(_("The profile must be saved before its status can change. Save it now?")):
            return
        vol = self._record
        dialog = StatusChangeDialog(self, vol.full_name, vol.status, vol.consent is not None, self._apply_status)
        dialog.exec()
        dialog.deleteLater()

    def _apply_status(self, status, reason: str) -> None:
        self._status_changed(self._service.change_status(self._record.id, status, reason))


def edit_volunteer(parent: QWidget | None, service, volunteer_id: str | None, allowances=None) -> Volunteer | None:
    """Open the form for a new profile (``volunteer_id`` None) or an existing one; modal.

    Returns the profile as last saved, or None when nothing was saved."""
    return run_form(parent, _("Volunteer"), lambda: service.get(volunteer_id) if volunteer_id else service.new(),
                    lambda vol: VolunteerDialog(service, vol, parent, allowances=allowances))
