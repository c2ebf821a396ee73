"""Volunteers who fail exactly one hard rule (MatchResult.near_misses): who, why not, and what they would
score. The reason names the rule with its figures ("clearance expired on 03.03.2026"), so the coordinator can
act on it or assign anyway with a written reason."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kommandesk.i18n import _
from kommandesk.ui.models.candidates_model import ID_ROLE, SCORE_ROLE, volunteer_text
from kommandesk.ui.models.match_texts import score_text


class NearMissColumn(int, Enum):
    VOLUNTEER = 0
    SCORE = 1
    REASON = 2

    def title(self) -> str:
        return {NearMissColumn.VOLUNTEER: _("Volunteer"), NearMissColumn.REASON: _("Does not fit because"),
                NearMissColumn.SCORE: _("Would score")}[self]


class NearMissesModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: tuple = ()

    def set_near_misses(self, near_misses) -> None:
        self.beginResetModel()
        self._rows = tuple(near_misses)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, volunteer_id: str) -> int:
        return next((n for n, item in enumerate(self._rows) if item.volunteer_id == volunteer_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(NearMissColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return NearMissColumn(section).title()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = NearMissColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is NearMissColumn.VOLUNTEER:
                return volunteer_text(item.name, item.reference)
            if column is NearMissColumn.REASON:
                return item.reason
            return score_text(item.score)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Fails “{rule}”: {reason}").format(rule=item.rule.label(), reason=item.reason)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is NearMissColumn.SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SCORE_ROLE and column is NearMissColumn.SCORE:
            return float(item.score)
        if role == ID_ROLE:
            return item.volunteer_id
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(NearMissColumn) - 1)
