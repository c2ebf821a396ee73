"""The ranked candidates for one request (MatchingService.rank): rank, volunteer, score, and why.

The score column gives the number as text and the score itself under SCORE_ROLE (0..100) for the bar the
delegate draws beside it. The whole explanation, one line per score part, is the tooltip of every cell and
``details(row)`` for the details pane."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.models.match_texts import parts_details, parts_summary, score_text

ID_ROLE = Qt.ItemDataRole.UserRole
SCORE_ROLE = Qt.ItemDataRole.UserRole + 2


class CandidateColumn(int, Enum):
    RANK = 0
    VOLUNTEER = 1
    SCORE = 2
    WHY = 3

    def title(self) -> str:
        return {CandidateColumn.RANK: _("Rank"), CandidateColumn.VOLUNTEER: _("Volunteer"),
                CandidateColumn.SCORE: _("Score"), CandidateColumn.WHY: _("Why")}[self]


def volunteer_text(name: str, reference: str) -> str:
    return _("{name} ({reference})").format(name=name, reference=reference)


class CandidatesModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: tuple = ()

    def set_candidates(self, candidates) -> None:
        self.beginResetModel()
        self._rows = tuple(candidates)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, volunteer_id: str) -> int:
        return next((n for n, item in enumerate(self._rows) if item.volunteer_id == volunteer_id), -1)

    def details(self, row: int) -> str:
        item = self.row_at(row)
        if item is None:
            return ""
        head = _("{volunteer}: score {score} of 100").format(
            volunteer=volunteer_text(item.name, item.reference), score=score_text(item.score))
        return head + "\n" + parts_details(item.parts)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(CandidateColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return CandidateColumn(section).title()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = CandidateColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is CandidateColumn.RANK:
                return format_number(index.row() + 1)
            if column is CandidateColumn.VOLUNTEER:
                return volunteer_text(item.name, item.reference)
            if column is CandidateColumn.SCORE:
                return score_text(item.score)
            return parts_summary(item.parts)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.details(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CandidateColumn.RANK, CandidateColumn.SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SCORE_ROLE and column is CandidateColumn.SCORE:
            return float(item.score)
        if role == ID_ROLE:
            return item.volunteer_id
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(CandidateColumn) - 1)
