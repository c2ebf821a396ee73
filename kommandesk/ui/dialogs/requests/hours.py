"""The hours logged for one assignment: date, hours, activity; add a line, delete one, and the total.

Hours are typed as "1,5", "1.5", "1:30" or "90 min" (domain.assignments.parse_hours) and stored as minutes.
Every line is saved at once through RequestService.log_hours / delete_hours; a refused line keeps what was
typed, with the message beside the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHeaderView, QLineEdit, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QWidget)

from kommandesk.domain.assignments import HoursEntry, parse_hours
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.models.request_texts import hours_text
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label

ENTRY_ROLE = Qt.ItemDataRole.UserRole


class HoursPanel(QWidget):
    changed = Signal()  # hours were added or deleted

    def __init__(self, service, today, parent=None):
        super().__init__(parent)
        self._service = service
        self._today = today
        self._assignment_id: str | None = None
        self._entries: list[HoursEntry] = []

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("hours_table")
        self.table.setHorizontalHeaderLabels([_("Date"), _("Hours"), _("Activity")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(_("Hours logged"))
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 5)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)

        self.day = DateField(today=today, name="hours_day")
        self.hours = QLineEdit()
        self.hours.setObjectName("hours_amount")
        self.hours.setMaxLength(20)
        self.hours.setPlaceholderText(_("e.g. 1,5 or 1:30"))
        self.hours.setAccessibleName(_("Hours"))
        self.hours_field = FieldWithError(self.hours, width_chars=9)
        self.activity = QLineEdit()
        self.activity.setObjectName("hours_activity")
        self.activity.setMaxLength(300)
        self.activity.setPlaceholderText(_("e.g. went to the immigration office together"))
        self.activity.setAccessibleName(_("Activity"))
        self.activity_field = FieldWithError(self.activity)
        self.hours.returnPressed.connect(self.add)
        self.activity.returnPressed.connect(self.add)
        self.add_button = QPushButton(_("Log hours"))
        self.add_button.setObjectName("hours_add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton(_("Delete line…"))
        self.delete_button.setObjectName("hours_delete")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_selected)
        self.total = plain_label(name="hours_total")
        self.message = plain_label(wrap=True, name="hours_message")
        self.message.hide()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, text in enumerate((_("Date:"), _("Hours:"), _("Activity:"))):
            label = plain_label(text)
            label.setBuddy((self.day.line, self.hours, self.activity)[column])
            grid.addWidget(label, 0, column)
        grid.addWidget(self.day, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.hours_field, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.activity_field, 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.add_button, 1, 3, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.message, 2, 0, 1, 4)
        grid.addWidget(self.table, 3, 0, 1, 3)
        grid.addWidget(self.delete_button, 3, 3, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.total, 4, 0, 1, 4)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(3, 1)
        self.set_assignment(None)

    def focus_order(self) -> list[QWidget]:
        return [self.day.line, self.hours, self.activity, self.add_button, self.table, self.delete_button]

    # -- data -------------------------------------------------------------------------------------------------
    def set_assignment(self, assignment_id: str | None) -> None:
        if assignment_id != self._assignment_id:
            self.day.set_value(self._today())
            self.hours.clear()
            self.activity.clear()
            self._clear_errors()
        self._assignment_id = assignment_id
        self._entries = list(self._service.hours_of(assignment_id)) if assignment_id else []
        self._fill()
        for widget in (self.day, self.hours, self.activity, self.add_button, self.table):
            widget.setEnabled(assignment_id is not None)
        self._enable()

    def _fill(self) -> None:
        self.table.setRowCount(0)
        entries = sorted(self._entries, key=lambda entry: entry.day, reverse=True)
        for row, entry in enumerate(entries):
            self.table.insertRow(row)
            for column, text in enumerate((format_date(entry.day), hours_text(entry.minutes), entry.activity)):
                item = QTableWidgetItem(text)
                item.setData(ENTRY_ROLE, entry.id)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        total = sum(entry.minutes for entry in self._entries)
        self.total.setText(_("Total: {hours}").format(hours=hours_text(total)) if self._entries
                           else _("No hours logged yet."))

    def total_minutes(self) -> int:
        return sum(entry.minutes for entry in self._entries)

    def _enable(self) -> None:
        self.delete_button.setEnabled(self._assignment_id is not None and bool(self.table.selectedItems()))

    def _clear_errors(self) -> None:
        for field in (self.day, self.hours_field, self.activity_field):
            field.set_error(None)
        self._note("")

    def _note(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- actions ----------------------------------------------------------------------------------------------
    def add(self) -> bool:
        """Log the hours typed; False (the reason beside the field, nothing saved) when they cannot be."""
        if self._assignment_id is None:
            return False
        self._clear_errors()
        errors = {}
        if not self.day.check() or self.day.value() is None:
            errors["day"] = self.day.problem() or _("Enter a date.")
        minutes = parse_hours(self.hours.text())
        if minutes is None:
            errors["minutes"] = _("Type the hours like 1,5 or 1:30.") if self.hours.text().strip() \
                else _("Enter the hours.")
        if errors:
            self._show(errors)
            return False
        try:
            self._service.log_hours(self._assignment_id, self.day.value(), minutes, self.activity.text().strip())
        except ValidationError as exc:
            self._show(exc.errors)
            return False
        except KommanDeskError as exc:
            self._note(exc.message)
            return False
        self.hours.clear()
        self.activity.clear()
        self.set_assignment(self._assignment_id)
        self._note(_("Hours logged."))
        self.hours.setFocus()
        self.changed.emit()
        return True

    def _show(self, errors: dict[str, str]) -> None:
        targets = {"day": self.day, "minutes": self.hours_field, "activity": self.activity_field}
        for name, target in targets.items():
            target.set_error(errors.get(name))
        others = [message for name, message in errors.items() if name not in targets]
        self._note("\n".join(others))
        first = next((targets[name] for name in targets if name in errors), None)
        if first is not None:
            first.setFocus()

    def delete_selected(self) -> bool:
        items = self.table.selectedItems()
        if not items or self._assignment_id is None:
            return False
        row = items[0].row()
        entry_id = self.table.item(row, 0).data(ENTRY_ROLE)
        box = QMessageBox(QMessageBox.Icon.Question, _("Delete hours"),
                          _("Delete {hours} on {day}?").format(hours=self.table.item(row, 1).text(),
                                                                day=self.table.item(row, 0).text()),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        try:
            self._service.delete_hours(entry_id)
        except KommanDeskError as exc:
            self._note(exc.message)
            return False
        self.set_assignment(self._assignment_id)
        self._note(_("The line was deleted."))
        self.changed.emit()
        return True
