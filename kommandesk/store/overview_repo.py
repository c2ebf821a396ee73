"""The Overview's questions to the database: the counts in one query, and for each kind of to-do the first rows in
the order they are listed together with how many there are in all (``count(*) OVER ()``), so that a long list
costs no more than a short one. Dates are compared as ISO text; every filter runs on an index or a small table.

The clearance to-do is the exception: its rows are candidates (the service applies the domain's clearance rule to
each, so that the list agrees day for day with the volunteer's form).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from kommandesk.store.db import Store

_OPEN_REQUEST = "('new', 'matching', 'assigned', 'active')"  # domain.requests.OPEN
_UNASSIGNED = "('new', 'matching')"  # domain.requests.UNASSIGNED
_OPEN_ASSIGNMENT = "('proposed', 'contacted', 'accepted', 'active')"  # domain.assignments.OPEN
_CONSENT_NEEDED = "('applicant', 'active', 'paused')"  # volunteers who may still be contacted
_COURSE_ON = "('planned', 'open', 'running')"  # not cancelled, not finished

_COUNTS = f"""
SELECT
  (SELECT count(*) FROM volunteers WHERE status = 'active') AS active_volunteers,
  (SELECT count(*) FROM requests WHERE status IN {_OPEN_REQUEST}) AS open_requests,
  (SELECT count(*) FROM requests WHERE status IN {_UNASSIGNED} AND received_on < :waiting_before)
     AS waiting_requests,
  (SELECT count(*) FROM assignments WHERE status = 'active') AS active_assignments,
  (SELECT count(DISTINCT s.course_id) FROM course_sessions s JOIN courses c ON c.id = s.course_id
     WHERE s.day BETWEEN :month_first AND :month_last AND s.cancelled = 0 AND c.status != 'cancelled')
     AS trainings_this_month"""

# volunteers with an open assignment for a request that involves children
_CHILDREN_ASSIGNMENT = f"""SELECT a.volunteer_id FROM assignments a JOIN requests r ON r.id = a.request_id
  WHERE a.status IN {_OPEN_ASSIGNMENT} AND r.children = 1"""
# volunteers with an area of help that means work with children
_CHILDREN_AREA = """SELECT va.volunteer_id FROM volunteer_areas va JOIN areas_of_help h ON h.id = va.area_id
  WHERE h.key IN ({keys})"""

_CLEARANCE = """
SELECT v.id, v.reference, v.first_name, v.last_name, v.last_key, v.first_key, v.clearance_issued_on,
  v.clearance_inspected_on, v.clearance_result,
  v.id IN children_assignment AS children_assignment, v.id IN children_area AS children_area
FROM volunteers v
WHERE v.status = 'active' AND (
  (v.clearance_issued_on IS NOT NULL AND v.clearance_issued_on <= :issued_until)
  OR (v.clearance_group < 2 AND (v.id IN children_assignment OR v.id IN children_area)))"""

_CONSENT = f"""
SELECT *, count(*) OVER () AS total FROM (
  SELECT 'volunteer' AS target, id, reference, first_name, last_name, '' AS person, registered_on AS due,
    last_key AS key1, first_key AS key2
  FROM volunteers WHERE status IN {_CONSENT_NEEDED} AND consent_given_on IS NULL
  UNION ALL
  SELECT 'request', id, reference, '', '', person, received_on, lower(reference), ''
  FROM requests WHERE status IN {_OPEN_REQUEST} AND consent_given_on IS NULL)
ORDER BY due IS NULL, due, key1, key2, reference
LIMIT :limit"""

_FOLLOW_UP = f"""
SELECT a.id, a.request_id, a.status, a.follow_up_on, r.reference AS request_reference, r.person,
  v.reference AS volunteer_reference, v.first_name, v.last_name, count(*) OVER () AS total
