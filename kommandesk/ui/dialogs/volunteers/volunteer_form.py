"""Create or edit one volunteer: a modal dialog in tabs, validated beside each field.

Entry point for the Volunteers page: ``edit_volunteer(parent, service, volunteer_id)`` returns the saved profile,
or None when nothing was saved.

Why tabs and not one long scrolling form: a coordinator opens a profile to look up or change one thing (a phone
number, this week's times, the certificate). Five tabs give every topic a fixed place, reached with one click or
Alt+1..Alt+5, and each tab fits 1100 x 720 without scrolling; the first tab holds what is needed most (person,
address, notes); the strip above the tabs (name, reference, status,
clearance, warnings) stays in sight whichever tab is open. Tabs that hold a message after Save show a warning
icon, and Save opens the first of them at the first invalid field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QMessageBox,
                               QScrollArea, QStyle, QTabWidget, QVBoxLayout, QWidget)

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.volunteers import Volunteer
from kommandesk.i18n import _, current_language
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
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label

# fields whose messages follow the typing of a date (the others wait for Save)
LIVE_FIELDS = ("birth_date", "registered_on", "absences", "clearance_issued_on", "clearance_inspected_on",
               "clearance_self_commitment_on", "consent_given_on")


def _clock(service) -> Callable[[], dt.date]:
    """The service's clock when it offers one (tests can fix "today"), else the system's."""
    today = getattr(service, "today", None)
    return today if callable(today) else dt.date.today


class VolunteerDialog(QDialog):
    def __init__(self, service, volunteer: Volunteer, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("volunteer_dialog")
        self.setModal(True)
        self._service = service
        self._vol = volunteer
        self.saved: Volunteer | None = None  # the last profile saved through this dialog
        self._dirty = False
        self._loading = False
        self.context = FormContext(service=service, today=_clock(service), policy=service.policy(),
                                   language=current_language())

        self.personal = PersonalSection(self.context)
        self.place = PlaceSection(self.context)
        self.languages_areas = LanguagesAreasSection(self.context)
        self.availability = AvailabilitySection(self.context)
        self.clearance = ClearanceSection(self.context)
        self.consent = ConsentSection(self.context)
        self.status = StatusSection(self.context)
        self.notes = NotesSection(self.context)
        self.sections: list[Section] = [self.personal, self.place, self.languages_areas, self.availability,
                                        self.clearance, self.consent, self.status, self.notes]
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
        for index in range(self.tabs.count()):
            shortcut = QShortcut(QKeySequence(f"Alt+{index + 1}"), self)
            shortcut.activated.connect(lambda index=index: self._open_tab(index))
            self.tabs.setTabToolTip(index, _("Alt+{number}").format(number=index + 1))

        # -- buttons -----------------------------------------------------------------------------------------------
        self.message = plain_label(wrap=True, name="vol_message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("vol_save")
        self.save_button.setToolTip(_("Save the profile and close (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("vol_cancel")
        self.cancel_button.setToolTip(_("Close without saving (Esc)"))
        self.save_button.clicked.connect(self.save_and_close)
        self.cancel_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(badges)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save_and_close)

        self._targets: dict[str, QWidget] = {}
        for section in self.sections_in_tab_order():
            self._targets.update(section.targets())
        self._chain_tab_order()
        self._load(volunteer)
        self._fit_to_screen()
        self.personal.fields["first_name"].editor.setFocus()

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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, title)
        self._tab_sections.append([section for column in columns for section in column] + ([below] if below else []))

    def sections_in_tab_order(self) -> list[Section]:
        return [section for sections in self._tab_sections for section in sections]

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

    def _fit_to_screen(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() else QGuiApplication.primaryScreen())
        area = screen.availableGeometry() if screen else None
        width, height = 1100, 720
        if area is not None:
            width, height = min(width, area.width()), min(height, area.height())
        self.resize(width, height)

    def _open_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        order = self._tab_sections[index][0].focus_order()
        if order:
            order[0].setFocus()

    # -- data -----------------------------------------------------------------------------------------------------
    def _load(self, vol: Volunteer) -> None:
        self._loading = True
        self._vol = vol
        for section in self.sections:
            section.load(vol)
        self._loading = False
        self._dirty = False
        self.show_errors({}, focus=False)
        self._refresh(vol)

    def value(self) -> Volunteer:
        """The profile as the form shows it (dates that are not dates count as empty: see ``parse_errors``)."""
        vol = self._vol
        for section in self.sections:
            vol = section.apply(vol)
        return vol

    def parse_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        for section in self.sections:
            errors.update(section.parse_errors())
        return errors

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.message.clear()
        self._refresh(self.value())

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
        found = self._service.warnings(vol)
        self.warnings.setText("\n".join(f"\u26a0 {warning}" for warning in found))
        self.warnings.setVisible(bool(found))
        for section in self.sections:
            section.refresh(vol)

    # -- messages beside the fields -------------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str], focus: bool = True) -> None:
        for name, target in self._targets.items():
            target.set_error(errors.get(name))
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index, sections in enumerate(self._tab_sections):
            has_error = any(name in errors for section in sections for name in section.targets())
            self.tabs.setTabIcon(index, warning if has_error else QIcon())
        others = [message for name, message in errors.items() if name not in self._targets]
        if errors:
            self._say("\n".join([_("Not saved: please correct the marked fields."), *others]), error=True)
        if focus:
            first = next((name for name in self._targets if name in errors), None)
            if first is not None:
                self.focus_field(first)

    def focus_field(self, name: str) -> None:
        target = self._targets[name]
        for index, sections in enumerate(self._tab_sections):
            if any(name in section.targets() for section in sections):
                self.tabs.setCurrentIndex(index)
                break
        target.setFocus()
        scroll = self.tabs.currentWidget()
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(target)

    def error_text(self, name: str) -> str:
        """The message shown beside field ``name`` ('' when none)."""
        target = self._targets[name]
        label = getattr(target, "error", None)
        return label.text() if label is not None and not label.isHidden() else ""

    def _check_dates_live(self) -> None:
        """Say at once what the rules think of a typed date (in the future, inspected before issued, ...)."""
        if self._loading:
            return
        errors = self._service.validate(self.value())
        parse = self.parse_errors()
        for name in LIVE_FIELDS:
            target = self._targets.get(name)
            if target is None or name in parse:
                continue
            if isinstance(target, DateField) and target.text().strip() and not target.valid():
                continue
            target.set_error(errors.get(name))

    def _say(self, text: str, error: bool = False) -> None:
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette) if error
                         else self.palette().color(QPalette.ColorRole.WindowText))
        self.message.setPalette(palette)
        self.message.setText(text)

    # -- saving ---------------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Create or update the profile; False (messages beside the fields, nothing saved) when it cannot."""
        vol = self.value()
        parse = self.parse_errors()
        if parse:
            errors = {name: message for name, message in self._service.validate(vol).items() if name != "status"}
            errors.update(parse)
            self.availability.show_row_problems()
            self.show_errors(errors)
            return False
        try:
            saved = self._create(vol) if vol.id is None else self._service.update(vol)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except KommanDeskError as exc:
            self._say(exc.message, error=True)
            return False
        if saved is None:
            return False
        self.saved = saved
        self._load(saved)
        self._say(_("Saved."))
        return True

    def _create(self, vol: Volunteer) -> Volunteer | None:
        from kommandesk.services.volunteers import DuplicateWarning

        try:
            return self._service.create(vol)
        except DuplicateWarning as warning:
            if not confirm_duplicates(self, warning.duplicates):
                self._say(_("Not saved."))
                return None
            return self._service.create(vol, confirmed_duplicate=True)

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def discard(self) -> None:
        """Close without saving and without asking."""
        self._dirty = False
        super().reject()

    def reject(self) -> None:
        """Cancel, Esc and the window's close button: ask first when something was changed."""
        if self._dirty:
            box = QMessageBox(QMessageBox.Icon.Question, _("Unsaved changes"),
                              _("This profile has changes that are not saved. Save them?"),
                              QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                              | QMessageBox.StandardButton.Cancel, self)
            box.setDefaultButton(QMessageBox.StandardButton.Save)
            answer = box.exec()
            if answer == QMessageBox.StandardButton.Save:
                self.save_and_close()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    # -- status ---------------------------------------------------------------------------------------------------
    def change_status(self) -> None:
        """Ask for the new status and a reason; the change goes through the service (saved first if needed)."""
        if self._vol.id is None or self._dirty:
            box = QMessageBox(QMessageBox.Icon.Question, _("Change status"),
                              _("The profile must be saved before its status can change. Save it now?"),
                              QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, self)
            if box.exec() != QMessageBox.StandardButton.Save or not self.save():
                return
        vol = self._vol
        dialog = StatusChangeDialog(self, vol.full_name, vol.status, vol.consent is not None, self._apply_status)
        dialog.exec()
        dialog.deleteLater()

    def _apply_status(self, status, reason: str) -> None:
        updated = self._service.change_status(self._vol.id, status, reason)
        self.saved = updated
        self._load(updated)
        self._say(_("Status changed to {status}.").format(status=updated.status.label()))


def edit_volunteer(parent: QWidget | None, service, volunteer_id: str | None) -> Volunteer | None:
    """Open the form for a new profile (``volunteer_id`` None) or an existing one; modal.

    Returns the profile as last saved, or None when nothing was saved."""
    try:
        vol = service.get(volunteer_id) if volunteer_id else service.new()
    except KommanDeskError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Volunteer"), exc.message, QMessageBox.StandardButton.Ok,
                          parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return None
    dialog = VolunteerDialog(service, vol, parent)
    dialog.exec()
    saved = dialog.saved
    dialog.deleteLater()
    return saved
