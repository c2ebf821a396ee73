"""Trainings for volunteers: courses, their sessions, registrations with a waiting list, attendance, and
eligibility for a certificate (no Qt, no SQL).

Time is kept in minutes. A course's planned time is the sum of its sessions that are not cancelled; a participant's
attended time is the sum over those sessions of the minutes they were there (present: the whole session unless
minutes are given for a late arrival or an early leave; excused and absent: none). Eligible means attended time
>= the course's minimum share of the planned time (80 % by default).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import Enum

from kommandesk.domain import validation as v
from kommandesk.domain.errors import ValidationError
from kommandesk.i18n import _, pgettext

TEACHING_UNIT_MINUTES = 45
MAX_CAPACITY = 500
MAX_TOPICS = 40


class CourseStatus(str, Enum):
    PLANNED = "planned"
    OPEN = "open"  # open for registration
    RUNNING = "running"
    FINISHED = "finished"
    CANCELLED = "cancelled"

    def label(self) -> str:
        return {CourseStatus.PLANNED: pgettext("course status", "planned"),
                CourseStatus.OPEN: pgettext("course status", "open for registration"),
                CourseStatus.RUNNING: pgettext("course status", "running"),
                CourseStatus.FINISHED: pgettext("course status", "finished"),
                CourseStatus.CANCELLED: pgettext("course status", "cancelled")}[self]


class TimeUnit(str, Enum):
    HOURS = "hours"
    TEACHING_UNITS = "teaching_units"  # Unterrichtseinheiten of 45 minutes

    def label(self) -> str:
        return {TimeUnit.HOURS: pgettext("time unit", "hours"),
                TimeUnit.TEACHING_UNITS: pgettext("time unit", "teaching units (45 minutes)")}[self]

    def amount(self, minutes: int) -> float:
        """Minutes in this unit (certificates show it): 90 minutes = 1.5 hours = 2 teaching units."""
        return minutes / (60 if self is TimeUnit.HOURS else TEACHING_UNIT_MINUTES)


class RegistrationStatus(str, Enum):
    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    COMPLETED = "completed"

    def label(self) -> str:
        return {RegistrationStatus.REGISTERED: pgettext("registration status", "registered"),
                RegistrationStatus.WAITING: pgettext("registration status", "waiting list"),
                RegistrationStatus.CANCELLED: pgettext("registration status", "cancelled"),
                RegistrationStatus.COMPLETED: pgettext("registration status", "completed")}[self]


TAKES_A_PLACE = frozenset({RegistrationStatus.REGISTERED, RegistrationStatus.COMPLETED})


class Presence(str, Enum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"

    def label(self) -> str:
        return {Presence.PRESENT: pgettext("attendance", "present"),
                Presence.ABSENT: pgettext("attendance", "absent"),
                Presence.EXCUSED: pgettext("attendance", "excused")}[self]


@dataclass
class Course:
    title: str = ""
    description: str = ""
    topics: tuple[str, ...] = ()  # one per line; printed on the certificate
    trainers: str = ""  # one or more names
    funding_tag: str = ""  # e.g. "KOMM-AN NRW II D"
    capacity: int = 20
    min_attendance_percent: int = 80
    unit: TimeUnit = TimeUnit.HOURS
    language: str = "de"  # ISO code of the language the course is held in
    status: CourseStatus = CourseStatus.PLANNED
    areas: tuple[str, ...] = ()  # ids of areas of help the course prepares for (matching: relevant trainings)
    id: str | None = None
    reference: str | None = None  # K-2026-0007, given by the store
    created_at: str | None = None
    updated_at: str | None = None

    def cleaned(self) -> "Course":
        topics = tuple(t for t in (v.clean_text(topic) for topic in self.topics) if t)
        return dataclasses.replace(self, title=v.clean_text(self.title),
                                   description=v.clean_text(self.description, multiline=True), topics=topics,
                                   trainers=v.clean_text(self.trainers), funding_tag=v.clean_text(self.funding_tag))


@dataclass
class Session:
    course_id: str | None
    day: dt.date
    start: dt.time
    end: dt.time
    place: str = ""  # address or room
    trainer: str = ""
    cancelled: bool = False
    cancel_reason: str = ""
    number: int | None = None  # 1, 2, ... in date order, given by the store
    id: str | None = None

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    def overlaps(self, other: "Session") -> bool:
        return self.day == other.day and self.start < other.end and other.start < self.end


@dataclass
class Registration:
    course_id: str
    volunteer_id: str
    status: RegistrationStatus = RegistrationStatus.REGISTERED
    registered_at: str | None = None  # UTC ISO timestamp: the waiting list's order
    position: int | None = None  # place on the waiting list (1 = next), None when not waiting
    note: str = ""  # e.g. "moved up from the waiting list on 03.03.2026 (Anna Berg cancelled)"
    id: str | None = None


@dataclass(frozen=True)
class Attendance:
    session_id: str
    registration_id: str
    presence: Presence
    minutes: int | None = None  # present for part of the session only; None: the whole session
    reason: str = ""  # why excused (or a note)
    recorded_by: str = ""
    recorded_at: str | None = None


@dataclass(frozen=True)
class Eligibility:
    registration_id: str
    attended_minutes: int
    planned_minutes: int
    min_percent: int

    @property
    def share(self) -> float:
        return self.attended_minutes / self.planned_minutes if self.planned_minutes else 0.0

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 79.9 % is not 80 %."""
        return int(self.share * 100 + 1e-9)

    @property
    def eligible(self) -> bool:
        return self.planned_minutes > 0 and self.attended_minutes * 100 >= self.min_percent * self.planned_minutes


