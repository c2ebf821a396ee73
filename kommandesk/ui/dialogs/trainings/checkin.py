"""Check-in for one session, keyboard only: type a few letters of the name, Enter marks the person present.

In the search field: typing filters the list (folded: "sukru" finds "Şükrü"), Up/Down choose, Enter marks the
chosen person (the first match when none is chosen) present and clears the field for the next one, Esc clears
the field (and closes the dialog when it is empty). A number in "Late by (minutes)" (Alt+L) makes the next Enter
record a late arrival. In the list: Enter present, A absent, E excused (asks for the reason), Delete clears the
mark; any other letter goes back to the search field. Alt+A, Alt+E and Alt+C do the same from anywhere.

Problems (a cancelled session, too many minutes late) are shown in a line under the list: no box to click away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QInputDialog,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.trainings import TAKES_A_PLACE, Presence
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date, format_time
from kommandesk.ui.models.checkin_model import CheckInModel, Column, Entry
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_table import list_table

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def find_session(trainings, session_id: str):
    """(course id, SessionRow) of ``session_id``. The service's ``get_session`` when it has one, else a search
    through the courses (a handful)."""
    getter = getattr(trainings, "get_session", None)
    if getter is not None:
        course_id = getter(session_id).course_id
        return course_id, next(s for s in trainings.sessions(course_id) if s.id == session_id)
    for course in trainings.list_courses():
        for row in trainings.sessions(course.id):
            if row.id == session_id:
                return course.id, row
    raise KommanDeskError(_("This session no longer exists."))


def session_text(row) -> str:
    return _("Session {number}: {date}, {start}–{end}").format(
        number=row.number, date=format_date(row.day, "full"), start=format_time(row.start),
        end=format_time(row.end))


class _Keys(QObject):
    """The keys of the search field and the list, as the module says."""

    def __init__(self, dialog: "CheckInDialog"):
        super().__init__(dialog)
        self._dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        d = self._dialog
        key = event.key()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        if not plain:
            return False
        if key in _ENTER:
            d.mark_present()
            return True
        if watched is d.search:
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                d.move_selection(key)
                return True
            if key == Qt.Key.Key_Escape and d.search.text():
                d.search.clear()
                return True
            return False
        if watched is not d.table:
            return False
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            d.clear_mark()
            return True
        if key == Qt.Key.Key_A:
            d.mark_absent()
            return True
        if key == Qt.Key.Key_E:
            d.mark_excused()
            return True
        text = event.text()
        if text and text.isprintable() and not text.isspace():
            d.search.setFocus()
            d.search.setText(d.search.text() + text)
            return True
        return False


class CheckInDialog(QDialog):
    def __init__(self, trainings, session_id: str, parent=None):
        super().__init__(parent)
        self.setObjectName("checkin_dialog")
        self.setWindowTitle(_("Check-in"))
        self._trainings = trainings
        self.session_id = session_id
        self.course_id, self.session = find_session(trainings, session_id)
        course = trainings.get_course(self.course_id)

        self.model = CheckInModel(self.session.minutes, self)
        self.headline = Headline(course.title)
        self.headline.setObjectName("checkin_course")
        details = session_text(self.session)
        if self.session.place:
            details = _("{session} · {place}").format(session=details, place=self.session.place)
        self.details = plain_label(details, wrap=True, name="checkin_session")
        self.cancelled_notice = plain_label(
            _("This session was cancelled: no attendance can be recorded for it."), wrap=True,
            name="checkin_cancelled")
        self.cancelled_notice.setVisible(self.session.cancelled)

        self.search = QLineEdit()
        self.search.setObjectName("checkin_search")
        self.search.setPlaceholderText(_("Type a few letters of the name, then Enter"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        search_label = plain_label(_("&Name:"))
        search_label.setBuddy(self.search)
        self.late = QSpinBox()
        self.late.setObjectName("checkin_late")
        self.late.setRange(0, max(self.session.minutes, 0))
        self.late.setSuffix(_(" min"))
        self.late.setSpecialValueText(_("on time"))
        self.late.setToolTip(_("Set before Enter: the person came this many minutes late."))
        late_label = plain_label(_("&Late by:"))
        late_label.setBuddy(self.late)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        row.addWidget(late_label)
        row.addWidget(self.late)

        self.table = list_table("checkin_list", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.MARK, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Column.REFERENCE, self.table.fontMetrics().horizontalAdvance("V-2026-00000") + 24)
        header.setStretchLastSection(False)

        self.counts = plain_label(name="checkin_counts")
        self.feedback = plain_label(wrap=True, name="checkin_feedback")
        self.feedback.setAccessibleName(_("Last action"))
        help_text = plain_label(_("Enter: present · Up/Down: choose · in the list: A absent, E excused, "
                                  "Delete clears · Esc clears the name"), wrap=True)

        self.present_button = QPushButton(_("&Present"))
        self.present_button.setObjectName("checkin_present")
        self.present_button.setAutoDefault(False)
        self.present_button.clicked.connect(self.mark_present)
        self.absent_button = QPushButton(_("&Absent"))
        self.absent_button.setObjectName("checkin_absent")
        self.absent_button.setAutoDefault(False)
        self.absent_button.clicked.connect(self.mark_absent)
        self.excused_button = QPushButton(_("&Excused…"))
        self.excused_button.setObjectName("checkin_excused")
        self.excused_button.setAutoDefault(False)
        self.excused_button.clicked.connect(self.mark_excused)
        self.clear_button = QPushButton(_("&Clear mark"))
        self.clear_button.setObjectName("checkin_clear")
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear_mark)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        actions = QHBoxLayout()
        for button in (self.present_button, self.absent_button, self.excused_button, self.clear_button):
            actions.addWidget(button)
            button.setEnabled(not self.session.cancelled)
        actions.addStretch(1)
        actions.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(self.cancelled_notice)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        layout.addWidget(self.feedback)
        layout.addWidget(help_text)
        layout.addLayout(actions)
        self.setTabOrder(self.search, self.late)
        self.setTabOrder(self.late, self.table)

        self._keys = _Keys(self)
        self.search.installEventFilter(self._keys)
        self.late.installEventFilter(self._keys)
        self.table.installEventFilter(self._keys)
        self.resize(720, 640)
        self.reload()
        self.search.setFocus()

    # -- data ----------------------------------------------------------------------------------------------
    def reload(self) -> None:
        participants = [p for p in self._trainings.participants(self.course_id) if p.status in TAKES_A_PLACE]
        records = {registration_id: record for (session_id, registration_id), record
                   in self._trainings.attendance(self.course_id).items() if session_id == self.session_id}
        self.model.set_participants(participants, records)
        self._select(0)
        self._show_counts()

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._select(0)

    def _select(self, row: int) -> None:
        if self.model.rowCount() == 0:
            self.table.clearSelection()
            return
        row = max(0, min(row, self.model.rowCount() - 1))
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def move_selection(self, key: int) -> None:
        current = self.table.currentIndex().row() if self.table.selectionModel().hasSelection() else -1
        page = max(1, self.table.viewport().height() // max(1, self.table.verticalHeader().defaultSectionSize()))
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -page, Qt.Key.Key_PageDown: page}[key]
        self._select(current + step if current >= 0 else 0)

    def chosen(self) -> Entry | None:
        """The chosen person: the selected row, else the first match."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row() if rows else 0)

    def _show_counts(self) -> None:
        c = self.model.counts()
        self.counts.setText(_("Present: {present} of {total} (late: {late}) · excused: {excused} · absent: "
                              "{absent} · not marked: {open}").format(total=self.model.total(), **c))

    # -- marking -------------------------------------------------------------------------------------------
    def _target(self) -> Entry | None:
        entry = self.chosen()
        if entry is None:
            text = self.search.text().strip()
            self._say(_("Nobody on the list matches “{text}”.").format(text=text) if text
                      else _("Nobody is registered for this course."), problem=True)
        return entry

    def mark_present(self) -> None:
        entry = self._target()
        if entry is None:
            return
        late = self.late.value()
        minutes = None
        if late:
            if late >= self.session.minutes:
                self._say(_("The session lasts only {minutes} minutes.").format(minutes=self.session.minutes),
                          problem=True)
                return
            minutes = self.session.minutes - late
        if self._record(entry, Presence.PRESENT, minutes):
            if minutes is None:
                self._say(_("{name}: present.").format(name=entry.name))
            else:
                self._say(_("{name}: present, {late} minutes late.").format(name=entry.name, late=late))
            self.late.setValue(0)
            self.search.clear()
            self.search.setFocus()

    def mark_absent(self) -> None:
        entry = self._target()
        if entry is not None and self._record(entry, Presence.ABSENT):
            self._say(_("{name}: absent.").format(name=entry.name))

    def mark_excused(self) -> None:
        entry = self._target()
        if entry is None:
            return
        reason = self.ask_reason(entry.name)
        if reason is None:
            return
        if self._record(entry, Presence.EXCUSED, reason=reason.strip()):
            self._say(_("{name}: excused.").format(name=entry.name))

    def clear_mark(self) -> None:
        entry = self._target()
        if entry is None or entry.record is None:
            return
        try:
            self._trainings.clear(self.session_id, entry.participant.registration_id)
        except KommanDeskError as error:
            self._say(error.message, problem=True)
            return
        self.model.set_record(entry.participant.registration_id, None)
        self._show_counts()
        self._say(_("{name}: mark cleared.").format(name=entry.name))

    def ask_reason(self, name: str) -> str | None:
        """The reason for an excused absence (None: cancelled). Tests replace this."""
        text, ok = QInputDialog.getText(self, _("Excused"), _("Why is {name} excused?").format(name=name))
        return text if ok else None

    def _record(self, entry: Entry, presence: Presence, minutes: int | None = None, reason: str = "") -> bool:
        registration_id = entry.participant.registration_id
        try:
            record = self._trainings.record(self.session_id, registration_id, presence, minutes, reason)
        except KommanDeskError as error:
            self._say(error.message, problem=True)
            return False
        self.model.set_record(registration_id, record)
        self._show_counts()
        return True

    def _say(self, text: str, problem: bool = False) -> None:
        self.feedback.setText(_("⚠ {message}").format(message=text) if problem else text)
        self.feedback.setProperty("problem", problem)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.retranslate()
            self._show_counts()
        super().changeEvent(event)


__all__ = ["CheckInDialog", "find_session", "session_text"]
