"""Child process of the crash harness (crash_harness.py): it writes through KommanDesk's services, as the app does,
until the harness kills it.

    python benchmarks/crash_child.py writes DATA_DIR SEED RUN [MAX_WRITES]
    python benchmarks/crash_child.py export DATA_DIR TARGET
    python benchmarks/crash_child.py fill DATA_DIR COUNT SEED
    python benchmarks/crash_child.py copy DATA_DIR
    python benchmarks/crash_child.py backup DATA_DIR
    python benchmarks/crash_child.py restore DATA_DIR BACKUP_FILE

What it says on stdout, one line each, flushed at once (the harness reads them as they come):

    READY                         the data folder is open (Services.open, migrations done)
    TRY <kind> <effects>          a write is about to start, and what it will store
    ACK <kind> <id> <effects>     the service call returned: the write is reported saved
    PROGRESS <done> <total>       (export) rows written so far

``effects`` is JSON: ``{entity: {id: {field: value}}}``, the records the write creates or changes with the values
it stores. In a TRY the records still to be created have the id ``"new"``; ``tag`` names the field by which the
harness finds such a record after a kill (its value is unique in the series). ``RUN`` makes the names and notes of
one child unique within a series of children working on the same database.

The "shape" functions turn what a service returns into those field values; the harness reads the database back
through the same services and the same functions, so that both sides describe a record the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

FIRST_NAMES = ("Anna", "Şükrü", "Zahra", "Jörg", "Łucja", "Ali", "Mariam", "Dmytro")
LAST_NAMES = ("Berg", "Yılmaz", "Nowak", "Haddad", "Müller", "Kovalenko")
TOWNS = ("Bielefeld", "Gütersloh", "Herford", "Detmold", "Köln", "Münster")
LANGUAGES = ("ar", "fa", "tr", "uk", "ru", "pl", "en", "fr")


# -- what a record looks like (both sides use these) ----------------------------------------------------------------

def volunteer_shape(vol) -> dict:
    return {"reference": vol.reference, "first_name": vol.first_name, "last_name": vol.last_name,
            "status": vol.status.value, "phone": vol.phone, "town": vol.town, "notes": vol.notes,
            "languages": sorted([skill.code, skill.level.value] for skill in vol.languages),
            "areas": sorted(vol.areas),
            "slots": sorted([day, period.value] for day, period in vol.availability.slots),
            "by_arrangement": vol.availability.by_arrangement}


def request_shape(req) -> dict:
    return {"reference": req.reference, "person": req.person, "area_id": req.area_id,
            "description": req.description, "status": req.status.value}


def assignment_shape(assignment) -> dict:
    return {"request_id": assignment.request_id, "volunteer_id": assignment.volunteer_id,
            "status": assignment.status.value}


def hours_shape(entry) -> dict:
    return {"assignment_id": entry.assignment_id, "day": entry.day.isoformat(), "minutes": entry.minutes,
            "activity": entry.activity}


def allowance_shape(allowance) -> dict:
    return {"volunteer_id": allowance.volunteer_id, "paid_on": allowance.paid_on.isoformat(),
            "amount_cents": allowance.amount_cents, "note": allowance.note}


def course_shape(course) -> dict:
    return {"reference": course.reference, "title": course.title, "capacity": course.capacity}


def session_shape(session) -> dict:
    return {"course_id": session.course_id, "day": session.day.isoformat(), "start": session.start.strftime("%H:%M"),
            "end": session.end.strftime("%H:%M"), "place": session.place}


def registration_shape(course_id: str, volunteer_id: str, status) -> dict:
    return {"course_id": course_id, "volunteer_id": volunteer_id, "status": status.value}


def attendance_shape(course_id: str, attendance) -> dict:
    return {"course_id": course_id, "presence": attendance.presence.value, "minutes": attendance.minutes}


# -- the protocol ----------------------------------------------------------------------------------------------------

def say(line: str) -> None:
    """One whole line in one write, flushed: a line the harness reads complete was sent complete."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def open_services(data_dir: str):
    from kommandesk import paths as paths_mod
    from kommandesk.services.context import Services

    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    return Services.open(paths)


# -- writes ------------------------------------------------------------------------------------------------------------

