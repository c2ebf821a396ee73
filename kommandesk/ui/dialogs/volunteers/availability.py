"""When the volunteer can help: the weekly grid, "by arrangement", absences and how many assignments at once."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QVBoxLayout

from kommandesk.domain.availability import Availability
from kommandesk.domain.volunteers import MAX_ASSIGNMENTS_LIMIT, Volunteer
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.absences import AbsencesEditor
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group, narrow_field
from kommandesk.ui.widgets.availability_grid import AvailabilityGrid
from kommandesk.ui.widgets.form_field import FieldWithError


class AvailabilitySection(Section):
    expands = True

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.grid = AvailabilityGrid()
        self.grid.changed.connect(self.changed)

        self.max_assignments = QSpinBox()
        self.max_assignments.setObjectName("vol_max_assignments")
        self.max_assignments.setRange(0, MAX_ASSIGNMENTS_LIMIT)
        self.max_assignments.valueChanged.connect(self.changed)
        max_field = narrow_field(self.max_assignments)
        self._targets["max_assignments"] = max_field

        self.absences = AbsencesEditor(context.today)
        self.absences.changed.connect(self.changed)
        self.absences.dates_edited.connect(self.dates_edited)
        self.absences.rows_changed.connect(self.set_tab_order)
        self.absences_field = FieldWithError(self.absences)
        self._targets["absences"] = self.absences_field

        week_box = group(_("Weekly availability"), "section_availability")
        week_layout = QVBoxLayout(week_box)
        week_layout.addWidget(self.grid)
        form = form_layout(None)
        week_layout.addLayout(form)
        add_row(form, _("Assignments at the same time, at most:"), max_field, self.max_assignments)
        week_layout.addStretch(1)

        absences_box = group(_("Absences"), "section_absences")
        absences_layout = QVBoxLayout(absences_box)
        absences_layout.addWidget(self.absences_field)
        absences_layout.addStretch(1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(week_box, 1)
        layout.addWidget(absences_box, 1)
        self.set_tab_order()

    def focus_order(self):
        return [*self.grid.focus_order(), self.max_assignments, *self.absences.focus_order()]

    def parse_errors(self) -> dict[str, str]:
        if any(field.problem() for field in self.absences.date_fields()):
            return {"absences": _("Please correct the dates of the absences.")}
        problem = self.absences.problem()
        return {"absences": problem} if problem else {}

    def show_row_problems(self) -> None:
        for field in self.absences.date_fields():
            field.check()

    def load(self, vol: Volunteer) -> None:
        self.grid.set_value(vol.availability.slots, vol.availability.by_arrangement)
        self.max_assignments.setValue(vol.max_assignments)
        self.absences.set_absences(vol.availability.absences)

    def apply(self, vol: Volunteer) -> Volunteer:
        slots, by_arrangement = self.grid.value()
        return dataclasses.replace(vol, availability=Availability(slots, by_arrangement, self.absences.absences()),
                                   max_assignments=self.max_assignments.value())
