"""The funder's report in numbers: volunteers, requests, assignments and hours over a period and the report's
filters, each a few aggregate queries (GROUP BY) whose rows the service turns into tables. Trainings and
allowances are in store/reports_training_repo.py. Reads only.

Days are ISO text, so a period is ``BETWEEN :first AND :last``; months come back as 'YYYY-MM'. Every query takes its
filters from a ``Scope`` (areas of help, a folded site), spelled out per kind of record as the contract of issue 8
defines them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import NamedTuple

from kommandesk.store.db import Store

CLOSED_ASSIGNMENT = "('declined', 'cancelled')"  # an assignment that never brought the volunteer to the site


@dataclass(frozen=True)
class Scope:
    """The period (both days included) and the filters. ``site_key``: the site folded as requests.site_key
    (``search_text.fold``), "" for every site; ``area_ids``: empty for every area."""

    first: dt.date
    last: dt.date
    area_ids: tuple[str, ...] = ()
    site_key: str = ""
    today: dt.date | None = None  # what is "held" or "active" happened up to today: ``until`` is the earlier day

    @property
    def until(self) -> dt.date:
        return min(self.last, self.today) if self.today else self.last

    def params(self) -> dict[str, str]:
        values = {"first": self.first.isoformat(), "last": self.last.isoformat(), "site": self.site_key,
                  "until": self.until.isoformat()}
        values.update({f"area{index}": area for index, area in enumerate(self.area_ids)})
        return values

    @property
    def area_marks(self) -> str:
        return ", ".join(f":area{index}" for index in range(len(self.area_ids)))

    def requests(self, alias: str) -> str:
        """Conditions (each beginning with AND) on the request ``alias``: its area, its site."""
        clauses = []
        if self.area_ids:
            clauses.append(f" AND {alias}.area_id IN ({self.area_marks})")
        if self.site_key:
            clauses.append(f" AND {alias}.site_key = :site")
        return "".join(clauses)

    def volunteers(self, column: str) -> str:
        """Conditions on the volunteer id ``column``: one of their areas of help; an assignment (not declined or
        cancelled) for a request at the site."""
        clauses = []
        if self.area_ids:
            clauses.append(f" AND EXISTS (SELECT 1 FROM volunteer_areas fa WHERE fa.volunteer_id = {column} "
                           f"AND fa.area_id IN ({self.area_marks}))")
        if self.site_key:
            clauses.append(f" AND EXISTS (SELECT 1 FROM assignments fx JOIN requests fr ON fr.id = fx.request_id "
                           f"WHERE fx.volunteer_id = {column} AND fx.status NOT IN {CLOSED_ASSIGNMENT} "
                           f"AND fr.site_key = :site)")
        return "".join(clauses)

    def course_areas(self, column: str) -> str:
        """The area condition on the course id ``column`` (course_areas); the site is a session's place."""
        if not self.area_ids:
            return ""
        return (f" AND EXISTS (SELECT 1 FROM course_areas fc WHERE fc.course_id = {column} "
                f"AND fc.area_id IN ({self.area_marks}))")

    def session_site(self, alias: str) -> str:
        return f" AND {alias}.place_key = :site" if self.site_key else ""


# volunteers active in the period (up to today: an open assignment says nothing about next year): an assignment
# running in it or with hours logged on a day in it, or present at a
# session held in it (not cancelled, course not cancelled). Each part yields few rows before the UNION removes
# duplicates (a row per hour entry or attendance would make the UNION the slowest step)
_ACTIVE = """active(vid) AS (
  SELECT a.volunteer_id FROM assignments a
   WHERE (a.started_on <= :until AND :first <= :until AND (a.ended_on IS NULL OR a.ended_on >= :first))
      OR EXISTS (SELECT 1 FROM assignment_hours h WHERE h.assignment_id = a.id AND h.day BETWEEN :first AND :last)
  UNION
  SELECT g.volunteer_id FROM course_registrations g WHERE g.id IN (
    SELECT t.registration_id FROM course_sessions s JOIN courses c ON c.id = s.course_id
      JOIN course_attendance t ON t.session_id = s.id AND t.presence = 'present'
     WHERE s.day BETWEEN :first AND :until AND s.cancelled = 0 AND c.status != 'cancelled'))"""


def _people(scope: Scope) -> str:
    """The CTEs ``active`` and ``people`` (vid, is_active, is_new, month registered): the volunteers of the filters
    who were active in the period or registered in it."""
    return f"""WITH {_ACTIVE},
candidates(vid) AS (
  SELECT vid FROM active UNION SELECT id FROM volunteers WHERE registered_on BETWEEN :first AND :last),
people(vid, is_active, is_new, month) AS (
  SELECT v.id, v.id IN (SELECT vid FROM active), coalesce(v.registered_on BETWEEN :first AND :last, 0),
    substr(v.registered_on, 1, 7)
  FROM candidates p JOIN volunteers v ON v.id = p.vid
  WHERE 1 {scope.volunteers('v.id')})
"""


class VolunteerNumbers(NamedTuple):
    active: int
    new: int
    by_area: list[tuple[str | None, int, int]]  # area id (None: volunteers without an area), active, new
    by_language: list[tuple[str, int]]  # language code, active volunteers who speak it
    new_by_month: list[tuple[str, int]]  # 'YYYY-MM', volunteers registered in the month


