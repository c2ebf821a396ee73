"""The attendance of a whole course (participants x sessions), to correct it afterwards.

Keys on the selected cells (several at once: click a session's header to take the whole column): P or Enter
present, L present for part of the session (asks for the minutes), A absent, E excused (asks for the reason),
Delete clears. The same from the context menu. Marks for one session go to the service in one ``record_many``;
the row's eligibility is worked out again at once. A refused mark (a cancelled session, too many minutes) is shown
in a message and nothing of that session's batch is saved.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QInputDialog, QMenu, QTableView, QVBoxLayout,
                               QWidget)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.trainings import TAKES_A_PLACE, Attendance, Presence
from kommandesk.i18n import _
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.models.attendance_model import AttendanceModel, cell_text
from kommandesk.ui.widgets.labels import plain_label

_KEYS = {Qt.Key.Key_P: "present", Qt.Key.Key_Return: "present", Qt.Key.Key_Enter: "present",
         Qt.Key.Key_L: "partly", Qt.Key.Key_A: "absent", Qt.Key.Key_E: "excused", Qt.Key.Key_Delete: "clear",
         Qt.Key.Key_Backspace: "clear"}


class _GridKeys(QObject):
    def __init__(self, grid: "AttendanceGrid"):
        super().__init__(grid)
        self._grid = grid

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        action = _KEYS.get(event.key())
        if action is None or not self._grid.selected_cells():
            return False
        self._grid.apply(action)
        return True


class AttendanceGrid(QWidget):
    def __init__(self, trainings, course_id: str, parent=None):
        super().__init__(parent)
        self.setObjectName("attendance_grid")
        self._trainings = trainings
        self.course_id = course_id
        self.model = AttendanceModel(self)
        self.table = QTableView()
        self.table.setObjectName("attendance_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._keys = _GridKeys(self)
        self.table.installEventFilter(self._keys)

        self.legend = plain_label(_("P or Enter: present · L: present for part of the session (minutes) · "
                                    "A: absent · E: excused · Delete: clear · click a session's heading to select "
                                    "the whole session"), wrap=True, name="attendance_legend")
        self.summary = plain_label(name="attendance_summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.legend)
        self.reload()

    # -- data ------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        course = self._trainings.get_course(self.course_id)
        sessions = self._trainings.sessions(self.course_id)
        rows = self._trainings.eligibility(self.course_id)
        participants = [row.participant for row in rows if row.participant.status in TAKES_A_PLACE]
        self.model.set_data(sessions, participants, self._trainings.attendance(self.course_id), course.unit,
                            course.min_attendance_percent,
                            {row.participant.registration_id: row.eligibility for row in rows})
        self._size_columns()
        self._show_summary()

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header.resizeSection(0, metrics.averageCharWidth() * 26 + 16)
        samples = [cell_text(Attendance("", "", presence), 90) for presence in Presence] + [
            cell_text(Attendance("", "", Presence.PRESENT, 999), 1000)]
        cell = max(metrics.horizontalAdvance(text) for text in samples) + 20
        for column in range(1, self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(line) for line in title.split("\n")) + 24
            header.resizeSection(column, max(cell, width))

    def _show_summary(self) -> None:
        eligible = sum(1 for n in range(self.model.rowCount()) if self.model.eligibility_at(n).eligible)
        self.summary.setText(_("{eligible} of {total} participants reach the minimum attendance.").format(
            eligible=eligible, total=self.model.rowCount()))

    # -- editing -----------------------------------------------------------------------------------------------
    def selected_cells(self) -> list[tuple[int, int]]:
        """(row, column) of the selected cells that can be marked (sessions not cancelled)."""
        cells = []
        for index in self.table.selectionModel().selectedIndexes():
            session = self.model.session_at(index.column())
            if session is not None and not session.cancelled:
                cells.append((index.row(), index.column()))
        return sorted(cells)

    def apply(self, action: str) -> bool:
        """Mark the selected cells: present / partly / absent / excused / clear. False: nothing was done."""
        cells = self.selected_cells()
        if not cells:
            return False
        minutes, reason = None, ""
        if action == "partly":
            sessions = {self.model.session_at(column).minutes for _row, column in cells}
            minutes = self.ask_minutes(min(sessions))
            if minutes is None:
                return False
        elif action == "excused":
            reason = self.ask_reason()
            if reason is None:
                return False
            reason = reason.strip()
        by_session: dict[int, list[int]] = defaultdict(list)
        for row, column in cells:
            by_session[column].append(row)
        done = True
        for column, rows in by_session.items():
            session = self.model.session_at(column)
            try:
                if action == "clear":
                    self._clear(session, rows)
                else:
                    self._mark(session, rows, action, minutes, reason)
            except KommanDeskError as error:
                show_problem(self, _("Attendance not saved"), error.message)
                done = False
                break
        self._show_summary()
        return done

    def _mark(self, session, rows: list[int], action: str, minutes: int | None, reason: str) -> None:
        presence = {"present": Presence.PRESENT, "partly": Presence.PRESENT, "absent": Presence.ABSENT,
                    "excused": Presence.EXCUSED}[action]
        items = [(self.model.participant_at(row).registration_id, presence, minutes, reason) for row in rows]
        if len(items) == 1:
            registration_id, *_rest = items[0]
            records = [self._trainings.record(session.id, registration_id, presence, minutes, reason)]
        else:
            self._trainings.record_many(session.id, items)
            attendance = self._trainings.attendance(self.course_id)
            records = [attendance.get((session.id, item[0])) for item in items]
        for (registration_id, *_rest), record in zip(items, records):
            self.model.set_record(registration_id, session.id, record)

    def _clear(self, session, rows: list[int]) -> None:
        for row in rows:
            if self.model.record_at(row, self.model.column_of(session.id)) is None:
                continue
            registration_id = self.model.participant_at(row).registration_id
            self._trainings.clear(session.id, registration_id)
            self.model.set_record(registration_id, session.id, None)

    def ask_minutes(self, session_minutes: int) -> int | None:
        """Minutes present (came late or left early); None: cancelled. Tests replace this."""
        value, ok = QInputDialog.getInt(
            self, _("Present for part of the session"),
            _("Minutes present (the session lasts {minutes} minutes):").format(minutes=session_minutes),
            session_minutes, 0, session_minutes)
        return value if ok else None

    def ask_reason(self) -> str | None:
        """Why excused; None: cancelled. Tests replace this."""
        text, ok = QInputDialog.getText(self, _("Excused"), _("Reason:"))
        return text if ok else None

    def _context_menu(self, position: QPoint) -> None:
        if not self.selected_cells():
            return
        menu = self.build_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))

    def build_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("attendance_menu")
        for action, text, key in (("present", _("Present"), "P"), ("partly", _("Present for part…"), "L"),
                                  ("absent", _("Absent"), "A"), ("excused", _("Excused…"), "E"),
                                  ("clear", _("Clear mark"), "Del")):
            item = menu.addAction(text)
            item.setObjectName(f"attendance_{action}")
            item.setShortcut(QKeySequence(key))
            item.setShortcutVisibleInContextMenu(True)
            item.triggered.connect(lambda _checked=False, chosen=action: self.apply(chosen))
        return menu

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.retranslate()
            self._show_summary()
        super().changeEvent(event)


__all__ = ["AttendanceGrid"]
