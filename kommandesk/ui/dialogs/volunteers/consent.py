"""Consent to the processing of the volunteer's data: when, for which purposes, and which version of the text.

Left empty, no consent is recorded (and the volunteer cannot be set active).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QVBoxLayout

from kommandesk.domain.volunteers import Consent, ConsentPurpose, Volunteer
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group, hint_label


class ConsentSection(Section):
    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.given_on = self.date_field("consent_given_on", "vol_consent_given_on")
        purposes, self.purposes = self.check_boxes(ConsentPurpose, "vol_consent_")
        self.text_version = self.text_field("consent_text_version", "vol_consent_text_version", width_chars=16)
        self.text_version.editor.setPlaceholderText(_("e.g. 2026-01"))

        box = group(_("Consent"), "section_consent")
        form = form_layout(box)
        add_row(form, _("Given on:"), self.given_on, self.given_on.line)
        add_row(form, _("For:"), purposes, self.purposes[ConsentPurpose.CONTACT])
        add_row(form, _("Version of the text:"), self.text_version)
        form.addRow(hint_label(_("Without recorded consent the volunteer cannot be set active.")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self.set_tab_order()

    def focus_order(self):
        return [self.given_on.line, *self.purposes.values(), self.text_version.editor]

    def _anything_entered(self) -> bool:
        return bool(self.given_on.text().strip() or self.text_version.editor.text().strip()
                    or any(box.isChecked() for box in self.purposes.values()))

    def parse_errors(self) -> dict[str, str]:
        errors = super().parse_errors()
        if "consent_given_on" not in errors and self._anything_entered() and self.given_on.value() is None:
            errors["consent_given_on"] = _("Enter the date the consent was given.")
        return errors

    def load(self, vol: Volunteer) -> None:
        consent = vol.consent
        self.given_on.set_value(consent.given_on if consent else None)
        for purpose, box in self.purposes.items():
            box.setChecked(bool(consent) and purpose in consent.purposes)
        self.text_version.editor.setText(consent.text_version if consent else "")

    def apply(self, vol: Volunteer) -> Volunteer:
        given_on = self.given_on.value()
        if given_on is None:  # nothing entered, or no date (parse_errors() says so)
            return dataclasses.replace(vol, consent=None)
        return dataclasses.replace(vol, consent=Consent(
            given_on=given_on,
            purposes=frozenset(purpose for purpose, box in self.purposes.items() if box.isChecked()),
            text_version=self.text_version.editor.text()))
