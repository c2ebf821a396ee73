"""ImportService: preview, check with the form's rules, all-or-nothing import in one transaction, error file,
dry run, duplicates, cancel, mappings - with files shaped like the lists coordinators really have."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from import_files import ENGLISH_HEADERS, ENGLISH_ROWS, GERMAN_HEADERS, GERMAN_ROWS, write_csv, write_xlsx
from kommandesk.domain.clearance import ClearanceResult
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.volunteers import Gender, Status, Volunteer
from kommandesk.services.imports import (
    IMPORT_FIELDS, ImportOptions, ImportService, default_error_file, field_label,
)
from kommandesk.services.volunteers import VolunteerQuery, VolunteerService

TODAY = dt.date(2026, 11, 25)
ALL = VolunteerQuery(statuses=frozenset(Status))


@pytest.fixture
def service(paths) -> ImportService:
    return ImportService(paths, today=lambda: TODAY)


@pytest.fixture
def volunteers(services) -> VolunteerService:
    return VolunteerService(services.store, services.organisation, today=lambda: TODAY)


def stored(volunteers: VolunteerService) -> list[Volunteer]:
    return [volunteers.get(row.id) for row in volunteers.page(dataclasses.replace(ALL), 0, 1000)]


def by_name(volunteers: VolunteerService) -> dict[str, Volunteer]:
    return {vol.last_name: vol for vol in stored(volunteers)}


def german_csv(tmp_path, rows=GERMAN_ROWS, name="liste.csv", **options):
    options.setdefault("encoding", "utf-8-sig")
    return write_csv(tmp_path / name, GERMAN_HEADERS, rows, **options)


# -- preview --------------------------------------------------------------------------------------------------

def test_preview_of_a_windows_1252_csv_with_german_headers(service, tmp_path):
    rows = [GERMAN_ROWS[0], ["Änne", "Weiß", "", "", "", "", "Münster", "", "", "", "", "", "", "", "", "", ""]]
    path = german_csv(tmp_path, rows, encoding="cp1252", title="Freiwillige Stand November")
    preview = service.preview(path)
    assert (preview.kind, preview.encoding, preview.delimiter, preview.header_row) == ("csv", "cp1252", ";", 2)
    assert preview.row_count == 2 and preview.rows[1][:2] == ["Änne", "Weiß"]
    assert [preview.mapping[i] for i in range(len(GERMAN_HEADERS))] == list(IMPORT_FIELDS[:-1])


def test_preview_of_an_xlsx_with_english_headers_and_date_cells(service, tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", ENGLISH_HEADERS, ENGLISH_ROWS, title="Volunteers", date_columns=(7,))
    preview = service.preview(path)
    assert (preview.kind, preview.sheet, preview.header_row, preview.row_count) == ("xlsx", "Freiwillige", 3, 2)
    assert [preview.mapping[i] for i in range(len(ENGLISH_HEADERS))] == list(IMPORT_FIELDS[:-1])
    assert preview.rows[0][7] == "Mar 4, 1979"  # a date cell shown as a date in the UI language


def test_preview_shows_at_most_twenty_rows(service, tmp_path):
    rows = [[f"Vorname{i}", f"Nachname{i}"] for i in range(45)]
    preview = service.preview(write_csv(tmp_path / "l.csv", ["Vorname", "Nachname"], rows))
    assert len(preview.rows) == 20 and preview.row_count == 45


def test_a_file_with_only_a_header(service, tmp_path):
    path = write_csv(tmp_path / "leer.csv", GERMAN_HEADERS, [])
    with pytest.raises(KommanDeskError, match="no volunteers below it"):
        service.preview(path)


def test_field_labels_are_translated(german):
    assert field_label("first_name") == "Vorname"
    assert all(field_label(field) for field in IMPORT_FIELDS)


# -- check ----------------------------------------------------------------------------------------------------

def test_check_reports_row_column_and_message(service, tmp_path, volunteers):
    rows = [GERMAN_ROWS[0],
            ["Anna", "", "kein-at-zeichen", "", "", "5066", "", "31.02.1990", "", "Arabisch", "Gartenarbeit",
             "immer", "", "", "", "aktiv", ""]]
    path = german_csv(tmp_path, rows, title="Liste")
    preview = service.preview(path)
    report = service.check(preview, preview.mapping)
    assert (report.total_rows, report.valid_rows) == (2, 1)
    found = {(p.row, p.column, p.field): p.message for p in report.problems}
    assert set(found) == {(4, "Nachname", "last_name"), (4, "E-Mail-Adresse", "email"), (4, "PLZ", "postcode"),
                          (4, "Geburtsdatum", "birth_date"), (4, "Sprachen", "languages"),
                          (4, "Tätigkeiten", "areas"), (4, "Verfügbarkeit", "availability"),
                          (4, "Status", "status")}
    assert found[(4, "Nachname", "last_name")] == "This field is required."  # the form's own messages
    assert found[(4, "PLZ", "postcode")] == "A German postcode has exactly five digits."
    assert found[(4, "Status", "status")] == "A volunteer without recorded consent cannot be active."
    assert "no such day" in found[(4, "Geburtsdatum", "birth_date")]
    assert stored(volunteers) == []


def test_check_messages_in_german(service, tmp_path, german):
    rows = [["Anna", "", "", "", "", "5066", "", "", "", "", "", "", "", "", "", "aktiv", ""]]
    preview = service.preview(german_csv(tmp_path, rows))
    report = service.check(preview, preview.mapping)
    messages = {p.field: p.message for p in report.problems}
    assert messages["last_name"] == "Dieses Feld muss ausgefüllt werden."
    assert "fünf Ziffern" in messages["postcode"]


def test_a_mapping_without_name_columns_or_with_a_field_twice_is_refused(service, tmp_path):
    preview = service.preview(german_csv(tmp_path))
    mapping = dict(preview.mapping) | {0: None}
    with pytest.raises(KommanDeskError, match="No column is assigned to First name"):
        service.check(preview, mapping)
    with pytest.raises(KommanDeskError, match="are all assigned to Email"):
        service.check(preview, dict(preview.mapping) | {3: "email"})
    with pytest.raises(KommanDeskError, match="not a field"):
        service.check(preview, dict(preview.mapping) | {3: "nationality"})


def test_duplicate_headers_second_reported_mapping_keeps_the_first(service, tmp_path):
    path = write_csv(tmp_path / "l.csv", ["Vorname", "Nachname", "Telefon", "Telefon"],
                     [["Anna", "Schmidt", "0221 12345", "0151 2345678"]])
    preview = service.preview(path)
    assert preview.mapping == {0: "first_name", 1: "last_name", 2: "phone", 3: None}
    report = service.check(preview, preview.mapping)
    assert [(p.row, p.column) for p in report.problems] == [(1, "Telefon")]
    assert "appears twice (columns C and D)" in report.problems[0].message
    report = service.check(preview, preview.mapping | {3: "notes"})  # assigned by hand: fine
    assert report.problems == []


def test_a_file_changed_after_the_preview(service, tmp_path):
    path = german_csv(tmp_path)
    preview = service.preview(path)
    write_csv(path, ENGLISH_HEADERS, ENGLISH_ROWS)
    with pytest.raises(KommanDeskError, match="has changed since it was opened"):
        service.check(preview, preview.mapping)


# -- run ------------------------------------------------------------------------------------------------------

def test_import_of_a_german_csv(service, tmp_path, volunteers):
    path = german_csv(tmp_path, encoding="cp1252", rows=[GERMAN_ROWS[0], GERMAN_ROWS[1][:1] + ["Weiß"]
                                                         + GERMAN_ROWS[1][2:]][:1] + [
        ["Änne", "Weiß", "", "", "", "", "Münster", "", "", "", "", "", "", "", "", "", ""]])
    preview = service.preview(path)
    result = service.run(preview, preview.mapping, ImportOptions())
    assert (result.imported, result.skipped_invalid, result.skipped_duplicates, result.dry_run) == (2, 0, 0, False)
    people = by_name(volunteers)
    jurgen = people["Müller"]
    assert jurgen.first_name == "Jürgen" and jurgen.email == "j.mueller@example.org"
    assert jurgen.birth_date == dt.date(1985, 2, 1) and jurgen.gender is Gender.MALE
    assert jurgen.languages == (LanguageSkill("de", Level.NATIVE), LanguageSkill("en", Level.B2))
    areas = {area.id: area.key for area in volunteers.areas()}
    assert [areas[a] for a in jurgen.areas] == ["language_mentoring", "housing"]
    assert len(jurgen.availability.slots) == 5
    assert jurgen.status is Status.ACTIVE and jurgen.consent.given_on == dt.date(2025, 1, 5)
    assert jurgen.clearance.issued_on == dt.date(2025, 1, 3)
    assert jurgen.clearance.inspected_on == dt.date(2025, 1, 10)
    assert jurgen.clearance.result is ClearanceResult.NO_RELEVANT_ENTRY
    assert jurgen.registered_on == TODAY
    assert [(h.status, h.on, h.reason) for h in jurgen.history] == [(Status.ACTIVE, TODAY, "Import liste.csv")]
    anne = people["Weiß"]
    assert anne.status is Status.APPLICANT and anne.consent is None and anne.clearance.issued_on is None


def test_import_of_an_xlsx_with_a_title_row_and_date_cells(service, tmp_path, volunteers):
    path = write_xlsx(tmp_path / "liste.xlsx", GERMAN_HEADERS, GERMAN_ROWS, title="Ehrenamtliche",
                      date_columns=(7, 12, 13, 14))
    preview = service.preview(path)
    result = service.run(preview, preview.mapping, ImportOptions())
    assert result.imported == 3
    people = by_name(volunteers)
    assert people["Müller"].birth_date == dt.date(1985, 2, 1)
    assert people["Öztürk"].availability.by_arrangement
    assert people["Wójcik"].notes == "=HYPERLINK(\"x\")"  # stored literally
    assert people["Wójcik"].languages == (LanguageSkill("pl", Level.NATIVE), LanguageSkill("de", Level.B2))


def test_import_of_an_english_utf8_bom_csv_with_commas(service, tmp_path, volunteers):
    path = write_csv(tmp_path / "list.csv", ENGLISH_HEADERS, ENGLISH_ROWS, delimiter=",")
    preview = service.preview(path)
    assert service.run(preview, preview.mapping, ImportOptions()).imported == 2
    omar = by_name(volunteers)["Haddad"]
    assert omar.birth_date == dt.date(1990, 12, 12)
    assert omar.languages == (LanguageSkill("ar", Level.NATIVE), LanguageSkill("en", Level.C1),
                              LanguageSkill("de", Level.A2))


def test_references_continue_the_years_sequence(service, tmp_path, volunteers):
    first = volunteers.create(Volunteer(first_name="Otto", last_name="Alt"))
    assert first.reference == "V-2026-0001"
    preview = service.preview(german_csv(tmp_path))
    service.run(preview, preview.mapping, ImportOptions())
    assert sorted(vol.reference for vol in stored(volunteers)) == [f"V-2026-000{n}" for n in (1, 2, 3, 4)]


def test_problems_mean_nothing_is_imported(service, tmp_path, volunteers):
    rows = GERMAN_ROWS + [["Anna", "Schmidt", "", "", "", "", "", "", "", "", "", "", "", "", "", "aktiv", ""]]
    preview = service.preview(german_csv(tmp_path, rows))
    with pytest.raises(KommanDeskError, match="1 row has problems, so nothing was imported"):
        service.run(preview, preview.mapping, ImportOptions())
    assert stored(volunteers) == []
    assert not default_error_file(preview.path).exists()


def test_skip_invalid_imports_the_valid_rows_and_writes_an_importable_error_file(service, tmp_path, volunteers):
    bad = ["Anna", "Schmidt", "", "'+49 151 2345678", "", "", "", "1.2.85", "", "", "", "", "", "", "", "aktiv",
           "=HYPERLINK(\"x\")"]
    rows = [GERMAN_ROWS[0], bad, GERMAN_ROWS[2]]
    preview = service.preview(german_csv(tmp_path, rows))
    result = service.run(preview, preview.mapping, ImportOptions(skip_invalid=True))
    assert (result.imported, result.skipped_invalid) == (2, 1)
    assert result.error_file == tmp_path / "liste - errors.csv"
    raw = result.error_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for German Excel
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(GERMAN_HEADERS + ["Problem"])
    assert "'=HYPERLINK" in lines[1]  # neutralised for Excel
    assert "Status: A volunteer without recorded consent cannot be active." in raw.decode("utf-8-sig")
    # the user fixes the status in the error file and imports it again
    fixed = result.error_file.read_text(encoding="utf-8-sig").replace(";aktiv;", ";;")
    result.error_file.write_text(fixed, encoding="utf-8-sig")
    again = service.preview(result.error_file)
    assert again.mapping[len(GERMAN_HEADERS)] is None  # the "Problem" column is not imported
    assert service.run(again, again.mapping, ImportOptions()).imported == 1
    anna = by_name(volunteers)["Schmidt"]
    assert anna.phone == "+49 151 2345678" and anna.notes == "=HYPERLINK(\"x\")"
    assert anna.birth_date == dt.date(1985, 2, 1)


def test_error_file_header_in_german(service, tmp_path, german):
    rows = [["Anna", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]]
    preview = service.preview(german_csv(tmp_path, rows))
    result = service.run(preview, preview.mapping, ImportOptions(skip_invalid=True, error_file=tmp_path / "e.csv"))
    assert result.error_file == tmp_path / "e.csv" and result.imported == 0
    assert "Nachname: Dieses Feld muss ausgefüllt werden." in (tmp_path / "e.csv").read_text(encoding="utf-8-sig")


def test_an_error_file_that_cannot_be_written_imports_nothing(service, tmp_path, volunteers):
    rows = [GERMAN_ROWS[0], ["Anna", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]]
    preview = service.preview(german_csv(tmp_path, rows))
    options = ImportOptions(skip_invalid=True, error_file=tmp_path / "missing-folder" / "errors.csv")
    with pytest.raises(KommanDeskError, match="cannot be written"):
        service.run(preview, preview.mapping, options)
    assert stored(volunteers) == []


def test_dry_run_writes_nothing(service, tmp_path, volunteers):
    rows = GERMAN_ROWS + [["Anna", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]]
    preview = service.preview(german_csv(tmp_path, rows))
    result = service.run(preview, preview.mapping, ImportOptions(dry_run=True, skip_invalid=True))
    assert (result.imported, result.skipped_invalid, result.error_file, result.dry_run) == (3, 1, None, True)
    assert stored(volunteers) == []
    assert list(tmp_path.glob("*errors*")) == []


def test_duplicates_against_the_database_and_within_the_file(service, tmp_path, volunteers):
    existing = volunteers.create(Volunteer(first_name="Jurgen", last_name="MULLER", birth_date=dt.date(1985, 2, 1)))
    volunteers.create(Volunteer(first_name="Someone", last_name="Else", email="ayse@example.org"))
    twin = ["Luki", "Wojcik", "", "", "", "", "", "1990-07-15", "", "", "", "", "", "", "", "", ""]
    same_mail = ["Ayse", "Other", "AYSE@example.org", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]
    rows = GERMAN_ROWS + [["Łukasz", "Wójcik", "", "", "", "", "", "15.07.1990", "", "", "", "", "", "", "", "", ""],
                          twin, same_mail]
    preview = service.preview(german_csv(tmp_path, rows))
    report = service.check(preview, preview.mapping)
    found = {(d.row, d.existing_reference): d.reason for d in report.duplicates}
    assert found == {
        (2, existing.reference): f"same name and date of birth as {existing.reference}",
        (3, "V-2026-0002"): "same email as V-2026-0002",
        (5, None): "same name and date of birth as row 4",
        (7, "V-2026-0002"): "same email as V-2026-0002",
    }
    assert report.problems == []
    result = service.run(preview, preview.mapping, ImportOptions())
    assert (result.imported, result.skipped_duplicates) == (2, 4)  # rows 4 (Wójcik, first) and 6 (Luki)
    assert set(by_name(volunteers)) == {"MULLER", "Else", "Wójcik", "Wojcik"}


def test_duplicates_imported_when_chosen(service, tmp_path, volunteers):
    volunteers.create(Volunteer(first_name="X", last_name="Y", email="j.mueller@example.org"))
    preview = service.preview(german_csv(tmp_path))
    result = service.run(preview, preview.mapping, ImportOptions(include_duplicates=True))
    assert (result.imported, result.skipped_duplicates) == (3, 0)
    assert len(stored(volunteers)) == 4


class Cancelled(Exception):
    pass


@pytest.mark.parametrize("phase", ["checking", "inserting"])
def test_cancel_leaves_the_database_as_it_was(service, tmp_path, volunteers, monkeypatch, phase):
    from kommandesk.services import imports

    monkeypatch.setattr(imports, "INSERT_BATCH", 2)
    volunteers.create(Volunteer(first_name="Otto", last_name="Alt"))
    rows = [[f"Vorname{i}", f"Nachname{i}"] for i in range(10)] + [["Anna", ""]]
    preview = service.preview(write_csv(tmp_path / "l.csv", ["Vorname", "Nachname"], rows))
    calls = []

    def progress(done, total):
        calls.append((done, total))
        if (phase == "inserting" and done > 11 + 4) or (phase == "checking" and done >= 5):
            raise Cancelled()

    with pytest.raises(Cancelled):
        service.run(preview, preview.mapping, ImportOptions(skip_invalid=True), progress)
    assert [vol.last_name for vol in stored(volunteers)] == ["Alt"]
    assert list(tmp_path.glob("*errors*")) == []
    assert all(total == 22 for _done, total in calls)
    # and it can be imported afterwards
    result = service.run(preview, preview.mapping, ImportOptions(skip_invalid=True), lambda d, t: calls.append((d, t)))
    assert result.imported == 10 and calls[-1] == (22, 22)


def test_check_after_preview_and_run_after_check_read_the_file_once(service, tmp_path, monkeypatch):
    from kommandesk.interchange import tabular

    reads = []
    original = tabular.read_table
    monkeypatch.setattr(tabular, "read_table", lambda *a, **k: reads.append(a) or original(*a, **k))
    preview = service.preview(german_csv(tmp_path))
    service.check(preview, preview.mapping)
    service.run(preview, preview.mapping, ImportOptions(dry_run=True))
    assert len(reads) == 1


def test_the_run_checks_duplicates_again_after_the_check(service, tmp_path, volunteers):
    preview = service.preview(german_csv(tmp_path))
    assert service.check(preview, preview.mapping).duplicates == []
    volunteers.create(Volunteer(first_name="Y", last_name="Z", email="ayse@example.org"))  # meanwhile
    result = service.run(preview, preview.mapping, ImportOptions())
    assert (result.imported, result.skipped_duplicates) == (2, 1)


# -- mappings -------------------------------------------------------------------------------------------------

def test_mapping_saved_and_loaded_by_header(service, tmp_path):
    path = write_csv(tmp_path / "l.csv", ["Name", "Rufname", "Mail privat", "Mobil", "Spalte"],
                     [["Schmidt", "Anna", "anna@example.org", "0151 2345678", "x"]])
    preview = service.preview(path)
    mapping = {0: "last_name", 1: "first_name", 2: "email", 3: None, 4: "notes"}
    service.save_mapping(tmp_path / "m.json", preview, mapping)
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert data["columns"] == {"Name": "last_name", "Rufname": "first_name", "Mail privat": "email", "Mobil": None,
                               "Spalte": "notes"}
    assert service.load_mapping(tmp_path / "m.json", preview) == mapping
    # another file of the same shape, headers spelled differently, a column more
    other = write_csv(tmp_path / "o.csv", ["NAME", "rufname", "Mobil", "Mail Privat", "PLZ"], [["A", "B", "", "", ""]])
    assert service.load_mapping(tmp_path / "m.json", service.preview(other)) == {
        0: "last_name", 1: "first_name", 2: None, 3: "email", 4: "postcode"}


def test_a_flat_mapping_file_and_bad_ones(service, tmp_path):
    preview = service.preview(write_csv(tmp_path / "l.csv", ["A", "B"], [["Anna", "Schmidt"]]))
    (tmp_path / "flat.json").write_text('{"A": "first_name", "B": "last_name"}', encoding="utf-8")
    assert service.load_mapping(tmp_path / "flat.json", preview) == {0: "first_name", 1: "last_name"}
    (tmp_path / "bad.json").write_text('{"A": "religion"}', encoding="utf-8")
    with pytest.raises(KommanDeskError, match="which is not a field"):
        service.load_mapping(tmp_path / "bad.json", preview)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(KommanDeskError, match="cannot be read"):
        service.load_mapping(tmp_path / "broken.json", preview)
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(KommanDeskError, match="does not hold a mapping"):
        service.load_mapping(tmp_path / "list.json", preview)
    with pytest.raises(KommanDeskError, match="does not exist"):
        service.load_mapping(tmp_path / "missing.json", preview)


# -- bad input: a clear message, nothing imported ---------------------------------------------------------------

@pytest.mark.parametrize("name,content,expected", [
    ("empty.csv", b"", "is empty"),
    ("header.csv", "Vorname;Nachname\r\n".encode(), "no volunteers below it"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not a CSV file"),
    ("broken.xlsx", bytes(range(256)) * 8, "damaged or not an Excel workbook"),
    ("truncated.xlsx", b"PK\x03\x04" + bytes(200), "damaged or not an Excel workbook"),
    ("geheim.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le"),
     "protected by a password"),
    ("alt.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "Workbook".encode("utf-16-le"), "(.xls)"),
])
def test_bad_files(service, tmp_path, volunteers, name, content, expected):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(KommanDeskError) as caught:
        service.preview(tmp_path / name)
    assert expected in caught.value.message
    assert stored(volunteers) == []


# -- the result of the inspection, and KommanDesk's own exports -------------------------------------------------

def test_a_relevant_entry_is_kept(service, tmp_path, volunteers):
    headers = ["Vorname", "Nachname", "Führungszeugnis vom", "Führungszeugnis eingesehen am", "Führungszeugnis"]
    rows = [["Anna", "Eins", "03.01.2025", "10.01.2025", "relevanter Eintrag"],
            ["Berta", "Zwei", "03.01.2025", "10.01.2025", ""],
            ["Carla", "Drei", "03.01.2025", "10.01.2025", "gültig"],
            ["Dora", "Vier", "", "", "relevanter Eintrag"]]
    preview = service.preview(write_csv(tmp_path / "fz.csv", headers, rows))
    assert preview.mapping[4] == "clearance_result"
    report = service.check(preview, preview.mapping)
    assert [(p.row, p.column) for p in report.problems] == [(5, "Führungszeugnis")]
    assert "needs the date the certificate was inspected" in report.problems[0].message
    service.run(preview, preview.mapping, ImportOptions(skip_invalid=True))
    people = by_name(volunteers)
    assert people["Eins"].clearance.result is ClearanceResult.RELEVANT_ENTRY
    assert people["Zwei"].clearance.result is ClearanceResult.NO_RELEVANT_ENTRY
    assert people["Drei"].clearance.result is ClearanceResult.NO_RELEVANT_ENTRY
    assert people["Eins"].clearance.inspected_by == "Import fz.csv"


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_of_kommandesk_imports_again(services, volunteers, tmp_path, language, suffix):
    """What the export writes (the volunteers list) comes back the same: the round trip between installations."""
    from kommandesk import i18n
    from kommandesk import paths as paths_mod
    from kommandesk.domain.availability import Availability, Period
    from kommandesk.domain.clearance import Clearance
    from kommandesk.domain.volunteers import Consent, ConsentPurpose

    exports = pytest.importorskip("kommandesk.services.exports")
    area = volunteers.areas()[3]
    consent = Consent(dt.date(2025, 1, 5), frozenset({ConsentPurpose.CONTACT}), "2025-01")
    made = [
        Volunteer(first_name="Şükrü", last_name="Öztürk", birth_date=dt.date(1985, 2, 1), gender=Gender.MALE,
                  email="sukru@example.org", phone="+49 221 123456", street="Domstraße 1", postcode="50667",
                  town="Köln", status=Status.ACTIVE, consent=consent, notes="=HYPERLINK(\"x\") <b>fett</b>",
                  languages=(LanguageSkill("tr", Level.NATIVE), LanguageSkill("de", Level.C1)), areas=(area.id,),
                  availability=Availability(frozenset({(0, Period.MORNING), (5, Period.MORNING),
                                                       (5, Period.AFTERNOON), (5, Period.EVENING)}), True),
                  clearance=Clearance(dt.date(2025, 1, 3), dt.date(2025, 1, 10), "K", ClearanceResult.RELEVANT_ENTRY)),
        Volunteer(first_name="Anna", last_name="Schmidt", gender=Gender.FEMALE,
                  clearance=Clearance(dt.date(2025, 1, 3), dt.date(2025, 1, 10), "K",
                                      ClearanceResult.NO_RELEVANT_ENTRY)),
    ]
    for vol in made:
        volunteers.create(vol)
    i18n.set_language(language)
    target = tmp_path / f"export{suffix}"
    exports.ExportService(services.paths).export_volunteers(target)
    other = paths_mod.resolve(tmp_path / "other")
    other.ensure()
    importer = ImportService(other, today=lambda: TODAY)
    preview = importer.preview(target)
    result = importer.run(preview, preview.mapping, ImportOptions())
    assert result.imported == 2
    from kommandesk.services.context import Services

    opened = Services.open(other)
    try:
        again = VolunteerService(opened.store, opened.organisation, today=lambda: TODAY)
        back = by_name(again)
        fields = ("first_name", "last_name", "birth_date", "gender", "email", "phone", "street", "postcode", "town",
                  "status", "notes", "languages", "availability")
        for vol in made:
            twin = back[vol.last_name]
            assert {f: getattr(twin, f) for f in fields} == {f: getattr(vol, f) for f in fields}
            assert (twin.clearance.issued_on, twin.clearance.inspected_on, twin.clearance.result) == (
                vol.clearance.issued_on, vol.clearance.inspected_on, vol.clearance.result)
            assert (twin.consent.given_on if twin.consent else None) == (vol.consent.given_on if vol.consent else None)
        names = {a.id: a.key for a in again.areas()}
        assert [names[a] for a in back["Öztürk"].areas] == [area.key]
    finally:
        opened.close()
