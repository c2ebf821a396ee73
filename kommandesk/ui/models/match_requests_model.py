"""The open requests on the Matching page: those still without a volunteer first (high urgency first, then the
longest waiting), then those already assigned or active. Fed page by page from RequestService.page, one query
per group, so a few thousand open requests never sit in the model at once."""

from __future__ import annotations

import dataclasses
from enum import Enum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from kommandesk.domain.requests import OPEN, UNASSIGNED, Urgency
from kommandesk.i18n import _, current_language
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.models.row_model import ID_ROLE, RowTableModel
from kommandesk.ui.models.volunteers_model import format_languages

PAGE_SIZE = 200


class RequestColumn(int, Enum):
    REFERENCE = 0
    PERSON = 1
    URGENCY = 2
    STATUS = 3

    def title(self) -> str:
        return {RequestColumn.REFERENCE: _("Reference"), RequestColumn.PERSON: _("Person"),
                RequestColumn.URGENCY: _("Urgency"), RequestColumn.STATUS: _("Status")}[self]


def urgency_text(urgency: Urgency) -> str:
    """High urgency gets a mark beside the word, so it does not rest on colour or weight alone."""
    return _("! {urgency}").format(urgency=urgency.label()) if urgency is Urgency.HIGH else urgency.label()


def urgency_font(urgency: Urgency) -> QFont | None:
    """A bold font for high urgency, else None (the view's font)."""
    if urgency is not Urgency.HIGH:
        return None
    font = QFont()
    font.setBold(True)
    return font


class MatchRequestsModel(RowTableModel):
    columns = RequestColumn

    def __init__(self, requests, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent=parent)
        self._requests = requests
        self._page_size = page_size
        self._search = ""
        self._rows: list = []
        self._group = 0  # the group (query) the next page comes from
        self._offset = 0  # rows of that group already read
        self._exhausted = True
        self._total = 0
        self._areas: dict[str, object] = {}  # id -> AreaOfHelp, named in the UI language when shown
        self.loaded = False

    # -- queries ----------------------------------------------------------------------------------------------
    def _groups(self) -> list:
        from kommandesk.services.requests import RequestQuery, RequestSortKey

        base = RequestQuery(search=self._search, sort=RequestSortKey.RECEIVED, descending=False)
        waiting = frozenset(UNASSIGNED)
        return [dataclasses.replace(base, statuses=waiting, urgency=Urgency.HIGH),
                dataclasses.replace(base, statuses=waiting, urgency=Urgency.NORMAL),
                dataclasses.replace(base, statuses=frozenset(OPEN - UNASSIGNED))]

    @property
    def search(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        self._search = text
        self.reload(keep_loaded=False)

    def set_areas(self, areas) -> None:
        self._areas = {area.id: area for area in areas}

    def reload(self, keep_loaded: bool = True) -> None:
        wanted = max(self._page_size, len(self._rows)) if keep_loaded else self._page_size
        self.beginResetModel()
        self._rows, self._group, self._offset, self._exhausted = [], 0, 0, False
        groups = self._groups()
        self._total = sum(self._requests.count(query) for query in groups)
        self._rows = self._read(wanted, groups)
        self.loaded = True
        self.endResetModel()

    def _read(self, wanted: int, groups: list) -> list:
        """Up to ``wanted`` further rows, group after group."""
        read: list = []
        while len(read) < wanted and self._group < len(groups):
            need = wanted - len(read)
            rows = self._requests.page(groups[self._group], self._offset, need)
            read.extend(rows)
            self._offset += len(rows)
            if len(rows) < need:  # this group is done: the next one starts at its beginning
                self._group += 1
                self._offset = 0
        self._exhausted = self._group >= len(groups)
        return read

    def count(self) -> int:
        return self._total

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self.loaded and not self._exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        rows = self._read(self._page_size, self._groups())
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # -- rows -------------------------------------------------------------------------------------------------
    def cell_data(self, item, column: RequestColumn, role: int, row: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column is RequestColumn.REFERENCE:
                return item.reference
            if column is RequestColumn.PERSON:
                return item.person
            if column is RequestColumn.URGENCY:
                return urgency_text(item.urgency)
            return item.status.label()
        if role == Qt.ItemDataRole.FontRole and column is RequestColumn.URGENCY:
            return urgency_font(item.urgency)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item)
        if role == ID_ROLE:
            return item.id
        return None

    def tooltip(self, item) -> str:
        lines = [_("{reference}: {person}, {site}").format(reference=item.reference, person=item.person,
                                                           site=item.site or "–")]
        if item.area_id and item.area_id in self._areas:
            lines.append(self._areas[item.area_id].name(current_language()))
        if item.languages:
            lines.append(_("Needs: {languages}").format(languages=format_languages(item.languages)))
        lines.append(_("Received on {date}").format(date=format_date(item.received_on)))
        return "\n".join(lines)

    def retranslate(self) -> None:
        super().retranslate()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(RequestColumn) - 1))
