"""The whole database as JSON and back: every table, a lossless round trip, and the files that are refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from kommandesk import paths as paths_mod
from kommandesk.domain.availability import Absence, Availability, Period
from kommandesk.domain.clearance import Clearance, ClearanceResult
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from kommandesk.services.context import Services
from kommandesk.services.demo.seed import fill
from kommandesk.services.exports import FORMAT, ExportService
from kommandesk.services.volunteers import VolunteerQuery
from kommandesk.store import transfer
from kommandesk.store.migrations import LATEST_VERSION

TODAY = dt.date.today()


def png(size=(40, 20)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (0, 100, 180)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def demo(paths, services):
    """Demo data with everything a table can hold: the organisation with its logo, generated volunteers, an area
    the coordinator added, a retired one, and a volunteer with languages, areas, absences (in an order that is
    not the date order), a status history, a clearance and a consent."""
    fill(services, seed=5, volunteers=40)
    org = services.organisation.get()
    services.organisation.save(dataclasses.replace(org, logo=png()))
    volunteers = services.volunteers
    own = volunteers.add_area("Fahrradwerkstatt", "Bicycle workshop")
    retired = next(area for area in volunteers.areas() if area.key == "donations")
    volunteers.retire_area(retired.id)
    sukru = volunteers.create(Volunteer(
        first_name="Şükrü", last_name="Öztürk", birth_date=dt.date(1985, 2, 1), email="sukru@example.org",
        town="Łódź", postcode="44135", status=Status.ACTIVE, notes="<b>fett</b> =1+1 \"quoted\"\nline two",
        consent=Consent(TODAY, frozenset({ConsentPurpose.CONTACT, ConsentPurpose.PHOTOS}), "2026-01"),
        languages=(LanguageSkill("tr", Level.NATIVE), LanguageSkill("de", Level.B2), LanguageSkill("prs", Level.A1)),
        areas=(own.id, retired.id),
        availability=Availability(frozenset({(0, Period.MORNING)}), True, (
            Absence(TODAY + dt.timedelta(days=40), TODAY + dt.timedelta(days=45), "later first"),
            Absence(TODAY + dt.timedelta(days=3), TODAY + dt.timedelta(days=5), "earlier second"))),
        clearance=Clearance(TODAY - dt.timedelta(days=20), TODAY - dt.timedelta(days=10), "K. Koordinatorin",
                            ClearanceResult.NO_RELEVANT_ENTRY),
        travel_radius_km=12))
    volunteers.change_status(sukru.id, Status.PAUSED, "Urlaub")
    return sukru


def new_folder(tmp_path: Path, name: str) -> paths_mod.Paths:
    """A new installation: its data folder with a new (migrated, seeded) database."""
    folder = paths_mod.resolve(tmp_path / name)
    folder.ensure()
    Services.open(folder).close()
    return folder


def rows_of(paths) -> dict[str, set[tuple]]:
    """Every data table as a set of rows (the order of rows is not what is compared)."""
    conn = sqlite3.connect(paths.db_file)
    try:
        return {table: {tuple(sorted(row.items())) for row in transfer.dump(conn, table)}
                for table in transfer.table_names(conn)}
    finally:
        conn.close()


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_tables_are_found_in_the_schema_without_sqlite_or_search_index_tables(services):
    names = transfer.table_names(services.store.conn)
    # assignments and course_registrations were rebuilt by m008 (their volunteer may be erased): they come last
    assert names == ["organisation", "areas_of_help", "volunteers", "volunteer_languages", "volunteer_areas",
                     "volunteer_absences", "volunteer_status_history", "requests", "request_languages",
                     "request_status_history", "assignment_status_history", "assignment_hours",
                     "courses", "course_areas", "course_sessions", "course_attendance",
                     "certificate_logos", "certificates", "certificate_files", "allowances", "allowance_limits",
                     "audit_log", "erasures", "assignments", "course_registrations"]
    assert transfer.fts_tables(services.store.conn) == ["volunteers_fts", "requests_fts"]
    services.store.conn.execute("CREATE TABLE later_table (id TEXT PRIMARY KEY, note TEXT)")
    assert "later_table" in transfer.table_names(services.store.conn)  # a new table is carried along by itself


def test_round_trip_into_a_new_data_folder_keeps_every_table(paths, demo, services, tmp_path):
    exported = tmp_path / "data.json"
    counts = ExportService(paths).export_all(exported)
    assert counts["volunteers"] == 41 and counts["organisation"] == 1 and counts["volunteer_absences"] >= 2
    # the demo data fills every table but the register of erasures (the demo erases nobody)
    assert all(counts[table] for table in counts if table != "erasures")

    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["schema_version"] == LATEST_VERSION
    assert set(data) == {"format", "schema_version", "app_version", "exported_at", "tables"}
    logo = data["tables"]["organisation"][0]["logo"]
    assert set(logo) == {"base64"}

    target = new_folder(tmp_path, "other")
    loaded = ExportService(target).import_all(exported)
    assert loaded == counts
    assert rows_of(target) == rows_of(paths)

    other = Services.open(target)
    try:
        assert other.organisation.get().logo == png()
        for search, expected in (("sukru", "Öztürk"), ("lodz", "Öztürk"), ("fahrrad", "Öztürk"), ("oztu", "Öztürk")):
            rows = other.volunteers.page(VolunteerQuery(search=search, statuses=frozenset(Status)), 0, 10)
            assert [row.last_name for row in rows] == [expected], search
        again = other.volunteers.get(demo.id)
        assert [a.note for a in again.availability.absences] == ["later first", "earlier second"]
        assert [change.status for change in again.history] == [Status.ACTIVE, Status.PAUSED]
        assert again == other.volunteers.get(demo.id) and again.languages == demo.languages
        assert other.volunteers.count(VolunteerQuery()) == services.volunteers.count(VolunteerQuery())
        other.store.conn.execute("INSERT INTO volunteers_fts (volunteers_fts) VALUES ('integrity-check')")  # raises
    finally:
        other.close()


def test_the_seeded_areas_of_help_count_as_empty_and_are_replaced(paths, demo, tmp_path):
    exported = tmp_path / "data.json"
    ExportService(paths).export_all(exported)
    target = new_folder(tmp_path, "other")
    seeded = rows_of(target)["areas_of_help"]
    assert len(seeded) == 10
    ExportService(target).import_all(exported)
    assert rows_of(target)["areas_of_help"] == rows_of(paths)["areas_of_help"]
    assert not seeded & rows_of(target)["areas_of_help"]  # new ids: the seeded ones are gone, not doubled


def test_a_non_empty_database_is_refused_and_stays_as_it_was(paths, demo, tmp_path):
    exported = tmp_path / "data.json"
    ExportService(paths).export_all(exported)
    before = rows_of(paths)
    with pytest.raises(KommanDeskError, match="already holds data"):
        ExportService(paths).import_all(exported)
    assert rows_of(paths) == before


def test_an_area_the_coordinator_added_makes_the_database_not_empty(services, paths, tmp_path):
    services.volunteers.add_area("Fahrradwerkstatt", "Bicycle workshop")
    exported = write(tmp_path / "x.json", {"format": FORMAT, "schema_version": LATEST_VERSION, "tables": {}})
    with pytest.raises(KommanDeskError, match="already holds data"):
        ExportService(paths).import_all(exported)


def test_a_file_from_a_newer_schema_is_refused(paths, tmp_path):
    newer = write(tmp_path / "newer.json", {"format": FORMAT, "schema_version": LATEST_VERSION + 1, "tables": {}})
    with pytest.raises(KommanDeskError, match=rf"newer version of KommanDesk \(schema {LATEST_VERSION + 1}, this version knows {LATEST_VERSION}\)"):
        ExportService(paths).import_all(newer)


@pytest.mark.parametrize("content", [
    b"", b"\x00\x01\x02binary", "Vorname;Nachname\r\nAnna;Müller\r\n".encode(), b"[1, 2, 3]", b'{"tables": {}}',
    b'{"format": "something-else", "schema_version": 2, "tables": {}}', b"{not json",
])
def test_a_file_that_is_not_ours_is_refused(paths, tmp_path, content):
    path = tmp_path / "foreign.json"
    path.write_bytes(content)
    with pytest.raises(KommanDeskError, match="is not a KommanDesk data file"):
        ExportService(paths).import_all(path)


@pytest.mark.parametrize("data, message", [
    ({"format": FORMAT, "schema_version": "2", "tables": {}}, "is damaged"),
    ({"format": FORMAT, "schema_version": 2, "tables": []}, "is damaged"),
    ({"format": FORMAT, "schema_version": 2, "tables": {"volunteers": {}}}, "table volunteers cannot be read"),
    ({"format": FORMAT, "schema_version": 2, "tables": {"volunteers": [[1, 2]]}}, "table volunteers cannot be read"),
    ({"format": FORMAT, "schema_version": 2, "tables": {"organisation": [{"logo": {"base64": "***"}}]}},
     "table organisation cannot be read"),
    ({"format": FORMAT, "schema_version": 2, "tables": {"organisation": [{"name": ["a list"]}]}},
     "table organisation cannot be read"),
    ({"format": FORMAT, "schema_version": 2, "tables": {"volunteers": [{"ref_number": 2**70}]}},
     "table volunteers cannot be read"),
    ({"format": FORMAT, "schema_version": 2, "tables": {"passwords": []}}, "does not know \\(passwords\\)"),
    ({"format": FORMAT, "schema_version": 2, "tables": {"organisation": [{"password": "x"}]}},
     "does not know \\(organisation.password\\)"),
])
def test_a_damaged_file_is_refused_with_a_message(paths, tmp_path, data, message):
    with pytest.raises(KommanDeskError, match=message):
        ExportService(paths).import_all(write(tmp_path / "bad.json", data))


def test_a_file_that_does_not_fit_together_loads_nothing(paths, demo, tmp_path):
    exported = tmp_path / "data.json"
    ExportService(paths).export_all(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["tables"]["volunteer_languages"].append({"volunteer_id": "no-such-volunteer", "code": "de",
                                                  "level": "B1", "rank": 2, "position": 0})
    target = new_folder(tmp_path, "other")
    before = rows_of(target)
    with pytest.raises(KommanDeskError, match="does not fit together"):
        ExportService(target).import_all(write(tmp_path / "broken.json", data))
    assert rows_of(target) == before  # the seeded areas are still there, nothing else

    data = json.loads(exported.read_text(encoding="utf-8"))
    data["tables"]["volunteers"].append(dict(data["tables"]["volunteers"][0]))  # the same id twice
    with pytest.raises(KommanDeskError, match="does not fit together"):
        ExportService(target).import_all(write(tmp_path / "twice.json", data))
    assert rows_of(target) == before


def test_a_cancel_during_the_import_leaves_the_database_as_it_was(paths, demo, tmp_path, monkeypatch):
    exported = tmp_path / "data.json"
    ExportService(paths).export_all(exported)
    target = new_folder(tmp_path, "other")
    before = rows_of(target)

    class Cancelled(Exception):
        pass

    def progress(done, total):
        if done >= 40:
            raise Cancelled

    with pytest.raises(Cancelled):
        ExportService(target).import_all(exported, progress=progress)
    assert rows_of(target) == before
    ExportService(target).import_all(exported)  # and it can be imported afterwards
    assert rows_of(target) == rows_of(paths)


def test_a_cancelled_or_failed_export_leaves_no_file(paths, demo, tmp_path):
    target = tmp_path / "data.json"
    target.write_text("the old file")

    def progress(done, total):
        if done == total and done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ExportService(paths).export_all(target, progress=progress)
    assert target.read_text() == "the old file"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["data", "data.json"]


def test_a_file_of_an_older_schema_is_brought_up_to_date(paths, tmp_path):
    now = "2025-01-01T00:00:00.000+00:00"
    old = {"format": FORMAT, "schema_version": 1, "app_version": "0.0.1", "exported_at": now, "tables": {
        "organisation": [{"id": "org-1", "created_at": now, "updated_at": now, "name": "KI Altstadt",
                          "certificate_prefix": "KD", "default_language": "de"}]}}
    counts = ExportService(paths).import_all(write(tmp_path / "v1.json", old))
    assert counts["organisation"] == 1 and counts["areas_of_help"] == 10 and counts["volunteers"] == 0
    services = Services.open(paths)
    try:
        org = services.organisation.get()
        assert (org.name, org.clearance_validity_years) == ("KI Altstadt", 5)  # m002's default
    finally:
        services.close()


def test_the_file_format_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "## Moving data between installations" in readme
    assert FORMAT in readme


def test_the_emptiness_check_runs_inside_the_loads_transaction(services):
    """Between the check and the load nobody else can write: a check that refuses leaves everything."""
    before = transfer.dump_all(services.store.conn)
    calls = []

    def refuse() -> None:
        calls.append(services.store.conn.in_transaction)
        raise KommanDeskError("not empty after all")

    with pytest.raises(KommanDeskError):
        transfer.load(services.store, {"organisation": []}, check=refuse)
    assert calls == [True]
    assert transfer.dump_all(services.store.conn) == before
    assert not services.store.conn.in_transaction
