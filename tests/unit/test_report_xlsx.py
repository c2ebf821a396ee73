"""The report for the funder as an Excel workbook, read back with openpyxl: a summary, then a sheet per table with
numbers a spreadsheet can add up."""

from __future__ import annotations

import dataclasses

import openpyxl
import pytest

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.reports import Column, Kind, Section, Table
from kommandesk.interchange.report_xlsx import write_report_xlsx
from tests.unit.report_samples import ARABIC_NAME, FORMULA_TEXT, MARKUP_NAME, empty_report, sample_report


def written(tmp_path, report, name: str = "report.xlsx"):
    path = tmp_path / name
    sheets = write_report_xlsx(path, report)
    return sheets, openpyxl.load_workbook(path)


def rows_of(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_a_summary_sheet_then_one_sheet_per_table(tmp_path):
    report = sample_report("en")
    sheets, book = written(tmp_path, report)
    assert sheets == 1 + len(report.all_tables()) == len(book.sheetnames) == 8
    assert book.sheetnames[0] == "Summary"
    assert book.sheetnames[1:] == ["Volunteers by area of help", "Language", "Requests by month", "Hours logged",
                                   "Certificates, participants and", "Courses", "Allowances by volunteer"]
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_the_summary_holds_header_warnings_and_every_figure(tmp_path):
    _sheets, book = written(tmp_path, sample_report("en"))
    rows = rows_of(book["Summary"])
    assert rows[0][0] == "Report for the funder"
    values = {row[0]: row[1] for row in rows if row[0]}
    assert values["Organisation"] == "Integrationszentrum <Nord> & Partner"
    assert values["Period"] == "Jan 1, 2026 to Dec 31, 2026"
    assert values["Filters"] == "Area of help: Escort to offices and doctors; Site: Am Hang"
    assert values["Generated on"] == "Jan 15, 2027"
    assert "In 2026, 1 volunteer was paid more than the tax-free limit of 960.00 EUR." in values
    assert values["Active volunteers"] == 1234 and values["Hours logged"] == pytest.approx(1234.56)
    assert values["Allowances paid"] == pytest.approx(1020.0)  # euros, not cents
    assert values["Waiting"] == "\u2013"  # cannot be computed
    for section in ("Volunteers", "Requests", "Assignments and hours", "Trainings",
                    "Allowances (Ehrenamtspauschale)"):
        assert section in values


def test_numbers_are_typed_with_formats_and_the_total_is_bold(tmp_path):
    _sheets, book = written(tmp_path, sample_report("en"))
    sheet = book["Allowances by volunteer"]
    assert [cell.value for cell in sheet[1]] == ["Reference", "Volunteer", "Payments", "Paid in the period"]
    assert all(cell.font.b for cell in sheet[1]) and sheet.freeze_panes == "A2"
    first = sheet[2]
    assert first[2].value == 1 and first[2].data_type == "n" and first[2].number_format == "#,##0"
    assert first[3].value == 240 and first[3].data_type == "n" and "€" in first[3].number_format
    total = sheet[sheet.max_row]
    assert [cell.value for cell in total] == ["Total", None, 7, 1020]
    assert all(cell.font.b for cell in total)
    hours = book["Courses"]
    assert hours.cell(2, 6).value == pytest.approx(12.5) and hours.cell(2, 6).number_format == "#,##0.0"
    assert hours.max_row == 1 + 6


def test_markup_arabic_and_formula_like_names_stay_text(tmp_path):
    _sheets, book = written(tmp_path, sample_report("en"))
    sheet = book["Allowances by volunteer"]
    names = [sheet.cell(row, 2).value for row in range(2, 5)]
    assert names == [MARKUP_NAME, ARABIC_NAME, FORMULA_TEXT]
    formula = sheet.cell(4, 2)
    assert formula.data_type == "s" and formula.quotePrefix  # shown as typed, never evaluated
    assert not sheet.cell(2, 2).quotePrefix


def test_a_german_workbook_has_german_words_and_euro_formats(tmp_path):
    _sheets, book = written(tmp_path, sample_report("de"))
    values = {row[0]: row[1] for row in rows_of(book.worksheets[0]) if row[0]}
    assert values["Zeitraum"] == "01.01.2026 bis 31.12.2026" and values["Anschrift"] == "Am Hang 3, 50667 Köln"
    assert values["Gezahlte Pauschalen"] == pytest.approx(1020.0)
    sheet = book["Pauschalen nach Person"]
    assert sheet.cell(2, 4).number_format.endswith('"€"')


def test_sheet_names_are_made_unique_and_acceptable(tmp_path):
    columns = (Column("name", "Name"), Column("n", "Count", Kind.COUNT))
    tables = tuple(Table(f"t{i}", title, columns, (("a", i),)) for i, title in enumerate(
        ["Hours: by area / month [all]", "Hours: by area / month [all]", "hours  by area   month  all",
         "A title that is far longer than thirty-one characters", "A title that is far longer than thirty-one",
         "Summary"]))
    report = dataclasses.replace(empty_report("en"), sections=(Section("s", "S", tables=tables),))
    sheets, book = written(tmp_path, report)
    names = book.sheetnames
    assert sheets == 7 and len(set(name.casefold() for name in names)) == 7
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names)
    assert names[1:3] == ["Hours  by area   month  all", "Hours  by area   month  all (2)"]
    assert names[4].startswith("A title that") and names[5].endswith(" (2)") and names[6] == "Summary (2)"


