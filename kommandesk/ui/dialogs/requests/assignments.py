"""The request's assignments: each volunteer with the assignment's status and dates, the steps along its
lifecycle (proposed -> contacted -> accepted / declined -> active -> completed / cancelled) with a reason, the
coordinator's notes and follow-up date, and the hours logged.

Status changes and hours are saved at once through RequestService (they also move the request on: the form
reloads its status). Notes and the follow-up date are saved with "Save notes" or with the form's Save.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QPlainTextEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kommandesk.domain.assignments import TRANSITIONS
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.requests.hours import HoursPanel
from kommandesk.ui.dialogs.requests.status_change import assignment_dialog
from kommandesk.ui.dialogs.volunteers.section import add_row, form_layout, group, hint_label
from kommandesk.ui.models.request_texts import hours_text
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_NOTES = 5000


class AssignmentsSection(QWidget):
    status_changed = Signal()  # an assignment moved on: the request's status may have changed too
    edited = Signal()  # notes or follow-up typed (not yet saved)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self._service = context.service
        self._request_id: str | None = None
        self._rows = []
        self._pending = False
        self._loading = False

        self.empty = hint_label(name="assignments_empty")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("assignments_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAccessibleName(_("Assignments"))
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 5)
        self.table.setMaximumHeight(self.table.fontMetrics().height() * 10)  # a handful of volunteers at most
        self.table.setHorizontalHeaderLabels([_("Volunteer"), _("Status"), _("Proposed on"), _("Active from"),
                                              _("Follow up on"), _("Hours")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.status_button = QPushButton(_("Change status…"))
        self.status_button.setObjectName("assignment_change_status")
        self.status_button.setAutoDefault(False)
        self.status_button.clicked.connect(self.change_status)
        self.history = plain_label(wrap=True, name="assignment_history")
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("assignment_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(_("e.g. called on Monday, meets the family at the site"))
        self.notes.setMinimumHeight(self.notes.fontMetrics().height() * 4)
        self.notes.textChanged.connect(self._typed)
        self.notes_field = FieldWithError(self.notes)
        self.follow_up = DateField(today=context.today, name="assignment_follow_up")
        self.follow_up.edited.connect(self._typed)
        self.save_notes_button = QPushButton(_("Save notes"))
        self.save_notes_button.setObjectName("assignment_save_notes")
        self.save_notes_button.setAutoDefault(False)
        self.save_notes_button.clicked.connect(self.save_notes)
        self.notes_message = plain_label(wrap=True, name="assignment_notes_message")

        self.hours = HoursPanel(self._service, context.today)
        self.hours.changed.connect(self._hours_changed)

        list_box = group(_("Volunteers for this request"), "section_assignments")
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.empty)
        list_layout.addWidget(self.table, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_button)
        status_row.addWidget(self.history, 1)
        list_layout.addLayout(status_row)

        notes_box = group(_("Notes and follow-up"), "section_assignment_notes")
        notes_form = form_layout(notes_box)
        add_row(notes_form, _("Notes:"), self.notes_field, self.notes)
        add_row(notes_form, _("Follow up on:"), self.follow_up, self.follow_up.line)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_notes_button)
        save_row.addWidget(self.notes_message, 1)
        notes_form.addRow(save_row)

        hours_box = group(_("Hours logged"), "section_assignment_hours")
        QVBoxLayout(hours_box).addWidget(self.hours)

        below = QHBoxLayout()
        below.addWidget(notes_box, 2)
        below.addWidget(hours_box, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(list_box, 1)
        layout.addLayout(below, 2)
        self.set_request(None)

    def focus_order(self) -> list[QWidget]:
        return [self.table, self.status_button, self.notes, self.follow_up.line, self.save_notes_button,
                *self.hours.focus_order()]

    # -- data -------------------------------------------------------------------------------------------------
    def set_request(self, request_id: str | None) -> None:
        self._request_id = request_id
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        keep = keep or self.selected_id()
        self._rows = list(self._service.assignments_of_request(self._request_id)) if self._request_id else []
        self.table.setRowCount(0)
        for row, item in enumerate(self._rows):
            self.table.insertRow(row)
            name = _("{name} ({reference})").format(name=item.volunteer_name, reference=item.volunteer_reference)
            texts = (name, item.status.label(), format_date(item.proposed_on),
                     format_date(item.started_on) if item.started_on else "",
                     format_date(item.follow_up_on) if item.follow_up_on else "", hours_text(item.minutes))
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setData(ID_ROLE, item.id)
                if column == 0 and item.override_rule:
                    cell.setToolTip(_("Assigned despite a rule: {reason}").format(reason=item.override_reason))
                if column == 5:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        if self._request_id is None:
            self.empty.setText(_("Save the request first; then volunteers can be assigned on the Matching page."))
        elif not self._rows:
            self.empty.setText(_("No volunteer assigned yet. Use Find volunteers on the Requests page."))
        self.empty.setVisible(self._request_id is None or not self._rows)
        self.table.setVisible(bool(self._rows))
        index = next((number for number, item in enumerate(self._rows) if item.id == keep), 0 if self._rows else -1)
        if index >= 0:
            self.table.selectRow(index)
        self._selected()

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row.id if row else None

    def selected_row(self):
        items = self.table.selectedItems()
        return self._rows[items[0].row()] if items and items[0].row() < len(self._rows) else None

    def rows(self):
        return list(self._rows)

    def select(self, assignment_id: str) -> bool:
        for number, item in enumerate(self._rows):
            if item.id == assignment_id:
                self.table.selectRow(number)
                return True
        return False

    def _selected(self) -> None:
        row = self.selected_row()
        self._loading = True
        self.notes.setPlainText(row.notes if row else "")
        self.follow_up.set_value(row.follow_up_on if row else None)
        self._loading = False
        self._pending = False
        self.notes_field.set_error(None)
        self.notes_message.clear()
        for widget in (self.notes, self.follow_up, self.save_notes_button):
            widget.setEnabled(row is not None)
        self.status_button.setEnabled(row is not None and bool(TRANSITIONS[row.status]))
        self.history.setText(self._history_text(row.id) if row else "")
        self.hours.set_assignment(row.id if row else None)

    def _history_text(self, assignment_id: str) -> str:
        try:
            assignment = self._service.get_assignment(assignment_id)
        except KommanDeskError:
            return ""
        lines = []
        for change in assignment.history:
            line = _("{date}: {status}").format(date=format_date(change.on), status=change.status.label())
            lines.append(_("{change} ({reason})").format(change=line, reason=change.reason) if change.reason
                         else line)
        return " · ".join(lines)

    # -- notes and follow-up ----------------------------------------------------------------------------------
    def _typed(self, *_args) -> None:
        if not self._loading and self.selected_row() is not None:
            self._pending = True
            self.notes_message.clear()
            self.edited.emit()

    def pending(self) -> bool:
        """Notes or a follow-up date typed and not saved yet."""
        return self._pending

    def save_notes(self) -> bool:
        row = self.selected_row()
        if row is None:
            return True
        problem = self.follow_up.problem()
        self.follow_up.set_error(problem)
        notes = self.notes.toPlainText()
        notes_problem = _("At most {limit} characters, please.").format(limit=MAX_NOTES) \
            if len(notes) > MAX_NOTES else None
        self.notes_field.set_error(notes_problem)
        if problem or notes_problem:
            return False
        try:
            self._service.update_assignment(row.id, notes=notes, follow_up_on=self.follow_up.value())
        except ValidationError as exc:
            self.notes_field.set_error(exc.errors.get("notes"))
            self.follow_up.set_error(exc.errors.get("follow_up_on"))
            others = [message for name, message in exc.errors.items() if name not in ("notes", "follow_up_on")]
            self.notes_message.setText("\n".join(others))
            return False
        except KommanDeskError as exc:
            self.notes_message.setText(exc.message)
            return False
        self._pending = False
        self.reload(keep=row.id)
        self.notes_message.setText(_("Notes saved."))
        return True

    # -- status and hours -------------------------------------------------------------------------------------
    def change_status(self) -> None:
        row = self.selected_row()
        if row is None or not TRANSITIONS[row.status]:
            return
        if self._pending and not self.save_notes():
            return
        dialog = assignment_dialog(self, self._service, row)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self.reload(keep=row.id)
            self.status_changed.emit()

    def _hours_changed(self) -> None:
        row = self.selected_row()
        if row is not None:
            keep_pending, notes, follow = self._pending, self.notes.toPlainText(), self.follow_up.text()
            self.reload(keep=row.id)
            if keep_pending:  # what was typed in the notes stays
                self._loading = True
                self.notes.setPlainText(notes)
                self.follow_up.line.setText(follow)
                self._loading = False
                self._pending = True
