"""Trainings in the database: courses with their areas of help, sessions, registrations (the waiting list in the
order of ``registered_at``) and attendance. Writes hold no transaction of their own unless they say so: the
service wraps each use case in one (``store.db.atomic()``), so that nothing is half-saved.

Times are stored 'HH:MM', days ISO; the minutes of a session are computed in SQL for the course list.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from kommandesk.domain.search_text import fold
from kommandesk.domain.trainings import (
    Attendance, Course, CourseStatus, Presence, Registration, RegistrationStatus, Session, TimeUnit,
)
from kommandesk.store.bulk_insert import next_number
from kommandesk.store.clock import new_id, utc_now
from kommandesk.store.db import Store

# the minutes of a session ``s`` (end - start, both 'HH:MM'), as an SQL expression (course list, reports)
SESSION_MINUTES = ("((CAST(substr(s.\"end\", 1, 2) AS INTEGER) * 60 + CAST(substr(s.\"end\", 4, 2) AS INTEGER)) - "
                   "(CAST(substr(s.start, 1, 2) AS INTEGER) * 60 + CAST(substr(s.start, 4, 2) AS INTEGER)))")

# one line of the course list: the course with its counts and the days and minutes of its sessions (not cancelled)
COURSE_ROWS = f"""
SELECT c.id, c.reference, c.title, c.title_key, c.status, c.funding_tag, c.trainers, c.capacity, c.unit,
  (SELECT count(*) FROM course_registrations r WHERE r.course_id = c.id
     AND r.status IN ('registered', 'completed')) AS registered,
  (SELECT count(*) FROM course_registrations r WHERE r.course_id = c.id AND r.status = 'waiting') AS waiting,
  (SELECT count(*) FROM course_sessions s WHERE s.course_id = c.id AND s.cancelled = 0) AS sessions,
  (SELECT min(day) FROM course_sessions s WHERE s.course_id = c.id AND s.cancelled = 0) AS first_day,
  (SELECT max(day) FROM course_sessions s WHERE s.course_id = c.id AND s.cancelled = 0) AS last_day,
  (SELECT coalesce(sum({SESSION_MINUTES}), 0) FROM course_sessions s WHERE s.course_id = c.id AND s.cancelled = 0)
     AS planned_minutes
FROM courses c"""

PARTICIPANT_ROWS = """
SELECT r.id, r.course_id, r.volunteer_id, r.status, r.registered_at, r.note, v.reference AS volunteer_reference,
  v.first_name, v.last_name, v.email, v.last_key, v.first_key
