"""A course's attendance as a table: participants down, sessions across, and the eligibility at the end.

A cell says present / present for part of the session (minutes) / excused / absent with a symbol and a word (never
colour alone); a cancelled session's column shows a dash and cannot be edited. The last three columns: attended /
planned time in the course's unit, the percent, and whether the participant reaches the course's minimum (✓ / ✗).

Texts are worked out once when the data arrives (``set_data``) and again for one row when a mark changes
(``set_record``: the row's eligibility is recomputed with the domain's rule), so painting 200 x 13 cells only
looks them up.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kommandesk.domain.trainings import Attendance, Eligibility, Presence, Session, TimeUnit, eligibility
from kommandesk.i18n import _, pgettext
from kommandesk.i18n.formatting import format_date, format_number, format_time

ID_ROLE = Qt.ItemDataRole.UserRole  # the registration id, on every cell
SESSION_ROLE = Qt.ItemDataRole.UserRole + 1  # the session id of a session cell (None elsewhere)
EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
CENTRED = int(Qt.AlignmentFlag.AlignCenter)
EXTRA_COLUMNS = 3  # attended / planned, percent, eligible


def cell_text(record: Attendance | None, session_minutes: int, cancelled: bool = False) -> str:
    if cancelled:
        return "—"
    if record is None:
        return ""
    if record.presence is Presence.PRESENT:
        if record.minutes is not None and record.minutes < session_minutes:
            return pgettext("attendance cell", "◐ {minutes} min").format(minutes=record.minutes)
        return pgettext("attendance cell", "✓ present")
    if record.presence is Presence.EXCUSED:
        return pgettext("attendance cell", "○ excused")
    return pgettext("attendance cell", "✗ absent")


def cell_tooltip(record: Attendance | None, session_minutes: int, cancelled: bool = False) -> str:
    if cancelled:
        return _("This session was cancelled.")
    if record is None:
        return _("Not marked yet.")
    if record.presence is Presence.PRESENT and record.minutes is not None and record.minutes < session_minutes:
        text = _("Present for {minutes} of {total} minutes (came late or left early).").format(
            minutes=record.minutes, total=session_minutes)
    elif record.presence is Presence.EXCUSED and record.reason:
        text = _("Excused: {reason}").format(reason=record.reason)
    else:
        text = record.presence.label()
    if record.recorded_by:
        text = _("{mark}\nRecorded by {user}.").format(mark=text, user=record.recorded_by)
    return text


def unit_short(unit: TimeUnit) -> str:
    return pgettext("time unit, short", "h") if unit is TimeUnit.HOURS else pgettext("time unit, short", "TU")


def amount_text(minutes: int, unit: TimeUnit) -> str:
    return format_number(round(unit.amount(minutes), 2))


class AttendanceModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._sessions: list = []  # SessionRow
        self._domain_sessions: list[Session] = []
        self._participants: list = []  # Participant
        self._records: list[dict[str, Attendance]] = []  # per row: session id -> record
        self._eligibility: list[Eligibility] = []
        self._texts: list[list[str]] = []
        self._unit = TimeUnit.HOURS
        self._min_percent = 80

    # -- data ------------------------------------------------------------------------------------------------
    def set_data(self, sessions, participants, attendance: dict, unit: TimeUnit, min_percent: int,
                 eligibilities: dict[str, Eligibility] | None = None) -> None:
        """``attendance``: (session id, registration id) -> record; ``eligibilities``: registration id -> the
        service's figure (computed here with the same rule when missing)."""
        self.beginResetModel()
        self._sessions = list(sessions)
        self._domain_sessions = [Session(None, s.day, s.start, s.end, cancelled=s.cancelled, id=s.id)
                                 for s in self._sessions]
        self._participants = list(participants)
        self._unit, self._min_percent = unit, min_percent
        by_registration: dict[str, dict[str, Attendance]] = {p.registration_id: {} for p in self._participants}
        for (session_id, registration_id), record in attendance.items():
            row = by_registration.get(registration_id)
            if row is not None:
                row[session_id] = record
        self._records = [by_registration[p.registration_id] for p in self._participants]
        eligibilities = eligibilities or {}
        self._eligibility = [eligibilities.get(p.registration_id) or self._compute(p.registration_id, records)
                             for p, records in zip(self._participants, self._records)]
        self._texts = [self._row_texts(n) for n in range(len(self._participants))]
        self.endResetModel()

    def _compute(self, registration_id: str, records: dict[str, Attendance]) -> Eligibility:
        return eligibility(registration_id, self._domain_sessions, records, self._min_percent)

    def _row_texts(self, row: int) -> list[str]:
        p = self._participants[row]
        records = self._records[row]
        texts = [_("{last_name}, {first_name}").format(last_name=p.last_name, first_name=p.first_name)]
        texts += [cell_text(records.get(s.id), s.minutes, s.cancelled) for s in self._sessions]
        e = self._eligibility[row]
        texts.append(_("{attended} / {planned}").format(attended=amount_text(e.attended_minutes, self._unit),
                                                        planned=amount_text(e.planned_minutes, self._unit)))
        texts.append(_("{percent}%").format(percent=format_number(e.percent)))
        texts.append(pgettext("eligible", "✓ yes") if e.eligible else pgettext("eligible", "✗ no"))
        return texts

    def set_record(self, registration_id: str, session_id: str, record: Attendance | None) -> None:
        """One mark changed: update its cell and the row's eligibility."""
        row = self.row_of(registration_id)
        if row < 0:
            return
        if record is None:
            self._records[row].pop(session_id, None)
        else:
            self._records[row][session_id] = record
        self._eligibility[row] = self._compute(registration_id, self._records[row])
        self._texts[row] = self._row_texts(row)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- what the grid asks ------------------------------------------------------------------------------------
    def session_at(self, column: int):
        return self._sessions[column - 1] if 1 <= column <= len(self._sessions) else None

    def participant_at(self, row: int):
        return self._participants[row] if 0 <= row < len(self._participants) else None

    def record_at(self, row: int, column: int) -> Attendance | None:
        session = self.session_at(column)
        return self._records[row].get(session.id) if session is not None and 0 <= row < len(self._records) else None

    def eligibility_at(self, row: int) -> Eligibility | None:
        return self._eligibility[row] if 0 <= row < len(self._eligibility) else None

    def row_of(self, registration_id: str) -> int:
        return next((n for n, p in enumerate(self._participants) if p.registration_id == registration_id), -1)

    def column_of(self, session_id: str) -> int:
        return next((n + 1 for n, s in enumerate(self._sessions) if s.id == session_id), -1)

    # -- Qt ------------------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._participants)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(self._sessions) + EXTRA_COLUMNS

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        session = self.session_at(index.column())
        return EDITABLE if session is not None and not session.cancelled else READ_ONLY

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        session = self.session_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return _("Participant")
            if session is not None:
                day = format_date(session.day, "short")
                if session.cancelled:
                    return _("{number}: {date}\n(cancelled)").format(number=session.number, date=day)
                return _("{number}: {date}").format(number=session.number, date=day)
            extra = section - 1 - len(self._sessions)
            if extra == 0:
                return _("Attended / planned ({unit})").format(unit=unit_short(self._unit))
            if extra == 1:
                return _("Percent")
            return _("Eligible (at least {percent}%)").format(percent=self._min_percent)
        if role == Qt.ItemDataRole.ToolTipRole:
            if session is not None:
                text = _("Session {number}: {date}, {start}–{end}").format(
                    number=session.number, date=format_date(session.day, "full"),
                    start=format_time(session.start), end=format_time(session.end))
                return _("{session} · {place}").format(session=text, place=session.place) if session.place else text
            if section == 1 + len(self._sessions):
                return self._unit.label()
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._texts):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role == ID_ROLE:
            return self._participants[row].registration_id
        if role == SESSION_ROLE:
            session = self.session_at(column)
            return session.id if session is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return CENTRED
        if role == Qt.ItemDataRole.ToolTipRole:
            session = self.session_at(column)
            if session is not None:
                return cell_tooltip(self._records[row].get(session.id), session.minutes, session.cancelled)
            if column == 0:
                return self._participants[row].volunteer_reference
            e = self._eligibility[row]
            return _("Attended {attended} of {planned} minutes; at least {percent}% needed.").format(
                attended=e.attended_minutes, planned=e.planned_minutes, percent=self._min_percent)
        return None

    def retranslate(self) -> None:
        self._texts = [self._row_texts(n) for n in range(len(self._participants))]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._texts:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._texts) - 1, self.columnCount() - 1))
