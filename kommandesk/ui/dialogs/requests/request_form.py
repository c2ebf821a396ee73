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

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QMessageBox, QScrollArea, QStyle,
                               QTabWidget, QVBoxLayout, QWidget)

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.requests import SupportRequest, Urgency
from kommandesk.i18n import _, current_language
from kommandesk.ui.dialogs.requests.assignments import AssignmentsSection
from kommandesk.ui.dialogs.requests.common import RequestContext, clock
from kommandesk.ui.dialogs.requests.consent_status import STATUS_KIND, ConsentStatusSection
from kommandesk.ui.dialogs.requests.help import HelpSection
from kommandesk.ui.dialogs.requests.person import PersonSection
from kommandesk.ui.dialogs.requests.status_change import request_dialog
from kommandesk.ui.dialogs.requests.when import WhenSection
from kommandesk.ui.dialogs.volunteers.badge import Badge
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label

# checked while typed (the others wait for the first Save)
LIVE_FIELDS = ("received_on", "consent_given_on", "appointment", "appointment_day", "recurrence_first_day",
               "recurrence_last_day")
ASSIGNMENTS_TAB = 4


class RequestDialog(QDialog):
    def __init__(self, service, volunteers, req: SupportRequest, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("request_dialog")
        self.setModal(True)
        self._service = service
        self._req = req
        self.saved: SupportRequest | None = None
        self._dirty = False
        self._loading = False
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
        for index in range(self.tabs.count()):
            shortcut = QShortcut(QKeySequence(f"Alt+{index + 1}"), self)
            shortcut.activated.connect(lambda index=index: self.open_tab(index))
            self.tabs.setTabToolTip(index, _("Alt+{number}").format(number=index + 1))

        self.message = plain_label(wrap=True, name="req_message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("req_save")
        self.save_button.setToolTip(_("Save the request and close (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("req_cancel")
        self.cancel_button.setToolTip(_("Close without saving (Esc)"))
        self.save_button.clicked.connect(self.save_and_close)
        self.cancel_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(badges)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_and_close)

        self._targets: dict[str, QWidget] = {}
        for section in self.sections:
            self._targets.update(section.targets())
        self._chain_tab_order()
        self._load(req)
        self._fit_to_screen()
        self.person.person.editor.setFocus()

    # -- building -------------------------------------------------------------------------------------------------
    def _add_tab(self, title: str, widget: QWidget) -> None:
        page = QWidget()
        inner = QVBoxLayout(page)
        inner.addWidget(widget, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, title)

    def _chain_tab_order(self) -> None:
        for widget in (*self.sections, self.assignments):
            order = [item for item in widget.focus_order() if item is not None]
            for first, second in zip(order, order[1:]):
                QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.save_button, self.cancel_button)

    def _fit_to_screen(self) -> None:
        screen = self.parentWidget().screen() if self.parentWidget() else QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen else None
        width, height = 1100, 720
        if area is not None:
            width, height = min(width, area.width()), min(height, area.height())
        self.resize(width, height)

    def open_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        widgets = self._tab_sections[index] if index < len(self._tab_sections) else [self.assignments]
        order = widgets[0].focus_order()
        if order:
            order[0].setFocus()

    # -- data -----------------------------------------------------------------------------------------------------
    def _load(self, req: SupportRequest) -> None:
        self._loading = True
        self._req = req
        for section in self.sections:
            section.load(req)
        self._loading = False
        self._dirty = False
        self._save_tried = False
        self.show_errors({}, focus=False)
        self.assignments.set_request(req.id)
        self.tabs.setTabEnabled(ASSIGNMENTS_TAB, True)
        self._refresh(req)

    def value(self) -> SupportRequest:
        req = self._req
        for section in self.sections:
            req = section.apply(req)
        return req

    def parse_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        for section in self.sections:
            errors.update(section.parse_errors())
        return errors

    @property
    def dirty(self) -> bool:
        return self._dirty or self.assignments.pending()

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.message.clear()
        self._refresh(self.value())
        if self._save_tried:
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
        label = getattr(self._targets[name], "error", None)
        return label.text() if label is not None and not label.isHidden() else ""

    def _all_errors(self) -> dict[str, str]:
        errors = {name: message for name, message in self._service.validate(self.value()).items()
                  if name != "status"}
        errors.update(self.parse_errors())
        return errors

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
        errors = self._all_errors()
        for name in LIVE_FIELDS:
            target = self._targets.get(name)
            if target is None:
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
        """Create or update the request (and notes typed on the Assignments tab); False, with the messages beside
        the fields and nothing saved, when it cannot be saved."""
        self._save_tried = True
        errors = self._all_errors() if self._dirty or self._req.id is None else {}
        if errors:
            self.show_errors(errors)
            return False
        if self.assignments.pending() and not self.assignments.save_notes():
            self.tabs.setCurrentIndex(ASSIGNMENTS_TAB)
            self._say(_("Not saved: please correct the notes of the assignment."), error=True)
            return False
        if not self._dirty and self._req.id is not None:
            self.saved = self.saved or self._req
            return True
        req = self.value()
        try:
            saved = self._service.create(req) if req.id is None else self._service.update(req)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except KommanDeskError as exc:
            self._say(exc.message, error=True)
            return False
        self.saved = saved
        self._load(saved)
        self._say(_("Saved."))
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def discard(self) -> None:
        self._dirty = False
        self.assignments._pending = False
        super().reject()

    def reject(self) -> None:
        """Cancel, Esc and the window's close button: ask first when something was changed."""
        if self.dirty:
            box = QMessageBox(QMessageBox.Icon.Question, _("Unsaved changes"),
                              _("This request has changes that are not saved. Save them?"),
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
        """Ask for the new status and a reason (saved at once; the request is saved first if it has changes)."""
        if self._req.id is None or self._dirty:
            box = QMessageBox(QMessageBox.Icon.Question, _("Change status"),
                              _("The request must be saved before its status can change. Save it now?"),
                              QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, self)
            if box.exec() != QMessageBox.StandardButton.Save or not self.save():
                return
        dialog = request_dialog(self, self._service, self._req)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            updated = dialog.result_value
        finally:
            dialog.deleteLater()
        if accepted and updated is not None:
            self.saved = updated
            self._load(updated)
            self._say(_("Status changed to {status}.").format(status=updated.status.label()))

    def _request_moved_on(self) -> None:
        """An assignment's step moved the request on: its status and history, keeping what is typed."""
        try:
            fresh = self._service.get(self._req.id)
        except KommanDeskError:
            return
        self._req = dataclasses.replace(self._req, status=fresh.status, history=fresh.history,
                                        updated_at=fresh.updated_at)
        self.consent_status.load_status(self._req)
        self.saved = self.saved if self._dirty else fresh
        self._refresh(self.value())


def edit_request(parent: QWidget | None, service, volunteers, request_id: str | None) -> SupportRequest | None:
    """Open the form for a new request (``request_id`` None) or an existing one; modal. The request as last
    saved, or None when nothing was saved."""
    try:
        req = service.get(request_id) if request_id else service.new()
    except KommanDeskError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Request"), exc.message, QMessageBox.StandardButton.Ok,
                          parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return None
    dialog = RequestDialog(service, volunteers, req, parent)
    dialog.exec()
    saved = dialog.saved
    dialog.deleteLater()
    return saved
