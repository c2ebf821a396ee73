"""A RowTableModel the view can sort by clicking a header: the rows are few (courses, sessions, participants), so
they are sorted here in Python by each column's native value (SORT_ROLE), None last."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kommandesk.domain.search_text import fold
from kommandesk.ui.models.row_model import RowTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's native value (a date, an int, an enum, a str)


def _key(value):
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

    def native(self, item, column):
        raise NotImplementedError

    def set_rows(self, rows) -> None:
        rows = tuple(rows)
        if self._order is not None:
            rows = self._sorted(rows, *self._order)
        super().set_rows(rows)

    def _sorted(self, rows, column: int, order: Qt.SortOrder):
        return tuple(sorted(rows, key=lambda item: _key(self.native(item, self.columns(column))),
                            reverse=order == Qt.SortOrder.DescendingOrder))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(self._rows, column, order)
        self.layoutChanged.emit()
