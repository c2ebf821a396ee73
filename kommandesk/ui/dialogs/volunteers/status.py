"""The status with its history (date, status, reason; newest first) and the button that changes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from kommandesk.domain.volunteers import TRANSITIONS, Volunteer
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.status_history import StatusHistory
from kommandesk.ui.dialogs.volunteers.section import Section, group
from kommandesk.ui.widgets.labels import plain_label

STATUS_KIND = {"applicant": "neutral", "active": "good", "paused": "warn", "inactive": "neutral",
               "archived": "neutral"}


class StatusSection(Section):
    expands = True

    change_requested = Signal()

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.status_box = StatusHistory("vol", "section_status", self.change_requested)
        self.current, self.change_button, self.history = (self.status_box.current, self.status_box.change_button,
                                                          self.status_box.history)
        self.status_field = self.status_box.field
        self._targets["status"] = self.status_field

        self.work = QTableWidget(0, 4)  # the assignments (issue 5) with the hours logged for each
        self.work.setObjectName("vol_assignments")
        self.work.setHorizontalHeaderLabels([_("Request"), _("Status"), _("Proposed on"), _("Hours")])
        self.work.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.work.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.work.verticalHeader().hide()
        work_header = self.work.horizontalHeader()
        work_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            work_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.work.setAccessibleName(_("Assignments"))
        self.total = plain_label("", name="vol_total_hours")
        work_box = group(_("Assignments and hours"), "section_assignments")
        work_layout = QVBoxLayout(work_box)
        work_layout.addWidget(self.work, 1)
        work_layout.addWidget(self.total)

        self.trainings = QTableWidget(0, 3)  # the courses (issue 6): completed ones and those under way
        self.trainings.setObjectName("vol_trainings")
        self.trainings.setHorizontalHeaderLabels([_("Course"), _("Status"), _("Attended")])
        self.trainings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.trainings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.trainings.verticalHeader().hide()
        trainings_header = self.trainings.horizontalHeader()
        trainings_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            trainings_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.trainings.setAccessibleName(_("Trainings"))
        self.trainings_total = plain_label("", name="vol_trainings_total")
        trainings_box = group(_("Trainings"), "section_trainings")
        trainings_layout = QVBoxLayout(trainings_box)
        trainings_layout.addWidget(self.trainings, 1)
        trainings_layout.addWidget(self.trainings_total)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.status_box.box, 3)
        outer.addWidget(work_box, 2)
        outer.addWidget(trainings_box, 2)
        self.set_tab_order()

    def focus_order(self):
        return [self.change_button, self.history, self.work, self.trainings]

    def load(self, vol: Volunteer) -> None:
        self.status_box.show(vol.status, vol.history, STATUS_KIND, TRANSITIONS)
        self._load_work(vol)
        self._load_trainings(vol)

    def _load_work(self, vol: Volunteer) -> None:
        from kommandesk.ui.models.request_texts import hours_text

        rows = self.context.service.assignments(vol.id) if vol.id else []
        self.work.setRowCount(0)
        for number, row in enumerate(rows):
            self.work.insertRow(number)
            texts = (_("{reference}: {person}").format(reference=row.request_reference, person=row.person),
                     row.status.label(), format_date(row.proposed_on), hours_text(row.minutes))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.work.setItem(number, column, item)
        total = self.context.service.total_minutes(vol.id) if vol.id else 0
        self.total.setText(_("Hours in total: {hours}").format(hours=hours_text(total)) if rows
                           else _("No assignments yet."))

    def _load_trainings(self, vol: Volunteer) -> None:
        from kommandesk.domain.trainings import RegistrationStatus
        from kommandesk.ui.models.attendance_model import amount_text, unit_short

        rows = self.context.service.trainings(vol.id) if vol.id else []
        self.trainings.setRowCount(0)
        for number, (course, status, eligibility) in enumerate(rows):
            self.trainings.insertRow(number)
            attended = ""
            if eligibility is not None and eligibility.planned_minutes:
                attended = _("{attended} of {planned} {unit} ({percent}%)").format(
                    attended=amount_text(eligibility.attended_minutes, course.unit),
                    planned=amount_text(eligibility.planned_minutes, course.unit), unit=unit_short(course.unit),
                    percent=eligibility.percent)
            texts = (_("{reference}: {title}").format(reference=course.reference, title=course.title),
                     status.label(), attended)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.trainings.setItem(number, column, item)
        completed = sum(1 for _course, status, _e in rows if status is RegistrationStatus.COMPLETED)
        self.trainings_total.setText(
            ngettext("{count} training completed.", "{count} trainings completed.", completed).format(
                count=completed) if rows else _("No trainings yet."))

    def apply(self, vol: Volunteer) -> Volunteer:
        return vol  # the status changes only through the "Change status" dialog
