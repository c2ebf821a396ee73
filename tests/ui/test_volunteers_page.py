"""The Volunteers page: search as you type, filters, sorting by a header click, paging, New / Open / Archive,
empty states, keyboard, and texts in the UI language."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLabel

from kommandesk.domain.availability import Period
from kommandesk.domain.clearance import ClearanceState
from kommandesk.domain.languages import Level
from kommandesk.domain.volunteers import Status
from kommandesk.i18n import _, ngettext
from kommandesk.ui.models.volunteers_model import Column
from kommandesk.ui.pages import volunteers_page
from kommandesk.ui.pages.volunteers_page import VolunteersPage
from kommandesk.ui.widgets.volunteer_filters import EVERY_STATUS
from ui_helpers import activate, type_text
from volunteer_list_data import MARKUP_FIRST, MARKUP_LAST, bulk_insert, create_list, person


@pytest.fixture
def people(services):
    return create_list(services.volunteers)




@pytest.fixture
def page(people, make_page):
    return make_page()


@pytest.fixture
def form_calls(monkeypatch):
    """Stands in for the profile form: records each call and answers with what the test put in ``answers``."""
    calls: list[tuple] = []
    answers: list = []

    def fake_edit(parent, service, volunteer_id, allowances=None):
        calls.append((parent, service, volunteer_id))
        answer = answers.pop(0) if answers else None
        return answer(service, volunteer_id) if callable(answer) else answer

    monkeypatch.setattr(volunteers_page, "edit_volunteer", fake_edit)
    return calls, answers


def column_texts(page, column: Column) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def last_names(page) -> set[str]:
    return set(column_texts(page, Column.LAST_NAME))


def search_now(page, text: str) -> None:
    page.search.setText(text)
    page.flush_search()


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def selected_id(page):
    rows = page.table.selectionModel().selectedRows()
    return page.model.row_at(rows[0].row()).id if rows else None


def select_name(page, last_name: str) -> None:
    row = column_texts(page, Column.LAST_NAME).index(last_name)
    page.table.selectRow(row)


# -- the list -------------------------------------------------------------------------------------------------------

def test_the_window_opens_the_volunteers_page_with_ctrl_2(qtbot, services, main_window):
    create_list(services.volunteers)
    activate(qtbot, main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = main_window.current_page()
    assert isinstance(page, VolunteersPage)
    assert page.model.rowCount() == 29
    assert page.table.isVisible()


def test_rows_appear_with_the_counts(page):
    assert page.model.rowCount() == 29
    assert page.status_line.text() == "29 of 30 volunteers"  # the archived one is left out
    assert "Öztürk" in last_names(page)
    assert not page._empty.isVisible()


def test_typing_searches_after_a_short_pause(qtbot, page):
    type_text(page.search, "sukru")
    assert page.model.rowCount() == 29  # not on every keystroke: the timer waits for a pause
    assert page._search_timer.isActive()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert column_texts(page, Column.FIRST_NAME) == ["Şükrü"]
    assert page.status_line.text() == "1 of 30 volunteers"


@pytest.mark.parametrize("text, expected", [
    ("sukru", {"Öztürk"}), ("ÖZTÜRK", {"Öztürk"}), ("lukasz", {"Wójcik"}), ("muller", {"Müller"}),
    ("mueller", {"Müller"}), ("munster", {"Müller"}), ("arab", {"Haddad", MARKUP_LAST}),
    ("fat had", {"Haddad"}), ("interpreting", {"Öztürk"}), ("sukru@example", {"Öztürk"}),
])
def test_search_ignores_case_and_diacritics(page, text, expected):
    search_now(page, text)
    assert last_names(page) == expected


def test_esc_clears_the_search_and_ctrl_f_goes_back_to_it(qtbot, page):
    activate(qtbot, page)
    search_now(page, "sukru")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    assert page.search.selectedText() == "sukru"

    qtbot.keyClick(page.search, Qt.Key.Key_Escape)

    assert page.search.text() == ""
    assert page.model.rowCount() == 29  # at once, without waiting for the pause


def test_enter_searches_at_once_and_down_goes_to_the_list(qtbot, page):
    page.search.setFocus()
    type_text(page.search, "lukasz")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert not page._search_timer.isActive()
    assert last_names(page) == {"Wójcik"}
    type_text(page.search, " x")  # "lukasz x": nothing yet, the pause has not ended
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert selected_id(page) == page.model.row_at(0).id and last_names(page) == {"Wójcik"}


@pytest.mark.parametrize("setting, expected", [
    ({"status": "archived"}, {"Archivarius"}),
    ({"status": "paused"}, {"Müller"}),
    ({"language": "ar"}, {"Haddad", MARKUP_LAST}),
    ({"language": "ar", "min_level": Level.NATIVE.value}, {"Haddad"}),
    ({"language": "de", "min_level": Level.C1.value}, "many"),
    ({"area": "interpreting"}, {"Öztürk"}),
    ({"clearance": ClearanceState.VALID.value}, {"Öztürk"}),
    ({"clearance": ClearanceState.EXPIRING.value}, {"Müller"}),
    ({"clearance": ClearanceState.EXPIRED.value}, {"Wójcik"}),
    ({"clearance": ClearanceState.RELEVANT_ENTRY.value}, {"Haddad"}),
    ({"weekday": "0", "period": Period.MORNING.value}, {"Öztürk", "Müller"}),  # Müller: by arrangement
    ({"weekday": "1", "period": Period.EVENING.value}, {"Wójcik", "Müller"}),
    ({"weekday": "1"}, {"Wójcik", "Haddad", "Müller"}),
])
def test_each_filter_narrows_the_list_at_once(services, page, setting, expected):
    filters = page.filters
    if "area" in setting:
        setting = {**setting, "area": next(a.id for a in services.volunteers.areas() if a.key == setting["area"])}
    for name, data in setting.items():
        choose(getattr(filters, name), data)
    if expected == "many":  # German C1 or better: the native speakers, Öztürk (C1), not Wójcik (B2)
        names = last_names(page)
        assert "Öztürk" in names and "Müller" in names and "Wójcik" not in names and "Haddad" not in names
    else:
        assert last_names(page) == expected
    assert page.status_line.text() == f"{page.model.count()} of 30 volunteers"


def test_every_status_shows_the_archived_too(page):
    choose(page.filters.status, EVERY_STATUS)
    assert page.model.rowCount() == 30
    assert page.status_line.text() == "30 volunteers"


def test_the_level_and_time_of_day_wait_for_a_language_and_a_day(page):
    assert not page.filters.min_level.isEnabled() and not page.filters.period.isEnabled()
    choose(page.filters.language, "ar")
    choose(page.filters.weekday, "0")
    assert page.filters.min_level.isEnabled() and page.filters.period.isEnabled()


def test_the_language_box_finds_a_language_by_typing(qtbot, page):
    combo = page.filters.language
    combo.setFocus()
    combo.lineEdit().selectAll()
    type_text(combo.lineEdit(), "arab")
    assert combo.completer().completionCount() > 1  # Arabic, Egyptian Arabic, ...
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.currentData() == "ar" and combo.currentText() == "Arabic"
    assert last_names(page) == {"Haddad", MARKUP_LAST}

    combo.lineEdit().setText("Klingonisch")  # names no language: the box goes back to its choice
    combo.lineEdit().editingFinished.emit()
    assert combo.currentText() == "Arabic" and combo.currentData() == "ar"


@pytest.mark.parametrize("typed, code", [("turk", "tr"), ("arabic", "ar"), ("ar", "ar"), ("POLN", "pl"),
                                         ("dari", "prs"), ("ägyptisches", "arz"), ("AGYPTISCH", "egy")])
def test_the_german_language_box_ignores_diacritics_and_knows_english_names(german, page, typed, code):
    combo = page.filters.language
    combo.completer().setCompletionPrefix(typed)
    names = [combo.completer().completionModel().index(row, 0).data()
             for row in range(combo.completer().completionCount())]
    assert combo.itemText(combo.findData(code)) in names
    assert combo.choose_text(typed)
    assert combo.currentData() == code


def test_the_language_box_offers_every_language_a_profile_can_hold(page):
    combo = page.filters.language
    codes = {combo.itemData(index) for index in range(combo.count())}
    assert {"ar", "fa", "prs", "ps", "ku", "ckb", "ti", "uk", "ru", "tr", "sq", "so"} <= codes
    assert combo.itemText(combo.findData("prs")) == "Dari"
    assert combo.count() > 600


def test_reset_filters_shows_everyone_but_the_archived_again(qtbot, page):
    choose(page.filters.clearance, ClearanceState.EXPIRED.value)
    choose(page.filters.language, "pl")
    assert page.model.rowCount() == 1
    qtbot.mouseClick(page.filters.reset_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 29
    assert page.filters.is_default()


def test_clicking_a_header_sorts_in_the_database(qtbot, page):
    header = page.table.horizontalHeader()

    def click(column: Column) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    assert column_texts(page, Column.LAST_NAME)[0] == "=HYPERLINK(\"http://x.example\")"  # '=' sorts first
    click(Column.FIRST_NAME)
    assert page.model.query.sort.value == "first_name" and not page.model.query.descending
    assert column_texts(page, Column.FIRST_NAME)[0] == MARKUP_FIRST  # '<' before letters
    click(Column.FIRST_NAME)
    assert page.model.query.descending
    assert column_texts(page, Column.FIRST_NAME)[:2] == ["Tom22", "Tom16"]  # then Şükrü, as "sukru"
    assert column_texts(page, Column.FIRST_NAME)[4:6] == ["Şükrü", "Sara23"]
    click(Column.TOWN)
    assert column_texts(page, Column.TOWN)[0] == "Bochum"
    click(Column.REGISTERED_ON)
    assert column_texts(page, Column.LAST_NAME)[0] == "Öztürk"  # registered first


def test_scrolling_down_loads_the_next_200(qtbot, services, make_page):
    bulk_insert(services, 450)
    page = make_page()
    assert (page.model.rowCount(), page.model.count()) == (200, 450)
    assert page.status_line.text() == "450 volunteers"

    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 400, timeout=2000)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 450, timeout=2000)
    assert not page.model.canFetchMore(page.model.index(-1, -1))


# -- new, open, archive ---------------------------------------------------------------------------------------------

def test_ctrl_n_opens_an_empty_form_and_shows_the_new_volunteer(qtbot, services, page, form_calls):
    calls, answers = form_calls
    answers.append(lambda service, _id: service.create(person("Neu", "Angelegt"), confirmed_duplicate=True))
    activate(qtbot, page)

    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    assert len(calls) == 1 and calls[0][1] is services.volunteers and calls[0][2] is None
    assert calls[0][0] is page
    assert "Angelegt" in last_names(page)
    assert page.model.row_at(page.table.selectionModel().selectedRows()[0].row()).last_name == "Angelegt"
    assert page.status_line.text().startswith("Neu Angelegt was saved.")
    assert page.status_line.text().endswith("30 of 31 volunteers")


def test_open_shows_the_real_profile_form(monkeypatch, page, people):
    shown = []

    def fake_exec(dialog):
        shown.append((type(dialog).__name__, dialog.parent()))
        return QDialog.DialogCode.Rejected  # closed without saving

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    select_name(page, "Haddad")
    page.open_selected()
    page.new_volunteer()
    assert shown == [("VolunteerDialog", page), ("VolunteerDialog", page)]
    assert page.model.rowCount() == 29


def test_a_cancelled_form_changes_nothing(qtbot, page, form_calls):
    calls, _answers = form_calls
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert len(calls) == 1
    assert page.model.rowCount() == 29 and page.status_line.text() == "29 of 30 volunteers"


def test_enter_opens_the_chosen_volunteer_and_the_row_stays_chosen(qtbot, services, page, people, form_calls):
    calls, answers = form_calls
    target = people["Haddad"]

    def rename(service, volunteer_id):
        return service.update(dataclasses.replace(service.get(volunteer_id), town="Witten", postcode="58452"))

    answers.append(rename)
    select_name(page, "Haddad")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)

    assert calls[0][2] == target.id
    assert selected_id(page) == target.id
    row = page.model.row_of(target.id)
    assert page.model.data(page.model.index(row, Column.TOWN)) == "Witten"


def test_double_click_opens_the_volunteer(qtbot, page, people, form_calls):
    calls, _answers = form_calls
    row = column_texts(page, Column.LAST_NAME).index("Wójcik")
    rect = page.table.visualRect(page.model.index(row, Column.TOWN))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # starts with a press
    assert [call[2] for call in calls] == [people["Wójcik"].id]


def test_open_and_archive_need_a_chosen_row(page):
    page.table.clearSelection()
    assert not page.open_button.isEnabled() and not page.archive_button.isEnabled()
    select_name(page, "Haddad")
    assert page.open_button.isEnabled() and page.archive_button.isEnabled()


def test_a_volunteer_saved_outside_the_filter_is_named_in_the_status_line(page, form_calls):
    _calls, answers = form_calls
    answers.append(lambda service, _id: service.create(person("Neu", "Angelegt"), confirmed_duplicate=True))
    search_now(page, "sukru")
    page.new_volunteer()
    assert last_names(page) == {"Öztürk"}
    assert "the search or the filters leave them out" in page.status_line.text()


@pytest.fixture
def reason_dialog(monkeypatch):
    """Answers the archive question: ``answer["reason"]`` (None = Cancel); records the prompt shown."""
    seen: dict = {"reason": "moved to Hamburg"}

    def fake_exec(dialog):
        labels = [label for label in dialog.findChildren(QLabel) if label.text()]
        seen["prompt"] = labels[0].text()
        seen["format"] = labels[0].textFormat()
        seen["title"] = dialog.windowTitle()
        if seen["reason"] is None:
            return QDialog.DialogCode.Rejected
        dialog.setTextValue(seen["reason"])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QInputDialog, "exec", fake_exec)
    return seen


def test_archive_asks_for_a_reason_and_hides_the_row(qtbot, services, page, people, reason_dialog):
    target = people["Haddad"]
    select_name(page, "Haddad")
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)

    assert "Fatima Haddad" in reason_dialog["prompt"] and target.reference in reason_dialog["prompt"]
    stored = services.volunteers.get(target.id)
    assert stored.status is Status.ARCHIVED
    assert stored.history[-1].reason == "moved to Hamburg"
    assert "Haddad" not in last_names(page)
    assert page.status_line.text() == "Fatima Haddad was archived.  ·  28 of 30 volunteers"
    assert selected_id(page) is not None  # the neighbour is chosen, the keyboard can go on

    choose(page.filters.status, "archived")
    assert last_names(page) == {"Haddad", "Archivarius"}
    select_name(page, "Haddad")
    assert not page.archive_button.isEnabled()


def test_cancelling_the_reason_archives_nothing(qtbot, services, page, people, reason_dialog):
    reason_dialog["reason"] = None
    select_name(page, "Haddad")
    page.archive_selected()
    assert services.volunteers.get(people["Haddad"].id).status is Status.APPLICANT
    assert "Haddad" in last_names(page)


def test_a_name_with_markup_is_shown_as_typed(page, people, reason_dialog):
    search_now(page, "hyperlink")
    assert column_texts(page, Column.FIRST_NAME) == [MARKUP_FIRST]
    assert column_texts(page, Column.LAST_NAME) == [MARKUP_LAST]
    page.table.selectRow(0)
    page.archive_selected()
    assert f"{MARKUP_FIRST} {MARKUP_LAST}" in reason_dialog["prompt"]
    assert reason_dialog["format"] == Qt.TextFormat.PlainText
    assert page.status_line.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP_FIRST in page.status_line.text()


# -- empty states ---------------------------------------------------------------------------------------------------

def test_an_empty_database_says_how_to_begin(make_page):
    page = make_page()
    assert page._empty.isVisible()
    assert page._empty.text() == "No volunteers yet — add the first one or import your list."
    assert page.status_line.text() == "0 volunteers"


def test_a_search_without_results_says_so(page):
    search_now(page, "zzzzz")
    assert page._empty.isVisible() and page._empty.text() == "No volunteer matches the search."
    search_now(page, "")
    assert not page._empty.isVisible()
    choose(page.filters.clearance, ClearanceState.EXPIRED.value)
    choose(page.filters.status, "paused")
    assert page._empty.text() == "No volunteer matches the filters."


# -- keyboard -------------------------------------------------------------------------------------------------------

def test_tab_goes_search_filters_table_buttons(qtbot, page):
    activate(qtbot, page)
    select_name(page, "Haddad")
    page.search.setFocus()
    filters = page.filters
    expected = [filters.status, filters.area, filters.clearance, filters.language, filters.weekday,
                filters.reset_button, page.table, page.new_button, page.open_button, page.archive_button]
    seen = []
    for _step in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected


# -- languages ------------------------------------------------------------------------------------------------------

def test_german_page_from_the_start(german, people, make_page):
    page = make_page()
    header = page.table.horizontalHeader()
    assert page.model.headerData(Column.LAST_NAME, Qt.Orientation.Horizontal) == _("Last name") != "Last name"
    assert header.model() is page.model
    search_now(page, "haddad")
    assert page.model.data(page.model.index(0, Column.LANGUAGES)).startswith("Arabisch (")
    combo = page.filters.language
    assert combo.itemText(combo.findData("ar")) == "Arabisch"
    assert page.filters.weekday.itemText(1) == "Montag"


def test_switching_the_language_keeps_the_filters(qtbot, services, main_window):
    create_list(services.volunteers)
    main_window.show_page("volunteers")
    page = main_window.current_page()
    choose(page.filters.language, "ar")
    choose(page.filters.clearance, ClearanceState.RELEVANT_ENTRY.value)
    choose(page.filters.weekday, "1")
    assert last_names(page) == {"Haddad"}

    main_window._language_chosen("de")

    assert page.filters.language.currentText() == "Arabisch"
    assert page.filters.clearance.currentData() == ClearanceState.RELEVANT_ENTRY.value
    assert page.filters.weekday.currentText() == "Dienstag"
    assert last_names(page) == {"Haddad"}
    assert page.model.data(page.model.index(0, Column.LANGUAGES)).startswith("Arabisch")
    assert page.model.headerData(Column.FIRST_NAME, Qt.Orientation.Horizontal) == _("First name")
    assert page.status_line.text() == ngettext("{shown} of {total} volunteer", "{shown} of {total} volunteers",
                                               30).format(shown="1", total="30")

    main_window._language_chosen("en")
    assert page.filters.language.currentText() == "Arabic"
    assert page.model.data(page.model.index(0, Column.LANGUAGES)).startswith("Arabic")
