"""The Participants tab of a course: who is registered (by last name), then the waiting list in order with each
person's place, and (when asked) the cancelled registrations. Register… opens the search picker (or a new person,
saved as an applicant); Cancel registration frees the place and says who moved up from the waiting list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QInputDialog, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.trainings import RegistrationStatus
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.models.course_texts import places_text
from kommandesk.ui.models.participants_model import Column, ParticipantsModel
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_table import list_table, size_columns

_WIDTHS = {Column.NAME: 24, Column.REFERENCE: 12, Column.STATUS: 20, Column.REGISTERED: 13, Column.EMAIL: 24}


def _name(participant) -> str:
    return f"{participant.first_name} {participant.last_name}".strip()


class ParticipantsTab(QWidget):
    changed = Signal(str)  # something was saved: what to say in the page's status line

    def __init__(self, trainings, volunteers, parent=None):
        super().__init__(parent)
        self._trainings = trainings
        self._volunteers = volunteers
        self._course = None
        self.model = ParticipantsModel(parent=self)
        self.table = list_table("participants_table", self.model)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.show_cancelled = QCheckBox()
        self.show_cancelled.setObjectName("participants_show_cancelled")
        self.show_cancelled.toggled.connect(lambda _on: self.reload())
        self.register_button = QPushButton()
        self.register_button.setObjectName("participants_register")
        self.register_button.clicked.connect(self.register)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("participants_cancel")
        self.cancel_button.clicked.connect(self.cancel_chosen)
        self.counts = plain_label(name="participants_counts")
        row = QHBoxLayout()
        row.addWidget(self.register_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.show_cancelled)
        row.addStretch(1)
        row.addWidget(self.counts)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.register_button.setText(_("&Register…"))
        self.register_button.setToolTip(_("Register volunteers, or a new person, for this course"))
        self.cancel_button.setText(_("Cancel re&gistration…"))
        self.cancel_button.setToolTip(_("Free the chosen person's place: the first on the waiting list moves up"))
        self.show_cancelled.setText(_("Show cancelled registrations"))
        self.model.retranslate()
        size_columns(self.table, _WIDTHS)
        self._show_counts()

    # -- data -------------------------------------------------------------------------------------------------
    def show_course(self, course) -> None:
        self._course = course
        self.reload()

    def reload(self, select: str | None = None) -> None:
        chosen = select or self._chosen_id()
        rows = self._trainings.participants(self._course.id, include_cancelled=self.show_cancelled.isChecked()) \
            if self._course else []
        self.model.set_rows(rows)
        if chosen:
            self.select(chosen)
        self._show_counts()
        self._enable()

    def rows(self) -> list:
        return [self.model.row_at(n) for n in range(self.model.rowCount())]

    def select(self, registration_id: str) -> bool:
        row = self.model.row_of(registration_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _show_counts(self) -> None:
        if self._course is None:
            self.counts.clear()
            return
        rows = self.rows()
        taken = sum(1 for p in rows if p.status in (RegistrationStatus.REGISTERED, RegistrationStatus.COMPLETED))
        waiting = sum(1 for p in rows if p.status is RegistrationStatus.WAITING)
        self.counts.setText(_("Places taken: {places}").format(
            places=places_text(taken, self._course.capacity, waiting)))

    def _chosen(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _chosen_id(self) -> str | None:
        item = self._chosen()
        return item.registration_id if item else None

    def _enable(self, *_args) -> None:
        item = self._chosen()
        self.register_button.setEnabled(self._course is not None)
        self.cancel_button.setEnabled(item is not None and item.status in (RegistrationStatus.REGISTERED,
                                                                           RegistrationStatus.WAITING))

    # -- actions ----------------------------------------------------------------------------------------------
    def register(self) -> None:
        from kommandesk.ui.dialogs.trainings.register_dialog import register_people

        if self._course is None:
            return
        made = register_people(self, self._trainings, self._volunteers, self._course.id)
        if made:
            self.reload(select=made[-1].id)
            waiting = sum(1 for r in made if r.status is RegistrationStatus.WAITING)
            text = ngettext("{count} person registered.", "{count} people registered.", len(made)).format(
                count=format_number(len(made)))
            if waiting:
                text = ngettext("{count} person registered, {waiting} of them on the waiting list.",
                                "{count} people registered, {waiting} of them on the waiting list.",
                                len(made)).format(count=format_number(len(made)), waiting=format_number(waiting))
            self.changed.emit(text)

    def cancel_chosen(self) -> None:
        item = self._chosen()
        if item is None:
            return
        reason, ok = QInputDialog.getText(self, _("Cancel registration"), _(
            "Cancel the registration of {name}? The first on the waiting list moves up.\n\nReason (optional):"
        ).format(name=_name(item)), QLineEdit.EchoMode.Normal, "")
        if ok:
            self.cancel(item.registration_id, reason)

    def cancel(self, registration_id: str, reason: str = "") -> str | None:
        """Cancel the registration; the message said (who moved up), or None when refused."""
        item = next((p for p in self.rows() if p.registration_id == registration_id), None)
        try:
            moved = self._trainings.cancel_registration(registration_id, reason)
        except KommanDeskError as exc:
            show_problem(self, _("Registration not cancelled"), exc.message)
            return None
        name = _name(item) if item else ""
        self.reload()
        if moved is not None:
            mover = next((p for p in self.rows() if p.registration_id == moved.id), None)
            if mover is not None:
                self.select(mover.registration_id)
            text = _("{name}'s registration was cancelled; {mover} moved up from the waiting list.").format(
                name=name, mover=_name(mover) if mover else "")
        else:
            text = _("{name}'s registration was cancelled.").format(name=name)
        self.changed.emit(text)
        return text
