"""A small, known world for the Matching page's tests, made through the real services: four volunteers and
three open requests.

Request "Farida" (children, Dari B1, next Tuesday 9-11, consent recorded):
  Anna (Dari C1) and Ali (Dari B2) fit; Clara (Dari C1) fails only the clearance (expired): a near miss;
  Dieter speaks no Dari.
Request "Omid" (high urgency, Dari B1, no consent yet): Anna and Ali fit, but assigning is refused until the
  family's consent is recorded.
Request "Leyla" (Dari B1, no fixed time, consent recorded): Anna, Ali and Clara fit (no children).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kommandesk.domain.availability import Availability, Period
from kommandesk.domain.clearance import Clearance, ClearanceResult
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import RequestConsent, SupportRequest, Urgency
from kommandesk.domain.schedule import Appointment
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Gender, Status

ALL_WEEK = frozenset((day, period) for day in range(7) for period in Period)


def next_tuesday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)


def make_world(services) -> dict:
    vols, reqs = services.volunteers, services.requests
    today = vols.today()
    area = vols.areas()[0].id

    def volunteer(first: str, last: str, gender: Gender, language: Level, cleared_years_ago: int, **changes):
        issued = today.replace(year=today.year - cleared_years_ago) - dt.timedelta(days=30)
        values = dict(
            first_name=first, last_name=last, gender=gender, status=Status.ACTIVE, postcode="50667",
            email=f"{first.lower()}@example.org",
            consent=Consent(today - dt.timedelta(days=400), frozenset({ConsentPurpose.CONTACT}), "v1"),
            languages=(LanguageSkill("prs", language), LanguageSkill("de", Level.C1)), areas=(area,),
            availability=Availability(ALL_WEEK), max_assignments=3,
            clearance=Clearance(issued, issued + dt.timedelta(days=10), "Ute", ClearanceResult.NO_RELEVANT_ENTRY))
        values.update(changes)
        return vols.create(dataclasses.replace(vols.new(), **values), confirmed_duplicate=True)

    world = {
        "anna": volunteer("Anna", "Berg", Gender.FEMALE, Level.C1, 1),
        "ali": volunteer("Ali", "Kaya", Gender.MALE, Level.B2, 1),
        "clara": volunteer("Clara", "Wolf", Gender.FEMALE, Level.C1, 8),
        "dieter": volunteer("Dieter", "Lang", Gender.MALE, Level.C1, 1,
                            languages=(LanguageSkill("de", Level.NATIVE),)),
    }
    consent = RequestConsent(today - dt.timedelta(days=1), "contact via the site")

    def request(person: str, **changes) -> SupportRequest:
        values = dict(person=person, site="Heim Nord", site_contact="Frau Roth", area_id=area,
                      languages=(LanguageSkill("prs", Level.B1),), postcode="50667", consent=consent,
                      received_on=today - dt.timedelta(days=3))
        values.update(changes)
        return reqs.create(dataclasses.replace(reqs.new(), **values))

    tuesday = next_tuesday(today)
    world["farida"] = request("Farida", children=True, household_size=4,
                              appointment=Appointment(tuesday, dt.time(9, 0), dt.time(11, 0)))
    world["omid"] = request("Omid", urgency=Urgency.HIGH, consent=None, received_on=today - dt.timedelta(days=1))
    world["leyla"] = request("Leyla", received_on=today - dt.timedelta(days=10))
    return world
