"""A course's participants as a table (TrainingService.participants): registered and completed ones by last name,
then the waiting list in order with each person's place, then (when asked) the cancelled ones."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from kommandesk.domain.trainings import RegistrationStatus
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.models.row_model import ID_ROLE
from kommandesk.ui.models.sortable_rows import SORT_ROLE, SortableRowModel

__all__ = ["Column", "ID_ROLE", "ParticipantsModel", "SORT_ROLE", "status_text"]


class Column(int, Enum):
    NAME = 0
    REFERENCE = 1
    STATUS = 2
    REGISTERED = 3
    EMAIL = 4
    NOTE = 5

    def title(self) -> str:
        return {Column.NAME: _("Name"), Column.REFERENCE: _("Reference"), Column.STATUS: _("Registration"),
                Column.REGISTERED: _("Registered on"), Column.EMAIL: _("Email"), Column.NOTE: _("Note")}[self]


def status_text(item) -> str:
    """'registered', or 'waiting list, place 2'."""
    if item.status is RegistrationStatus.WAITING and item.position:
        return _("waiting list, place {position}").format(position=item.position)
    return item.status.label()


def _registered_on(text: str) -> str:
    import datetime as dt

    try:
        return format_date(dt.datetime.fromisoformat(text).date())
    except (TypeError, ValueError):
        return text or ""


def full_name(item) -> str:
    return _("{last_name}, {first_name}").format(last_name=item.last_name, first_name=item.first_name) \
        if item.first_name else item.last_name


class ParticipantsModel(SortableRowModel):
    columns = Column
    key_attribute = "registration_id"

    def text(self, item, column: Column) -> str:
        column = Column(column)
        if column is Column.NAME:
            return full_name(item)
        if column is Column.REFERENCE:
            return item.volunteer_reference
        if column is Column.STATUS:
            return status_text(item)
        if column is Column.REGISTERED:
            return _registered_on(item.registered_at)
        if column is Column.EMAIL:
            return item.email
        return item.note

    def native(self, item, column: Column):
        if column is Column.STATUS:  # the waiting list keeps its order
            return (list(RegistrationStatus).index(item.status), item.position or 0)
        return {Column.NAME: f"{item.last_name} {item.first_name}", Column.REFERENCE: item.volunteer_reference,
                Column.REGISTERED: item.registered_at, Column.EMAIL: item.email, Column.NOTE: item.note}[column]

    def more_data(self, item, column: Column, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.NAME, Column.NOTE, Column.EMAIL):
            return self.text(item, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and item.status is RegistrationStatus.CANCELLED:
            return QGuiApplication.palette().placeholderText()
        return None
