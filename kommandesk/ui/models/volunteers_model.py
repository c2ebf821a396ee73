"""The volunteer list as a table model, fed page by page from the service.

Rows arrive 200 at a time (``canFetchMore`` / ``fetchMore``, asked by the view as the user scrolls), so a list of
50,000 volunteers never sits in the model at once. Sorting is a new query with the service's SortKey: the database
sorts, never Python. ``count()`` is the number of volunteers the query matches (the status line shows it).
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from functools import lru_cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from kommandesk.domain.clearance import ClearanceState
from kommandesk.domain.languages import BABEL_KEYS, Level
from kommandesk.i18n import _, current_language
from kommandesk.i18n.formatting import format_date, language_name
from kommandesk.services.volunteers import SortKey, VolunteerQuery, VolunteerRow, VolunteerService

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole  # the volunteer's id, on every cell
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the native value of the cell (a date, a Status, a ClearanceState, a str)


class Column(int, Enum):
    REFERENCE = 0
    LAST_NAME = 1
    FIRST_NAME = 2
    TOWN = 3
    POSTCODE = 4
    LANGUAGES = 5
    CLEARANCE = 6
    STATUS = 7
    EMAIL = 8
    PHONE = 9
    REGISTERED_ON = 10

    @property
    def sort_key(self) -> SortKey:
        return SortKey(self.name.lower())

    def title(self) -> str:
        return {
            Column.REFERENCE: _("Reference"), Column.LAST_NAME: _("Last name"), Column.FIRST_NAME: _("First name"),
            Column.TOWN: _("Town"), Column.POSTCODE: _("Postcode"), Column.LANGUAGES: _("Languages"),
            Column.CLEARANCE: _("Clearance"), Column.STATUS: _("Status"), Column.EMAIL: _("Email"),
            Column.PHONE: _("Phone"), Column.REGISTERED_ON: _("Registered on"),
        }[self]


def column_of(key: SortKey) -> Column:
    return Column[key.name]


def format_languages(encoded: str) -> str:
    """'ar (native), de (C1)' -> 'Arabic (native speaker), German (C1)' in the UI language."""
    return _languages_text(current_language(), encoded)


@lru_cache(maxsize=4096)  # a few hundred combinations make up a whole list; the language is part of the key
def _languages_text(_language: str, encoded: str) -> str:
    parts = []
    for item in filter(None, (part.strip() for part in (encoded or "").split(","))):
        code, _sep, rest = item.partition(" (")
        level_text = rest.rstrip(")")
        try:
            level = Level(level_text).label()
        except ValueError:
            level = level_text
        name = language_name(BABEL_KEYS.get(code.strip(), code.strip()))  # Dari is 'fa_AF' in CLDR
        parts.append(_("{language} ({level})").format(language=name, level=level) if level else name)
    return ", ".join(parts)


# Text colours of the clearance column: each keeps a contrast of at least 4.5:1 on its background.
_CLEARANCE_LIGHT = {ClearanceState.VALID: "#1b5e20", ClearanceState.EXPIRING: "#8a4b00",
                    ClearanceState.EXPIRED: "#b00020", ClearanceState.RELEVANT_ENTRY: "#b00020"}
_CLEARANCE_DARK = {ClearanceState.VALID: "#81c784", ClearanceState.EXPIRING: "#ffb74d",
                   ClearanceState.EXPIRED: "#ff8a80", ClearanceState.RELEVANT_ENTRY: "#ff8a80"}


def clearance_colour(state: ClearanceState, palette: QPalette) -> QColor | None:
    """The colour that marks ``state`` on this palette (None: the normal text colour, for 'none')."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    value = (_CLEARANCE_DARK if dark else _CLEARANCE_LIGHT).get(state)
    return QColor(value) if value else None


def clearance_symbol(state: ClearanceState) -> str:
    """A mark beside the word, so the state does not rest on colour alone."""
    return {ClearanceState.VALID: "✓", ClearanceState.EXPIRING: "⚠", ClearanceState.EXPIRED: "✗",
            ClearanceState.RELEVANT_ENTRY: "✗", ClearanceState.NONE: "–"}[state]


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ID = int(ID_ROLE.value)
_SORT = int(SORT_ROLE)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _ID, _SORT})
_TOOLTIP_COLUMNS = frozenset({Column.LANGUAGES, Column.EMAIL, Column.CLEARANCE})
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class VolunteersModel(QAbstractTableModel):
    def __init__(self, service: VolunteerService, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._service = service
        self._page_size = page_size
        self._query = VolunteerQuery()
        self._rows: list[VolunteerRow] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> display texts, made when first painted
        self._total = 0
        self._loaded = False  # nothing is read until the first reload()

    # -- queries ----------------------------------------------------------------------------------------------
    @property
    def query(self) -> VolunteerQuery:
        return self._query

    def set_query(self, query: VolunteerQuery) -> None:
        """Show what ``query`` matches, from its first page."""
        self._query = query
        self._reset(self._page_size)

    def reload(self, keep_loaded: bool = True) -> None:
        """Read the current query again (after a save); keeps as many rows loaded as before, so the view does not
        jump back to the top."""
        wanted = max(self._page_size, len(self._rows)) if keep_loaded else self._page_size
        self._reset(wanted)

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
        """How many volunteers the query matches (loaded or not)."""
        return self._total

    @property
    def loaded(self) -> bool:
        return self._loaded

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        try:
            key = Column(column).sort_key
        except ValueError:
            return
        query = dataclasses.replace(self._query, sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        if query == self._query:
            return
        self._query = query
        if self._loaded:  # before the first reload, only remember the order
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
    def row_at(self, row: int) -> VolunteerRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, volunteer_id: str) -> int:
        """The row showing ``volunteer_id`` among those loaded, or -1."""
        for number, item in enumerate(self._rows):
            if item.id == volunteer_id:
                return number
        return -1

    # -- Qt's model interface ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(Column):
            return Column(section).title()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # the view asks for a dozen roles per cell and repaint: those not answered leave at once
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if row >= len(self._rows):
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._display(row)[column]
        if role == _TOOLTIP:
            text = self._display(row)[column]
            return text if column in _TOOLTIP_COLUMNS and text else None
        item = self._rows[row]
        if role == _ID:
            return item.id
        if role == _SORT:
            return self._native(item, Column(column))
        if column == Column.CLEARANCE:  # the foreground
            return clearance_colour(item.clearance, QGuiApplication.palette())
        return None

    def _display(self, row: int) -> tuple[str, ...]:
        texts = self._texts.get(row)
        if texts is None:
            item = self._rows[row]
            texts = (
                item.reference, item.last_name, item.first_name, item.town, item.postcode,
                format_languages(item.languages),
                f"{clearance_symbol(item.clearance)} {item.clearance.label()}",
                item.status.label(), item.email, item.phone,
                format_date(item.registered_on) if item.registered_on else "",
            )
            self._texts[row] = texts
        return texts

    @staticmethod
    def _native(item: VolunteerRow, column: Column):
        return {
            Column.REFERENCE: item.reference, Column.LAST_NAME: item.last_name, Column.FIRST_NAME: item.first_name,
            Column.TOWN: item.town, Column.POSTCODE: item.postcode, Column.LANGUAGES: item.languages,
            Column.CLEARANCE: item.clearance, Column.STATUS: item.status, Column.EMAIL: item.email,
            Column.PHONE: item.phone, Column.REGISTERED_ON: item.registered_on,
        }[column]

    def retranslate(self) -> None:
        """Texts (status, clearance, language names, dates, header) in the language now active."""
        self._texts.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))