FROM course_registrations r JOIN volunteers v ON v.id = r.volunteer_id"""


def format_reference(year: int, number: int) -> str:
    return f"K-{year}-{number:04d}"


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")  # storage format, never shown


def course_columns(course: Course) -> dict:
    return {"title": course.title, "title_key": fold(course.title), "description": course.description,
            "topics": "\n".join(course.topics), "trainers": course.trainers, "funding_tag": course.funding_tag,
            "capacity": course.capacity, "min_attendance_percent": course.min_attendance_percent,
            "unit": TimeUnit(course.unit).value, "language": course.language,
            "status": CourseStatus(course.status).value}


def _course(row, areas: tuple[str, ...]) -> Course:
    return Course(title=row["title"], description=row["description"],
                  topics=tuple(t for t in row["topics"].split("\n") if t), trainers=row["trainers"],
                  funding_tag=row["funding_tag"], capacity=row["capacity"],
                  min_attendance_percent=row["min_attendance_percent"], unit=TimeUnit(row["unit"]),
                  language=row["language"], status=CourseStatus(row["status"]), areas=areas, id=row["id"],
                  reference=row["reference"], created_at=row["created_at"], updated_at=row["updated_at"])


def _session(row) -> Session:
    return Session(course_id=row["course_id"], day=dt.date.fromisoformat(row["day"]),
                   start=dt.time.fromisoformat(row["start"]), end=dt.time.fromisoformat(row["end"]),
                   place=row["place"], trainer=row["trainer"], cancelled=bool(row["cancelled"]),
                   cancel_reason=row["cancel_reason"], id=row["id"])


def _registration(row) -> Registration:
    return Registration(course_id=row["course_id"], volunteer_id=row["volunteer_id"],
                        status=RegistrationStatus(row["status"]), registered_at=row["registered_at"],
                        note=row["note"], id=row["id"])


def _attendance(row) -> Attendance:
    return Attendance(session_id=row["session_id"], registration_id=row["registration_id"],
                      presence=Presence(row["presence"]), minutes=row["minutes"], reason=row["reason"],
                      recorded_by=row["recorded_by"], recorded_at=row["recorded_at"])


def completed_by_area(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """Area id -> volunteer id -> completed courses tagged with that area (matching: relevant trainings)."""
    found: dict[str, dict[str, int]] = {}
    for area_id, volunteer_id, count in conn.execute(
            "SELECT a.area_id, r.volunteer_id, count(*) FROM course_registrations r "
            "JOIN course_areas a ON a.course_id = r.course_id WHERE r.status = 'completed' "
            "GROUP BY a.area_id, r.volunteer_id"):
        found.setdefault(area_id, {})[volunteer_id] = count
    return found


def trainings_version(conn: sqlite3.Connection) -> tuple:
    """Changes when a registration is completed or a course (its areas) is saved."""
    return tuple(conn.execute(
        "SELECT (SELECT count(*) FROM course_registrations WHERE status = 'completed'), "
        "(SELECT max(updated_at) FROM course_registrations WHERE status = 'completed'), "
        "(SELECT max(updated_at) FROM courses)").fetchone())


class TrainingRepository:
    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    # -- courses -----------------------------------------------------------------------------------------------

    def get_course(self, course_id: str) -> Course | None:
        rows = self._store.query("SELECT * FROM courses WHERE id = ?", (course_id,))
        return self._with_areas(rows[0]) if rows else None

    def get_course_by_reference(self, reference: str) -> Course | None:
        rows = self._store.query("SELECT * FROM courses WHERE reference = ?", (reference,))
        return self._with_areas(rows[0]) if rows else None

    def _with_areas(self, row) -> Course:
        areas = tuple(r[0] for r in self._conn.execute(
            "SELECT area_id FROM course_areas WHERE course_id = ? ORDER BY area_id", (row["id"],)))
        return _course(row, areas)

    def insert_course(self, course: Course, year: int) -> str:
        number = next_number(self._conn, "courses", year)
        now, course_id = utc_now(), new_id()
        row = course_columns(course) | {"id": course_id, "created_at": now, "updated_at": now,
                                        "reference": format_reference(year, number), "ref_year": year,
                                        "ref_number": number}
        columns = list(row)
        self._conn.execute(f"INSERT INTO courses ({', '.join(columns)}) "
                           f"VALUES ({', '.join(':' + c for c in columns)})", row)
        self._set_areas(course_id, course.areas)
        return course_id

    def update_course(self, course: Course) -> None:
        row = course_columns(course) | {"updated_at": utc_now()}
        assignments = ", ".join(f"{column} = :{column}" for column in row)
        self._conn.execute(f"UPDATE courses SET {assignments} WHERE id = :id", row | {"id": course.id})
        self._conn.execute("DELETE FROM course_areas WHERE course_id = ?", (course.id,))
        self._set_areas(course.id, course.areas)

    def set_course_status(self, course_id: str, status: CourseStatus) -> None:
        self._conn.execute("UPDATE courses SET status = ?, updated_at = ? WHERE id = ?",
                           (status.value, utc_now(), course_id))

    def _set_areas(self, course_id: str, areas: Sequence[str]) -> None:
        self._conn.executemany("INSERT INTO course_areas (course_id, area_id) VALUES (?, ?)",
                               [(course_id, area_id) for area_id in dict.fromkeys(areas)])

    def course_rows(self, statuses: Sequence[str] = (), course_ids: Sequence[str] | None = None) -> list:
        clauses, params = [], []
        if statuses:
            clauses.append(f"c.status IN ({', '.join('?' for _ in statuses)})")
            params += list(statuses)
        if course_ids is not None:
            if not course_ids:
                return []
            clauses.append(f"c.id IN ({', '.join('?' for _ in course_ids)})")
            params += list(course_ids)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._store.query(f"{COURSE_ROWS}{where} ORDER BY first_day IS NOT NULL, first_day DESC, "
                                 "c.ref_year DESC, c.ref_number DESC", params)

    def funding_tags(self) -> list[str]:
        return [row[0] for row in self._conn.execute(
            "SELECT funding_tag FROM courses WHERE funding_tag != '' GROUP BY funding_tag "
            "ORDER BY max(updated_at) DESC")]

    # -- sessions ----------------------------------------------------------------------------------------------

    def sessions(self, course_id: str) -> list[Session]:
        """In date order, cancelled ones included."""
        return [_session(row) for row in self._store.query(
            'SELECT * FROM course_sessions WHERE course_id = ? ORDER BY day, start, "end", created_at, id',
            (course_id,))]

    def sessions_on(self, day: dt.date) -> list[Session]:
        """Every course's sessions on ``day`` (the room check)."""
        return [_session(row) for row in self._store.query(
            "SELECT * FROM course_sessions WHERE day = ? ORDER BY start", (day.isoformat(),))]

    def get_session(self, session_id: str) -> Session | None:
        rows = self._store.query("SELECT * FROM course_sessions WHERE id = ?", (session_id,))
        return _session(rows[0]) if rows else None

    def insert_session(self, session: Session) -> str:
        now, session_id = utc_now(), new_id()
        self._conn.execute(
            'INSERT INTO course_sessions (id, created_at, updated_at, course_id, day, start, "end", place, '
            "place_key, trainer, cancelled, cancel_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (session_id, now, now, session.course_id, session.day.isoformat(), _hhmm(session.start),
             _hhmm(session.end), session.place, fold(session.place), session.trainer, int(session.cancelled),
             session.cancel_reason))
        return session_id

    def update_session(self, session: Session) -> None:
        self._conn.execute(
            'UPDATE course_sessions SET updated_at = ?, day = ?, start = ?, "end" = ?, place = ?, place_key = ?, '
            "trainer = ?, cancelled = ?, cancel_reason = ? WHERE id = ?",
            (utc_now(), session.day.isoformat(), _hhmm(session.start), _hhmm(session.end), session.place,
             fold(session.place), session.trainer, int(session.cancelled), session.cancel_reason, session.id))

    # -- registrations -----------------------------------------------------------------------------------------

    def get_registration(self, registration_id: str) -> Registration | None:
        rows = self._store.query("SELECT * FROM course_registrations WHERE id = ?", (registration_id,))
        return _registration(rows[0]) if rows else None

    def open_registration(self, course_id: str, volunteer_id: str) -> Registration | None:
        """The volunteer's registration for the course that is not cancelled."""
        rows = self._store.query("SELECT * FROM course_registrations WHERE course_id = ? AND volunteer_id = ? "
                                 "AND status != 'cancelled'", (course_id, volunteer_id))
        return _registration(rows[0]) if rows else None

    def taken_places(self, course_id: str) -> int:
        return self._conn.execute("SELECT count(*) FROM course_registrations WHERE course_id = ? "
                                  "AND status IN ('registered', 'completed')", (course_id,)).fetchone()[0]

    def waiting(self, course_id: str) -> list[Registration]:
        """The waiting list in order (1 = next)."""
        return [_registration(row) for row in self._store.query(
            "SELECT * FROM course_registrations WHERE course_id = ? AND status = 'waiting' "
            "ORDER BY registered_at, id", (course_id,))]

    def insert_registration(self, registration: Registration) -> str:
        """``registered_at`` is now, or just after the course's latest one: the waiting list's order is strict."""
        now = utc_now()
        latest = self._conn.execute("SELECT max(registered_at) FROM course_registrations WHERE course_id = ?",
                                    (registration.course_id,)).fetchone()[0]
        stamp = now
        if latest is not None and latest >= now:
            stamp = (dt.datetime.fromisoformat(latest) + dt.timedelta(milliseconds=1)).isoformat(
                timespec="milliseconds")
        registration_id = new_id()
        self._conn.execute(
            "INSERT INTO course_registrations (id, created_at, updated_at, course_id, volunteer_id, status, "
            "registered_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (registration_id, now, now, registration.course_id, registration.volunteer_id,
             registration.status.value, stamp, registration.note))
        return registration_id

    def set_registration(self, registration_id: str, status: RegistrationStatus, note: str) -> None:
        self._conn.execute("UPDATE course_registrations SET status = ?, note = ?, updated_at = ? WHERE id = ?",
                           (status.value, note, utc_now(), registration_id))

    def participant_rows(self, course_id: str) -> list:
        return self._store.query(f"{PARTICIPANT_ROWS} WHERE r.course_id = ? ORDER BY r.registered_at, r.id",
                                 (course_id,))

    def participant_row(self, registration_id: str):
        rows = self._store.query(f"{PARTICIPANT_ROWS} WHERE r.id = ?", (registration_id,))
        return rows[0] if rows else None

    def registrations_of(self, volunteer_id: str) -> list[Registration]:
        return [_registration(row) for row in self._store.query(
            "SELECT * FROM course_registrations WHERE volunteer_id = ? ORDER BY registered_at", (volunteer_id,))]

    # -- attendance --------------------------------------------------------------------------------------------

    def attendance(self, course_id: str) -> list[Attendance]:
        return [_attendance(row) for row in self._store.query(
            "SELECT a.* FROM course_attendance a JOIN course_sessions s ON s.id = a.session_id "
            "WHERE s.course_id = ?", (course_id,))]

    def attendance_of(self, registration_ids: Sequence[str]) -> list[Attendance]:
        if not registration_ids:
            return []
        marks = ", ".join("?" for _ in registration_ids)
        return [_attendance(row) for row in self._store.query(
            f"SELECT * FROM course_attendance WHERE registration_id IN ({marks})", list(registration_ids))]

    def put_attendance(self, records: Sequence[Attendance]) -> None:
        self._conn.executemany(
            "INSERT INTO course_attendance (session_id, registration_id, presence, minutes, reason, recorded_by, "
            "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, registration_id) DO UPDATE SET "
            "presence = excluded.presence, minutes = excluded.minutes, reason = excluded.reason, "
            "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
            [(r.session_id, r.registration_id, r.presence.value, r.minutes, r.reason, r.recorded_by, r.recorded_at)
             for r in records])

    def delete_attendance(self, session_id: str, registration_id: str) -> None:
        self._conn.execute("DELETE FROM course_attendance WHERE session_id = ? AND registration_id = ?",
                           (session_id, registration_id))

    def completed_by_area(self) -> dict[str, dict[str, int]]:
        return completed_by_area(self._conn)