def test_an_empty_report_gives_headers_and_zeros(tmp_path):
    sheets, book = written(tmp_path, empty_report("en"))
    assert sheets == 3
    assert rows_of(book["Volunteers by area of help"]) == [("Area of help", "Active volunteers")]
    assert rows_of(book["Requests by month"])[1:] == [("Jan 2026", 0), ("Feb 2026", 0), ("Mar 2026", 0)]
    values = {row[0]: row[1] for row in rows_of(book["Summary"]) if row[0]}
    assert "Nothing was recorded in this period: the sections below show zeros." in values
    assert values["Median days to assignment"] == "\u2013"


def test_a_missing_value_in_a_table_is_an_empty_cell_and_dates_are_dates(tmp_path):
    import datetime as dt

    table = Table("d", "Days", (Column("day", "Day", Kind.DATE), Column("median", "Median", Kind.DAYS),
                                Column("share", "Share", Kind.PERCENT)),
                  (("2026-03-01", None, 40), ("2026-03-02", 2.5, 60)), note="Counted on working days.")
    report = dataclasses.replace(empty_report("de"), sections=(Section("s", "S", tables=(table,)),))
    _sheets, book = written(tmp_path, report)
    sheet = book["Days"]
    assert sheet.cell(2, 1).value == dt.datetime(2026, 3, 1) and sheet.cell(2, 1).number_format == "dd.mm.yyyy"
    assert sheet.cell(2, 2).value is None and sheet.cell(3, 2).value == 2.5
    assert sheet.cell(3, 3).value == 60
    assert sheet.cell(5, 1).value == "Counted on working days."


# -- export ------------------------------------------------------------------------------------------------------

def test_export_writes_xlsx_by_its_suffix(tmp_path):
    from kommandesk.services.report_export import export_report

    path = export_report(sample_report("en"), tmp_path / "Report.XLSX")
    assert openpyxl.load_workbook(path).sheetnames[0] == "Summary"
    assert [p.name for p in tmp_path.iterdir()] == ["Report.XLSX"]


@pytest.mark.parametrize("name", ["report.csv", "report", "report.pdf.txt", "report.xls"])
def test_export_refuses_other_suffixes_and_writes_nothing(tmp_path, name):
    from kommandesk.services.report_export import export_report

    with pytest.raises(KommanDeskError, match=r"Choose a file name ending in \.pdf or \.xlsx"):
        export_report(sample_report("en"), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_folder_says_so_and_writes_nothing(tmp_path):
    from kommandesk.services.report_export import export_report

    with pytest.raises(KommanDeskError, match="does not exist: create it or choose another one"):
        export_report(sample_report("en"), tmp_path / "missing" / "report.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_no_file_and_an_older_one_as_it_was(tmp_path, monkeypatch):
    from kommandesk.interchange import report_xlsx
    from kommandesk.services.report_export import export_report

    calls = []

    def broken_after_one_sheet(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("disk on fire")
        return original(*args, **kwargs)

    original = report_xlsx._table
    monkeypatch.setattr(report_xlsx, "_table", broken_after_one_sheet)
    with pytest.raises(RuntimeError):
        export_report(sample_report("en"), tmp_path / "new.xlsx")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "old.xlsx").write_bytes(b"older")
    calls.clear()
    with pytest.raises(RuntimeError):
        export_report(sample_report("en"), tmp_path / "old.xlsx")
    assert (tmp_path / "old.xlsx").read_bytes() == b"older" and [p.name for p in tmp_path.iterdir()] == ["old.xlsx"]


def test_an_unwritable_folder_gives_a_clear_message(tmp_path):
    import os

    from kommandesk.services.report_export import export_report

    if os.geteuid() == 0:
        pytest.skip("root may write anywhere")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(KommanDeskError, match="cannot write to the folder"):
            export_report(sample_report("en"), folder / "report.xlsx")
    finally:
        folder.chmod(0o700)