class Writer:
    """Many small writes of every kind, through the services, each announced (TRY) and acknowledged (ACK)."""

    def __init__(self, services, rng: random.Random, run: str):
        self.s = services
        self.rng = rng
        self.run = run
        self.n = 0
        self.today = dt.date.today()
        self.area_ids = [area.id for area in services.volunteers.areas()]
        self.volunteers: dict[str, str] = {}  # id -> status (made by this child)
        self.requests: list[str] = []
        self.pairs: set[tuple[str, str]] = set()
        self.assignments: list[str] = []
        self.registrations: list[str] = []  # with a place in the course
        self.registered: set[str] = set()  # volunteer ids
        self.recorded: set[tuple[str, str]] = set()
        self.course_id = ""
        self.sessions: list[str] = []

    def tag(self) -> str:
        self.n += 1
        return f"{self.run}-{self.n:04d}"

    def write(self, kind: str, planned: dict, call, effects) -> object:
        say(f"TRY {kind} {dumps(planned)}")
        result = call()
        primary, done = effects(result)
        say(f"ACK {kind} {primary} {dumps(done)}")
        return result

    def setup(self) -> None:
        from kommandesk.domain.trainings import Course, Session

        tag = self.tag()
        course = Course(title=f"Grundkurs Begleitung {tag}", capacity=500, areas=tuple(self.area_ids[:1]))
        planned = {"course": {"new": {"title": course.title, "capacity": 500, "tag": "title"}}}
        saved = self.write("course.create", planned, lambda: self.s.trainings.create_course(course),
                           lambda c: (c.id, {"course": {c.id: course_shape(c)}}))
        self.course_id = saved.id
        for start, end in ((dt.time(10, 0), dt.time(12, 0)), (dt.time(18, 0), dt.time(20, 30))):
            session = Session(saved.id, self.today, start, end, place=f"Raum {self.tag()}")
            planned = {"session": {"new": {**session_shape(session), "tag": "place"}}}
            made = self.write("session.add", planned, lambda: self.s.trainings.add_session(session),
                              lambda s: (s.id, {"session": {s.id: session_shape(s)}}))
            self.sessions.append(made.id)

    def choices(self) -> list[tuple[str, int]]:
        have_volunteer = bool(self.volunteers)
        options = [("volunteer.create", 4), ("request.create", 2)]
        if have_volunteer:
            options += [("volunteer.update", 2), ("volunteer.status", 1), ("allowance.record", 3)]
            if len(self.registered) < min(len(self.volunteers), 400):
                options.append(("course.register", 2))
            if self.requests:
                options.append(("request.assign", 2))
        if self.assignments:
            options.append(("hours.log", 4))
        if self.registrations and len(self.recorded) < len(self.registrations) * len(self.sessions):
            options.append(("attendance.record", 2))
        return options

    def step(self) -> None:
        options = self.choices()
        kind = self.rng.choices([name for name, _ in options], weights=[weight for _, weight in options])[0]
        getattr(self, kind.replace(".", "_"))()

    # -- one method per kind of write --

    def volunteer_create(self) -> None:
        from kommandesk.domain.availability import Availability, Period
        from kommandesk.domain.languages import LanguageSkill, Level
        from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer

        rng, tag = self.rng, self.tag()
        codes = rng.sample(LANGUAGES, rng.randint(1, 3))
        slots = frozenset((rng.randrange(7), rng.choice(list(Period))) for _ in range(rng.randint(1, 4)))
        vol = Volunteer(
            first_name=rng.choice(FIRST_NAMES), last_name=f"{rng.choice(LAST_NAMES)} {tag}",
            phone=f"+49 521 {rng.randint(100000, 999999)}", town=rng.choice(TOWNS), status=Status.ACTIVE,
            registered_on=self.today, languages=tuple(LanguageSkill(code, rng.choice(list(Level))) for code in codes),
            areas=tuple(rng.sample(self.area_ids, min(len(self.area_ids), rng.randint(1, 3)))),
            availability=Availability(slots=slots, by_arrangement=rng.random() < 0.3),
            consent=Consent(self.today, frozenset({ConsentPurpose.CONTACT}), "2026-01"))
        planned = {**volunteer_shape(vol), "tag": "last_name"}
        del planned["reference"]
        saved = self.write("volunteer.create", {"volunteer": {"new": planned}},
                           lambda: self.s.volunteers.create(vol),
                           lambda v: (v.id, {"volunteer": {v.id: volunteer_shape(v)}}))
        self.volunteers[saved.id] = saved.status.value

    def volunteer_update(self) -> None:
        import dataclasses

        rng, tag = self.rng, self.tag()
        vid = rng.choice(list(self.volunteers))
        stored = self.s.volunteers.get(vid)
        changed = dataclasses.replace(stored, phone=f"+49 5241 {rng.randint(10000, 99999)}", town=rng.choice(TOWNS),
                                      notes=f"Telefon geändert {tag}")
        fields = {"phone": changed.phone, "town": changed.town, "notes": changed.notes}
        self.write("volunteer.update", {"volunteer": {vid: fields}}, lambda: self.s.volunteers.update(changed),
                   lambda v: (v.id, {"volunteer": {v.id: {key: volunteer_shape(v)[key] for key in fields}}}))

    def volunteer_status(self) -> None:
        from kommandesk.domain.volunteers import Status

        self.tag()
        vid = self.rng.choice(list(self.volunteers))
        new = Status.PAUSED if self.volunteers[vid] == Status.ACTIVE.value else Status.ACTIVE
        saved = self.write("volunteer.status", {"volunteer": {vid: {"status": new.value}}},
                           lambda: self.s.volunteers.change_status(vid, new, "Pause abgesprochen"),
                           lambda v: (v.id, {"volunteer": {v.id: {"status": v.status.value}}}))
        self.volunteers[vid] = saved.status.value

    def request_create(self) -> None:
        from kommandesk.domain.languages import LanguageSkill, Level
        from kommandesk.domain.requests import RequestConsent, SupportRequest

        rng, tag = self.rng, self.tag()
        req = SupportRequest(person=rng.choice(("Z.", "M. K.", "Amir", "F.")), site="ZUE Bielefeld",
                             area_id=rng.choice(self.area_ids), languages=(LanguageSkill("ar", Level.B1),),
                             consent=RequestConsent(self.today, "Weitergabe an die Ehrenamtliche"),
                             received_on=self.today, description=f"Begleitung zum Amt {tag}")
        planned = {**request_shape(req), "tag": "description"}
        del planned["reference"]
        saved = self.write("request.create", {"request": {"new": planned}}, lambda: self.s.requests.create(req),
                           lambda r: (r.id, {"request": {r.id: request_shape(r)}}))
        self.requests.append(saved.id)

    def request_assign(self) -> None:
        self.tag()
        free = [(r, v) for r in self.requests[-5:] for v in self.volunteers if (r, v) not in self.pairs]
        if not free:
            return self.volunteer_create()
        rid, vid = self.rng.choice(free)
        planned = {"assignment": {"new": {"request_id": rid, "volunteer_id": vid, "status": "proposed",
                                          "tag": ["request_id", "volunteer_id"]}},
                   "request": {rid: {"status": "assigned"}}}

        def effects(a):
            return a.id, {"assignment": {a.id: assignment_shape(a)},
                          "request": {rid: {"status": self.s.requests.get(rid).status.value}}}

        saved = self.write("request.assign", planned, lambda: self.s.requests.assign(rid, vid), effects)
        self.pairs.add((rid, vid))
        self.assignments.append(saved.id)

    def hours_log(self) -> None:
        rng, tag = self.rng, self.tag()
        aid = rng.choice(self.assignments)
        minutes = rng.choice((30, 45, 60, 90, 120, 150, 240))
        planned = {"assignment_id": aid, "day": self.today.isoformat(), "minutes": minutes,
                   "activity": f"Arzttermin begleitet {tag}", "tag": "activity"}
        self.write("hours.log", {"hours": {"new": planned}},
                   lambda: self.s.requests.log_hours(aid, self.today, minutes, planned["activity"]),
                   lambda e: (e.id, {"hours": {e.id: hours_shape(e)}}))

    def allowance_record(self) -> None:
        from kommandesk.domain.allowances import Allowance

        rng, tag = self.rng, self.tag()
        payment = Allowance(volunteer_id=rng.choice(list(self.volunteers)), paid_on=self.today,
                            amount_cents=rng.randint(500, 25000), note=f"Fahrtkosten {tag}")
        planned = {**allowance_shape(payment), "tag": "note"}
        self.write("allowance.record", {"allowance": {"new": planned}},
                   lambda: self.s.allowances.record(payment, confirmed=True),
                   lambda a: (a.id, {"allowance": {a.id: allowance_shape(a)}}))

    def course_register(self) -> None:
        from kommandesk.domain.trainings import RegistrationStatus

        self.tag()
        vid = self.rng.choice([v for v in self.volunteers if v not in self.registered])
        planned = {"registration": {"new": {"course_id": self.course_id, "volunteer_id": vid,
                                            "status": RegistrationStatus.REGISTERED.value,
                                            "tag": ["course_id", "volunteer_id"]}}}
        saved = self.write("course.register", planned, lambda: self.s.trainings.register(self.course_id, vid),
                           lambda r: (r.id, {"registration": {r.id: registration_shape(r.course_id, r.volunteer_id,
                                                                                         r.status)}}))
        self.registered.add(vid)
        if saved.status is RegistrationStatus.REGISTERED:
            self.registrations.append(saved.id)

    def attendance_record(self) -> None:
        from kommandesk.domain.trainings import Presence

        self.tag()
        open_pairs = [(s, r) for s in self.sessions for r in self.registrations if (s, r) not in self.recorded]
        sid, rid = self.rng.choice(open_pairs)
        presence = self.rng.choice(list(Presence))
        minutes = self.rng.choice((None, 60, 90)) if presence is Presence.PRESENT else None
        key = f"{sid}/{rid}"
        planned = {"attendance": {key: {"course_id": self.course_id, "presence": presence.value, "minutes": minutes}}}
        self.write("attendance.record", planned,
                   lambda: self.s.trainings.record(sid, rid, presence, minutes),
                   lambda a: (key, {"attendance": {key: attendance_shape(self.course_id, a)}}))
        self.recorded.add((sid, rid))


