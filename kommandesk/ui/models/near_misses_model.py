"""Volunteers who fail exactly one hard rule (MatchResult.near_misses): who, why not, and what they would
score. The reason names the rule with its figures ("clearance expired on 03.03.2026"), so the coordinator can
act on it or assign anyway with a written reason."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt

from kommandesk.i18n import _
from kommandesk.ui.models.candidates_model import score_data, volunteer_text
from kommandesk.ui.models.row_model import ID_ROLE, RowTableModel


class NearMissColumn(int, Enum):
    VOLUNTEER = 0
    SCORE = 1
    REASON = 2

    def title(self) -> str:
        return {NearMissColumn.VOLUNTEER: _("Volunteer"), NearMissColumn.REASON: _("Does not fit because"),
                NearMissColumn.SCORE: _("Would score")}[self]


class NearMissesModel(RowTableModel):
    columns = NearMissColumn
    key_attribute = "volunteer_id"

    def __init__(self, parent=None):
        super().__init__(parent=parent)

    def set_near_misses(self, near_misses) -> None:
        self.set_rows(near_misses)

    def cell_data(self, item, column: NearMissColumn, role: int, row: int):
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Fails “{rule}”: {reason}").format(rule=item.rule.label(), reason=item.reason)
        if role == ID_ROLE:
            return item.volunteer_id
        if column is NearMissColumn.SCORE:
            return score_data(item.score, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is NearMissColumn.VOLUNTEER:
                return volunteer_text(item.name, item.reference)
            return item.reason
        return None
