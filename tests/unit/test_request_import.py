"""RequestImportService: preview, check with the form's rules, all-or-nothing import in one transaction, error
file, dry run, references - with files shaped like the lists coordinators keep."""

from __future__ import annotations

import datetime as dt

import pytest

from import_files import write_csv, write_xlsx
from kommandesk.domain.availability import Period
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import GenderPreference, RequestStatus, Urgency
from kommandesk.domain.schedule import Appointment
from kommandesk.services.imports import ImportOptions
from kommandesk.services.request_imports import RequestImportService, field_label

TODAY = dt.date(2026, 11, 25)
HEADERS = ["Referenz", "Vorname", "Haushalt", "Sprachen", "Unterkunft", "Ansprechperson", "Tätigkeit",
           "Sprache benötigt", "Geschlecht gewünscht", "Kinder", "PLZ", "Termin", "Zeiten", "Beginn", "Ende",
           "Dringlichkeit", "Beschreibung", "Einwilligung"]
AMINA = ["", "Amina", "4", "Dari, Farsi", "ZUE Köln", "Frau Berg", "Begleitung zu Ämtern und Ärzten",
         "Dari B1, Farsi B1", "weiblich", "ja", "50667", "08.12.2026 09:00-11:30", "", "", "", "hoch",
         "Termin Ausländerbehörde", "20.11.2026"]
MK = ["17", "M. K.", "", "Arabisch", "Heim Süd", "", "Hausaufgaben- und Lernhilfe", "Arabisch", "egal", "nein",
      "50674", "", "Di vormittags, Do nachmittags", "01.12.2026", "31.03.2027", "", "Mathe", ""]


def row(base: list[str], **changes: str) -> list[str]:
    cells = list(base)
    for header, value in changes.items():
        cells[HEADERS.index(header.replace("_", " "))] = value
    return cells


@pytest.fixture
def service(paths) -> RequestImportService:
    return RequestImportService(paths, today=lambda: TODAY)


@pytest.fixture
def requests(services):
    from kommandesk.services.requests import RequestService
    from kommandesk.services.volunteers import VolunteerService

    volunteers = VolunteerService(services.store, services.organisation, today=lambda: TODAY)
    return RequestService(services.store, volunteers, today=lambda: TODAY)


def stored(requests) -> list:
    from kommandesk.services.requests import RequestQuery, RequestSortKey

    rows = requests.page(RequestQuery(sort=RequestSortKey.REFERENCE, descending=False), 0, 100)
    return [requests.get(r.id) for r in rows]


def csv_of(tmp_path, rows, headers=HEADERS, name="anfragen.csv"):
    return write_csv(tmp_path / name, headers, rows, title="Anfragen Stand November")


def import_file(service, path, **options):
    preview = service.preview(path)
    report = service.check(preview, preview.mapping)
    result = None
    if not report.problems or options.get("skip_invalid"):
        result = service.run(preview, preview.mapping, ImportOptions(**options))
    return report, result


def problems_of(report) -> dict[tuple[int, str], str]:
    return {(p.row, p.column): p.message for p in report.problems}


# -- the good case --------------------------------------------------------------------------------------------

def test_import_a_csv_with_german_headers(service, requests, tmp_path):
    report, result = import_file(service, csv_of(tmp_path, [AMINA, MK]))
    assert (report.total_rows, report.valid_rows, report.problems, report.notes) == (2, 2, [], [])
    assert (result.imported, result.dry_run) == (2, False)
    assert [(c.row, c.reference, c.file_reference) for c in result.created] == [
        (3, "A-2026-0001", ""), (4, "A-2026-0002", "17")]
    amina, mk = stored(requests)
    area_names = {a.id: a.name_en for a in requests._volunteers.areas()}
    assert (amina.person, amina.household_size, amina.person_languages, amina.site, amina.site_contact) == (
        "Amina", 4, ("prs", "fa"), "ZUE Köln", "Frau Berg")
    assert area_names[amina.area_id] == "Escort to offices and doctors"
    assert amina.languages == (LanguageSkill("prs", Level.B1), LanguageSkill("fa", Level.B1))
    assert (amina.gender, amina.children, amina.postcode, amina.urgency) == (
        GenderPreference.FEMALE, True, "50667", Urgency.HIGH)
    assert amina.appointment == Appointment(dt.date(2026, 12, 8), dt.time(9), dt.time(11, 30))
    assert amina.recurrence is None
    assert (amina.consent.given_on, amina.consent.agreed) == (dt.date(2026, 11, 20), "not recorded (import)")
    assert (amina.status, amina.received_on) == (RequestStatus.NEW, TODAY)
    assert [(h.status, h.on, h.reason) for h in amina.history] == [(RequestStatus.NEW, TODAY, "Import anfragen.csv")]
    assert (mk.household_size, mk.gender, mk.children, mk.urgency, mk.consent) == (
        1, GenderPreference.ANY, False, Urgency.NORMAL, None)
    assert mk.languages == (LanguageSkill("ar", Level.A2),)  # no level: A2
    assert mk.recurrence.slots == frozenset({(1, Period.MORNING), (3, Period.AFTERNOON)})
    assert (mk.recurrence.first_day, mk.recurrence.last_day) == (dt.date(2026, 12, 1), dt.date(2027, 3, 31))


