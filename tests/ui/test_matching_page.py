"""The Matching page over the real services: pick an open request, see who fits and why, who almost fits and
which rule stops them, assign with Enter, or assign a near miss anyway with a written reason."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from matching_data import make_world
from ui_helpers import type_text

from kommandesk.domain.requests import RequestStatus
from kommandesk.i18n import set_language
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.matching.override_reason import OverrideDialog
from kommandesk.ui.pages.matching_page import MatchingPage


@pytest.fixture
def world(services):
    return make_world(services)


@pytest.fixture
def page(qtbot, services, paths, world):
    page = MatchingPage(services.matching, services.requests, services.volunteers, paths=paths,
                        runner=TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


def listed(page) -> list[str]:
    model = page.requests_model
    return [model.row_at(row).person for row in range(model.rowCount())]


def candidates(page) -> list[str]:
    model = page.candidates_model
    return [model.row_at(row).name for row in range(model.rowCount())]


def near_misses(page) -> list[str]:
    model = page.near_model
    return [model.row_at(row).name for row in range(model.rowCount())]


def choose(page, world, key: str) -> None:
    assert page.select_request(world[key].id)
    assert page.request_id == world[key].id


def test_open_requests_without_a_volunteer_come_first_high_urgency_first_then_the_longest_waiting(page, world):
    assert listed(page) == ["Omid", "Leyla", "Farida"]
    assert page.requests_model.index(0, 2).data().endswith("high")
    assert page.requests_model.index(0, 2).data() != page.requests_model.index(1, 2).data()
    assert page.requests_count.text() == "3 open requests"
    assert page.request_id is None
    assert page.summary.title.text() == "No request chosen"
    assert not page.assign_button.isEnabled() and not page.override_button.isEnabled()


def test_choosing_a_request_shows_it_ranked_candidates_and_why(qtbot, page, world):
    page.requests_table.selectRow(listed(page).index("Farida"))
    assert page.request_id == world["farida"].id
    reference = world["farida"].reference
    assert page.summary.title.text() == f"{reference}: Farida (household of 4)"
    assert page.summary.values["children"].text().startswith("Yes: a valid clearance is needed")
    assert "Dari" in page.summary.values["languages"].text()
    assert page.summary.values["site"].text() == "Heim Nord (contact: Frau Roth)"
    assert "09:00" in page.summary.values["when"].text()

    assert candidates(page) == ["Anna Berg", "Ali Kaya"]
    model = page.candidates_model
    assert model.index(0, 0).data() == "1"
    assert model.index(0, 1).data() == f"Anna Berg ({world['anna'].reference})"
    assert int(model.index(0, 2).data()) > int(model.index(1, 2).data())  # a number, not only a bar
    assert "speaks Dari" in model.index(0, 3).data()
    assert page.candidates_title.text() == "2 volunteers fit every rule."
    # the selected candidate's every part, one line each, in the pane below
    details = page.details.text().splitlines()
    assert details[0].startswith("Anna Berg") and "of 100" in details[0]
    assert len(details) == 1 + 6
    assert any(line.startswith("Language: speaks Dari C1") for line in details)
    page.candidates_table.selectRow(1)
    assert page.details.text().startswith("Ali Kaya")


def test_near_misses_name_the_rule_and_excluded_counts_are_shown(page, world):
    choose(page, world, "farida")
    assert "Clara Wolf" in near_misses(page)
    row = page.near_model.row_of(world["clara"].id)
    assert page.near_model.index(row, 2).data().startswith("clearance expired on")
    assert page.near_model.index(row, 1).data().isdigit()
    assert "1 does not speak a needed language" in page.info.text()
    assert "1 has no valid clearance for the whole period" in page.info.text()


def test_enter_assigns_the_chosen_candidate_in_one_action(qtbot, page, world, services):
    choose(page, world, "farida")
    page.candidates_table.setFocus()
    page.candidates_table.selectRow(0)
    QTest.keyClick(page.candidates_table, Qt.Key.Key_Return)
    made = services.requests.assignments_of_request(world["farida"].id)
    assert [(row.volunteer_id, row.override_rule) for row in made] == [(world["anna"].id, None)]
    assert made[0].score is not None
    assert services.requests.get(world["farida"].id).status is RequestStatus.ASSIGNED
    reference = world["farida"].reference
    assert page.status_line.text() == f"Anna Berg ({world['anna'].reference}) was proposed for {reference}."
    # the lists follow: the request moved behind those still waiting, and stays chosen
    assert listed(page) == ["Omid", "Leyla", "Farida"][:2] + ["Farida"]
    assert page.request_id == world["farida"].id
    assert page.summary.values["assigned"].text() == "Anna Berg"
    assert page.summary.values["assigned"].isVisible()


def test_assigning_without_the_familys_consent_is_refused_with_the_reason(page, world, services, answer_dialogs):
    shown = answer_dialogs(QMessageBox.StandardButton.Ok)
    choose(page, world, "omid")
    assert not page.assign_selected()
    assert shown and "consent" in shown[0]["text"]
    assert services.requests.assignments_of_request(world["omid"].id) == []
    assert page.status_line.text() == ""


def answer_override(monkeypatch, reason: str, record: list):
    def fake_exec(dialog):
        record.append(dialog)
        assert not dialog.ok_button.isEnabled()
        dialog.reason.setPlainText(reason)
        dialog.confirm()
        return dialog.result()

    monkeypatch.setattr(OverrideDialog, "exec", fake_exec)


def test_assign_anyway_records_the_rule_and_the_written_reason(monkeypatch, page, world, services):
    choose(page, world, "farida")
    page.near_table.selectRow(page.near_model.row_of(world["clara"].id))
    assert page.override_button.isEnabled()
    dialogs: list = []
    answer_override(monkeypatch, "Renewed clearance shown on 02.12.", dialogs)
    assert page.assign_anyway()
    assert "clearance expired on" in dialogs[0].intro.text()
    made = services.requests.assignments_of_request(world["farida"].id)
    assert [(row.volunteer_id, row.override_rule, row.override_reason) for row in made] == [
        (world["clara"].id, "clearance", "Renewed clearance shown on 02.12.")]
    assert "Clara Wolf" in page.status_line.text()


def test_the_override_dialog_needs_a_reason_and_shows_what_the_service_refuses(qtbot, page, world, services):
    choose(page, world, "farida")
    clara = page.near_model.row_at(page.near_model.row_of(world["clara"].id))
    dialog = OverrideDialog(services.matching, world["farida"].id, world["farida"].reference, clara, page)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setPlainText("   \n  ")
    assert not dialog.ok_button.isEnabled()
    assert not dialog.confirm()
    assert dialog.field.error.text()  # says what is missing
    type_text(dialog.reason, "Für die Übergabe vereinbart")
    assert dialog.ok_button.isEnabled()
    assert not dialog.field.error.text()
    assert dialog.confirm()
    assert dialog.result() == QDialog.DialogCode.Accepted

    again = OverrideDialog(services.matching, world["farida"].id, world["farida"].reference, clara, page)
    qtbot.addWidget(again)
    again.reason.setPlainText("once more")
    assert not again.confirm()
    assert "already assigned" in again.field.error.text()
    assert again.field.error.isVisibleTo(again)
    assert again.assignment is None
    assert len(services.requests.assignments_of_request(world["farida"].id)) == 1


def test_cancelling_the_override_dialog_assigns_nobody(monkeypatch, page, world, services):
    choose(page, world, "farida")
    page.near_table.selectRow(page.near_model.row_of(world["clara"].id))
    monkeypatch.setattr(OverrideDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert not page.assign_anyway()
    assert services.requests.assignments_of_request(world["farida"].id) == []


def test_select_request_from_outside_and_open_request(qtbot, page, world, services):
    assert page.select_request(world["leyla"].id)
    assert page.candidates_model.rowCount() == 3
    with qtbot.waitSignal(page.request_opened) as opened:
        page.summary.open_button.click()
    assert opened.args == [world["leyla"].id]
    services.requests.change_status(world["leyla"].id, RequestStatus.CANCELLED, "family moved")
    page.refresh()
    assert "Leyla" not in listed(page)
    assert page.request_id is None and page.candidates_model.rowCount() == 0
    assert not page.select_request(world["leyla"].id)
    assert not page.select_request("no-such-request")


def test_search_narrows_the_list_and_keeps_the_chosen_request(qtbot, page, world):
    choose(page, world, "farida")
    type_text(page.search, "ley")
    page.flush_search()
    assert listed(page) == ["Leyla"]
    assert page.requests_count.text() == "1 open request"
    QTest.keyClick(page.search, Qt.Key.Key_Escape)
    assert listed(page) == ["Omid", "Leyla", "Farida"]
    assert page.select_request(world["farida"].id)


def test_refresh_shows_what_was_assigned_elsewhere(page, world, services):
    choose(page, world, "farida")
    services.matching.assign(world["farida"].id, world["ali"].id)
    page.refresh()
    assert page.summary.values["assigned"].text() == "Ali Kaya"
    assert listed(page)[-1] == "Farida"


def test_explanations_follow_a_language_switch(page, world):
    choose(page, world, "farida")
    row = page.near_model.row_of(world["clara"].id)
    english = page.near_model.index(row, 2).data()
    set_language("de")
    page.retranslate()
    german = page.near_model.row_at(page.near_model.row_of(world["clara"].id)).reason
    assert german != english
    assert page.request_id == world["farida"].id and candidates(page) == ["Anna Berg", "Ali Kaya"]


def test_the_main_window_opens_the_page_and_runs_match_all_off_the_gui_thread(qtbot, main_window, services,
                                                                               monkeypatch):
    world = make_world(services)
    seen = {}

    def review(parent, matching, proposal):
        import threading

        seen["thread"] = threading.current_thread() is threading.main_thread()
        seen["rows"] = [(row.request_id, row.volunteer_id) for row in proposal.rows]
        keep = [row for row in proposal.rows if row.request_id != world["omid"].id]
        return matching.apply(keep)

    monkeypatch.setattr("kommandesk.ui.dialogs.matching.match_all.review", review)
    assert main_window.show_page("matching")
    page = main_window.page("matching")
    assert listed(page) == ["Omid", "Leyla", "Farida"]
    page.match_all()
    qtbot.waitUntil(lambda: not page.run.running, timeout=10_000)
    assert seen["thread"] is True  # the review runs on the GUI thread, the proposal was made on a worker
    assert len(seen["rows"]) == 2  # Omid's family has not given consent: not proposed
    assert page.status_line.text() == "2 volunteers were proposed."
    assert listed(page)[0] == "Omid"
    assert {row.request_id for row in services.requests.assignments_of_volunteer(world["anna"].id)} | \
        {row.request_id for row in services.requests.assignments_of_volunteer(world["clara"].id)} | \
        {row.request_id for row in services.requests.assignments_of_volunteer(world["ali"].id)} == \
        {world["leyla"].id, world["farida"].id}



def test_keyboard_all_the_way_search_list_candidates_assign(qtbot, page, world, services):
    from ui_helpers import activate

    activate(qtbot, page)
    QTest.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    type_text(page.search, "farida")
    QTest.keyClick(page.search, Qt.Key.Key_Down)
    assert page.requests_table.hasFocus() and page.request_id == world["farida"].id
    QTest.keyClick(page.requests_table, Qt.Key.Key_Return)
    assert page.candidates_table.hasFocus()
    QTest.keyClick(page.candidates_table, Qt.Key.Key_Down)
    assert page.details.text().startswith("Ali Kaya")
    QTest.keyClick(page.candidates_table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert [row.volunteer_id for row in services.requests.assignments_of_request(world["farida"].id)] == [
        world["ali"].id]


def test_an_unknown_postcode_is_said_not_failed(page, world, services):
    import dataclasses

    req = services.requests.get(world["leyla"].id)
    services.requests.update(dataclasses.replace(req, postcode="99999"))
    choose(page, world, "leyla")
    assert "99999" in page.info.text()
    assert page.candidates_model.rowCount() == 3


def test_the_volunteers_are_read_on_a_worker_thread_and_the_chosen_request_is_ranked_then(qtbot, services, paths,
                                                                                         world):
    """Reading every profile takes long with many volunteers: the page does it off the GUI thread when shown,
    says so, and ranks when it is done; after a profile changes it reads them again the same way."""
    runner = TaskRunner()
    page = MatchingPage(services.matching, services.requests, services.volunteers, paths=paths, runner=runner)
    qtbot.addWidget(page)
    page.show()
    assert services.matching.needs_reading()
    page.refresh()
    assert page.warm_up.busy
    page.select_request(world["farida"].id)
    if page.warm_up.busy:  # still reading: nothing ranked yet, and the page says why
        assert candidates(page) == [] and page.status_line.text() == "Reading the volunteers…"
    qtbot.waitUntil(lambda: not page.warm_up.busy, timeout=10_000)
    assert candidates(page) == ["Anna Berg", "Ali Kaya"]
    assert page.status_line.text() == ""
    assert not services.matching.needs_reading()

    services.volunteers.update(dataclasses.replace(world["anna"], notes="new phone number"))
    page.refresh()
    assert page.warm_up.busy
    qtbot.waitUntil(lambda: not page.warm_up.busy, timeout=10_000)
    assert candidates(page) == ["Anna Berg", "Ali Kaya"] and not services.matching.needs_reading()
    runner.wait()
