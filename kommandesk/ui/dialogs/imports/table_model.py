"""A small read-only table model for the import dialog's tables (preview, problems, duplicates).

Every cell holds its display text; ``SORT_ROLE`` gives the value a header click sorts by (a row number sorts as a
number, 10 after 9). Texts come from the file or from the service and are shown as they are (a view never
interprets markup in a model's DisplayRole).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class RowsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._titles: list[str] = []
        self._rows: list[Sequence[object]] = []
        self._tooltips: list[str] = []
        self._dimmed: set[int] = set()  # columns drawn in the disabled text colour
        self._dim_brush: QBrush | None = None

    def set_rows(self, titles: Sequence[str], rows: Sequence[Sequence[object]],
                 tooltips: Sequence[str] = ()) -> None:
        """``rows``: one sequence per row; a value is shown with str() (None as empty) and sorted natively."""
        self.beginResetModel()
        self._titles = list(titles)
        self._rows = list(rows)
        self._tooltips = list(tooltips)
        self.endResetModel()

    def set_titles(self, titles: Sequence[str], tooltips: Sequence[str] = ()) -> None:
        self._titles = list(titles)
        self._tooltips = list(tooltips)
        if self._titles:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._titles) - 1)

    def set_dimmed(self, columns: set[int], brush: QBrush) -> None:
        self._dimmed, self._dim_brush = set(columns), brush
        if self._rows and self._titles:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._titles) - 1),
                                  [Qt.ItemDataRole.ForegroundRole])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def value(self, row: int, column: int) -> object:
        values = self._rows[row]
        return values[column] if column < len(values) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            return value if isinstance(value, int) else ("" if value is None else str(value).casefold())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in self._dimmed:
            return self._dim_brush
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._titles):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[section]
            if role == Qt.ItemDataRole.ToolTipRole and section < len(self._tooltips):
                return self._tooltips[section]
        return super().headerData(section, orientation, role)


def sortable(model: RowsModel, parent=None) -> QSortFilterProxyModel:
    """A proxy that sorts ``model`` by SORT_ROLE when a header is clicked."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
