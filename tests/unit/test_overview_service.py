"""The Overview over a hand-made dataset: every count and every kind of to-do, worked out by hand (below), with the
boundaries of each rule; the first ITEMS_SHOWN of a long list with the total; an empty database; and the store's
change stamp the page polls.

The dataset (TODAY is Monday 16 March 2026; the organisation: clearances valid 5 years, "expiring" 60 days before,
requests waiting after 7 days):

Volunteers (active unless said; all with consent unless said)
  Abel, Erik           clearance issued 10.03.2021: expired on 10.03.2026                 -> clearance (expired)
  Today, Tara          clearance issued 16.03.2021: expires on 16.03.2026 = today         -> clearance (expired)
  Sechzig, Sara        clearance issued 15.05.2021: expires on day 60                     -> clearance (expiring)
  Einundsechzig, Sven  clearance issued 16.05.2021: expires on day 61                     -  valid
  Hausaufgaben, Hanna  area homework, no clearance                                        -> clearance (none)
  Kinder, Chris        proposed for a request with children, no clearance                 -> clearance (none)
  Relevant, Rita       area childcare, clearance with a relevant entry                    -> clearance
  Ungeprüft, Udo       area childcare, clearance issued, not inspected yet                -> clearance
  Gültig, Vera         area homework, clearance issued 10.01.2024 (valid)                 -  nothing
  Abgelehnt, Dora      no clearance, declined a request with children                     -  nothing
  Plain, Pia           area escort, no clearance                                          -  nothing
  Pause, Paul          PAUSED, area homework, no clearance                                -  not active: nothing
  Pausiert, Paula      PAUSED, clearance expired                                          -  not active: nothing
  Antrag, Amir         APPLICANT, no consent, registered 01.02.2026                       -> consent
  Ohne, Nora           PAUSED, no consent, registered 15.01.2026                          -> consent
  Inaktiv, Ina         INACTIVE, no consent                                               -  nothing
  => 11 active volunteers

Requests (received; consent unless said)
  children   today, children, Chris proposed (follow-up today), Dora declined (follow-up yesterday)
  active     today-30, Sara active (follow-up today-3)                   -> follow-up; 1 active assignment
  later      today-2, Pia proposed (follow-up tomorrow)                  -  follow-up not yet due
  wait8      today-8, new                                                -> waiting 8 days
  wait7      today-7, new                                                -  exactly 7 days: not yet
  matching   today-20, matching                                          -> waiting 20 days
  noconsent  today-6, new, no consent                                    -> consent (request)
  cancelled  today-40, cancelled, no consent                             -  closed
  completed  today-50, completed (Vera's assignment cancelled with it)   -  closed
  => 7 open (children, active, later, wait8, wait7, matching, noconsent), 2 waiting

Absences (beginning): Sara today, Pia today+14 (-> both listed), Vera today+15, Paul (paused) today+2, Hanna
yesterday (not listed).

Courses (open unless said): Erste Hilfe, 3 places, 1 registered, sessions today+7 (listed) and today+8;
Kinderschutz, 1 place, full, 1 waiting, session today (listed); Sprachmittlung, 1 place, full, no waiting list,
session today+2; Recht, session today+1 cancelled; Abgesagt (course cancelled), session today+3; Vorbei, session
1 March; Fertig (finished), session today+4; April, session 1 April; Februar, session 28 February
  => sessions listed: 2; courses with a session this month: Erste Hilfe, Kinderschutz, Sprachmittlung, Vorbei,
     Fertig = 5
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from types import SimpleNamespace

import pytest

from kommandesk.domain.assignments import AssignmentStatus as A
from kommandesk.domain.availability import Absence, Availability
from kommandesk.domain.clearance import Clearance, ClearanceResult
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.organisation import Organisation
from kommandesk.domain.overview import ITEMS_SHOWN, Counts, Target, TodoKind as K
from kommandesk.domain.requests import RequestConsent, RequestStatus as R, SupportRequest
from kommandesk.domain.trainings import Course, CourseStatus, Session
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from kommandesk.services.overview import OverviewService
from kommandesk.services.requests import RequestService
from kommandesk.services.trainings import TrainingService
from kommandesk.services.volunteers import VolunteerService

TODAY = dt.date(2026, 3, 16)
CONSENT = Consent(dt.date(2026, 1, 2), frozenset({ConsentPurpose.CONTACT}), "2025-02")


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def cleared(issued: dt.date, result: ClearanceResult = ClearanceResult.NO_RELEVANT_ENTRY) -> Clearance:
    return Clearance(issued_on=issued, inspected_on=issued + dt.timedelta(days=5), inspected_by="Ute Koordinatorin",
                     result=result)


@pytest.fixture
def desk(services):
    """The services over the test's database, all with TODAY as their today."""
    clock = lambda: TODAY  # noqa: E731
    volunteers = VolunteerService(services.store, services.organisation, today=clock)
    return SimpleNamespace(
        store=services.store, organisation=services.organisation, volunteers=volunteers,
        requests=RequestService(services.store, volunteers, today=clock),
        trainings=TrainingService(services.store, volunteers, today=clock, user=lambda: "Ute"),
        overview=OverviewService(services.store, services.organisation, today=clock))


