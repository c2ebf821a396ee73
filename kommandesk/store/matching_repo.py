"""What matching reads: every volunteer as plain rows for the columnar pool (five queries, no per-volunteer
look-ups), whether the database changed since, and the organisation's match weights (JSON)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from kommandesk.domain.assignments import AssignmentStatus
from kommandesk.domain.availability import Availability
from kommandesk.domain.matching.pool import PoolAssignment, PoolSource
from kommandesk.domain.schedule import Recurrence, occupancy
from kommandesk.store.db import Store
from kommandesk.store.requests_repo import appointment_of
from kommandesk.store.trainings_repo import completed_by_area

# the columns of domain.matching.pool.VOLUNTEER_COLUMNS, in that order
_VOLUNTEERS = ("SELECT id, reference, first_name, last_name, status, consent_given_on IS NOT NULL, gender, latitude, "
               "longitude, travel_radius_km, max_assignments, availability_slots, by_arrangement, clearance_group, "
               "clearance_issued_on FROM volunteers WHERE status != 'archived' ORDER BY ref_year, ref_number")
_ASSIGNMENTS = (
    "SELECT a.volunteer_id, a.request_id, r.reference, a.status, r.person_key, r.site_key, r.area_id, "
    "r.appointment_day, r.appointment_start, r.appointment_end, r.recurrence_slots, r.recurrence_first_day, "
    "r.recurrence_last_day FROM assignments a JOIN requests r ON r.id = a.request_id "
    "WHERE a.status NOT IN ('declined', 'cancelled') ORDER BY r.ref_year, r.ref_number")


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class MatchingRepository:
    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    def version(self) -> tuple[int, int]:
        """Changes by other connections (data_version) and by this one (total_changes): equal means unchanged."""
        return self._conn.execute("PRAGMA data_version").fetchone()[0], self._conn.total_changes

    def volunteers_version(self) -> tuple:
        """Changes when any profile is added or saved (a save rewrites the row's updated_at with its languages,
        areas and absences), or a course is completed or its areas change (the relevant completed trainings):
        while it stays, only the assignments need reading again."""
        from kommandesk.store.trainings_repo import trainings_version

        return (*self._conn.execute("SELECT count(*), max(updated_at) FROM volunteers").fetchone(),
                *trainings_version(self._conn))

    def snapshot_source(self) -> tuple[tuple, PoolSource]:
        """``volunteers_version()`` and ``source()`` read in one transaction, so that they agree."""
        self._conn.execute("BEGIN")
        try:
            return self.volunteers_version(), self.source()
        finally:
            self._conn.execute("COMMIT")

    def source(self) -> PoolSource:
        conn = self._conn
        volunteers = conn.execute(_VOLUNTEERS).fetchall()
        # the archived volunteers' rows come too: the pool drops them (cheaper than a filter in SQL)
        languages = conn.execute("SELECT volunteer_id, code, rank FROM volunteer_languages").fetchall()
        areas = conn.execute("SELECT volunteer_id, area_id FROM volunteer_areas").fetchall()
        absences = conn.execute("SELECT volunteer_id, first_day, last_day FROM volunteer_absences").fetchall()
        return PoolSource(volunteers=volunteers, languages=languages, areas=areas, absences=absences,
                          assignments=self.assignments(), trainings=completed_by_area(conn))

    def assignments(self) -> list[PoolAssignment]:
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        found = []
        recurrences: dict[tuple, Recurrence] = {}
        for row in cursor.execute(_ASSIGNMENTS):
            recurrence = None
            if row["recurrence_first_day"]:
                key = (row["recurrence_slots"], row["recurrence_first_day"], row["recurrence_last_day"])
                recurrence = recurrences.get(key)
                if recurrence is None:
                    recurrence = recurrences[key] = Recurrence(Availability.decode_slots(row["recurrence_slots"] or ""),
                                                               _day(row["recurrence_first_day"]),
                                                               _day(row["recurrence_last_day"]))
            found.append(PoolAssignment(
                volunteer_id=row["volunteer_id"], request_id=row["request_id"], reference=row["reference"],
                status=AssignmentStatus(row["status"]), household=(row["person_key"], row["site_key"]),
                area_id=row["area_id"], occupancy=occupancy(appointment_of(row), recurrence)))
        return found

    # -- weights -----------------------------------------------------------------------------------------------

    def weights_text(self) -> str | None:
        """The stored JSON ('' for the defaults); None before the organisation is set up."""
        row = self._conn.execute("SELECT match_weights FROM organisation ORDER BY created_at LIMIT 1").fetchone()
        return row[0] if row else None

    def save_weights_text(self, text: str) -> bool:
        """False when there is no organisation record to keep them with."""
        from kommandesk.store.clock import utc_now

        with self._store.db.atomic():
            cursor = self._conn.execute(
                "UPDATE organisation SET match_weights = ?, updated_at = ? "
                "WHERE id = (SELECT id FROM organisation ORDER BY created_at LIMIT 1)", (text, utc_now()))
        return cursor.rowcount > 0
