"""The rules of trainings without a database: planned and attended time, eligibility at the edges, the checks of a
course, a session and an attendance record, and the units certificates show."""

from __future__ import annotations

import datetime as dt

import pytest

from kommandesk.domain import trainings as rules
from kommandesk.domain.errors import ValidationError
from kommandesk.domain.trainings import (
    TAKES_A_PLACE, Attendance, Course, CourseStatus, Eligibility, Presence, RegistrationStatus, Session, TimeUnit,
)

DAY = dt.date(2026, 3, 3)


def session(sid: str, start=(9, 0), end=(12, 0), day=DAY, place="Raum 1", cancelled=False) -> Session:
    return Session("c1", day, dt.time(*start), dt.time(*end), place=place, cancelled=cancelled, id=sid)


def present(sid: str, minutes: int | None = None) -> Attendance:
    return Attendance(sid, "r1", Presence.PRESENT, minutes)


def test_session_minutes_and_overlap():
    a, b = session("a", (9, 0), (12, 0)), session("b", (11, 30), (13, 0))
    assert a.minutes == 180 and b.minutes == 90
    assert a.overlaps(b) and b.overlaps(a)
    assert not a.overlaps(session("c", (12, 0), (13, 0)))  # one ends when the next begins: no overlap
    assert not a.overlaps(session("d", day=DAY + dt.timedelta(days=1)))


def test_attended_minutes_whole_late_absent_excused_cancelled():
    s = session("s")  # 180 minutes
    assert rules.attended_minutes(s, present("s")) == 180
    assert rules.attended_minutes(s, present("s", 135)) == 135  # came 45 minutes late
    assert rules.attended_minutes(s, present("s", 500)) == 180  # never more than the session
    assert rules.attended_minutes(s, Attendance("s", "r1", Presence.ABSENT)) == 0
    assert rules.attended_minutes(s, Attendance("s", "r1", Presence.EXCUSED, reason="krank")) == 0
    assert rules.attended_minutes(s, None) == 0
    assert rules.attended_minutes(session("x", cancelled=True), present("x")) == 0


def test_eligibility_with_a_late_arrival_and_a_cancelled_session():
    sessions = [session("a", (9, 0), (12, 0)), session("b", (9, 0), (12, 0), day=DAY + dt.timedelta(days=7)),
                session("c", (9, 0), (12, 0), day=DAY + dt.timedelta(days=14), cancelled=True),
                session("d", (9, 0), (11, 0), day=DAY + dt.timedelta(days=21))]
    # planned: 180 + 180 + 120 = 480 (the cancelled one does not count); attended: 180 + 150 (late) + 60 = 390
    records = {"a": present("a"), "b": present("b", 150), "c": present("c"), "d": present("d", 60)}
    result = rules.eligibility("r1", sessions, records, 80)
    assert (result.attended_minutes, result.planned_minutes) == (390, 480)
    assert result.percent == 81 and result.eligible
    assert not rules.eligibility("r1", sessions, records, 90).eligible


def test_exactly_80_percent_is_eligible_and_a_minute_less_is_not():
    sessions = [session("a", (9, 0), (11, 30))]  # 150 minutes: 80 % = 120
    assert rules.eligibility("r1", sessions, {"a": present("a", 120)}, 80).eligible
    short = rules.eligibility("r1", sessions, {"a": present("a", 119)}, 80)
    assert not short.eligible and short.percent == 79  # 79.33 % shown rounded down, never up to 80


def test_percent_rounds_down_and_is_exact_at_whole_values():
    assert Eligibility("r", 799, 1000, 80).percent == 79  # 79.9 % is not 80 %
    assert not Eligibility("r", 799, 1000, 80).eligible
    assert Eligibility("r", 800, 1000, 80).percent == 80 and Eligibility("r", 800, 1000, 80).eligible
    assert Eligibility("r", 56, 70, 80).percent == 80  # 0.8 exactly despite floating point
    assert Eligibility("r", 1, 3, 33).eligible and Eligibility("r", 1, 3, 34).eligible is False
    assert Eligibility("r", 0, 0, 80).percent == 0 and not Eligibility("r", 0, 0, 80).eligible  # nothing planned


