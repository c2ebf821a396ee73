"""Service records and the Ehrenamtskarte NRW: the rule's numbers on logged hours (thresholds, both years, changed
settings), what a service record lists for a period (the first and the last day count), the trainings completed in
it, the total; and what is refused with nothing written and nothing registered."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess

import pytest

from kommandesk.domain.assignments import HoursEntry
from kommandesk.domain.certificates import Kind
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.requests import RequestConsent, SupportRequest
from kommandesk.domain.trainings import Course, CourseStatus, Presence, Session
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from kommandesk.services.service_records import ServiceRecords
from kommandesk.store.assignments_repo import AssignmentRepository

TODAY = dt.date(2026, 3, 16)
YEAR_1 = (dt.date(2025, 3, 17), TODAY)  # the last 12 months: 365 days
YEAR_2 = (dt.date(2024, 3, 17), dt.date(2025, 3, 16))  # the 12 before
NEEDS_PDFTOTEXT = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture
def ready(services):
    """An organisation with everything a certificate needs."""
    org = services.organisation.get()
    return services.organisation.save(dataclasses.replace(
        org, name="KI Musterstadt", street="Marktplatz 1", postcode="12345", town="Musterstadt",
        signatory_name="Erika Mustermann", signatory_role="Leitung"))


@pytest.fixture
def records(services, ready) -> ServiceRecords:
    return ServiceRecords(services.certificates, services.volunteers, services.trainings, today=lambda: TODAY)


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def volunteer(services) -> Volunteer:
    return person(services, "Şükrü", "Yılmaz")


def person(services, first: str, last: str) -> Volunteer:
    consent = Consent(dt.date(2024, 1, 2), frozenset({ConsentPurpose.CONTACT}), "2025-02")
    return services.volunteers.create(Volunteer(first_name=first, last_name=last, status=Status.ACTIVE,
                                                consent=consent, registered_on=dt.date(2024, 1, 2)),
                                      confirmed_duplicate=True)


def area_id(services, key: str) -> str:
    return next(a.id for a in services.volunteers.areas() if a.key == key)


def assignment(services, volunteer: Volunteer, area_key: str = "escort") -> str:
    request = services.requests.create(SupportRequest(
        person="Zahra", site="ZUE Musterstadt", area_id=area_id(services, area_key),
        consent=RequestConsent(dt.date(2024, 1, 2), "Weitergabe"), received_on=dt.date(2024, 1, 2)))
    return services.requests.assign(request.id, volunteer.id).id


def log(services, assignment_id: str, hours: dict[dt.date, int]) -> None:
    """Minutes per day, written as the hours tab would have logged them over the years (the service refuses days
    before the proposal, which here is the real today)."""
    with services.store.db.atomic():
        AssignmentRepository(services.store).insert_hours(
            [HoursEntry(day, minutes, "Begleitung", assignment_id) for day, minutes in hours.items()])


def spread(first: dt.date, last: dt.date, total: int, days: int) -> dict[dt.date, int]:
    """``total`` minutes over ``days`` days from ``first`` to ``last``: the first and the last day among them."""
    span = (last - first).days
    found = {first + dt.timedelta(days=span * i // (days - 1)): total // days for i in range(days)}
    found[first] += total - sum(found.values())
    return found


def weekly(first: dt.date, last: dt.date, minutes: int) -> dict[dt.date, int]:
    days, day = {}, first
    while day <= last:
        days[day] = minutes
        day += dt.timedelta(days=7)
    return days


def change_org(services, **changes) -> None:
    services.organisation.save(dataclasses.replace(services.organisation.get(), **changes))


# --- the Ehrenamtskarte rule ------------------------------------------------------------------------------------

def test_six_hours_a_week_for_two_years_meets_the_rule(services, records, volunteer):
    log(services, assignment(services, volunteer), weekly(YEAR_2[0], TODAY, 6 * 60))
    check = records.card_check(volunteer.id)
    assert check.meets and [year.met for year in check.years] == [True, True]
    assert [(year.first_day, year.last_day) for year in check.years] == [YEAR_1, YEAR_2]
    assert all(year.weekly_minutes >= 5 * 60 for year in check.years)
    assert check.first_logged == YEAR_2[0]


def test_250_hours_in_one_year_and_nothing_the_year_before_does_not_meet_it(services, records, volunteer):
    log(services, assignment(services, volunteer), spread(*YEAR_1, 250 * 60, 50))
    check = records.card_check(volunteer.id)
    assert [(year.minutes, year.met) for year in check.years] == [(250 * 60, True), (0, False)]
    assert not check.meets


def test_exactly_250_hours_in_each_year_meets_it_one_minute_less_does_not(services, records, volunteer):
    job = assignment(services, volunteer)
    log(services, job, spread(*YEAR_1, 250 * 60, 25) | spread(*YEAR_2, 250 * 60 - 1, 25))
    log(services, job, {YEAR_2[0] - dt.timedelta(days=1): 600, TODAY + dt.timedelta(days=1): 600})  # outside
    check = records.card_check(volunteer.id)
    assert [(year.minutes, year.met) for year in check.years] == [(250 * 60, True), (250 * 60 - 1, False)]
    assert not check.meets
    log(services, job, {YEAR_2[1]: 1})  # the last day of the earlier year counts in it
    assert records.card_check(volunteer.id).meets


def test_the_weekly_average_decides_exactly_at_its_threshold(services, records, volunteer):
    change_org(services, card_weekly_hours=5, card_yearly_hours=2000, card_years=1)
    job = assignment(services, volunteer)
    needed = 5 * 60 * 365 / 7  # 15,642.86 minutes: 5 hours a week over the 365 days of the year
    log(services, job, spread(*YEAR_1, int(needed), 30))
    check = records.card_check(volunteer.id)
    assert check.years[0].minutes == 15642 and check.years[0].weekly_minutes < 300 and not check.meets
    log(services, job, {dt.date(2025, 9, 1): 1})
    check = records.card_check(volunteer.id)
    assert check.years[0].weekly_minutes >= 300 and check.meets


def test_changed_settings_change_the_result(services, records, volunteer):
    log(services, assignment(services, volunteer), spread(*YEAR_1, 200 * 60, 40) | spread(*YEAR_2, 200 * 60, 40))
    assert not records.card_check(volunteer.id).meets  # 200 h a year: under 250 h and under 5 h a week
    change_org(services, card_yearly_hours=200)
    check = records.card_check(volunteer.id)
    assert check.meets and check.rule.yearly_hours == 200
    change_org(services, card_yearly_hours=250, card_weekly_hours=3)  # 200 h = 3.8 h a week
    assert records.card_check(volunteer.id).meets
    change_org(services, card_weekly_hours=5, card_years=3)
    check = records.card_check(volunteer.id)
    assert len(check.years) == 3 and not check.meets


def test_hours_of_other_volunteers_do_not_count(services, records, volunteer):
    other = person(services, "Anna", "Berg")
    log(services, assignment(services, other), weekly(YEAR_2[0], TODAY, 6 * 60))
    check = records.card_check(volunteer.id)
    assert check.total_minutes == 0 and check.first_logged is None and not check.meets


def test_card_check_of_an_unknown_volunteer_is_refused(records):
    with pytest.raises(KommanDeskError, match="does not exist"):
        records.card_check("no-such-id")


# --- service record content -------------------------------------------------------------------------------------

def completed_course(services, volunteer: Volunteer, title: str, last_day: dt.date, complete: bool = True):
    course = services.trainings.create_course(Course(title=title, capacity=5, status=CourseStatus.OPEN))
    first = services.trainings.add_session(Session(course.id, last_day - dt.timedelta(days=7), dt.time(9),
                                                   dt.time(12)))
    second = services.trainings.add_session(Session(course.id, last_day, dt.time(9), dt.time(12)))
    registration = services.trainings.register(course.id, volunteer.id)
    services.trainings.record(first.id, registration.id, Presence.PRESENT)
    services.trainings.record(second.id, registration.id, Presence.PRESENT)
    if complete:
        services.trainings.complete_course(course.id)
    return course


def test_service_record_lists_hours_by_area_in_the_period_only(services, records, volunteer):
    escort = assignment(services, volunteer, "escort")
    escort_2 = assignment(services, volunteer, "escort")
    homework = assignment(services, volunteer, "homework")
    first, last = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    log(services, escort, {first: 90, dt.date(2025, 6, 1): 60, last: 30,  # the first and the last day count
                           dt.date(2024, 12, 31): 600, dt.date(2026, 1, 1): 600})  # outside
    log(services, escort_2, {dt.date(2025, 7, 1): 120})
    log(services, homework, {dt.date(2025, 3, 3): 45})
    log(services, assignment(services, person(services, "Anna", "Berg")), {dt.date(2025, 3, 3): 600})  # another
    content = records.service_record_content(volunteer.id, first, last, "de")
    assert [(a.area_de, a.area_en, a.minutes, a.assignments) for a in content.activities] == [
        ("Begleitung zu Ämtern und Ärzten", "Escort to offices and doctors", 300, 2),
        ("Hausaufgaben- und Lernhilfe", "Homework and learning help", 45, 1)]
    assert content.total_minutes == 345
    assert (content.period_from, content.period_to) == (first, last)
    assert content.heading.person.full_name == "Şükrü Yılmaz" and content.heading.language == "de"


def test_hours_of_a_request_without_an_area_are_listed_as_other_activities(services, records, volunteer):
    job = assignment(services, volunteer, "housing")
    log(services, job, {dt.date(2025, 4, 4): 75})
    with services.store.db.atomic():  # an older record: requests without an area of help
        services.store.conn.execute("UPDATE requests SET area_id = NULL")
    content = records.service_record_content(volunteer.id, dt.date(2025, 1, 1), dt.date(2025, 12, 31), "en")
    assert [(a.area_de, a.area_en, a.minutes) for a in content.activities] == [
        ("Sonstige Tätigkeiten", "Other activities", 75)]


def test_service_record_lists_trainings_completed_in_the_period(services, records, volunteer):
    first, last = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    done = completed_course(services, volunteer, "Grundkurs <b>Ehrenamt</b>", dt.date(2025, 3, 10))
    completed_course(services, volunteer, "Kinderschutz", dt.date(2026, 2, 2))  # finished after the period
    completed_course(services, volunteer, "Erste Hilfe", dt.date(2025, 5, 5), complete=False)  # not completed
    on_last_day = completed_course(services, volunteer, "Deutsch lernen", last)
    content = records.service_record_content(volunteer.id, first, last, "en")
    assert [(t.title, t.reference, t.last_day, t.attended_minutes) for t in content.trainings] == [
        ("Grundkurs <b>Ehrenamt</b>", done.reference, dt.date(2025, 3, 10), 360),
        ("Deutsch lernen", on_last_day.reference, last, 360)]
    assert content.activities == () and content.total_minutes == 0


@pytest.mark.parametrize(("first", "last", "field", "words"), [
    (dt.date(2025, 6, 2), dt.date(2025, 6, 1), "last", "ends before it begins"),
    (dt.date(2026, 1, 1), TODAY + dt.timedelta(days=1), "last", "after today"),
    (dt.date(2016, 3, 16), TODAY, "first", "longer than 10 years"),
])
def test_a_bad_period_is_refused(records, volunteer, first, last, field, words):
    with pytest.raises(ValidationError) as caught:
        records.service_record_content(volunteer.id, first, last, "de")
    assert list(caught.value.errors) == [field] and words in caught.value.errors[field]


def test_exactly_ten_years_and_a_single_day_are_accepted(records, volunteer):
    assert records.service_record_content(volunteer.id, dt.date(2016, 3, 17), TODAY, "de").total_minutes == 0
    assert records.service_record_content(volunteer.id, TODAY, TODAY, "de").period_to == TODAY


def test_unknown_volunteer_and_unknown_language_are_refused(records, volunteer):
    with pytest.raises(KommanDeskError, match="does not exist"):
        records.service_record_content("no-such-id", dt.date(2025, 1, 1), TODAY, "de")
    with pytest.raises(KommanDeskError, match="language"):
        records.service_record_content(volunteer.id, dt.date(2025, 1, 1), TODAY, "fr")


# --- issuing ----------------------------------------------------------------------------------------------------

def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@NEEDS_PDFTOTEXT
def test_issuing_a_service_record_writes_the_file_then_registers_it(services, records, volunteer, out):
    log(services, assignment(services, volunteer), {dt.date(2025, 5, 5): 150})
    target = out / "record.pdf"
    row = records.issue_service_record(volunteer.id, dt.date(2025, 1, 1), dt.date(2025, 12, 31), "de", target)
    assert (row.kind, row.volunteer_id, row.person_name) == (Kind.SERVICE_RECORD, volunteer.id, "Şükrü Yılmaz")
    assert services.certificates.get(row.number).number == row.number
    text = pdf_text(target)
    assert "Şükrü" in text and "Yılmaz" in text and row.number in text
    assert services.certificates.reprint(row.number) == target.read_bytes()
    assert [f.name for f in out.iterdir()] == ["record.pdf"]  # no temporary file left


@pytest.mark.parametrize("case", ["bad period", "missing folder", "unknown volunteer", "not ready"])
def test_a_refused_service_record_writes_nothing_and_registers_nothing(services, records, volunteer, out,
                                                                       case):
    target, first, last, who = out / "record.pdf", dt.date(2025, 1, 1), dt.date(2025, 12, 31), volunteer.id
    if case == "bad period":
        first, last = last, first
    elif case == "missing folder":
        target = out / "missing" / "record.pdf"
    elif case == "unknown volunteer":
        who = "no-such-id"
    else:
        change_org(services, signatory_name="")
    with pytest.raises(KommanDeskError) as caught:
        records.issue_service_record(who, first, last, "de", target)
    if case == "missing folder":
        assert "does not exist" in caught.value.message
    if case == "not ready":
        assert "signatory" in caught.value.message
    assert list(out.iterdir()) == [] and services.certificates.register() == []


def test_the_hours_confirmation_is_refused_with_the_figures_when_the_rule_is_not_met(services, records, volunteer,
                                                                                     out):
    log(services, assignment(services, volunteer), spread(*YEAR_1, 250 * 60, 50))
    with pytest.raises(KommanDeskError) as caught:
        records.issue_hours_confirmation(volunteer.id, "de", out / "card.pdf")
    message = caught.value.message
    assert "Şükrü Yılmaz does not meet the rule" in message and "250 hours a year" in message
    assert "250 hours from" in message and "0 hours from" in message and "not met" in message
    assert list(out.iterdir()) == [] and services.certificates.register() == []


@NEEDS_PDFTOTEXT
def test_the_hours_confirmation_is_written_and_registered_when_the_rule_is_met(services, records, volunteer,
                                                                               out):
    log(services, assignment(services, volunteer), weekly(YEAR_2[0], TODAY, 6 * 60))
    target = out / "card.pdf"
    row = records.issue_hours_confirmation(volunteer.id, "en", target)
    assert row.kind is Kind.HOURS_CONFIRMATION and row.language == "en"
    content = services.certificates.content(row.number)
    assert content.check.meets and content.check.years == records.card_check(volunteer.id).years
    text = pdf_text(target)
    assert "Yılmaz" in text and row.number in text and "Ehrenamtskarte" in text
