"""The Requests page: the list with its columns, search as you type, filters, sorting, the actions (new, open,
find volunteers, change status with a reason) and select_request."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from kommandesk.domain.requests import RequestStatus, Urgency
from kommandesk.domain.schedule import Recurrence
from kommandesk.domain.availability import Period
from kommandesk.services.requests import RequestSortKey
from kommandesk.ui.models.requests_model import SORT_ROLE, Column
from request_data import TODAY, area_id, assigned, make_request
from ui_helpers import activate


@pytest.fixture
def page(qtbot, services, paths):
    from kommandesk.ui.pages.requests_page import RequestsPage

    def make():
        made = RequestsPage(services.requests, services.volunteers, paths=paths)
        qtbot.addWidget(made)
        made.resize(1200, 700)
        made.show()
        qtbot.waitExposed(made)
        made.refresh()
        return made

    return make


def cell(page, row: int, column: Column, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(row, column).data(role)


def references(page) -> list[str]:
    return [page.model.row_at(row).reference for row in range(page.model.rowCount())]


def test_the_list_shows_each_request_with_its_columns(services, page):
    req, vol, _assignment = assigned(services)
    urgent = make_request(services, person="B. K.", household_size=1, urgency=Urgency.HIGH, appointment=None,
                          recurrence=Recurrence(frozenset({(1, Period.MORNING), (3, Period.AFTERNOON)}), TODAY))
    shown = page()
    assert shown.model.count() == 2
    row = shown.model.row_of(req.id)
    assert cell(shown, row, Column.REFERENCE) == req.reference
    assert cell(shown, row, Column.PERSON) == "Farida (3)"
    assert "3 people" in cell(shown, row, Column.PERSON, Qt.ItemDataRole.ToolTipRole)
    area = next(a for a in services.volunteers.areas() if a.id == req.area_id)
    assert cell(shown, row, Column.AREA) == area.name("en")
    assert cell(shown, row, Column.LANGUAGES) == "Dari (B1)"
    when = cell(shown, row, Column.WHEN)
    assert when.startswith(req.appointment.day.strftime("%a")) and "9:00" in when and "11:00" in when
    assert cell(shown, row, Column.STATUS) == "assigned"
    assert cell(shown, row, Column.VOLUNTEERS) == "Anna Berg"
    assert cell(shown, row, Column.URGENCY) == "normal"
    assert cell(shown, row, Column.RECEIVED, SORT_ROLE) == TODAY
    other = shown.model.row_of(urgent.id)
    assert cell(shown, other, Column.WHEN).startswith("Tue morning, Thu afternoon, from")
    # high urgency: a mark and bold text, not colour alone
    assert cell(shown, other, Column.URGENCY) == "\u25b2 high"
    assert cell(shown, other, Column.URGENCY, Qt.ItemDataRole.FontRole).bold()
    assert cell(shown, other, Column.URGENCY, SORT_ROLE) == Urgency.HIGH
    assert "2 requests" in shown.status_line.text()


def test_language_names_and_dates_follow_the_ui_language(services, page, german):
    make_request(services)
    shown = page()
    assert cell(shown, 0, Column.LANGUAGES) == "Dari (B1)"
    assert cell(shown, 0, Column.STATUS) == RequestStatus.NEW.label()
    assert shown.model.headerData(Column.REFERENCE, Qt.Orientation.Horizontal) == shown.model.headerData(
        0, Qt.Orientation.Horizontal)


def test_open_requests_by_default_and_the_status_filter_shows_the_others(services, page):
    kept = make_request(services, person="Open")
    gone = make_request(services, person="Gone")
    services.requests.change_status(gone.id, RequestStatus.CANCELLED, "found help elsewhere")
    shown = page()
    assert references(shown) == [kept.reference]
    assert "1 of 2 requests" in shown.status_line.text()
    status = shown.filters.status
    status.setCurrentIndex(status.findData(RequestStatus.CANCELLED.value))
    assert references(shown) == [gone.reference]
    status.setCurrentIndex(status.findData("every_status"))
    assert sorted(references(shown)) == sorted([kept.reference, gone.reference])
    shown.filters.reset()
    assert references(shown) == [kept.reference]


def test_search_as_you_type_and_escape_clears(services, page, qtbot):
    farida = make_request(services)
    make_request(services, person="Omid", site="Unterkunft Süd")
    shown = page()
    activate(qtbot, shown)
    QTest.keyClick(shown, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert shown.search.hasFocus()
    QTest.keyClicks(shown.search, "fari")
    qtbot.waitUntil(lambda: shown.model.count() == 1, timeout=2000)
    assert references(shown) == [farida.reference]
    QTest.keyClick(shown.search, Qt.Key.Key_Escape)
    assert shown.search.text() == "" and shown.model.count() == 2
    shown.search.setText("nobody")
    shown.flush_search()
    assert shown.model.count() == 0
    assert shown._empty.isVisible() and "search" in shown._empty.text()


def test_filters_by_area_urgency_and_site(services, page):
    first = make_request(services)
    other_area = next(a.id for a in services.volunteers.areas() if a.id != first.area_id)
    second = make_request(services, person="Omid", site="Unterkunft Süd", urgency=Urgency.HIGH, area_id=other_area)
    shown = page()
    filters = shown.filters
    filters.urgency.setCurrentIndex(filters.urgency.findData(Urgency.HIGH.value))
    assert references(shown) == [second.reference]
    filters.reset()
    filters.site.setCurrentIndex(filters.site.findData("Heim Nord"))
    assert references(shown) == [first.reference]
    filters.reset()
    filters.area.setCurrentIndex(filters.area.findData(other_area))
    assert references(shown) == [second.reference]


def test_sorting_by_a_column_is_a_new_query_and_unsortable_columns_keep_the_order(services, page):
    for name in ("Carla", "Anna", "Berta"):
        make_request(services, person=name)
    shown = page()
    header = shown.table.horizontalHeader()
    header.setSortIndicator(Column.PERSON, Qt.SortOrder.AscendingOrder)
    assert shown.model.query.sort is RequestSortKey.PERSON and not shown.model.query.descending
    assert [shown.model.row_at(row).person for row in range(3)] == ["Anna", "Berta", "Carla"]
    header.setSortIndicator(Column.LANGUAGES, Qt.SortOrder.AscendingOrder)
    assert shown.model.query.sort is RequestSortKey.PERSON
    assert header.sortIndicatorSection() == Column.PERSON


def test_new_and_open_go_through_the_form(services, page, qtbot, monkeypatch):
    req = make_request(services)
    opened = []

    def fake_form(parent, requests, volunteers, request_id):
        opened.append(request_id)
        return requests.get(req.id)

    monkeypatch.setattr("kommandesk.ui.pages.requests_page.edit_request", fake_form)
    shown = page()
    activate(qtbot, shown)
    shown.table.setFocus()
    QTest.keyClick(shown, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [None]
    assert f"{req.reference} was saved." in shown.status_line.text()
    shown.table.selectRow(0)
    QTest.keyClick(shown.table, Qt.Key.Key_Return)
    assert opened == [None, req.id]


def test_find_volunteers_emits_the_chosen_request(services, page, qtbot):
    req = make_request(services)
    shown = page()
    assert not shown.match_button.isEnabled()
    shown.table.selectRow(0)
    with qtbot.waitSignal(shown.match_requested) as signal:
        shown.match_button.click()
    assert signal.args == [req.id]


def test_select_request_clears_the_filters_that_hide_it(services, page):
    hidden = make_request(services, person="Gone")
    services.requests.change_status(hidden.id, RequestStatus.CANCELLED, "moved away")
    make_request(services)
    shown = page()
    shown.search.setText("zzz")
    shown.flush_search()
    assert shown.select_request(hidden.id)
    assert shown.search.text() == ""
    assert shown.model.row_at(shown._selected_row()).id == hidden.id
    assert not shown.select_request("no-such-id")


def test_select_request_pages_on_until_it_finds_the_row(services, page):
    from kommandesk.ui.models import requests_model

    requests = [make_request(services, person=f"P{number}") for number in range(5)]
    shown = page()
    shown.model._page_size = 2
    shown.model.set_query(shown.model.query)
    assert shown.model.rowCount() == 2
    assert shown.select_request(requests[0].id)  # the oldest is last in the list
    assert requests_model.PAGE_SIZE == 200


def test_change_status_asks_for_a_reason_and_cancels_the_request(services, page, monkeypatch):
    req = make_request(services)
    seen = {}

    def answer(dialog):
        dialog.choose(RequestStatus.CANCELLED)
        assert not dialog.try_accept()  # no reason: refused, nothing changed
        seen["error"] = dialog.reason_field.error.text()
        assert services.requests.get(req.id).status is RequestStatus.NEW
        dialog.reason.setText("found help elsewhere")
        assert dialog.try_accept()
        return QDialog.DialogCode.Accepted

    from kommandesk.ui.dialogs.requests.status_change import StatusChangeDialog

    monkeypatch.setattr(StatusChangeDialog, "exec", answer)
    shown = page()
    shown.table.selectRow(0)
    shown.status_button.click()
    assert seen["error"] == "Please give a reason."
    stored = services.requests.get(req.id)
    assert stored.status is RequestStatus.CANCELLED and stored.history[-1].reason == "found help elsewhere"
    assert shown.model.count() == 0  # the open ones are shown: it left the list
    assert "the filters leave it out" in shown.status_line.text()


def test_the_main_window_builds_the_page_and_refresh_reloads(services, main_window):
    assert main_window.show_page("requests")
    shown = main_window.page("requests")
    assert shown.model.count() == 0
    req = make_request(services)
    main_window.show_page("volunteers")
    main_window.show_page("requests")
    assert shown.model.count() == 1
    assert shown.select_request(req.id)


def test_areas_are_named_and_retired_ones_still_show(services, page):
    req = make_request(services, area_id=area_id(services))
    shown = page()
    assert cell(shown, shown.model.row_of(req.id), Column.AREA)
    assert cell(shown, 0, Column.RECEIVED) and isinstance(cell(shown, 0, Column.RECEIVED, SORT_ROLE), dt.date)
