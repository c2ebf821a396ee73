"""The first three sections of the funder's report: volunteers, requests, assignments and hours. Each takes the
grouped numbers of store/reports_repo.py and lays them out as figures, tables and charts in the active language.
Trainings and allowances are in services/report_trainings.py.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from kommandesk.domain.reports import Figure, Kind, Section, Table
from kommandesk.domain.requests import RequestStatus
from kommandesk.i18n import _
from kommandesk.i18n.formatting import language_name
from kommandesk.services.report_frame import Frame, chart, columns, hours, median_of
from kommandesk.store.reports_repo import ReportRepository

TOP_LANGUAGES = 12  # bars in the chart of languages (the table lists them all)
WAITING = (RequestStatus.NEW.value, RequestStatus.MATCHING.value)


def volunteers_section(frame: Frame, repo: ReportRepository) -> Section:
    numbers = repo.volunteers(frame.scope)
    active, new = numbers.active, numbers.new
    by_area = frame.area_rows({area: (act, made) for area, act, made in numbers.by_area})
    languages = sorted(((language_name(code), count) for code, count in numbers.by_language),
                       key=lambda row: (-row[1], row[0].casefold()))
    by_month = frame.month_rows(dict(numbers.new_by_month))
    area_table = Table(
        "volunteers_by_area", _("Volunteers by area of help"),
        columns(("area", _("Area of help"), Kind.TEXT), ("active", _("Active volunteers"), Kind.COUNT),
                ("new", _("New volunteers"), Kind.COUNT)),
        by_area, note=_("A volunteer with several areas of help is counted in each of them."))
    language_table = Table(
        "volunteers_by_language", _("Active volunteers by language"),
        columns(("language", _("Language"), Kind.TEXT), ("active", _("Active volunteers"), Kind.COUNT)),
        tuple(languages), note=_("A volunteer who speaks several languages is counted for each of them."))
    month_table = Table(
        "volunteers_by_month", _("New volunteers by month"),
        columns(("month", _("Month"), Kind.TEXT), ("new", _("New volunteers"), Kind.COUNT)), by_month)
    return Section(
        key="volunteers", title=_("Volunteers"),
        figures=(Figure("new_volunteers", _("New volunteers"), new),
                 Figure("active_volunteers", _("Active volunteers"), active)),
        charts=(chart("volunteers_by_area", _("Active volunteers by area of help"), "bar", by_area,
                      [(_("Active volunteers"), 1)]),
                chart("volunteers_by_language", _("Active volunteers by language (the most spoken)"), "bar",
                      languages[:TOP_LANGUAGES], [(_("Active volunteers"), 1)]),
                chart("volunteers_by_month", _("New volunteers by month"), "line", by_month,
                      [(_("New volunteers"), 1)])),
        tables=(area_table, language_table, month_table))


def requests_section(frame: Frame, repo: ReportRepository) -> Section:
    received: Counter = Counter()  # by area
    assigned: Counter = Counter()
    days_by_area: dict[str | None, Counter] = defaultdict(Counter)
    all_days: Counter = Counter()
    by_status: Counter = Counter()
    received_by_month: Counter = Counter()
    assigned_by_month: Counter = Counter()
    waiting = 0
    for area, month, status, days, count in repo.received_requests(frame.scope):
        received[area] += count
        received_by_month[month] += count
        by_status[status] += count
        waiting += count if status in WAITING else 0
        if days is not None:
            assigned[area] += count
            assigned_by_month[month] += count
            days_by_area[area][days] += count
            all_days[days] += count
    area_rows = frame.area_rows({area: (received[area], assigned[area], median_of(days_by_area[area]))
                                 for area in received})
    # the labels are written for the middle of a sentence ("new"); a table's row starts with a capital
    status_rows = tuple((status.label()[:1].upper() + status.label()[1:], by_status[status.value])
                        for status in RequestStatus)
    month_rows = frame.month_rows(received_by_month, assigned_by_month)
    figures = (
        Figure("requests_received", _("Requests received"), sum(received.values())),
        Figure("requests_assigned", _("Of these, assigned to a volunteer"), sum(assigned.values())),
        Figure("requests_waiting", _("Of these, still waiting for a volunteer"), waiting),
        Figure("median_days_to_assignment", _("Median days from receipt to assignment"), median_of(all_days),
               Kind.DAYS))
    tables = (
        Table("requests_by_area", _("Requests by area of help"),
              columns(("area", _("Area of help"), Kind.TEXT), ("received", _("Received"), Kind.COUNT),
                      ("assigned", _("Assigned"), Kind.COUNT),
                      ("median_days", _("Median days to assignment"), Kind.DAYS)),
              area_rows, note=_("Requests received in the period; assigned: a volunteer was proposed for them "
                                "(at any time up to today).")),
        Table("requests_by_status", _("Requests by current status"),
              columns(("status", _("Status"), Kind.TEXT), ("requests", _("Requests"), Kind.COUNT)),
              status_rows, note=_("The status today of the requests received in the period.")),
        Table("requests_by_month", _("Requests by month of receipt"),
              columns(("month", _("Month"), Kind.TEXT), ("received", _("Received"), Kind.COUNT),
                      ("assigned", _("Assigned"), Kind.COUNT)),
              month_rows, note=_("Assigned: the requests received in the month that were assigned to a "
                                 "volunteer.")))
    return Section(
        key="requests", title=_("Requests"), figures=figures,
        charts=(chart("requests_by_area", _("Requests received by area of help"), "bar", area_rows,
                      [(_("Received"), 1)]),
                chart("requests_by_month", _("Requests by month of receipt"), "line", month_rows,
                      [(_("Received"), 1), (_("Assigned"), 2)])),
        tables=tables)


def assignments_section(frame: Frame, repo: ReportRepository) -> Section:
    scope = frame.scope
    counts = {area: (started, active, completed) for area, started, active, completed in
              repo.assignments_by_area(scope)}
    minutes_by_area = dict(repo.hours_by_area(scope))
    minutes, volunteers = repo.hours_totals(scope)
    by_month = repo.hours_by_month(scope)
    area_rows = frame.area_rows({area: (counts.get(area, (0, 0, 0))[1], hours(minutes_by_area.get(area)))
                                 for area in {*counts, *minutes_by_area}})
    month_rows = frame.month_rows({month: hours(total) for month, total, _n in by_month},
                                  {month: people for month, _t, people in by_month})
    figures = (
        Figure("assignments_started", _("Assignments started"), sum(c[0] for c in counts.values())),
        Figure("assignments_active", _("Assignments active"), sum(c[1] for c in counts.values())),
        Figure("assignments_completed", _("Assignments completed"), sum(c[2] for c in counts.values())),
        Figure("hours_logged", _("Hours logged"), hours(minutes), Kind.HOURS),
        Figure("volunteers_with_hours", _("Volunteers who logged hours"), volunteers))
    tables = (
        Table("hours_by_area", _("Assignments and hours by area of help"),
              columns(("area", _("Area of help"), Kind.TEXT), ("assignments", _("Assignments"), Kind.COUNT),
                      ("hours", _("Hours"), Kind.HOURS)),
              area_rows, note=_("Assignments active in the period and the hours logged on days in it, by the area "
                                "of help of the request.")),
        Table("hours_by_month", _("Hours by month"),
              columns(("month", _("Month"), Kind.TEXT), ("hours", _("Hours"), Kind.HOURS),
                      ("volunteers", _("Volunteers"), Kind.COUNT)),
              month_rows, note=_("Volunteers: how many logged hours in the month.")))
    return Section(
        key="assignments", title=_("Assignments and hours"), figures=figures,
        charts=(chart("hours_by_month", _("Hours by month"), "line", month_rows, [(_("Hours"), 1)], Kind.HOURS),
                chart("hours_by_area", _("Hours by area of help"), "bar", area_rows, [(_("Hours"), 2)],
                      Kind.HOURS)),
        tables=tables)
