"""Exporting the volunteers list: .xlsx (typed, styled), .csv (for German Excel), .json; formula neutralisation;
the list's query; atomic writes (a failure or a cancel leaves no file and an old one untouched)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from kommandesk.domain.availability import Availability, Period
from kommandesk.domain.clearance import Clearance, ClearanceResult
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Gender, Status, Volunteer
from kommandesk.interchange import cells, csv_writer, xlsx_writer
from kommandesk.interchange.cells import Column, Kind
from kommandesk.services import exports
from kommandesk.services.exports import ExportService
from kommandesk.services.volunteers import SortKey, VolunteerQuery

TODAY = dt.date.today()
CONSENT = Consent(given_on=TODAY - dt.timedelta(days=30), purposes=frozenset({ConsentPurpose.CONTACT}),
                  text_version="2026-01")
DANGEROUS = ["=1+1", "+49 151 2345678", "-x", "@SUM(A1:A9)", "  =1+1", "\t=1+1", "\r=1+1", " \t@x", "\tplain"]
HARMLESS = ["Müller", "", "1-2", "a=b", "Straße 1", "'=1+1", " plain", "V-2026-0001", "44135"]


@pytest.fixture
def people(services):
    """Four volunteers: Şükrü (active, everything filled in), Anna (paused), Formel (a name and notes that look
    like formulas) and Otto (archived)."""
    volunteers = services.volunteers
    areas = {area.key: area.id for area in volunteers.areas()}
    sukru = volunteers.create(Volunteer(
        first_name="Şükrü", last_name="Öztürk", birth_date=dt.date(1985, 2, 1), gender=Gender.MALE,
        email="sukru@example.org", phone="0231 123456", street="Hauptstraße 5", postcode="01067", town="Dresden",
        status=Status.ACTIVE, consent=CONSENT, registered_on=dt.date(2024, 3, 9),
        languages=(LanguageSkill("ar", Level.NATIVE), LanguageSkill("de", Level.C1)),
        areas=(areas["interpreting"], areas["escort"]),
        availability=Availability(frozenset({(0, Period.MORNING), (2, Period.EVENING), (5, Period.MORNING),
                                             (5, Period.AFTERNOON), (5, Period.EVENING)}), by_arrangement=True),
        travel_radius_km=15, max_assignments=2,
        clearance=Clearance(issued_on=dt.date(2024, 1, 3), inspected_on=dt.date(2024, 1, 10),
                            inspected_by="K. Koordinatorin", result=ClearanceResult.NO_RELEVANT_ENTRY),
        notes="Zwei Zeilen:\nerste; zweite"))
    anna = volunteers.create(Volunteer(first_name="Anna", last_name="Müller", status=Status.APPLICANT,
                                       town="Münster", postcode="48143", email="anna@example.org"))
    volunteers.change_status(anna.id, Status.INACTIVE, "")
    formula = volunteers.create(Volunteer(first_name="@SUM(A1)", last_name="=HYPERLINK(\"http://x.example\")",
                                          phone="+49 151 2345678", notes="-x", town="Essen"))
    otto = volunteers.create(Volunteer(first_name="Otto", last_name="Archiv", town="Hagen"))
    volunteers.archive(otto.id, "moved away")
    return {"sukru": sukru, "anna": anna, "formula": formula, "otto": otto}


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def sheet_of(path: Path):
    return openpyxl.load_workbook(path).active  # not data_only: a formula would come back as a formula


def by_header(sheet) -> dict[str, list]:
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    return {header: [row[index] for row in rows[1:]] for index, header in enumerate(headers)}


# -- cells ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", DANGEROUS)
def test_texts_that_look_like_formulas_are_recognised(text):
    assert cells.is_formula_like(text)
    assert cells.csv_text(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_texts_stay_as_they_are(text):
    assert not cells.is_formula_like(text)
    assert cells.csv_text(text) == text


def test_dates_are_written_as_the_ui_language_writes_them(german):
    assert cells.date_text(dt.date(1985, 2, 1), "de") == "01.02.1985"
    assert cells.date_text(dt.date(1985, 2, 1), "en") == "2/1/1985"
    assert cells.excel_date_format("de") == "dd.mm.yyyy"
    assert cells.excel_date_format("en") == "m/d/yyyy"


# -- the writers on their own -----------------------------------------------------------------------------------

COLUMNS = [Column("Text"), Column("Day", Kind.DATE), Column("Number", Kind.NUMBER)]


def test_csv_writer_neutralises_formulas_uses_bom_semicolons_crlf_and_german_dates(tmp_path):
    path = tmp_path / "out.csv"
    rows = [[text, dt.date(1985, 2, 1), 7] for text in DANGEROUS + HARMLESS] + [["a;b\nc", None, None]]
    assert csv_writer.write_csv(path, COLUMNS, rows, "de") == len(rows)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfText;Day;Number\r\n")
    assert raw.count(b"\r\n") == len(rows) + 1  # the line break inside the quoted cell stays a bare \n
    table = read_csv(path)
    assert table[0] == ["Text", "Day", "Number"]
    assert [row[0] for row in table[1:len(DANGEROUS) + 1]] == ["'" + text for text in DANGEROUS]
    assert [row[0] for row in table[len(DANGEROUS) + 1:-1]] == HARMLESS
    assert table[1][1:] == ["01.02.1985", "7"]
    assert table[-1] == ["a;b\nc", "", ""]


def test_xlsx_writer_writes_formula_like_texts_as_strings_excel_does_not_evaluate(tmp_path):
    path = tmp_path / "out.xlsx"
    rows = [[text, dt.date(1985, 2, 1), 7] for text in DANGEROUS + HARMLESS]
    assert xlsx_writer.write_xlsx(path, COLUMNS, rows, title="Liste", date_format="dd.mm.yyyy") == len(rows)
    sheet = sheet_of(path)
    texts = [row[0] for row in sheet.iter_rows(min_row=2)]
    for cell, text in zip(texts, DANGEROUS + HARMLESS):
        if not text:
            assert cell.value is None  # an empty text is an empty cell
            continue
        assert cell.data_type == "s", text  # never "f" (a formula)
        assert unescape(cell.value or "") == text  # a carriage return is stored as _x000D_ (Excel reads it back)
        assert cell.quotePrefix == (text in DANGEROUS), text  # shown as text, stays text when edited
    assert sheet.title == "Liste"


def test_a_header_that_looks_like_a_formula_is_neutralised_too(tmp_path):
    columns = [Column("=1+1"), Column("-Notes")]
    csv_writer.write_csv(tmp_path / "h.csv", columns, [["a", "b"]], "en")
    assert read_csv(tmp_path / "h.csv")[0] == ["'=1+1", "'-Notes"]
    xlsx_writer.write_xlsx(tmp_path / "h.xlsx", columns, [["a", "b"]], title="x", date_format="d/m/yyyy")
    header = next(sheet_of(tmp_path / "h.xlsx").iter_rows())
    assert [(cell.value, cell.data_type, cell.quotePrefix) for cell in header] == [("=1+1", "s", True),
                                                                                   ("-Notes", "s", True)]


def test_sheet_names_excel_refuses_are_made_acceptable():
    assert xlsx_writer.sheet_name("Ehrenamtliche") == "Ehrenamtliche"
    assert xlsx_writer.sheet_name("a/b:c*d?[e]") == "a b c d  e"
    assert len(xlsx_writer.sheet_name("x" * 40)) == 31
    assert xlsx_writer.sheet_name("[]") == "Sheet1"


def test_a_sheet_name_cut_at_31_characters_does_not_end_in_a_space_or_a_quote():
    assert xlsx_writer.sheet_name("Participants of the course and hours") == "Participants of the course and"
    assert xlsx_writer.sheet_name("Hours of attendance by module 'A'") == "Hours of attendance by module"
    assert xlsx_writer.sheet_name(" " * 40 + "x") == "x"


# -- the volunteers list ----------------------------------------------------------------------------------------

def test_xlsx_export_has_typed_cells_styled_frozen_header_autofilter_and_widths(paths, people, german):
    path = paths.data_dir / "liste.xlsx"
    assert ExportService(paths).export_volunteers(path) == 3  # the archived Otto is not in the list
    sheet = sheet_of(path)
    header = next(sheet.iter_rows())
    assert [cell.value for cell in header][:4] == ["Nummer", "Nachname", "Vorname", "Geburtsdatum"]
    assert all(cell.font.b for cell in header)
    assert {cell.fill.fgColor.rgb for cell in header} == {"FF" + xlsx_writer.HEADER_FILL[1:]}
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{header[-1].column_letter}4"
    assert sheet.title == "Ehrenamtliche"
    columns = by_header(sheet)
    sukru = next(index for index, cell in enumerate(columns["Vorname"]) if cell.value == "Şükrü")
    birth = columns["Geburtsdatum"][sukru]
    assert birth.is_date and birth.value == dt.datetime(1985, 2, 1) and birth.number_format == "dd.mm.yyyy"
    assert columns["Postleitzahl"][sukru].value == "01067"  # a text: the leading zero stays
    radius = columns[header[13].value][sukru]
    assert radius.data_type == "n" and radius.value == 15
    assert columns["Sprachen"][sukru].value == "Arabisch (Muttersprache), Deutsch (C1)"
    assert columns["Tätigkeiten"][sukru].value == "Dolmetschen / Sprachmittlung, Begleitung zu Ämtern und Ärzten"
    assert columns["Verfügbarkeit"][sukru].value == "Mo vormittags, Mi abends, Sa, nach Absprache"
    assert columns["Geschlecht"][sukru].value == "männlich"
    assert columns["Status"][sukru].value == "aktiv"
    assert columns["Bemerkungen"][sukru].value == "Zwei Zeilen:\nerste; zweite"
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert widths["F"] >= len("sukru@example.org")  # E-Mail: as wide as its longest value
    assert widths["B"] >= len("Nachname") + 3  # room for the title and the filter button


def test_xlsx_export_neutralises_formulas_from_the_database(paths, people):
    path = paths.data_dir / "list.xlsx"
    ExportService(paths).export_volunteers(path)
    columns = by_header(sheet_of(path))
    row = next(i for i, cell in enumerate(columns["First name"]) if cell.value == "@SUM(A1)")
    for header, value in (("First name", "@SUM(A1)"), ("Last name", '=HYPERLINK("http://x.example")'),
                          ("Phone", "+49 151 2345678"), ("Notes", "-x")):
        cell = columns[header][row]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)


def test_csv_export_for_german_excel(paths, people, german):
    path = paths.data_dir / "liste.csv"
    ExportService(paths).export_volunteers(path, VolunteerQuery(sort=SortKey.LAST_NAME))
    raw = path.read_bytes()
    assert raw.startswith("\ufeffNummer;Nachname;Vorname;Geburtsdatum;".encode())
    table = read_csv(path)
    assert raw.count(b"\r\n") == len(table)  # CRLF after every record (one note holds a bare \n)
    header, rows = table[0], table[1:]
    values = {row[header.index("Vorname")]: dict(zip(header, row)) for row in rows}
    sukru = values["Şükrü"]
    assert sukru["Geburtsdatum"] == "01.02.1985"
    assert sukru["Registriert am"] == "09.03.2024"
    assert sukru["Postleitzahl"] == "01067"
    assert sukru["Bemerkungen"] == "Zwei Zeilen:\nerste; zweite"
    formula = values["'@SUM(A1)"]
    assert formula["Nachname"] == "'=HYPERLINK(\"http://x.example\")"
    assert formula["Telefon"] == "'+49 151 2345678"
    assert formula["Bemerkungen"] == "'-x"


def test_english_export_uses_english_headers_and_dates(paths, people):
    path = paths.data_dir / "list.csv"
    ExportService(paths).export_volunteers(path)
    header, *rows = read_csv(path)
    assert header[:4] == ["Reference", "Last name", "First name", "Date of birth"]
    sukru = dict(zip(header, next(row for row in rows if row[2] == "Şükrü")))
    assert sukru["Date of birth"] == "2/1/1985"
    assert sukru["Languages"] == "Arabic (native speaker), German (C1)"
    assert sukru["Availability"] == "Mon morning, Wed evening, Sat, by arrangement"


def test_the_export_holds_what_the_list_shows_in_its_order(paths, services, people):
    exporter = ExportService(paths)
    path = paths.data_dir / "list.csv"

    def names(query: VolunteerQuery) -> list[str]:
        exporter.export_volunteers(path, query)
        header, *rows = read_csv(path)
        return [row[header.index("Last name")] for row in rows]

    def shown(query: VolunteerQuery) -> list[str]:
        return [row.last_name for row in services.volunteers.page(query, 0, 100)]

    queries = [VolunteerQuery(), VolunteerQuery(search="muller"), VolunteerQuery(statuses=frozenset({Status.ARCHIVED})),
               VolunteerQuery(statuses=frozenset(Status), sort=SortKey.TOWN, descending=True),
               VolunteerQuery(language="ar", min_level=Level.B2), VolunteerQuery(search="nobody-at-all")]
    for query in queries:
        assert [name.removeprefix("'") for name in names(query)] == shown(query), query
    assert names(VolunteerQuery(search="muller")) == ["Müller"]
    assert names(VolunteerQuery(statuses=frozenset({Status.ARCHIVED}))) == ["Archiv"]
    assert names(VolunteerQuery(search="nobody-at-all")) == []


def test_json_export_of_the_list_is_for_scripts(paths, people):
    path = paths.data_dir / "list.json"
    assert ExportService(paths).export_volunteers(path, VolunteerQuery(search="sukru")) == 1
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == exports.VOLUNTEERS_FORMAT
    (sukru,) = data["volunteers"]
    assert sukru["birth_date"] == "1985-02-01"
    assert sukru["status"] == "active" and sukru["gender"] == "male" and sukru["clearance_state"] == "valid"
    assert sukru["languages"] == [{"code": "ar", "level": "native"}, {"code": "de", "level": "C1"}]
    assert [area["name_en"] for area in sukru["areas"]] == ["Interpreting / language mediation",
                                                             "Escort to offices and doctors"]
    assert sukru["availability"] == {"slots": [[0, "morning"], [2, "evening"], [5, "morning"], [5, "afternoon"],
                                               [5, "evening"]], "by_arrangement": True}


def test_the_store_rows_and_the_sheet_agree_on_the_fields():
    from kommandesk.interchange.volunteer_sheet import FIELDS
    from kommandesk.store.volunteer_export import NAMES

    assert FIELDS == NAMES


def test_an_export_can_be_imported_again(paths, people, tmp_path, german):
    from kommandesk import paths as paths_mod
    from kommandesk.services.context import Services
    from kommandesk.services.imports import ImportOptions, ImportService

    everyone = VolunteerQuery(statuses=frozenset(Status))
    for suffix in (".xlsx", ".csv"):
        path = tmp_path / f"liste{suffix}"
        assert ExportService(paths).export_volunteers(path, everyone) == 4
        target = paths_mod.resolve(tmp_path / f"other{suffix[1:]}")
        target.ensure()
        importer = ImportService(target)
        preview = importer.preview(path)
        report = importer.check(preview, preview.mapping)
        assert report.problems == [] and report.valid_rows == 4
        assert importer.run(preview, preview.mapping, ImportOptions()).imported == 4
        services = Services.open(target)
        try:
            hits = services.volunteers.page(VolunteerQuery(search="sukru"), 0, 5)
            again = services.volunteers.get(hits[0].id)
        finally:
            services.close()
        original = people["sukru"]
        for name in ("first_name", "last_name", "birth_date", "gender", "email", "phone", "street", "postcode",
                     "town", "languages", "status", "notes"):
            assert getattr(again, name) == getattr(original, name), (suffix, name)
        assert again.availability.slots == original.availability.slots
        assert again.availability.by_arrangement
        assert again.clearance.issued_on == original.clearance.issued_on
        assert again.consent.given_on == original.consent.given_on
        formula = [row for row in ImportService(target).preview(path).rows if "@SUM(A1)" in "".join(row)]
        assert formula, suffix


# -- bad input and atomic writes ----------------------------------------------------------------------------------

def test_an_unknown_file_type_is_refused(paths, people):
    with pytest.raises(KommanDeskError, match=r"\.xlsx, \.csv or \.json"):
        ExportService(paths).export_volunteers(paths.data_dir / "list.xls")
    assert not (paths.data_dir / "list.xls").exists()


def test_a_folder_that_does_not_exist_gives_a_clear_message(paths, people):
    with pytest.raises(KommanDeskError, match="could not be written"):
        ExportService(paths).export_volunteers(paths.data_dir / "missing" / "list.xlsx")


def files_beside(path: Path) -> set[str]:
    return {entry.name for entry in path.parent.iterdir()}


@pytest.fixture
def out(tmp_path) -> Path:
    """An empty folder for the files written (the data folder is elsewhere)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_a_cancel_mid_way_leaves_no_file_and_the_old_one_untouched(paths, people, monkeypatch, out, suffix):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)
    target = out / f"list{suffix}"
    target.write_bytes(b"the old export")
    before = files_beside(target)
    calls = []

    class Cancelled(Exception):
        pass

    def progress(done, total):
        calls.append(done)
        if done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        ExportService(paths).export_volunteers(target, progress=progress)
    assert calls == [0, 1, 2]
    assert target.read_bytes() == b"the old export"
    assert files_beside(target) == before  # no temporary file, no XlsxWriter scratch folder


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_failure_while_writing_leaves_no_file(paths, people, monkeypatch, out, suffix):
    from kommandesk.interchange import volunteer_sheet

    original = volunteer_sheet.VolunteerSheet.row
    seen = []

    def failing(self, row):
        seen.append(row)
        if len(seen) == 2:
            raise RuntimeError("disk on fire")
        return original(self, row)

    monkeypatch.setattr(volunteer_sheet.VolunteerSheet, "row", failing)
    target = out / f"new{suffix}"
    with pytest.raises(RuntimeError):
        ExportService(paths).export_volunteers(target)
    assert not target.exists()
    assert files_beside(target) == set()


