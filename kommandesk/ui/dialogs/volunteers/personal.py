"""The person: name, date of birth (with a "minor" badge), gender, contact details, registration date."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QVBoxLayout

from kommandesk.domain.volunteers import Gender, Volunteer
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.badge import Badge
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group

TEXTS = ("first_name", "last_name", "email", "phone")


class PersonalSection(Section):
    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.fields = {
            "first_name": self.text_field("first_name", "vol_first_name"),
            "last_name": self.text_field("last_name", "vol_last_name"),
        }
        self.birth_date = self.date_field("birth_date", "vol_birth_date")
        self.minor = Badge(_("minor"), "warn", name="vol_minor_badge")
        self.minor.setToolTip(_("Under 18 today"))
        self.minor.hide()
        self.birth_date.add_beside(self.minor)

        self.gender = QComboBox()
        self.gender.setObjectName("vol_gender")
        for gender in Gender:
            self.gender.addItem(gender.label(), gender.value)
        self.gender.activated.connect(self.changed)

        self.fields["email"] = self.text_field("email", "vol_email")
        self.fields["phone"] = self.text_field("phone", "vol_phone", width_chars=20)
        self.fields["email"].editor.setPlaceholderText("name@example.org")
        self.registered_on = self.date_field("registered_on", "vol_registered_on")

        box = group(_("Person"), "section_personal")
        form = form_layout(box)
        add_row(form, _("First name:"), self.fields["first_name"])
        add_row(form, _("Last name:"), self.fields["last_name"])
        add_row(form, _("Date of birth:"), self.birth_date, self.birth_date.line)
        add_row(form, _("Gender:"), self.gender)
        add_row(form, _("Email:"), self.fields["email"])
        add_row(form, _("Phone:"), self.fields["phone"])
        add_row(form, _("Registered on:"), self.registered_on, self.registered_on.line)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self.set_tab_order()

    def focus_order(self):
        return [self.fields["first_name"].editor, self.fields["last_name"].editor, self.birth_date.line,
                self.gender, self.fields["email"].editor, self.fields["phone"].editor, self.registered_on.line]

    def load(self, vol: Volunteer) -> None:
        for name in TEXTS:
            self.fields[name].editor.setText(getattr(vol, name))
        self.birth_date.set_value(vol.birth_date)
        self.gender.setCurrentIndex(max(0, self.gender.findData(vol.gender.value)))
        self.registered_on.set_value(vol.registered_on)

    def apply(self, vol: Volunteer) -> Volunteer:
        values = {name: self.fields[name].editor.text() for name in TEXTS}
        return dataclasses.replace(vol, **values, birth_date=self.birth_date.value(),
                                   gender=Gender(self.gender.currentData()),
                                   registered_on=self.registered_on.value())

    def refresh(self, vol: Volunteer) -> None:
        self.minor.setVisible(vol.is_minor(self.context.today()))