def add_volunteer(desk, first, last, *, status=Status.ACTIVE, consent=True, areas=(), clearance=None, away=(),
                  registered_on=dt.date(2026, 1, 5)):
    area_ids = {area.key: area.id for area in desk.volunteers.areas()}
    vol = Volunteer(first_name=first, last_name=last, status=status, registered_on=registered_on,
                    consent=CONSENT if consent else None, areas=tuple(area_ids[key] for key in areas),
                    clearance=clearance or Clearance(),
                    availability=Availability(absences=tuple(Absence(days(a), days(b)) for a, b in away)))
    return desk.volunteers.create(vol, confirmed_duplicate=True)


def add_request(desk, person, received, *, consent=True, children=False):
    area = {area.key: area.id for area in desk.volunteers.areas()}["escort"]
    return desk.requests.create(SupportRequest(
        person=person, site="Unterkunft Lindenstraße", area_id=area, languages=(LanguageSkill("ar", Level.B1),),
        consent=RequestConsent(TODAY, "Weitergabe") if consent else None, received_on=received, children=children))


def assign(desk, req, vol, *, follow_up=None, status=None):
    assignment = desk.requests.assign(req.id, vol.id)
    if follow_up is not None:
        desk.requests.update_assignment(assignment.id, notes="", follow_up_on=follow_up)
    for step in status or ():
        desk.requests.change_assignment_status(assignment.id, step)
    return assignment


def add_course(desk, title, capacity, sessions, *, cancelled_sessions=(), people=(), status=None):
    course = desk.trainings.create_course(Course(title=title, capacity=capacity, status=CourseStatus.OPEN))
    for number, offset in enumerate((*sessions, *cancelled_sessions)):
        day = offset if isinstance(offset, dt.date) else days(offset)
        saved = desk.trainings.add_session(Session(course.id, day, dt.time(9 + number), dt.time(10 + number),
                                                   place=f"Raum {title}"))
        if offset in cancelled_sessions:
            desk.trainings.cancel_session(saved.id, "Trainer krank")
    for vol in people:
        desk.trainings.register(course.id, vol.id)
    if status is not None:
        course = desk.trainings.update_course(dataclasses.replace(desk.trainings.get_course(course.id),
                                                                  status=status))
    return course


