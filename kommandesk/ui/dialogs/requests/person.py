"""Who the help is for, kept to what the help needs: first name or initials, household size, the languages they
speak, the site (shelter) with a contact person there, and the day the request came in. No fields for
nationality, religion or health (GDPR Art. 9)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QSpinBox, QVBoxLayout

from kommandesk.domain.requests import MAX_HOUSEHOLD, SupportRequest
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group, hint_label, narrow_field
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.language_set import LanguageSet


class PersonSection(Section):
    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.person = self.text_field("person", "req_person", width_chars=24)
        self.person.editor.setPlaceholderText(_("e.g. Fatima or F. K."))
        self.household = QSpinBox()
        self.household.setObjectName("req_household_size")
        self.household.setRange(1, MAX_HOUSEHOLD)
        self.household.valueChanged.connect(self.changed)
        self.household_field = narrow_field(self.household)
        self._targets["household_size"] = self.household_field
        self.languages = LanguageSet(name="req_person_languages")
        self.languages.changed.connect(self.changed)
        self.languages_field = FieldWithError(self.languages)
        self._targets["person_languages"] = self.languages_field
        self.site = self.text_field("site", "req_site")
        self.site.editor.setPlaceholderText(_("e.g. shelter Hafenstraße"))
        completer = QCompleter(self._sites(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.site.editor.setCompleter(completer)
        self.site_contact = self.text_field("site_contact", "req_site_contact")
        self.site_contact.editor.setPlaceholderText(_("e.g. Ms Peters, social work, 0211 123 45"))
        self.received_on = self.date_field("received_on", "req_received_on", required=True)

        box = group(_("Person or family"), "section_request_person")
        form = form_layout(box)
        add_row(form, _("First name or initials:"), self.person)
        add_row(form, _("Household size:"), self.household_field, self.household)
        add_row(form, _("Languages they speak:"), self.languages_field, self.languages.search)
        add_row(form, _("Site (shelter):"), self.site)
        add_row(form, _("Contact person at the site:"), self.site_contact)
        add_row(form, _("Request received on:"), self.received_on, self.received_on.line)
        form.addRow(hint_label(_("Keep only what the help needs: a first name or initials, no surname. Do not "
                                 "record nationality, religion or health.")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch(1)
        self.set_tab_order()

    def _sites(self) -> list[str]:
        sites = getattr(self.context.service, "sites", None)
        return list(sites()) if callable(sites) else []

    def focus_order(self):
        return [self.person.editor, self.household, *self.languages.focus_order(), self.site.editor,
                self.site_contact.editor, self.received_on.line]

    def load(self, req: SupportRequest) -> None:
        self.person.editor.setText(req.person)
        self.household.setValue(max(1, min(req.household_size, MAX_HOUSEHOLD)))
        self.languages.set_codes(req.person_languages)
        self.site.editor.setText(req.site)
        self.site_contact.editor.setText(req.site_contact)
        self.received_on.set_value(req.received_on)

    def apply(self, req: SupportRequest) -> SupportRequest:
        return dataclasses.replace(req, person=self.person.editor.text(), household_size=self.household.value(),
                                   person_languages=self.languages.codes(), site=self.site.editor.text(),
                                   site_contact=self.site_contact.editor.text(),
                                   received_on=self.received_on.value() or req.received_on)