def test_import_an_xlsx_with_english_headers(service, requests, tmp_path):
    headers = ["First name", "Household size", "Area of help", "Language needed", "Children involved",
               "Appointment", "Urgency", "Description", "Notes"]
    rows = [["Olena", "2", "Housing search", "Ukrainian B2", "yes", "2026-12-08 14:00-15:00", "high", "Flat",
             "calls back"]]
    path = write_xlsx(tmp_path / "requests.xlsx", headers, rows, title="Requests", sheet="Requests")
    report, result = import_file(service, path)
    assert report.problems == [] and result.imported == 1
    (olena,) = stored(requests)
    assert (olena.person, olena.children, olena.urgency) == ("Olena", True, Urgency.HIGH)
    assert olena.languages == (LanguageSkill("uk", Level.B2),)
    assert olena.description == "Flat\ncalls back"


def test_dry_run_writes_nothing(service, requests, tmp_path):
    report, result = import_file(service, csv_of(tmp_path, [AMINA, MK]), dry_run=True)
    assert (result.imported, result.dry_run, result.created) == (2, True, ())
    assert stored(requests) == []


# -- bad input ------------------------------------------------------------------------------------------------

def test_a_request_with_no_area_of_help(service, requests, tmp_path):
    report, result = import_file(service, csv_of(tmp_path, [AMINA, row(MK, Tätigkeit="")]))
    assert problems_of(report) == {(4, "Tätigkeit"): "Choose the area of help."}
    assert result is None and stored(requests) == []


def test_a_list_without_an_area_column_names_the_rule_without_a_column(service, tmp_path):
    report, _result = import_file(service, write_csv(tmp_path / "a.csv", ["Vorname"], [["Amina"]]))
    assert problems_of(report) == {(2, ""): "Choose the area of help."}


def test_an_appointment_that_ends_before_it_starts(service, requests, tmp_path):
    report, _result = import_file(service, csv_of(tmp_path, [row(AMINA, Termin="08.12.2026 11:00-09:00")]))
    assert problems_of(report) == {(3, "Termin"): "The appointment ends before it starts."}
    assert stored(requests) == []


def test_recurring_slots_without_a_start_date(service, tmp_path):
    report, _result = import_file(service, csv_of(tmp_path, [row(MK, Beginn="")]))
    assert problems_of(report) == {(3, "Beginn"): "Weekly times need a first day."}


def test_recurring_slots_in_a_list_without_a_start_column(service, tmp_path):
    headers = ["Vorname", "Tätigkeit", "Zeiten"]
    report, _result = import_file(service, write_csv(tmp_path / "z.csv", headers,
                                                     [["Amina", "Wohnungssuche", "Di vormittags"]]))
    (problem,) = report.problems
    assert (problem.row, problem.column) == (2, "Zeiten")
    assert problem.message.startswith("Weekly times need a first day: add a column \u201cBeginn\u201d (Start)")


def test_an_appointment_and_weekly_times_together(service, tmp_path):
    report, _result = import_file(service, csv_of(tmp_path, [row(MK, Termin="08.12.2026 09:00-10:00")]))
    assert problems_of(report) == {(3, "Termin"): "Choose either one appointment or weekly times, not both."}


def test_unknown_languages(service, requests, tmp_path):
    report, result = import_file(service, csv_of(tmp_path, [
        row(AMINA, Sprachen="Dari, Elbisch", **{"Sprache_benötigt": "Elbisch B1"})]))
    problems = problems_of(report)
    assert set(problems) == {(3, "Sprachen"), (3, "Sprache benötigt")}
    assert problems[(3, "Sprachen")].startswith("\u201cElbisch\u201d is not a language KommanDesk knows")
    assert "is not a language KommanDesk knows" in problems[(3, "Sprache benötigt")]
    assert result is None and stored(requests) == []


def test_unreadable_cells_each_have_their_message(service, tmp_path):
    report, _result = import_file(service, csv_of(tmp_path, [
        row(AMINA, Haushalt="viele", Kinder="vielleicht", Termin="morgen", Dringlichkeit="gestern",
            Einwilligung="31.02.2026", **{"Geschlecht_gewünscht": "divers"})]))
    problems = problems_of(report)
    assert set(problems) == {(3, c) for c in ("Haushalt", "Kinder", "Termin", "Dringlichkeit", "Einwilligung",
                                              "Geschlecht gewünscht")}
    assert problems[(3, "Termin")] == ("\u201cmorgen\u201d is not an appointment. Write the day and the time span, "
                                       "like 12.03.2026 09:00-11:30.")


