"""Assignments (request <-> volunteer) with their status history and the hours logged for them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from kommandesk.domain.assignments import Assignment, AssignmentStatus, AssignmentStatusChange, HoursEntry
from kommandesk.store.clock import new_id, utc_now
from kommandesk.store.db import Store
from kommandesk.store.requests_repo import OPEN_ASSIGNMENT

ROW_COLUMNS = ("a.*, r.reference AS request_reference, r.person AS person, v.reference AS volunteer_reference, "
               "trim(v.first_name || ' ' || v.last_name) AS volunteer_name, "
               "(SELECT coalesce(sum(h.minutes), 0) FROM assignment_hours h WHERE h.assignment_id = a.id) AS minutes")
ROW_FROM = "assignments a JOIN requests r ON r.id = a.request_id JOIN volunteers v ON v.id = a.volunteer_id"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class AssignmentRepository:
    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    # -- reads -------------------------------------------------------------------------------------------------

    def rows_of_request(self, request_id: str) -> list[sqlite3.Row]:
        return self._store.query(f"SELECT {ROW_COLUMNS} FROM {ROW_FROM} WHERE a.request_id = ? "
                                 "ORDER BY a.proposed_on, a.rowid", (request_id,))

    def rows_of_volunteer(self, volunteer_id: str) -> list[sqlite3.Row]:
        return self._store.query(f"SELECT {ROW_COLUMNS} FROM {ROW_FROM} WHERE a.volunteer_id = ? "
                                 "ORDER BY a.proposed_on DESC, a.rowid DESC", (volunteer_id,))

    def get(self, assignment_id: str) -> Assignment | None:
        rows = self._store.query("SELECT * FROM assignments WHERE id = ?", (assignment_id,))
        if not rows:
            return None
        row = rows[0]
        history = tuple(AssignmentStatusChange(AssignmentStatus(status), _day(on), reason)
                        for status, on, reason in self._conn.execute(
                            "SELECT status, changed_on, reason FROM assignment_status_history "
                            "WHERE assignment_id = ? ORDER BY position", (assignment_id,)))
        return Assignment(
            request_id=row["request_id"], volunteer_id=row["volunteer_id"], status=AssignmentStatus(row["status"]),
            proposed_on=_day(row["proposed_on"]), started_on=_day(row["started_on"]), ended_on=_day(row["ended_on"]),
            follow_up_on=_day(row["follow_up_on"]), notes=row["notes"], score=row["score"],
            override_rule=row["override_rule"], override_reason=row["override_reason"], history=history,
            id=row["id"], created_at=row["created_at"], updated_at=row["updated_at"])

    def open_exists(self, request_id: str, volunteer_id: str) -> bool:
        marks = ", ".join("?" for _ in OPEN_ASSIGNMENT)
        return self._conn.execute(
            f"SELECT 1 FROM assignments WHERE request_id = ? AND volunteer_id = ? AND status IN ({marks})",
            (request_id, volunteer_id, *OPEN_ASSIGNMENT)).fetchone() is not None

    def open_count_of_request(self, request_id: str, exclude_id: str | None = None) -> int:
        marks = ", ".join("?" for _ in OPEN_ASSIGNMENT)
        return self._conn.execute(
            f"SELECT count(*) FROM assignments WHERE request_id = ? AND status IN ({marks}) AND id IS NOT ?",
            (request_id, *OPEN_ASSIGNMENT, exclude_id)).fetchone()[0]

    def open_ids_of_request(self, request_id: str) -> list[str]:
        marks = ", ".join("?" for _ in OPEN_ASSIGNMENT)
        return [row[0] for row in self._conn.execute(
            f"SELECT id FROM assignments WHERE request_id = ? AND status IN ({marks}) ORDER BY rowid",
            (request_id, *OPEN_ASSIGNMENT))]

    # -- writes ------------------------------------------------------------------------------------------------

    def insert_many(self, assignments: Sequence[Assignment]) -> list[str]:
        """New assignments with their history (the caller holds the transaction)."""
        now = utc_now()
        main, history, ids = [], [], []
        for item in assignments:
            aid = new_id()
            ids.append(aid)
            main.append((aid, now, now, item.request_id, item.volunteer_id, item.status.value,
                         _iso(item.proposed_on), _iso(item.started_on), _iso(item.ended_on),
                         _iso(item.follow_up_on), item.notes, item.score, item.override_rule, item.override_reason))
            history += [(new_id(), now, aid, position, change.status.value, change.on.isoformat(), change.reason)
                        for position, change in enumerate(item.history)]
        with self._store.db.atomic():
            self._conn.executemany(
                "INSERT INTO assignments (id, created_at, updated_at, request_id, volunteer_id, status, proposed_on, "
                "started_on, ended_on, follow_up_on, notes, score, override_rule, override_reason) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", main)
            self._insert_history(history)
        return ids

    def set_status(self, assignment: Assignment) -> None:
        """Store the assignment's status, dates and its newest history entry."""
        with self._store.db.atomic():
            self._conn.execute(
                "UPDATE assignments SET status = ?, started_on = ?, ended_on = ?, updated_at = ? WHERE id = ?",
                (assignment.status.value, _iso(assignment.started_on), _iso(assignment.ended_on), utc_now(),
                 assignment.id))
            position = self._conn.execute("SELECT count(*) FROM assignment_status_history WHERE assignment_id = ?",
                                          (assignment.id,)).fetchone()[0]
            change = assignment.history[-1]
            self._insert_history([(new_id(), utc_now(), assignment.id, position, change.status.value,
                                   change.on.isoformat(), change.reason)])

    def update_details(self, assignment_id: str, notes: str, follow_up_on: dt.date | None) -> None:
        self._conn.execute("UPDATE assignments SET notes = ?, follow_up_on = ?, updated_at = ? WHERE id = ?",
                           (notes, _iso(follow_up_on), utc_now(), assignment_id))

    def _insert_history(self, rows: list[tuple]) -> None:
        self._conn.executemany(
            "INSERT INTO assignment_status_history (id, created_at, assignment_id, position, status, changed_on, "
            "reason) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    # -- hours -------------------------------------------------------------------------------------------------

    def insert_hours(self, entries: Sequence[HoursEntry]) -> list[str]:
        now = utc_now()
        ids = [new_id() for _ in entries]
        self._conn.executemany(
            "INSERT INTO assignment_hours (id, created_at, updated_at, assignment_id, day, minutes, activity) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(hid, now, now, entry.assignment_id, entry.day.isoformat(), entry.minutes, entry.activity)
             for hid, entry in zip(ids, entries)])
        return ids

    def delete_hours(self, entry_id: str) -> bool:
        return self._conn.execute("DELETE FROM assignment_hours WHERE id = ?", (entry_id,)).rowcount > 0

    def hours_of(self, assignment_id: str) -> list[HoursEntry]:
        return [HoursEntry(_day(day), minutes, activity, aid, hid) for hid, aid, day, minutes, activity in
                self._conn.execute("SELECT id, assignment_id, day, minutes, activity FROM assignment_hours "
                                   "WHERE assignment_id = ? ORDER BY day, rowid", (assignment_id,))]

    def hours_entry(self, entry_id: str) -> HoursEntry | None:
        row = self._conn.execute("SELECT id, assignment_id, day, minutes, activity FROM assignment_hours "
                                 "WHERE id = ?", (entry_id,)).fetchone()
        return HoursEntry(_day(row[2]), row[3], row[4], row[1], row[0]) if row else None

    def total_minutes(self, volunteer_id: str) -> int:
        return self._conn.execute(
            "SELECT coalesce(sum(h.minutes), 0) FROM assignment_hours h JOIN assignments a ON a.id = h.assignment_id "
            "WHERE a.volunteer_id = ?", (volunteer_id,)).fetchone()[0]
