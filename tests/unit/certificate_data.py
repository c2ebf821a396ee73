"""An organisation ready to issue certificates and a course with attendance, built through the real services
(certificate store, service and batch tests). Names are made up."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from kommandesk.domain.organisation import Organisation
from kommandesk.domain.trainings import Presence, Session, TimeUnit
from kommandesk.services.certificates import CertificateService
from kommandesk.services.trainings import TrainingService
from kommandesk.services.volunteers import VolunteerService
from kommandesk.store.organisation_repo import OrganisationRepository

TODAY = dt.date(2026, 3, 20)
FIRST_DAY = dt.date(2026, 3, 2)
ORGANISATION = Organisation(name="Kommunales Integrationszentrum Musterstadt", street="Domstraße 1", postcode="50667",
                            town="Musterstadt", signatory_name="Dr. Ute Beispiel", signatory_role="Leitung")


def png(colour=(0, 100, 180), size=(60, 24)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def ready(services, **changes) -> Organisation:
    """Save the organisation with everything a certificate needs (``changes`` on top)."""
    return services.organisation.save(dataclasses.replace(ORGANISATION, **changes))


def save_unchecked(services, org: Organisation) -> None:
    """Store the organisation as it is, past the checks (a logo that went bad after it was saved)."""
    OrganisationRepository(services.store).save(org)


def certificates(services, today=lambda: TODAY) -> CertificateService:
    """A certificate service whose today is fixed (the year of the numbers)."""
    volunteers = VolunteerService(services.store, services.organisation, today=today)
    return CertificateService(services.store, TrainingService(services.store, volunteers, today=today), volunteers,
                              today=today)


def course(services, people, sessions: int = 4, minimum: int = 80, title: str = "Grundkurs Flüchtlingshilfe",
           unit: TimeUnit = TimeUnit.HOURS, **values):
    """A course with ``sessions`` sessions of 90 minutes a week apart; ``people``: (first, last, sessions present).
    Returns (course, {last name: Participant})."""
    trainings = services.trainings
    made = trainings.create_course(dataclasses.replace(
        trainings.new_course(), title=title, capacity=max(len(people), 1), unit=unit,
        min_attendance_percent=minimum, topics=("Asylverfahren", "Rollen im Ehrenamt"), trainers="Frau Peters",
        funding_tag="KOMM-AN NRW II D", **values))
    held = [trainings.add_session(Session(made.id, FIRST_DAY + dt.timedelta(days=7 * n), dt.time(10, 0),
                                          dt.time(11, 30), place="Raum 1")) for n in range(sessions)]
    registrations = []
    for first, last, present in people:
        vol = dataclasses.replace(services.volunteers.new(), first_name=first, last_name=last,
                                  birth_date=dt.date(1990, 5, 17))
        registration = trainings.register(made.id, services.volunteers.create(vol, confirmed_duplicate=True).id)
        registrations.append((registration.id, present))
    for registration_id, present in registrations:
        for session in held[:present]:
            trainings.record(session.id, registration_id, Presence.PRESENT)
    return made, {p.last_name: p for p in trainings.participants(made.id)}
