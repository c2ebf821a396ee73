"""The funder's report in numbers, continued: trainings (sessions held, participants, hours of attendance,
certificates) and allowances (paid in the period; calendar-year totals above the tax-free limit). Reads only;
see store/reports_repo.py for the Scope of the filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from kommandesk.store.reports_repo import ReportReader, Scope
from kommandesk.store.trainings_repo import SESSION_MINUTES


def _held(scope: Scope) -> str:
    """The CTEs ``held`` (the sessions held in the period up to today: not cancelled, course not cancelled, of the filters'
    areas and place) and ``present`` (course, volunteer and attended minutes of each 'present' record at them: the
    record's minutes when set, else the session's length)."""
    return f"""WITH held(id, course_id, minutes) AS (
  SELECT s.id, s.course_id, {SESSION_MINUTES} FROM course_sessions s JOIN courses c ON c.id = s.course_id
  WHERE s.day BETWEEN :first AND :until AND s.cancelled = 0 AND c.status != 'cancelled'
    {scope.session_site('s')} {scope.course_areas('s.course_id')}),
present(course_id, volunteer_id, minutes) AS (
  SELECT h.course_id, g.volunteer_id, CASE WHEN t.minutes IS NULL THEN h.minutes ELSE min(t.minutes, h.minutes) END
  FROM held h JOIN course_attendance t ON t.session_id = h.id AND t.presence = 'present'
    JOIN course_registrations g ON g.id = t.registration_id)
"""


class TrainingNumbers(NamedTuple):
    # the courses with a session held in the period, in the order of their references: (id, reference, title,
    # funding tag, sessions held, distinct volunteers present, attended minutes)
    courses: list[tuple[str, str, str, str, int, int, int]]
    participants_by_module: list[tuple[str, int]]  # funding tag, distinct volunteers present at its courses
    participants: int  # distinct volunteers present at any session held


class TrainingReportRepository(ReportReader):
    # -- trainings ---------------------------------------------------------------------------------------------

    def trainings(self, scope: Scope) -> TrainingNumbers:
        """The courses held, the participants by funding module and in all: one query over the sessions held."""
        found = self._rows(_held(scope) + """
SELECT 'course', c.id, c.reference, c.title, c.funding_tag, s.sessions, coalesce(p.participants, 0),
  coalesce(p.minutes, 0), c.ref_year, c.ref_number
FROM (SELECT course_id, count(*) AS sessions FROM held GROUP BY course_id) s
  JOIN courses c ON c.id = s.course_id
  LEFT JOIN (SELECT course_id, count(DISTINCT volunteer_id) AS participants, sum(minutes) AS minutes
             FROM present GROUP BY course_id) p ON p.course_id = s.course_id
UNION ALL
SELECT 'module', NULL, NULL, NULL, c.funding_tag, 0, count(DISTINCT p.volunteer_id), 0, 0, 0 FROM present p
  JOIN courses c ON c.id = p.course_id GROUP BY c.funding_tag
UNION ALL
SELECT 'all', NULL, NULL, NULL, NULL, 0, count(DISTINCT volunteer_id), 0, 0, 0 FROM present""", scope)
        courses = sorted((row for row in found if row[0] == "course"), key=lambda row: (row[8], row[9]))
        return TrainingNumbers(
            courses=[row[1:8] for row in courses],
            participants_by_module=[(row[4], row[6]) for row in found if row[0] == "module"],
            participants=next(row[6] for row in found if row[0] == "all"))

    def certificates_by_course(self, scope: Scope) -> list[tuple[str | None, str | None, str | None, str | None,
                                                                 int]]:
        """Certificates of attendance issued in the period and not revoked, by course: (course id, reference, title,
        funding tag; all None for certificates whose course was deleted, number). The filters: the course's areas;
        a session of the course (not cancelled) at the site."""
        site = ""
        if scope.site_key:
            site = (" AND EXISTS (SELECT 1 FROM course_sessions fs WHERE fs.course_id = x.course_id "
                    "AND fs.cancelled = 0 AND fs.place_key = :site)")
        return self._rows(f"""SELECT x.course_id, c.reference, c.title, c.funding_tag, count(*)
FROM certificates x LEFT JOIN courses c ON c.id = x.course_id
WHERE x.kind = 'attendance' AND x.issued_on BETWEEN :first AND :last AND x.revoked_on IS NULL
  {scope.course_areas('x.course_id')} {site}
GROUP BY x.course_id ORDER BY c.ref_year, c.ref_number""", scope)

    # -- allowances --------------------------------------------------------------------------------------------

    def allowance_limits(self) -> dict[int, int]:
        """Year -> tax-free limit in cents, as set (a year without a row takes the greatest year before it)."""
        return dict(self._conn.execute("SELECT year, amount_cents FROM allowance_limits").fetchall())

    def paid_by_volunteer(self, scope: Scope) -> list[tuple[str, str, str, str, int, int]]:
        """The volunteers of the filters paid in the period: (id, reference, first name, last name, payments,
        cents), by name."""
        return self._rows(f"""SELECT v.id, v.reference, v.first_name, v.last_name, count(*), sum(al.amount_cents)
FROM allowances al JOIN volunteers v ON v.id = al.volunteer_id
WHERE al.paid_on BETWEEN :first AND :last {scope.volunteers('v.id')}
GROUP BY v.id ORDER BY v.last_key, v.first_key, v.reference""", scope)

    def above_limit(self, scope: Scope, limits: Mapping[int, int]) -> list[tuple[int, str, str, str, str, int]]:
        """The volunteers of the filters whose whole calendar-year total is above the year's limit, for the years
        in ``limits`` (year -> cents; years without a limit are left out): (year, id, reference, first name, last
        name, cents paid in the year), by year and name."""
        if not limits:
            return []
        years = " UNION ALL ".join(f"SELECT {int(year)}, {int(cents)}" for year, cents in sorted(limits.items()))
        first, last = min(limits), max(limits)
        params = scope.params() | {"from_day": f"{first:04d}-01-01", "to_day": f"{last:04d}-12-31"}
        return self._conn.execute(f"""WITH limits(year, cents) AS ({years}),
totals(year, volunteer_id, cents) AS (
  SELECT CAST(substr(al.paid_on, 1, 4) AS INTEGER), al.volunteer_id, sum(al.amount_cents) FROM allowances al
  WHERE al.paid_on BETWEEN :from_day AND :to_day {scope.volunteers('al.volunteer_id')}
  GROUP BY 1, 2)
SELECT t.year, v.id, v.reference, v.first_name, v.last_name, t.cents
FROM totals t JOIN limits l ON l.year = t.year JOIN volunteers v ON v.id = t.volunteer_id
WHERE t.cents > l.cents
ORDER BY t.year, v.last_key, v.first_key, v.reference""", params).fetchall()