# the requests received in the period, with the day of their first change to 'assigned' (NULL: never assigned)
def _received(scope: Scope) -> str:
    return f"""WITH received(id, area_id, status, received_on, assigned_on) AS (
  SELECT r.id, r.area_id, r.status, r.received_on,
    (SELECT min(h.changed_on) FROM request_status_history h WHERE h.request_id = r.id AND h.status = 'assigned')
  FROM requests r WHERE r.received_on BETWEEN :first AND :last {scope.requests('r')})
"""


def _hours(scope: Scope) -> str:
    """FROM and WHERE of the minutes logged in the period for the requests of the filters, summed per assignment
    first (``h.minutes``): a lookup per assignment, not per hour entry."""
    return f"""FROM (SELECT assignment_id, sum(minutes) AS minutes FROM assignment_hours
    WHERE day BETWEEN :first AND :last GROUP BY assignment_id) h
  JOIN assignments a ON a.id = h.assignment_id JOIN requests r ON r.id = a.request_id
WHERE 1 {scope.requests('r')}"""


def _hours_by_day(scope: Scope) -> str:
    """FROM and WHERE of the hour entries (``h.day``, ``h.minutes``) in the period; the request is joined only for
    a filter."""
    conditions = scope.requests("r")
    join = " JOIN requests r ON r.id = a.request_id" if conditions else ""
    return f"""FROM assignment_hours h JOIN assignments a ON a.id = h.assignment_id{join}
WHERE h.day BETWEEN :first AND :last {conditions}"""


class ReportReader:
    """Runs the report's queries on the store's connection (of the calling thread)."""

    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    def _rows(self, sql: str, scope: Scope) -> list[tuple]:
        return self._conn.execute(sql, scope.params()).fetchall()


class ReportRepository(ReportReader):

    # -- volunteers --------------------------------------------------------------------------------------------

    def volunteers(self, scope: Scope) -> VolunteerNumbers:
        """Active and new volunteers, in all and by area, language (active only) and month (new only), in one
        query over the volunteers found once. A volunteer counts in each of their areas (with an area filter: in
        each of the filter's areas they have) and for each language they speak."""
        only = f" AND va.area_id IN ({scope.area_marks})" if scope.area_ids else ""
        found = self._rows(_people(scope) + f"""
SELECT 'all', NULL, coalesce(sum(is_active), 0), coalesce(sum(is_new), 0) FROM people
UNION ALL
SELECT 'area', va.area_id, sum(p.is_active), sum(p.is_new) FROM people p
  LEFT JOIN volunteer_areas va ON va.volunteer_id = p.vid {only} GROUP BY va.area_id
UNION ALL
SELECT 'language', vl.code, count(*), 0 FROM people p JOIN volunteer_languages vl ON vl.volunteer_id = p.vid
  WHERE p.is_active GROUP BY vl.code
UNION ALL
SELECT 'month', month, 0, count(*) FROM people WHERE is_new GROUP BY month""", scope)
        groups: dict[str, list[tuple]] = {"all": [], "area": [], "language": [], "month": []}
        for group, key, active, new in found:
            groups[group].append((key, active, new))
        _key, active, new = groups["all"][0]
        return VolunteerNumbers(active, new, groups["area"], [(code, n) for code, n, _new in groups["language"]],
                                [(month, n) for month, _active, n in groups["month"]])

    # -- requests ----------------------------------------------------------------------------------------------

    def received_requests(self, scope: Scope) -> list[tuple[str | None, str, str, int | None, int]]:
        """The requests received in the period, grouped: (area id, 'YYYY-MM' received, current status, whole days
        from receipt to the first change to 'assigned' or None when never assigned, number of requests)."""
        return self._rows(_received(scope) + """SELECT area_id, substr(received_on, 1, 7), status,
  CAST(round(julianday(assigned_on) - julianday(received_on)) AS INTEGER) AS days, count(*)
  FROM received GROUP BY 1, 2, 3, 4""", scope)

    # -- assignments and hours ---------------------------------------------------------------------------------

    def assignments_by_area(self, scope: Scope) -> list[tuple[str | None, int, int, int]]:
        """(request's area id, started in the period, active in it, completed in it)."""
        return self._rows(f"""SELECT r.area_id,
  coalesce(sum(a.started_on BETWEEN :first AND :last), 0),
  coalesce(sum(a.started_on <= :until AND :first <= :until AND (a.ended_on IS NULL OR a.ended_on >= :first)), 0),
  coalesce(sum(a.status = 'completed' AND a.ended_on BETWEEN :first AND :last), 0)
FROM assignments a JOIN requests r ON r.id = a.request_id
WHERE (a.started_on <= :last OR a.ended_on >= :first) {scope.requests('r')}
GROUP BY r.area_id""", scope)

    def hours_by_area(self, scope: Scope) -> list[tuple[str | None, int]]:
        """(request's area id, minutes logged in the period)."""
        return self._rows(f"SELECT r.area_id, sum(h.minutes) {_hours(scope)} GROUP BY r.area_id", scope)

    def hours_by_month(self, scope: Scope) -> list[tuple[str, int, int]]:
        """('YYYY-MM', minutes, distinct volunteers who logged hours in the month)."""
        return self._rows(f"SELECT substr(h.day, 1, 7), sum(h.minutes), count(DISTINCT a.volunteer_id) "
                          f"{_hours_by_day(scope)} GROUP BY 1", scope)

    def hours_totals(self, scope: Scope) -> tuple[int, int]:
        """(minutes logged in the period, distinct volunteers who logged them)."""
        row = self._rows(f"SELECT coalesce(sum(h.minutes), 0), count(DISTINCT a.volunteer_id) {_hours(scope)}",
                         scope)[0]
        return row[0], row[1]