def attended_minutes(session: Session, record: Attendance | None) -> int:
    if session.cancelled or record is None or record.presence is not Presence.PRESENT:
        return 0
    return session.minutes if record.minutes is None else min(record.minutes, session.minutes)


def eligibility(registration_id: str, sessions: list[Session], records: dict[str, Attendance],
                min_percent: int) -> Eligibility:
    """``records``: session id -> this participant's attendance."""
    held = [s for s in sessions if not s.cancelled]
    return Eligibility(registration_id, sum(attended_minutes(s, records.get(s.id)) for s in held),
                       sum(s.minutes for s in held), min_percent)


def validate_course(course: Course) -> dict[str, str]:
    errors: dict[str, str] = {}

    def add(name: str, message: str | None) -> None:
        if message and name not in errors:
            errors[name] = message

    add("title", v.check_required(course.title) or v.check_length(course.title, 200))
    add("description", v.check_length(course.description, 5000))
    add("trainers", v.check_length(course.trainers, 300))
    add("funding_tag", v.check_length(course.funding_tag, 100))
    if len(course.topics) > MAX_TOPICS:
        add("topics", _("At most {limit} topics, please.").format(limit=MAX_TOPICS))
    for topic in course.topics:
        add("topics", v.check_length(topic, 200))
    if not 1 <= course.capacity <= MAX_CAPACITY:
        add("capacity", _("Between 1 and {limit} places, please.").format(limit=MAX_CAPACITY))
    if not 1 <= course.min_attendance_percent <= 100:
        add("min_attendance_percent", _("Between 1 and 100 percent, please."))
    return errors


def validate_session(session: Session, others: list[Session]) -> dict[str, str]:
    """``others``: sessions on the same day in any course (a room cannot hold two sessions at once)."""
    errors: dict[str, str] = {}
    if session.end <= session.start:
        errors["end"] = _("The session ends before it starts.")
    place = v.clean_text(session.place).casefold()
    if "end" not in errors and place:
        for other in others:
            if other.id != session.id and not other.cancelled and v.clean_text(other.place).casefold() == place \
                    and session.overlaps(other):
                from kommandesk.i18n.formatting import format_time

                errors["place"] = _("{place} is taken at that time by another session ({start}–{end}).").format(
                    place=session.place, start=format_time(other.start), end=format_time(other.end))
                break
    for name, limit in (("place", 200), ("trainer", 200)):
        message = v.check_length(getattr(session, name), limit)
        if message and name not in errors:
            errors[name] = message
    return errors


def validate_attendance(record: Attendance, session: Session) -> dict[str, str]:
    errors: dict[str, str] = {}
    if session.cancelled:
        errors["presence"] = _("This session was cancelled: no attendance can be recorded for it.")
    if record.minutes is not None:
        if record.minutes < 0:
            errors["minutes"] = _("Minutes cannot be negative.")
        elif record.minutes > session.minutes:
            errors["minutes"] = _("The session lasts only {minutes} minutes.").format(minutes=session.minutes)
        elif record.presence is not Presence.PRESENT:
            errors["minutes"] = _("Minutes are only recorded for someone who was present.")
    message = v.check_length(record.reason, 300)
    if message:
        errors["reason"] = message
    return errors


def check(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)
