"""Data protection in the database: everything stored about one person (Art. 15), erasing a volunteer and
anonymising a request (Art. 17), and the candidates of the retention rules. The rules are domain/privacy.py's.

Writes hold no transaction of their own: the service wraps each use case in one (``store.db.atomic()``), so an
erasure or a retention run is whole or absent. Every connection deletes with ``PRAGMA secure_delete=ON``
(store/db.py): deleted text is overwritten in the file, not only unlinked. The full-text indexes keep a deleted
row's words in their older segments until these are merged: :meth:`PrivacyRepository.compact_search` merges them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence

from kommandesk.domain.search_text import searchable
from kommandesk.store import audit
from kommandesk.store.clock import new_id, utc_now
from kommandesk.store.db import Store

BLOBS = {"certificate_files": ("pdf",), "certificate_logos": ("data",), "organisation": ("logo",)}
CLEARANCE_COLUMNS = ("clearance_issued_on", "clearance_inspected_on", "clearance_inspected_by", "clearance_result",
                     "clearance_self_commitment_on")
OPEN_ASSIGNMENT = "('proposed', 'contacted', 'accepted', 'active')"  # domain.assignments.OPEN
OPEN_REGISTRATION = "('registered', 'waiting')"


def _marks(values: Sequence) -> str:
    return ", ".join("?" for _value in values)


class PrivacyRepository:
    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    def _rows(self, sql: str, params: Sequence = ()) -> list[dict]:
        return [dict(row) for row in self._store.query(sql, tuple(params))]

    def _ids(self, sql: str, params: Sequence = ()) -> list[str]:
        return [row[0] for row in self._conn.execute(sql, tuple(params))]

    # -- finding the person ------------------------------------------------------------------------------------

    def volunteer(self, reference: str) -> tuple[str, str] | None:
        """(id, "first last") of the volunteer with this reference."""
        row = self._conn.execute("SELECT id, trim(first_name || ' ' || last_name) FROM volunteers "
                                 "WHERE reference = ?", (reference,)).fetchone()
        return (row[0], row[1]) if row else None

    def request(self, reference: str) -> tuple[str, str, str, str | None] | None:
        """(id, person, status, anonymised on) of the request with this reference."""
        row = self._conn.execute("SELECT id, person, status, anonymised_on FROM requests WHERE reference = ?",
                                 (reference,)).fetchone()
        return tuple(row) if row else None

    # -- Art. 15: everything about one person -----------------------------------------------------------------

    def volunteer_tables(self, volunteer_id: str) -> dict[str, list[dict]]:
        """Table -> the rows about the volunteer, every column but blobs; joined names where a row only holds an
        id (the request's reference, the course's reference and title, the area's names, the session's day)."""
        vid = (volunteer_id,)
        assignments = "SELECT id FROM assignments WHERE volunteer_id = ?"
        registrations = "SELECT id FROM course_registrations WHERE volunteer_id = ?"
        return {
            "volunteers": self._rows("SELECT * FROM volunteers WHERE id = ?", vid),
            "volunteer_languages": self._rows(
                "SELECT * FROM volunteer_languages WHERE volunteer_id = ? ORDER BY position", vid),
            "volunteer_areas": self._rows(
                "SELECT va.*, a.name_de AS area_name_de, a.name_en AS area_name_en FROM volunteer_areas va "
                "JOIN areas_of_help a ON a.id = va.area_id WHERE va.volunteer_id = ? ORDER BY va.position", vid),
            "volunteer_absences": self._rows(
                "SELECT * FROM volunteer_absences WHERE volunteer_id = ? ORDER BY first_day, rowid", vid),
            "volunteer_status_history": self._rows(
                "SELECT * FROM volunteer_status_history WHERE volunteer_id = ? ORDER BY position", vid),
            "assignments": self._rows(
                "SELECT a.*, r.reference AS request_reference FROM assignments a "
                "JOIN requests r ON r.id = a.request_id WHERE a.volunteer_id = ? ORDER BY a.proposed_on, a.rowid", vid),
            "assignment_status_history": self._rows(
                f"SELECT * FROM assignment_status_history WHERE assignment_id IN ({assignments}) "
                "ORDER BY assignment_id, position", vid),
            "assignment_hours": self._rows(
                f"SELECT * FROM assignment_hours WHERE assignment_id IN ({assignments}) ORDER BY day, rowid", vid),
            "course_registrations": self._rows(
                "SELECT g.*, c.reference AS course_reference, c.title AS course_title FROM course_registrations g "
                "JOIN courses c ON c.id = g.course_id WHERE g.volunteer_id = ? ORDER BY g.registered_at", vid),
            "course_attendance": self._rows(
                "SELECT t.*, s.day AS session_day, s.start AS session_start, s.\"end\" AS session_end, "
                "c.reference AS course_reference FROM course_attendance t "
                "JOIN course_sessions s ON s.id = t.session_id "
                f"JOIN courses c ON c.id = s.course_id WHERE t.registration_id IN ({registrations}) "
                "ORDER BY s.day, s.start", vid),
            "certificates": self._rows("SELECT * FROM certificates WHERE volunteer_id = ? ORDER BY issued_on, number",
                                       vid),
            "allowances": self._rows("SELECT * FROM allowances WHERE volunteer_id = ? ORDER BY paid_on, rowid", vid),
        }

    def request_tables(self, request_id: str) -> dict[str, list[dict]]:
        """Table -> the rows about the requester. The assignments show what was done for them, not who did it
        (the volunteer is another person: Art. 15 (4))."""
        rid = (request_id,)
        assignments = "SELECT id FROM assignments WHERE request_id = ?"
        return {
            "requests": self._rows("SELECT r.*, a.name_de AS area_name_de, a.name_en AS area_name_en FROM requests r "
                                   "LEFT JOIN areas_of_help a ON a.id = r.area_id WHERE r.id = ?", rid),
            "request_languages": self._rows(
                "SELECT * FROM request_languages WHERE request_id = ? ORDER BY position", rid),
            "request_status_history": self._rows(
                "SELECT * FROM request_status_history WHERE request_id = ? ORDER BY position", rid),
            "assignments": self._rows(
                "SELECT id, created_at, updated_at, request_id, status, proposed_on, started_on, ended_on, "
                "follow_up_on, notes FROM assignments WHERE request_id = ? ORDER BY proposed_on, rowid", rid),
            "assignment_hours": self._rows(
                "SELECT id, created_at, assignment_id, day, minutes, activity FROM assignment_hours "
                f"WHERE assignment_id IN ({assignments}) ORDER BY day, rowid", rid),
        }

    def record_ids(self, tables: dict[str, list[dict]]) -> list[str]:
        """The ids the audit trail files the person's entries under: every collected row's id, and each
        assignment's status history (a volunteer's or request's child rows without an id of their own are
        filed under their parent's id, see store/audit_schema.py)."""
        ids = {row["id"] for rows in tables.values() for row in rows if row.get("id")}
        assignment_ids = [row["id"] for row in tables.get("assignments", ())]
        for start in range(0, len(assignment_ids), 500):
            chunk = assignment_ids[start:start + 500]
            ids.update(self._ids(f"SELECT id FROM assignment_status_history WHERE assignment_id IN ({_marks(chunk)})",
                                 chunk))
            ids.update(self._ids(f"SELECT id FROM assignment_hours WHERE assignment_id IN ({_marks(chunk)})", chunk))
        return sorted(ids)

    def audit_entries(self, record_ids: Iterable[str]) -> list[dict]:
        """The audit trail's entries about these records, oldest first."""
        ids = sorted(set(record_ids))
        found: list[dict] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            found += self._rows("SELECT at, os_user, coordinator, action, table_name, record_id, changes "
                                f"FROM audit_log WHERE record_id IN ({_marks(chunk)})", chunk)
        return sorted(found, key=lambda row: (row["at"], row["table_name"]))

    # -- what stands in the way of an erasure -------------------------------------------------------------------

    def open_assignments(self, volunteer_id: str) -> list[str]:
        """The references of the requests the volunteer has an open assignment for."""
        return self._ids(f"SELECT r.reference FROM assignments a JOIN requests r ON r.id = a.request_id "
                         f"WHERE a.volunteer_id = ? AND a.status IN {OPEN_ASSIGNMENT} ORDER BY r.reference",
                         (volunteer_id,))

    def upcoming_courses(self, volunteer_id: str, today: dt.date) -> list[str]:
        """The references of the courses the volunteer is registered (or waiting) for that are still to come: not
        finished or cancelled, and a session from today on or none yet."""
        return self._ids(f"""SELECT c.reference FROM course_registrations g JOIN courses c ON c.id = g.course_id
WHERE g.volunteer_id = ? AND g.status IN {OPEN_REGISTRATION} AND c.status NOT IN ('finished', 'cancelled')
  AND (EXISTS (SELECT 1 FROM course_sessions s WHERE s.course_id = c.id AND s.cancelled = 0 AND s.day >= ?)
       OR NOT EXISTS (SELECT 1 FROM course_sessions s WHERE s.course_id = c.id AND s.cancelled = 0))
ORDER BY c.reference""", (volunteer_id, today.isoformat()))

    def blocked_volunteers(self, today: dt.date) -> frozenset[str]:
        """Ids of the volunteers with an open assignment or an upcoming course (retention holds them back)."""
        found = self._ids(f"SELECT volunteer_id FROM assignments WHERE status IN {OPEN_ASSIGNMENT} "
                          "AND volunteer_id IS NOT NULL")
        found += self._ids(f"""SELECT g.volunteer_id FROM course_registrations g JOIN courses c ON c.id = g.course_id
WHERE g.volunteer_id IS NOT NULL AND g.status IN {OPEN_REGISTRATION} AND c.status NOT IN ('finished', 'cancelled')
  AND (EXISTS (SELECT 1 FROM course_sessions s WHERE s.course_id = c.id AND s.cancelled = 0 AND s.day >= ?)
       OR NOT EXISTS (SELECT 1 FROM course_sessions s WHERE s.course_id = c.id AND s.cancelled = 0))""",
                           (today.isoformat(),))
        return frozenset(found)

    def allowance_years(self, volunteer_id: str) -> list[int]:
        return [int(year) for year in self._ids(
            "SELECT DISTINCT substr(paid_on, 1, 4) FROM allowances WHERE volunteer_id = ? ORDER BY 1", (volunteer_id,))]

    # -- Art. 17: erasing -------------------------------------------------------------------------------------

    def erase_volunteer(self, volunteer_id: str) -> dict[str, int]:
        """Delete the volunteer and everything personal; their assignments (with hours), course registrations (with
        attendance) and certificate register entries stay without them. Returns what was done, by kind."""
        tables = self.volunteer_tables(volunteer_id)
        ids = self.record_ids(tables)
        vid = (volunteer_id,)
        now = utc_now()
        assignments = "SELECT id FROM assignments WHERE volunteer_id = ?"
        registrations = "SELECT id FROM course_registrations WHERE volunteer_id = ?"
        certificates = "SELECT id FROM certificates WHERE volunteer_id = ?"
        conn = self._conn
        conn.execute("UPDATE assignments SET notes = '', override_reason = '', updated_at = ? WHERE volunteer_id = ?",
                     (now, volunteer_id))
        conn.execute(f"UPDATE assignment_status_history SET reason = '' WHERE assignment_id IN ({assignments})", vid)
        conn.execute("UPDATE assignment_hours SET activity = '', updated_at = ? "
                     f"WHERE assignment_id IN ({assignments})", (now, volunteer_id))
        conn.execute("UPDATE course_registrations SET note = '', updated_at = ? WHERE volunteer_id = ?",
                     (now, volunteer_id))
        conn.execute(f"UPDATE course_attendance SET reason = '' WHERE registration_id IN ({registrations})", vid)
        conn.execute(f"DELETE FROM certificate_files WHERE certificate_id IN ({certificates})", vid)
        conn.execute("UPDATE certificates SET person_name = '', person_key = '', content = '', sha256 = '', "
                     "override_reason = '', revoke_reason = '', updated_at = ? WHERE volunteer_id = ?",
                     (now, volunteer_id))
        # the profile, its languages, areas, absences, status history and allowances (ON DELETE CASCADE); the
        # assignments, registrations and certificates lose the reference (ON DELETE SET NULL); the search index
        # entry goes with the row (its delete trigger)
        conn.execute("DELETE FROM volunteers WHERE id = ?", vid)
        blanked = audit.erase_values(conn, ids)
        self._forget_rewritten(volunteer_id)
        return {"profile": 1, "languages": len(tables["volunteer_languages"]),
                "areas": len(tables["volunteer_areas"]), "absences": len(tables["volunteer_absences"]),
                "status_history": len(tables["volunteer_status_history"]),
                "assignments": len(tables["assignments"]), "hours": len(tables["assignment_hours"]),
                "registrations": len(tables["course_registrations"]),
                "certificates": len(tables["certificates"]), "allowances": len(tables["allowances"]),
                "audit_entries": blanked}

    def _forget_rewritten(self, record_id: str) -> None:
        """The audit trail remembers a save's removed child rows (languages, ...) until the next save of their
        parent (TEMP table, this connection only): forget the erased person's at once."""
        try:
            self._conn.execute("DELETE FROM temp.audit_rewritten WHERE record_id = ?", (record_id,))
        except sqlite3.OperationalError:  # a connection without the audit trail
            pass

    def checkpoint(self) -> None:
        """Write the log (WAL) into the database file and empty it, so that the overwritten content is gone from
        both at once; another connection reading just then leaves it for the next checkpoint."""
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def anonymise_request(self, request_id: str, today: dt.date) -> dict[str, int]:
        """Blank the requester's data in the request (person, spoken languages, site contact, postcode and
        coordinates, description, consent), in its status history and in its assignments' notes and hours; the
        request, its needed languages, dates and status stay as a count."""
        tables = self.request_tables(request_id)
        ids = self.record_ids(tables)
        rid = (request_id,)
        now = utc_now()
        assignments = "SELECT id FROM assignments WHERE request_id = ?"
        conn = self._conn
        reference, site = conn.execute("SELECT reference, site FROM requests WHERE id = ?", rid).fetchone()
        conn.execute("UPDATE requests SET person = '', person_key = '', person_languages = '', site_contact = '', "
                     "postcode = '', latitude = NULL, longitude = NULL, description = '', consent_given_on = NULL, "
                     "consent_agreed = NULL, search_text = ?, anonymised_on = ?, updated_at = ? WHERE id = ?",
                     (searchable(reference, site), today.isoformat(), now, request_id))
        conn.execute("UPDATE request_status_history SET reason = '' WHERE request_id = ?", rid)
        conn.execute("UPDATE assignments SET notes = '', override_reason = '', updated_at = ? WHERE request_id = ?",
                     (now, request_id))
        conn.execute(f"UPDATE assignment_status_history SET reason = '' WHERE assignment_id IN ({assignments})", rid)
        conn.execute("UPDATE assignment_hours SET activity = '', updated_at = ? "
                     f"WHERE assignment_id IN ({assignments})", (now, request_id))
        blanked = audit.erase_values(conn, ids)
        return {"request": 1, "status_history": sum(1 for row in tables["request_status_history"] if row["reason"]),
                "assignments": len(tables["assignments"]), "hours": len(tables["assignment_hours"]),
                "audit_entries": blanked}

    def delete_clearance(self, volunteer_id: str) -> int:
        """Delete the volunteer's clearance record, in the audit trail's entries too; 1 when there was one."""
        sets = ", ".join(f"{column} = NULL" for column in CLEARANCE_COLUMNS if column != "clearance_inspected_by")
        done = self._conn.execute(
            f"UPDATE volunteers SET {sets}, clearance_inspected_by = '', clearance_group = 0, updated_at = ? "
            "WHERE id = ? AND clearance_issued_on IS NOT NULL", (utc_now(), volunteer_id)).rowcount
        self.blank_audit_columns([volunteer_id], CLEARANCE_COLUMNS)
        return done

    def blank_audit_columns(self, record_ids: Sequence[str], columns: Sequence[str]) -> int:
        """Blank the old and new values of ``columns`` in the entries of these records (the rest stays)."""
        done = 0
        for column in columns:
            path = f"$.{column}"
            for start in range(0, len(record_ids), 500):
                chunk = list(record_ids[start:start + 500])
                done += self._conn.execute(
                    f"UPDATE audit_log SET changes = json_set(changes, ?, json('[null,null]')) "
                    f"WHERE record_id IN ({_marks(chunk)}) AND json_extract(changes, ?) IS NOT NULL "
                    "AND json_extract(changes, ?) != json('[null,null]')", (path, *chunk, path, path)).rowcount
        return done

    def record_erasure(self, kind: str, reference: str, reason: str, today: dt.date) -> None:
        now = utc_now()
        self._conn.execute("INSERT INTO erasures (id, created_at, updated_at, kind, reference, reason, done_on) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", (new_id(), now, now, kind, reference, reason,
                                                            today.isoformat()))

    def compact_search(self) -> None:
        """Merge the full-text indexes' segments: the words of deleted or changed rows leave the index (without this
        they stay in older segments, found by no search but still in the file)."""
        for table in ("volunteers_fts", "requests_fts"):
            self._conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")

    # -- retention ----------------------------------------------------------------------------------------------

    def closed_requests(self) -> list[tuple[str, str, str, dt.date | None]]:
        """(id, reference, status, the day it was closed) of the closed requests not yet anonymised; the day is the
        latest status change (the day received when there is none)."""
        rows = self._conn.execute("""SELECT r.id, r.reference, r.status,
  coalesce((SELECT h.changed_on FROM request_status_history h WHERE h.request_id = r.id
            ORDER BY h.position DESC LIMIT 1), r.received_on)
FROM requests r WHERE r.anonymised_on IS NULL AND r.status IN ('completed', 'cancelled')""").fetchall()
        return [(rid, reference, status, dt.date.fromisoformat(day) if day else None)
                for rid, reference, status, day in rows]

    def ended_volunteers(self) -> list[tuple[str, str, str, dt.date | None, list[tuple[str, dt.date]]]]:
        """(id, reference, status, clearance issued on, status history) of the inactive and archived volunteers."""
        found: dict[str, tuple] = {}
        for vid, reference, status, issued in self._conn.execute(
                "SELECT id, reference, status, clearance_issued_on FROM volunteers "
                "WHERE status IN ('inactive', 'archived')"):
            found[vid] = (vid, reference, status, dt.date.fromisoformat(issued) if issued else None, [])
        for vid, status, day in self._conn.execute(
                "SELECT h.volunteer_id, h.status, h.changed_on FROM volunteer_status_history h "
                "JOIN volunteers v ON v.id = h.volunteer_id WHERE v.status IN ('inactive', 'archived') "
                "ORDER BY h.volunteer_id, h.position"):
            found[vid][4].append((status, dt.date.fromisoformat(day)))
        return list(found.values())
