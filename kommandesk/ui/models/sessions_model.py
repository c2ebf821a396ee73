"""A course's sessions as a table: number, day, time, length, place, trainer, and whether it was cancelled
(TrainingService.sessions: SessionRow, numbered 1.. in date order, cancelled ones included)."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from kommandesk.i18n import _, pgettext
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.models.course_texts import minutes_text
from kommandesk.ui.models.request_texts import format_day, format_time_span
from kommandesk.ui.models.row_model import ID_ROLE, RIGHT_ALIGNED
from kommandesk.ui.models.sortable_rows import SORT_ROLE, SortableRowModel

__all__ = ["Column", "ID_ROLE", "SORT_ROLE", "SessionsModel"]


class Column(int, Enum):
    NUMBER = 0
    DAY = 1
    TIME = 2
    LENGTH = 3
    PLACE = 4
    TRAINER = 5
    STATE = 6

    def title(self) -> str:
        return {Column.NUMBER: pgettext("session number", "No."), Column.DAY: _("Date"), Column.TIME: _("Time"),
                Column.LENGTH: _("Length"), Column.PLACE: _("Place"), Column.TRAINER: _("Trainer"),
                Column.STATE: _("Status")}[self]


class SessionsModel(SortableRowModel):
    columns = Column

    def __init__(self, rows=(), parent=None, today=dt.date.today):
        super().__init__(rows, parent)
        self.today = today

    def text(self, item, column: Column) -> str:
        column = Column(column)
        if column is Column.NUMBER:
            return format_number(item.number)
        if column is Column.DAY:
            return format_day(item.day)
        if column is Column.TIME:
            return format_time_span(item.start, item.end)
        if column is Column.LENGTH:
            return minutes_text(item.minutes)
        if column is Column.PLACE:
            return item.place
        if column is Column.TRAINER:
            return item.trainer
        if item.cancelled:
            return pgettext("session", "cancelled")
        return pgettext("session", "held") if item.day < self.today() else pgettext("session", "planned")

    def native(self, item, column: Column):
        return {Column.NUMBER: item.number, Column.DAY: item.day, Column.TIME: item.start,
                Column.LENGTH: item.minutes, Column.PLACE: item.place, Column.TRAINER: item.trainer,
                Column.STATE: item.cancelled}[column]

    def more_data(self, item, column: Column, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.PLACE, Column.TRAINER):
            return self.text(item, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.NUMBER, Column.LENGTH):
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ForegroundRole and item.cancelled:
            return QGuiApplication.palette().placeholderText()
        if role == Qt.ItemDataRole.FontRole and item.cancelled:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setStrikeOut(column is not Column.STATE)
            return font
        return None
