"""The rules of requests, their times and assignments (domain only: no database)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kommandesk.domain import assignments as arules
from kommandesk.domain import requests as rules
from kommandesk.domain.assignments import Assignment, AssignmentStatus as A, HoursEntry, parse_hours, validate_hours
from kommandesk.domain.availability import Period
from kommandesk.domain.errors import ValidationError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import RequestConsent, RequestStatus as R, SupportRequest
from kommandesk.domain.schedule import OPEN_END_DAYS, Appointment, Occupancy, Recurrence, occupancy, periods_of

TODAY = dt.date(2026, 3, 16)  # a Monday
MORNING, AFTERNOON, EVENING = Period.MORNING, Period.AFTERNOON, Period.EVENING


def good(**changes) -> SupportRequest:
    base = SupportRequest(person="Zahra", household_size=4, person_languages=("prs", "fa"),
                          site="Unterkunft Lindenstraße", area_id="area-1",
                          languages=(LanguageSkill("prs", Level.B1),), postcode="44135",
                          appointment=Appointment(dt.date(2026, 3, 24), dt.time(9), dt.time(11)),
                          consent=RequestConsent(TODAY, "Weitergabe an die Ehrenamtliche"), received_on=TODAY)
    return dataclasses.replace(base, **changes)


def t(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


# --- validate ---------------------------------------------------------------------------------------------------

def test_a_complete_request_has_no_problems():
    assert rules.validate(good(), TODAY) == {}
    assert rules.validate(good(appointment=None, recurrence=Recurrence(frozenset({(1, MORNING)}), TODAY)), TODAY) == {}
    assert rules.validate(good(appointment=None, languages=(), consent=None, postcode=""), TODAY) == {}


BAD = [
    ("person", dict(person="   "), "required"),
    ("person", dict(person="x" * 61), "At most 60"),
    ("site", dict(site="x" * 201), "At most 200"),
    ("site_contact", dict(site_contact="x" * 201), "At most 200"),
    ("household_size", dict(household_size=0), "Between 1 and 30"),
    ("household_size", dict(household_size=31), "Between 1 and 30"),
    ("person_languages", dict(person_languages=("xx",)), "Unknown language code: xx"),
    ("person_languages", dict(person_languages=("ar", "ar")), "listed twice"),
    ("area_id", dict(area_id=None), "Choose the area of help"),
    ("languages", dict(languages=(LanguageSkill("qq", Level.B1),)), "Unknown language code: qq"),
    ("languages", dict(languages=(LanguageSkill("ar", Level.B1), LanguageSkill("ar", Level.C1))), "twice"),
    ("postcode", dict(postcode="4413"), "five digits"),
    ("description", dict(description="x" * 5001), "At most 5000"),
    ("appointment", dict(recurrence=Recurrence(frozenset({(1, MORNING)}), TODAY)), "not both"),
    ("appointment", dict(appointment=Appointment(TODAY, t(11), t(9))), "ends before it starts"),
    ("appointment", dict(appointment=Appointment(TODAY, t(11), t(11))), "ends before it starts"),
    ("recurrence_first_day", dict(appointment=None, recurrence=Recurrence(frozenset({(1, MORNING)}))),
     "need a first day"),
    ("recurrence_slots", dict(appointment=None, recurrence=Recurrence(frozenset(), TODAY)), "at least one weekly"),
    ("recurrence_last_day", dict(appointment=None, recurrence=Recurrence(
        frozenset({(1, MORNING)}), TODAY, TODAY - dt.timedelta(days=1))), "before the first day"),
    ("received_on", dict(received_on=TODAY + dt.timedelta(days=1)), "cannot be in the future"),
    ("consent_given_on", dict(consent=RequestConsent(TODAY + dt.timedelta(days=1), "ok")), "cannot be in the future"),
    ("consent_agreed", dict(consent=RequestConsent(TODAY, "  ")), "what was agreed"),
]


@pytest.mark.parametrize("field,changes,message", BAD, ids=[f"{b[0]}-{n}" for n, b in enumerate(BAD)])
def test_each_bad_input_is_named_beside_its_field(field, changes, message):
    errors = rules.validate(good(**changes), TODAY)
    assert message in errors[field]
    with pytest.raises(ValidationError) as caught:
        rules.check(good(**changes), TODAY)
    assert message in caught.value.errors[field]


def test_cleaned_trims_the_text_and_drops_control_characters():
    req = good(person="  Zahra\x00 ", site=" ZUE\nBielefeld ", description=" Zeile 1\nZeile 2 ",
               consent=RequestConsent(TODAY, " ok\x07 "))
    cleaned = req.cleaned()
    assert (cleaned.person, cleaned.site, cleaned.description, cleaned.consent.agreed) == (
        "Zahra", "ZUE Bielefeld", "Zeile 1\nZeile 2", "ok")


# --- status lifecycle -------------------------------------------------------------------------------------------

def test_the_lifecycle_runs_forward_with_history():
    req = good()
    for status in (R.MATCHING, R.ASSIGNED, R.ACTIVE, R.COMPLETED):
        req = rules.change_status(req, status, TODAY, " weiter ")
    assert [c.status for c in req.history] == [R.MATCHING, R.ASSIGNED, R.ACTIVE, R.COMPLETED]
    assert req.history[-1].reason == "weiter" and req.history[-1].on == TODAY


@pytest.mark.parametrize("old,new", [(R.NEW, R.ACTIVE), (R.NEW, R.COMPLETED), (R.COMPLETED, R.NEW),
                                     (R.CANCELLED, R.ACTIVE), (R.MATCHING, R.COMPLETED)])
def test_a_jump_the_lifecycle_does_not_allow_is_refused(old, new):
    with pytest.raises(ValidationError) as caught:
        rules.change_status(good(status=old), new, TODAY)
    assert caught.value.errors["status"] == f"A request cannot go from {old.value} to {new.value}."


def test_the_same_status_changes_nothing_and_every_status_can_be_left_or_reopened():
    req = good()
    assert rules.change_status(req, R.NEW, TODAY) is req
    assert all(rules.TRANSITIONS[status] for status in R)  # no dead end: cancelled -> new, completed -> active
    assert rules.OPEN == {R.NEW, R.MATCHING, R.ASSIGNED, R.ACTIVE} and rules.UNASSIGNED == {R.NEW, R.MATCHING}


# --- period and household ---------------------------------------------------------------------------------------

def test_the_period_of_each_kind_of_time():
    day = dt.date(2026, 4, 1)
    assert good(appointment=Appointment(day, t(9), t(10))).period() == (day, day)
    weekly = Recurrence(frozenset({(2, MORNING)}), day, day + dt.timedelta(days=30))
    assert good(appointment=None, recurrence=weekly).period() == (day, day + dt.timedelta(days=30))
    open_ended = Recurrence(frozenset({(2, MORNING)}), day)
    assert good(appointment=None, recurrence=open_ended).period() == (day, day + dt.timedelta(days=OPEN_END_DAYS - 1))
    assert good(appointment=None).period() == (TODAY, TODAY + dt.timedelta(days=OPEN_END_DAYS - 1))
    assert good(appointment=None, received_on=None).period() is None


def test_the_same_family_is_recognised_across_spellings():
    assert good(person="Zahra", site="Unterkunft Lindenstraße").household_key() == \
        good(person="ZAHRA", site="unterkunft lindenstrasse").household_key()
    assert good(person="Zahra").household_key() != good(person="Zahra", site="ZUE Bielefeld").household_key()


# --- schedule ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("start,end,expected", [
    (t(9), t(11), (MORNING,)),
    (t(8), t(12), (MORNING,)),  # ends at noon sharp: a morning
    (t(11), t(13), (MORNING, AFTERNOON)),
    (t(12), t(18), (AFTERNOON,)),
    (t(17), t(19), (AFTERNOON, EVENING)),
    (t(18), t(20), (EVENING,)),
    (t(7), t(20), (MORNING, AFTERNOON, EVENING)),
])
def test_periods_of_a_time_span(start, end, expected):
    assert periods_of(start, end) == expected


def test_an_appointment_has_its_weekday_slots_and_length():
    appointment = Appointment(TODAY, t(11, 30), t(13))
    assert appointment.slots == {(0, MORNING), (0, AFTERNOON)}
    assert appointment.minutes == 90


def test_weekly_occurrences():
    weekly = Recurrence(frozenset({(1, MORNING), (3, EVENING)}), TODAY, TODAY + dt.timedelta(days=13))
    assert weekly.occurrences() == [TODAY + dt.timedelta(days=d) for d in (1, 3, 8, 10)]
    assert weekly.occurrences(until=TODAY + dt.timedelta(days=5)) == [TODAY + dt.timedelta(days=d) for d in (1, 3)]
    open_ended = Recurrence(frozenset({(0, MORNING)}), TODAY)
    assert len(open_ended.occurrences()) == 13  # Mondays over the first 91 days
    assert Recurrence(frozenset({(0, MORNING)})).occurrences() == []


def occ(appointment=None, recurrence=None) -> Occupancy:
    return occupancy(appointment, recurrence)


TUESDAY = TODAY + dt.timedelta(days=1)
OVERLAPS = [
    ("same day, overlapping times", occ(Appointment(TODAY, t(9), t(11))), occ(Appointment(TODAY, t(10), t(12))), True),
    ("same day, one after the other", occ(Appointment(TODAY, t(9), t(10))), occ(Appointment(TODAY, t(10), t(11))),
     False),
    ("same period, other times", occ(Appointment(TODAY, t(8), t(9))), occ(Appointment(TODAY, t(10), t(11))), False),
    ("other days", occ(Appointment(TODAY, t(9), t(11))), occ(Appointment(TUESDAY, t(9), t(11))), False),
    ("appointment on a weekly slot", occ(Appointment(TUESDAY, t(9), t(10))),
     occ(recurrence=Recurrence(frozenset({(1, MORNING)}), TODAY, TODAY + dt.timedelta(days=30))), True),
    ("appointment before the weekly times start", occ(Appointment(TUESDAY, t(9), t(10))),
     occ(recurrence=Recurrence(frozenset({(1, MORNING)}), TODAY + dt.timedelta(days=7))), False),
    ("appointment in another period", occ(Appointment(TUESDAY, t(14), t(15))),
     occ(recurrence=Recurrence(frozenset({(1, MORNING)}), TODAY)), False),
    ("appointment on another weekday", occ(Appointment(TODAY, t(9), t(10))),
     occ(recurrence=Recurrence(frozenset({(1, MORNING)}), TODAY)), False),
    ("weekly, same slot, open-ended", occ(recurrence=Recurrence(frozenset({(2, EVENING)}), TODAY)),
     occ(recurrence=Recurrence(frozenset({(2, EVENING), (4, MORNING)}), dt.date(2027, 1, 1))), True),
    ("weekly, one ends before the other starts",
     occ(recurrence=Recurrence(frozenset({(2, EVENING)}), TODAY, TODAY + dt.timedelta(days=10))),
     occ(recurrence=Recurrence(frozenset({(2, EVENING)}), TODAY + dt.timedelta(days=11))), False),
    ("weekly, other slots", occ(recurrence=Recurrence(frozenset({(2, EVENING)}), TODAY)),
     occ(recurrence=Recurrence(frozenset({(2, MORNING)}), TODAY)), False),
]


@pytest.mark.parametrize("a,b,expected", [case[1:] for case in OVERLAPS], ids=[case[0] for case in OVERLAPS])
def test_occupancies_overlap_only_when_the_same_time_is_taken(a, b, expected):
    assert a.overlaps(b) is expected and b.overlaps(a) is expected


def test_no_time_takes_no_time():
    assert occupancy(None, None) is None
    assert occupancy(None, Recurrence(frozenset(), TODAY)) is None
    assert occupancy(None, Recurrence(frozenset({(0, MORNING)}))) is None
    assert good(appointment=None).occupancy() is None
    assert occ(recurrence=Recurrence(frozenset({(0, MORNING)}), TODAY)).last_day == dt.date.max


# --- assignments ------------------------------------------------------------------------------------------------

def assignment(**changes) -> Assignment:
    return dataclasses.replace(Assignment("r", "v", proposed_on=TODAY), **changes)


def test_an_assignment_runs_through_its_lifecycle_with_dates():
    item = assignment()
    later = TODAY + dt.timedelta(days=3)
    for status in (A.CONTACTED, A.ACCEPTED, A.ACTIVE):
        item = arules.change_status(item, status, later)
    assert item.started_on == later and item.ended_on is None
    done = arules.change_status(item, A.COMPLETED, later + dt.timedelta(days=9), "fertig")
    assert done.ended_on == later + dt.timedelta(days=9) and done.history[-1].reason == "fertig"
    reopened = arules.change_status(done, A.ACTIVE, later + dt.timedelta(days=10))
    assert reopened.ended_on is None and reopened.started_on == later  # started stays the first day
    assert [c.status for c in reopened.history] == [A.CONTACTED, A.ACCEPTED, A.ACTIVE, A.COMPLETED, A.ACTIVE]


@pytest.mark.parametrize("path,refused", [([A.DECLINED], A.ACTIVE), ([A.CANCELLED], A.PROPOSED),
                                          ([], A.ACTIVE), ([], A.COMPLETED), ([A.CONTACTED], A.PROPOSED)])
def test_an_assignment_cannot_skip_or_leave_a_final_status(path, refused):
    item = assignment()
    for status in path:
        item = arules.change_status(item, status, TODAY)
    with pytest.raises(ValidationError) as caught:
        arules.change_status(item, refused, TODAY)
    assert caught.value.errors["status"] == f"An assignment cannot go from {item.status.value} to {refused.value}."


def test_declining_ends_the_assignment_and_the_same_status_changes_nothing():
    item = assignment()
    assert arules.change_status(item, A.PROPOSED, TODAY) is item
    declined = arules.change_status(item, A.DECLINED, TODAY)
    assert declined.ended_on == TODAY and declined.started_on is None
    assert arules.OPEN | arules.CLOSED == set(A) and not arules.OPEN & arules.CLOSED


@pytest.mark.parametrize("entry,field,message", [
    (HoursEntry(TODAY + dt.timedelta(days=1), 60), "day", "future"),
    (HoursEntry(TODAY, 0), "minutes", "more than 0"),
    (HoursEntry(TODAY, -30), "minutes", "more than 0"),
    (HoursEntry(TODAY, 24 * 60 + 1), "minutes", "at most 24 hours"),
    (HoursEntry(TODAY, 60, "x" * 201), "activity", "At most 200"),
])
def test_bad_hours_are_named(entry, field, message):
    assert message in validate_hours(entry, TODAY)[field]


def test_good_hours_pass():
    assert validate_hours(HoursEntry(TODAY, 24 * 60, "Begleitung"), TODAY) == {}
    assert validate_hours(HoursEntry(TODAY - dt.timedelta(days=400), 1), TODAY) == {}


@pytest.mark.parametrize("text,minutes", [
    ("1,5", 90), ("1.5", 90), ("1:30", 90), ("90 min", 90), ("90min", 90), ("2h", 120), ("2", 120),
    (" 0,25 ", 15), ("0:05", 5), ("1,5h", 90),
    ("", None), ("zwei", None), ("1:5", None), ("1:75", None), ("1:ab", None), ("min", None), (None, None),
])
def test_parse_hours(text, minutes):
    assert parse_hours(text) == minutes