def writes(data_dir: str, seed: int, run: str, max_writes: int) -> int:
    services = open_services(data_dir)
    say("READY")
    writer = Writer(services, random.Random(seed), run)
    writer.setup()
    while writer.n < max_writes:
        writer.step()
    services.close()
    return 0


# -- a whole-database export, a demo fill, the copy before a migration ------------------------------------------------

def export(data_dir: str, target: str) -> int:
    from kommandesk import paths as paths_mod
    from kommandesk.services.exports import ExportService

    say("READY")
    say(f"TRY export {dumps({'target': target})}")
    counts = ExportService(paths_mod.resolve(data_dir)).export_all(
        Path(target), progress=lambda done, total: say(f"PROGRESS {done} {total}"))
    say(f"ACK export {target} {dumps(counts)}")
    return 0


def fill(data_dir: str, count: int, seed: int) -> int:
    from kommandesk.services.demo.seed import fill_volunteers

    services = open_services(data_dir)
    say("READY")
    say(f"TRY fill {dumps({'volunteers': count})}")
    made = fill_volunteers(services, count, seed=seed)
    say(f"ACK fill - {dumps({'volunteers': made})}")
    services.close()
    return 0


def copy(data_dir: str) -> int:
    """Copies as the one made before every migration (store.db.copy_aside), one after the other."""
    from kommandesk.store.db import copy_aside

    services = open_services(data_dir)
    say("READY")
    for _ in range(1000):
        say("TRY copy {}")
        target = copy_aside(services.store.conn, services.paths.backup_dir, services.store.schema_version)
        say(f"ACK copy {target.name} {{}}")
    services.close()
    return 0


