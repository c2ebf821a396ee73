"""The report for the funder as PDF, read back with pdftotext: what a coordinator hands to the funder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest

from kommandesk.documents import fonts
from kommandesk.documents.report import CONTENT_WIDTH, report_pdf
from kommandesk.documents.report_charts import axis_text, chart_drawing, nice_step
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.reports import Chart, Kind, Series, Table, format_value
from tests.unit.report_samples import (ARABIC_NAME, LONG_TABLE_TITLE, MARKUP_NAME, big_report, empty_report,
                                       month_labels, sample_report)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


def pages_of(pdf: bytes, tmp_path, *, layout: bool = False) -> list[str]:
    """The text of each page."""
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(source), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8").split("\f")[:-1]


def logo_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), (23, 77, 107)).save(buffer, "PNG")
    return buffer.getvalue()


# -- what the first page says ------------------------------------------------------------------------------------

def test_the_first_page_names_organisation_title_period_filters_and_the_day_it_was_made(tmp_path):
    first = pages_of(report_pdf(sample_report("en")), tmp_path)[0]
    for expected in ("Integrationszentrum <Nord> & Partner", "Am Hang 3, 50667 Köln", "Report for the funder",
                     "Period: January 1, 2026 to December 31, 2026",
                     "Filters: Area of help: Escort to offices and doctors; Site: Am Hang",
                     "Generated on January 15, 2027",
                     "In 2026, 1 volunteer was paid more than the tax-free limit of 960.00 EUR."):
        assert expected in first, expected


def test_a_report_without_filters_does_not_print_a_filters_line(tmp_path):
    text = "".join(pages_of(report_pdf(sample_report("en", filters=False)), tmp_path))
    assert "Filters" not in text


def test_every_section_with_its_figures_in_the_report_language(tmp_path):
    text = " ".join(" ".join(pages_of(report_pdf(sample_report("en")), tmp_path, layout=True)).split())
    for expected in ("Volunteers", "Requests", "Assignments and hours", "Trainings",
                     "Allowances (Ehrenamtspauschale)",
                     "17 1,234 New volunteers Active volunteers",  # counts whole, grouped
                     "57 4.3 \u2013",  # a median of 4.25 days: one decimal, rounded up; None as a dash
                     "1,234.6 Hours logged",  # hours: one decimal
                     "88 321.3",
                     "\u20ac1,020.00 Allowances paid"):  # money in euros from cents
        assert expected in text, expected


def test_tables_list_their_rows_and_total(tmp_path):
    text = "\n".join(pages_of(report_pdf(sample_report("en")), tmp_path, layout=True))
    rows = [" ".join(line.split()) for line in text.splitlines()]
    assert "Escort to offices and doctors 12 3" in rows
    assert "Jan 2026 4 3" in rows and "Dec 2026 3 1" in rows
    assert "Total 57 43" in rows  # the requests by month: 4+6+3+8+5+7+2+0+9+4+6+3 and the assigned ones
    assert "Escort to offices and doctors 1,000.0" in rows  # hours with one decimal (1000.04)
    assert "K-2026-0006 Course 6: German for escorts Module 3 4 15 17.5 0" in rows
    assert "V-2026-0004 Person 0 1 \u20ac270.00" in rows
    assert "Total 7 \u20ac1,020.00" in rows
    assert "Module 2 1 18 60.5" in rows


def test_a_long_table_title_wraps_and_is_printed_whole(tmp_path):
    text = " ".join(" ".join(pages_of(report_pdf(sample_report("en")), tmp_path)).split())
    assert LONG_TABLE_TITLE in text


def test_markup_in_names_and_titles_is_printed_as_typed(tmp_path):
    text = "\n".join(pages_of(report_pdf(sample_report("en")), tmp_path))
    assert text.count(MARKUP_NAME) >= 3  # the chart's label, the table of areas and the allowances table
    assert "Integrationszentrum <Nord> & Partner" in text
    assert '=HYPERLINK("http://example.org","x")' in text


def test_an_arabic_name_is_joined_and_read_back_in_its_order(tmp_path):
    text = "\n".join(pages_of(report_pdf(sample_report("en")), tmp_path))
    arabic = {unicodedata.normalize("NFKC", line.strip("\u202b\u202c ")) for line in text.splitlines()
              if fonts.has_rtl(line)}
    assert ARABIC_NAME in arabic


def test_a_german_report_has_german_words_dates_and_numbers(tmp_path):
    pages = pages_of(report_pdf(sample_report("de")), tmp_path, layout=True)
    text = " ".join(" ".join(pages).split())
    for expected in ("Bericht für den Fördergeber", "Zeitraum: 1. Januar 2026 bis 31. Dezember 2026",
                     "Erfasste Stunden", "1.234,6", "1.020,00 \u20ac", "4,3", "Seite 1 von", "Gesamt 57 43",
                     "Begleitung zu Ämtern und Ärzten 1.000,0"):
        assert expected in text, expected
    assert "Period" not in text and "Page 1" not in text


def test_the_report_is_in_its_own_language_whatever_the_interface_says(tmp_path, german):
    text = " ".join(pages_of(report_pdf(sample_report("en")), tmp_path))
    assert "Period: January 1, 2026" in text and "Zeitraum" not in text


# -- pages -------------------------------------------------------------------------------------------------------

def test_every_page_has_the_footer_with_page_n_of_m(tmp_path):
    pages = pages_of(report_pdf(sample_report("en")), tmp_path)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Integrationszentrum <Nord> & Partner \u00b7 Report for the funder \u00b7 Jan 1, 2026 to Dec 31, " \
               "2026" in page


def test_a_long_table_runs_over_pages_with_its_header_on_each(tmp_path):
    pages = pages_of(report_pdf(big_report("en")), tmp_path)
    with_courses = [page for page in pages if re.search(r"K-2026-\d{4}", page)]
    assert len(with_courses) >= 4
    for page in with_courses:
        assert "Reference" in page and "Certificates" in page  # the header row, repeated
    text = "\n".join(pages)
    assert all(f"K-2026-{n:04d}" in text for n in range(1, 201))  # no row lost at a page break
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


# -- charts ------------------------------------------------------------------------------------------------------

def test_charts_are_drawn_with_month_labels_and_a_legend_for_two_series(tmp_path):
    text = "\n".join(pages_of(report_pdf(sample_report("en")), tmp_path))
    assert text.count("Requests received") >= 3  # the figure, the chart's legend, the table's header
    drawing = chart_drawing(sample_report("en").sections[1].charts[0], "en", CONTENT_WIDTH)
    strings = _strings(drawing)
    assert "Requests received" in strings and "Assigned" in strings  # the legend
    assert {"Jan", "Dec"} <= set(strings) or {"Jan 2026", "Dec 2026"} <= set(strings)  # every month named
    assert {"0", "2", "4", "6", "8", "10"} <= set(strings)  # the value axis in round steps
    single = chart_drawing(sample_report("en").sections[2].charts[0], "en", CONTENT_WIDTH)
    assert "Hours logged" not in _strings(single)  # one series: no legend


def test_an_empty_chart_is_not_drawn():
    assert chart_drawing(Chart("x", "Nothing", "bar", (), ()), "en", 400) is None
    assert chart_drawing(Chart("x", "Zeros", "line", ("Jan 2026",), (Series("a", (0.0,)),)), "en", 400) is None


def test_chart_numbers_are_written_in_the_report_language():
    chart = Chart("h", "Hours", "bar", ("Escort", "Homework"), (Series("Hours", (1234.5, 20.0)),), Kind.HOURS)
    german = _strings(chart_drawing(chart, "de", 480))
    assert "1.234,5" in german and "20" in german
    english = _strings(chart_drawing(chart, "en", 480))
    assert "1,234.5" in english
    assert axis_text(120000, Kind.MONEY, "de") == "1.200\u00a0\u20ac"


def test_many_months_are_labelled_without_overlapping():
    labels = tuple(f"{m} {y}" for y in (2025, 2026) for m in month_labels("en")) * 1
    chart = Chart("m", "Months", "line", labels[:24], (Series("n", tuple(float(i) for i in range(24))),))
    shown = [s for s in _strings(chart_drawing(chart, "en", 480)) if "20" in s and " " in s]
    assert 0 < len(shown) <= 12


def test_axis_steps_are_round_and_whole_for_counts():
    assert nice_step(3, Kind.COUNT) == 1
    assert nice_step(57, Kind.COUNT) == 20
    assert nice_step(1234.5, Kind.HOURS) == 500
    assert nice_step(0.8, Kind.HOURS) == 0.2


def _strings(drawing) -> list[str]:
    from reportlab.graphics.shapes import Group, String

    found = []

    def walk(node):
        if isinstance(node, String):
            found.extend(node.text.split("\n"))
        for child in getattr(node, "contents", []):
            walk(child)
        if not isinstance(node, (Group, String)) and hasattr(node, "draw"):
            walk(node.draw())

    walk(drawing)
    return found


# -- values ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,kind,language,expected", [
    (1234, Kind.COUNT, "en", "1,234"), (1234, Kind.COUNT, "de", "1.234"),
    (12.25, Kind.HOURS, "en", "12.3"), (12.25, Kind.HOURS, "de", "12,3"), (0.04, Kind.HOURS, "en", "0.0"),
    (4.5, Kind.DAYS, "de", "4,5"), (None, Kind.DAYS, "en", "\u2013"), (None, Kind.MONEY, "de", "\u2013"),
    (96000, Kind.MONEY, "de", "960,00\u00a0\u20ac"), (96000, Kind.MONEY, "en", "\u20ac960.00"),
    (42, Kind.PERCENT, "en", "42%"), ("2026-03-01", Kind.DATE, "de", "01.03.2026"),
    ("Jan 2026", Kind.TEXT, "en", "Jan 2026"), (2026, Kind.TEXT, "en", "2026"), ("", Kind.MONEY, "en", ""),
    (dt.date(2026, 3, 1), Kind.DATE, "en", "Mar 1, 2026"), ("not a day", Kind.DATE, "en", "not a day"),
])
def test_values_are_formatted_by_kind_and_language(value, kind, language, expected):
    assert format_value(value, kind, language) == expected


# -- odd reports -------------------------------------------------------------------------------------------------

def test_an_empty_report_is_one_honest_page(tmp_path):
    pages = pages_of(report_pdf(empty_report("en")), tmp_path)
    assert len(pages) == 1
    page = pages[0]
    assert "Nothing was recorded in this period" in page
    assert "No data in this period." in page  # the table without rows
    assert page.count("Jan 2026") == 1  # the line chart of zeros is not drawn; the table still lists the month
    assert "Page 1 of 1" in page and "\u2013" in page  # the median of nothing


def test_a_report_without_sections_still_makes_a_pdf(tmp_path):
    report = dataclasses.replace(empty_report("en"), sections=(), organisation="", organisation_address="")
    assert "Report for the funder" in pages_of(report_pdf(report), tmp_path)[0]


def test_a_table_with_only_number_columns_and_a_very_wide_table_fit_the_page(tmp_path):
    from kommandesk.domain.reports import Column, Section

    numbers = Table("n", "Numbers", tuple(Column(f"c{i}", f"Column {i}", Kind.HOURS) for i in range(3)),
                    ((1.0, 2.0, 3.0),))
    wide = Table("w", "Wide", (Column("t", "Text"),) + tuple(
        Column(f"c{i}", f"Anwesenheitsstunden {i}", Kind.MONEY) for i in range(9)),
        (("Begleitung zu Ämtern und Ärzten",) + tuple(123456789 for _ in range(9)),))
    report = dataclasses.replace(empty_report("de"), sections=(Section("s", "S", tables=(numbers, wide)),))
    text = pages_of(report_pdf(report), tmp_path)[0]
    assert "Column 2" in text
    assert text.count("1.234.567,89 \u20ac") == 9  # each on one line, at a smaller size (pdftotext: a space)


def test_a_logo_is_drawn_and_a_broken_logo_does_not_stop_the_report(tmp_path):
    with_logo = report_pdf(sample_report("en", logo=logo_png()))
    assert b"/Subtype /Image" in with_logo
    broken = report_pdf(sample_report("en", logo=b"\x89PNG\r\n\x1a\nbroken"))
    assert "Report for the funder" in pages_of(broken, tmp_path)[0]


def test_fonts_are_embedded_not_the_builtin_helvetica():
    pdf = report_pdf(sample_report("en"))
    assert b"FontFile2" in pdf and b"Helvetica" not in pdf


def test_the_same_report_gives_the_same_bytes():
    assert report_pdf(sample_report("de")) == report_pdf(sample_report("de"))


def test_importing_the_modules_does_not_load_reportlab():
    code = ("import sys, kommandesk.documents.report, kommandesk.interchange.report_xlsx, "
            "kommandesk.services.report_export; "
            "print(sorted(m for m in ('reportlab', 'xlsxwriter', 'openpyxl', 'arabic_reshaper') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


# -- export ------------------------------------------------------------------------------------------------------

def test_export_writes_a_pdf_by_its_suffix_in_any_case(tmp_path):
    from kommandesk.services.report_export import export_report

    written = export_report(sample_report("en"), tmp_path / "Report.PDF")
    assert written == tmp_path / "Report.PDF" and written.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["Report.PDF"]  # no temporary file left


def test_export_refuses_a_suffix_it_does_not_write(tmp_path):
    from kommandesk.services.report_export import export_report

    with pytest.raises(KommanDeskError, match=r"ending in \.pdf or \.xlsx \(not report\.docx\)"):
        export_report(sample_report("en"), tmp_path / "report.docx")
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_folder_or_onto_a_folder_says_so(tmp_path):
    from kommandesk.services.report_export import export_report

    with pytest.raises(KommanDeskError, match="does not exist"):
        export_report(sample_report("en"), tmp_path / "missing" / "report.pdf")
    (tmp_path / "taken.pdf").mkdir()
    with pytest.raises(KommanDeskError, match="is a folder"):
        export_report(sample_report("en"), tmp_path / "taken.pdf")
    assert not (tmp_path / "missing").exists()


def test_a_failure_while_making_the_pdf_leaves_an_older_file_as_it_was(tmp_path, monkeypatch):
    from kommandesk.documents import report as report_module
    from kommandesk.services.report_export import export_report

    target = tmp_path / "report.pdf"
    target.write_bytes(b"older")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(report_module, "_section", broken)
    with pytest.raises(RuntimeError):
        export_report(sample_report("en"), target)
    assert target.read_bytes() == b"older" and [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
