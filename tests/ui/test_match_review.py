"""The review of a "match all open requests" run: every proposed row checked at first; accept all, some or
none; all or nothing in the database; the requests nobody can serve with the reason; the run's figures."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from matching_data import make_world

from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import RequestConsent
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.matching.match_review import ReviewDialog
from kommandesk.ui.models.proposal_model import ProposalColumn
from kommandesk.ui.pages.matching_page import MatchingPage


@pytest.fixture
def world(services):
    world = make_world(services)
    reqs = services.requests
    consent = RequestConsent(reqs.today(), "contact via the site")
    # nobody speaks Ukrainian: this one stays unserved
    world["olena"] = reqs.create(dataclasses.replace(reqs.new(), person="Olena", area_id=world["farida"].area_id,
                                                     languages=(LanguageSkill("uk", Level.B1),), consent=consent,
                                                     received_on=reqs.today()))
    return world


def dialog_for(qtbot, services, proposal) -> ReviewDialog:
    dialog = ReviewDialog(services.matching, proposal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def all_assignments(services, world) -> set[tuple[str, str]]:
    return {(row.request_id, row.volunteer_id) for key in ("anna", "ali", "clara", "dieter")
            for row in services.requests.assignments_of_volunteer(world[key].id)}


def untick(dialog, request_id: str) -> None:
    model = dialog.model
    row = next(n for n in range(model.rowCount()) if model.row_at(n).request_id == request_id)
    assert model.setData(model.index(row, ProposalColumn.REQUEST), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)


def test_every_proposed_row_is_shown_checked_with_why_and_the_unserved_with_the_reason(qtbot, services, world):
    proposal = services.matching.propose_all()
    dialog = dialog_for(qtbot, services, proposal)
    model = dialog.model
    assert model.rowCount() == 2
    assert all(model.index(row, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
               for row in range(2))
    first = model.row_at(0)
    assert model.index(0, ProposalColumn.REQUEST).data() == f"{first.request_reference} – {first.person}"
    assert model.index(0, ProposalColumn.VOLUNTEER).data().startswith(first.volunteer_name)
    assert model.index(0, ProposalColumn.SCORE).data().isdigit()
    assert "Dari" in model.index(0, ProposalColumn.WHY).data()
    assert dialog.assign_button.text() == "Assign 2 selected"
    unserved = dialog.unserved_model
    assert unserved.rowCount() == 2
    assert unserved.index(0, 0).data().endswith("Olena")
    assert "speaks a needed language" in unserved.index(0, 2).data()
    assert unserved.index(1, 0).data().endswith("Omid")  # no consent: nothing may be passed on yet
    assert "No consent of the family is recorded" in unserved.index(1, 2).data()
    footer = dialog.footer.text()
    assert "serves 2 of 4 open requests (high urgency: 0 of 1)" in footer
    assert f"would serve {proposal.greedy_served}" in footer
    assert "the solver itself" in footer


def test_assigning_some_records_only_the_checked_rows(qtbot, services, world):
    dialog = dialog_for(qtbot, services, services.matching.propose_all())
    untick(dialog, world["leyla"].id)
    assert dialog.assign_button.text() == "Assign 1 selected"
    assert dialog.assign_selected()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [(a.request_id) for a in dialog.assignments] == [world["farida"].id]
    assert {request for request, _vol in all_assignments(services, world)} == {world["farida"].id}


def test_a_refused_row_assigns_nothing_and_keeps_the_dialog_open(qtbot, services, world):
    dialog = dialog_for(qtbot, services, services.matching.propose_all())
    taken = dialog.model.row_at(0)  # meanwhile assigned elsewhere (another window, the Requests page)
    services.requests.assign(taken.request_id, taken.volunteer_id)
    assert not dialog.assign_selected()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text().startswith("Nothing was assigned:") and "already" in dialog.error.text()
    assert all_assignments(services, world) == {(taken.request_id, taken.volunteer_id)}
    untick(dialog, taken.request_id)
    assert dialog.assign_selected()
    assert {request for request, _vol in all_assignments(services, world)} == {world["farida"].id,
                                                                               world["leyla"].id}


def test_select_none_disables_assigning_and_cancel_records_nothing(qtbot, services, world):
    dialog = dialog_for(qtbot, services, services.matching.propose_all())
    dialog.check_none.click()
    assert dialog.model.checked_rows() == []
    assert not dialog.assign_button.isEnabled()
    assert not dialog.assign_selected()
    dialog.check_all.click()
    assert len(dialog.model.checked_rows()) == 2
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.assignments is None
    assert all_assignments(services, world) == set()


@pytest.fixture
def page(qtbot, services, paths, world):
    page = MatchingPage(services.matching, services.requests, services.volunteers, paths=paths,
                        runner=TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def test_match_all_from_the_page_shows_the_proposal_and_then_the_new_state(monkeypatch, page, services, world):
    shown = []

    def fake_exec(dialog):
        shown.append(dialog.model.rowCount())
        dialog.assign_selected()
        return dialog.result()

    monkeypatch.setattr(ReviewDialog, "exec", fake_exec)
    page.match_all_button.click()
    assert shown == [2]  # Omid's family has not given consent: not proposed
    assert page.status_line.text() == "2 volunteers were proposed."
    persons = [page.requests_model.row_at(n).person for n in range(page.requests_model.rowCount())]
    assert persons[:2] == ["Omid", "Olena"]  # still waiting: first


def test_cancelling_the_review_says_nothing_was_assigned(monkeypatch, page, services, world):
    monkeypatch.setattr(ReviewDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    page.match_all()
    assert page.status_line.text() == "Nothing was assigned."
    assert all_assignments(services, world) == set()
    assert page.match_all_button.isEnabled()


def test_cancelling_the_run_stops_it_and_assigns_nothing(monkeypatch, page, services, world):
    real = services.matching.propose_all

    def propose_all(progress=None, cancelled=None, paths=None):
        page.run.dialog.canceled.emit()  # the user presses Cancel in the progress dialog while the run works
        return real(progress=progress, cancelled=cancelled, paths=paths)

    monkeypatch.setattr(services.matching, "propose_all", propose_all)
    monkeypatch.setattr(ReviewDialog, "exec", lambda dialog: pytest.fail("no review after a cancelled run"))
    page.match_all()
    assert page.status_line.text() == "The run was cancelled; nothing was assigned."
    assert all_assignments(services, world) == set()
    assert not page.run.running


def test_a_failing_run_says_so_in_plain_words(monkeypatch, page, services):
    from kommandesk.domain.errors import StorageError

    def propose_all(**_kwargs):
        raise StorageError("The database is locked.")

    monkeypatch.setattr(services.matching, "propose_all", propose_all)
    page.match_all()
    assert page.status_line.text() == "The run failed: The database is locked."
    assert not page.run.running
