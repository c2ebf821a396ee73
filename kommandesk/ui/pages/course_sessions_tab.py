"""The Sessions tab of a course: its sessions in date order, the planned time (the sum of the sessions held),
and Add / Change (move) / Cancel session. Cancelling asks for a reason; a cancelled session stays in the list,
struck through, and no longer counts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.models.course_texts import amount_text
from kommandesk.ui.models.sessions_model import Column, SessionsModel
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_keys import EnterOpens
from kommandesk.ui.widgets.list_table import list_table, size_columns

_WIDTHS = {Column.NUMBER: 4, Column.DAY: 16, Column.TIME: 14, Column.LENGTH: 13, Column.PLACE: 32,
           Column.TRAINER: 18}


class SessionsTab(QWidget):
    changed = Signal(str)  # something was saved: what to say in the page's status line

    def __init__(self, trainings, parent=None):
        super().__init__(parent)
        self._trainings = trainings
        self._course = None  # the Course shown
        self.model = SessionsModel(parent=self, today=trainings.today)
        self.table = list_table("sessions_table", self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_chosen())
        self.table.installEventFilter(EnterOpens(self, self.edit_chosen))
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.add_button = self._button("sessions_add", self.add)
        self.edit_button = self._button("sessions_edit", self.edit_chosen)
        self.cancel_button = self._button("sessions_cancel", self.cancel_chosen)
        self.planned = plain_label(name="sessions_planned")
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.cancel_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.planned)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.retranslate()

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.add_button.setText(_("&Add session…"))
        self.add_button.setToolTip(_("Plan another session of this course"))
        self.edit_button.setText(_("&Change or move…"))
        self.edit_button.setToolTip(_("Change the chosen session's day, times, place or trainer (Enter)"))
        self.cancel_button.setText(_("Cancel sess&ion…"))
        self.cancel_button.setToolTip(_("Cancel the chosen session: it stays in the list and no longer counts"))
        self.model.retranslate()
        size_columns(self.table, _WIDTHS)
        self._show_planned()

    # -- data -------------------------------------------------------------------------------------------------
    def show_course(self, course) -> None:
        self._course = course
        self.reload()

    def reload(self, select: str | None = None) -> None:
        chosen = select or self._chosen_id()
        self.model.set_rows(self._trainings.sessions(self._course.id) if self._course else [])
        if chosen:
            row = self.model.row_of(chosen)
            if row >= 0:
                self.table.selectRow(row)
        self._show_planned()
        self._enable()

    def rows(self) -> list:
        return [self.model.row_at(n) for n in range(self.model.rowCount())]

    def _show_planned(self) -> None:
        if self._course is None:
            self.planned.clear()
            return
        minutes = sum(row.minutes for row in self.rows() if not row.cancelled)
        self.planned.setText(_("Planned time: {amount}").format(amount=amount_text(minutes, self._course.unit)))

    def _chosen(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _chosen_id(self) -> str | None:
        item = self._chosen()
        return item.id if item else None

    def select(self, session_id: str) -> bool:
        row = self.model.row_of(session_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _enable(self, *_args) -> None:
        item = self._chosen()
        self.add_button.setEnabled(self._course is not None)
        self.edit_button.setEnabled(item is not None and not item.cancelled)
        self.cancel_button.setEnabled(item is not None and not item.cancelled)

    # -- actions ----------------------------------------------------------------------------------------------
    def add(self) -> None:
        from kommandesk.ui.dialogs.trainings.session_dialog import edit_session

        if self._course is None:
            return
        saved = edit_session(self, self._trainings, self._course.id, None, self._course.trainers, self.rows())
        if saved is not None:
            self.reload(select=saved.id)
            self.changed.emit(_("Session {number} was added.").format(number=saved.number))

    def edit_chosen(self) -> None:
        from kommandesk.ui.dialogs.trainings.session_dialog import edit_session, session_from_row

        item = self._chosen()
        if item is None or item.cancelled or self._course is None:
            return
        saved = edit_session(self, self._trainings, self._course.id, session_from_row(self._course.id, item),
                             self._course.trainers, self.rows())
        if saved is not None:
            self.reload(select=saved.id)
            self.changed.emit(_("Session {number} was saved.").format(number=saved.number))

    def cancel_chosen(self) -> None:
        item = self._chosen()
        if item is None or item.cancelled:
            return
        reason, ok = QInputDialog.getText(self, _("Cancel session"), _(
            "Cancel session {number}? It stays in the list and no longer counts for the planned time or "
            "attendance.\n\nReason (optional):").format(number=item.number), QLineEdit.EchoMode.Normal, "")
        if not ok:
            return
        self.cancel(item.id, reason)

    def cancel(self, session_id: str, reason: str = "") -> bool:
        number = next((row.number for row in self.rows() if row.id == session_id), "")
        try:
            self._trainings.cancel_session(session_id, reason)
        except KommanDeskError as exc:
            show_problem(self, _("Session not cancelled"), exc.message)
            return False
        self.reload(select=session_id)
        self.changed.emit(_("Session {number} was cancelled.").format(number=number))
        return True