@pytest.fixture
def world(desk):
    desk.organisation.save(Organisation(name="KI Teststadt"))
    v = SimpleNamespace()
    v.erik = add_volunteer(desk, "Erik", "Abel", clearance=cleared(dt.date(2021, 3, 10)))
    v.tara = add_volunteer(desk, "Tara", "Today", clearance=cleared(dt.date(2021, 3, 16)))
    v.sara = add_volunteer(desk, "Sara", "Sechzig", clearance=cleared(dt.date(2021, 5, 15)), away=[(0, 3)])
    v.sven = add_volunteer(desk, "Sven", "Einundsechzig", clearance=cleared(dt.date(2021, 5, 16)))
    v.hanna = add_volunteer(desk, "Hanna", "Hausaufgaben", areas=("homework",), away=[(-1, 5)])
    v.chris = add_volunteer(desk, "Chris", "Kinder")
    v.rita = add_volunteer(desk, "Rita", "Relevant", areas=("childcare",),
                           clearance=cleared(dt.date(2025, 1, 10), ClearanceResult.RELEVANT_ENTRY))
    v.udo = add_volunteer(desk, "Udo", "Ungeprüft", areas=("childcare",),
                          clearance=Clearance(issued_on=dt.date(2026, 1, 5)))
    v.vera = add_volunteer(desk, "Vera", "Gültig", areas=("homework",), clearance=cleared(dt.date(2024, 1, 10)),
                           away=[(15, 20)])
    v.dora = add_volunteer(desk, "Dora", "Abgelehnt")
    v.pia = add_volunteer(desk, "Pia", "Plain", areas=("escort",), away=[(14, 20)])
    v.paul = add_volunteer(desk, "Paul", "Pause", status=Status.PAUSED, areas=("homework",), away=[(2, 4)])
    v.paula = add_volunteer(desk, "Paula", "Pausiert", status=Status.PAUSED, clearance=cleared(dt.date(2020, 1, 8)))
    v.amir = add_volunteer(desk, "Amir", "Antrag", status=Status.APPLICANT, consent=False,
                           registered_on=dt.date(2026, 2, 1))
    v.nora = add_volunteer(desk, "Nora", "Ohne", status=Status.PAUSED, consent=False,
                           registered_on=dt.date(2026, 1, 15))
    v.ina = add_volunteer(desk, "Ina", "Inaktiv", status=Status.INACTIVE, consent=False)

    r = SimpleNamespace()
    r.children = add_request(desk, "Amal", TODAY, children=True)
    r.active = add_request(desk, "Bashir", days(-30))
    r.later = add_request(desk, "Cem", days(-2))
    r.wait8 = add_request(desk, "Dana", days(-8))
    r.wait7 = add_request(desk, "Emre", days(-7))
    r.matching = add_request(desk, "Farid", days(-20))
    desk.requests.change_status(r.matching.id, R.MATCHING)
    r.noconsent = add_request(desk, "Gul", days(-6), consent=False)
    r.cancelled = add_request(desk, "Hamid", days(-40), consent=False)
    desk.requests.change_status(r.cancelled.id, R.CANCELLED)
    r.completed = add_request(desk, "Iman", days(-50))
    assign(desk, r.completed, v.vera)
    desk.requests.change_status(r.completed.id, R.COMPLETED)

    a = SimpleNamespace()
    a.chris = assign(desk, r.children, v.chris, follow_up=TODAY)
    a.dora = assign(desk, r.children, v.dora, follow_up=days(-1), status=[A.DECLINED])
    a.sara = assign(desk, r.active, v.sara, follow_up=days(-3), status=[A.ACCEPTED, A.ACTIVE])
    a.pia = assign(desk, r.later, v.pia, follow_up=days(1))

    c = SimpleNamespace()
    c.free = add_course(desk, "Erste Hilfe", 3, [7, 8], people=[v.erik])
    c.waiting = add_course(desk, "Kinderschutz", 1, [0], people=[v.vera, v.pia])
    c.full = add_course(desk, "Sprachmittlung", 1, [2], people=[v.sven])
    c.cancelled_session = add_course(desk, "Recht", 5, [], cancelled_sessions=[1])
    c.cancelled = add_course(desk, "Abgesagt", 5, [3], status=CourseStatus.CANCELLED)
    c.past = add_course(desk, "Vorbei", 5, [dt.date(2026, 3, 1)])
    c.finished = add_course(desk, "Fertig", 5, [4], status=CourseStatus.FINISHED)
    c.april = add_course(desk, "April", 5, [dt.date(2026, 4, 1)])
    c.february = add_course(desk, "Februar", 5, [dt.date(2026, 2, 28)])
    return SimpleNamespace(v=v, r=r, a=a, c=c)


def titles(overview, kind) -> list[str]:
    return [item.title for item in overview.items[kind]]


def vtitle(vol) -> str:
    return f"{vol.last_name}, {vol.first_name} ({vol.reference})"


# -- counts ------------------------------------------------------------------------------------------------------

def test_the_counts_of_the_dataset(desk, world):
    assert desk.overview.build().counts == Counts(active_volunteers=11, open_requests=7, waiting_requests=2,
                                                  waiting_days=7, active_assignments=1, trainings_this_month=5)


def test_an_empty_database_has_zeros_and_nothing_to_do(desk):
    overview = desk.overview.build()
    assert overview.today == TODAY
    assert overview.counts == Counts()
    assert overview.todo_count == 0
    assert all(overview.items[kind] == () and overview.totals[kind] == 0 for kind in K)


def test_the_waiting_days_are_the_organisation_s(desk, world):
    desk.organisation.save(dataclasses.replace(desk.organisation.get(), unmatched_days=19))
    overview = desk.overview.build()
    assert (overview.counts.waiting_requests, overview.counts.waiting_days) == (1, 19)  # only the 20 days' one
    assert titles(overview, K.UNMATCHED) == [f"{world.r.matching.reference} – Farid"]


def test_trainings_this_month_follow_the_calendar_month(desk, world):
    # 1 April: Erste Hilfe ... Fertig were in March; "April" has its session today; the cancelled course none
    assert desk.overview.build(dt.date(2026, 4, 1)).counts.trainings_this_month == 1
    assert desk.overview.build(dt.date(2026, 2, 28)).counts.trainings_this_month == 1  # "Februar"


