"""The volunteer list model: page by page from the service, sorting as a new query, texts in the UI language."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette

from kommandesk.domain.clearance import ClearanceState
from kommandesk.domain.volunteers import Status
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.services.volunteers import SortKey, VolunteerQuery
from kommandesk.ui.models.volunteers_model import (
    ID_ROLE, SORT_ROLE, Column, VolunteersModel, clearance_colour, format_languages,
)
from volunteer_list_data import MARKUP_FIRST, MARKUP_LAST, TODAY, bulk_insert, create_list


class CountingService:
    """The real service, with a record of the list queries the model makes."""

    def __init__(self, service):
        self._service = service
        self.pages: list[tuple[int, int]] = []
        self.counts = 0

    def page(self, query, offset, limit):
        self.pages.append((offset, limit))
        return self._service.page(query, offset, limit)

    def count(self, query):
        self.counts += 1
        return self._service.count(query)


@pytest.fixture
def people(services):
    return create_list(services.volunteers)


def texts(model: VolunteersModel, column: Column) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_nothing_is_read_before_the_first_query(services):
    spy = CountingService(services.volunteers)
    model = VolunteersModel(spy)
    model.sort(Column.TOWN, Qt.SortOrder.DescendingOrder)
    assert (spy.pages, spy.counts, model.rowCount(), model.loaded) == ([], 0, 0, False)
    assert model.query.sort is SortKey.TOWN and model.query.descending


def test_450_volunteers_arrive_200_at_a_time(services):
    bulk_insert(services, 450)
    spy = CountingService(services.volunteers)
    model = VolunteersModel(spy)

    model.set_query(VolunteerQuery())
    assert (model.rowCount(), model.count(), model.canFetchMore(QModelIndex())) == (200, 450, True)

    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert (model.rowCount(), model.canFetchMore(QModelIndex())) == (450, False)
    model.fetchMore(QModelIndex())  # nothing more: no further query
    assert spy.pages == [(0, 200), (200, 200), (400, 200)]
    assert spy.counts == 1
    names = texts(model, Column.FIRST_NAME)
    assert names == sorted(names) and len(set(names)) == 450  # in order, none twice across the pages


def test_a_short_first_page_needs_no_count(services, people):
    spy = CountingService(services.volunteers)
    model = VolunteersModel(spy)
    model.set_query(VolunteerQuery())
    assert model.rowCount() == model.count() == 29  # 30 minus the archived one
    assert spy.counts == 0
    assert not model.canFetchMore(QModelIndex())


def test_sort_is_a_new_query_in_the_database(services, people):
    spy = CountingService(services.volunteers)
    model = VolunteersModel(spy, page_size=10)
    model.set_query(VolunteerQuery())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 20

    model.sort(Column.REGISTERED_ON, Qt.SortOrder.DescendingOrder)

    assert model.query.sort is SortKey.REGISTERED_ON and model.query.descending
    assert spy.pages[-1] == (0, 10)  # from the first page again
    assert model.rowCount() == 10
    # the newest of all 29, not the newest of the 20 rows that were loaded
    assert model.data(model.index(0, Column.REGISTERED_ON), SORT_ROLE) == TODAY - dt.timedelta(days=10)
    model.sort(Column.REGISTERED_ON, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, Column.LAST_NAME)) == "Öztürk"  # registered 400 days ago


@pytest.mark.parametrize("column", list(Column))
def test_every_column_sorts(services, people, column):
    model = VolunteersModel(services.volunteers)
    model.set_query(VolunteerQuery())
    model.sort(column, Qt.SortOrder.AscendingOrder)
    assert model.query.sort is column.sort_key
    assert model.rowCount() == 29


def test_reload_keeps_the_rows_already_loaded(services):
    bulk_insert(services, 450)
    model = VolunteersModel(services.volunteers)
    model.set_query(VolunteerQuery())
    model.fetchMore(QModelIndex())
    model.reload()
    assert model.rowCount() == 400
    assert model.count() == 450


def test_display_texts(services, people):
    model = VolunteersModel(services.volunteers)
    model.set_query(dataclasses.replace(VolunteerQuery(), search="sukru"))
    assert model.rowCount() == 1
    row = {column: model.data(model.index(0, column)) for column in Column}
    assert row[Column.LAST_NAME] == "Öztürk" and row[Column.FIRST_NAME] == "Şükrü"
    assert row[Column.REFERENCE].startswith("V-")
    assert row[Column.LANGUAGES] == "Turkish (native speaker), German (C1)"
    assert row[Column.CLEARANCE].endswith("valid")
    assert row[Column.STATUS] == "active"
    assert row[Column.TOWN] == "Gelsenkirchen" and row[Column.POSTCODE] == "45879"
    assert row[Column.EMAIL] == "sukru@example.org"
    assert row[Column.REGISTERED_ON] == format_date(
        people["Öztürk"].registered_on)
    assert model.data(model.index(0, 0), ID_ROLE) == people["Öztürk"].id
    assert model.data(model.index(0, Column.STATUS), SORT_ROLE) is Status.ACTIVE
    assert model.data(model.index(0, Column.LANGUAGES), Qt.ItemDataRole.ToolTipRole) == row[Column.LANGUAGES]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in Column][:3] == [
        "Reference", "Last name", "First name"]


def test_markup_is_kept_as_typed(services, people):
    model = VolunteersModel(services.volunteers)
    model.set_query(dataclasses.replace(VolunteerQuery(), search="hyperlink"))
    assert model.data(model.index(0, Column.FIRST_NAME)) == MARKUP_FIRST
    assert model.data(model.index(0, Column.LAST_NAME)) == MARKUP_LAST


def test_german_texts(services, people, german):
    model = VolunteersModel(services.volunteers)
    model.set_query(dataclasses.replace(VolunteerQuery(), search="haddad"))
    assert model.data(model.index(0, Column.LANGUAGES)).startswith("Arabisch (")
    header = model.headerData(Column.LAST_NAME, Qt.Orientation.Horizontal)
    assert header == _("Last name") != "Last name"  # the German catalogue's word
    assert model.data(model.index(0, Column.REGISTERED_ON)) == format_date(people["Haddad"].registered_on)


def test_retranslate_makes_the_texts_again(services, people, qtbot):
    from kommandesk.i18n import set_language

    model = VolunteersModel(services.volunteers)
    model.set_query(dataclasses.replace(VolunteerQuery(), search="haddad"))
    assert model.data(model.index(0, Column.LANGUAGES)).startswith("Arabic")
    set_language("de")
    with qtbot.waitSignals([model.headerDataChanged, model.dataChanged], timeout=1000):
        model.retranslate()
    assert model.data(model.index(0, Column.LANGUAGES)).startswith("Arabisch")


def test_format_languages_copes_with_unknown_parts():
    assert format_languages("") == ""
    assert format_languages("ar (native)") == "Arabic (native speaker)"
    assert format_languages("xx (B2), de (C2)") == "xx (B2), German (C2)"
    assert format_languages("de (weird)") == "German (weird)"
    assert format_languages("prs (C1)") == "Dari (C1)"  # CLDR names Dari only as "fa_AF"


def _contrast(a: QColor, b: QColor) -> float:
    def lum(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    light, dark = sorted((lum(a), lum(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("base", ["#ffffff", "#f0f0f0", "#1e1e1e", "#2d2d2d"])
def test_clearance_colours_are_readable_on_light_and_dark(base):
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(base))
    assert clearance_colour(ClearanceState.NONE, palette) is None
    for state in (ClearanceState.VALID, ClearanceState.EXPIRING, ClearanceState.EXPIRED,
                  ClearanceState.RELEVANT_ENTRY):
        assert _contrast(clearance_colour(state, palette), QColor(base)) >= 4.5, (state, base)