def test_a_cancel_at_the_very_end_still_leaves_the_old_file(paths, people, out):
    target = out / "list.xlsx"
    target.write_bytes(b"old")

    def progress(done, total):
        if done == total and done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ExportService(paths).export_volunteers(target, progress=progress)
    assert target.read_bytes() == b"old"
    assert files_beside(target) == {"list.xlsx"}


def test_a_file_locked_by_excel_gives_a_message_and_stays(paths, people, monkeypatch, out):
    target = out / "list.xlsx"
    target.write_bytes(b"open in Excel")

    def locked(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(KommanDeskError, match="open in Excel"):
        ExportService(paths).export_volunteers(target)
    assert target.read_bytes() == b"open in Excel"
    assert files_beside(target) == {"list.xlsx"}


def test_the_export_reports_progress_up_to_the_total(paths, people, monkeypatch):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    calls = []
    ExportService(paths).export_volunteers(paths.data_dir / "list.csv", progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 3), (2, 3), (3, 3)]


def test_awkward_names_are_written_so_that_they_are_read_back(services, paths, tmp_path, german):
    """A language whose German name has brackets, and an area of help whose name holds a comma."""
    from kommandesk import paths as paths_mod
    from kommandesk.services.imports import ImportService

    area = services.volunteers.add_area("Sport, Spiel und Spaß", "Sport, games and fun")
    everyday = next(a.id for a in services.volunteers.areas() if a.key == "everyday")
    services.volunteers.create(Volunteer(first_name="Nora", last_name="Berg", town="Bonn",
                                         languages=(LanguageSkill("nb", Level.B2), LanguageSkill("de", Level.C2)),
                                         areas=(area.id, everyday)))
    path = tmp_path / "liste.csv"
    ExportService(paths).export_volunteers(path)
    header, row = read_csv(path)
    cells = dict(zip(header, row))
    assert cells["Sprachen"] == "Norwegisch (Bokmål): B2, Deutsch (C2)"
    assert cells["Tätigkeiten"] == "Sport, Spiel und Spaß; Alltagsbegleitung"

    target = paths_mod.resolve(tmp_path / "other")
    target.ensure()
    from kommandesk.services.context import Services

    other = Services.open(target)
    try:
        other.volunteers.add_area("Sport, Spiel und Spaß", "Sport, games and fun")
    finally:
        other.close()
    importer = ImportService(target)
    preview = importer.preview(path)
    assert importer.check(preview, preview.mapping).problems == []