def test_no_records_means_nothing_attended():
    result = rules.eligibility("r1", [session("a")], {}, 80)
    assert (result.attended_minutes, result.planned_minutes, result.eligible) == (0, 180, False)


def test_time_units():
    assert TimeUnit.HOURS.amount(90) == 1.5
    assert TimeUnit.TEACHING_UNITS.amount(90) == 2
    assert TimeUnit.TEACHING_UNITS.label() and TimeUnit.HOURS.label()


def test_statuses_have_labels_and_places():
    assert TAKES_A_PLACE == {RegistrationStatus.REGISTERED, RegistrationStatus.COMPLETED}
    for enum in (CourseStatus, RegistrationStatus, Presence, TimeUnit):
        assert all(member.label() for member in enum)


def test_a_good_course_passes_and_is_cleaned():
    course = Course(title="  Basisqualifizierung \n Ehrenamt ", topics=(" Rollen ", "", "Nähe und Distanz"))
    cleaned = course.cleaned()
    assert cleaned.title == "Basisqualifizierung Ehrenamt" and cleaned.topics == ("Rollen", "Nähe und Distanz")
    assert rules.validate_course(cleaned) == {}


@pytest.mark.parametrize("changes, field", [
    ({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"capacity": 0}, "capacity"),
    ({"capacity": rules.MAX_CAPACITY + 1}, "capacity"), ({"min_attendance_percent": 0}, "min_attendance_percent"),
    ({"min_attendance_percent": 101}, "min_attendance_percent"), ({"topics": ("t",) * 41}, "topics"),
    ({"topics": ("x" * 201,)}, "topics"), ({"funding_tag": "x" * 101}, "funding_tag"),
])
def test_a_bad_course_is_refused_beside_its_field(changes, field):
    import dataclasses

    errors = rules.validate_course(dataclasses.replace(Course(title="Kurs"), **changes))
    assert set(errors) == {field} and errors[field]
    with pytest.raises(ValidationError) as caught:
        rules.check(errors)
    assert caught.value.errors == errors


def test_a_session_ending_before_it_starts_is_refused():
    errors = rules.validate_session(session("a", (12, 0), (9, 0)), [])
    assert errors == {"end": "The session ends before it starts."}
    assert "end" in rules.validate_session(session("a", (9, 0), (9, 0)), [])  # no length at all


def test_the_same_room_at_the_same_time_is_refused_case_and_spaces_ignored():
    other = session("o", (10, 0), (11, 0), place="Raum 1")
    errors = rules.validate_session(session("a", place=" raum  1 "), [other])
    assert "place" in errors and "10:00" in errors["place"]
    assert rules.validate_session(session("a", place="Raum 2"), [other]) == {}
    assert rules.validate_session(session("a", (11, 0), (12, 0)), [other]) == {}  # back to back is fine
    assert rules.validate_session(session("a"), [session("o", cancelled=True)]) == {}  # a cancelled one frees it
    assert rules.validate_session(session("a"), [session("a")]) == {}  # itself, when it is moved
    assert rules.validate_session(session("a", place=""), [session("o", place="")]) == {}  # no place, no clash


def test_attendance_checks():
    s = session("s")
    assert rules.validate_attendance(present("s", 30), s) == {}
    assert rules.validate_attendance(present("s", -1), s) == {"minutes": "Minutes cannot be negative."}
    assert "minutes" in rules.validate_attendance(present("s", 181), s)
    assert "minutes" in rules.validate_attendance(Attendance("s", "r1", Presence.ABSENT, 30), s)
    assert "presence" in rules.validate_attendance(present("s"), session("x", cancelled=True))
    assert "reason" in rules.validate_attendance(Attendance("s", "r1", Presence.EXCUSED, reason="x" * 301), s)
