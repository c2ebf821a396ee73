"""The Ehrenamtskarte NRW: whether a volunteer's logged hours meet the organisation's rule (set under Settings),
year by year with the figures, and "Print confirmation…", which writes the organisation's confirmation of the
hours, registers it and shows it to print (only when the rule is met)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView

from kommandesk.domain.certificates import Kind
from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.certificates.person_dialog import PersonDocumentDialog, run_dialog
from kommandesk.ui.dialogs.certificates.texts import colour_label, good_colour
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_table import list_table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CardDialog(PersonDocumentDialog):
    kind = Kind.HOURS_CONFIRMATION
    name = "card"

    def build_form(self) -> None:
        self.check = None  # the CardCheck of the volunteer chosen
        self.rule = plain_label(wrap=True, name="card_rule")
        self.verdict = plain_label(wrap=True, name="card_verdict")
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.years_model = QStandardItemModel(0, 4, self)
        self.years = list_table("card_years", self.years_model)
        self.years.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # sized to its rows
        self.years.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.years.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.logged = plain_label(wrap=True, name="card_logged")
        self.form.addRow(self.rule)
        self.form.addRow(self.verdict)
        self.form.addRow(self.years)
        self.form.addRow(self.logged)

    def focus_chain(self) -> list:
        return [self.years]

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Ehrenamtskarte NRW"))
        self.action_button.setText(_("&Print confirmation…"))
        self.action_button.setToolTip(_("Write the organisation's confirmation of the hours as PDF, enter it in "
                                        "the register and show it to print"))
        self.years_model.setHorizontalHeaderLabels([_("Year"), _("Hours"), _("A week on average"), _("Rule met")])
        self._show_person()

    def save_title(self) -> str:
        return _("Save confirmation of hours")

    def _show_person(self) -> None:
        from kommandesk.services.service_records import hours, rule_text

        self.rule.setText(_("Rule (set under Settings): {rule}.").format(rule=rule_text(self._records.rule())))
        self.years_model.removeRows(0, self.years_model.rowCount())
        self.check = None
        if self.volunteer is not None:
            try:
                self.check = self._records.card_check(self.volunteer.id)
            except KommanDeskError as exc:
                self._say(exc.message, error=True)
        check = self.check
        if check is None:
            self.verdict.setText("")
            self.logged.setText("")
            self.action_button.setEnabled(False)
            return
        for year in check.years:
            cells = [QStandardItem(_("{first} – {last}").format(first=format_date(year.first_day),
                                                                 last=format_date(year.last_day))),
                     QStandardItem(hours(year.minutes)), QStandardItem(hours(year.weekly_minutes)),
                     QStandardItem(_("\u2713 yes") if year.met else _("\u2717 no"))]
            for column, cell in enumerate(cells):
                cell.setEditable(False)
                if column in (1, 2):
                    cell.setTextAlignment(RIGHT)
            self.years_model.appendRow(cells)
        rows = self.years.verticalHeader().defaultSectionSize() * max(len(check.years), 1)
        self.years.setFixedHeight(self.years.horizontalHeader().sizeHint().height() + rows
                                  + 2 * self.years.frameWidth() + 2)
        if check.meets:
            self.verdict.setText(_("\u2713 {name} meets the rule.").format(name=self.volunteer.full_name))
            colour_label(self.verdict, good_colour(self.palette()))
        else:
            self.verdict.setText(_("\u2717 {name} does not meet the rule: no confirmation can be printed.").format(
                name=self.volunteer.full_name))
            colour_label(self.verdict, error_colour(self.palette()))
        self.logged.setText(_("Hours logged since {date}.").format(date=format_date(check.first_logged))
                            if check.first_logged else _("No hours logged yet."))
        self.action_button.setEnabled(check.meets)

    def _problem(self) -> str | None:
        if self.check is None or not self.check.meets:
            return _("The rule is not met: no confirmation can be printed.")
        return None

    def _issue(self, volunteer_id: str, language: str, target: Path):
        return self._records.issue_hours_confirmation(volunteer_id, language, target)


def check_card(parent, records, certificates, volunteers, volunteer_id: str | None = None) -> list:
    """The dialog (modal); the confirmations issued through it."""
    return run_dialog(CardDialog(records, certificates, volunteers, parent, volunteer_id=volunteer_id))
