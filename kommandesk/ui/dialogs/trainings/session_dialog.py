"""Add a session to a course, or change one (a new day or new times is how a session is moved): date, start and
end, place (address or room), trainer. The rules are asked while typing: a session that ends before it starts, or
a room taken at that time by another session (of any course), is said beside the field, and Save stays refused
until it is right.

``edit_session(parent, trainings, course_id, session)`` (session None: a new one) returns the saved Session or
None."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout,
                               QWidget)

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.trainings import Session
from kommandesk.i18n import _
from kommandesk.ui.dialogs.form_dialog import clock
from kommandesk.ui.dialogs.volunteers.section import add_row, form_layout
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.time_span import TimeSpanField

_FIELD_OF = {"day": "day", "start": "times", "end": "times", "place": "place", "trainer": "trainer"}


def session_from_row(course_id: str, row) -> Session:
    """The Session a SessionRow of the list stands for."""
    return Session(course_id=course_id, day=row.day, start=row.start, end=row.end, place=row.place,
                   trainer=row.trainer, cancelled=row.cancelled, number=row.number, id=row.id)


def _line(name: str) -> FieldWithError:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(1000)
    return FieldWithError(edit)


class SessionDialog(QDialog):
    def __init__(self, service, session: Session, places: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("session_dialog")
        self.setModal(True)
        self._service = service
        self._session = session
        self.saved: Session | None = None
        self.day = DateField(required=True, today=clock(service), name="session_day")
        self.times = TimeSpanField(name="session_time")
        self.place = _line("session_place")
        self.place.editor.setPlaceholderText(_("e.g. Town hall, room 2.14"))
        if places:
            completer = QCompleter(sorted(set(places)), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.place.editor.setCompleter(completer)
        self.trainer = _line("session_trainer")
        self.fields = {"day": self.day, "times": self.times, "place": self.place, "trainer": self.trainer}

        form: QFormLayout = form_layout(self)
        add_row(form, _("Date:"), self.day, self.day.line)
        add_row(form, _("Time:"), self.times, self.times.start)
        add_row(form, _("Place (address or room):"), self.place)
        add_row(form, _("Trainer:"), self.trainer)
        self.message = plain_label(wrap=True, name="session_message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("session_save")
        buttons.accepted.connect(self.save_and_close)
        buttons.rejected.connect(self.reject)
        bottom = QVBoxLayout()
        bottom.addWidget(self.message)
        bottom.addWidget(buttons)
        form.addRow(bottom)

        self.day.set_value(session.day)
        self.times.set_value(session.start, session.end)
        self.place.editor.setText(session.place)
        self.trainer.editor.setText(session.trainer)
        self.day.edited.connect(self.check)
        self.times.edited.connect(self.check)
        self.place.editor.textEdited.connect(self.check)
        self.trainer.editor.textEdited.connect(self.check)
        for first, second in zip([self.day.line, self.times.start, self.times.end, self.place.editor,
                                  self.trainer.editor], [self.times.start, self.times.end, self.place.editor,
                                                         self.trainer.editor, self.save_button]):
            QWidget.setTabOrder(first, second)
        self.setWindowTitle(_("Change session {number}").format(number=session.number) if session.id
                            else _("New session"))
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())
        self.day.line.setFocus()

    def value(self) -> Session:
        start, end = self.times.value()
        return dataclasses.replace(self._session, day=self.day.value() or self._session.day, start=start, end=end,
                                   place=self.place.editor.text().strip(), trainer=self.trainer.editor.text().strip())

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        problem = self.day.problem()
        if problem:
            errors["day"] = problem
        errors.update({name: message for name, message in self._service.validate_session(self.value()).items()
                       if name not in errors})
        return errors

    def show_errors(self, errors: dict[str, str]) -> None:
        shown: dict[str, str] = {}
        for name, message in errors.items():
            field = _FIELD_OF.get(name)
            if field and field not in shown:
                shown[field] = message
        for field_name, field in self.fields.items():
            field.set_error(shown.get(field_name))
        others = [message for name, message in errors.items() if name not in _FIELD_OF]
        self.message.setText("\n".join(others))
        self.save_button.setEnabled(not errors)

    def check(self) -> bool:
        errors = self.errors()
        self.show_errors(errors)
        return not errors

    def error_text(self, field: str) -> str:
        label = self.fields[field].error
        return label.text() if not label.isHidden() else ""

    def save(self) -> bool:
        if not self.check():
            return False
        session = self.value()
        try:
            saved = self._service.update_session(session) if session.id else self._service.add_session(session)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except KommanDeskError as exc:
            self.message.setText(exc.message)
            return False
        self.saved = saved
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()


def new_session(service, course_id: str, trainer: str, sessions: list) -> Session:
    """A new session a week after the last one, at its times and place; else tomorrow 18:00-20:00."""
    held = [row for row in sessions if not row.cancelled]
    if held:
        last = max(held, key=lambda row: (row.day, row.start))
        return Session(course_id=course_id, day=last.day + dt.timedelta(days=7), start=last.start, end=last.end,
                       place=last.place, trainer=last.trainer or trainer)
    return Session(course_id=course_id, day=clock(service)() + dt.timedelta(days=1), start=dt.time(18, 0),
                   end=dt.time(20, 0), trainer=trainer)


def edit_session(parent, service, course_id: str, session: Session | None, trainer: str = "",
                 sessions: list | None = None) -> Session | None:
    sessions = sessions or []
    record = session or new_session(service, course_id, trainer, sessions)
    dialog = SessionDialog(service, record, [row.place for row in sessions if row.place], parent)
    dialog.exec()
    saved = dialog.saved
    dialog.deleteLater()
    return saved