# -- the to-do list ----------------------------------------------------------------------------------------------

def test_clearances_expired_expiring_or_missing_for_work_with_children(desk, world):
    v = world.v
    overview = desk.overview.build()
    items = overview.items[K.CLEARANCE]
    # expired first (by expiry), then those needed today (by name), then the expiring ones
    assert [item.title for item in items] == [vtitle(vol) for vol in (v.erik, v.hanna, v.chris, v.rita, v.tara,
                                                                      v.udo, v.sara)]
    assert overview.totals[K.CLEARANCE] == 7
    assert {item.target for item in items} == {Target.VOLUNTEER}
    assert [item.target_id for item in items][:2] == [v.erik.id, v.hanna.id]
    details = {item.target_id: (item.detail, item.due) for item in items}
    assert details[v.erik.id] == ("The clearance expired on Mar 10, 2026.", dt.date(2026, 3, 10))
    assert details[v.tara.id] == ("The clearance expired on Mar 16, 2026.", TODAY)  # expires today: expired
    assert details[v.sara.id] == ("The clearance expires on May 15, 2026.", days(60))
    assert details[v.hanna.id] == ("No clearance recorded. Their areas of help include work with children.", TODAY)
    assert details[v.chris.id] == ("No clearance recorded. Assigned to a request with children.", TODAY)
    assert details[v.rita.id][0] == "The clearance shows a relevant entry. Their areas of help include work with " \
                                    "children."
    assert details[v.udo.id][0] == "The clearance has not been inspected yet. Their areas of help include work " \
                                   "with children."


def test_the_clearance_warning_period_is_the_organisation_s(desk, world):
    desk.organisation.save(dataclasses.replace(desk.organisation.get(), clearance_warning_days=59))
    assert world.v.sara.id not in [item.target_id for item in desk.overview.build().items[K.CLEARANCE]]
    desk.organisation.save(dataclasses.replace(desk.organisation.get(), clearance_warning_days=61))
    assert world.v.sven.id in [item.target_id for item in desk.overview.build().items[K.CLEARANCE]]


def test_a_volunteer_whose_children_assignment_ends_needs_no_clearance_any_more(desk, world):
    desk.requests.change_assignment_status(world.a.chris.id, A.CANCELLED)
    assert world.v.chris.id not in [item.target_id for item in desk.overview.build().items[K.CLEARANCE]]


def test_consents_missing_for_volunteers_and_open_requests(desk, world):
    v, r = world.v, world.r
    overview = desk.overview.build()
    items = overview.items[K.CONSENT]
    assert [(item.target, item.target_id, item.due) for item in items] == [
        (Target.VOLUNTEER, v.nora.id, dt.date(2026, 1, 15)), (Target.VOLUNTEER, v.amir.id, dt.date(2026, 2, 1)),
        (Target.REQUEST, r.noconsent.id, days(-6))]
    assert overview.totals[K.CONSENT] == 3
    assert items[0].title == vtitle(v.nora)
    assert items[0].detail == "No consent recorded (registered on Jan 15, 2026)."
    assert items[2].title == f"{r.noconsent.reference} – Gul"
    assert items[2].detail == "No consent recorded for this request (received on Mar 10, 2026)."


def test_follow_ups_due_today_or_earlier_on_open_assignments(desk, world):
    overview = desk.overview.build()
    items = overview.items[K.FOLLOW_UP]
    assert [(item.target, item.target_id, item.due) for item in items] == [
        (Target.REQUEST, world.r.active.id, days(-3)), (Target.REQUEST, world.r.children.id, TODAY)]
    assert overview.totals[K.FOLLOW_UP] == 2
    assert items[0].title == f"Sechzig, Sara – {world.r.active.reference}"
    assert items[0].detail == "Follow-up due since Mar 13, 2026, 3 days ago (assignment active)."
    assert items[1].detail == "Follow-up due today (assignment proposed)."
    tomorrow = desk.overview.build(days(1)).items[K.FOLLOW_UP]  # Pia's comes due; Dora's declined one never
    assert [item.target_id for item in tomorrow] == [world.r.active.id, world.r.children.id, world.r.later.id]


def test_requests_waiting_longer_than_the_organisation_s_days(desk, world):
    overview = desk.overview.build()
    items = overview.items[K.UNMATCHED]
    assert [(item.target_id, item.due) for item in items] == [(world.r.matching.id, days(-20)),
                                                              (world.r.wait8.id, days(-8))]
    assert overview.totals[K.UNMATCHED] == overview.counts.waiting_requests == 2
    assert items[1].title == f"{world.r.wait8.reference} – Dana"
    assert items[1].detail == "Waiting for a volunteer for 8 days, since Mar 8, 2026 (status: new)."
    assert items[0].detail == "Waiting for a volunteer for 20 days, since Feb 24, 2026 (status: matching)."
    # a day later the one received 7 days ago waits 8 days too
    assert desk.overview.build(days(1)).totals[K.UNMATCHED] == 3


