"""The funder's report over the hand-made dataset of tests/unit/report_data.py: every figure and every table row
worked out by hand (the comments say how), the area and site filters, months with nothing in them, calendar-year
totals of allowances, an honest empty report for a period without data and for an empty database, a period that
ends before it starts, and the report computed on a connection of its own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from kommandesk.domain.errors import ValidationError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.reports import Kind, Period, ReportFilter, check_period, report_to_json
from tests.unit.report_data import D, Q1, TODAY, build, insert_allowances

ESCORT, HOMEWORK, INTERPRETING = ("Escort to offices and doctors", "Homework and learning help",
                                  "Interpreting / language mediation")
MONTHS_Q1 = ("Jan 2026", "Feb 2026", "Mar 2026")
STATUSES = ("New", "Matching", "Assigned", "Active", "Completed", "Cancelled")  # as the table shows them


@pytest.fixture
def data(services):
    return build(services)


def figures(report) -> dict:
    return {figure.key: figure.value for section in report.sections for figure in section.figures}


def rows(report, key: str) -> tuple:
    return report.table(key).rows


def chart(report, key: str):
    return next(c for s in report.sections for c in s.charts if c.key == key)


# -- the first quarter of 2026, no filter ----------------------------------------------------------------------

def test_volunteers_of_the_quarter(data):
    report = data.reports.build(Q1)
    found = figures(report)
    # registered in Q1: V2 (01-15), V3 (02-03), V4 (03-20); V1 and V5 in 2025, V6 in April
    assert found["new_volunteers"] == 3
    # V1: A1 ran into Q1 (ended 02-20); V2: A2 active; V3: A3 active (A0 ended 2025-12-31); V4: present at T1;
    # V5: present at S2 for 45 minutes. V6 only in April
    assert found["active_volunteers"] == 5
    # (active, new) per area of help, each volunteer in each of their areas: Escort V1, V2 / new V2; Homework
    # V2, V3 / new V2, V3; Interpreting V4 / V4; no area: V5 active
    assert rows(report, "volunteers_by_area") == (
        (ESCORT, 2, 1), (HOMEWORK, 2, 2), (INTERPRETING, 1, 1), ("No area of help", 1, 0))
    # active speakers: de V1 V2 V3 V5, ar V1 V4, en V4, fa V5, tr V2 (ties by name); V6's Ukrainian not at all
    assert rows(report, "volunteers_by_language") == (
        ("German", 4), ("Arabic", 2), ("English", 1), ("Persian", 1), ("Turkish", 1))
    assert rows(report, "volunteers_by_month") == (("Jan 2026", 1), ("Feb 2026", 1), ("Mar 2026", 1))


def test_requests_of_the_quarter(data):
    report = data.reports.build(Q1)
    found = figures(report)
    # received in Q1: R2, R3, R4, R5, R6 (R0, R1 before, R7 after)
    assert found["requests_received"] == 5
    # with a change to 'assigned': R2 (on 01-14), R3 (02-15), R5 (03-03, declined later); R4 new, R6 cancelled
    assert found["requests_assigned"] == 3
    # new or matching today: R4 (new), R5 (back to matching after the decline)
    assert found["requests_waiting"] == 2
    # days from receipt to the first assignment: R2 4, R3 10, R5 2 -> median 4
    assert found["median_days_to_assignment"] == 4.0
    assert rows(report, "requests_by_area") == (
        (ESCORT, 2, 1, 4.0),  # R2 (4 days), R6 never assigned
        (HOMEWORK, 2, 1, 10.0),  # R3 (10 days), R4 new
        (INTERPRETING, 1, 1, 2.0))  # R5 (2 days)
    # today: R2 and R3 active (their volunteers started), R4 new, R5 matching, R6 cancelled; every status listed
    assert rows(report, "requests_by_status") == tuple(zip(STATUSES, (1, 1, 0, 2, 0, 1)))
    # by month of receipt: Jan R2 (assigned); Feb R3 (assigned), R4; Mar R5 (assigned), R6
    assert rows(report, "requests_by_month") == (("Jan 2026", 1, 1), ("Feb 2026", 2, 1), ("Mar 2026", 2, 1))


def test_assignments_and_hours_of_the_quarter(data):
    report = data.reports.build(Q1)
    found = figures(report)
    assert found["assignments_started"] == 2  # A2 (01-20), A3 (02-20); A1 started 2025-12-28
    assert found["assignments_active"] == 3  # A1 (until 02-20), A2, A3; A0 ended 2025-12-31, A5 never started
    assert found["assignments_completed"] == 1  # A1 on 02-20
    # A1 120 + 90, A2 60 + 30 (03-31 is the last day; 04-02 is not), A3 150 = 450 minutes
    assert found["hours_logged"] == 7.5
    assert found["volunteers_with_hours"] == 3  # V1, V2, V3
    # by the request's area: Escort A1 + A2 active, 210 + 90 minutes; Homework A3, 150 minutes
    assert rows(report, "hours_by_area") == ((ESCORT, 2, 5.0), (HOMEWORK, 1, 2.5))
    # Jan: A1 120 (V1); Feb: A1 90 + A2 60 (V1, V2); Mar: A2 30 + A3 150 (V2, V3)
    assert rows(report, "hours_by_month") == (("Jan 2026", 2.0, 1), ("Feb 2026", 2.5, 2), ("Mar 2026", 3.0, 2))


def test_trainings_of_the_quarter(data):
    report = data.reports.build(Q1)
    found = figures(report)
    # C1: S1, S2 (S3 cancelled, S4 in April); C2: T1; C4: U1; C3 was cancelled with its session
    assert found["sessions_held"] == 4
    assert found["courses_held"] == 3
    # present: V1, V2, V5 at C1; V4, V2 at C2 -> V1, V2, V4, V5 (V3 was absent at U1, present only at C3)
    assert found["participants"] == 4
    # S1: V1 90 + V2 60; S2: V1 90 + V5 45; T1: V4 180 + V2 180 -> 645 minutes (V1's 90 at cancelled S3 not)
    assert found["attendance_hours"] == 10.75
    # V1/C1 (02-20) and V2/C2 (03-11); V5's was revoked, V4's issued in April
    assert found["certificates_issued"] == 2
    assert rows(report, "trainings_by_module") == (
        ("KOMM-AN NRW II B", 1, 1, 0, 0.0, 0),  # C4: U1, nobody present
        ("KOMM-AN NRW II D", 1, 2, 3, 4.75, 1),  # C1: 285 minutes
        ("No funding module", 1, 1, 2, 6.0, 1))  # C2: 360 minutes
    # V2 attended C1 and C2: counted once in the total (3 + 2 would be 5)
    assert report.table("trainings_by_module").total == ("Total", 3, 4, 4, 10.75, 2)
    assert rows(report, "courses") == (
        ("K-2026-0001", "Grundkurs", "KOMM-AN NRW II D", 2, 3, 4.75, 1),
        ("K-2026-0002", "Dolmetschen", "No funding module", 1, 2, 6.0, 1),
        ("K-2026-0004", "Aufbaukurs", "KOMM-AN NRW II B", 1, 0, 0.0, 0))


def test_sessions_and_assignments_after_today_have_not_happened_yet(data):
    # the quarter asked for on 2026-02-10: S1 (02-02) and S2 (02-09) and U1 (01-20) were held; S3 (02-16, cancelled
    # anyway) and T1 (03-10) lie ahead; A3 starts on 02-20, so only A1 and A2 ran up to today
    report = data.reports.build(Q1, today=dt.date(2026, 2, 10))
    found = figures(report)
    assert (found["sessions_held"], found["courses_held"], found["participants"]) == (3, 2, 3)  # V1, V2, V5
    assert found["assignments_active"] == 2


def test_allowances_of_the_quarter(data):
    report = data.reports.build(Q1)
    found = figures(report)
    # paid in Q1: V1 50,000 + 50,000, V2 30,000, V5 96,000 (V2's 06-01 and V3's 2025 payment are outside)
    assert found["allowances_paid"] == 226_000
    assert found["volunteers_paid"] == 3
    # whole 2026: V1 100,000 and V2 100,500 above 96,000; V5 exactly at the limit is not above
    assert found["volunteers_over_limit"] == 2
    assert rows(report, "allowances_over_limit") == (
        ("2026", "V-2026-0001", "Anna Berg", 100_000, 96_000, 4_000),
        ("2026", "V-2026-0002", "Ali Kaya", 100_500, 96_000, 4_500))
    assert rows(report, "allowances_by_volunteer") == (
        ("V-2026-0001", "Anna Berg", 2, 100_000), ("V-2026-0002", "Ali Kaya", 1, 30_000),
        ("V-2026-0005", "Ben Weiß", 1, 96_000))
    assert report.table("allowances_by_volunteer").total == ("Total", "", 4, 226_000)
    assert report.warnings == ("In 2026, 2 volunteers were paid more than the tax-free limit of €960.00.",)


def test_the_report_has_every_section_table_and_chart_in_order(data, services):
    report = data.reports.build(Q1, today=dt.date(2026, 4, 2))
    assert report.title == "Report for the funder"
    assert (report.organisation, report.organisation_address) == (
        "Kommunales Integrationszentrum Musterstadt", "Domstraße 1, 50667 Musterstadt")
    assert report.logo is None and report.language == "en" and report.filters == "" and not report.empty
    assert report.period == Q1 and report.generated_on == dt.date(2026, 4, 2)
    assert data.reports.build(Q1).generated_on == TODAY  # the service's today
    assert [(s.key, s.title) for s in report.sections] == [
        ("volunteers", "Volunteers"), ("requests", "Requests"), ("assignments", "Assignments and hours"),
        ("trainings", "Trainings"), ("allowances", "Allowances (Ehrenamtspauschale)")]
    assert [[f.key for f in s.figures] for s in report.sections] == [
        ["new_volunteers", "active_volunteers"],
        ["requests_received", "requests_assigned", "requests_waiting", "median_days_to_assignment"],
        ["assignments_started", "assignments_active", "assignments_completed", "hours_logged",
         "volunteers_with_hours"],
        ["sessions_held", "courses_held", "participants", "attendance_hours", "certificates_issued"],
        ["allowances_paid", "volunteers_paid", "volunteers_over_limit"]]
    kinds = {f.key: f.kind for s in report.sections for f in s.figures}
    assert (kinds["median_days_to_assignment"], kinds["hours_logged"], kinds["attendance_hours"],
            kinds["allowances_paid"], kinds["new_volunteers"]) == (Kind.DAYS, Kind.HOURS, Kind.HOURS, Kind.MONEY,
                                                                   Kind.COUNT)
    tables = {t.key: [(c.key, c.kind) for c in t.columns] for t in report.all_tables()}
    assert list(tables) == ["volunteers_by_area", "volunteers_by_language", "volunteers_by_month",
                            "requests_by_area", "requests_by_status", "requests_by_month", "hours_by_area",
                            "hours_by_month", "trainings_by_module", "courses", "allowances_over_limit",
                            "allowances_by_volunteer"]
    assert [kind for _key, kind in tables["requests_by_area"]] == [Kind.TEXT, Kind.COUNT, Kind.COUNT, Kind.DAYS]
    assert [kind for _key, kind in tables["allowances_over_limit"]] == [Kind.TEXT] * 3 + [Kind.MONEY] * 3
    assert [kind for _key, kind in tables["trainings_by_module"]] == [Kind.TEXT] + [Kind.COUNT] * 3 + [
        Kind.HOURS, Kind.COUNT]
    assert [c.title for c in report.table("courses").columns] == [
        "Reference", "Course", "Funding module", "Sessions", "Participants", "Hours of attendance", "Certificates"]
    assert [[(c.key, c.kind) for c in s.charts] for s in report.sections] == [
        [("volunteers_by_area", "bar"), ("volunteers_by_language", "bar"), ("volunteers_by_month", "line")],
        [("requests_by_area", "bar"), ("requests_by_month", "line")],
        [("hours_by_month", "line"), ("hours_by_area", "bar")],
        [("trainings_by_module", "bar")], []]
    json.dumps(report_to_json(report))  # the CLI's --json


def test_the_charts_carry_the_tables_numbers(data):
    report = data.reports.build(Q1)
    by_area = chart(report, "volunteers_by_area")
    assert by_area.categories == (ESCORT, HOMEWORK, INTERPRETING, "No area of help")
    assert [(s.name, s.values) for s in by_area.series] == [("Active volunteers", (2, 2, 1, 1))]
    months = chart(report, "requests_by_month")
    assert months.categories == MONTHS_Q1
    assert [(s.name, s.values) for s in months.series] == [("Received", (1, 2, 2)), ("Assigned", (1, 1, 1))]
    hours = chart(report, "hours_by_month")
    assert hours.value_kind is Kind.HOURS and hours.series[0].values == (2.0, 2.5, 3.0)
    assert chart(report, "hours_by_area").series[0].values == (5.0, 2.5)
    modules = chart(report, "trainings_by_module")
    assert modules.categories == ("KOMM-AN NRW II B", "KOMM-AN NRW II D", "No funding module")
    assert [(s.name, s.values) for s in modules.series] == [("Participants", (0, 3, 2)),
                                                            ("Hours of attendance", (0.0, 4.75, 6.0))]


def test_the_language_chart_shows_the_twelve_most_spoken(data):
    vol = data.volunteers.get(data.v["V5"])  # active: twelve languages more, one speaker each
    more = tuple(LanguageSkill(code, Level.B1) for code in ("it", "pl", "ro", "ru", "so", "sq", "ti", "uk", "ku",
                                                                "ps", "hu", "bg"))
    data.volunteers.update(dataclasses.replace(vol, languages=vol.languages + more))
    report = data.reports.build(Q1)
    table = rows(report, "volunteers_by_language")
    assert len(table) == 17 and table[:3] == (("German", 4), ("Arabic", 2), ("Albanian", 1))
    top = chart(report, "volunteers_by_language")
    assert top.categories == tuple(name for name, _count in table[:12])
    assert top.series[0].values == (4, 2) + (1,) * 10


# -- filters ---------------------------------------------------------------------------------------------------

def test_the_area_filter(data):
    report = data.reports.build(Q1, ReportFilter(frozenset({data.area["escort"]})))
    assert report.filters == f"Area of help: {ESCORT}"
    found = figures(report)
    # volunteers with Escort: V1, V2 (V6 not active); new: V2
    assert (found["new_volunteers"], found["active_volunteers"]) == (1, 2)
    assert rows(report, "volunteers_by_area") == ((ESCORT, 2, 1),)  # V2's Homework is outside the filter
    assert rows(report, "volunteers_by_language") == (("German", 2), ("Arabic", 1), ("Turkish", 1))
    # requests in Escort: R2 (assigned after 4 days, active today), R6 (cancelled)
    assert (found["requests_received"], found["requests_assigned"], found["requests_waiting"],
            found["median_days_to_assignment"]) == (2, 1, 0, 4.0)
    assert rows(report, "requests_by_status") == tuple(zip(STATUSES, (0, 0, 0, 1, 0, 1)))
    assert rows(report, "requests_by_month") == (("Jan 2026", 1, 1), ("Feb 2026", 0, 0), ("Mar 2026", 1, 0))
    # assignments for Escort requests: A1 (completed 02-20), A2 (started 01-20): 210 + 90 minutes by V1, V2
    assert (found["assignments_started"], found["assignments_active"], found["assignments_completed"],
            found["hours_logged"], found["volunteers_with_hours"]) == (1, 2, 1, 5.0, 2)
    assert rows(report, "hours_by_month") == (("Jan 2026", 2.0, 1), ("Feb 2026", 2.5, 2), ("Mar 2026", 0.5, 1))
    # trainings for Escort: C1 only
    assert (found["sessions_held"], found["courses_held"], found["participants"], found["attendance_hours"],
            found["certificates_issued"]) == (2, 1, 3, 4.75, 1)
    assert report.table("trainings_by_module").total == ("Total", 1, 2, 3, 4.75, 1)
    # allowances of volunteers with Escort: V1 100,000 and V2 30,000, both above the limit in 2026
    assert (found["allowances_paid"], found["volunteers_paid"], found["volunteers_over_limit"]) == (130_000, 2, 2)


def test_two_areas_count_a_volunteer_once(data):
    report = data.reports.build(Q1, ReportFilter(frozenset({data.area["escort"], data.area["homework"]})))
    assert report.filters == f"Areas of help: {ESCORT}, {HOMEWORK}"
    found = figures(report)
    assert (found["new_volunteers"], found["active_volunteers"]) == (2, 3)  # V2 and V3 new; V1, V2, V3 active
    assert rows(report, "volunteers_by_area") == ((ESCORT, 2, 1), (HOMEWORK, 2, 2))
    assert found["requests_received"] == 4  # R2, R6, R3, R4


def test_the_site_filter_folds_what_was_typed(data):
    report = data.reports.build(Q1, ReportFilter(site="  am  HANG "))
    assert report.filters == "Site: am HANG"
    found = figures(report)
    # volunteers with an assignment (not declined or cancelled) for a request at Am Hang: V1 (R1), V2 (R2)
    assert (found["new_volunteers"], found["active_volunteers"]) == (1, 2)
    # R2 ("Am Hang") and R4 ("AM HANG") were received in Q1; R2 assigned after 4 days, R4 new
    assert (found["requests_received"], found["requests_assigned"], found["requests_waiting"],
            found["median_days_to_assignment"]) == (2, 1, 1, 4.0)
    # A1 (R1) and A2 (R2): 300 minutes
    assert (found["assignments_started"], found["assignments_active"], found["assignments_completed"],
            found["hours_logged"], found["volunteers_with_hours"]) == (1, 2, 1, 5.0, 2)
    # sessions held at Am Hang: S2 of C1 (V1 90, V5 45 minutes); C1's certificate for V1
    assert (found["sessions_held"], found["courses_held"], found["participants"], found["attendance_hours"],
            found["certificates_issued"]) == (1, 1, 2, 2.25, 1)
    assert rows(report, "courses") == (("K-2026-0001", "Grundkurs", "KOMM-AN NRW II D", 1, 2, 2.25, 1),)
    assert (found["allowances_paid"], found["volunteers_paid"], found["volunteers_over_limit"]) == (130_000, 2, 2)


def test_area_and_site_together(data):
    flt = ReportFilter(frozenset({data.area["interpreting"]}), "Turnhalle Süd")
    report = data.reports.build(Q1, flt)
    assert report.filters == f"Area of help: {INTERPRETING}; Site: Turnhalle Süd"
    found = figures(report)
    # R5 only (Interpreting at Turnhalle Süd), declined: no assignment, no hours
    assert (found["requests_received"], found["requests_assigned"], found["requests_waiting"]) == (1, 1, 1)
    assert (found["assignments_active"], found["hours_logged"]) == (0, 0.0)
    # V4 has Interpreting but no assignment at the site; V2's assignment there was declined
    assert (found["new_volunteers"], found["active_volunteers"]) == (0, 0)
    # C2 (Interpreting) held T1 at Turnhalle Süd: V4 and V2, 360 minutes; V2's certificate
    assert (found["sessions_held"], found["participants"], found["attendance_hours"],
            found["certificates_issued"]) == (1, 2, 6.0, 1)
    assert (found["allowances_paid"], found["volunteers_over_limit"]) == (0, 0)
    assert report.warnings == ()


def test_a_filter_nothing_matches_gives_zeros(data):
    report = data.reports.build(Q1, ReportFilter(site="Nirgendwo"))
    assert report.empty and set(figures(report).values()) == {0, 0.0, None}


# -- periods ---------------------------------------------------------------------------------------------------

def test_months_with_nothing_show_zero_and_partial_months_count_only_their_days(data):
    report = data.reports.build(Period(D("2025-11-15"), D("2026-05-10")))
    # Nov: A0's hours were on 11-05, before the period; Dec: A1 60 (12-30); Apr: A2 45 (04-02), A7 30 (04-07)
    assert rows(report, "hours_by_month") == (
        ("Nov 2025", 0.0, 0), ("Dec 2025", 1.0, 1), ("Jan 2026", 2.0, 1), ("Feb 2026", 2.5, 2),
        ("Mar 2026", 3.0, 2), ("Apr 2026", 1.25, 2), ("May 2026", 0.0, 0))
    # R1 in Dec (assigned); R7 in Apr (assigned)
    assert [row[1:] for row in rows(report, "requests_by_month")] == [(0, 0), (1, 1), (1, 1), (2, 1), (2, 1),
                                                                       (1, 1), (0, 0)]
    assert chart(report, "volunteers_by_month").series[0].values == (0, 0, 1, 1, 1, 1, 0)  # V6 in April


def test_allowances_over_limit_for_every_calendar_year_the_period_touches(data):
    report = data.reports.build(Period(D("2025-12-01"), D("2026-01-31")))
    found = figures(report)
    assert found["allowances_paid"] == 140_000  # V3 90,000 (2025-12-15) + V1 50,000 (2026-01-15)
    assert found["volunteers_paid"] == 2
    # 2025 (limit 840 EUR): V3 90,000; 2026 (960 EUR): V1 and V2, over their whole years
    assert found["volunteers_over_limit"] == 3
    assert rows(report, "allowances_over_limit") == (
        ("2025", "V-2026-0003", "Jörg Müller", 90_000, 84_000, 6_000),
        ("2026", "V-2026-0001", "Anna Berg", 100_000, 96_000, 4_000),
        ("2026", "V-2026-0002", "Ali Kaya", 100_500, 96_000, 4_500))
    assert report.warnings == ("In 2025, 1 volunteer was paid more than the tax-free limit of €840.00.",
                               "In 2026, 2 volunteers were paid more than the tax-free limit of €960.00.")


def test_a_year_without_a_limit_has_nobody_above_it(services, data):
    insert_allowances(services, [(data.v["V1"], "2012-05-01", 500_000)])  # the first limit is set for 2013
    report = data.reports.build(Period.year(2012))
    assert figures(report)["allowances_paid"] == 500_000 and figures(report)["volunteers_over_limit"] == 0
    assert rows(report, "allowances_over_limit") == () and report.warnings == () and not report.empty


def assert_honest_empty(report, months: int):
    assert report.empty
    found = figures(report)
    assert found.pop("median_days_to_assignment") is None
    assert set(found.values()) == {0}
    assert [s.key for s in report.sections] == ["volunteers", "requests", "assignments", "trainings", "allowances"]
    for key in ("volunteers_by_month", "requests_by_month", "hours_by_month"):
        assert len(rows(report, key)) == months and all(not any(row[1:]) for row in rows(report, key))
    assert rows(report, "requests_by_status") == tuple(zip(STATUSES, (0,) * 6))
    for key in ("volunteers_by_area", "volunteers_by_language", "requests_by_area", "hours_by_area",
                "trainings_by_module", "courses", "allowances_over_limit", "allowances_by_volunteer"):
        assert rows(report, key) == (), key
    assert report.table("trainings_by_module").total is None and report.warnings == ()
    assert all(c.empty for s in report.sections for c in s.charts)
    json.dumps(report_to_json(report))


def test_a_period_without_data_gives_an_honest_empty_report(data):
    assert_honest_empty(data.reports.build(Period.year(2024)), 12)  # before the first record
    # A2, A3 and A7 have not ended, but nobody knows yet whether they will still run in 2030: a year still to come
    # is empty
    later = data.reports.build(Period.year(2030))
    assert later.empty and figures(later)["assignments_active"] == 0 and figures(later)["active_volunteers"] == 0
    assert_honest_empty(later, 12)


def test_an_empty_database_gives_an_honest_empty_report(services):
    report = services.reports.build(Period(dt.date(2026, 2, 1), dt.date(2026, 2, 1)))
    assert_honest_empty(report, 1)
    assert report.organisation == "" and report.organisation_address == "" and report.logo is None
    assert services.reports.sites() == []


def test_a_period_that_ends_before_it_starts_is_refused(data):
    with pytest.raises(ValidationError) as caught:
        check_period(dt.date(2026, 3, 31), dt.date(2026, 1, 1))
    assert set(caught.value.errors) == {"to"} and "ends before it starts" in caught.value.errors["to"]
    with pytest.raises(ValidationError) as caught:
        data.reports.build(Period(dt.date(2026, 3, 31), dt.date(2026, 1, 1)))
    assert set(caught.value.errors) == {"to"}


# -- languages, lists, threads ---------------------------------------------------------------------------------

def test_the_report_in_german(data, german):
    report = data.reports.build(Q1)
    assert report.language == "de"
    assert rows(report, "volunteers_by_area")[0] == ("Begleitung zu Ämtern und Ärzten", 2, 1)
    assert rows(report, "volunteers_by_language")[:2] == (("Deutsch", 4), ("Arabisch", 2))
    assert [row[0] for row in rows(report, "hours_by_month")] == ["Jan. 2026", "Feb. 2026", "März 2026"]
    filtered = data.reports.build(Q1, ReportFilter(frozenset({data.area["escort"]})))
    assert "Begleitung zu Ämtern und Ärzten" in filtered.filters
    assert "960,00" in filtered.warnings[0]


def test_sites_and_areas_for_the_filters(data):
    assert data.reports.sites() == ["AM HANG", "Turnhalle Süd"]  # one spelling per folded site
    data.volunteers.retire_area(data.area["donations"])
    areas = data.reports.areas()
    assert len(areas) == 10 and any(a.id == data.area["donations"] and not a.active for a in areas)


def test_a_report_on_a_connection_of_its_own(data, paths):
    here = data.reports.build(Q1, ReportFilter(frozenset({data.area["escort"]})), today=TODAY)
    elsewhere = data.reports.build(Q1, ReportFilter(frozenset({data.area["escort"]})), today=TODAY, paths=paths)
    assert report_to_json(elsewhere) == report_to_json(here)
    with pytest.raises(ValidationError):
        data.reports.build(Period(dt.date(2026, 3, 31), dt.date(2026, 1, 1)), paths=paths)
