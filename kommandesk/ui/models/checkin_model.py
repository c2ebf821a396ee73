"""The check-in list of one session: its participants, filtered in memory as the coordinator types.

Every name is folded once when the list is loaded (``searchable``: "Şükrü Müller" -> "sukru muller mueller"), so a
keystroke only compares short strings: every folded word of the query must occur in the folded name. Names where a
word starts with the query come first (typing "an" puts "Anna" before "Johanna"); otherwise the service's order
(by last name) is kept. The model is a filtered view of its own (no proxy): ``set_filter`` resets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kommandesk.domain.search_text import searchable, tokens
from kommandesk.domain.trainings import Attendance, Presence
from kommandesk.i18n import _, pgettext
from kommandesk.ui.models.row_model import ID_ROLE, ROW_FLAGS

__all__ = ["CheckInModel", "Column", "ID_ROLE", "Entry", "mark_text"]


class Column(int, Enum):
    NAME = 0
    REFERENCE = 1
    MARK = 2

    def title(self) -> str:
        return {Column.NAME: _("Name"), Column.REFERENCE: _("Reference"), Column.MARK: _("Attendance")}[self]


@dataclass
class Entry:
    participant: object  # services.trainings.Participant
    key: str  # folded name, for the filter
    name: str  # "Last, First" as shown
    record: Attendance | None = None


def mark_text(record: Attendance | None, session_minutes: int) -> str:
    """What a participant's mark for one session reads as: a symbol and words, never colour alone."""
    if record is None:
        return pgettext("attendance mark", "– not marked")
    if record.presence is Presence.PRESENT:
        if record.minutes is not None and record.minutes < session_minutes:
            return pgettext("attendance mark", "◐ present {minutes} of {total} min").format(
                minutes=record.minutes, total=session_minutes)
        return pgettext("attendance mark", "✓ present")
    if record.presence is Presence.EXCUSED:
        if record.reason:
            return pgettext("attendance mark", "○ excused: {reason}").format(reason=record.reason)
        return pgettext("attendance mark", "○ excused")
    return pgettext("attendance mark", "✗ absent")


def display_name(participant) -> str:
    return _("{last_name}, {first_name}").format(last_name=participant.last_name,
                                                 first_name=participant.first_name)


class CheckInModel(QAbstractTableModel):
    columns = Column

    def __init__(self, session_minutes: int = 0, parent=None):
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._visible: list[Entry] = []
        self._by_registration: dict[str, Entry] = {}
        self._query: tuple[str, ...] = ()
        self.session_minutes = session_minutes

    # -- loading and filtering ---------------------------------------------------------------------------------
    def set_participants(self, participants, records: dict[str, Attendance]) -> None:
        """``records``: registration id -> this session's attendance."""
        self._entries = [Entry(p, searchable(p.first_name, p.last_name), display_name(p),
                               records.get(p.registration_id)) for p in participants]
        self._by_registration = {entry.participant.registration_id: entry for entry in self._entries}
        self._apply()

    def set_filter(self, text: str) -> None:
        query = tuple(tokens(text))
        if query != self._query:
            self._query = query
            self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        if not self._query:
            self._visible = list(self._entries)
        else:
            starts, inside = [], []
            for entry in self._entries:
                key = entry.key
                if all(token in key for token in self._query):
                    padded = " " + key
                    (starts if all(" " + token in padded for token in self._query) else inside).append(entry)
            self._visible = starts + inside
        self.endResetModel()

    # -- what the dialog asks ---------------------------------------------------------------------------------
    def entry_at(self, row: int) -> Entry | None:
        return self._visible[row] if 0 <= row < len(self._visible) else None

    def entry_of(self, registration_id: str) -> Entry | None:
        return self._by_registration.get(registration_id)

    def row_of(self, registration_id: str) -> int:
        return next((n for n, e in enumerate(self._visible) if e.participant.registration_id == registration_id), -1)

    def total(self) -> int:
        return len(self._entries)

    def counts(self) -> dict[str, int]:
        """present (late included), late, excused, absent, open (not marked)."""
        result = {"present": 0, "late": 0, "excused": 0, "absent": 0, "open": 0}
        for entry in self._entries:
            record = entry.record
            if record is None:
                result["open"] += 1
            elif record.presence is Presence.PRESENT:
                result["present"] += 1
                if record.minutes is not None and record.minutes < self.session_minutes:
                    result["late"] += 1
            else:
                result[record.presence.value] += 1
        return result

    def set_record(self, registration_id: str, record: Attendance | None) -> None:
        entry = self._by_registration.get(registration_id)
        if entry is None:
            return
        entry.record = record
        row = self.row_of(registration_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # -- Qt ----------------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return Column(section).title()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return ROW_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == ID_ROLE:
            return entry.participant.registration_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = Column(index.column())
            if column is Column.NAME:
                return entry.name
            if column is Column.REFERENCE:
                return entry.participant.volunteer_reference
            return mark_text(entry.record, self.session_minutes)
        return None

    def retranslate(self) -> None:
        for entry in self._entries:
            entry.name = display_name(entry.participant)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._visible:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._visible) - 1, len(Column) - 1))
