"""A volunteer's service record (Ehrenamtsnachweis): pick the person, the period (the last twelve months at
first), the language; the dialog shows what the record will hold (hours by area of help, trainings completed), and
"Issue and save…" writes it, registers it and shows it to print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kommandesk.domain.certificates import Kind, years_before
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.dialogs.certificates.person_dialog import PersonDocumentDialog, run_dialog
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.labels import plain_label


class ServiceRecordDialog(PersonDocumentDialog):
    kind = Kind.SERVICE_RECORD
    name = "service_record"

    def build_form(self) -> None:
        today = self._certificates.today()
        self.first = DateField(required=True, today=self._certificates.today, name="service_record_from")
        self.last = DateField(required=True, today=self._certificates.today, name="service_record_to")
        self.first.set_value(years_before(today))
        self.last.set_value(today)
        for field in (self.first, self.last):
            field.edited.connect(self._show_person)
        self.first_label, self.last_label = plain_label(), plain_label()
        self.first_label.setBuddy(self.first.line)
        self.last_label.setBuddy(self.last.line)
        self.figures = plain_label(wrap=True, name="service_record_figures")
        self.form.addRow(self.first_label, self.first)
        self.form.addRow(self.last_label, self.last)
        self.form.addRow(self.figures)

    def focus_chain(self) -> list:
        return [self.first.line, self.last.line]

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Service record"))
        self.first_label.setText(_("&From:"))
        self.last_label.setText(_("&To:"))
        self.action_button.setText(_("&Issue and save…"))
        self.action_button.setToolTip(_("Write the service record as PDF, enter it in the register and show it "
                                        "to print"))
        self._show_person()

    def save_title(self) -> str:
        return _("Save service record")

    def period(self) -> tuple[dt.date, dt.date] | None:
        first, last = self.first.value(), self.last.value()
        return (first, last) if first is not None and last is not None else None

    def _show_person(self) -> None:
        period = self.period()
        if self.volunteer is None or period is None:
            self.figures.setText("")
            return
        try:
            self._records.check_period(*period)
        except ValidationError as exc:
            self.figures.setText(" ".join(exc.errors.values()))
            return
        except KommanDeskError as exc:
            self.figures.setText(exc.message)
            return
        activities = self._records.activities(self.volunteer.id, *period)
        trainings = self._records.trainings_done(self.volunteer.id, *period)
        minutes = sum(activity.minutes for activity in activities)
        if not activities and not trainings:
            self.figures.setText(_("No hours logged and no training completed in this period: the record would "
                                   "be empty."))
            return
        self.figures.setText("\n".join([
            _("The record will show:"),
            _("Hours logged: {hours}").format(hours=format_number(round(minutes / 60, 1))),
            _("Areas of help: {count}").format(count=format_number(len(activities))),
            _("Trainings completed: {count}").format(count=format_number(len(trainings)))]))

    def _problem(self) -> str | None:
        ok = [field.check() for field in (self.first, self.last)]
        if not all(ok):
            return _("Not written: please correct the marked fields.")
        return None

    def _field_errors(self, errors: dict[str, str]) -> bool:
        fields = {"first": self.first, "last": self.last}
        for name, field in fields.items():
            field.set_error(errors.get(name))
        return any(name in fields for name in errors)

    def _issue(self, volunteer_id: str, language: str, target: Path):
        first, last = self.period()
        return self._records.issue_service_record(volunteer_id, first, last, language, target)


def issue_service_record(parent, records, certificates, volunteers, volunteer_id: str | None = None) -> list:
    """The dialog (modal); the service records issued through it."""
    return run_dialog(ServiceRecordDialog(records, certificates, volunteers, parent, volunteer_id=volunteer_id))
