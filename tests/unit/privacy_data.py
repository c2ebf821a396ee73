"""A person with something in every table, on top of the report's hand-made dataset (tests/unit/report_data.py),
for the data protection tests: the volunteer P and the request R8. Names are made up
and unique, so that a search of the database file for them finds only them.

P Zyphrona Quixbeltrand, registered 2026-01-05, Arabic and German, area Escort, Mondays mornings, an absence with a
note, clearance inspected, consent; notes name her. R8 "Familie Xylomander" (contact Frau Vexhollin) received
2026-01-08, P assigned 01-09, active 01-12, completed 02-28; hours 2026-01-20 120 min and 2026-02-10 60 min.
P registered for C2 (Dolmetschen), present at its session 03-10 (180 min) and issued a certificate 03-11. An
allowance of 250 EUR on 2026-02-15. R8 is completed with the assignment on 2026-02-28.
"""

from __future__ import annotations

import datetime as dt

from kommandesk.domain.assignments import AssignmentStatus as A
from kommandesk.domain.availability import Absence, Availability, Period
from kommandesk.domain.certificates import AttendanceContent, Person
from kommandesk.domain.clearance import Clearance, ClearanceResult
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import RequestConsent, RequestStatus, SupportRequest
from kommandesk.domain.trainings import Presence
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from tests.unit.report_data import D, TODAY, Dataset, insert_allowances

FIRST, LAST = "Zyphrona", "Quixbeltrand"
EMAIL = "zyphrona.quix@example.org"
PHONE = "0151 73737373"
FAMILY, CONTACT = "Familie Xylomander", "Frau Vexhollin"
REQUEST_POSTCODE = "50667"
SECRETS = (FIRST, LAST, EMAIL, "73737373")  # nothing of these may remain after P's erasure
REQUEST_SECRETS = ("Xylomander", "Vexhollin")  # ... nor of these after R8's


def add_person(data: Dataset) -> tuple[str, str, str]:
    """P, R8 and P's assignment for R8 (see the module): (volunteer id, request id, assignment id)."""
    data.on("2026-01-05")
    vol = Volunteer(
        first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE, street="Quixweg 7", postcode="50667",
        town="Köln", registered_on=D("2026-01-05"), status=Status.ACTIVE, max_assignments=2,
        notes=f"{FIRST} {LAST} prefers mornings; call {PHONE}.",
        languages=(LanguageSkill("ar", Level.NATIVE), LanguageSkill("de", Level.C1)),
        areas=(data.area["escort"],),
        availability=Availability(frozenset({(0, Period.MORNING)}), False,
                                  (Absence(D("2026-08-01"), D("2026-08-15"), f"{FIRST} on holiday"),)),
        clearance=Clearance(D("2025-12-01"), D("2026-01-05"), "Ute Koordinatorin", ClearanceResult.NO_RELEVANT_ENTRY),
        consent=Consent(D("2026-01-05"), frozenset({ConsentPurpose.CONTACT, ConsentPurpose.SHARE_WITH_FAMILY}),
                        "2025-02"))
    vid = data.volunteers.create(vol, confirmed_duplicate=True).id
    data.v["P"] = vid
    data.on("2026-01-08")
    rid = data.requests.create(SupportRequest(
        person=FAMILY, site="Am Hang", site_contact=CONTACT, area_id=data.area["escort"], postcode=REQUEST_POSTCODE,
        description=f"{FAMILY} needs an escort; {CONTACT} knows them.", received_on=D("2026-01-08"),
        consent=RequestConsent(D("2026-01-08"), f"Weitergabe an die Ehrenamtliche; {CONTACT} informiert"))).id
    data.r["R8"] = rid
    data.on("2026-01-09")
    assignment = data.requests.assign(rid, vid)
    data.requests.update_assignment(assignment.id, notes=f"{FIRST} knows {FAMILY}", follow_up_on=None)
    for day, status in (("2026-01-10", A.ACCEPTED), ("2026-01-12", A.ACTIVE), ("2026-02-28", A.COMPLETED)):
        data.on(day)
        data.requests.change_assignment_status(assignment.id, status, reason=f"{FIRST} said so")
    data.on(TODAY.isoformat())
    data.requests.log_hours(assignment.id, D("2026-01-20"), 120, f"Escort by {FIRST}")
    data.requests.log_hours(assignment.id, D("2026-02-10"), 60)
    data.on("2026-03-01")
    data.requests.change_status(rid, RequestStatus.COMPLETED, f"{FAMILY} is settled")
    data.on(TODAY.isoformat())
    _training(data, vid)
    insert_allowances(data.services, [(vid, "2026-02-15", 25_000)])
    return vid, rid, assignment.id


def _training(data: Dataset, vid: str) -> None:
    trainings = data.trainings
    course = trainings.get_course(data.c["C2"])
    registration = trainings.register(course.id, vid)
    data.services.store.conn.execute("UPDATE course_registrations SET note = ? WHERE id = ?",
                                     (f"{FIRST} asked to join", registration.id))  # no service sets it yet
    session = trainings.sessions(course.id)[0]
    trainings.record(session.id, registration.id, Presence.PRESENT)
    data.on("2026-03-11")
    service = data.certificates
    issuer, _logo = service.issuer()
    head = service.next_heading(Person(FIRST, LAST), "de", issuer)
    content = AttendanceContent(heading=head, course_title=course.title, course_reference=course.reference,
                                session_days=(D("2026-03-10"),), attended_minutes=180, planned_minutes=180,
                                unit="hours", topics=(), trainers="", funding_tag=course.funding_tag)
    service.record(content, f"%PDF-1.4 {FIRST} {LAST}".encode(), volunteer_id=vid, course_id=course.id)
    data.on(TODAY.isoformat())


def today(data: Dataset) -> dt.date:
    return data.clock()
