"""The support requests as a table model, fed page by page from RequestService (like the volunteer list).

Rows arrive 200 at a time (``canFetchMore`` / ``fetchMore``); sorting is a new query with the service's
RequestSortKey, so the database sorts. Columns without a sort key (area, languages, volunteers) keep the order
that is set. SORT_ROLE gives each cell's native value (a date, an Urgency, a RequestStatus, an int, a str).
"""

from __future__ import annotations

import dataclasses
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from kommandesk.domain.requests import Urgency
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_date
from kommandesk.services.requests import RequestQuery, RequestRow, RequestSortKey
from kommandesk.ui.models.request_texts import when_text
from kommandesk.ui.models.volunteers_model import format_languages

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole  # the request's id, on every cell
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

HIGH_MARK = "\u25b2"  # ▲ beside the word: urgency is not shown by colour alone


class Column(int, Enum):
    REFERENCE = 0
    PERSON = 1
    AREA = 2
    LANGUAGES = 3
    WHEN = 4
    SITE = 5
    URGENCY = 6
    STATUS = 7
    VOLUNTEERS = 8
    RECEIVED = 9

    @property
    def sort_key(self) -> RequestSortKey | None:
        return _SORT_KEYS.get(self)

    def title(self) -> str:
        return {
            Column.REFERENCE: _("Reference"), Column.PERSON: _("Person (household)"),
            Column.AREA: _("Area of help"), Column.LANGUAGES: _("Languages needed"), Column.WHEN: _("When"),
            Column.SITE: _("Site"), Column.URGENCY: _("Urgency"), Column.STATUS: _("Status"),
            Column.VOLUNTEERS: _("Volunteers"), Column.RECEIVED: _("Received on"),
        }[self]


_SORT_KEYS = {Column.REFERENCE: RequestSortKey.REFERENCE, Column.PERSON: RequestSortKey.PERSON,
              Column.WHEN: RequestSortKey.FIRST_DAY, Column.SITE: RequestSortKey.SITE,
              Column.URGENCY: RequestSortKey.URGENCY, Column.STATUS: RequestSortKey.STATUS,
              Column.RECEIVED: RequestSortKey.RECEIVED}


def column_of(key: RequestSortKey) -> Column:
    return next(column for column, sort_key in _SORT_KEYS.items() if sort_key is key)


def urgency_text(urgency: Urgency) -> str:
    return f"{HIGH_MARK} {urgency.label()}" if urgency is Urgency.HIGH else urgency.label()


def urgency_colour(palette: QPalette) -> QColor:
    """Text colour of 'high': at least 4.5:1 on the light and on the dark background."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff8a80" if dark else "#b00020")


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ID = int(ID_ROLE.value)
_SORT = int(SORT_ROLE)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _FONT, _ID, _SORT})
_TOOLTIP_COLUMNS = frozenset({Column.LANGUAGES, Column.WHEN, Column.VOLUNTEERS, Column.SITE})
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class RequestsModel(QAbstractTableModel):
    def __init__(self, service, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._service = service
        self._page_size = page_size
        self._query = RequestQuery(open_only=True)
        self._rows: list[RequestRow] = []
        self._texts: dict[int, tuple[str, ...]] = {}
        self._areas: dict[str, str] = {}  # area id -> name in the UI language
        self._total = 0
        self._loaded = False

    # -- queries ----------------------------------------------------------------------------------------------
    @property
    def query(self) -> RequestQuery:
        return self._query

    def set_query(self, query: RequestQuery) -> None:
        self._query = query
        self._reset(self._page_size)

    def reload(self) -> None:
        """Read the query again, keeping as many rows loaded as before (the view does not jump to the top)."""
        self._reset(max(self._page_size, len(self._rows)))

    def _reset(self, limit: int) -> None:
        self.beginResetModel()
        rows = self._service.page(self._query, 0, limit)
        self._rows = rows
        self._texts.clear()
        self._total = len(rows) if len(rows) < limit else self._service.count(self._query)
        self._loaded = True
        self.endResetModel()

    def count(self) -> int:
        return self._total

    @property
    def loaded(self) -> bool:
        return self._loaded

    def set_area_names(self, names: dict[str, str]) -> None:
        if names != self._areas:
            self._areas = dict(names)
            self._refresh_texts()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        try:
            key = Column(column).sort_key
        except ValueError:
            return
        if key is None:
            return
        query = dataclasses.replace(self._query, sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        if query == self._query:
            return
        self._query = query
        if self._loaded:
            self._reset(self._page_size)

    # -- paging -----------------------------------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or len(self._rows) >= self._total:
            return
        more = self._service.page(self._query, len(self._rows), self._page_size)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # -- rows -------------------------------------------------------------------------------------------------
    def row_at(self, row: int) -> RequestRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, request_id: str) -> int:
        for number, item in enumerate(self._rows):
            if item.id == request_id:
                return number
        return -1

    # -- Qt's model interface ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return Column(section).title()
        if role == Qt.ItemDataRole.ToolTipRole and Column(section).sort_key is None:
            return _("This column cannot be sorted.")
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if row >= len(self._rows):
            return None
        column = index.column()
        item = self._rows[row]
        if role == _DISPLAY:
            return self._display(row)[column]
        if role == _TOOLTIP:
            if column == Column.PERSON:
                return ngettext("Household of {count} person", "Household of {count} people",
                                item.household_size).format(count=item.household_size)
            if column == Column.URGENCY and item.children:
                return _("Children are involved: a valid clearance is required.")
            text = self._display(row)[column]
            return text if column in _TOOLTIP_COLUMNS and text else None
        if role == _ID:
            return item.id
        if role == _SORT:
            return self._native(item, Column(column))
        if column != Column.URGENCY or item.urgency is not Urgency.HIGH:
            return None
        if role == _FONT:
            font = QFont()
            font.setBold(True)
            return font
        return urgency_colour(QGuiApplication.palette())  # the foreground

    def _display(self, row: int) -> tuple[str, ...]:
        texts = self._texts.get(row)
        if texts is None:
            item = self._rows[row]
            texts = (
                item.reference,
                _("{person} ({size})").format(person=item.person, size=item.household_size),
                self._areas.get(item.area_id or "", ""),
                format_languages(item.languages),
                when_text(item.appointment, item.recurrence_slots, item.first_day, item.last_day),
                item.site,
                urgency_text(item.urgency),
                item.status.label(),
                item.volunteers,
                format_date(item.received_on) if item.received_on else "",
            )
            self._texts[row] = texts
        return texts

    def _native(self, item: RequestRow, column: Column):
        return {
            Column.REFERENCE: item.reference, Column.PERSON: item.person,
            Column.AREA: self._areas.get(item.area_id or "", ""), Column.LANGUAGES: item.languages,
            Column.WHEN: item.first_day, Column.SITE: item.site, Column.URGENCY: item.urgency,
            Column.STATUS: item.status, Column.VOLUNTEERS: item.volunteers, Column.RECEIVED: item.received_on,
        }[column]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self._refresh_texts()

    def _refresh_texts(self) -> None:
        self._texts.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

