"""Trainings: courses, their sessions (with the room check across courses), registrations with a waiting list,
attendance and eligibility for a certificate, the volunteer's trainings and what matching counts.

The UI, the CLI and the documents call exactly this (see the contract of issue 6, section A). The rules live in
domain/trainings.py, SQL in store/trainings_repo.py; registrations and attendance are in
services/course_registrations.py (``RegistrationDesk``), which this service hands its calls to.
Every write is one transaction: a refused write leaves nothing behind.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kommandesk.domain import trainings as rules
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.search_text import fold, tokens
from kommandesk.domain.trainings import (
    Attendance, Course, CourseStatus, Eligibility, Presence, Registration, RegistrationStatus, Session, TimeUnit,
)
from kommandesk.domain.validation import check_length, clean_text
from kommandesk.i18n import _, ngettext
from kommandesk.store.db import Store
from kommandesk.store.trainings_repo import TrainingRepository

if TYPE_CHECKING:
    from kommandesk.services.volunteers import VolunteerService

# offered in the funding tag field beside the tags used before
FUNDING_SUGGESTIONS = ("KOMM-AN NRW I", "KOMM-AN NRW II A", "KOMM-AN NRW II B", "KOMM-AN NRW II C",
                       "KOMM-AN NRW II D", "KOMM-AN NRW III")


@dataclass(frozen=True)
class CourseRow:
    id: str
    reference: str
    title: str
    status: CourseStatus
    funding_tag: str
    capacity: int
    registered: int  # registered and completed: the places taken
    waiting: int
    sessions: int  # not cancelled
    first_day: date | None
    last_day: date | None
    planned_minutes: int
    unit: TimeUnit


@dataclass(frozen=True)
class SessionRow:
    id: str
    number: int  # 1.. in date order, cancelled sessions included
    day: date
    start: object  # datetime.time
    end: object
    place: str
    trainer: str
    cancelled: bool
    minutes: int
    cancel_reason: str = ""


@dataclass(frozen=True)
class Participant:
    """A registration with the person's name, for lists, check-in and sheets."""

    registration_id: str
    volunteer_id: str
    volunteer_reference: str
    first_name: str
    last_name: str
    email: str
    status: RegistrationStatus
    position: int | None  # place on the waiting list, 1 = next
    registered_at: str
    note: str


@dataclass(frozen=True)
class EligibilityRow:
    participant: Participant
    eligibility: Eligibility
    attendance: Mapping[str, Attendance] = field(default_factory=dict)  # session id -> this participant's record


def os_user() -> str:
    """The name of the person logged in to the computer (recorded with attendance)."""
    import getpass
    import os

    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment and none in the password database
        return os.environ.get("USERNAME") or os.environ.get("USER") or ""


def course_row(row) -> CourseRow:
    def day(text: str | None) -> date | None:
        return date.fromisoformat(text) if text else None

    return CourseRow(id=row["id"], reference=row["reference"], title=row["title"], status=CourseStatus(row["status"]),
                     funding_tag=row["funding_tag"], capacity=row["capacity"], registered=row["registered"],
                     waiting=row["waiting"], sessions=row["sessions"], first_day=day(row["first_day"]),
                     last_day=day(row["last_day"]), planned_minutes=row["planned_minutes"], unit=TimeUnit(row["unit"]))


def session_rows(sessions: Sequence[Session]) -> list[SessionRow]:
    return [SessionRow(id=s.id, number=number, day=s.day, start=s.start, end=s.end, place=s.place, trainer=s.trainer,
                       cancelled=s.cancelled, minutes=s.minutes, cancel_reason=s.cancel_reason)
            for number, s in enumerate(sessions, 1)]


