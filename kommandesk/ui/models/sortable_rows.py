"""A RowTableModel the view can sort by clicking a header: the rows are few (courses, sessions, participants,
certificates), so they are sorted here in Python by each column's native value (SORT_ROLE), None last.

A subclass answers ``text(item, column)`` (DisplayRole), ``native(item, column)`` (SORT_ROLE) and, for the
other roles (tooltips, colours, alignment), ``more_data(item, column, role)``; ID_ROLE is the row's
``key_attribute``. A language switch redraws every cell."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kommandesk.domain.search_text import fold
from kommandesk.ui.models.row_model import ID_ROLE, RowTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's native value (a date, an int, an enum, a str)


def sort_key(value):
    """The key a column is sorted by: None last, texts folded (Ä with A), an Enum in the order of its class."""
    if value is None:
        return (1, 0)
    if isinstance(value, str):
        return (0, fold(value))
    if hasattr(value, "value") and not isinstance(value, (int, float)):  # an Enum: its order in the class
        members = list(type(value))
        return (0, members.index(value))
    return (0, value)


class SortableRowModel(RowTableModel):
    def __init__(self, rows=(), parent=None):
        super().__init__(rows, parent)
        self._order: tuple[int, Qt.SortOrder] | None = None

    def text(self, item, column) -> str:
        raise NotImplementedError

    def native(self, item, column):
        raise NotImplementedError

    def more_data(self, item, column, role: int):
        """Any other role of a cell (tooltip, foreground, alignment, font); None: nothing."""
        return None

    def cell_data(self, item, column, role: int, row: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item, column)
        if role == ID_ROLE:
            return getattr(item, self.key_attribute)
        if role == SORT_ROLE:
            return self.native(item, column)
        return self.more_data(item, column, role)

    def retranslate(self) -> None:
        super().retranslate()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def set_rows(self, rows) -> None:
        rows = tuple(rows)
        if self._order is not None:
            rows = self._sorted(rows, *self._order)
        super().set_rows(rows)

    def _sorted(self, rows, column: int, order: Qt.SortOrder):
        return tuple(sorted(rows, key=lambda item: sort_key(self.native(item, self.columns(column))),
                            reverse=order == Qt.SortOrder.DescendingOrder))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(self._rows, column, order)
        self.layoutChanged.emit()