def test_a_postcode_not_in_the_table_is_a_note_not_a_problem(service, requests, tmp_path):
    report, result = import_file(service, csv_of(tmp_path, [row(AMINA, PLZ="99999")]))
    assert report.problems == [] and result.imported == 1
    (note,) = report.notes
    assert (note.row, note.column) == (3, "PLZ")
    assert "99999 is not in KommanDesk's table of postcodes" in note.message
    assert stored(requests)[0].postcode == "99999"


def test_a_malformed_postcode_is_a_problem(service, tmp_path):
    report, _result = import_file(service, csv_of(tmp_path, [row(AMINA, PLZ="5066")]))
    assert set(problems_of(report)) == {(3, "PLZ")}


def test_an_existing_reference_is_a_problem_and_a_new_one_is_replaced(service, requests, tmp_path):
    _report, first = import_file(service, csv_of(tmp_path, [AMINA]))
    assert first.created[0].reference == "A-2026-0001"
    report, result = import_file(service, csv_of(tmp_path, [row(AMINA, Referenz="a-2026-0001"),
                                                            row(MK, Referenz="A-2026-0099"),
                                                            row(MK, Referenz="A-2026-0099", Vorname="Z.")]))
    problems = problems_of(report)
    assert problems[(3, "Referenz")].startswith("The request A-2026-0001 exists already in KommanDesk.")
    assert problems[(5, "Referenz")] == "The reference A-2026-0099 is in row 4 too: is it the same request twice?"
    assert (4, "Referenz") not in problems
    assert result is None and len(stored(requests)) == 1


def test_skip_invalid_imports_the_rest_and_writes_the_error_file(service, requests, tmp_path):
    path = csv_of(tmp_path, [AMINA, row(MK, Tätigkeit="")])
    report, result = import_file(service, path, skip_invalid=True)
    assert (result.imported, result.skipped_invalid) == (1, 1)
    assert result.error_file == tmp_path / "anfragen - errors.csv"
    lines = result.error_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].endswith(";Problem") and "M. K." in lines[1] and "Choose the area of help." in lines[1]
    assert [r.person for r in stored(requests)] == ["Amina"]


def test_skip_invalid_with_a_chosen_error_file_and_a_dry_run_writes_nothing(service, requests, tmp_path):
    target = tmp_path / "fehler.csv"
    _report, result = import_file(service, csv_of(tmp_path, [AMINA, row(MK, Tätigkeit="")]), skip_invalid=True,
                                  dry_run=True, error_file=target)
    assert (result.imported, result.skipped_invalid, result.error_file) == (1, 1, None)
    assert not target.exists() and stored(requests) == []


def test_run_refuses_a_file_with_problems(service, requests, tmp_path):
    path = csv_of(tmp_path, [AMINA, row(MK, Tätigkeit="")])
    preview = service.preview(path)
    with pytest.raises(KommanDeskError, match="1 row has problems, so nothing was imported"):
        service.run(preview, preview.mapping, ImportOptions())
    assert stored(requests) == []


def test_a_failing_insert_rolls_everything_back(service, requests, tmp_path, monkeypatch):
    from kommandesk.store import requests_repo

    def broken(self, items, year):
        raise RuntimeError("disk full")

    monkeypatch.setattr(requests_repo.RequestRepository, "insert_many", broken)
    path = csv_of(tmp_path, [AMINA, row(MK, Tätigkeit="")])
    preview = service.preview(path)
    with pytest.raises(RuntimeError):
        service.run(preview, preview.mapping, ImportOptions(skip_invalid=True))
    assert not (tmp_path / "anfragen - errors.csv").exists()
    monkeypatch.undo()
    assert stored(requests) == []


@pytest.mark.parametrize("name,content,message", [
    ("anfragen.csv", b"", "is empty"),
    ("anfragen.pdf", b"%PDF-1.4 something", "is a PDF document"),
    ("anfragen.xlsx", b"PK\x03\x04broken zip", "is damaged or not an Excel workbook"),
    ("anfragen.csv", b"\x00\x01\x02\xff" * 200, "holds binary data"),
])
def test_broken_files(service, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(KommanDeskError, match=message):
        service.preview(path)


def test_a_header_without_rows(service, tmp_path):
    with pytest.raises(KommanDeskError, match="no requests below it"):
        service.preview(csv_of(tmp_path, []))


def test_a_list_without_a_name_column_cannot_be_imported(service, tmp_path):
    path = write_csv(tmp_path / "x.csv", ["Tätigkeit", "Zeiten"], [["Wohnungssuche", ""]])
    preview = service.preview(path)
    with pytest.raises(KommanDeskError, match="No column holds First name or initials"):
        service.check(preview, preview.mapping)


def test_field_labels_are_translated(german):
    assert field_label("area") != "" and field_label("unknown") == "unknown"
