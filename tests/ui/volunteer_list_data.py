"""Volunteers for the list tests, created through the service (imported by test_volunteers_page/_model)."""

from __future__ import annotations

import datetime as dt

from kommandesk.domain.availability import Availability, Period
from kommandesk.domain.clearance import Clearance, ClearanceResult, add_months
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer

TODAY = dt.date.today()
CONSENT = Consent(given_on=TODAY, purposes=frozenset({ConsentPurpose.CONTACT}), text_version="2026-01")
MARKUP_FIRST = "<b>Bold</b>"
MARKUP_LAST = '=HYPERLINK("http://x.example")'


def cleared(issued: dt.date, result: ClearanceResult = ClearanceResult.NO_RELEVANT_ENTRY) -> Clearance:
    return Clearance(issued_on=issued, inspected_on=issued, inspected_by="K. Koordinatorin", result=result)


VALID = cleared(add_months(TODAY, -12))
EXPIRING = cleared(add_months(TODAY, -60) + dt.timedelta(days=30))
EXPIRED = cleared(add_months(TODAY, -72))
RELEVANT = cleared(add_months(TODAY, -2), ClearanceResult.RELEVANT_ENTRY)


def skills(*pairs: tuple[str, Level]) -> tuple[LanguageSkill, ...]:
    return tuple(LanguageSkill(code, level) for code, level in pairs)


def person(first: str, last: str, **fields) -> Volunteer:
    fields.setdefault("town", "Dortmund")
    fields.setdefault("postcode", "44135")
    fields.setdefault("registered_on", TODAY - dt.timedelta(days=10))
    if fields.get("status") is Status.ACTIVE:
        fields.setdefault("consent", CONSENT)
    return Volunteer(first_name=first, last_name=last, **fields)


def special_people(area_ids: dict[str, str]) -> list[Volunteer]:
    """The volunteers the tests look for by name; each stands out in one filter."""
    return [
        person("Şükrü", "Öztürk", status=Status.ACTIVE, email="sukru@example.org", town="Gelsenkirchen",
               postcode="45879", languages=skills(("tr", Level.NATIVE), ("de", Level.C1)),
               areas=(area_ids["interpreting"],), clearance=VALID,
               availability=Availability(frozenset({(0, Period.MORNING)})),
               registered_on=TODAY - dt.timedelta(days=400)),
        person("Łukasz", "Wójcik", status=Status.ACTIVE, town="Köln", postcode="50667",
               languages=skills(("pl", Level.NATIVE), ("de", Level.B2)), areas=(area_ids["housing"],),
               clearance=EXPIRED, availability=Availability(frozenset({(1, Period.EVENING)}))),
        person("Anna", "Müller", status=Status.PAUSED, town="Münster", postcode="48143",
               languages=skills(("de", Level.NATIVE), ("en", Level.B1)), areas=(area_ids["homework"],),
               clearance=EXPIRING, availability=Availability(by_arrangement=True)),
        person("Fatima", "Haddad", status=Status.APPLICANT, town="Bochum", postcode="44787",
               languages=skills(("ar", Level.NATIVE), ("de", Level.A2)), areas=(area_ids["childcare"],),
               clearance=RELEVANT, availability=Availability(frozenset({(1, Period.MORNING)}))),
        person(MARKUP_FIRST, MARKUP_LAST, status=Status.INACTIVE, town="Essen", postcode="45127",
               languages=skills(("ar", Level.B1))),
        person("Zoe", "Archivarius", status=Status.APPLICANT, town="Hagen", postcode="58095"),  # archived later
    ]


FILLER_LAST = ("Becker", "Schmidt", "Koch", "Nowak", "Kaya", "Yassin", "Wagner", "Lange")
FILLER_FIRST = ("Jonas", "Lea", "Ali", "Mira", "Tom", "Sara")


def fillers(count: int) -> list[Volunteer]:
    people = []
    for number in range(count):
        people.append(person(f"{FILLER_FIRST[number % len(FILLER_FIRST)]}{number:02d}",
                             FILLER_LAST[number % len(FILLER_LAST)],
                             status=(Status.ACTIVE, Status.APPLICANT, Status.INACTIVE)[number % 3],
                             email=f"filler{number:02d}@example.org",
                             languages=skills(("de", Level.NATIVE)),
                             registered_on=TODAY - dt.timedelta(days=20 + number)))
    return people


def create_list(service) -> dict[str, Volunteer]:
    """30 volunteers (one of them archived): name -> saved profile."""
    area_ids = {area.key: area.id for area in service.areas() if area.key}
    saved = {}
    for vol in special_people(area_ids) + fillers(24):
        stored = service.create(vol, confirmed_duplicate=True)
        saved[stored.last_name] = stored if stored.last_name not in saved else saved[stored.last_name]
        saved[f"{stored.first_name} {stored.last_name}"] = stored
    saved["Archivarius"] = service.archive(saved["Archivarius"].id, "moved away")
    return saved


def bulk_insert(services, count: int, last_name: str = "Massen") -> None:
    """``count`` plain volunteers straight through the repository (much faster than one create() each)."""
    from kommandesk.store.volunteers_repo import VolunteerRepository

    repo = VolunteerRepository(services.store)
    with services.store.db.atomic():
        repo.insert_many([(person(f"Vorname{number:04d}", last_name), None) for number in range(count)], TODAY.year)
