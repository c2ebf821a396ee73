"""Requests and volunteers saved through the services, for the CLI tests of `requests` and `match`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kommandesk import paths as paths_mod
from kommandesk.domain.availability import Availability, Period
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import GenderPreference, RequestConsent, SupportRequest, Urgency
from kommandesk.domain.schedule import Appointment, Recurrence
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer


def next_weekday(today: dt.date, weekday: int) -> dt.date:
    """The first such weekday at least a week after today."""
    day = today + dt.timedelta(days=7)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def fill(data_dir: Path) -> dict[str, str]:
    """Volunteers Anna (fits: Dari C1, Tuesday mornings), Ben (Dari A2: a near miss), Cem (applicant, no Dari);
    requests Amina (Dari B1, an appointment on a Tuesday morning, high urgency, consent, hours logged on an
    earlier assignment: none), Olena (weekly, postcode 99999 not in the table), Tesfay (Tigrinya: no one fits),
    Otto (no consent, cancelled)."""
    from kommandesk.services.context import Services

    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    services = Services.open(paths)
    try:
        vols, reqs = services.volunteers, services.requests
        today = vols.today()
        escort = next(area for area in vols.areas() if area.key == "escort")
        consent = Consent(today - dt.timedelta(days=30), frozenset({ConsentPurpose.CONTACT}), "2025-02")
        tuesday = next_weekday(today, 1)
        week = Availability(frozenset({(1, Period.MORNING), (3, Period.AFTERNOON)}))

        def volunteer(first: str, last: str, dari: Level | None, status: Status = Status.ACTIVE) -> Volunteer:
            langs = (LanguageSkill("de", Level.NATIVE),) + ((LanguageSkill("prs", dari),) if dari else ())
            return vols.create(Volunteer(first_name=first, last_name=last, postcode="50667", town="Köln",
                                         status=status, consent=consent if status is Status.ACTIVE else None,
                                         languages=langs, areas=(escort.id,), availability=week, max_assignments=2))

        anna = volunteer("Anna", "Berg", Level.C1)
        ben = volunteer("Ben", "Kaya", Level.A2)
        cem = volunteer("Cem", "Yilmaz", None, Status.APPLICANT)
        agreed = RequestConsent(today - dt.timedelta(days=2), "data passed to the matched volunteer")
        amina = reqs.create(SupportRequest(
            person="Amina", household_size=4, person_languages=("prs", "fa"), site="ZUE Köln",
            site_contact="Frau Berg", area_id=escort.id,
            languages=(LanguageSkill("prs", Level.B1), LanguageSkill("fa", Level.B1)), gender=GenderPreference.ANY,
            postcode="50667", appointment=Appointment(tuesday, dt.time(9), dt.time(11, 30)), urgency=Urgency.HIGH,
            description="Termin Ausländerbehörde", consent=agreed, received_on=today))
        olena = reqs.create(SupportRequest(
            person="Olena", site="Heim Süd", area_id=escort.id, languages=(LanguageSkill("prs", Level.A2),),
            postcode="99999", recurrence=Recurrence(frozenset({(3, Period.AFTERNOON)}), tuesday, None),
            consent=agreed, received_on=today))
        tesfay = reqs.create(SupportRequest(
            person="Tesfay", site="ZUE Köln", area_id=escort.id, languages=(LanguageSkill("ti", Level.B1),),
            consent=agreed, received_on=today))
        otto = reqs.create(SupportRequest(person="O.", area_id=escort.id, received_on=today))
        reqs.change_status(otto.id, "cancelled", "moved away")
        return {"anna": anna.reference, "ben": ben.reference, "cem": cem.reference, "amina": amina.reference,
                "olena": olena.reference, "tesfay": tesfay.reference, "otto": otto.reference,
                "amina_id": amina.id, "anna_id": anna.id}
    finally:
        services.close()


def open_services(data_dir: Path):
    from kommandesk.services.context import Services

    return Services.open(paths_mod.resolve(data_dir))
