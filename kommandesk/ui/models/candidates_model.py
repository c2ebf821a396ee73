"""The ranked candidates for one request (MatchingService.rank): rank, volunteer, score, and why.

The score column gives the number as text and the score itself under SCORE_ROLE (0..100) for the bar the
delegate draws beside it. The whole explanation, one line per score part, is the tooltip of every cell and
``details(row)`` for the details pane."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt

from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.models.match_texts import parts_details, parts_summary, score_text
from kommandesk.ui.models.row_model import ID_ROLE, RIGHT_ALIGNED, RowTableModel

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


def score_data(score: float, role: int):
    """A cell of a score column: the number as text, right-aligned, and the score itself under SCORE_ROLE."""
    if role == Qt.ItemDataRole.DisplayRole:
        return score_text(score)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return RIGHT_ALIGNED
    if role == SCORE_ROLE:
        return float(score)
    return None


class CandidatesModel(RowTableModel):
    columns = CandidateColumn
    key_attribute = "volunteer_id"

    def __init__(self, parent=None):
        super().__init__(parent=parent)

    def set_candidates(self, candidates) -> None:
        self.set_rows(candidates)

    def details(self, row: int) -> str:
        item = self.row_at(row)
        if item is None:
            return ""
        head = _("{volunteer}: score {score} of 100").format(
            volunteer=volunteer_text(item.name, item.reference), score=score_text(item.score))
        return head + "\n" + parts_details(item.parts)

    def cell_data(self, item, column: CandidateColumn, role: int, row: int):
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.details(row)
        if role == ID_ROLE:
            return item.volunteer_id
        if column is CandidateColumn.SCORE:
            return score_data(item.score, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is CandidateColumn.RANK:
                return format_number(row + 1)
            if column is CandidateColumn.VOLUNTEER:
                return volunteer_text(item.name, item.reference)
            return parts_summary(item.parts)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is CandidateColumn.RANK:
            return RIGHT_ALIGNED
        return None
