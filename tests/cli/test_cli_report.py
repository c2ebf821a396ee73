"""kommandesk-cli report, end to end in-process: the summary, PDF, Excel and JSON, and every bad input."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import openpyxl
import pytest

from cli_request_data import fill

SECTIONS = ["volunteers", "requests", "assignments", "trainings", "allowances"]


@pytest.fixture
def data(data_dir):
    """Three volunteers (escort), four requests received today: Amina and Tesfay at "ZUE Köln", Olena at
    "Heim Süd", Otto (cancelled) without a site."""
    return fill(data_dir)


def this_year() -> tuple[str, str]:
    year = dt.date.today().year
    return f"{year}-01-01", f"{year}-12-31"


def figures(out: str) -> dict:
    report = json.loads(out)
    return {figure["key"]: figure["value"] for section in report["sections"] for figure in section["figures"]}


# -- the summary -------------------------------------------------------------------------------------------------

def test_without_output_a_summary_of_every_section(run, data):
    first, last = this_year()
    code, out, err = run("report", "--from", first, "--to", last)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Report for the funder"
    assert f"Period: Jan 1, {first[:4]} to Dec 31, {first[:4]}" in lines
    for title in ("Volunteers", "Requests", "Assignments and hours", "Trainings", "Allowances (Ehrenamtspauschale)"):
        assert title in lines
    received = next(line for line in lines if line.strip().startswith("Requests received"))
    assert received.split()[-1] == "4"  # Amina, Olena, Tesfay and Otto, all received today


def test_the_json_holds_the_whole_report(run, data):
    first, last = this_year()
    code, out, err = run("report", "--from", first, "--to", last, "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["period"] == {"first": first, "last": last}
    assert [section["key"] for section in report["sections"]] == SECTIONS
    assert report["logo"] is None and report["empty"] is False and report["filters"] == ""
    assert figures(out)["requests_received"] == 4


def test_site_and_area_filters_are_applied_and_named(run, data):
    first, last = this_year()
    code, out, _err = run("report", "--from", first, "--to", last, "--site", "zue köln", "--json")
    assert code == 0 and figures(out)["requests_received"] == 2  # Amina and Tesfay
    assert "zue köln" in json.loads(out)["filters"]
    code, out, _err = run("report", "--from", first, "--to", last, "--area", "Begleitung zu Ämtern und Ärzten",
                          "--json")
    assert code == 0 and figures(out)["requests_received"] == 4
    assert json.loads(out)["filters"] == "Area of help: Escort to offices and doctors"
    code, out, _err = run("report", "--from", first, "--to", last, "--area", "Homework and learning help", "--json")
    assert code == 0 and figures(out)["requests_received"] == 0


def test_a_period_without_data_is_an_honest_empty_report(run, data):
    code, out, err = run("report", "--from", "2001-01-01", "--to", "2001-03-31")
    assert (code, err) == (0, "")
    assert "Nothing was recorded in this period: the sections below show zeros." in out
    assert "Requests received:" in out


def test_an_empty_database_gives_a_report_of_zeros(run, tmp_path):
    target = tmp_path / "leer.pdf"
    code, out, err = run("report", "--from", "2026-01-01", "--to", "2026-12-31", "-o", str(target))
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(b"%PDF") and str(target) in out


def test_the_summary_in_german(run, data):
    code, out, err = run("--lang", "de", "report", "--from", "01.01.2026", "--to", "31.12.2026")
    assert (code, err) == (0, "")
    assert "Zeitraum: 01.01.2026 bis 31.12.2026" in out


# -- files -------------------------------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_output_writes_the_pdf(run, data, tmp_path):
    first, last = this_year()
    target = tmp_path / "Bericht.PDF"
    code, out, err = run("report", "--from", first, "--to", last, "-o", str(target))
    assert (code, err) == (0, "")
    assert out.strip() == f"Report for the funder, Jan 1, {first[:4]} to Dec 31, {first[:4]}, written to {target}."
    text = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True, text=True).stdout
    assert "Report for the funder" in text and "Page 1 of" in text and "Requests" in text


def test_output_writes_the_workbook_and_json_still_goes_to_stdout(run, data, tmp_path):
    first, last = this_year()
    target = tmp_path / "report.xlsx"
    code, out, err = run("report", "--from", first, "--to", last, "-o", str(target), "--json")
    assert (code, err) == (0, "")
    assert [section["key"] for section in json.loads(out)["sections"]] == SECTIONS
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[0] == "Summary" and len(book.sheetnames) > 5


# -- bad input: one line on stderr, exit code 1, no file ---------------------------------------------------------

@pytest.mark.parametrize("options,message", [
    (("--from", "2026-13-01", "--to", "2026-12-31"), "--from: 2026-13-01 is not a day of the calendar"),
    (("--from", "yesterday", "--to", "2026-12-31"), "--from: yesterday is not a date: write it as YYYY-MM-DD"),
    (("--from", "2026-01-01", "--to", "31.02.2026"), "--to: 31.02.2026 is not a day of the calendar"),
    (("--from", "2026-12-31", "--to", "2026-01-01"), "--to: The period ends before it starts"),
    (("--from", "1990-01-01", "--to", "2026-01-01"), "--to: A report covers at most 20 years."),
    (("--from", "2026-01-01", "--to", "2026-12-31", "--area", "Gartenarbeit"),
     "\u201cGartenarbeit\u201d is not an area of help. The areas are:"),
    (("--from", "2026-01-01", "--to", "2026-12-31", "-o", "report.docx"),
     "Choose a file name ending in .pdf or .xlsx (not report.docx)."),
    (("--from", "2026-01-01", "--to", "2026-12-31", "-o", "missing/report.pdf"), "does not exist"),
])
def test_bad_input_gives_one_line_and_exit_code_1_and_no_file(run, data, tmp_path, monkeypatch, options, message):
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    code, out, err = run("report", *options)
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert set(tmp_path.iterdir()) == before


def test_a_folder_as_the_target_is_refused(run, data, tmp_path):
    (tmp_path / "report.pdf").mkdir()
    code, _out, err = run("report", "--from", "2026-01-01", "--to", "2026-12-31", "-o", str(tmp_path / "report.pdf"))
    assert code == 1 and "is a folder" in err


def test_missing_dates_are_a_usage_error(run, data):
    code, _out, err = run("report", "--from", "2026-01-01")
    assert code == 2 and "--to" in err
