"""When the help is needed: one appointment (a day, from .. to), weekly times from a first day (to a last day,
or open-ended), or no fixed time (e.g. looking for a flat). Only the chosen kind is saved."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QVBoxLayout, QWidget

from kommandesk.domain.requests import SupportRequest
from kommandesk.domain.schedule import Appointment, Recurrence
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group, hint_label
from kommandesk.ui.widgets.availability_grid import SlotGrid
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.time_span import TimeSpanField

APPOINTMENT, WEEKLY, NO_TIME = 0, 1, 2


class WhenSection(Section):
    expands = True

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.kind = QButtonGroup(self)
        self.kind_buttons = []
        row = QHBoxLayout()
        for number, (text, name) in enumerate(((_("One appointment"), "req_when_appointment"),
                                               (_("Weekly times"), "req_when_weekly"),
                                               (_("No fixed time"), "req_when_none"))):
            button = QRadioButton(text)
            button.setObjectName(name)
            self.kind.addButton(button, number)
            self.kind_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.kind.idToggled.connect(self._kind_toggled)

        self.day = self.date_field("appointment_day", "req_appointment_day")
        self.times = TimeSpanField(name="req_appointment")
        self.times.edited.connect(self.changed)
        self.times.edited.connect(self.dates_edited)
        self._targets["appointment"] = self.times
        self.appointment_box = group(_("Appointment"), "section_request_appointment")
        form = form_layout(self.appointment_box)
        add_row(form, _("Day:"), self.day, self.day.line)
        add_row(form, _("Time:"), self.times, self.times.start)

        self.slots = SlotGrid()
        self.slots.setObjectName("req_slots")
        self.slots.setAccessibleName(_("Weekly times"))
        self.slots.changed.connect(self.changed)
        self.slots.changed.connect(self.dates_edited)
        self.slots_field = FieldWithError(self.slots)
        self._targets["recurrence_slots"] = self.slots_field
        self.first_day = self.date_field("recurrence_first_day", "req_first_day")
        self.last_day = self.date_field("recurrence_last_day", "req_last_day")
        self.weekly_box = group(_("Weekly times"), "section_request_weekly")
        weekly = QVBoxLayout(self.weekly_box)
        weekly.addWidget(self.slots_field)
        weekly.addWidget(hint_label(_("Click a time, or move with the arrow keys and press Space.")))
        dates = form_layout(None)
        weekly.addLayout(dates)
        add_row(dates, _("First day:"), self.first_day, self.first_day.line)
        add_row(dates, _("Last day:"), self.last_day, self.last_day.line)
        dates.addRow(hint_label(_("Leave the last day empty when the end is open.")))

        self.none_hint = hint_label(_("No fixed time: the volunteer and the family agree on times themselves."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        kinds = QWidget()
        kinds.setLayout(row)
        layout.addWidget(kinds)
        layout.addWidget(self.appointment_box)
        layout.addWidget(self.weekly_box)
        layout.addWidget(self.none_hint)
        layout.addStretch(1)
        self.kind_buttons[NO_TIME].setChecked(True)
        self._show_kind()
        self.set_tab_order()

    def focus_order(self):
        return [self.kind.checkedButton() or self.kind_buttons[0], self.day.line, *self.times.focus_order(),
                self.slots, self.first_day.line, self.last_day.line]

    def chosen_kind(self) -> int:
        return self.kind.checkedId()

    def choose_kind(self, kind: int) -> None:
        self.kind_buttons[kind].setChecked(True)

    def _kind_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._show_kind()
            self.changed.emit()

    def _show_kind(self) -> None:
        kind = self.chosen_kind()
        self.appointment_box.setVisible(kind == APPOINTMENT)
        self.weekly_box.setVisible(kind == WEEKLY)
        self.none_hint.setVisible(kind == NO_TIME)

    def parse_errors(self) -> dict[str, str]:
        kind = self.chosen_kind()
        errors = {}
        fields = {APPOINTMENT: ("appointment_day",), WEEKLY: ("recurrence_first_day", "recurrence_last_day")}
        for name in fields.get(kind, ()):
            problem = self._dates[name].problem()
            if problem:
                errors[name] = problem
        if kind == APPOINTMENT and "appointment_day" not in errors and self.day.value() is None:
            errors["appointment_day"] = _("Enter the day of the appointment.")
        return errors

    def load(self, req: SupportRequest) -> None:
        appointment, recurrence = req.appointment, req.recurrence
        self.day.set_value(appointment.day if appointment else None)
        if appointment:
            self.times.set_value(appointment.start, appointment.end)
        else:
            self.times.set_value(dt.time(9, 0), dt.time(11, 0))
        self.slots.set_slots(recurrence.slots if recurrence else ())
        self.first_day.set_value(recurrence.first_day if recurrence else None)
        self.last_day.set_value(recurrence.last_day if recurrence else None)
        self.kind.blockSignals(True)
        self.choose_kind(APPOINTMENT if appointment else WEEKLY if recurrence else NO_TIME)
        self.kind.blockSignals(False)
        self._show_kind()

    def apply(self, req: SupportRequest) -> SupportRequest:
        kind = self.chosen_kind()
        appointment = recurrence = None
        if kind == APPOINTMENT and self.day.value() is not None:
            start, end = self.times.value()
            appointment = Appointment(self.day.value(), start, end)
        elif kind == WEEKLY:
            recurrence = Recurrence(self.slots.slots(), self.first_day.value(), self.last_day.value())
        return dataclasses.replace(req, appointment=appointment, recurrence=recurrence)
