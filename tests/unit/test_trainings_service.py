"""The training service over a real database: courses, sessions with the room check, capacity and the waiting
list (who moves up, and the note that says so), attendance with its checks, eligibility, completing a course,
and the volunteer's trainings. Every refused call leaves the database as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.trainings import Course, CourseStatus, Presence, RegistrationStatus, Session, TimeUnit
from kommandesk.domain.volunteers import Status, Volunteer
from kommandesk.services.organisation import OrganisationService
from kommandesk.services.trainings import TrainingService
from kommandesk.services.volunteers import DuplicateWarning, VolunteerService
from kommandesk.store.db import open_store
from kommandesk.store.organisation_repo import OrganisationRepository

TODAY = dt.date(2026, 3, 3)
MONDAY = dt.date(2026, 3, 9)
REG, WAIT = RegistrationStatus.REGISTERED, RegistrationStatus.WAITING


@pytest.fixture
def store(paths):
    opened = open_store(paths.db_file)
    yield opened
    opened.close()


@pytest.fixture
def volunteers(store) -> VolunteerService:
    return VolunteerService(store, OrganisationService(OrganisationRepository(store)), today=lambda: TODAY)


@pytest.fixture
def service(store, volunteers) -> TrainingService:
    return TrainingService(store, volunteers, today=lambda: TODAY, user=lambda: "Ute Koordinatorin")


@pytest.fixture
def person(volunteers):
    def add(first: str, last: str = "Berg", **changes) -> str:
        vol = Volunteer(first_name=first, last_name=last, registered_on=TODAY, **changes)
        return volunteers.create(vol, confirmed_duplicate=True).id
    return add


@pytest.fixture
def course(service):
    def make(capacity: int = 2, **changes) -> Course:
        return service.create_course(Course(title="Basisqualifizierung", capacity=capacity,
                                            status=CourseStatus.OPEN, **changes))
    return make


def counts(store) -> dict[str, int]:
    return store.table_counts()


def session_of(course_id: str, day=MONDAY, start=(9, 0), end=(12, 0), place="Raum 1") -> Session:
    return Session(course_id, day, dt.time(*start), dt.time(*end), place=place, trainer="Dr. Aylin Yılmaz")


# -- courses ---------------------------------------------------------------------------------------------------

def test_create_gives_a_reference_and_reads_back(service, volunteers):
    area = volunteers.areas()[0].id
    made = service.create_course(Course(title=" Kinderschutz ", topics=("Rechte", "Verfahren"), areas=(area,),
                                        funding_tag="KOMM-AN NRW II D", unit=TimeUnit.TEACHING_UNITS))
    assert made.reference == "K-2026-0001" and made.title == "Kinderschutz"
    assert service.get_course(made.id) == made == service.get_course_by_reference("k-2026-0001")
    assert made.topics == ("Rechte", "Verfahren") and made.areas == (area,)
    assert service.create_course(Course(title="Zweiter")).reference == "K-2026-0002"
    assert service.funding_tags()[0] == "KOMM-AN NRW II D"
    assert service.funding_tags().count("KOMM-AN NRW II D") == 1


def test_missing_courses_and_bad_courses_are_refused(service, store):
    with pytest.raises(KommanDeskError, match="no course with the reference K-2026-0099"):
        service.get_course_by_reference("K-2026-0099")
    with pytest.raises(KommanDeskError, match="does not exist"):
        service.get_course("nope")
    before = counts(store)
    with pytest.raises(ValidationError) as caught:
        service.create_course(Course(title="", capacity=0, areas=("no-such-area",)))
    assert set(caught.value.errors) == {"title", "capacity", "areas"}
    assert counts(store) == before


def test_list_courses_search_status_and_counts(service, course, person):
    first = course(capacity=1, funding_tag="KOMM-AN NRW II D")
    service.add_session(session_of(first.id))
    service.add_session(session_of(first.id, day=MONDAY + dt.timedelta(days=7), start=(9, 0), end=(10, 30)))
    cancelled = service.add_session(session_of(first.id, day=MONDAY + dt.timedelta(days=14)))
    service.cancel_session(cancelled.id)
    service.register(first.id, person("Anna"))
    service.register(first.id, person("Ali"))
    service.create_course(Course(title="Traumasensibler Umgang für Ehrenamtliche"))
    rows = service.list_courses()
    assert [row.title for row in rows][1] == "Basisqualifizierung"  # one without sessions comes first
    row = rows[1]
    assert (row.registered, row.waiting, row.sessions, row.planned_minutes) == (1, 1, 2, 270)
    assert (row.first_day, row.last_day) == (MONDAY, MONDAY + dt.timedelta(days=7))
    assert [r.title for r in service.list_courses("fur ehren")] == ["Traumasensibler Umgang für Ehrenamtliche"]
    assert [r.reference for r in service.list_courses("nrw ii d")] == [first.reference]
    assert [r.reference for r in service.list_courses("K-2026-0001")] == [first.reference]
    assert [r.status for r in service.list_courses(statuses=frozenset({CourseStatus.PLANNED}))] == [
        CourseStatus.PLANNED]
    assert service.planned_minutes(first.id) == 270


# -- sessions --------------------------------------------------------------------------------------------------

def test_sessions_are_numbered_in_date_order_and_moved(service, course):
    c = course()
    late = service.add_session(session_of(c.id, day=MONDAY + dt.timedelta(days=7)))
    early = service.add_session(session_of(c.id))
    assert [s.id for s in service.sessions(c.id)] == [early.id, late.id]
    assert [s.number for s in service.sessions(c.id)] == [1, 2] and service.sessions(c.id)[0].minutes == 180
    moved = service.update_session(dataclasses.replace(late, day=MONDAY - dt.timedelta(days=1)))
    assert moved.number == 1 and [s.id for s in service.sessions(c.id)] == [late.id, early.id]
    service.cancel_session(late.id, "Trainerin krank")
    assert [(s.number, s.cancelled, s.cancel_reason) for s in service.sessions(c.id)] == [
        (1, True, "Trainerin krank"), (2, False, "")]
    assert service.planned_minutes(c.id) == 180


def test_a_room_clash_across_courses_is_refused_and_nothing_saved(service, course, store):
    one, two = course(), service.create_course(Course(title="Sprachmittlung"))
    service.add_session(session_of(one.id, start=(9, 0), end=(12, 0), place="Raum 1"))
    before = counts(store)
    clash = session_of(two.id, start=(11, 0), end=(13, 0), place=" raum 1")
    assert "place" in service.validate_session(clash)
    with pytest.raises(ValidationError, match="(?i)raum 1 is taken at that time by another session \\(9:00\u202fAM"):
        service.add_session(clash)
    with pytest.raises(ValidationError, match="ends before it starts"):
        service.add_session(session_of(two.id, start=(12, 0), end=(11, 0)))
    assert counts(store) == before
    service.add_session(session_of(two.id, start=(12, 0), end=(13, 0), place="Raum 1"))  # back to back


def test_moving_a_session_onto_another_is_refused(service, course):
    c = course()
    first = service.add_session(session_of(c.id))
    second = service.add_session(session_of(c.id, day=MONDAY + dt.timedelta(days=1)))
    with pytest.raises(ValidationError):
        service.update_session(dataclasses.replace(second, day=MONDAY))
    assert service.get_session(second.id).day == MONDAY + dt.timedelta(days=1)
    assert service.update_session(dataclasses.replace(first, end=dt.time(13))).minutes == 240  # itself is fine


# -- registrations ---------------------------------------------------------------------------------------------

def test_capacity_then_waiting_list_in_order(service, course, person):
    c = course(capacity=2)
    made = [service.register(c.id, person(name)) for name in ("Anna", "Ben", "Cem", "Dana")]
    assert [r.status for r in made] == [REG, REG, WAIT, WAIT]
    assert [r.position for r in made] == [None, None, 1, 2]
    listed = service.participants(c.id)
    assert [(p.first_name, p.status, p.position) for p in listed][2:] == [("Cem", WAIT, 1), ("Dana", WAIT, 2)]
    assert service.list_courses()[0].registered == 2  # never over capacity


def test_cancelling_moves_the_first_waiting_up_with_a_note(service, course, person):
    c = course(capacity=1)
    anna = service.register(c.id, person("Anna", "Berg"))
    ben = service.register(c.id, person("Ben"))
    cem = service.register(c.id, person("Cem"))
    moved = service.cancel_registration(anna.id, "verzogen")
    assert moved.id == ben.id and moved.status is REG
    assert "Moved up from the waiting list on Mar 3, 2026: Anna Berg cancelled." in moved.note
    assert service.participants(c.id)[1].position == 1 and service.participants(c.id)[1].registration_id == cem.id
    cancelled = service.participants(c.id, include_cancelled=True)[-1]
    assert cancelled.status is RegistrationStatus.CANCELLED and "verzogen" in cancelled.note
    assert service.cancel_registration(cem.id) is None  # a waiting one leaves: no one moves up
    with pytest.raises(KommanDeskError, match="cancelled already"):
        service.cancel_registration(anna.id)


def test_the_note_of_moving_up_is_in_the_language_of_the_day(service, course, person, german):
    c = course(capacity=1)
    anna = service.register(c.id, person("Anna", "Berg"))
    service.register(c.id, person("Ben"))
    moved = service.cancel_registration(anna.id)
    assert "03.03.2026" in moved.note


def test_raising_capacity_moves_people_up_lowering_below_registered_is_refused(service, course, person):
    c = course(capacity=1)
    for name in ("Anna", "Ben", "Cem", "Dana"):
        service.register(c.id, person(name))
    raised = service.update_course(dataclasses.replace(c, capacity=3))
    assert raised.capacity == 3
    statuses = {p.first_name: (p.status, p.position) for p in service.participants(c.id)}
    assert statuses == {"Anna": (REG, None), "Ben": (REG, None), "Cem": (REG, None), "Dana": (WAIT, 1)}
    ben = next(p for p in service.participants(c.id) if p.first_name == "Ben")
    assert "the course now has 3 places" in ben.note
    with pytest.raises(ValidationError) as caught:
        service.update_course(dataclasses.replace(raised, capacity=2, title="Neu"))
    assert "3 people are registered already" in caught.value.errors["capacity"]
    assert service.get_course(c.id).title == "Basisqualifizierung" and service.get_course(c.id).capacity == 3


def test_registering_twice_is_refused(service, course, person, store):
    c = course(capacity=1)
    anna, ben = person("Anna"), person("Ben")
    service.register(c.id, anna)
    service.register(c.id, ben)
    before = counts(store)
    with pytest.raises(KommanDeskError, match="Anna Berg is already registered"):
        service.register(c.id, anna)
    with pytest.raises(KommanDeskError, match="Ben Berg is already on the waiting list"):
        service.register(c.id, ben)
    assert counts(store) == before
    registration = service.participants(c.id)[0]
    service.cancel_registration(registration.registration_id)
    assert service.register(c.id, anna).status is WAIT  # after cancelling, again (Ben moved up)


def test_a_cancelled_or_finished_course_takes_no_registrations(service, person, store):
    anna = person("Anna")
    for status, message in ((CourseStatus.CANCELLED, "was cancelled"), (CourseStatus.FINISHED, "is finished")):
        c = service.create_course(Course(title=f"Kurs {status.value}", status=status))
        before = counts(store)
        with pytest.raises(KommanDeskError, match=message):
            service.register(c.id, anna)
        with pytest.raises(KommanDeskError, match=message):
            service.register_new_person(c.id, "Neu", "Person")
        assert counts(store) == before


def test_an_archived_or_missing_volunteer_is_refused(service, course, volunteers, person):
    c = course()
    gone = person("Gone")
    volunteers.archive(gone, "weggezogen")
    with pytest.raises(KommanDeskError, match="archived"):
        service.register(c.id, gone)
    with pytest.raises(KommanDeskError, match="does not exist"):
        service.register(c.id, "no-such-volunteer")


def test_a_new_person_becomes_an_applicant_and_is_registered(service, course, volunteers, person, store):
    c = course(capacity=1)
    made = service.register_new_person(c.id, " Şükrü ", "Öztürk", "sukru@example.org", "+49 221 123456")
    vol = volunteers.get(made.volunteer_id)
    assert vol.status is Status.APPLICANT and vol.first_name == "Şükrü" and vol.email == "sukru@example.org"
    assert made.status is REG
    before = counts(store)
    with pytest.raises(DuplicateWarning):  # the same email: the caller asks, nothing is saved yet
        service.register_new_person(c.id, "Sukru", "Ozturk", "sukru@example.org")
    with pytest.raises(ValidationError):
        service.register_new_person(c.id, "", "Ohne Vorname", "not-an-email")
    assert counts(store) == before
    again = service.register_new_person(c.id, "Sukru", "Ozturk", "sukru@example.org", confirmed_duplicate=True)
    assert again.status is WAIT


def test_a_failed_registration_of_a_new_person_keeps_no_profile(service, course, volunteers, store, monkeypatch):
    c = course()
    before = counts(store)

    def broken(*_args, **_kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(service._repo, "insert_registration", broken)
    with pytest.raises(sqlite3.OperationalError):
        service.register_new_person(c.id, "Lena", "Nowak")
    assert counts(store) == before


# -- attendance ------------------------------------------------------------------------------------------------

@pytest.fixture
def running(service, course, person):
    """A course with two sessions (180 and 120 minutes) and two registered, one waiting."""
    c = course(capacity=2)
    first = service.add_session(session_of(c.id))
    second = service.add_session(session_of(c.id, day=MONDAY + dt.timedelta(days=7), start=(9, 0), end=(11, 0)))
    regs = [service.register(c.id, person(name)) for name in ("Anna", "Ben", "Cem")]
    return c, first, second, regs


def test_record_and_read_attendance_with_who_and_when(service, running):
    c, first, second, (anna, ben, _cem) = running
    record = service.record(first.id, anna.id, Presence.PRESENT, 150, "Bus zu spät")
    assert record.recorded_by == "Ute Koordinatorin" and record.recorded_at
    service.record(first.id, ben.id, Presence.EXCUSED, reason="krank")
    service.record(first.id, ben.id, Presence.PRESENT)  # corrected afterwards: one record
    grid = service.attendance(c.id)
    assert set(grid) == {(first.id, anna.id), (first.id, ben.id)}
    assert grid[(first.id, anna.id)].minutes == 150 and grid[(first.id, ben.id)].presence is Presence.PRESENT
    service.clear(first.id, ben.id)
    assert (first.id, ben.id) not in service.attendance(c.id)


def test_bad_attendance_is_refused_and_nothing_half_saved(service, running, store):
    c, first, second, (anna, ben, cem) = running
    before = counts(store)
    with pytest.raises(ValidationError, match="Minutes cannot be negative"):
        service.record(first.id, anna.id, Presence.PRESENT, -5)
    with pytest.raises(ValidationError, match="lasts only 180 minutes"):
        service.record(first.id, anna.id, Presence.PRESENT, 181)
    with pytest.raises(KommanDeskError, match="waiting list"):
        service.record(first.id, cem.id, Presence.PRESENT)
    with pytest.raises(ValidationError):  # the second item is bad: the first is not kept either
        service.record_many(first.id, [(anna.id, Presence.PRESENT, None, ""), (ben.id, Presence.PRESENT, -1, "")])
    other = service.create_course(Course(title="Anderer Kurs"))
    with pytest.raises(KommanDeskError, match="not registered for this course"):
        service.record(service.add_session(session_of(other.id, place="Raum 9")).id, anna.id, Presence.PRESENT)
    service.cancel_session(second.id)
    with pytest.raises(ValidationError, match="cancelled"):
        service.record(second.id, anna.id, Presence.PRESENT)
    assert service.attendance(c.id) == {}
    assert counts(store)["course_attendance"] == before["course_attendance"] == 0


def test_eligibility_with_a_late_arrival_and_complete_course(service, running, volunteers):
    c, first, second, (anna, ben, cem) = running
    # planned 300 minutes; 80 % = 240. Anna: 180 + 60 (late) = 240 -> eligible; Ben: 180 + absent -> 60 %
    service.record_many(first.id, [(anna.id, Presence.PRESENT, None, ""), (ben.id, Presence.PRESENT, None, "")])
    service.record_many(second.id, [(anna.id, Presence.PRESENT, 60, ""), (ben.id, Presence.ABSENT, None, "")])
    rows = {row.participant.first_name: row for row in service.eligibility(c.id)}
    assert set(rows) == {"Anna", "Ben"}  # the waiting list is not in it
    assert (rows["Anna"].eligibility.attended_minutes, rows["Anna"].eligibility.planned_minutes) == (240, 300)
    assert rows["Anna"].eligibility.percent == 80 and rows["Anna"].eligibility.eligible
    assert rows["Ben"].eligibility.percent == 60 and not rows["Ben"].eligibility.eligible
    assert rows["Anna"].attendance[second.id].minutes == 60
    assert service.complete_course(c.id) == 1
    assert service.get_course(c.id).status is CourseStatus.FINISHED
    statuses = {p.first_name: p.status for p in service.participants(c.id)}
    assert statuses == {"Anna": RegistrationStatus.COMPLETED, "Ben": REG, "Cem": WAIT}
    with pytest.raises(KommanDeskError, match="completed"):
        service.cancel_registration(anna.id)


def test_trainings_of_and_completed_by_area(service, volunteers, person):
    area = volunteers.areas()[0].id
    anna = person("Anna")
    done = service.create_course(Course(title="Sprachmittlung", areas=(area,), status=CourseStatus.OPEN))
    s = service.add_session(session_of(done.id))
    registration = service.register(done.id, anna)
    service.record(s.id, registration.id, Presence.PRESENT, 170)
    service.complete_course(done.id)
    later = service.create_course(Course(title="Kinderschutz", capacity=1, status=CourseStatus.OPEN))
    service.add_session(session_of(later.id, day=MONDAY + dt.timedelta(days=30)))
    service.register(later.id, person("Ben"))
    service.register(later.id, anna)  # waiting
    found = service.trainings_of(anna)
    assert [(row.title, status) for row, status, _e in found] == [("Kinderschutz", WAIT),
                                                                   ("Sprachmittlung", RegistrationStatus.COMPLETED)]
    assert found[0][2] is None and found[1][2].attended_minutes == 170 and found[1][2].eligible
    assert service.completed_by_area() == {area: {anna: 1}}
    assert service.trainings_of(person("Niemand")) == []


def test_course_search_finds_words_next_to_punctuation(service):
    service.create_course(Course(title="Grundkurs <b>Ehrenamt</b> (Teil 2)", funding_tag="KOMM-AN NRW II D"))
    for search in ("ehrenamt", "teil 2", "komm an", "grundk"):
        assert [row.title for row in service.list_courses(search)] == ["Grundkurs <b>Ehrenamt</b> (Teil 2)"], search


def test_finishing_a_course_in_the_form_completes_who_attended_enough(service, running):
    c, first, second, (anna, ben, cem) = running
    service.record_many(first.id, [(anna.id, Presence.PRESENT, None, ""), (ben.id, Presence.ABSENT, None, "")])
    service.record_many(second.id, [(anna.id, Presence.PRESENT, None, ""), (ben.id, Presence.PRESENT, None, "")])
    service.update_course(dataclasses.replace(service.get_course(c.id), status=CourseStatus.FINISHED))
    statuses = {p.first_name: p.status for p in service.participants(c.id)}
    assert statuses == {"Anna": RegistrationStatus.COMPLETED, "Ben": REG, "Cem": WAIT}
