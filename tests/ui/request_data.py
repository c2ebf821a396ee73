"""Requests, volunteers and assignments for the UI tests of the Requests page and form (through the services)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import RequestConsent, Urgency
from kommandesk.domain.schedule import Appointment

TODAY = dt.date.today()


def area_id(services, key: str = "") -> str:
    areas = services.volunteers.areas()
    return next((area.id for area in areas if area.key == key), areas[0].id)


def make_request(services, **changes):
    """A saved request (consent recorded, Dari B1 needed, an appointment next week)."""
    values = dict(person="Farida", household_size=3, person_languages=("prs", "fa"), site="Heim Nord",
                  site_contact="Frau Peters", area_id=area_id(services), postcode="50667",
                  languages=(LanguageSkill("prs", Level.B1),),
                  appointment=Appointment(TODAY + dt.timedelta(days=7), dt.time(9, 0), dt.time(11, 0)),
                  consent=RequestConsent(TODAY, "contact via the site"), received_on=TODAY,
                  urgency=Urgency.NORMAL, description="Accompany to the immigration office")
    values.update(changes)
    return services.requests.create(dataclasses.replace(services.requests.new(), **values))


def make_volunteer(services, first="Anna", last="Berg"):
    service = services.volunteers
    vol = dataclasses.replace(service.new(), first_name=first, last_name=last, town="Köln", postcode="50667",
                              email=f"{first.lower()}.{last.lower()}@example.org",
                              languages=(LanguageSkill("prs", Level.C1),))
    return service.create(vol)


def assigned(services, req=None, first="Anna", last="Berg"):
    """(request, volunteer, assignment): the volunteer proposed for the request."""
    req = req or make_request(services)
    vol = make_volunteer(services, first, last)
    assignment = services.requests.assign(req.id, vol.id, score=80.0)
    return req, vol, assignment
