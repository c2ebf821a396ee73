"""Assignments through the request service: what is refused (with nothing half-saved), the request kept in step
with its assignments (and each step in its history), notes and follow-ups, and the hours logged."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kommandesk.domain.assignments import AssignmentStatus as A
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import RequestConsent, RequestStatus as R, SupportRequest
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from kommandesk.services.requests import RequestQuery, RequestService
from kommandesk.services.volunteers import VolunteerService

TODAY = dt.date(2026, 3, 16)
CONSENT = Consent(dt.date(2026, 1, 2), frozenset({ConsentPurpose.CONTACT}), "2025-02")


class Clock:
    def __init__(self):
        self.day = TODAY

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def volunteers(services, clock) -> VolunteerService:
    return VolunteerService(services.store, services.organisation, today=clock)


@pytest.fixture
def service(services, volunteers, clock) -> RequestService:
    return RequestService(services.store, volunteers, today=clock)


@pytest.fixture
def people(volunteers) -> list[Volunteer]:
    return [volunteers.create(Volunteer(first_name=first, last_name=last, registered_on=dt.date(2026, 1, 2),
                                        status=Status.ACTIVE, consent=CONSENT))
            for first, last in (("Anna", "Berg"), ("Ali", "Kaya"), ("Jörg", "Müller"))]


@pytest.fixture
def make(service, volunteers):
    area = volunteers.areas()[0].id

    def create(person: str = "Zahra", **changes) -> SupportRequest:
        return service.create(dataclasses.replace(SupportRequest(
            person=person, site="ZUE Bielefeld", area_id=area, languages=(LanguageSkill("prs", Level.B1),),
            consent=RequestConsent(TODAY, "Weitergabe"), received_on=TODAY), **changes))
    return create


def statuses(service, request_id) -> list[tuple[R, str]]:
    return [(change.status, change.reason) for change in service.get(request_id).history]


# --- assigning --------------------------------------------------------------------------------------------------

def test_assigning_proposes_the_volunteer_and_the_request_becomes_assigned(service, make, people):
    req = make()
    assignment = service.assign(req.id, people[0].id, score=81.234)
    assert (assignment.status, assignment.proposed_on, assignment.score) == (A.PROPOSED, TODAY, 81.23)
    assert [c.status for c in assignment.history] == [A.PROPOSED]
    assert statuses(service, req.id) == [(R.NEW, ""), (R.ASSIGNED, "Volunteer V-2026-0001 proposed.")]
    service.assign(req.id, people[1].id)  # a second volunteer: the request stays assigned
    assert service.get(req.id).status is R.ASSIGNED and len(service.get(req.id).history) == 2
    assert service.page(RequestQuery(), 0, 10)[0].volunteers == "Anna Berg, Ali Kaya"
    rows = service.assignments_of_request(req.id)
    assert [(r.volunteer_name, r.volunteer_reference, r.request_reference, r.person, r.minutes) for r in rows] == [
        ("Anna Berg", "V-2026-0001", "A-2026-0001", "Zahra", 0), ("Ali Kaya", "V-2026-0002", "A-2026-0001", "Zahra", 0)]
    assert [r.request_id for r in service.assignments_of_volunteer(people[0].id)] == [req.id]
    assert service.get_assignment(assignment.id) == assignment


def nothing_assigned(service, req) -> bool:
    return service.assignments_of_request(req.id) == [] and service.get(req.id).status is req.status


def test_the_same_volunteer_twice_is_refused(service, make, people):
    req = make()
    service.assign(req.id, people[0].id)
    before = service.get(req.id)
    with pytest.raises(KommanDeskError, match="Anna Berg \\(V-2026-0001\\) is already assigned to the request "
                                              "A-2026-0001"):
        service.assign(req.id, people[0].id)
    assert len(service.assignments_of_request(req.id)) == 1 and service.get(req.id) == before


def test_after_a_decline_the_same_volunteer_may_be_asked_again(service, make, people):
    req = make()
    first = service.assign(req.id, people[0].id)
    service.change_assignment_status(first.id, A.DECLINED)
    again = service.assign(req.id, people[0].id)
    assert again.id != first.id and service.get(req.id).status is R.ASSIGNED


@pytest.mark.parametrize("closing", [R.CANCELLED, R.COMPLETED])
def test_a_closed_request_takes_no_volunteer(service, make, people, closing):
    req = make()
    if closing is R.COMPLETED:
        service.change_status(req.id, R.ASSIGNED)
    req = service.change_status(req.id, closing)
    with pytest.raises(KommanDeskError, match=f"The request A-2026-0001 is {closing.value}: volunteers can only"):
        service.assign(req.id, people[0].id)
    assert nothing_assigned(service, req)


def test_unknown_request_or_volunteer_is_refused(service, make, people):
    req = make()
    with pytest.raises(KommanDeskError, match="request does not exist"):
        service.assign("no-such-request", people[0].id)
    with pytest.raises(KommanDeskError, match="volunteer does not exist"):
        service.assign(req.id, "no-such-volunteer")
    assert nothing_assigned(service, req)


def test_no_consent_no_assignment(service, make, people):
    req = make(consent=None)
    with pytest.raises(KommanDeskError) as caught:
        service.assign(req.id, people[0].id)
    assert caught.value.message == "Record the family's consent before passing the request to a volunteer."
    assert nothing_assigned(service, req)


def test_overriding_a_rule_needs_a_written_reason_which_is_kept(service, make, people):
    req = make()
    with pytest.raises(ValidationError) as caught:
        service.assign(req.id, people[0].id, override_rule="clearance", override_reason=" \n ")
    assert "Write why" in caught.value.errors["override_reason"]
    with pytest.raises(ValidationError) as caught:
        service.assign(req.id, people[0].id, override_rule="clearance", override_reason="x" * 1001)
    assert "At most 1000" in caught.value.errors["override_reason"]
    assert nothing_assigned(service, req)
    kept = service.assign(req.id, people[0].id, override_rule="clearance",
                          override_reason=" Führungszeugnis beantragt, Termin ohne Kinder ")
    assert (kept.override_rule, kept.override_reason) == ("clearance", "Führungszeugnis beantragt, Termin ohne Kinder")
    row = service.assignments_of_request(req.id)[0]
    assert (row.override_rule, row.override_reason) == ("clearance", kept.override_reason)


def test_assign_many_is_all_or_nothing(service, make, people):
    first, second, third = make("Zahra"), make("Olena"), make("Amir", consent=None)
    with pytest.raises(KommanDeskError, match="consent"):
        service.assign_many([(first.id, people[0].id, 90.0), (second.id, people[1].id, 80.0),
                             (third.id, people[2].id, 70.0)])
    assert all(nothing_assigned(service, req) for req in (first, second, third))
    with pytest.raises(KommanDeskError, match="already assigned"):
        service.assign_many([(first.id, people[0].id, 90.0), (first.id, people[0].id, 90.0)])
    assert nothing_assigned(service, first)
    made = service.assign_many([(first.id, people[0].id, 90.0), (second.id, people[1].id, None),
                                (second.id, people[2].id, 60.5)])
    assert [(a.request_id, a.volunteer_id, a.score) for a in made] == [
        (first.id, people[0].id, 90.0), (second.id, people[1].id, None), (second.id, people[2].id, 60.5)]
    assert service.get(first.id).status is service.get(second.id).status is R.ASSIGNED
    assert service.assign_many([]) == []


# --- the lifecycle keeps the request in step --------------------------------------------------------------------

def test_active_then_completed_moves_the_request_along(service, make, people, clock):
    req = make()
    a = service.assign(req.id, people[0].id)
    service.change_assignment_status(a.id, A.CONTACTED)
    service.change_assignment_status(a.id, A.ACCEPTED, "am Telefon")
    clock.day = TODAY + dt.timedelta(days=2)
    active = service.change_assignment_status(a.id, A.ACTIVE)
    assert active.started_on == clock.day and service.get(req.id).status is R.ACTIVE
    clock.day = TODAY + dt.timedelta(days=20)
    done = service.change_assignment_status(a.id, A.COMPLETED)
    assert done.ended_on == clock.day
    assert [c.status for c in done.history] == [A.PROPOSED, A.CONTACTED, A.ACCEPTED, A.ACTIVE, A.COMPLETED]
    assert done.history[2].reason == "am Telefon"
    assert statuses(service, req.id) == [
        (R.NEW, ""), (R.ASSIGNED, "Volunteer V-2026-0001 proposed."), (R.ACTIVE, "Volunteer V-2026-0001 started."),
        (R.COMPLETED, "Volunteer V-2026-0001 completed the help.")]
    assert service.get(req.id).history[-1].on == clock.day
    service.change_assignment_status(a.id, A.ACTIVE)  # reopened: the request is active again
    assert service.get(req.id).status is R.ACTIVE


def test_the_last_open_assignment_declined_sends_the_request_back_to_matching(service, make, people):
    req = make()
    anna = service.assign(req.id, people[0].id)
    ali = service.assign(req.id, people[1].id)
    service.change_assignment_status(anna.id, A.DECLINED, "keine Zeit")
    assert service.get(req.id).status is R.ASSIGNED  # Ali is still asked
    assert service.page(RequestQuery(), 0, 1)[0].volunteers == "Ali Kaya"
    service.change_assignment_status(ali.id, A.CANCELLED)
    assert statuses(service, req.id)[-1] == (R.MATCHING, "The assignment of volunteer V-2026-0002 was cancelled.")
    assert service.get_assignment(anna.id).history[-1].reason == "keine Zeit"
    again = make("Olena")
    only = service.assign(again.id, people[0].id)
    service.change_assignment_status(only.id, A.DECLINED)
    assert statuses(service, again.id)[-1] == (R.MATCHING, "Volunteer V-2026-0001 declined.")


def test_one_completed_while_another_is_active_keeps_the_request_active(service, make, people):
    req = make()
    first, second = service.assign(req.id, people[0].id), service.assign(req.id, people[1].id)
    for a in (first, second):
        service.change_assignment_status(a.id, A.ACCEPTED)
        service.change_assignment_status(a.id, A.ACTIVE)
    service.change_assignment_status(first.id, A.COMPLETED)
    assert service.get(req.id).status is R.ACTIVE
    service.change_assignment_status(second.id, A.COMPLETED)
    assert service.get(req.id).status is R.COMPLETED


def test_a_step_the_assignment_lifecycle_refuses_changes_nothing(service, make, people):
    req = make()
    a = service.assign(req.id, people[0].id)
    with pytest.raises(ValidationError, match="cannot go from proposed to active"):
        service.change_assignment_status(a.id, A.ACTIVE)
    assert service.get_assignment(a.id).status is A.PROPOSED and service.get(req.id).status is R.ASSIGNED
    assert service.change_assignment_status(a.id, A.PROPOSED) == service.get_assignment(a.id)
    with pytest.raises(KommanDeskError, match="assignment does not exist"):
        service.change_assignment_status("nope", A.ACCEPTED)


def test_cancelling_the_request_cancels_its_open_assignments(service, make, people):
    req = make()
    a, b = service.assign(req.id, people[0].id), service.assign(req.id, people[1].id)
    service.change_assignment_status(b.id, A.DECLINED)
    service.change_status(req.id, R.CANCELLED, "Familie umgezogen")
    cancelled = service.get_assignment(a.id)
    assert cancelled.status is A.CANCELLED and cancelled.history[-1].reason == "The request A-2026-0001 was cancelled."
    assert service.get_assignment(b.id).status is A.DECLINED
    assert service.get(req.id).status is R.CANCELLED  # not sent back to matching by its own step


def test_a_finished_assignment_of_a_cancelled_request_is_not_reopened(service, make, people):
    req = make()
    a = service.assign(req.id, people[0].id)
    for status in (A.ACCEPTED, A.ACTIVE, A.COMPLETED):
        service.change_assignment_status(a.id, status)
    service.change_status(req.id, R.ACTIVE, "doch noch ein Termin")
    service.change_status(req.id, R.CANCELLED)
    assert service.get_assignment(a.id).status is A.COMPLETED  # finished work stays finished
    with pytest.raises(KommanDeskError, match="The request A-2026-0001 is cancelled: reopen it first"):
        service.change_assignment_status(a.id, A.ACTIVE)
    assert service.get_assignment(a.id).status is A.COMPLETED


def test_completing_the_request_completes_active_and_cancels_waiting_assignments(service, make, people):
    req = make()
    a, b = service.assign(req.id, people[0].id), service.assign(req.id, people[1].id)
    service.change_assignment_status(a.id, A.ACCEPTED)
    service.change_assignment_status(a.id, A.ACTIVE)
    service.update(dataclasses.replace(service.get(req.id), status=R.COMPLETED))  # from the form
    assert service.get_assignment(a.id).status is A.COMPLETED and service.get_assignment(b.id).status is A.CANCELLED
    assert service.get(req.id).status is R.COMPLETED
    assert service.page(RequestQuery(), 0, 1)[0].volunteers == ""


# --- notes, follow-up, hours ------------------------------------------------------------------------------------

def test_notes_and_follow_up(service, make, people):
    a = service.assign(make().id, people[0].id)
    changed = service.update_assignment(a.id, notes="  Ruft Freitag an\nnach 17 Uhr ", follow_up_on=TODAY)
    assert (changed.notes, changed.follow_up_on) == ("Ruft Freitag an\nnach 17 Uhr", TODAY)
    with pytest.raises(ValidationError) as caught:
        service.update_assignment(a.id, notes="x" * 5001, follow_up_on=None)
    assert "At most 5000" in caught.value.errors["notes"]
    assert service.get_assignment(a.id).notes == "Ruft Freitag an\nnach 17 Uhr"
    assert service.update_assignment(a.id, notes="", follow_up_on=None).follow_up_on is None


def test_hours_are_logged_checked_listed_and_summed(service, make, people, clock):
    req, other = make(), make("Olena")
    a, b = service.assign(req.id, people[0].id), service.assign(other.id, people[0].id)
    clock.day = TODAY + dt.timedelta(days=10)
    late = service.log_hours(a.id, TODAY + dt.timedelta(days=8), 90, "  Begleitung ")
    early = service.log_hours(a.id, TODAY, 30)
    service.log_hours(b.id, TODAY + dt.timedelta(days=1), 120)
    assert late.id and late.activity == "Begleitung" and late.assignment_id == a.id
    assert [(e.day, e.minutes) for e in service.hours_of(a.id)] == [(TODAY, 30), (TODAY + dt.timedelta(days=8), 90)]
    assert service.total_minutes(people[0].id) == 240 and service.total_minutes(people[1].id) == 0
    assert {r.id: r.minutes for r in service.assignments_of_volunteer(people[0].id)} == {a.id: 120, b.id: 120}
    service.delete_hours(early.id)
    assert service.total_minutes(people[0].id) == 210
    with pytest.raises(KommanDeskError, match="do not exist"):
        service.delete_hours(early.id)


@pytest.mark.parametrize("day_offset,minutes,activity,field,message", [
    (11, 60, "", "day", "future"),
    (-1, 60, "", "day", "before the volunteer was proposed"),
    (0, 0, "", "minutes", "more than 0"),
    (0, 24 * 60 + 1, "", "minutes", "at most 24 hours"),
    (0, 60, "x" * 201, "activity", "At most 200"),
])
def test_bad_hours_are_refused_and_nothing_is_logged(service, make, people, clock, day_offset, minutes, activity,
                                                      field, message):
    a = service.assign(make().id, people[0].id)
    clock.day = TODAY + dt.timedelta(days=10)
    with pytest.raises(ValidationError) as caught:
        service.log_hours(a.id, TODAY + dt.timedelta(days=day_offset), minutes, activity)
    assert message in caught.value.errors[field]
    assert service.hours_of(a.id) == [] and service.total_minutes(people[0].id) == 0


def test_hours_for_an_unknown_assignment_are_refused(service):
    with pytest.raises(KommanDeskError, match="assignment does not exist"):
        service.log_hours("nope", TODAY, 60)
