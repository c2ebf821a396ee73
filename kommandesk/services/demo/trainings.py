"""Demo courses for volunteers (KOMM-AN NRW funded): a finished basic course with its certificates' worth of
attendance, a running interpreting course (sessions past and coming, a late arrival, an excused absence), a full
child-protection course with a waiting list (one cancellation moved someone up) and a planned one.

Everything goes through TrainingService, so the demo data passes the same checks as typed data. The same seed
gives the same courses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass

from kommandesk.domain.trainings import Course, CourseStatus, Presence, Session, TimeUnit


@dataclass(frozen=True)
class DemoCourse:
    title: str
    description: str
    topics: tuple[str, ...]
    area_keys: tuple[str, ...]
    funding_tag: str
    capacity: int
    unit: TimeUnit
    status: CourseStatus
    weeks: tuple[int, ...]  # session days: weeks from this week's Tuesday (negative: past)
    times: tuple[tuple[int, int], tuple[int, int]]
    place: str
    trainer: str
    participants: int


COURSES = (
    DemoCourse("Basisqualifizierung Ehrenamt in der Flüchtlingshilfe",
               "Grundlagen für neue Ehrenamtliche: Rolle, Grenzen, Asylverfahren, Anlaufstellen vor Ort.",
               ("Rolle und Grenzen des Ehrenamts", "Ablauf des Asylverfahrens", "Interkulturelle Kommunikation",
                "Anlaufstellen und Hilfesystem in der Kommune"),
               ("escort", "everyday"), "KOMM-AN NRW II D", 12, TimeUnit.HOURS, CourseStatus.FINISHED,
               (-9, -8, -7, -6), ((17, 0), (20, 0)), "Rathaus, Raum 1.12", "Dr. Aylin Yılmaz", 12),
    DemoCourse("Sprachmittlung im Ehrenamt",
               "Dolmetschen bei Behörden- und Arztterminen: Haltung, Technik, Schweigepflicht.",
               ("Rolle der Sprachmittlerin / des Sprachmittlers", "Konsekutives Dolmetschen", "Schweigepflicht"),
               ("interpreting", "escort"), "KOMM-AN NRW II D", 10, TimeUnit.TEACHING_UNITS, CourseStatus.RUNNING,
               (-2, -1, 1, 2), ((9, 30), (12, 30)), "Volkshochschule, Raum 204", "Marek Kowalczyk", 10),
    DemoCourse("Kinderschutz in Unterkünften",
               "Kindeswohlgefährdung erkennen und richtig handeln; Schutzkonzepte der Unterkünfte.",
               ("Formen der Kindeswohlgefährdung", "Handlungsschritte nach § 8a SGB VIII"),
               ("childcare", "homework"), "KOMM-AN NRW II B", 6, TimeUnit.HOURS, CourseStatus.OPEN,
               (3, 4), ((18, 0), (21, 0)), "Familienzentrum Lindenstraße", "Sabine Becker", 9),
    DemoCourse("Traumasensibler Umgang mit Geflüchteten",
               "Belastungsreaktionen verstehen, stabilisierend begleiten, sich selbst schützen.",
               ("Trauma und Traumafolgen", "Stabilisierung im Alltag", "Selbstfürsorge"),
               ("everyday",), "KOMM-AN NRW II D", 16, TimeUnit.HOURS, CourseStatus.PLANNED,
               (8,), ((10, 0), (16, 0)), "Rathaus, Raum 1.12", "Nadia Haddad", 0),
)


def fill_trainings(services, *, seed: int, today: dt.date | None = None) -> dict[str, int]:
    """The demo courses with sessions, registrations and attendance, in one transaction; counts made."""
    from kommandesk.domain.volunteers import Status
    from kommandesk.services.trainings import TrainingService
    from kommandesk.services.volunteers import VolunteerQuery

    today = today or dt.date.today()
    rng = random.Random(seed * 31 + 6)
    people = [row.id for row in services.volunteers.page(
        VolunteerQuery(statuses=frozenset({Status.ACTIVE, Status.APPLICANT})), 0, 400)]
    if not people:
        return {}
    area_ids = {area.key: area.id for area in services.volunteers.areas() if area.key}
    trainings = TrainingService(services.store, services.volunteers, today=lambda: today,
                                user=lambda: "Demo-Koordination")
    tuesday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=1)
    made = {"courses": 0, "sessions": 0, "registrations": 0, "attendance": 0}
    with services.store.db.atomic():
        for plan in COURSES:
            status = plan.status if plan.status is CourseStatus.PLANNED else CourseStatus.OPEN
            course = trainings.create_course(Course(
                title=plan.title, description=plan.description, topics=plan.topics, trainers=plan.trainer,
                funding_tag=plan.funding_tag, capacity=plan.capacity, unit=plan.unit, status=status,
                areas=tuple(area_ids[key] for key in plan.area_keys if key in area_ids)))
            made["courses"] += 1
            sessions = [trainings.add_session(Session(
                course.id, tuesday + dt.timedelta(weeks=week), dt.time(*plan.times[0]), dt.time(*plan.times[1]),
                place=plan.place, trainer=plan.trainer)) for week in plan.weeks]
            made["sessions"] += len(sessions)
            chosen = rng.sample(people, min(plan.participants, len(people)))
            registrations = [trainings.register(course.id, vid) for vid in chosen]
            made["registrations"] += len(registrations)
            if plan.status is CourseStatus.OPEN and len(registrations) > plan.capacity:
                trainings.cancel_registration(registrations[1].id, "Terminkonflikt")  # the first waiting moves up
            held = [s for s in sessions if s.day < today]
            if plan.status is CourseStatus.FINISHED and len(sessions) > 2:
                trainings.cancel_session(sessions[2].id, "Referentin erkrankt")
                held.remove(sessions[2])
            seated = [p.registration_id for p in trainings.participants(course.id) if p.position is None]
            for index, session in enumerate(held):
                items = [(rid, *_presence(rng, index == 0 and number == 0, session))
                         for number, rid in enumerate(seated)]
                made["attendance"] += len(trainings.record_many(session.id, items))
            if plan.status is CourseStatus.FINISHED:
                trainings.complete_course(course.id)
            elif plan.status is not status:
                trainings.update_course(dataclasses.replace(trainings.get_course(course.id), status=plan.status))
    return made


def _presence(rng: random.Random, late: bool, session: Session) -> tuple[Presence, int | None, str]:
    """Most come; one arrives 45 minutes late to the first session, a few are excused or absent."""
    if late:
        return Presence.PRESENT, session.minutes - 45, "Bus verspätet"
    roll = rng.random()
    if roll < 0.05:
        return Presence.EXCUSED, None, rng.choice(("krank", "Kind krank", "Arbeit"))
    if roll < 0.07:
        return Presence.ABSENT, None, ""
    return Presence.PRESENT, None, ""
