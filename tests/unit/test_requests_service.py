"""The request service: intake with references and history, every bad input refused with nothing saved, the
list (search without diacritics, filters, sorting, paging), households, and the bulk import."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kommandesk.domain.availability import Period
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import RequestConsent, RequestStatus as R, SupportRequest, Urgency
from kommandesk.domain.schedule import Appointment, Recurrence
from kommandesk.services import geo
from kommandesk.services.requests import RequestQuery, RequestService, RequestSortKey
from kommandesk.services.volunteers import VolunteerService

TODAY = dt.date(2026, 3, 16)
ALL = RequestQuery()


@pytest.fixture
def volunteers(services) -> VolunteerService:
    return VolunteerService(services.store, services.organisation, today=lambda: TODAY)


@pytest.fixture
def service(services, volunteers) -> RequestService:
    return RequestService(services.store, volunteers, today=lambda: TODAY)


@pytest.fixture
def areas(volunteers) -> dict[str, str]:
    return {area.key: area.id for area in volunteers.areas()}


@pytest.fixture
def good(areas):
    def make(**changes) -> SupportRequest:
        base = SupportRequest(
            person="Zahra", household_size=4, person_languages=("prs", "fa"), site="Unterkunft Lindenstraße",
            site_contact="Frau Yılmaz", area_id=areas["escort"], languages=(LanguageSkill("prs", Level.B1),),
            postcode="44135", appointment=Appointment(dt.date(2026, 3, 24), dt.time(9), dt.time(11)),
            description="Termin bei der Ausländerbehörde", consent=RequestConsent(TODAY, "Weitergabe"),
            received_on=TODAY)
        return dataclasses.replace(base, **changes)
    return make


# --- intake -----------------------------------------------------------------------------------------------------

def test_create_gives_references_history_and_coordinates(service, good):
    first = service.create(good())
    second = service.create(good(person="Olena", postcode="99999", received_on=None))
    assert (first.reference, second.reference) == ("A-2026-0001", "A-2026-0002")
    assert first.id and first.created_at and [(c.status, c.on) for c in first.history] == [(R.NEW, TODAY)]
    assert service.get(first.id) == first
    assert first.languages == (LanguageSkill("prs", Level.B1),) and first.person_languages == ("prs", "fa")
    assert first.appointment == Appointment(dt.date(2026, 3, 24), dt.time(9), dt.time(11))
    assert service.coordinates(first.id) == geo.postcode_coordinates("44135")
    assert service.coordinates(second.id) is None  # a postcode not in the table: distance unknown, not an error
    assert second.received_on == TODAY


def test_the_numbering_continues_after_the_year_s_highest_reference(services, volunteers, good):
    RequestService(services.store, volunteers, today=lambda: dt.date(2025, 12, 31)).create(
        good(received_on=dt.date(2025, 12, 30), consent=None))
    service = RequestService(services.store, volunteers, today=lambda: TODAY)
    assert service.create(good()).reference == "A-2026-0001"
    assert service.create(good()).reference == "A-2026-0002"


def test_weekly_times_and_no_time_round_trip(service, good):
    weekly = Recurrence(frozenset({(1, Period.MORNING), (3, Period.EVENING)}), dt.date(2026, 4, 1), None)
    saved = service.create(good(appointment=None, recurrence=weekly, children=True, urgency=Urgency.HIGH))
    assert service.get(saved.id).recurrence == weekly and saved.children and saved.urgency is Urgency.HIGH
    row = service.page(ALL, 0, 10)[0]
    assert row.recurrence_slots == weekly.slots and row.appointment is None
    assert (row.first_day, row.last_day) == saved.period()
    none = service.create(good(appointment=None, consent=None, languages=(), postcode=""))
    assert none.appointment is none.recurrence is None and none.consent is None


def test_get_by_reference_accepts_lower_case_and_names_a_missing_one(service, good):
    saved = service.create(good())
    assert service.get_by_reference(" a-2026-0001 ").id == saved.id
    with pytest.raises(KommanDeskError, match="There is no request with the reference A-2026-0099"):
        service.get_by_reference("A-2026-0099")
    with pytest.raises(KommanDeskError, match="does not exist"):
        service.get("no-such-id")


BAD = [
    ("area_id", dict(area_id=None), "Choose the area of help"),
    ("area_id", dict(area_id="no-such-area"), "does not exist"),
    ("appointment", dict(appointment=Appointment(TODAY, dt.time(11), dt.time(9))), "ends before it starts"),
    ("recurrence_first_day", dict(appointment=None, recurrence=Recurrence(frozenset({(1, Period.MORNING)}))),
     "need a first day"),
    ("languages", dict(languages=(LanguageSkill("xx", Level.B1),)), "Unknown language code: xx"),
    ("person", dict(person=" \t "), "required"),
    ("postcode", dict(postcode="D-44135"), "five digits"),
    ("received_on", dict(received_on=TODAY + dt.timedelta(days=1)), "future"),
]


@pytest.mark.parametrize("field,changes,message", BAD, ids=[f"{b[0]}-{n}" for n, b in enumerate(BAD)])
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(service, good, field, changes, message):
    req = good(**changes)
    assert message in service.validate(req)[field]
    with pytest.raises(ValidationError) as caught:
        service.create(req)
    assert message in caught.value.errors[field]
    assert service.count(ALL) == 0


def test_saving_twice_or_updating_an_unsaved_request_is_refused(service, good):
    saved = service.create(good())
    with pytest.raises(KommanDeskError, match="saved already"):
        service.create(saved)
    with pytest.raises(KommanDeskError, match="not been saved yet"):
        service.update(good())
    assert service.count(ALL) == 1


def test_update_keeps_the_reference_and_puts_a_status_change_into_the_history(service, good):
    saved = service.create(good())
    changed = service.update(dataclasses.replace(saved, person="Z. R.", postcode="50667", status=R.MATCHING))
    assert changed.reference == saved.reference and changed.created_at == saved.created_at
    assert changed.person == "Z. R." and changed.status is R.MATCHING
    assert [c.status for c in changed.history] == [R.NEW, R.MATCHING]
    assert service.coordinates(saved.id) == geo.postcode_coordinates("50667")
    assert service.page(RequestQuery(search="Z. R."), 0, 10)[0].id == saved.id  # the search index follows


def test_a_status_jump_in_the_form_is_refused_and_nothing_changes(service, good):
    saved = service.create(good())
    jump = dataclasses.replace(saved, status=R.COMPLETED, person="Anders")
    assert "cannot go from new to completed" in service.validate(jump)["status"]
    with pytest.raises(ValidationError):
        service.update(jump)
    assert service.get(saved.id) == saved


def test_change_status_records_the_reason_and_refuses_a_jump(service, good):
    saved = service.create(good())
    cancelled = service.change_status(saved.id, R.CANCELLED, "  Familie umgezogen ")
    assert cancelled.status is R.CANCELLED and cancelled.history[-1].reason == "Familie umgezogen"
    with pytest.raises(ValidationError, match="cannot go from cancelled to active"):
        service.change_status(saved.id, R.ACTIVE)
    assert service.change_status(saved.id, R.NEW).status is R.NEW  # reopened
    assert service.new() == SupportRequest(received_on=TODAY, status=R.NEW)


# --- the list ---------------------------------------------------------------------------------------------------

@pytest.fixture
def listed(service, good, areas):
    made = [
        service.create(good(person="Zahra", site="Unterkunft Lindenstraße", received_on=TODAY - dt.timedelta(days=5))),
        service.create(good(person="Şükrü", site="ZUE Bielefeld", area_id=areas["homework"], children=True,
                            languages=(LanguageSkill("tr", Level.B2),), person_languages=("tr",),
                            urgency=Urgency.HIGH, received_on=TODAY - dt.timedelta(days=2),
                            description="Hausaufgaben Mathe")),
        service.create(good(person="Olena", site="zue bielefeld", languages=(LanguageSkill("uk", Level.B1),),
                            person_languages=("uk", "ru"), received_on=TODAY - dt.timedelta(days=9),
                            site_contact="Herr Łukasz Nowak")),
    ]
    service.change_status(made[2].id, R.CANCELLED)
    return made


@pytest.mark.parametrize("search,expected", [
    ("lindenstrasse", ["Zahra"]), ("lindenstraße", ["Zahra"]), ("LINDEN", ["Zahra"]), ("sukru", ["Şükrü"]),
    ("zue biele", ["Şükrü", "Olena"]), ("dari", ["Zahra"]), ("darí", ["Zahra"]), ("persisch", ["Zahra"]),
    ("ukrainian", ["Olena"]), ("russisch", ["Olena"]), ("lukasz", ["Olena"]), ("hausaufgaben", ["Şükrü"]),
    ("homework", ["Şükrü"]), ("begleitung", ["Zahra", "Olena"]), ("a-2026-0002", ["Şükrü"]), ("0003", ["Olena"]),
    ("44135", ["Şükrü", "Zahra", "Olena"]), ("zahra bielefeld", []), ('"or', []), ("zzz", []),
])
def test_search_is_folded_prefix_and_all_words(service, listed, search, expected):
    rows = service.page(RequestQuery(search=search), 0, 50)
    assert [row.person for row in rows] == expected
    assert service.count(RequestQuery(search=search)) == len(expected)


def test_filters(service, listed, areas):
    def people(**query) -> list[str]:
        return sorted(row.person for row in service.page(RequestQuery(**query), 0, 50))

    assert people(statuses=frozenset({R.CANCELLED})) == ["Olena"]
    assert people(open_only=True) == ["Zahra", "Şükrü"]
    assert people(open_only=True, statuses=frozenset({R.CANCELLED})) == []
    assert people(area_id=areas["homework"]) == ["Şükrü"]
    assert people(urgency=Urgency.HIGH) == ["Şükrü"]
    assert people(urgency=Urgency.NORMAL) == ["Olena", "Zahra"]
    assert people(site="ZUE BIELEFELD") == ["Olena", "Şükrü"]
    assert people(site="") == ["Olena", "Zahra", "Şükrü"]
    assert people(children=True) == ["Şükrü"] and people(children=False) == ["Olena", "Zahra"]
    assert people(search="zue", children=False) == ["Olena"]


def test_sorting_and_paging(service, listed):
    def order(**query) -> list[str]:
        return [row.person for row in service.page(RequestQuery(**query), 0, 50)]

    assert order() == ["Şükrü", "Zahra", "Olena"]  # newest first by default
    assert order(descending=False) == ["Olena", "Zahra", "Şükrü"]
    assert order(sort=RequestSortKey.PERSON, descending=False) == ["Olena", "Şükrü", "Zahra"]
    assert order(sort=RequestSortKey.REFERENCE, descending=False) == ["Zahra", "Şükrü", "Olena"]
    assert order(sort=RequestSortKey.URGENCY)[0] == "Şükrü"
    assert order(sort=RequestSortKey.STATUS)[0] == "Olena"
    assert order(sort=RequestSortKey.SITE, descending=False) == ["Zahra", "Olena", "Şükrü"]
    assert [row.person for row in service.page(ALL, 1, 1)] == ["Zahra"]
    assert service.page(ALL, 5, 10) == [] and service.page(ALL, -3, 1)[0].person == "Şükrü"
    row = service.page(RequestQuery(search="sukru"), 0, 1)[0]
    assert (row.reference, row.languages, row.children, row.urgency, row.status, row.volunteers) == (
        "A-2026-0002", "tr (B2)", True, Urgency.HIGH, R.NEW, "")


def test_sites_status_counts_and_the_unassigned_in_order(service, listed, good):
    assert service.sites() == ["Unterkunft Lindenstraße", "ZUE Bielefeld"]
    counts = service.status_counts()
    assert counts[R.NEW] == 2 and counts[R.CANCELLED] == 1 and counts[R.ACTIVE] == 0 and set(counts) == set(R)
    older = service.create(good(person="Amir", received_on=TODAY - dt.timedelta(days=30)))
    service.change_status(older.id, R.MATCHING)
    assert [req.person for req in service.unassigned()] == ["Şükrü", "Amir", "Zahra"]  # high urgency, then oldest


def test_the_requests_of_the_same_household(service, listed, good):
    again = service.create(good(person="zahra", site="UNTERKUNFT LINDENSTRASSE"))
    assert service.household_requests(again) == [listed[0].id]
    assert service.household_requests(listed[0]) == [again.id]
    assert service.household_requests(listed[1]) == []


# --- import -----------------------------------------------------------------------------------------------------

def test_import_many_numbers_in_order_with_history_and_search(service, good):
    service.create(good())
    ids = service.import_many([good(person="Amir", received_on=None), good(person="Olena"), good(person="Dawit")],
                              "Import aus liste.xlsx")
    imported = [service.get(rid) for rid in ids]
    assert [(r.reference, r.person) for r in imported] == [
        ("A-2026-0002", "Amir"), ("A-2026-0003", "Olena"), ("A-2026-0004", "Dawit")]
    assert all([(c.status, c.reason) for c in r.history] == [(R.NEW, "Import aus liste.xlsx")] for r in imported)
    assert imported[0].received_on == TODAY
    assert [row.person for row in service.page(RequestQuery(search="dawit"), 0, 5)] == ["Dawit"]
    assert service.coordinates(ids[0]) == geo.postcode_coordinates("44135")


def test_import_many_writes_nothing_when_one_request_is_bad(service, good):
    with pytest.raises(ValidationError) as caught:
        service.import_many([good(person="Amir"), good(person="Olena", area_id=None)], "Import")
    assert "area_id" in caught.value.errors
    assert service.count(ALL) == 0
    assert service.import_many([], "Import") == []


def test_the_search_text_follows_a_renamed_area_when_reindexed(services, service, listed, volunteers, areas):
    from kommandesk.store.requests_repo import RequestRepository

    assert [row.person for row in service.page(RequestQuery(search="lernhilfe"), 0, 5)] == ["Şükrü"]
    volunteers.rename_area(areas["homework"], "Lernwerkstatt", "Learning workshop")
    with services.store.db.atomic():
        RequestRepository(services.store).reindex_area(areas["homework"])  # what the area rename should call
    assert [row.person for row in service.page(RequestQuery(search="lernwerk"), 0, 5)] == ["Şükrü"]
    assert service.page(RequestQuery(search="lernhilfe"), 0, 5) == []


# --- demo data --------------------------------------------------------------------------------------------------

def demo_requests(tmp_path, name: str, seed: int) -> list[tuple]:
    from kommandesk import paths as paths_mod
    from kommandesk.domain.assignments import AssignmentStatus
    from kommandesk.services.context import Services
    from kommandesk.services.demo.seed import fill

    folder = paths_mod.resolve(tmp_path / name)
    folder.ensure()
    services = Services.open(folder)
    try:
        report = fill(services, seed=seed, volunteers=40)
        requests = services.requests
        rows = requests.page(RequestQuery(descending=False, sort=RequestSortKey.REFERENCE), 0, 100)
        assert report.created["requests"] == len(rows) == 10
        seen = set()
        for row in rows:
            req = requests.get(row.id)
            assert requests.validate(req) == {}, (row.reference, requests.validate(req))
            assert req.history[0].status is R.NEW and req.history[-1].status is req.status
            for assignment in requests.assignments_of_request(row.id):
                seen.add(assignment.status)
                assert req.consent is not None
        assert min(requests.status_counts().values()) > 0  # every request status
        assert seen == set(AssignmentStatus)
        return [(row.reference, row.person, row.site, row.status, row.languages, row.volunteers) for row in rows]
    finally:
        services.close()


def test_the_demo_makes_valid_requests_in_every_status_and_the_same_seed_the_same(tmp_path):
    first = demo_requests(tmp_path, "a", 5)
    assert first == demo_requests(tmp_path, "b", 5)
    assert first != demo_requests(tmp_path, "c", 6)
