"""Registrations and attendance of a course, for TrainingService (services/trainings.py): the waiting list and who
moves up, recording attendance, eligibility, completing a course, and the volunteer's trainings.

Each public method is one transaction: a refused call writes nothing.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from kommandesk.domain import trainings as rules
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.search_text import fold
from kommandesk.domain.trainings import (
    TAKES_A_PLACE, Attendance, Course, CourseStatus, Eligibility, Presence, Registration, RegistrationStatus,
)
from kommandesk.domain.validation import check_length, clean_text
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.store.clock import utc_now
from kommandesk.store.db import Store
from kommandesk.store.trainings_repo import TrainingRepository

if TYPE_CHECKING:
    from kommandesk.services.trainings import CourseRow, EligibilityRow, Participant
    from kommandesk.services.volunteers import VolunteerService

CLOSED = (CourseStatus.CANCELLED, CourseStatus.FINISHED)
_ORDER = {RegistrationStatus.REGISTERED: 0, RegistrationStatus.COMPLETED: 0, RegistrationStatus.WAITING: 1,
          RegistrationStatus.CANCELLED: 2}


def _add_note(note: str, line: str) -> str:
    return f"{note}\n{line}" if note else line


class RegistrationDesk:
    def __init__(self, store: Store, repo: TrainingRepository, volunteers: "VolunteerService",
                 today: Callable[[], date], user: Callable[[], str]):
        self._store = store
        self._repo = repo
        self._volunteers = volunteers
        self._today = today
        self._user = user

    # -- registering -------------------------------------------------------------------------------------------

    @staticmethod
    def _check_open(course: Course) -> None:
        if course.status is CourseStatus.CANCELLED:
            raise KommanDeskError(_("The course {title} was cancelled: no one can register for it.").format(
                title=course.title))
        if course.status is CourseStatus.FINISHED:
            raise KommanDeskError(_("The course {title} is finished: no one can register for it any more.").format(
                title=course.title))

    def register(self, course: Course, volunteer_id: str) -> Registration:
        self._check_open(course)
        vol = self._volunteers.get(volunteer_id)
        from kommandesk.domain.volunteers import Status

        if vol.status is Status.ARCHIVED:
            raise KommanDeskError(_("{name} is archived and cannot be registered.").format(
                name=f"{vol.first_name} {vol.last_name}"))
        with self._store.db.atomic():
            return self._register(course, vol.id, f"{vol.first_name} {vol.last_name}")

    def _register(self, course: Course, volunteer_id: str, name: str) -> Registration:
        """The caller holds the transaction."""
        existing = self._repo.open_registration(course.id, volunteer_id)
        if existing is not None:
            raise self._twice(existing, name)
        free = self._repo.taken_places(course.id) < course.capacity
        status = RegistrationStatus.REGISTERED if free else RegistrationStatus.WAITING
        try:
            registration_id = self._repo.insert_registration(Registration(course.id, volunteer_id, status))
        except sqlite3.IntegrityError:  # registered at the same moment elsewhere (the unique index)
            raise self._twice(self._repo.open_registration(course.id, volunteer_id), name) from None
        return self.get(registration_id)

    @staticmethod
    def _twice(existing: Registration | None, name: str) -> KommanDeskError:
        if existing is not None and existing.status is RegistrationStatus.WAITING:
            return KommanDeskError(_("{name} is already on the waiting list of this course.").format(name=name))
        return KommanDeskError(_("{name} is already registered for this course.").format(name=name))

    def register_new_person(self, course: Course, first_name: str, last_name: str, email: str, phone: str,
                            confirmed_duplicate: bool) -> Registration:
        self._check_open(course)
        vol = dataclasses.replace(self._volunteers.new(), first_name=first_name, last_name=last_name, email=email,
                                  phone=phone)
        with self._store.db.atomic():  # the profile is kept only when the registration is
            saved = self._volunteers.create(vol, confirmed_duplicate=confirmed_duplicate)
            return self._register(course, saved.id, f"{saved.first_name} {saved.last_name}")

    def get(self, registration_id: str) -> Registration:
        registration = self._repo.get_registration(registration_id) if registration_id else None
        if registration is None:
            raise KommanDeskError(_("This registration does not exist (any more)."))
        if registration.status is RegistrationStatus.WAITING:
            order = [r.id for r in self._repo.waiting(registration.course_id)]
            registration = dataclasses.replace(registration, position=order.index(registration.id) + 1)
        return registration

    def cancel(self, registration_id: str, reason: str) -> Registration | None:
        registration = self.get(registration_id)
        reason = clean_text(reason)
        message = check_length(reason, 300)
        if message:
            raise ValidationError({"reason": message})
        if registration.status is RegistrationStatus.CANCELLED:
            raise KommanDeskError(_("This registration was cancelled already."))
        if registration.status is RegistrationStatus.COMPLETED:
            raise KommanDeskError(_("This course was completed: its registration cannot be cancelled any more."))
        row = self._repo.participant_row(registration_id)
        name = f"{row['first_name']} {row['last_name']}"
        line = (_("Cancelled on {date}: {reason}") if reason else _("Cancelled on {date}.")).format(
            date=format_date(self._today()), reason=reason)
        course = self._repo.get_course(registration.course_id)
        with self._store.db.atomic():
            self._repo.set_registration(registration_id, RegistrationStatus.CANCELLED,
                                        _add_note(registration.note, line))
            moved = []
            if registration.status is RegistrationStatus.REGISTERED and course.status not in CLOSED:
                moved = self.fill_places(course, _("Moved up from the waiting list on {date}: {name} cancelled."),
                                         name=name)
        return self.get(moved[0]) if moved else None

    def fill_places(self, course: Course, template: str, **values) -> list[str]:
        """Move people up from the waiting list, in order, while places are free (the caller holds the
        transaction); the note of each says why. Their registration ids."""
        free = course.capacity - self._repo.taken_places(course.id)
        moved = []
        for registration in self._repo.waiting(course.id)[:max(0, free)]:
            line = template.format(date=format_date(self._today()), **values)
            self._repo.set_registration(registration.id, RegistrationStatus.REGISTERED,
                                        _add_note(registration.note, line))
            moved.append(registration.id)
        return moved

    def participants(self, course_id: str, include_cancelled: bool) -> list["Participant"]:
        from kommandesk.services.trainings import Participant

        found, position = [], 0
        for row in self._repo.participant_rows(course_id):  # in the order of registration
            status = RegistrationStatus(row["status"])
            if status is RegistrationStatus.CANCELLED and not include_cancelled:
                continue
            place = None
            if status is RegistrationStatus.WAITING:
                position += 1
                place = position
            found.append(Participant(
                registration_id=row["id"], volunteer_id=row["volunteer_id"],
                volunteer_reference=row["volunteer_reference"], first_name=row["first_name"],
                last_name=row["last_name"], email=row["email"], status=status, position=place,
                registered_at=row["registered_at"], note=row["note"]))

        def key(p: Participant) -> tuple:
            group = _ORDER[p.status]
            if group == 0:
                return group, fold(p.last_name), fold(p.first_name), p.registered_at
            return group, "", "", p.registered_at  # the waiting list and the cancelled in order

        return sorted(found, key=key)

    # -- attendance --------------------------------------------------------------------------------------------

    def record_many(self, session_id: str, items: Sequence[tuple[str, Presence, int | None, str]]) -> list[Attendance]:
        session = self._repo.get_session(session_id) if session_id else None
        if session is None:
            raise KommanDeskError(_("This session does not exist (any more)."))
        if session.cancelled:
            raise ValidationError({"presence": _("This session was cancelled: no attendance can be recorded "
                                                 "for it.")})
        user, now = clean_text(self._user())[:100], utc_now()
        records = []
        for registration_id, presence, minutes, reason in items:
            registration = self._repo.get_registration(registration_id) if registration_id else None
            if registration is None or registration.course_id != session.course_id:
                raise KommanDeskError(_("This person is not registered for this course."))
            if registration.status not in TAKES_A_PLACE:
                raise KommanDeskError(_("Attendance is recorded only for people with a place in the course "
                                        "(not for the waiting list or a cancelled registration)."))
            if isinstance(minutes, bool) or (minutes is not None and not isinstance(minutes, int)):
                raise ValidationError({"minutes": _("Enter the minutes as a whole number.")})
            record = Attendance(session_id, registration_id, Presence(presence), minutes,
                                clean_text(reason), user, now)
            rules.check(rules.validate_attendance(record, session))
            records.append(record)
        with self._store.db.atomic():
            self._repo.put_attendance(records)
        return records

    def eligibility(self, course: Course) -> list["EligibilityRow"]:
        from kommandesk.services.trainings import EligibilityRow

        sessions = self._repo.sessions(course.id)
        by_registration: dict[str, dict[str, Attendance]] = {}
        for record in self._repo.attendance(course.id):
            by_registration.setdefault(record.registration_id, {})[record.session_id] = record
        rows = []
        for participant in self.participants(course.id, include_cancelled=False):
            if participant.status not in TAKES_A_PLACE:
                continue
            records = by_registration.get(participant.registration_id, {})
            rows.append(EligibilityRow(participant, rules.eligibility(
                participant.registration_id, sessions, records, course.min_attendance_percent), records))
        return rows

    def complete(self, course: Course) -> int:
        eligible = [row.participant.registration_id for row in self.eligibility(course) if row.eligibility.eligible
                    and row.participant.status is RegistrationStatus.REGISTERED]
        with self._store.db.atomic():
            self._repo.set_course_status(course.id, CourseStatus.FINISHED)
            for registration_id in eligible:
                registration = self._repo.get_registration(registration_id)
                self._repo.set_registration(registration_id, RegistrationStatus.COMPLETED, registration.note)
        return len(eligible)

    # -- the volunteer's side ----------------------------------------------------------------------------------

    def trainings_of(self, volunteer_id: str) -> list[tuple["CourseRow", RegistrationStatus, Eligibility | None]]:
        from kommandesk.services.trainings import course_row

        registrations = [r for r in self._repo.registrations_of(volunteer_id)
                         if r.status is not RegistrationStatus.CANCELLED]
        if not registrations:
            return []
        rows = {row["id"]: course_row(row) for row in self._repo.course_rows(
            course_ids=[r.course_id for r in registrations])}
        records: dict[str, dict[str, Attendance]] = {}
        for record in self._repo.attendance_of([r.id for r in registrations]):
            records.setdefault(record.registration_id, {})[record.session_id] = record
        found = []
        for registration in registrations:
            course = self._repo.get_course(registration.course_id)
            result = None
            if registration.status in TAKES_A_PLACE:
                result = rules.eligibility(registration.id, self._repo.sessions(course.id),
                                           records.get(registration.id, {}), course.min_attendance_percent)
            found.append((rows[registration.course_id], registration.status, result))
        found.sort(key=lambda item: (item[0].first_day or date.max, item[0].reference), reverse=True)
        return found
