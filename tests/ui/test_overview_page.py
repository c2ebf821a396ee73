"""The Overview page: count tiles and the to-do list grouped by kind with totals; activating an item (double-click,
Enter) emits the record's id, and in the main window opens the volunteer's form, the request's form or the course;
the page reads again while shown when the database or the day changes (the poll timer, driven here), not while
hidden; nothing to do says so."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from kommandesk.domain.overview import TodoKind as K
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from kommandesk.services.overview import OverviewService
from kommandesk.ui.pages.overview import POLL_MS, OverviewPage
from request_data import TODAY, make_request
from training_data import course, session

CONSENT = Consent(TODAY, frozenset({ConsentPurpose.CONTACT}), "2025-02")


def volunteer(services, first, last, **values):
    return services.volunteers.create(Volunteer(first_name=first, last_name=last, **values), confirmed_duplicate=True)


@pytest.fixture
def data(services):
    """An active volunteer; an applicant without consent; a request waiting 10 days; a request without consent;
    a course with a session in three days and free places."""
    return {
        "active": volunteer(services, "Anna", "Berg", status=Status.ACTIVE, consent=CONSENT),
        "applicant": volunteer(services, "Amir", "Antrag"),
        "waiting": make_request(services, person="Dana", received_on=TODAY - dt.timedelta(days=10)),
        "no_consent": make_request(services, person="Gul", consent=None),
        "course": (made := course(services, title="Erste Hilfe", capacity=3)),
        "session": session(services, made.id),
    }


@pytest.fixture
def make_page(qtbot, services):
    def make(overview=None) -> OverviewPage:
        page = OverviewPage(overview or services.overview, services.organisation, services.store)
        qtbot.addWidget(page)
        page.resize(1100, 720)
        page.show()
        qtbot.waitExposed(page)
        return page

    return make


def tile(page, key) -> tuple[str, str]:
    return page.tiles[key].number.text(), page.tiles[key].caption.text()


def double_click(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    centre = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a real double-click starts with
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a click


def todo_item(page, kind, target_id):
    todo = next(todo for todo in page.overview.items[kind] if todo.target_id == target_id)
    return page.todo.item_of(todo)


def test_the_page_shows_the_counts_and_the_to_do_list(make_page, data):
    page = make_page()
    assert tile(page, "active_volunteers") == ("1", "Active volunteer")
    assert tile(page, "open_requests") == ("2", "Requests still open")
    assert tile(page, "waiting_requests") == ("1", "Requests waiting longer than 7 days for a volunteer")
    assert tile(page, "active_assignments") == ("0", "Active assignments")
    assert tile(page, "trainings_this_month")[1] in ("Course with sessions this month",
                                                     "Courses with sessions this month")
    assert page.todo.headings() == ["Consents missing (2)", "Requests waiting for a volunteer (1)",
                                    "Sessions in the next 7 days with free places or a waiting list (1)"]
    consents = page.todo.lines_under(K.CONSENT)  # both since today: by title
    assert consents[0][0] == f"{data['no_consent'].reference} – Gul"
    assert consents[0][1].startswith("No consent recorded for this request (received on")
    assert consents[1][0] == f"Antrag, Amir ({data['applicant'].reference})"
    assert consents[1][1].startswith("No consent recorded (registered on")
    assert page.todo.lines_under(K.SESSION)[0][0] == f"Erste Hilfe ({data['course'].reference})"
    assert page.findChild(type(page.todo), "overview_todo").isVisible()
    assert not page.findChild(type(page._nothing), "overview_nothing_to_do").isVisible()
    assert page._todo_heading.text() == "To do: 4 items"


def test_a_new_database_shows_zeros_the_set_up_hint_and_nothing_to_do(make_page):
    page = make_page()
    assert all(page.tiles[key].number.text() == "0" for key in page.tiles)
    assert not page.todo.isVisible() and page._nothing.isVisible()
    assert page._nothing.text().startswith("Nothing to do today")
    assert page._setup_button.isVisible() and page._welcome.text() == "Welcome to KommanDesk."


def test_more_than_are_listed_are_counted_on_a_line_of_their_own(make_page, data, monkeypatch):
    monkeypatch.setattr("kommandesk.services.overview.ITEMS_SHOWN", 1)
    page = make_page()
    assert page.todo.headings()[0] == "Consents missing (2)"
    lines = page.todo.lines_under(K.CONSENT)
    assert len(lines) == 2 and lines[1][0] == "… and 1 more, not listed here."
    more = page.todo.topLevelItem(0).child(1)
    assert more.isDisabled()
    page.todo.setCurrentItem(more)
    QTest.keyClick(page.todo, Qt.Key.Key_Return)  # nothing to open


def test_double_click_and_enter_emit_the_record_s_id(qtbot, make_page, data):
    page = make_page()
    opened = []
    page.volunteer_opened.connect(lambda vid: opened.append(("volunteer", vid)))
    page.request_opened.connect(lambda rid: opened.append(("request", rid)))
    page.course_opened.connect(lambda cid: opened.append(("course", cid)))
    tree = page.todo

    item = todo_item(page, K.CONSENT, data["applicant"].id)
    double_click(qtbot, tree, item)
    tree.setFocus()
    tree.setCurrentItem(todo_item(page, K.UNMATCHED, data["waiting"].id))
    QTest.keyClick(tree, Qt.Key.Key_Return)
    tree.setCurrentItem(todo_item(page, K.SESSION, data["course"].id))
    QTest.keyClick(tree, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)

    assert opened == [("volunteer", data["applicant"].id), ("request", data["waiting"].id),
                      ("course", data["course"].id)]


def test_the_list_is_reached_and_walked_with_the_keyboard(qtbot, make_page, data):
    page = make_page()
    opened = []
    page.volunteer_opened.connect(opened.append)
    page.todo.setFocus()
    assert page.todo.current_todo().target_id == data["no_consent"].id  # the first item is chosen
    QTest.keyClick(page.todo, Qt.Key.Key_Down)
    assert page.todo.current_todo().target_id == data["applicant"].id
    QTest.keyClick(page.todo, Qt.Key.Key_Return)
    assert opened == [data["applicant"].id]
    heading = page.todo.topLevelItem(0)
    page.todo.setCurrentItem(heading)
    QTest.keyClick(page.todo, Qt.Key.Key_Return)  # Enter on a heading folds it ...
    assert not heading.isExpanded()
    page.refresh()
    assert not page.todo.topLevelItem(0).isExpanded()  # ... and it stays folded when the list is filled again


def test_data_written_while_shown_appears_when_the_timer_fires(qtbot, make_page, services, data):
    page = make_page()
    timer = page._timer
    assert timer.isActive() and timer.interval() == POLL_MS == 2000
    assert page.todo.headings()[0] == "Consents missing (2)"

    volunteer(services, "Nora", "Ohne", status=Status.PAUSED)  # through a service, as another page would
    assert page.todo.headings()[0] == "Consents missing (2)"  # not yet
    timer.timeout.emit()

    assert page.todo.headings()[0] == "Consents missing (3)"
    assert "Ohne, Nora" in page.todo.lines_under(K.CONSENT)[2][0]


def test_nothing_is_read_again_while_nothing_changed_or_while_hidden(make_page, services, data, monkeypatch):
    page = make_page()
    builds = []
    real = services.overview.build
    monkeypatch.setattr(services.overview, "build", lambda *a, **k: builds.append(1) or real(*a, **k))
    page._timer.timeout.emit()
    assert builds == []
    page.hide()
    assert not page._timer.isActive()
    volunteer(services, "Nora", "Ohne", status=Status.PAUSED)
    page.show()  # shown again: read at once, and polled again
    assert builds == [1] and page._timer.isActive()
    assert page.todo.headings()[0] == "Consents missing (3)"


def test_a_new_day_reads_again(make_page, services, data):
    day = {"today": TODAY}
    page = make_page(OverviewService(services.store, services.organisation, today=lambda: day["today"]))
    assert page.todo.headings()[1] == "Requests waiting for a volunteer (1)"
    day["today"] = TODAY + dt.timedelta(days=30)  # the request without consent now waits too
    page._timer.timeout.emit()
    assert page.overview.today == day["today"]
    assert page.todo.headings()[1] == "Requests waiting for a volunteer (2)"


def test_the_texts_follow_a_language_switch(make_page, data):
    from kommandesk.i18n import set_language

    page = make_page()
    set_language("de")
    page.retranslate()
    assert page._headline.text() == "Übersicht"
    assert page.tiles["active_volunteers"].number.text() == "1"
    assert page.todo.lines_under(K.CONSENT)[0][1].endswith(f"{TODAY:%d.%m.%Y}).")


# -- through the main window --------------------------------------------------------------------------------------

@pytest.fixture
def dialogs(monkeypatch):
    """Every modal form is recorded (its type and record) and closed without saving."""
    shown = []

    def fake_exec(dialog):
        shown.append((type(dialog).__name__, getattr(dialog, "_record", None)))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return shown


def overview_of(window):
    window.show_page("overview")
    page = window.overview
    page.refresh()
    return page


def test_a_volunteer_item_opens_the_profile_form_over_the_volunteers_page(main_window, data, dialogs):
    page = overview_of(main_window)
    volunteers = main_window.page("volunteers")
    volunteers.search.setText("nobody like this")  # the list hides the volunteer: the form opens all the same
    volunteers.flush_search()
    page.open_item(next(item for item in page.overview.items[K.CONSENT] if item.target_id == data["applicant"].id))
    assert main_window.current_page().key == "volunteers"
    assert [(name, record.id) for name, record in dialogs] == [("VolunteerDialog", data["applicant"].id)]


def test_a_request_item_opens_the_request_form_with_the_request_chosen(qtbot, main_window, data, dialogs):
    page = overview_of(main_window)
    tree = page.todo
    tree.setFocus()
    tree.setCurrentItem(todo_item(page, K.UNMATCHED, data["waiting"].id))
    QTest.keyClick(tree, Qt.Key.Key_Return)
    requests = main_window.current_page()
    assert requests.key == "requests"
    assert [(name, record.id) for name, record in dialogs] == [("RequestDialog", data["waiting"].id)]
    assert requests._selected_id() == data["waiting"].id


def test_a_course_item_opens_the_course(qtbot, main_window, data, dialogs):
    page = overview_of(main_window)
    item = todo_item(page, K.SESSION, data["course"].id)
    double_click(qtbot, page.todo, item)
    trainings = main_window.current_page()
    assert trainings.key == "trainings"
    assert trainings.stack.currentWidget() is trainings.detail and trainings.detail.course.id == data["course"].id
    assert dialogs == []
