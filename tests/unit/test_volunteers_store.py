"""The volunteers in the database: schema m002, references, paging, sorting, filters, search, atomic writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from kommandesk.domain.availability import Absence, Availability, Period
from kommandesk.domain.clearance import Clearance, ClearancePolicy, ClearanceResult, ClearanceState
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from kommandesk.services.volunteers import SortKey, VolunteerQuery, VolunteerService
from kommandesk.store import db as db_mod
from kommandesk.store import volunteers_repo
from kommandesk.store.db import open_store
from kommandesk.store.migrations import MIGRATIONS, m001_organisation
from kommandesk.store.volunteers_repo import VolunteerRepository, format_reference, latest_issue_date

TODAY = dt.date(2026, 3, 15)
CONSENT = Consent(dt.date(2026, 1, 2), frozenset({ConsentPurpose.CONTACT}), "2025-02")


@pytest.fixture
def service(services) -> VolunteerService:
    return VolunteerService(services.store, services.organisation, today=lambda: TODAY)


def person(first: str, last: str, **changes) -> Volunteer:
    base = Volunteer(first_name=first, last_name=last, registered_on=dt.date(2026, 1, 2), consent=CONSENT,
                     status=Status.ACTIVE)
    return dataclasses.replace(base, **changes)


def add(service: VolunteerService, first: str, last: str, **changes) -> Volunteer:
    return service.create(person(first, last, **changes), confirmed_duplicate=True)


def names(rows) -> list[str]:
    return [f"{row.first_name} {row.last_name}" for row in rows]


def found(service: VolunteerService, search: str, **query) -> list[str]:
    q = VolunteerQuery(search=search, **query)
    rows = service.page(q, 0, 100)
    assert service.count(q) == len(rows)
    return sorted(names(rows))


def snapshot(store) -> dict[str, list]:
    tables = ["volunteers", "volunteer_languages", "volunteer_areas", "volunteer_absences",
              "volunteer_status_history", "areas_of_help"]
    return {table: sorted(map(tuple, store.conn.execute(f"SELECT * FROM {table}").fetchall()), key=repr)
            for table in tables}


# --- schema -----------------------------------------------------------------------------------------------------

def test_the_schema_has_volunteers_children_catalogue_and_search(services):
    db = services.store.db
    assert {"volunteers", "volunteer_languages", "volunteer_areas", "volunteer_absences",
            "volunteer_status_history", "areas_of_help", "volunteers_fts"} <= set(db.table_names())
    assert {t.name for t in db["volunteers"].triggers} >= {"volunteers_ai", "volunteers_ad", "volunteers_au"}
    assert "prefix='1 2 3'" in db["volunteers_fts"].schema
    assert db["volunteers"].detect_fts() == "volunteers_fts"
    assert db["organisation"].columns_dict["clearance_validity_years"] is int


def test_the_default_areas_are_seeded_in_both_languages_with_uuid_ids(services):
    from kommandesk.domain.areas import DEFAULT_AREAS

    areas = services.volunteers.areas()
    assert [(a.key, a.name_de, a.name_en) for a in areas] == list(DEFAULT_AREAS)
    assert all(len(a.id) == 36 and a.id.count("-") == 4 for a in areas)


def test_every_sort_key_and_filter_column_has_an_index(services):
    indexed = set()
    for index in services.store.db["volunteers"].indexes:
        indexed.add(index.columns[0])
    for key in SortKey:
        assert volunteers_repo.ORDER[key.value][0] in indexed, key
    assert {"status", "clearance_group", "last_key", "email"} <= indexed
    child_indexes = {i.columns[0] for i in services.store.db["volunteer_languages"].indexes}
    assert "code" in child_indexes


def test_the_list_as_it_opens_is_read_from_its_index_alone(services):
    """The first page (sorted by name, archived hidden) needs no table row: one index page holds dozens of rows,
    where the table would be read a page per row (that is what makes an encrypted database's first page slow)."""
    plans = []
    services.store.conn.set_trace_callback(plans.append)
    try:
        services.volunteers.page(VolunteerQuery(), 0, 100)
    finally:
        services.store.conn.set_trace_callback(None)
    page_sql = next(sql for sql in plans if "ORDER BY" in sql and "FROM volunteers" in sql)
    plan = " ".join(row[3] for row in services.store.conn.execute("EXPLAIN QUERY PLAN " + page_sql))
    assert "COVERING INDEX idx_volunteers_sort_last_name" in plan, plan


def test_children_go_with_their_volunteer(service, services):
    area = service.areas()[0].id
    v = add(service, "Anna", "Schmidt", languages=(LanguageSkill("de", Level.NATIVE),), areas=(area,),
            availability=Availability(absences=(Absence(TODAY, TODAY),)))
    with services.store.db.atomic():
        services.store.conn.execute("DELETE FROM volunteers WHERE id = ?", (v.id,))
    for table in ("volunteer_languages", "volunteer_areas", "volunteer_absences", "volunteer_status_history"):
        assert services.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert services.store.conn.execute("SELECT count(*) FROM volunteers_fts WHERE volunteers_fts MATCH 'anna'"
                                       ).fetchone()[0] == 0


def test_search_survives_a_transform_when_the_index_is_enabled_again(service, services):
    """DESIGN.md: transform() drops the FTS triggers; enable_volunteer_search() puts index and triggers back."""
    from kommandesk.store.migrations import enable_volunteer_search

    add(service, "Şükrü", "Öztürk", languages=(LanguageSkill("tr", Level.NATIVE),))
    db = services.store.db
    # the children cascade on delete: a transform (which drops the old table) needs the foreign keys off
    services.store.conn.execute("PRAGMA foreign_keys=OFF")
    try:
        with db.atomic():
            db["volunteers"].transform(types={"max_assignments": int})
            assert not {t.name for t in db["volunteers"].triggers} & {"volunteers_ai", "volunteers_au"}
            enable_volunteer_search(db)
    finally:
        services.store.conn.execute("PRAGMA foreign_keys=ON")
    assert services.store.conn.execute("SELECT count(*) FROM volunteer_languages").fetchone()[0] == 1
    add(service, "Zofia", "Wiśniewska")
    assert found(service, "sukru") == ["Şükrü Öztürk"]
    assert found(service, "wisn") == ["Zofia Wiśniewska"]
    assert "prefix='1 2 3'" in db["volunteers_fts"].schema


def v1_database(path, monkeypatch):
    """A database at schema 1 with its organisation, as the foundation release left it."""
    with monkeypatch.context() as patch:
        patch.setattr(db_mod, "MIGRATIONS", (m001_organisation,))
        patch.setattr(db_mod, "LATEST_VERSION", 1)
        store = open_store(path)
        store.db["organisation"].insert({"id": "org-1", "created_at": "2026-01-01T00:00:00.000+00:00",
                                         "updated_at": "2026-01-01T00:00:00.000+00:00", "name": "KI Bonn",
                                         "postcode": "53111"})
        store.close()


def test_migrating_from_schema_1_keeps_the_organisation_and_sets_the_default_policy(tmp_path, monkeypatch):
    path = tmp_path / "k.sqlite3"
    v1_database(path, monkeypatch)
    store = open_store(path, backup_dir=tmp_path / "backups")
    try:
        assert store.schema_version == len(MIGRATIONS) >= 2
        row = store.query("SELECT * FROM organisation")[0]
        assert (row["id"], row["name"], row["postcode"]) == ("org-1", "KI Bonn", "53111")
        assert (row["clearance_validity_years"], row["clearance_warning_days"]) == (5, 60)
        assert store.conn.execute("SELECT count(*) FROM areas_of_help").fetchone()[0] == 10
    finally:
        store.close()
    assert len(list((tmp_path / "backups").iterdir())) == 1  # copied aside before migrating


def test_a_failing_m002_leaves_schema_1_untouched(tmp_path, monkeypatch):
    path = tmp_path / "k.sqlite3"
    v1_database(path, monkeypatch)

    def failing(db):
        MIGRATIONS[1](db)
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(db_mod, "MIGRATIONS", (MIGRATIONS[0], failing))
    monkeypatch.setattr(db_mod, "LATEST_VERSION", 2)
    with pytest.raises(db_mod.StorageError):
        open_store(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"organisation"}
        assert [r[0] for r in conn.execute("SELECT name FROM organisation")] == ["KI Bonn"]
        assert "clearance_validity_years" not in [r[1] for r in conn.execute("PRAGMA table_info(organisation)")]
    finally:
        conn.close()


# --- references -------------------------------------------------------------------------------------------------

def test_references_count_up_per_year_with_four_digits_and_more_when_needed(service, services):
    first, second = add(service, "Anna", "A"), add(service, "Ben", "B")
    assert (first.reference, second.reference) == ("V-2026-0001", "V-2026-0002")
    next_year = VolunteerService(services.store, services.organisation, today=lambda: dt.date(2027, 1, 1))
    assert next_year.create(person("Cem", "C"), confirmed_duplicate=True).reference == "V-2027-0001"
    assert add(service, "Dana", "D").reference == "V-2026-0003"
    assert format_reference(2026, 42) == "V-2026-0042"
    assert format_reference(2026, 10000) == "V-2026-10000"


def test_reference_order_is_numeric_beyond_9999(service, services):
    add(service, "Anna", "A")
    with services.store.db.atomic():
        services.store.conn.execute("UPDATE volunteers SET ref_number = 9999, reference = 'V-2026-9999'")
    assert add(service, "Ben", "B").reference == "V-2026-10000"
    rows = service.page(VolunteerQuery(sort=SortKey.REFERENCE), 0, 10)
    assert [r.reference for r in rows] == ["V-2026-9999", "V-2026-10000"]


# --- paging and sorting -----------------------------------------------------------------------------------------

def test_paging_is_stable_with_equal_names(service):
    for n in range(25):
        add(service, "Anna", "Schmidt", email=f"anna{n}@example.org")
    query = VolunteerQuery()
    pages = [service.page(query, offset, 10) for offset in (0, 10, 20)]
    ids = [row.id for page in pages for row in page]
    assert [len(p) for p in pages] == [10, 10, 5]
    assert len(set(ids)) == 25 == service.count(query)
    assert ids == [row.id for row in service.page(query, 0, 100)]


def test_every_column_sorts_both_ways(service):
    area = service.areas()[0].id
    add(service, "Zoe", "Özdemir", town="Aachen", postcode="52062", email="z@example.org", phone="+49 241 1",
        registered_on=dt.date(2025, 5, 1), languages=(LanguageSkill("tr", Level.NATIVE),), areas=(area,),
        clearance=Clearance(dt.date(2025, 1, 1), dt.date(2025, 1, 2), "K", ClearanceResult.NO_RELEVANT_ENTRY))
    add(service, "Ali", "Abbas", town="Köln", postcode="50667", email="a@example.org", phone="+49 221 2",
        registered_on=dt.date(2026, 1, 1), languages=(LanguageSkill("ar", Level.NATIVE),), status=Status.PAUSED)
    add(service, "Émile", "Müller", town="Bonn", postcode="53111", email="m@example.org", phone="+49 228 3",
        registered_on=dt.date(2024, 1, 1), languages=(LanguageSkill("fr", Level.B2),), status=Status.APPLICANT,
        consent=None, clearance=Clearance(dt.date(2021, 1, 1), dt.date(2021, 1, 2), "K",
                                          ClearanceResult.NO_RELEVANT_ENTRY))
    expected = {
        SortKey.REFERENCE: ["Zoe", "Ali", "Émile"],
        SortKey.LAST_NAME: ["Ali", "Émile", "Zoe"],  # Özdemir sorts as ozdemir
        SortKey.FIRST_NAME: ["Ali", "Émile", "Zoe"],  # Émile as emile
        SortKey.TOWN: ["Zoe", "Émile", "Ali"],
        SortKey.POSTCODE: ["Ali", "Zoe", "Émile"],
        SortKey.STATUS: ["Émile", "Zoe", "Ali"],  # the lifecycle order: applicant, active, paused
        SortKey.CLEARANCE: ["Ali", "Émile", "Zoe"],  # none, expired, valid
        SortKey.REGISTERED_ON: ["Émile", "Zoe", "Ali"],
        SortKey.LANGUAGES: ["Ali", "Émile", "Zoe"],  # ar, fr, tr
        SortKey.EMAIL: ["Ali", "Émile", "Zoe"],
        SortKey.PHONE: ["Ali", "Émile", "Zoe"],  # +49 221, +49 228, +49 241
    }
    assert set(expected) == set(SortKey)
    for key, order in expected.items():
        up = [r.first_name for r in service.page(VolunteerQuery(sort=key), 0, 10)]
        down = [r.first_name for r in service.page(VolunteerQuery(sort=key, descending=True), 0, 10)]
        assert (up, down) == (order, order[::-1]), key


def test_a_row_carries_what_the_list_shows(service):
    v = add(service, "Ahmad", "Haddad", email="ahmad@example.org", phone="+49 151 1234567", postcode="50667",
            town="Köln", languages=(LanguageSkill("ar", Level.NATIVE), LanguageSkill("de", Level.C1)))
    row = service.page(VolunteerQuery(), 0, 1)[0]
    assert (row.id, row.reference, row.first_name, row.last_name, row.email, row.phone, row.postcode, row.town,
            row.status, row.registered_on, row.languages, row.clearance) == (
        v.id, "V-2026-0001", "Ahmad", "Haddad", "ahmad@example.org", "+49 151 1234567", "50667", "Köln",
        Status.ACTIVE, dt.date(2026, 1, 2), "ar (native), de (C1)", ClearanceState.NONE)


# --- filters ----------------------------------------------------------------------------------------------------

def test_archived_profiles_show_only_when_asked(service):
    add(service, "Anna", "Active")
    archived = add(service, "Otto", "Archived")
    service.archive(archived.id, "moved away")
    add(service, "Paula", "Paused", status=Status.PAUSED)
    assert found(service, "") == ["Anna Active", "Paula Paused"]
    assert found(service, "", statuses=frozenset({Status.ARCHIVED})) == ["Otto Archived"]
    assert found(service, "", statuses=frozenset({Status.ARCHIVED, Status.PAUSED})) == ["Otto Archived",
                                                                                        "Paula Paused"]
    assert service.status_counts() == {Status.APPLICANT: 0, Status.ACTIVE: 1, Status.PAUSED: 1,
                                       Status.INACTIVE: 0, Status.ARCHIVED: 1}


def test_language_filter_with_a_minimum_level(service):
    add(service, "Native", "Speaker", languages=(LanguageSkill("ar", Level.NATIVE),))
    add(service, "Beginner", "Speaker", languages=(LanguageSkill("ar", Level.A2), LanguageSkill("de", Level.C2)))
    add(service, "Other", "Speaker", languages=(LanguageSkill("uk", Level.NATIVE),))
    assert found(service, "", language="ar") == ["Beginner Speaker", "Native Speaker"]
    assert found(service, "", language="ar", min_level=Level.B1) == ["Native Speaker"]
    assert found(service, "", language="ar", min_level=Level.A2) == ["Beginner Speaker", "Native Speaker"]
    assert found(service, "", language="de", min_level=Level.NATIVE) == []


def test_area_filter(service):
    escort, childcare = service.areas()[0].id, service.areas()[6].id
    add(service, "Anna", "A", areas=(escort, childcare))
    add(service, "Ben", "B", areas=(childcare,))
    add(service, "Cem", "C")
    assert found(service, "", area_id=escort) == ["Anna A"]
    assert found(service, "", area_id=childcare) == ["Anna A", "Ben B"]


def test_availability_filter_uses_the_grid_or_by_arrangement_and_ignores_absences(service):
    add(service, "Monday", "Morning", availability=Availability(slots=frozenset({(0, Period.MORNING)}),
                                                                absences=(Absence(TODAY, TODAY),)))
    add(service, "Tuesday", "Evening", availability=Availability(slots=frozenset({(1, Period.EVENING)})))
    add(service, "Any", "Time", availability=Availability(by_arrangement=True))
    add(service, "No", "Time")
    assert found(service, "", weekday=0, period=Period.MORNING) == ["Any Time", "Monday Morning"]
    assert found(service, "", weekday=1, period=Period.MORNING) == ["Any Time"]
    assert found(service, "", weekday=1) == ["Any Time", "Tuesday Evening"]
    assert found(service, "", period=Period.EVENING) == ["Any Time", "Tuesday Evening"]


def test_clearance_filter_and_row_state_match_the_domain_day_for_day(service, services):
    """Issue dates around the boundaries (and a 29 February) under two policies: SQL and domain agree."""
    issued_days = [TODAY - dt.timedelta(days=n) for n in (0, 1, 1000)]
    for years, warning in ((5, 60), (3, 10)):
        expiry_edge = [dt.date(TODAY.year - years, TODAY.month, TODAY.day) + dt.timedelta(days=d)
                       for d in range(-2, 3)]
        warning_edge = [e + dt.timedelta(days=warning) for e in expiry_edge]
        issued_days += expiry_edge + warning_edge
    issued_days += [dt.date(2020, 2, 29), dt.date(2024, 2, 29), dt.date(2021, 2, 28), dt.date(2021, 3, 1)]
    for n, issued in enumerate(sorted(set(issued_days))):
        add(service, f"P{n:03d}", "Person", clearance=Clearance(issued, issued, "K",
                                                                 ClearanceResult.NO_RELEVANT_ENTRY))
    add(service, "Relevant", "Entry", clearance=Clearance(TODAY, TODAY, "K", ClearanceResult.RELEVANT_ENTRY))
    add(service, "Without", "Clearance")
    add(service, "Not", "Inspected", clearance=Clearance(issued_on=TODAY))
    for years, warning in ((5, 60), (3, 10)):
        org = services.organisation.get()
        services.organisation.save(dataclasses.replace(org, name="KI", clearance_validity_years=years,
                                                       clearance_warning_days=warning))
        policy = ClearancePolicy(validity_years=years, warning_days=warning)
        for day in (TODAY, dt.date(2025, 2, 28), dt.date(2026, 2, 28)):
            svc = VolunteerService(services.store, services.organisation, today=lambda day=day: day)
            rows = svc.page(VolunteerQuery(statuses=frozenset(Status)), 0, 500)
            expected = {r.id: svc.get(r.id).clearance.state(day, policy) for r in rows}
            assert {r.id: r.clearance for r in rows} == expected
            for state in ClearanceState:
                ids = {r.id for r in svc.page(VolunteerQuery(clearance=state), 0, 500)}
                assert ids == {i for i, s in expected.items() if s is state}, (years, day, state)
                assert svc.count(VolunteerQuery(clearance=state)) == len(ids)


def test_latest_issue_date_is_the_last_day_whose_certificate_has_expired():
    assert latest_issue_date(dt.date(2026, 3, 15), 5) == dt.date(2021, 3, 15)
    assert latest_issue_date(dt.date(2029, 2, 28), 5) == dt.date(2024, 2, 29)  # 29 Feb 2024 + 5 y = 28 Feb 2029
    assert latest_issue_date(dt.date(2029, 2, 27), 5) == dt.date(2024, 2, 27)


# --- search -----------------------------------------------------------------------------------------------------

@pytest.fixture
def crowd(service):
    escort = next(a for a in service.areas() if a.key == "escort").id
    add(service, "Şükrü", "Öztürk", email="sukru.ozturk@example.org", town="Köln",
        languages=(LanguageSkill("tr", Level.NATIVE),))
    add(service, "Zofia", "Wiśniewska", town="Łódź", postcode="50667", phone="+49 151 2345678",
        notes="Hat einen Führerschein")
    add(service, "Hans", "Müller", languages=(LanguageSkill("ar", Level.B1),), areas=(escort,))
    add(service, "Anna", "Schmidt", email="anna@example.org", languages=(LanguageSkill("uk", Level.NATIVE),))
    return service


@pytest.mark.parametrize("query,expected", [
    ("lodz", ["Zofia Wiśniewska"]),
    ("sukru", ["Şükrü Öztürk"]),
    ("SUKRU", ["Şükrü Öztürk"]),
    ("muller", ["Hans Müller"]),
    ("mueller", ["Hans Müller"]),
    ("Müller", ["Hans Müller"]),
    ("sukru oz", ["Şükrü Öztürk"]),  # every word a prefix, all of them
    ("oz sukru", ["Şükrü Öztürk"]),
    ("sukru schmidt", []),
    ("arabisch", ["Hans Müller"]),
    ("arabic", ["Hans Müller"]),
    ("ukrain", ["Anna Schmidt"]),
    ("türkisch", ["Şükrü Öztürk"]),
    ("begleitung", ["Hans Müller"]),  # area of help, German
    ("escort", ["Hans Müller"]),  # ... and English
    ("anna@example", ["Anna Schmidt"]),
    ("0151 234", ["Zofia Wiśniewska"]),  # the national form of +49 151 ...
    ("01512345678", ["Zofia Wiśniewska"]),
    ("50667", ["Zofia Wiśniewska"]),
    ("fuhrerschein", ["Zofia Wiśniewska"]),  # notes
    ("koln", ["Şükrü Öztürk"]),
    ("V-2026-0004", ["Anna Schmidt"]),
    ("", ["Anna Schmidt", "Hans Müller", "Zofia Wiśniewska", "Şükrü Öztürk"]),
])
def test_search_as_you_type(crowd, query, expected):
    assert found(crowd, query) == sorted(expected)


@pytest.mark.parametrize("query", ['"', "*", "AND", "OR", "NOT", "-", "(", ")", "NEAR(", "a:b", "^", "'", '"sukru',
                                   "sukru*", "sukru OR anna", "-anna", "{", "\\", "%", "_", "x" * 500, "\x00"])
def test_fts_syntax_in_a_query_is_just_text(crowd, query):
    crowd.count(VolunteerQuery(search=query))
    crowd.page(VolunteerQuery(search=query), 0, 10)


def test_a_quoted_word_is_still_found_and_or_is_a_word(crowd):
    assert found(crowd, '"sukru"') == ["Şükrü Öztürk"]
    assert found(crowd, "sukru OR anna") == []  # OR is a word that must match, not an operator


def test_search_combines_with_filters(crowd):
    assert found(crowd, "a", language="ar") == ["Hans Müller"]


def test_renaming_an_area_updates_the_search(crowd):
    escort = next(a for a in crowd.areas() if a.key == "escort")
    crowd.rename_area(escort.id, "Behördenlotsen", "Authority guides")
    assert found(crowd, "behordenlotsen") == ["Hans Müller"]
    assert found(crowd, "guides") == ["Hans Müller"]
    assert found(crowd, "begleitung") == []


def test_the_search_text_holds_each_word_once(crowd, services):
    text = services.store.conn.execute(
        "SELECT search_text FROM volunteers WHERE last_name = 'Öztürk'").fetchone()[0]
    words = text.split()
    assert len(words) == len(set(words))
    assert {"sukru", "ozturk", "suekrue", "oeztuerk", "turkisch", "tuerkisch", "turkish"} <= set(words)


# --- writes -----------------------------------------------------------------------------------------------------

def test_a_profile_round_trips_through_the_store(service):
    areas = [a.id for a in service.areas()[:3]]
    original = person(
        "Zofia", "Wiśniewska", birth_date=dt.date(1990, 5, 1), email="zofia@example.org", phone="+49 151 1",
        street="Domstraße 1", postcode="50667", town="Köln", notes="Zeile 1\nZeile 2",
        languages=(LanguageSkill("pl", Level.NATIVE), LanguageSkill("de", Level.C1), LanguageSkill("en", Level.B2)),
        areas=(areas[2], areas[0]),
        availability=Availability(frozenset({(0, Period.MORNING), (5, Period.EVENING)}), True,
                                  (Absence(dt.date(2026, 7, 1), dt.date(2026, 7, 14), "Urlaub"),
                                   Absence(dt.date(2026, 4, 1), dt.date(2026, 4, 2)))),
        max_assignments=3, travel_radius_km=15,
        clearance=Clearance(dt.date(2025, 1, 1), dt.date(2025, 1, 15), "K. Koordination",
                            ClearanceResult.NO_RELEVANT_ENTRY, dt.date(2025, 1, 15)),
        consent=Consent(dt.date(2026, 1, 2), frozenset(ConsentPurpose), "2025-02"))
    saved = service.create(original)
    loaded = service.get(saved.id)
    assert loaded == saved
    comparable = dataclasses.replace(loaded, id=None, reference=None, created_at=None, updated_at=None, history=())
    assert comparable == original
    assert service.get_by_reference("v-2026-0001") == loaded


def test_a_failure_in_the_middle_of_an_update_changes_nothing(service, services, monkeypatch):
    v = add(service, "Anna", "Schmidt", languages=(LanguageSkill("de", Level.NATIVE),),
            areas=(service.areas()[0].id,))
    before = snapshot(services.store)

    def broken(self, languages, areas, absences):
        raise sqlite3.OperationalError("disk full (simulated)")

    monkeypatch.setattr(VolunteerRepository, "_insert_children", broken)
    changed = dataclasses.replace(v, first_name="Anne", languages=(LanguageSkill("en", Level.C1),), areas=())
    with pytest.raises(sqlite3.OperationalError):
        service.update(changed)
    assert snapshot(services.store) == before
    assert found(service, "anne") == [] and found(service, "anna") == ["Anna Schmidt"]


def test_a_failure_in_the_middle_of_a_create_leaves_no_row(service, services, monkeypatch):
    add(service, "Anna", "Schmidt")
    before = snapshot(services.store)
    monkeypatch.setattr(VolunteerRepository, "_insert_children",
                        lambda *args: (_ for _ in ()).throw(sqlite3.OperationalError("simulated")))
    with pytest.raises(sqlite3.OperationalError):
        add(service, "Ben", "Becker", languages=(LanguageSkill("de", Level.NATIVE),))
    assert snapshot(services.store) == before
    monkeypatch.undo()
    assert add(service, "Ben", "Becker").reference == "V-2026-0002"  # the number was not used up


def test_bulk_insert_numbers_on_from_the_last_reference(service, services):
    add(service, "Anna", "A")
    repo = VolunteerRepository(services.store)
    with services.store.db.atomic():
        ids = repo.insert_many([(person(f"N{n}", "Bulk"), None) for n in range(3)], 2026)
    assert [repo.get(i).reference for i in ids] == ["V-2026-0002", "V-2026-0003", "V-2026-0004"]
    assert repo.insert_many([], 2026) == []


def _has_insert_trigger(services) -> bool:
    return services.store.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'volunteers_ai'").fetchone()[0] == 1


def test_bulk_inserted_volunteers_are_found_by_search_and_later_saves_stay_indexed(service, services):
    add(service, "Anna", "Altbestand")
    repo = VolunteerRepository(services.store)
    with services.store.db.atomic():
        repo.insert_many([(person(f"Şükrü{n}", "Öztürk"), None) for n in range(3)], 2026)
    assert _has_insert_trigger(services)  # the index is filled in one go; the trigger is back for single saves
    assert service.count(VolunteerQuery(search="ozturk")) == 3
    add(service, "Łukasz", "Wójcik")
    assert service.count(VolunteerQuery(search="lukasz")) == 1
    assert service.count(VolunteerQuery(search="altbestand")) == 1


def test_a_failing_bulk_insert_leaves_nothing_and_keeps_the_search_trigger(service, services, monkeypatch):
    repo = VolunteerRepository(services.store)

    def broken(*_args, **_kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(repo, "_insert_children", broken)
    with pytest.raises(sqlite3.OperationalError):
        with services.store.db.atomic():
            repo.insert_many([(person("Nadia", "Bulk"), None)], 2026)
    assert _has_insert_trigger(services)
    assert services.store.conn.execute("SELECT count(*) FROM volunteers").fetchone()[0] == 0
    assert service.count(VolunteerQuery(search="bulk")) == 0


def test_a_dari_speaker_is_found_by_the_language_name(services):
    """babel names Dari under fa_AF, not under its ISO code prs: the search text must still say "Dari"."""
    from kommandesk.domain.languages import LanguageSkill, Level
    from kommandesk.domain.volunteers import Volunteer
    from kommandesk.services.volunteers import VolunteerQuery

    services.volunteers.create(Volunteer(first_name="Omid", last_name="Rahimi",
                                         languages=(LanguageSkill("prs", Level.NATIVE),)))
    assert [row.first_name for row in services.volunteers.page(VolunteerQuery(search="dari"), 0, 10)] == ["Omid"]


def test_dari_speakers_saved_before_requests_existed_are_found_after_the_upgrade(tmp_path, monkeypatch):
    """Migration m003 adds the name 'Dari' to profiles saved by schema 2 (babel names Dari under fa_AF)."""
    import kommandesk.store.db as db_mod
    from kommandesk.store.db import open_store
    from kommandesk.store.migrations import MIGRATIONS

    db_file = tmp_path / "old.sqlite3"
    monkeypatch.setattr(db_mod, "MIGRATIONS", MIGRATIONS[:2])  # what the previous release created
    monkeypatch.setattr(db_mod, "LATEST_VERSION", 2)
    store = open_store(db_file)
    now = "2026-01-01T00:00:00.000+00:00"
    store.db["volunteers"].insert({"id": "v1", "created_at": now, "updated_at": now, "reference": "V-2026-0001",
                                   "ref_year": 2026, "ref_number": 1, "first_name": "Omid", "last_name": "Rahimi",
                                   "first_key": "omid", "last_key": "rahimi", "status_rank": 1,
                                   "status": "active", "search_text": "v 2026 0001 omid rahimi prs"})
    store.conn.execute("INSERT INTO volunteer_languages VALUES ('v1', 'prs', 'native', 6, 0)")
    store.close()
    monkeypatch.undo()
    store = open_store(db_file, backup_dir=tmp_path / "backups")
    try:
        assert [row[0] for row in store.conn.execute(
            "SELECT v.first_name FROM volunteers v JOIN volunteers_fts f ON f.rowid = v.rowid "
            "WHERE volunteers_fts MATCH 'dari*'")] == ["Omid"]
    finally:
        store.close()
