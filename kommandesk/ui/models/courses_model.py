"""The courses as a table (TrainingService.list_courses: a few dozen rows a year, all loaded, sorted here).

SORT_ROLE gives each cell's native value (a date, a CourseStatus, an int, a str); ID_ROLE the course id."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt

from kommandesk.domain.trainings import CourseStatus
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.models.course_texts import amount_text, days_text, places_text
from kommandesk.ui.models.row_model import ID_ROLE, RIGHT_ALIGNED
from kommandesk.ui.models.sortable_rows import SORT_ROLE, SortableRowModel

__all__ = ["Column", "CoursesModel", "ID_ROLE", "SORT_ROLE"]


class Column(int, Enum):
    REFERENCE = 0
    TITLE = 1
    STATUS = 2
    DAYS = 3
    SESSIONS = 4
    PLANNED = 5
    PLACES = 6
    FUNDING = 7

    def title(self) -> str:
        return {Column.REFERENCE: _("Reference"), Column.TITLE: _("Course"), Column.STATUS: _("Status"),
                Column.DAYS: _("Dates"), Column.SESSIONS: _("Sessions"), Column.PLANNED: _("Planned time"),
                Column.PLACES: _("Places taken"), Column.FUNDING: _("Funding")}[self]


_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole


class CoursesModel(SortableRowModel):
    columns = Column

    def text(self, item, column: Column) -> str:
        column = Column(column)
        if column is Column.REFERENCE:
            return item.reference
        if column is Column.TITLE:
            return item.title
        if column is Column.STATUS:
            return item.status.label()
        if column is Column.DAYS:
            return days_text(item.first_day, item.last_day)
        if column is Column.SESSIONS:
            return format_number(item.sessions)
        if column is Column.PLANNED:
            return amount_text(item.planned_minutes, item.unit)
        if column is Column.PLACES:
            return places_text(item.registered, item.capacity, item.waiting)
        return item.funding_tag

    def native(self, item, column: Column):
        return {Column.REFERENCE: item.reference, Column.TITLE: item.title, Column.STATUS: item.status,
                Column.DAYS: item.first_day, Column.SESSIONS: item.sessions, Column.PLANNED: item.planned_minutes,
                Column.PLACES: item.registered, Column.FUNDING: item.funding_tag}[column]

    def more_data(self, item, column: Column, role: int):
        if role == _TOOLTIP and column in (Column.TITLE, Column.FUNDING, Column.PLACES):
            return self.text(item, column) or None
        if role == _ALIGN and column is Column.SESSIONS:
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ForegroundRole and item.status is CourseStatus.CANCELLED:
            from PySide6.QtGui import QGuiApplication

            return QGuiApplication.palette().placeholderText()
        return None
