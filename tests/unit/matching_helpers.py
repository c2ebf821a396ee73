"""Hand-built volunteers, requests and pools for the matching engine's tests (no database)."""

from __future__ import annotations

import datetime as dt
import itertools

from kommandesk.domain.assignments import AssignmentStatus
from kommandesk.domain.availability import Absence, Availability, Period
from kommandesk.domain.clearance import Clearance, ClearancePolicy, ClearanceResult
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.matching.pool import PoolAssignment, build_pool, source_from_volunteers
from kommandesk.domain.requests import RequestConsent, SupportRequest
from kommandesk.domain.schedule import Appointment
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Gender, Status, Volunteer

TODAY = dt.date(2026, 3, 10)  # a Tuesday
TUESDAY = dt.date(2026, 3, 17)
COLOGNE = (50.9405013115, 6.94405100596)  # 50667
BONN = (50.7402209697, 7.09843309554)  # 53111, about 25 km from Cologne
AREA = "area-escort"
ALL_WEEK = frozenset((day, period) for day in range(7) for period in Period)
_numbers = itertools.count(1)


def volunteer(name: str = "Anna", **changes) -> Volunteer:
    number = next(_numbers)
    values = dict(
        first_name=name, last_name="Berg", gender=Gender.FEMALE, status=Status.ACTIVE,
        consent=Consent(dt.date(2025, 1, 1), frozenset({ConsentPurpose.CONTACT}), "v1"),
        languages=(LanguageSkill("prs", Level.C1),), areas=(AREA,),
        availability=Availability(ALL_WEEK), max_assignments=2, travel_radius_km=None,
        clearance=Clearance(dt.date(2025, 1, 10), dt.date(2025, 1, 20), "Ute", ClearanceResult.NO_RELEVANT_ENTRY),
        id=f"vol-{name.lower()}-{number}", reference=f"V-2026-{number:04d}")
    values.update(changes)
    return Volunteer(**values)


def request(**changes) -> SupportRequest:
    values = dict(
        person="Farida", site="Heim Nord", area_id=AREA, languages=(LanguageSkill("prs", Level.B1),),
        postcode="50667", appointment=Appointment(TUESDAY, dt.time(9, 0), dt.time(11, 0)),
        consent=RequestConsent(dt.date(2026, 3, 1), "contact via the site"), received_on=dt.date(2026, 3, 2),
        id="req-1", reference="A-2026-0001")
    values.update(changes)
    return SupportRequest(**values)


def held(vol: Volunteer, req: SupportRequest, status: AssignmentStatus = AssignmentStatus.ACTIVE) -> PoolAssignment:
    """An assignment of ``vol`` on ``req`` as the pool sees it."""
    return PoolAssignment(vol.id, req.id, req.reference, status, req.household_key(), req.area_id, req.occupancy())


def pool_of(volunteers, coordinates=None, assignments=(), trainings=None, policy=None):
    return build_pool(source_from_volunteers(volunteers, coordinates, assignments, trainings),
                      policy or ClearancePolicy())


__all__ = ["AREA", "Absence", "BONN", "COLOGNE", "TODAY", "TUESDAY", "held", "pool_of", "request", "volunteer"]
