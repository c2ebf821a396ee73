"""One table of a report (domain/reports.py Table) for a read-only QTableView: numbers formatted by their kind and
right-aligned, sorted by a header click on their native values (SORT_ROLE), the total row always last and bold.

Rows stay in the report's order until a header is clicked. A text column whose rows have an order of their own
(months) sorts by that order rather than alphabetically."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from kommandesk.domain.reports import Table, format_value
from kommandesk.i18n import _, current_language
from kommandesk.ui.models.row_model import RIGHT_ALIGNED, ROW_FLAGS
from kommandesk.ui.models.sortable_rows import SORT_ROLE, sort_key

LEFT_ALIGNED = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ORDERED_COLUMNS = frozenset({"month"})  # text columns sorted by the report's row order


class ReportTableModel(QAbstractTableModel):
    def __init__(self, table: Table, parent=None):
        super().__init__(parent)
        self.table = table
        self._rows: list[tuple[int, tuple]] = list(enumerate(table.rows))  # (position in the report, values)

    # -- shape ------------------------------------------------------------------------------------------------
    @property
    def has_total(self) -> bool:
        return self.table.total is not None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows) + (1 if self.has_total else 0)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.columns)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return ROW_FLAGS

    def is_total(self, row: int) -> bool:
        return self.has_total and row == len(self._rows)

    def values(self, row: int) -> tuple:
        """The values of a row as shown now (after sorting); the total for the last row when there is one."""
        return self.table.total if self.is_total(row) else self._rows[row][1]

    # -- cells ------------------------------------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.table.columns):
            return None
        column = self.table.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_ALIGNED if column.kind.numeric else LEFT_ALIGNED
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount() or \
                not 0 <= index.column() < self.columnCount():
            return None
        column = self.table.columns[index.column()]
        values = self.values(index.row())
        value = values[index.column()] if index.column() < len(values) else None
        total = self.is_total(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if total and value is None:
                return _("Total") if index.column() == 0 else ""
            return format_value(value, column.kind, current_language())
        if role == SORT_ROLE:
            return self._native(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_ALIGNED if column.kind.numeric else LEFT_ALIGNED
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _native(self, row: int, column: int):
        if self.is_total(row):
            return None
        position, values = self._rows[row]
        if self.table.columns[column].key in ORDERED_COLUMNS:
            return position
        return values[column] if column < len(values) else None

    # -- sorting ----------------------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By the column's native values (None last when ascending); -1: the report's own order. The total
        row is not sorted: it stays last."""
        if column >= len(self.table.columns):
            return
        self.layoutAboutToBeChanged.emit()
        if column < 0:
            self._rows.sort(key=lambda item: item[0])
        else:
            ordered = self.table.columns[column].key in ORDERED_COLUMNS
            self._rows.sort(key=lambda item: (0, item[0]) if ordered else sort_key(
                item[1][column] if column < len(item[1]) else None),
                reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
