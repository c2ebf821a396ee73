"""Languages with their levels, and the areas of help (the catalogue's active entries; a retired one only
when this volunteer already has it)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kommandesk.domain.volunteers import Volunteer
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import Section, group, hint_label
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.language_picker import LanguagePicker


class LanguagesAreasSection(Section):
    expands = True

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.languages = LanguagePicker()
        self.languages.changed.connect(self.changed)
        self._targets["languages"] = self.languages

        languages_box = group(_("Languages"), "section_languages")
        languages_layout = QVBoxLayout(languages_box)
        languages_layout.addWidget(hint_label(_("Type part of a language's name, choose the level, then Add. "
                                                "Adding a language again changes its level.")))
        languages_layout.addWidget(self.languages)

        self._area_list = QWidget()
        self._area_list.setObjectName("vol_areas")
        self._area_layout = QVBoxLayout(self._area_list)
        self._area_layout.setContentsMargins(4, 4, 4, 4)
        self._area_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._area_list)
        self.areas_field = FieldWithError(scroll)
        self._targets["areas"] = self.areas_field
        self.area_boxes: dict[str, QCheckBox] = {}

        areas_box = group(_("Areas of help"), "section_areas")
        areas_layout = QVBoxLayout(areas_box)
        areas_layout.addWidget(self.areas_field)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(languages_box, 3)
        layout.addWidget(areas_box, 2)

    def focus_order(self):
        return [*self.languages.focus_order(), *self.area_boxes.values()]

    def _fill_areas(self, selected: tuple[str, ...]) -> None:
        for box in self.area_boxes.values():
            box.deleteLater()
        self.area_boxes = {}
        language = self.context.language
        for area in self.context.service.areas(include_retired=True):
            if not area.active and area.id not in selected:
                continue
            name = area.name(language)
            box = QCheckBox(name if area.active else _("{area} (retired)").format(area=name))
            box.setObjectName(f"vol_area_{area.key or area.id}")
            box.setProperty("area_id", area.id)
            box.toggled.connect(self.changed)
            self._area_layout.insertWidget(self._area_layout.count() - 1, box)
            self.area_boxes[area.id] = box
        if self.area_boxes:
            self.areas_field.setFocusProxy(next(iter(self.area_boxes.values())))
        self.set_tab_order()

    def load(self, vol: Volunteer) -> None:
        self.languages.set_skills(vol.languages)
        self._fill_areas(vol.areas)
        for area_id, box in self.area_boxes.items():
            box.setChecked(area_id in vol.areas)

    def apply(self, vol: Volunteer) -> Volunteer:
        chosen = tuple(area_id for area_id, box in self.area_boxes.items() if box.isChecked())
        return dataclasses.replace(vol, languages=self.languages.skills(), areas=chosen)
