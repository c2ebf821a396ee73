"""A small hand-made dataset for the funder's report, built through the real services on chosen days (a clock the
builder moves), with allowances in plain SQL. Every figure the tests expect is worked out by hand from the table
below; the report period is the first quarter of 2026 (Q1). Names are made up.

Volunteers (registered, languages, areas of help):
  V1 Anna Berg      2025-11-10  de, ar      Escort
  V2 Ali Kaya       2026-01-15  tr, de      Escort, Homework
  V3 Jörg Müller    2026-02-03  de          Homework
  V4 Sara Haddad    2026-03-20  ar, en      Interpreting
  V5 Ben Weiß       2025-06-01  de, fa      (none)
  V6 Lena Vogt      2026-04-02  uk          Escort

Requests (received, area, site) and what happened to them:
  R0 2025-10-01 Homework      Turnhalle Süd  V3 proposed 10-03, active 10-10, completed 2025-12-31 (A0);
                                             60 min 2025-11-05
  R1 2025-12-20 Escort        Am Hang        V1 proposed 12-22, active 12-28, completed 2026-02-20 (A1);
                                             60 min 2025-12-30, 120 min 2026-01-10, 90 min 2026-02-14
  R2 2026-01-10 Escort        Am Hang        V2 proposed 01-14, active 01-20 (A2); 60 min 02-01, 30 min 03-31,
                                             45 min 2026-04-02
  R3 2026-02-05 Homework      Turnhalle Süd  V3 proposed 02-15, active 02-20 (A3); 150 min 03-05
  R4 2026-02-10 Homework      "AM HANG"      nobody: new
  R5 2026-03-01 Interpreting  Turnhalle Süd  V2 proposed 03-03, declined 03-05 (A5): back to matching
  R6 2026-03-15 Escort        (no site)      cancelled 03-16
  R7 2026-04-05 Escort        Am Hang        V6 proposed 04-05, active 04-06 (A7); 30 min 04-07

Courses (funding module, areas) with sessions (day, minutes, place) and who was present:
  C1 K-2026-0001 Grundkurs    KOMM-AN NRW II D  Escort
     S1 02-02 90 Raum 1: V1 present, V2 present 60 min, V5 absent
     S2 02-09 90 Am Hang: V1 present, V2 excused, V5 present 45 min
     S3 02-16 90 Raum 1: V1 present, then the session was cancelled
     S4 04-06 90 Raum 1: V2 present (after Q1)
  C2 K-2026-0002 Dolmetschen  (none)            Interpreting
     T1 03-10 180 Turnhalle Süd: V4 present, V2 present
  C3 K-2026-0003 Kinderschutz KOMM-AN NRW II D  Homework   cancelled after its session 03-12 (V3 present)
  C4 K-2026-0004 Aufbaukurs   KOMM-AN NRW II B  (none)
     U1 01-20 180 Raum 2: V3 absent

Certificates of attendance: V1/C1 issued 2026-02-20; V5/C1 issued 02-20, revoked 03-01; V2/C2 issued 03-11;
V4/C2 issued 2026-04-01 (after Q1).

Allowances (paid on, cents); limits 2025: 840 EUR, 2026: 960 EUR (as a new database has them):
  V1 2026-01-15 50,000 and 2026-03-10 50,000 (year 2026: 100,000, above by 4,000)
  V2 2026-02-01 30,000 and 2026-06-01 70,500 (year 2026: 100,500, above by 4,500; only 30,000 in Q1)
  V3 2025-12-15 90,000 (2025 is above 840 EUR, but Q1 2026 does not touch 2025)
  V5 2026-03-31 96,000 (exactly the limit: not above)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from kommandesk.domain.assignments import AssignmentStatus as A
from kommandesk.domain.certificates import AttendanceContent, Person
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.reports import Period
from kommandesk.domain.requests import RequestConsent, RequestStatus, SupportRequest
from kommandesk.domain.trainings import Course, CourseStatus, Presence, Session
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from kommandesk.services.certificates import CertificateService
from kommandesk.services.reports import ReportService
from kommandesk.services.requests import RequestService
from kommandesk.services.trainings import TrainingService
from kommandesk.services.volunteers import VolunteerService
from kommandesk.store.clock import new_id, utc_now
from tests.unit.certificate_data import ready

TODAY = dt.date(2026, 7, 1)
Q1 = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
D = dt.date.fromisoformat
FAKE_PDF = b"%PDF-1.4 not drawn: the register keeps only its hash"


class Clock:
    def __init__(self, day: dt.date = TODAY):
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@dataclass
class Dataset:
    services: object
    clock: Clock
    volunteers: VolunteerService
    requests: RequestService
    trainings: TrainingService
    certificates: CertificateService
    reports: ReportService
    area: dict[str, str] = field(default_factory=dict)  # key -> id
    v: dict[str, str] = field(default_factory=dict)  # "V1" -> id
    r: dict[str, str] = field(default_factory=dict)
    c: dict[str, str] = field(default_factory=dict)

    def on(self, day: str) -> "Dataset":
        self.clock.day = D(day)
        return self


def services_with_clock(services, clock: Clock) -> Dataset:
    volunteers = VolunteerService(services.store, services.organisation, today=clock)
    trainings = TrainingService(services.store, volunteers, today=clock, user=lambda: "Ute Koordinatorin")
    return Dataset(services, clock, volunteers, RequestService(services.store, volunteers, today=clock), trainings,
                   CertificateService(services.store, trainings, volunteers, today=clock),
                   ReportService(services.store, services.organisation, volunteers))


VOLUNTEERS = (
    ("V1", "Anna", "Berg", "2025-11-10", (("de", Level.NATIVE), ("ar", Level.C1)), ("escort",)),
    ("V2", "Ali", "Kaya", "2026-01-15", (("tr", Level.NATIVE), ("de", Level.C1)), ("escort", "homework")),
    ("V3", "Jörg", "Müller", "2026-02-03", (("de", Level.NATIVE),), ("homework",)),
    ("V4", "Sara", "Haddad", "2026-03-20", (("ar", Level.NATIVE), ("en", Level.B2)), ("interpreting",)),
    ("V5", "Ben", "Weiß", "2025-06-01", (("de", Level.NATIVE), ("fa", Level.B1)), ()),
    ("V6", "Lena", "Vogt", "2026-04-02", (("uk", Level.NATIVE),), ("escort",)),
)

REQUESTS = (  # name, received, area key, site
    ("R0", "2025-10-01", "homework", "Turnhalle Süd"),
    ("R1", "2025-12-20", "escort", "Am Hang"),
    ("R2", "2026-01-10", "escort", "Am Hang"),
    ("R3", "2026-02-05", "homework", "Turnhalle Süd"),
    ("R4", "2026-02-10", "homework", "AM HANG"),
    ("R5", "2026-03-01", "interpreting", "Turnhalle Süd"),
    ("R6", "2026-03-15", "escort", ""),
    ("R7", "2026-04-05", "escort", "Am Hang"),
)

ALLOWANCES = (("V1", "2026-01-15", 50_000), ("V1", "2026-03-10", 50_000), ("V2", "2026-02-01", 30_000),
              ("V2", "2026-06-01", 70_500), ("V3", "2025-12-15", 90_000), ("V5", "2026-03-31", 96_000))


def build(services) -> Dataset:
    data = services_with_clock(services, Clock())
    data.area = {area.key: area.id for area in data.volunteers.areas() if area.key}
    _volunteers(data)
    _requests(data)
    _trainings(data)
    _certificates(data)
    insert_allowances(services, [(data.v[ref], day, cents) for ref, day, cents in ALLOWANCES])
    data.on(TODAY.isoformat())
    return data


def _volunteers(data: Dataset) -> None:
    data.on(TODAY.isoformat())
    consent = Consent(D("2025-06-01"), frozenset({ConsentPurpose.CONTACT}), "2025-02")
    for ref, first, last, registered, languages, areas in VOLUNTEERS:
        vol = Volunteer(first_name=first, last_name=last, registered_on=D(registered), status=Status.ACTIVE,
                        consent=consent, max_assignments=3,
                        languages=tuple(LanguageSkill(code, level) for code, level in languages),
                        areas=tuple(data.area[key] for key in areas))
        data.v[ref] = data.volunteers.create(vol, confirmed_duplicate=True).id


def _request(data: Dataset, ref: str) -> None:
    _ref, received, area, site = next(row for row in REQUESTS if row[0] == ref)
    data.on(received)
    req = SupportRequest(person="Familie " + ref, site=site, area_id=data.area[area], received_on=D(received),
                         consent=RequestConsent(D(received), "Weitergabe an die Ehrenamtliche"))
    data.r[ref] = data.requests.create(req).id


def _assignment(data: Dataset, request: str, volunteer: str, steps: list[tuple[str, A]],
                hours: list[tuple[str, int]] = ()) -> str:
    """Propose on the first day of ``steps``, then each further (day, status); hours logged afterwards."""
    first_day, _proposed = steps[0]
    data.on(first_day)
    assignment = data.requests.assign(data.r[request], data.v[volunteer])
    for day, status in steps[1:]:
        data.on(day)
        data.requests.change_assignment_status(assignment.id, status)
    data.on(TODAY.isoformat())
    for day, minutes in hours:
        data.requests.log_hours(assignment.id, D(day), minutes)
    return assignment.id


def _requests(data: Dataset) -> None:
    for ref, *_rest in REQUESTS:
        _request(data, ref)
    _assignment(data, "R0", "V3", [("2025-10-03", A.PROPOSED), ("2025-10-05", A.ACCEPTED), ("2025-10-10", A.ACTIVE),
                                   ("2025-12-31", A.COMPLETED)], [("2025-11-05", 60)])
    _assignment(data, "R1", "V1", [("2025-12-22", A.PROPOSED), ("2025-12-23", A.ACCEPTED), ("2025-12-28", A.ACTIVE),
                                   ("2026-02-20", A.COMPLETED)],
                [("2025-12-30", 60), ("2026-01-10", 120), ("2026-02-14", 90)])
    _assignment(data, "R2", "V2", [("2026-01-14", A.PROPOSED), ("2026-01-15", A.ACCEPTED), ("2026-01-20", A.ACTIVE)],
                [("2026-02-01", 60), ("2026-03-31", 30), ("2026-04-02", 45)])
    _assignment(data, "R3", "V3", [("2026-02-15", A.PROPOSED), ("2026-02-16", A.ACCEPTED), ("2026-02-20", A.ACTIVE)],
                [("2026-03-05", 150)])
    _assignment(data, "R5", "V2", [("2026-03-03", A.PROPOSED), ("2026-03-05", A.DECLINED)])
    data.on("2026-03-16")
    data.requests.change_status(data.r["R6"], RequestStatus.CANCELLED, "Familie verzogen")
    _assignment(data, "R7", "V6", [("2026-04-05", A.PROPOSED), ("2026-04-05", A.ACCEPTED), ("2026-04-06", A.ACTIVE)],
                [("2026-04-07", 30)])


def _course(data: Dataset, ref: str, title: str, tag: str, areas: tuple[str, ...],
            sessions: list[tuple[str, tuple[int, int], tuple[int, int], str]], people: list[str]):
    made = data.trainings.create_course(Course(title=title, funding_tag=tag, capacity=10, status=CourseStatus.OPEN,
                                               areas=tuple(data.area[key] for key in areas)))
    data.c[ref] = made.id
    held = [data.trainings.add_session(Session(made.id, D(day), dt.time(*start), dt.time(*end), place=place))
            for day, start, end, place in sessions]
    registrations = {person: data.trainings.register(made.id, data.v[person]).id for person in people}
    return made, held, registrations


def _trainings(data: Dataset) -> None:
    data.on(TODAY.isoformat())
    t = data.trainings
    _c1, (s1, s2, s3, s4), reg = _course(
        data, "C1", "Grundkurs", "KOMM-AN NRW II D", ("escort",),
        [("2026-02-02", (10, 0), (11, 30), "Raum 1"), ("2026-02-09", (10, 0), (11, 30), "Am Hang"),
         ("2026-02-16", (10, 0), (11, 30), "Raum 1"), ("2026-04-06", (10, 0), (11, 30), "Raum 1")],
        ["V1", "V2", "V5"])
    t.record(s1.id, reg["V1"], Presence.PRESENT)
    t.record(s1.id, reg["V2"], Presence.PRESENT, 60)
    t.record(s1.id, reg["V5"], Presence.ABSENT)
    t.record(s2.id, reg["V1"], Presence.PRESENT)
    t.record(s2.id, reg["V2"], Presence.EXCUSED, reason="krank")
    t.record(s2.id, reg["V5"], Presence.PRESENT, 45)
    t.record(s3.id, reg["V1"], Presence.PRESENT)
    t.cancel_session(s3.id, "Trainerin krank")
    t.record(s4.id, reg["V2"], Presence.PRESENT)

    _c2, (t1,), reg = _course(data, "C2", "Dolmetschen", "", ("interpreting",),
                              [("2026-03-10", (14, 0), (17, 0), "Turnhalle Süd")], ["V4", "V2"])
    t.record(t1.id, reg["V4"], Presence.PRESENT)
    t.record(t1.id, reg["V2"], Presence.PRESENT)

    c3, (k1,), reg = _course(data, "C3", "Kinderschutz", "KOMM-AN NRW II D", ("homework",),
                             [("2026-03-12", (9, 0), (12, 0), "Raum 1")], ["V3"])
    t.record(k1.id, reg["V3"], Presence.PRESENT)
    t.update_course(dataclasses.replace(t.get_course(c3.id), status=CourseStatus.CANCELLED))

    _c4, (u1,), reg = _course(data, "C4", "Aufbaukurs", "KOMM-AN NRW II B", (),
                              [("2026-01-20", (9, 0), (12, 0), "Raum 2")], ["V3"])
    t.record(u1.id, reg["V3"], Presence.ABSENT)


def _certificate(data: Dataset, volunteer: str, course: str, day: str):
    data.on(day)
    service = data.certificates
    vol = data.volunteers.get(data.v[volunteer])
    issuer, _logo = service.issuer()
    head = service.next_heading(Person(vol.first_name, vol.last_name), "de", issuer)
    made = data.trainings.get_course(data.c[course])
    content = AttendanceContent(heading=head, course_title=made.title, course_reference=made.reference,
                                session_days=(D(day),), attended_minutes=90, planned_minutes=90, unit="hours",
                                topics=(), trainers="", funding_tag=made.funding_tag)
    return service.record(content, FAKE_PDF, volunteer_id=vol.id, course_id=made.id)


def _certificates(data: Dataset) -> None:
    ready(data.services)
    _certificate(data, "V1", "C1", "2026-02-20")
    revoked = _certificate(data, "V5", "C1", "2026-02-20")
    data.on("2026-03-01")
    data.certificates.revoke(revoked.number, "Teilnahme falsch erfasst")
    _certificate(data, "V2", "C2", "2026-03-11")
    _certificate(data, "V4", "C2", "2026-04-01")


def insert_allowances(services, rows) -> None:
    """(volunteer id, paid on ISO, cents) in plain SQL (the allowance service is not needed for a report)."""
    now = utc_now()
    services.store.conn.executemany(
        "INSERT INTO allowances (id, created_at, updated_at, volunteer_id, paid_on, amount_cents, note) "
        "VALUES (?, ?, ?, ?, ?, ?, '')", [(new_id(), now, now, vid, day, cents) for vid, day, cents in rows])
