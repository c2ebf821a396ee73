"""The support requests as a table model, fed page by page from RequestService (paging, sorting and the row
cache are PagedTableModel's, shared with the volunteer list).

Rows arrive 200 at a time; sorting is a new query with the service's RequestSortKey, so the database sorts.
Columns without a sort key (area, languages, volunteers) keep the order that is set. SORT_ROLE gives each cell's
native value (a date, an Urgency, a RequestStatus, an int, a str).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from kommandesk.domain.requests import Urgency
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_date
from kommandesk.services.requests import RequestQuery, RequestRow, RequestSortKey
from kommandesk.ui.models.paged_model import (FONT, FOREGROUND, ID_ROLE, PAGE_SIZE, SORT_ROLE, TOOLTIP,
                                              PagedTableModel)
from kommandesk.ui.models.request_texts import when_text
from kommandesk.ui.models.volunteers_model import format_languages

__all__ = ["Column", "HIGH_MARK", "ID_ROLE", "PAGE_SIZE", "RequestsModel", "SORT_ROLE",
           "urgency_colour", "urgency_text"]

HIGH_MARK = "\u25b2"  # ▲ beside the word: urgency is not shown by colour alone


class Column(int, Enum):
    REFERENCE = 0
    PERSON = 1
    AREA = 2
    LANGUAGES = 3
    WHEN = 4
    SITE = 5
    URGENCY = 6
    STATUS = 7
    VOLUNTEERS = 8
    RECEIVED = 9

    @property
    def sort_key(self) -> RequestSortKey | None:
        return _SORT_KEYS.get(self)

    def title(self) -> str:
        return {
            Column.REFERENCE: _("Reference"), Column.PERSON: _("Person (household)"),
            Column.AREA: _("Area of help"), Column.LANGUAGES: _("Languages needed"), Column.WHEN: _("When"),
            Column.SITE: _("Site"), Column.URGENCY: _("Urgency"), Column.STATUS: _("Status"),
            Column.VOLUNTEERS: _("Volunteers"), Column.RECEIVED: _("Received on"),
        }[self]


_SORT_KEYS = {Column.REFERENCE: RequestSortKey.REFERENCE, Column.PERSON: RequestSortKey.PERSON,
              Column.WHEN: RequestSortKey.FIRST_DAY, Column.SITE: RequestSortKey.SITE,
              Column.URGENCY: RequestSortKey.URGENCY, Column.STATUS: RequestSortKey.STATUS,
              Column.RECEIVED: RequestSortKey.RECEIVED}


def urgency_text(urgency: Urgency) -> str:
    return f"{HIGH_MARK} {urgency.label()}" if urgency is Urgency.HIGH else urgency.label()


def urgency_colour(palette: QPalette) -> QColor:
    """Text colour of 'high': at least 4.5:1 on the light and on the dark background."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff8a80" if dark else "#b00020")


_TOOLTIP_COLUMNS = frozenset({Column.LANGUAGES, Column.WHEN, Column.VOLUNTEERS, Column.SITE})


class RequestsModel(PagedTableModel):
    columns = Column
    extra_roles = frozenset({TOOLTIP, FOREGROUND, FONT})

    def __init__(self, service, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(service, RequestQuery(open_only=True), page_size, parent)
        self._areas: dict[str, str] = {}  # area id -> name in the UI language

    def set_area_names(self, names: dict[str, str]) -> None:
        if names != self._areas:
            self._areas = dict(names)
            self.refresh_texts()

    def styled(self, row: int, item: RequestRow, column: int, role: int):
        if role == TOOLTIP:
            if column == Column.PERSON:
                return ngettext("Household of {count} person", "Household of {count} people",
                                item.household_size).format(count=item.household_size)
            if column == Column.URGENCY and item.children:
                return _("Children are involved: a valid clearance is required.")
            text = self.display(row)[column]
            return text if column in _TOOLTIP_COLUMNS and text else None
        if column != Column.URGENCY or item.urgency is not Urgency.HIGH:
            return None
        if role == FONT:
            font = QFont()
            font.setBold(True)
            return font
        return urgency_colour(QGuiApplication.palette())  # the foreground

    def display_texts(self, item: RequestRow) -> tuple[str, ...]:
        return (
            item.reference,
            _("{person} ({size})").format(person=item.person, size=item.household_size),
            self._areas.get(item.area_id or "", ""),
            format_languages(item.languages),
            when_text(item.appointment, item.recurrence_slots, item.first_day, item.last_day),
            item.site,
            urgency_text(item.urgency),
            item.status.label(),
            item.volunteers,
            format_date(item.received_on) if item.received_on else "",
        )

    def native(self, item: RequestRow, column: Column):
        return {
            Column.REFERENCE: item.reference, Column.PERSON: item.person,
            Column.AREA: self._areas.get(item.area_id or "", ""), Column.LANGUAGES: item.languages,
            Column.WHEN: item.first_day, Column.SITE: item.site, Column.URGENCY: item.urgency,
            Column.STATUS: item.status, Column.VOLUNTEERS: item.volunteers, Column.RECEIVED: item.received_on,
        }[column]
