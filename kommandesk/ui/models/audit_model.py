"""The audit trail's entries as a read-only table (when, who, which record, what, the changes in one line), and the
changes of one entry (field, before, after). Texts come from the AuditService (names of records and of the ids
in values) and domain/audit.py (field names, values in the UI language)."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt

from kommandesk.domain.audit import AuditEntry, FieldChange, action_text, field_label, summary, table_label
from kommandesk.i18n import _, pgettext
from kommandesk.i18n.formatting import format_date, format_time
from kommandesk.ui.models.row_model import ID_ROLE, RowTableModel


class EntryColumn(int, Enum):
    WHEN = 0
    WHO = 1
    RECORD = 2
    WHAT = 3
    CHANGES = 4

    def title(self) -> str:
        return {EntryColumn.WHEN: _("When"), EntryColumn.WHO: _("Who"), EntryColumn.RECORD: pgettext("audit trail: the record changed", "Record"),
                EntryColumn.WHAT: _("What"), EntryColumn.CHANGES: _("Changes")}[self]


class EntriesModel(RowTableModel):
    columns = EntryColumn

    def __init__(self, service, parent=None):
        super().__init__(parent=parent)
        self._service = service
        self._labels: dict[tuple[str, str], str] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._lines: dict[str, str] = {}

    def set_entries(self, entries) -> None:
        entries = list(entries)
        self._labels = self._service.record_labels(entries)
        self._names = self._service.value_names(entries)
        self._lines = {}
        self.set_rows(entries)

    def names(self) -> dict[tuple[str, str], str]:
        return self._names

    def record_text(self, entry: AuditEntry) -> str:
        return self._labels.get((entry.table, entry.record_id), _("(deleted)"))

    def line(self, entry: AuditEntry) -> str:
        if entry.id not in self._lines:
            if not entry.changes:
                self._lines[entry.id] = ""
            else:
                self._lines[entry.id] = summary(entry, lambda change: self._service.show(entry, change, self._names))
        return self._lines[entry.id]

    def cell_data(self, item: AuditEntry, column: EntryColumn, role: int, row: int):
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is EntryColumn.CHANGES:
                return self.line(item).replace("; ", "\n") or None
            return self.cell_data(item, column, Qt.ItemDataRole.DisplayRole, row)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is EntryColumn.WHEN:
            return when_text(item)
        if column is EntryColumn.WHO:
            return item.who()
        if column is EntryColumn.RECORD:
            return self.record_text(item)
        if column is EntryColumn.WHAT:
            return _("{kind}: {action}").format(kind=table_label(item.table), action=action_text(item))
        return self.line(item)


def when_text(entry: AuditEntry) -> str:
    """The entry's time on this computer's clock, e.g. 03.03.2026 10:15."""
    local = entry.at.astimezone()
    return f"{format_date(local.date())} {format_time(local.time())}"


class ChangeColumn(int, Enum):
    FIELD = 0
    BEFORE = 1
    AFTER = 2

    def title(self) -> str:
        return {ChangeColumn.FIELD: _("Field"), ChangeColumn.BEFORE: _("Before"),
                ChangeColumn.AFTER: _("After")}[self]


class ChangesModel(RowTableModel):
    """The fields of one entry, before and after (an erased entry: the fields only)."""

    columns = ChangeColumn
    key_attribute = "column"

    def __init__(self, service, parent=None):
        super().__init__(parent=parent)
        self._service = service
        self._entry: AuditEntry | None = None
        self._names: dict[tuple[str, str], str] = {}

    def set_entry(self, entry: AuditEntry | None, names: dict[tuple[str, str], str]) -> None:
        self._entry, self._names = entry, names
        self.set_rows(entry.changes if entry is not None else ())

    def cell_data(self, item: FieldChange, column: ChangeColumn, role: int, row: int):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or self._entry is None:
            return None
        if column is ChangeColumn.FIELD:
            return field_label(item.column)
        before, after = self._service.show(self._entry, item, self._names)
        return before if column is ChangeColumn.BEFORE else after