def test_sessions_soon_with_free_places_or_a_waiting_list(desk, world):
    overview = desk.overview.build()
    items = overview.items[K.SESSION]
    assert [(item.target, item.target_id, item.due) for item in items] == [
        (Target.COURSE, world.c.waiting.id, TODAY), (Target.COURSE, world.c.free.id, days(7))]
    assert overview.totals[K.SESSION] == 2
    assert items[0].title == f"Kinderschutz ({world.c.waiting.reference})"
    assert items[0].detail == "Mar 16, 2026 at 9:00\u202fAM: fully booked, 1 on the waiting list."
    assert items[1].detail == "Mar 23, 2026 at 9:00\u202fAM: 2 places free."


def test_a_session_with_free_places_and_a_waiting_list_says_both(desk, world):
    # e.g. someone moved up by hand left the waiting list behind: simulated in the table
    desk.store.conn.execute("UPDATE course_registrations SET status = 'waiting' WHERE course_id = ?",
                            (world.c.free.id,))
    item = next(item for item in desk.overview.build().items[K.SESSION] if item.target_id == world.c.free.id)
    assert item.detail == "Mar 23, 2026 at 9:00\u202fAM: 3 places free, 1 on the waiting list."


def test_volunteers_away_soon(desk, world):
    overview = desk.overview.build()
    items = overview.items[K.ABSENCE]
    assert [(item.target, item.target_id, item.due) for item in items] == [
        (Target.VOLUNTEER, world.v.sara.id, TODAY), (Target.VOLUNTEER, world.v.pia.id, days(14))]
    assert overview.totals[K.ABSENCE] == 2
    assert items[0].title == vtitle(world.v.sara)
    assert items[0].detail == "Away from Mar 16, 2026 to Mar 19, 2026, with 1 open assignment."
    desk.requests.change_assignment_status(world.a.pia.id, A.CANCELLED)
    assert desk.overview.build().items[K.ABSENCE][1].detail == \
        "Away from Mar 30, 2026 to Apr 5, 2026, no open assignments."


def test_the_to_do_count_is_the_sum_of_the_totals(desk, world):
    assert desk.overview.build().todo_count == 7 + 3 + 2 + 2 + 2 + 2


def test_a_long_list_shows_the_first_items_and_counts_them_all(desk, world, monkeypatch):
    full = desk.overview.build()
    monkeypatch.setattr("kommandesk.services.overview.ITEMS_SHOWN", 2)
    short = desk.overview.build()
    for kind in K:
        assert short.items[kind] == full.items[kind][:2]
        assert short.totals[kind] == full.totals[kind]
    assert len(short.items[K.CLEARANCE]) == 2 and short.totals[K.CLEARANCE] == 7
    assert len(short.items[K.CONSENT]) == 2 and short.totals[K.CONSENT] == 3


def test_at_most_items_shown_of_a_kind(desk):
    desk.organisation.save(Organisation(name="KI Teststadt"))
    for number in range(ITEMS_SHOWN + 3):
        add_request(desk, f"P{number:02d}", days(-10 - number % 5))
    overview = desk.overview.build()
    assert len(overview.items[K.UNMATCHED]) == ITEMS_SHOWN and overview.totals[K.UNMATCHED] == ITEMS_SHOWN + 3
    dues = [item.due for item in overview.items[K.UNMATCHED]]
    assert dues == sorted(dues) and dues[0] == days(-14)


def test_texts_follow_the_language(desk, world, german):
    item = desk.overview.build().items[K.CLEARANCE][0]
    assert "10.03.2026" in item.detail


# -- the change stamp --------------------------------------------------------------------------------------------

def test_the_change_stamp_moves_with_every_write_and_not_with_reads(desk, paths):
    before = desk.store.change_stamp()
    desk.overview.build()
    desk.volunteers.areas()
    assert desk.store.change_stamp() == before
    add_volunteer(desk, "Anna", "Berg")
    after_own = desk.store.change_stamp()
    assert after_own != before
    other = sqlite3.connect(str(paths.db_file), isolation_level=None)  # e.g. a background task's connection
    try:
        other.execute("UPDATE volunteers SET notes = 'x'")
    finally:
        other.close()
    assert desk.store.change_stamp() != after_own
