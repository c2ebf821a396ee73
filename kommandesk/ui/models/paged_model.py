"""A list fed page by page from a service: what the volunteer and the request lists share.

Rows arrive ``page_size`` at a time (``canFetchMore`` / ``fetchMore``, asked by the view as the user scrolls), so a
list of 50,000 rows never sits in the model at once. Sorting is a new query with the column's sort key: the database
sorts, never Python; a column whose ``sort_key`` is None keeps the order that is set. ``count()`` is the number of
rows the query matches (the status line shows it).

The service answers ``page(query, offset, limit)`` and ``count(query)``; a row has an ``id``. A subclass names its
columns (an int Enum whose members have ``title()`` and ``sort_key``), the roles it answers, and makes each row's
display texts (``display_texts``, cached until the texts change), its native values for SORT_ROLE (``native``) and
any further role (``styled``: tooltip, foreground, font).
"""

from __future__ import annotations

import dataclasses
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kommandesk.i18n import _

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole  # the row's id, on every cell
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the native value of the cell (a date, a status, an int, a str)

DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
_ID = int(ID_ROLE.value)
_SORT = int(SORT_ROLE)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class PagedTableModel(QAbstractTableModel):
    columns: type[Enum]
    extra_roles: frozenset[int] = frozenset({TOOLTIP})  # answered by ``styled``

    def __init__(self, service, query, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._service = service
        self._page_size = page_size
        self._query = query
        self._rows: list = []
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> display texts, made when first painted
        self._total = 0
        self._loaded = False  # nothing is read until the first query
        # the view asks for a dozen roles per cell and repaint: those not answered leave at once
        self._roles = frozenset({DISPLAY, _ID, _SORT}) | self.extra_roles

    # -- queries ----------------------------------------------------------------------------------------------
    @property
    def query(self):
        return self._query

    def set_query(self, query) -> None:
        """Show what ``query`` matches, from its first page."""
        self._query = query
        self._reset(self._page_size)

    def reload(self, keep_loaded: bool = True) -> None:
        """Read the current query again (after a save); keeps as many rows loaded as before, so the view does not
        jump back to the top."""
        self._reset(max(self._page_size, len(self._rows)) if keep_loaded else self._page_size)

    def _reset(self, limit: int) -> None:
        self.beginResetModel()
        rows = self._service.page(self._query, 0, limit)
        self._rows = rows
        self._texts.clear()
        # a short first page is everything there is: no need to count
        self._total = len(rows) if len(rows) < limit else self._service.count(self._query)
        self._loaded = True
        self.endResetModel()

    def count(self) -> int:
        """How many rows the query matches (loaded or not)."""
        return self._total

    @property
    def loaded(self) -> bool:
        return self._loaded

    def sort_column(self) -> int:
        """The column the query sorts by."""
        return next(column for column in self.columns if column.sort_key == self._query.sort)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        try:
            key = self.columns(column).sort_key
        except ValueError:
            return
        if key is None:
            return
        query = dataclasses.replace(self._query, sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        if query == self._query:
            return
        self._query = query
        if self._loaded:  # before the first query, only remember the order
            self._reset(self._page_size)

    # -- paging -----------------------------------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or len(self._rows) >= self._total:
            return
        more = self._service.page(self._query, len(self._rows), self._page_size)
        if not more:  # someone else removed rows meanwhile: what we have is all there is
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # -- rows -------------------------------------------------------------------------------------------------
    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: str) -> int:
        """The row showing ``row_id`` among those loaded, or -1."""
        for number, item in enumerate(self._rows):
            if item.id == row_id:
                return number
        return -1

    # -- Qt's model interface ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns(section).title()
        if role == Qt.ItemDataRole.ToolTipRole and self.columns(section).sort_key is None:
            return _("This column cannot be sorted.")
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in self._roles or not index.isValid():
            return None
        row = index.row()
        if row >= len(self._rows):
            return None
        if role == DISPLAY:
            return self.display(row)[index.column()]
        item = self._rows[row]
        if role == _ID:
            return item.id
        if role == _SORT:
            return self.native(item, self.columns(index.column()))
        return self.styled(row, item, index.column(), role)

    def display(self, row: int) -> tuple[str, ...]:
        """The display texts of a loaded row, one per column (made once, until the texts change)."""
        texts = self._texts.get(row)
        if texts is None:
            texts = self._texts[row] = self.display_texts(self._rows[row])
        return texts

    def display_texts(self, item) -> tuple[str, ...]:
        raise NotImplementedError

    def native(self, item, column):
        """The cell's value for SORT_ROLE."""
        raise NotImplementedError

    def styled(self, row: int, item, column: int, role: int):
        """Any role of ``extra_roles`` (a tooltip, a foreground, a font) for a loaded row; None: nothing."""
        return None

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Texts (header, statuses, language names, dates) in the language now active."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self.refresh_texts()

    def refresh_texts(self) -> None:
        """Make the display texts again (the language or a name they show changed)."""
        self._texts.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))