class TrainingService:
    def __init__(self, store: Store, volunteers: "VolunteerService", today: Callable[[], date] = date.today,
                 user: Callable[[], str] = os_user):
        from kommandesk.services.course_registrations import RegistrationDesk

        self._store = store
        self._volunteers = volunteers
        self._today = today
        self._user = user
        self._repo = TrainingRepository(store)
        self._desk = RegistrationDesk(store, self._repo, volunteers, today, user)

    def today(self) -> date:
        return self._today()

    def organisation(self):
        """The organisation's details for the heads of sign-in sheets and calendars."""
        return self._volunteers.organisation()

    # -- documents (the page and the CLI hand out the same) ----------------------------------------------------

    def signin_sheet(self, course_id: str, session_id: str, language: str) -> bytes:
        """The session's sign-in sheet (PDF) in ``language``: registered participants, free rows for walk-ins."""
        from kommandesk.documents.signin_sheet import signin_sheet

        course = self.get_course(course_id)
        session = next((row for row in self.sessions(course_id) if row.id == session_id), None)
        if session is None:
            raise KommanDeskError(_("This session does not exist (any more)."))
        return signin_sheet(self.organisation(), course, session, self.participants(course_id), language)

    def calendar(self, course_id: str) -> str:
        """The course's sessions as an iCalendar file (cancelled ones marked so)."""
        from kommandesk.interchange.icalendar import sessions_ics

        return sessions_ics(self.get_course(course_id), self.sessions(course_id), self.organisation().name)

    # -- courses -----------------------------------------------------------------------------------------------

    def new_course(self) -> Course:
        return Course()

    def get_course(self, course_id: str) -> Course:
        course = self._repo.get_course(course_id) if course_id else None
        if course is None:
            raise KommanDeskError(_("This course does not exist (any more)."))
        return course

    def get_course_by_reference(self, reference: str) -> Course:
        course = self._repo.get_course_by_reference(clean_text(reference).upper())
        if course is None:
            raise KommanDeskError(_("There is no course with the reference {reference}.").format(
                reference=clean_text(reference)))
        return course

    def validate_course(self, course: Course) -> dict[str, str]:
        """Field -> translated message for everything that stops saving (live form feedback)."""
        cleaned = course.cleaned()
        errors = rules.validate_course(cleaned)
        if "areas" not in errors and cleaned.areas:
            known = {area.id for area in self._volunteers.areas(include_retired=True)}
            if any(area_id not in known for area_id in cleaned.areas):
                errors["areas"] = _("An area of help does not exist (any more).")
        if "capacity" not in errors and cleaned.id is not None:
            taken = self._repo.taken_places(cleaned.id)
            if cleaned.capacity < taken:
                errors["capacity"] = ngettext(
                    "{count} person is registered already: the course needs at least {count} place.",
                    "{count} people are registered already: the course needs at least {count} places.",
                    taken).format(count=taken)
        return errors

    def _checked(self, course: Course) -> Course:
        cleaned = course.cleaned()
        rules.check(self.validate_course(cleaned))
        return cleaned

    def create_course(self, course: Course) -> Course:
        """Save a new course: gives id and reference K-YYYY-NNNN."""
        if course.id is not None:
            raise KommanDeskError(_("This course has been saved already."))
        cleaned = self._checked(course)
        with self._store.db.atomic():
            course_id = self._repo.insert_course(cleaned, self._today().year)
        return self.get_course(course_id)

    def update_course(self, course: Course) -> Course:
        """Save changes. Raising the capacity moves people up from the waiting list in order; lowering it below
        the places taken is refused."""
        if course.id is None:
            raise KommanDeskError(_("This course has not been saved yet."))
        stored = self.get_course(course.id)
        cleaned = self._checked(course)
        cleaned = dataclasses.replace(cleaned, reference=stored.reference, created_at=stored.created_at)
        with self._store.db.atomic():
            self._repo.update_course(cleaned)
            if cleaned.capacity > stored.capacity and cleaned.status not in (CourseStatus.CANCELLED,
                                                                             CourseStatus.FINISHED):
                self._desk.fill_places(cleaned, _("Moved up from the waiting list on {date}: the course now has "
                                                  "{capacity} places."), capacity=cleaned.capacity)
            if cleaned.status is CourseStatus.FINISHED and stored.status is not CourseStatus.FINISHED:
                self._desk.complete(cleaned)  # finished in the form: who attended enough has completed it
        return self.get_course(course.id)

    def list_courses(self, search: str = "", statuses: frozenset[CourseStatus] = frozenset()) -> list[CourseRow]:
        """Courses, the latest first day first (courses without sessions at the top); the search finds a prefix
        of any word of the title, reference, funding tag or trainers (folded: "fur" finds "Für")."""
        rows = self._repo.course_rows(sorted(CourseStatus(s).value for s in statuses))
        wanted = tokens(search)
        if wanted:
            rows = [row for row in rows if _matches(wanted, row)]
        return [course_row(row) for row in rows]

    def funding_tags(self) -> list[str]:
        """Tags used before (most recent first), then the programme's usual ones."""
        used = self._repo.funding_tags()
        return list(dict.fromkeys([*used, *FUNDING_SUGGESTIONS]))

    def course_row(self, course_id: str) -> CourseRow:
        rows = self._repo.course_rows(course_ids=[course_id])
        if not rows:
            raise KommanDeskError(_("This course does not exist (any more)."))
        return course_row(rows[0])

    # -- sessions ----------------------------------------------------------------------------------------------

    def sessions(self, course_id: str) -> list[SessionRow]:
        return session_rows(self._repo.sessions(course_id))

    def validate_session(self, session: Session) -> dict[str, str]:
        """Field -> message: the times, the lengths, and the same room at the same time (in any course)."""
        cleaned = _cleaned_session(session)
        errors = rules.validate_session(cleaned, self._repo.sessions_on(cleaned.day))
        if not cleaned.course_id or self._repo.get_course(cleaned.course_id) is None:
            errors.setdefault("course", _("This course does not exist (any more)."))
        return errors

    def _checked_session(self, session: Session) -> Session:
        cleaned = _cleaned_session(session)
        rules.check(self.validate_session(cleaned))
        return cleaned

    def add_session(self, session: Session) -> Session:
        if session.id is not None:
            raise KommanDeskError(_("This session has been saved already."))
        cleaned = self._checked_session(dataclasses.replace(session, cancelled=False))
        if self.get_course(cleaned.course_id).status is CourseStatus.CANCELLED:
            raise KommanDeskError(_("This course was cancelled: no sessions can be added."))
        with self._store.db.atomic():
            session_id = self._repo.insert_session(cleaned)
        return self.get_session(session_id)

    def update_session(self, session: Session) -> Session:
        """Move a session (a new day or times) or change its place or trainer; cancelled stays as it was."""
        stored = self.get_session(session.id) if session.id else None
        if stored is None:
            raise KommanDeskError(_("This session does not exist (any more)."))
        cleaned = self._checked_session(dataclasses.replace(session, course_id=stored.course_id,
                                                            cancelled=stored.cancelled))
        with self._store.db.atomic():
            self._repo.update_session(cleaned)
        return self.get_session(session.id)

    def get_session(self, session_id: str) -> Session:
        session = self._repo.get_session(session_id) if session_id else None
        if session is None:
            raise KommanDeskError(_("This session does not exist (any more)."))
        numbers = {s.id: number for number, s in enumerate(self._repo.sessions(session.course_id), 1)}
        return dataclasses.replace(session, number=numbers.get(session.id))

    def cancel_session(self, session_id: str, reason: str = "") -> None:
        """Mark the session cancelled, with the reason: it no longer counts for the planned time and takes no
        attendance (the attendance recorded so far is kept)."""
        session = self.get_session(session_id)
        reason = clean_text(reason)
        message = check_length(reason, 300)
        if message:
            raise ValidationError({"reason": message})
        if session.cancelled:
            return
        with self._store.db.atomic():
            self._repo.update_session(dataclasses.replace(session, cancelled=True, cancel_reason=reason))

    def planned_minutes(self, course_id: str) -> int:
        return sum(s.minutes for s in self._repo.sessions(course_id) if not s.cancelled)

    # -- registrations (services/course_registrations.py) ------------------------------------------------------

    def register(self, course_id: str, volunteer_id: str) -> Registration:
        """REGISTERED while places are free, else WAITING (never over capacity); refused when registered twice
        or when the course is cancelled or finished."""
        return self._desk.register(self.get_course(course_id), volunteer_id)

    def register_new_person(self, course_id: str, first_name: str, last_name: str, email: str = "",
                            phone: str = "", confirmed_duplicate: bool = False) -> Registration:
        """A person not yet in the volunteer file: saved as an applicant and registered, in one transaction.
        A DuplicateWarning (a profile looks like the same person) goes to the caller before anything is saved;
        call again with ``confirmed_duplicate=True``."""
        return self._desk.register_new_person(self.get_course(course_id), first_name, last_name, email, phone,
                                              confirmed_duplicate)

    def cancel_registration(self, registration_id: str, reason: str = "") -> Registration | None:
        """Free the place; the first on the waiting list moves up (its note records it). Returns the
        registration that moved up, or None."""
        return self._desk.cancel(registration_id, reason)

    def participants(self, course_id: str, include_cancelled: bool = False) -> list[Participant]:
        """Registered and completed by last name, then the waiting list in order, then the cancelled."""
        return self._desk.participants(course_id, include_cancelled)

    # -- attendance --------------------------------------------------------------------------------------------

    def attendance(self, course_id: str) -> dict[tuple[str, str], Attendance]:
        return {(a.session_id, a.registration_id): a for a in self._repo.attendance(course_id)}

    def record(self, session_id: str, registration_id: str, presence: Presence, minutes: int | None = None,
               reason: str = "") -> Attendance:
        return self._desk.record_many(session_id, [(registration_id, presence, minutes, reason)])[0]

    def record_many(self, session_id: str,
                    items: Sequence[tuple[str, Presence, int | None, str]]) -> list[Attendance]:
        """All or nothing: any bad item raises with nothing written."""
        return self._desk.record_many(session_id, items)

    def clear(self, session_id: str, registration_id: str) -> None:
        with self._store.db.atomic():
            self._repo.delete_attendance(session_id, registration_id)

    def eligibility(self, course_id: str) -> list[EligibilityRow]:
        """Every registered or completed participant: attended / planned time and whether it reaches the course's
        minimum, with the records per session."""
        return self._desk.eligibility(self.get_course(course_id))

    def complete_course(self, course_id: str) -> int:
        """The course becomes finished; eligible participants' registrations become completed. Their count."""
        course = self.get_course(course_id)
        if course.status is CourseStatus.CANCELLED:
            raise KommanDeskError(_("This course was cancelled: it cannot be completed."))
        return self._desk.complete(course)

    # -- the volunteer's side ----------------------------------------------------------------------------------

    def trainings_of(self, volunteer_id: str) -> list[tuple[CourseRow, RegistrationStatus, Eligibility | None]]:
        """The volunteer's courses (not cancelled registrations), the latest first; eligibility for those who
        take a place, None on the waiting list."""
        return self._desk.trainings_of(volunteer_id)

    def completed_by_area(self) -> dict[str, dict[str, int]]:
        """Area id -> volunteer id -> completed courses tagged with that area (matching)."""
        return self._repo.completed_by_area()


def _cleaned_session(session: Session) -> Session:
    return dataclasses.replace(session, place=clean_text(session.place), trainer=clean_text(session.trainer))


def _matches(wanted: list[str], row) -> bool:
    found = tokens(" ".join((row["title"], row["reference"], row["funding_tag"], row["trainers"]))) \
        + [fold(row["reference"])]  # split as the search words are: "(Teil 2)" and "<b>Ehrenamt</b>" are words
    return all(any(word.startswith(token) for word in found) for token in wanted)
