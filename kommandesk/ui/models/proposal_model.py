"""The proposal of a "match all open requests" run, to review: one row per proposed assignment with a check box
(all checked at first), and the requests nobody can serve with the reason."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from kommandesk.domain.requests import Urgency
from kommandesk.i18n import _
from kommandesk.ui.models.candidates_model import SCORE_ROLE, volunteer_text
from kommandesk.ui.models.match_requests_model import urgency_text
from kommandesk.ui.models.match_texts import parts_details, parts_summary, score_text


def request_text(reference: str, person: str) -> str:
    return _("{reference} – {person}").format(reference=reference, person=person)


class ProposalColumn(int, Enum):
    REQUEST = 0
    URGENCY = 1
    VOLUNTEER = 2
    SCORE = 3
    WHY = 4

    def title(self) -> str:
        return {ProposalColumn.REQUEST: _("Request"), ProposalColumn.URGENCY: _("Urgency"),
                ProposalColumn.VOLUNTEER: _("Volunteer"), ProposalColumn.SCORE: _("Score"),
                ProposalColumn.WHY: _("Why")}[self]


def _bold_if_high(urgency) -> QFont | None:
    if urgency is not Urgency.HIGH:
        return None
    font = QFont()
    font.setBold(True)
    return font


class ProposalModel(QAbstractTableModel):
    checked_changed = Signal()

    def __init__(self, rows=(), parent=None):
        super().__init__(parent)
        self._rows = tuple(rows)
        self._checked = [True] * len(self._rows)

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def checked_rows(self) -> list:
        return [item for item, checked in zip(self._rows, self._checked) if checked]

    def is_checked(self, row: int) -> bool:
        return self._checked[row]

    def set_checked(self, row: int, checked: bool) -> None:
        if self._checked[row] != checked:
            self._checked[row] = checked
            index = self.index(row, ProposalColumn.REQUEST)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
            self.checked_changed.emit()

    def set_all(self, checked: bool) -> None:
        self._checked = [checked] * len(self._rows)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(ProposalColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ProposalColumn(section).title()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == ProposalColumn.REQUEST:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = ProposalColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is ProposalColumn.REQUEST:
                return request_text(item.request_reference, item.person)
            if column is ProposalColumn.URGENCY:
                return urgency_text(item.urgency)
            if column is ProposalColumn.VOLUNTEER:
                return volunteer_text(item.volunteer_name, item.volunteer_reference)
            if column is ProposalColumn.SCORE:
                return score_text(item.score)
            return parts_summary(item.parts)
        if role == Qt.ItemDataRole.CheckStateRole and column is ProposalColumn.REQUEST:
            return Qt.CheckState.Checked if self._checked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and column is ProposalColumn.URGENCY:
            return _bold_if_high(item.urgency)
        if role == Qt.ItemDataRole.ToolTipRole:
            return parts_details(item.parts)
        if role == SCORE_ROLE and column is ProposalColumn.SCORE:
            return float(item.score)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole):
        if not index.isValid() or index.column() != ProposalColumn.REQUEST or role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = value.value if hasattr(value, "value") else value
        self.set_checked(index.row(), state == Qt.CheckState.Checked.value)
        return True


class UnservedColumn(int, Enum):
    REQUEST = 0
    URGENCY = 1
    REASON = 2

    def title(self) -> str:
        return {UnservedColumn.REQUEST: _("Request"), UnservedColumn.URGENCY: _("Urgency"),
                UnservedColumn.REASON: _("Why no one was proposed")}[self]


class UnservedModel(QAbstractTableModel):
    def __init__(self, rows=(), parent=None):
        super().__init__(parent)
        self._rows = tuple(rows)

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(UnservedColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return UnservedColumn(section).title()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = UnservedColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column is UnservedColumn.REQUEST:
                return request_text(item.reference, item.person)
            if column is UnservedColumn.URGENCY:
                return urgency_text(item.urgency)
            return item.reason
        if role == Qt.ItemDataRole.FontRole and column is UnservedColumn.URGENCY:
            return _bold_if_high(item.urgency)
        return None
