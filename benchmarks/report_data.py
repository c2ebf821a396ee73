"""The data folder of the Overview and report benchmarks (issue 8): 5,000 volunteers, 2,000 requests, 20,000 hour
entries, 200 courses, built once per scratch folder and reused by later rounds and benchmarks.

Volunteers and requests (with their assignments and some hours) come from the demo generators; the hours are then
topped up to exactly 20,000 entries over the last two years, and the 200 courses (4 sessions each across the
year, 15 registrations, attendance, a certificate register entry per eligible participant) and 1,000 allowance
payments are written with plain SQL in one transaction: what matters is how much there is, not how it got there.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

VOLUNTEERS = 5_000
REQUESTS = 2_000
HOURS = 20_000
COURSES = 200
SESSIONS_PER_COURSE = 4
SEATS = 15
ALLOWANCES = 1_000
SEED = 8


def build(folder: Path, today: dt.date, *, volunteers: int = VOLUNTEERS, requests: int = REQUESTS,
          hours: int = HOURS, courses: int = COURSES, allowances: int = ALLOWANCES):
    """The Paths of a data folder holding the dataset (made when ``folder`` has none yet)."""
    from kommandesk import paths as paths_mod
    from kommandesk.services.context import Services
    from kommandesk.services.demo.pools import region_places
    from kommandesk.services.demo.requests import fill_requests
    from kommandesk.services.demo.seed import demo_organisation, fill_volunteers
    from kommandesk.services.demo.people import PeopleGenerator

    paths = paths_mod.resolve(folder)
    done = folder / "complete"
    if done.exists():
        return paths
    paths.ensure()
    services = Services.open(paths)
    try:
        rng = random.Random(SEED)
        org = services.organisation.save(demo_organisation(rng, PeopleGenerator(SEED)))
        places = region_places(org.postcode)
        fill_volunteers(services, volunteers, seed=SEED, today=today, places=places)
        fill_requests(services, requests, seed=SEED, today=today, places=places)
        with services.store.db.atomic():
            _hours(services.store.conn, rng, today, hours)
            _courses(services.store.conn, rng, today, courses)
            _allowances(services.store.conn, rng, today, allowances)
    finally:
        services.close()
    done.write_text("ok")
    return paths


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def _id() -> str:
    import uuid

    return str(uuid.uuid4())


def _hours(conn, rng: random.Random, today: dt.date, total: int) -> None:
    have = conn.execute("SELECT count(*) FROM assignment_hours").fetchone()[0]
    started = [row[0] for row in conn.execute("SELECT id FROM assignments WHERE started_on IS NOT NULL")]
    now = _now()
    rows = []
    for _n in range(max(0, total - have)):
        day = today - dt.timedelta(days=rng.randint(0, 730))
        rows.append((_id(), now, now, rng.choice(started), day.isoformat(), rng.choice((45, 60, 90, 120, 180)),
                     "Begleitung"))
    conn.executemany("INSERT INTO assignment_hours (id, created_at, updated_at, assignment_id, day, minutes, "
                     "activity) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def _courses(conn, rng: random.Random, today: dt.date, count: int) -> None:
    people = [row[0] for row in conn.execute("SELECT id FROM volunteers WHERE status = 'active'")]
    areas = [row[0] for row in conn.execute("SELECT id FROM areas_of_help")]
    tags = ("KOMM-AN NRW II A", "KOMM-AN NRW II B", "KOMM-AN NRW II D", "")
    now = _now()
    serial = 0
    for number in range(1, count + 1):
        cid = _id()
        first = dt.date(today.year, 1, 8) + dt.timedelta(days=rng.randint(0, 330))
        conn.execute("INSERT INTO courses (id, created_at, updated_at, reference, ref_year, ref_number, title, "
                     "title_key, capacity, funding_tag, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (cid, now, now, f"K-{today.year}-{number:04d}", today.year, number, f"Kurs {number:03d}",
                      f"kurs {number:03d}", SEATS + 3, tags[number % len(tags)],
                      "completed" if first < today else "open"))
        conn.execute("INSERT INTO course_areas (course_id, area_id) VALUES (?, ?)", (cid, rng.choice(areas)))
        sessions = []
        for week in range(SESSIONS_PER_COURSE):
            sid = _id()
            day = first + dt.timedelta(weeks=week)
            conn.execute('INSERT INTO course_sessions (id, created_at, updated_at, course_id, day, start, "end", '
                         "place, place_key) VALUES (?, ?, ?, ?, ?, '17:00', '20:00', 'Rathaus', 'rathaus')",
                         (sid, now, now, cid, day.isoformat()))
            sessions.append((sid, day))
        for vid in rng.sample(people, SEATS):
            rid = _id()
            conn.execute("INSERT INTO course_registrations (id, created_at, updated_at, course_id, volunteer_id, "
                         "status, registered_at) VALUES (?, ?, ?, ?, ?, 'registered', ?)", (rid, now, now, cid, vid, now))
            present = 0
            for sid, day in sessions:
                if day < today:
                    presence = "present" if rng.random() < 0.9 else "absent"
                    present += presence == "present"
                    conn.execute("INSERT INTO course_attendance (session_id, registration_id, presence, recorded_at) "
                                 "VALUES (?, ?, ?, ?)", (sid, rid, presence, now))
            if present == SESSIONS_PER_COURSE:
                serial += 1
                _certificate(conn, serial, today, cid, vid, now)


def _certificate(conn, serial: int, today: dt.date, course_id: str, volunteer_id: str, now: str) -> None:
    certificate_id = _id()
    conn.execute("INSERT INTO certificates (id, created_at, updated_at, number, prefix, year, serial, check_code, "
                 "kind, volunteer_id, course_id, person_name, person_key, title, issued_on, language, sha256, content) "
                 "VALUES (?, ?, ?, ?, 'KD', ?, ?, 'ABC123', 'attendance', ?, ?, 'Teilnehmende Person', "
                 "'teilnehmende person', 'Kurs', ?, 'de', '', '{}')",
                 (certificate_id, now, now, f"KD-{today.year}-{serial:05d}", today.year, serial, volunteer_id,
                  course_id, today.isoformat()))
    conn.execute("INSERT INTO certificate_files (certificate_id, pdf) VALUES (?, ?)", (certificate_id, b"%PDF-1.4"))


def _allowances(conn, rng: random.Random, today: dt.date, count: int) -> None:
    people = [row[0] for row in conn.execute("SELECT id FROM volunteers WHERE status = 'active' LIMIT 400")]
    now = _now()
    conn.executemany("INSERT INTO allowances (id, created_at, updated_at, volunteer_id, paid_on, amount_cents, note) "
                     "VALUES (?, ?, ?, ?, ?, ?, '')",
                     [(_id(), now, now, rng.choice(people),
                       (today - dt.timedelta(days=rng.randint(0, 700))).isoformat(), rng.choice((5000, 8000, 12000)))
                      for _n in range(count)])
