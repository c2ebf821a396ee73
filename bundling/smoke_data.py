"""Data for the smoke test, made with the development package (the .venv the build runs in), as the CLI tests
make theirs (tests/cli/test_cli_certificates.py): an organisation ready to issue certificates and a finished
course whose two participants, a Turkish and an Arabic name, were present at both sessions. Generated names."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

TURKISH = ("Şükrü", "Yılmaz")
ARABIC = ("ليلى", "حداد")
COURSE_TITLE = "Grundkurs Ehrenamt"


def prepare(data_dir: Path, today: dt.date | None = None) -> dict[str, str]:
    """Fill the new data folder ``data_dir``; returns the course's reference and the two full names."""
    from kommandesk import paths as paths_mod
    from kommandesk.domain.trainings import Course, CourseStatus, Presence, Session
    from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
    from kommandesk.services.context import Services

    today = today or dt.date.today()
    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    services = Services.open(paths)
    try:
        org = services.organisation.get()
        services.organisation.save(dataclasses.replace(
            org, name="KI Musterstadt", street="Marktplatz 1", postcode="50667", town="Musterstadt",
            signatory_name="Erika Mustermann", signatory_role="Leitung", certificate_prefix="KD"))
        consent = Consent(today - dt.timedelta(days=30), frozenset({ConsentPurpose.CONTACT}), "smoke")
        people = [services.volunteers.create(Volunteer(first_name=first, last_name=last, status=Status.ACTIVE,
                                                       consent=consent), confirmed_duplicate=True)
                  for first, last in (TURKISH, ARABIC)]
        trainings = services.trainings
        course = trainings.create_course(Course(title=COURSE_TITLE, capacity=5, status=CourseStatus.OPEN,
                                                trainers="Ayşe Demir"))
        sessions = [trainings.add_session(Session(course.id, today - dt.timedelta(days=days), dt.time(9),
                                                  dt.time(12))) for days in (14, 7)]
        for person in people:
            registration = trainings.register(course.id, person.id)
            for session in sessions:
                trainings.record(session.id, registration.id, Presence.PRESENT)
        trainings.complete_course(course.id)
        return {"course": course.reference, "turkish": " ".join(TURKISH), "arabic": " ".join(ARABIC)}
    finally:
        services.close()
