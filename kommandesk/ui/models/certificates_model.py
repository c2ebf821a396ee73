"""The certificate register as a table (CertificateService.register: every certificate issued, newest first;
a few thousand at most, all loaded and sorted here). A revoked certificate is shown greyed, its status says when."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.certificates.texts import language_text
from kommandesk.ui.models.row_model import ID_ROLE
from kommandesk.ui.models.sortable_rows import SORT_ROLE, SortableRowModel

__all__ = ["Column", "CertificatesModel", "ID_ROLE", "SORT_ROLE", "status_text"]


class Column(int, Enum):
    NUMBER = 0
    PERSON = 1
    KIND = 2
    ISSUED = 3
    LANGUAGE = 4
    STATUS = 5
    TITLE = 6  # the longest texts: the last column, as wide as the window allows

    def title(self) -> str:
        return {Column.NUMBER: _("Number"), Column.KIND: _("Document"), Column.PERSON: _("Person"),
                Column.TITLE: _("Course or period"), Column.ISSUED: _("Issued on"),
                Column.LANGUAGE: _("Language"), Column.STATUS: _("Status")}[self]


def status_text(row) -> str:
    if row.revoked_on is not None:
        return _("revoked on {date}").format(date=format_date(row.revoked_on))
    return row.validity.label()


class CertificatesModel(SortableRowModel):
    columns = Column
    key_attribute = "number"

    def text(self, row, column: Column) -> str:
        column = Column(column)
        if column is Column.NUMBER:
            return row.number
        if column is Column.KIND:
            return row.kind.label()
        if column is Column.PERSON:
            return row.person_name
        if column is Column.TITLE:
            return row.title
        if column is Column.ISSUED:
            return format_date(row.issued_on)
        if column is Column.LANGUAGE:
            return language_text(row.language)
        return status_text(row)

    def native(self, row, column: Column):
        return {Column.NUMBER: row.number, Column.KIND: row.kind, Column.PERSON: row.person_name,
                Column.TITLE: row.title, Column.ISSUED: row.issued_on, Column.LANGUAGE: row.language,
                Column.STATUS: row.revoked_on is not None}[Column(column)]

    def more_data(self, row, column: Column, role: int):
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.STATUS and row.revoked_on is not None:
                return _("Reason: {reason}").format(reason=row.revoke_reason)
            if column in (Column.PERSON, Column.TITLE, Column.KIND):
                return self.text(row, column) or None
            if column is Column.NUMBER and row.override_reason:
                return _("Issued below the minimum attendance: {reason}").format(reason=row.override_reason)
        if role == Qt.ItemDataRole.ForegroundRole and row.revoked_on is not None:
            return QGuiApplication.palette().placeholderText()
        return None