FROM assignments a JOIN requests r ON r.id = a.request_id JOIN volunteers v ON v.id = a.volunteer_id
WHERE a.follow_up_on IS NOT NULL AND a.follow_up_on <= :today AND a.status IN {_OPEN_ASSIGNMENT}
ORDER BY a.follow_up_on, v.last_key, v.first_key, v.reference, r.reference
LIMIT :limit"""

_UNMATCHED = f"""
SELECT id, reference, person, received_on, status, count(*) OVER () AS total
FROM requests
WHERE status IN {_UNASSIGNED} AND received_on < :waiting_before
ORDER BY received_on, reference
LIMIT :limit"""

_SESSIONS = f"""
SELECT *, count(*) OVER () AS total FROM (
  SELECT s.id, s.course_id, s.day, s.start, c.title, c.title_key, c.reference, c.capacity,
    (SELECT count(*) FROM course_registrations g WHERE g.course_id = c.id
       AND g.status IN ('registered', 'completed')) AS taken,
    (SELECT count(*) FROM course_registrations g WHERE g.course_id = c.id AND g.status = 'waiting') AS waiting
  FROM course_sessions s JOIN courses c ON c.id = s.course_id
  WHERE s.day BETWEEN :today AND :until AND s.cancelled = 0 AND c.status IN {_COURSE_ON})
WHERE taken < capacity OR waiting > 0
ORDER BY day, start, title_key, reference
LIMIT :limit"""

_ABSENCES = f"""
SELECT b.id, b.volunteer_id, b.first_day, b.last_day, v.reference, v.first_name, v.last_name,
  (SELECT count(*) FROM assignments a WHERE a.volunteer_id = v.id AND a.status IN {_OPEN_ASSIGNMENT})
     AS open_assignments,
  count(*) OVER () AS total
FROM volunteer_absences b JOIN volunteers v ON v.id = b.volunteer_id
WHERE b.first_day BETWEEN :today AND :until AND v.status = 'active'
ORDER BY b.first_day, v.last_key, v.first_key, v.reference
LIMIT :limit"""


@dataclass(frozen=True)
class Rows:
    """The first rows of one kind of to-do, in the order they are listed, and how many there are in all."""

    rows: list[sqlite3.Row]
    total: int


class OverviewRepository:
    def __init__(self, store: Store):
        self._store = store

    def _rows(self, sql: str, params: dict) -> Rows:
        rows = self._store.query(sql, params)
        return Rows(rows, rows[0]["total"] if rows else 0)

    def counts(self, *, waiting_before: dt.date, month_first: dt.date, month_last: dt.date) -> sqlite3.Row:
        return self._store.query(_COUNTS, {"waiting_before": waiting_before.isoformat(),
                                           "month_first": month_first.isoformat(),
                                           "month_last": month_last.isoformat()})[0]

    def clearance_candidates(self, *, issued_until: dt.date, children_area_keys: Sequence[str]) -> list[sqlite3.Row]:
        """Active volunteers whose clearance may have expired or be expiring (issued on or before
        ``issued_until``), and those who work with children (an open assignment for a request with children, or
        an area of help with one of ``children_area_keys``) without a clearance inspected and clear."""
        keys = {f"key{number}": key for number, key in enumerate(children_area_keys)}
        area_sql = _CHILDREN_AREA.format(keys=", ".join(f":{name}" for name in keys) or "NULL")
        sql = (f"WITH children_assignment AS ({_CHILDREN_ASSIGNMENT}), children_area AS ({area_sql})"
               f"{_CLEARANCE}")
        return self._store.query(sql, {"issued_until": issued_until.isoformat(), **keys})

    def missing_consents(self, limit: int) -> Rows:
        """Volunteers (applicant, active, paused) and open requests without a consent, the longest-standing
        first (registered or received on)."""
        return self._rows(_CONSENT, {"limit": limit})

    def follow_ups(self, today: dt.date, limit: int) -> Rows:
        return self._rows(_FOLLOW_UP, {"today": today.isoformat(), "limit": limit})

    def unmatched(self, waiting_before: dt.date, limit: int) -> Rows:
        return self._rows(_UNMATCHED, {"waiting_before": waiting_before.isoformat(), "limit": limit})

    def sessions_with_places(self, today: dt.date, until: dt.date, limit: int) -> Rows:
        return self._rows(_SESSIONS, {"today": today.isoformat(), "until": until.isoformat(), "limit": limit})

    def absences(self, today: dt.date, until: dt.date, limit: int) -> Rows:
        return self._rows(_ABSENCES, {"today": today.isoformat(), "until": until.isoformat(), "limit": limit})
