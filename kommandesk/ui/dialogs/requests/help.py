"""What help is needed: the area of help, the languages needed (alternatives, each with a minimum level),
preferred gender, whether children are involved (a valid clearance is then required), the postcode of the place,
urgency and a description."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPlainTextEdit, QVBoxLayout

from kommandesk.domain.requests import GenderPreference, SupportRequest, Urgency
from kommandesk.domain.search_text import fold
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group, hint_label, narrow_field
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.language_picker import LanguagePicker


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class HelpSection(Section):
    expands = True

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.area = _combo("req_area")
        self.area.activated.connect(self.changed)
        self.area_field = narrow_field(self.area)
        self._targets["area_id"] = self.area_field
        self.gender = _combo("req_gender")
        for preference in GenderPreference:
            self.gender.addItem(preference.label(), preference.value)
        self.gender.activated.connect(self.changed)
        self.children = QCheckBox(_("Children are involved"))
        self.children.setObjectName("req_children")
        self.children.toggled.connect(self.changed)
        self.children.toggled.connect(self._show_clearance_hint)
        self.clearance_hint = hint_label(_("The volunteer then needs a valid clearance certificate (extended "
                                           "certificate of good conduct) for the whole time of the help."),
                                         name="req_children_hint")
        self.postcode = self.text_field("postcode", "req_postcode", width_chars=7)
        self.urgency = _combo("req_urgency")
        for urgency in Urgency:
            self.urgency.addItem(urgency.label(), urgency.value)
        self.urgency.activated.connect(self.changed)
        self.description = QPlainTextEdit()
        self.description.setObjectName("req_description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_("What is needed, e.g. accompany the family to the immigration "
                                              "office; bring the residence permit."))
        self.description.textChanged.connect(self.changed)
        self.description_field = FieldWithError(self.description)
        self._targets["description"] = self.description_field

        self.languages = LanguagePicker()
        self.languages.table.setAccessibleName(_("Languages needed"))
        self.languages.changed.connect(self.changed)
        self._targets["languages"] = self.languages

        help_box = group(_("Help needed"), "section_request_help")
        form = form_layout(help_box)
        add_row(form, _("Area of help:"), self.area_field, self.area)
        add_row(form, _("Urgency:"), narrow_field(self.urgency), self.urgency)
        add_row(form, _("Preferred volunteer:"), narrow_field(self.gender), self.gender)
        form.addRow(self.children)
        form.addRow(self.clearance_hint)
        add_row(form, _("Postcode of the place:"), self.postcode)
        add_row(form, _("Description:"), self.description_field, self.description)

        languages_box = group(_("Languages needed"), "section_request_languages")
        languages_layout = QVBoxLayout(languages_box)
        languages_layout.addWidget(hint_label(_("The volunteer must speak at least one of these languages, at "
                                                "the level given or better. None listed: no language is "
                                                "required.")))
        languages_layout.addWidget(self.languages, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(help_box, 3)
        layout.addWidget(languages_box, 2)
        self._fill_areas(None)
        self._show_clearance_hint()
        self.set_tab_order()

    def focus_order(self):
        return [self.area, self.urgency, self.gender, self.children, self.postcode.editor, self.description,
                *self.languages.focus_order()]

    def _fill_areas(self, selected: str | None) -> None:
        language = self.context.language
        areas = [area for area in self.context.volunteers.areas(include_retired=True)
                 if area.active or area.id == selected]
        areas.sort(key=lambda area: fold(area.name(language)))
        self.area.clear()
        self.area.addItem(_("Choose an area of help"), None)
        for area in areas:
            name = area.name(language)
            self.area.addItem(name if area.active else _("{area} (retired)").format(area=name), area.id)
        self.area.setCurrentIndex(max(self.area.findData(selected), 0) if selected else 0)

    def _show_clearance_hint(self) -> None:
        self.clearance_hint.setVisible(self.children.isChecked())

    def load(self, req: SupportRequest) -> None:
        self._fill_areas(req.area_id)
        self.languages.set_skills(req.languages)
        self.gender.setCurrentIndex(max(0, self.gender.findData(req.gender.value)))
        self.children.setChecked(req.children)
        self.postcode.editor.setText(req.postcode)
        self.urgency.setCurrentIndex(max(0, self.urgency.findData(req.urgency.value)))
        self.description.setPlainText(req.description)
        self._show_clearance_hint()

    def apply(self, req: SupportRequest) -> SupportRequest:
        return dataclasses.replace(
            req, area_id=self.area.currentData() or None, languages=self.languages.skills(),
            gender=GenderPreference(self.gender.currentData()), children=self.children.isChecked(),
            postcode=self.postcode.editor.text(), urgency=Urgency(self.urgency.currentData()),
            description=self.description.toPlainText())
