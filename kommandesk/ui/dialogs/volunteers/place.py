"""Where the volunteer lives and how far they go: address, travel radius, mobility."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QSpinBox, QVBoxLayout

from kommandesk.domain.volunteers import MAX_RADIUS_KM, Mobility, Volunteer
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group, hint_label, narrow_field

NOT_STATED = -1  # the spin box's lowest value stands for "no radius given"


class PlaceSection(Section):
    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.street = self.text_field("street", "vol_street")
        self.postcode = self.text_field("postcode", "vol_postcode", width_chars=6)
        self.postcode.editor.setMaxLength(10)
        self.town = self.text_field("town", "vol_town")

        self.radius = QSpinBox()
        self.radius.setObjectName("vol_travel_radius")
        self.radius.setRange(NOT_STATED, MAX_RADIUS_KM)
        self.radius.setSpecialValueText(_("not stated"))
        self.radius.setSuffix(" km")
        self.radius.setAccelerated(True)
        self.radius.valueChanged.connect(self.changed)
        radius_field = narrow_field(self.radius)
        self._targets["travel_radius_km"] = radius_field

        mobility_row, self.mobility = self.check_boxes(Mobility, "vol_mobility_", horizontal=True)

        box = group(_("Address and travel"), "section_place")
        form = form_layout(box)
        add_row(form, _("Street and number:"), self.street)
        add_row(form, _("Postcode:"), self.postcode)
        add_row(form, _("Town:"), self.town)
        add_row(form, _("Travels up to:"), radius_field, self.radius)
        add_row(form, _("Gets around by:"), mobility_row, self.mobility[Mobility.CAR])
        form.addRow(hint_label(_("The postcode gives the distance to a family's request; the address itself "
                                 "is used only to contact the volunteer.")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self.set_tab_order()

    def focus_order(self):
        return [self.street.editor, self.postcode.editor, self.town.editor, self.radius,
                *self.mobility.values()]

    def load(self, vol: Volunteer) -> None:
        self.street.editor.setText(vol.street)
        self.postcode.editor.setText(vol.postcode)
        self.town.editor.setText(vol.town)
        self.radius.setValue(NOT_STATED if vol.travel_radius_km is None else vol.travel_radius_km)
        for mobility, box in self.mobility.items():
            box.setChecked(mobility in vol.mobility)

    def apply(self, vol: Volunteer) -> Volunteer:
        radius = self.radius.value()
        return dataclasses.replace(
            vol, street=self.street.editor.text(), postcode=self.postcode.editor.text(), town=self.town.editor.text(),
            travel_radius_km=None if radius == NOT_STATED else radius,
            mobility=frozenset(mobility for mobility, box in self.mobility.items() if box.isChecked()))
