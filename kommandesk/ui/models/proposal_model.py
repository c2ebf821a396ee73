"""The proposal of a "match all open requests" run, to review: one row per proposed assignment with a check box
(all checked at first), and the requests nobody can serve with the reason."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from kommandesk.i18n import _
from kommandesk.ui.models.candidates_model import score_data, volunteer_text
from kommandesk.ui.models.match_requests_model import urgency_font, urgency_text
from kommandesk.ui.models.match_texts import parts_details, parts_summary
from kommandesk.ui.models.row_model import RowTableModel


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


class ProposalModel(RowTableModel):
    columns = ProposalColumn
    key_attribute = "request_id"
    checked_changed = Signal()

    def __init__(self, rows=(), parent=None):
        super().__init__(rows, parent)
        self._checked = [True] * len(self._rows)

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

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == ProposalColumn.REQUEST:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def cell_data(self, item, column: ProposalColumn, role: int, row: int):
        if role == Qt.ItemDataRole.ToolTipRole:
            return parts_details(item.parts)
        if column is ProposalColumn.SCORE:
            return score_data(item.score, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is ProposalColumn.REQUEST:
                return request_text(item.request_reference, item.person)
            if column is ProposalColumn.URGENCY:
                return urgency_text(item.urgency)
            if column is ProposalColumn.VOLUNTEER:
                return volunteer_text(item.volunteer_name, item.volunteer_reference)
            return parts_summary(item.parts)
        if role == Qt.ItemDataRole.CheckStateRole and column is ProposalColumn.REQUEST:
            return Qt.CheckState.Checked if self._checked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and column is ProposalColumn.URGENCY:
            return urgency_font(item.urgency)
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


class UnservedModel(RowTableModel):
    columns = UnservedColumn
    key_attribute = "request_id"

    def cell_data(self, item, column: UnservedColumn, role: int, row: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column is UnservedColumn.REQUEST:
                return request_text(item.reference, item.person)
            if column is UnservedColumn.URGENCY:
                return urgency_text(item.urgency)
            return item.reason
        if role == Qt.ItemDataRole.FontRole and column is UnservedColumn.URGENCY:
            return urgency_font(item.urgency)
        return None