def backup(data_dir: str) -> int:
    """Backups as the backup service makes them (store.backup.write_backup), one after the other."""
    from kommandesk import paths as paths_mod
    from kommandesk.store.backup import write_backup

    paths = paths_mod.resolve(data_dir)
    paths.backup_dir.mkdir(parents=True, exist_ok=True)
    say("READY")
    for number in range(1, 1000):
        target = paths.backup_dir / f"kommandesk-backup-crash{number:04d}.sqlite3"
        say(f"TRY backup {dumps({'target': target.name})}")
        write_backup(paths.db_file, target)
        say(f"ACK backup {target.name} {{}}")
    return 0


def restore(data_dir: str, source: str) -> int:
    """A backup restored into the live database (store.backup.restore_into), nothing else connected to it."""
    from kommandesk import paths as paths_mod
    from kommandesk.store.backup import restore_into

    paths = paths_mod.resolve(data_dir)
    say("READY")
    say(f"TRY restore {dumps({'source': Path(source).name})}")
    restore_into(Path(source), paths.db_file)
    say(f"ACK restore {Path(source).name} {{}}")
    return 0


def main(argv: list[str]) -> int:
    mode, args = (argv[0], argv[1:]) if argv else ("", [])
    if mode == "writes" and len(args) in (3, 4):
        return writes(args[0], int(args[1]), args[2], int(args[3]) if len(args) == 4 else 100_000)
    if mode == "export" and len(args) == 2:
        return export(*args)
    if mode == "fill" and len(args) == 3:
        return fill(args[0], int(args[1]), int(args[2]))
    if mode == "copy" and len(args) == 1:
        return copy(args[0])
    if mode == "backup" and len(args) == 1:
        return backup(args[0])
    if mode == "restore" and len(args) == 2:
        return restore(*args)
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
