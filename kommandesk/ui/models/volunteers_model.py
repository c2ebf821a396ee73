"""The volunteer list as a table model, fed page by page from the service (paging, sorting and the row cache are
PagedTableModel's, shared with the request list).

Rows arrive 200 at a time (``canFetchMore`` / ``fetchMore``, asked by the view as the user scrolls), so a list of
50,000 volunteers never sits in the model at once. Sorting is a new query with the service's SortKey: the database
sorts, never Python. ``count()`` is the number of volunteers the query matches (the status line shows it).
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from kommandesk.domain.clearance import ClearanceState
from kommandesk.domain.languages import BABEL_KEYS, Level
from kommandesk.i18n import _, current_language
from kommandesk.i18n.formatting import format_date, language_name
from kommandesk.services.volunteers import SortKey, VolunteerQuery, VolunteerRow, VolunteerService
from kommandesk.ui.models.paged_model import FOREGROUND, ID_ROLE, PAGE_SIZE, SORT_ROLE, TOOLTIP, PagedTableModel

__all__ = ["Column", "ID_ROLE", "PAGE_SIZE", "SORT_ROLE", "VolunteersModel", "clearance_colour", "clearance_symbol",
           "format_languages"]


class Column(int, Enum):
    REFERENCE = 0
    LAST_NAME = 1
    FIRST_NAME = 2
    TOWN = 3
    POSTCODE = 4
    LANGUAGES = 5
    CLEARANCE = 6
    STATUS = 7
    EMAIL = 8
    PHONE = 9
    REGISTERED_ON = 10

    @property
    def sort_key(self) -> SortKey:
        return SortKey(self.name.lower())

    def title(self) -> str:
        return {
            Column.REFERENCE: _("Reference"), Column.LAST_NAME: _("Last name"), Column.FIRST_NAME: _("First name"),
            Column.TOWN: _("Town"), Column.POSTCODE: _("Postcode"), Column.LANGUAGES: _("Languages"),
            Column.CLEARANCE: _("Clearance"), Column.STATUS: _("Status"), Column.EMAIL: _("Email"),
            Column.PHONE: _("Phone"), Column.REGISTERED_ON: _("Registered on"),
        }[self]


def format_languages(encoded: str) -> str:
    """'ar (native), de (C1)' -> 'Arabic (native speaker), German (C1)' in the UI language."""
    return _languages_text(current_language(), encoded)


@lru_cache(maxsize=4096)  # a few hundred combinations make up a whole list; the language is part of the key
def _languages_text(_language: str, encoded: str) -> str:
    parts = []
    for item in filter(None, (part.strip() for part in (encoded or "").split(","))):
        code, _sep, rest = item.partition(" (")
        level_text = rest.rstrip(")")
        try:
            level = Level(level_text).label()
        except ValueError:
            level = level_text
        name = language_name(BABEL_KEYS.get(code.strip(), code.strip()))  # Dari is 'fa_AF' in CLDR
        parts.append(_("{language} ({level})").format(language=name, level=level) if level else name)
    return ", ".join(parts)


# Text colours of the clearance column: each keeps a contrast of at least 4.5:1 on its background.
_CLEARANCE_LIGHT = {ClearanceState.VALID: "#1b5e20", ClearanceState.EXPIRING: "#8a4b00",
                    ClearanceState.EXPIRED: "#b00020", ClearanceState.RELEVANT_ENTRY: "#b00020"}
_CLEARANCE_DARK = {ClearanceState.VALID: "#81c784", ClearanceState.EXPIRING: "#ffb74d",
                   ClearanceState.EXPIRED: "#ff8a80", ClearanceState.RELEVANT_ENTRY: "#ff8a80"}


def clearance_colour(state: ClearanceState, palette: QPalette) -> QColor | None:
    """The colour that marks ``state`` on this palette (None: the normal text colour, for 'none')."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    value = (_CLEARANCE_DARK if dark else _CLEARANCE_LIGHT).get(state)
    return QColor(value) if value else None


def clearance_symbol(state: ClearanceState) -> str:
    """A mark beside the word, so the state does not rest on colour alone."""
    return {ClearanceState.VALID: "✓", ClearanceState.EXPIRING: "⚠", ClearanceState.EXPIRED: "✗",
            ClearanceState.RELEVANT_ENTRY: "✗", ClearanceState.NONE: "–"}[state]


_TOOLTIP_COLUMNS = frozenset({Column.LANGUAGES, Column.EMAIL, Column.CLEARANCE})


class VolunteersModel(PagedTableModel):
    columns = Column
    extra_roles = frozenset({TOOLTIP, FOREGROUND})

    def __init__(self, service: VolunteerService, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(service, VolunteerQuery(), page_size, parent)

    def styled(self, row: int, item: VolunteerRow, column: int, role: int):
        if role == TOOLTIP:
            text = self.display(row)[column]
            return text if column in _TOOLTIP_COLUMNS and text else None
        if column == Column.CLEARANCE:  # the foreground
            return clearance_colour(item.clearance, QGuiApplication.palette())
        return None

    def display_texts(self, item: VolunteerRow) -> tuple[str, ...]:
        return (
            item.reference, item.last_name, item.first_name, item.town, item.postcode,
            format_languages(item.languages),
            f"{clearance_symbol(item.clearance)} {item.clearance.label()}",
            item.status.label(), item.email, item.phone,
            format_date(item.registered_on) if item.registered_on else "",
        )

    @staticmethod
    def native(item: VolunteerRow, column: Column):
        return {
            Column.REFERENCE: item.reference, Column.LAST_NAME: item.last_name, Column.FIRST_NAME: item.first_name,
            Column.TOWN: item.town, Column.POSTCODE: item.postcode, Column.LANGUAGES: item.languages,
            Column.CLEARANCE: item.clearance, Column.STATUS: item.status, Column.EMAIL: item.email,
            Column.PHONE: item.phone, Column.REGISTERED_ON: item.registered_on,
        }[column]
