"""The Reports page: a period from a preset or two dates (one that ends before it starts is refused beside the field,
nothing computed), the area and site filters, the report shown (figures, warnings, charts, tables formatted and
sortable with the total last, an honest empty report), saving it as PDF or Excel (the name suggested, the folder
remembered, a failure said plainly), the keys, a language switch, and the real report service behind it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox

from kommandesk.domain.areas import DEFAULT_AREAS, AreaOfHelp
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.reports import (Chart, Column, Figure, Kind, Period, Report, ReportFilter, Section, Series,
                                       Table)
from kommandesk.tasks import TaskRunner
from kommandesk.ui.models.sortable_rows import SORT_ROLE
from ui_helpers import activate, replace_text

TODAY = dt.date(2026, 11, 20)
YEAR = Period.year(2026)
SB = QMessageBox.StandardButton
MONTHS = ("Jan 2026", "Feb 2026", "Mar 2026")
AREAS = [AreaOfHelp(f"area-{key}", de, en, key) for key, de, en in DEFAULT_AREAS[:3]] + [
    AreaOfHelp("area-old", "Kleiderkammer", "Clothing store", None, dt.date(2025, 1, 1))]


# -- a hand-made report ---------------------------------------------------------------------------------------------
OVER_LIMIT = "In 2026, 1 volunteer was paid more than the tax-free limit of €960.00."


def make_report(period: Period = YEAR, *, empty: bool = False, warnings=(OVER_LIMIT,)) -> Report:
    n = (lambda value: 0) if empty else (lambda value: value)
    areas = ("Escort to offices and doctors", "Language mentoring", "Homework and learning help")
    volunteers = Section(
        "volunteers", "Volunteers",
        (Figure("new_volunteers", "New volunteers", n(12)), Figure("active_volunteers", "Active volunteers", n(1234))),
        (Chart("volunteers_by_area", "Active volunteers by area of help", "bar", areas,
               (Series("Active volunteers", tuple(n(v) for v in (7, 5, 3))),)),
         Chart("volunteers_by_month", "New volunteers by month", "line", MONTHS,
               (Series("New volunteers", tuple(n(v) for v in (4, 0, 8))),))),
        (Table("volunteers_by_area", "Volunteers by area of help",
               (Column("area", "Area of help"), Column("active", "Active volunteers", Kind.COUNT),
                Column("new", "New volunteers", Kind.COUNT)),
               tuple((a, n(x), n(y)) for a, x, y in zip(areas, (7, 5, 3), (2, 9, 1)))),
         Table("volunteers_by_month", "New volunteers by month",
               (Column("month", "Month"), Column("new", "New volunteers", Kind.COUNT)),
               tuple(zip(MONTHS, (n(4), n(0), n(8)))))))
    requests = Section(
        "requests", "Requests",
        (Figure("requests_received", "Requests received", n(15)),
         Figure("median_days_to_assignment", "Median days to assignment", None if empty else 6.5, Kind.DAYS)),
        (),
        (Table("requests_by_area", "Requests by area of help",
               (Column("area", "Area of help"), Column("received", "Received", Kind.COUNT),
                Column("median", "Median days to assignment", Kind.DAYS)),
               () if empty else ((areas[0], 9, 4.25), (areas[1], 6, None))),))
    hours = Section(
        "assignments", "Assignments and hours",
        (Figure("hours_logged", "Hours logged", n(1234.56), Kind.HOURS),),
        (Chart("hours_by_month", "Hours by month", "line", MONTHS,
               (Series("Hours", tuple(n(v) for v in (10.5, 0.0, 2.25))),), Kind.HOURS),),
        (Table("hours_by_area", "Hours by area of help",
               (Column("area", "Area of help"), Column("assignments", "Assignments", Kind.COUNT),
                Column("hours", "Hours", Kind.HOURS)),
               tuple((a, n(c), n(h)) for a, c, h in zip(areas, (3, 10, 1), (40.25, 2.0, 1002.5))),
               (None, n(14), n(1044.75))),))
    allowances = Section(
        "allowances", "Allowances (Ehrenamtspauschale)",
        (Figure("allowances_paid", "Allowances paid", n(123450), Kind.MONEY),),
        (),
        (Table("allowances_by_volunteer", "Allowances by volunteer",
               (Column("reference", "Reference"), Column("volunteer", "Volunteer"),
                Column("payments", "Payments", Kind.COUNT), Column("paid", "Paid in the period", Kind.MONEY)),
               () if empty else (("V-2026-0042", "Müller, Şükrü", 2, 104000), ("V-2026-0007", "Nowak, Łucja", 1,
                                                                                 19450)),
               (None, None, n(3), n(123450))),))
    return Report("Report for the funder", "Integrationszentrum Musterstadt", "Rathausplatz 1, 12345 Musterstadt",
                  None, period, "", TODAY, "en", (volunteers, requests, hours, allowances),
                  () if empty else tuple(warnings), empty)


class FakeReports:
    """ReportService as the page uses it: build (recorded), sites, areas."""

    def __init__(self, report: Report | None = None, error: BaseException | None = None):
        self.report = report or make_report()
        self.error = error
        self.calls: list[tuple[Period, ReportFilter, object]] = []

    def build(self, period, flt=ReportFilter(), *, today=None, paths=None):
        self.calls.append((period, flt, paths))
        if self.error is not None:
            raise self.error
        from kommandesk.i18n import current_language

        return dataclasses.replace(self.report, period=period, language=current_language())

    def sites(self):
        return ["Am Hang", "Nordstadt", "Unterkunft Bahnhofstraße"]

    def areas(self):
        return list(AREAS)


class Recorder:
    """The save dialog, the export and the file opener, faked and recorded."""

    def __init__(self, tmp_path: Path):
        self.folder = tmp_path / "reports"
        self.folder.mkdir()
        self.asked: list[tuple[str, Path, str]] = []
        self.answer: str | None = "Funder 2026.pdf"  # the name typed in the dialog; None: cancelled
        self.exported: list[tuple[Report, Path]] = []
        self.error: BaseException | None = None
        self.opened: list = []

    def ask_path(self, parent, title, suggested: Path, name_filter: str):
        self.asked.append((title, suggested, name_filter))
        return None if self.answer is None else self.folder / self.answer

    def export(self, report: Report, path: Path) -> Path:
        if self.error is not None:
            raise self.error
        path.write_bytes(b"written")
        self.exported.append((report, path))
        return path


@pytest.fixture
def recorder(tmp_path):
    return Recorder(tmp_path)


@pytest.fixture
def make_page(qtbot, recorder):
    from kommandesk.ui.pages.reports_page import ReportsPage

    def make(reports=None, **kwargs):
        kwargs.setdefault("runner", TaskRunner(synchronous=True))
        kwargs.setdefault("today", lambda: TODAY)
        kwargs.setdefault("export", recorder.export)
        kwargs.setdefault("ask_path", recorder.ask_path)
        kwargs.setdefault("open_url", recorder.opened.append)
        page = ReportsPage(reports if reports is not None else FakeReports(), None, **kwargs)
        qtbot.addWidget(page)
        page.resize(1100, 720)
        page.show()
        qtbot.waitExposed(page)
        page.refresh()
        return page

    return make


@pytest.fixture
def page(make_page):
    return make_page()


def shown(page) -> Report:
    page.show_report()
    assert page.view.report is not None
    return page.view.report


def cells(view, role=Qt.ItemDataRole.DisplayRole) -> list[list]:
    model = view.model()
    return [[model.index(row, column).data(role) for column in range(model.columnCount())]
            for row in range(model.rowCount())]


# -- the period -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("preset,today,first,last", [
    ("this_year", "2026-11-20", "2026-01-01", "2026-12-31"),
    ("last_year", "2026-11-20", "2025-01-01", "2025-12-31"),
    ("this_quarter", "2026-11-20", "2026-10-01", "2026-12-31"),
    ("last_quarter", "2026-11-20", "2026-07-01", "2026-09-30"),
    ("last_quarter", "2026-02-10", "2025-10-01", "2025-12-31"),
    ("this_quarter", "2026-05-31", "2026-04-01", "2026-06-30"),
    ("this_month", "2028-02-10", "2028-02-01", "2028-02-29"),
    ("last_month", "2026-01-15", "2025-12-01", "2025-12-31"),
    ("last_month", "2026-03-31", "2026-02-01", "2026-02-28"),
])
def test_presets_cover_whole_calendar_periods(preset, today, first, last):
    from kommandesk.ui.widgets.period_picker import preset_dates

    assert preset_dates(preset, dt.date.fromisoformat(today)) == (dt.date.fromisoformat(first),
                                                                  dt.date.fromisoformat(last))
    assert preset_dates("custom", dt.date.fromisoformat(today)) is None


def test_a_preset_fills_the_dates_and_typing_a_date_makes_it_custom(page):
    picker = page.period
    assert picker.preset.currentText() == "This year"
    assert (picker.first.text(), picker.last.text()) == ("1/1/2026", "12/31/2026")

    picker.choose("last_quarter")
    assert (picker.first.value(), picker.last.value()) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))

    replace_text(picker.first.line, "2026-08-15")
    assert picker.preset.currentText() == "Custom period"
    assert picker.value() == Period(dt.date(2026, 8, 15), dt.date(2026, 9, 30))


def test_a_period_that_ends_before_it_starts_is_said_beside_the_field_and_nothing_is_computed(page):
    reports = page._reports
    page.period.set_dates(dt.date(2026, 5, 1), dt.date(2026, 4, 1))
    message = "The period ends before it starts: the last day must be on or after the first."
    assert page.period.last.error.isVisible() and page.period.last.error.text() == message  # at once, typing

    page.show_report()

    assert reports.calls == []
    assert page.view.report is None
    assert page.period.last.error.text() == message
    assert not page.pdf_button.isEnabled() and not page.excel_button.isEnabled()

    replace_text(page.period.last.line, "2026-06-30")  # put right: the message goes
    assert not page.period.last.error.isVisible()
    page.show_report()
    assert reports.calls[-1][0] == Period(dt.date(2026, 5, 1), dt.date(2026, 6, 30))


@pytest.mark.parametrize("first,last,field,message", [
    ("", "12/31/2026", "first", "Enter the first day of the period."),
    ("1/1/2026", "", "last", "Enter the last day of the period."),
    ("31.31.2026", "12/31/2026", "first", "This is not a date. Type it like 12/31/2025."),
    ("1/1/1990", "12/31/2026", "last", "A report covers at most 20 years."),
])
def test_missing_or_wrong_dates_are_refused(page, first, last, field, message):
    page.period.first.line.setText(first)
    page.period.last.line.setText(last)

    page.show_report()

    assert page._reports.calls == []
    assert getattr(page.period, field).error.text() == message
    assert getattr(page.period, field).line.hasFocus()


# -- filters and computing --------------------------------------------------------------------------------------
def test_the_filters_offer_every_area_in_the_ui_language_and_the_sites(page):
    assert [page.area.itemText(i) for i in range(page.area.count())] == [
        "All areas of help", "Clothing store (retired)", "Escort to offices and doctors",
        "Homework and learning help", "Language mentoring"]
    assert [page.site.itemText(i) for i in range(page.site.count())] == [
        "Am Hang", "Nordstadt", "Unterkunft Bahnhofstraße"]
    assert page.site.currentText() == ""  # every site until one is chosen or typed
    assert page.site.lineEdit().placeholderText() == "all sites"
    page.site.setCurrentIndex(1)
    assert page.current_filter().site == "Nordstadt"
    page.site.lineEdit().clear()
    assert page.current_filter() == ReportFilter()


def test_show_report_computes_with_the_period_and_filters_chosen(page):
    page.period.choose("last_year")
    page.area.setCurrentIndex(page.area.findData("area-homework"))
    page.site.setEditText("  Am Hang ")

    page.show_report()

    period, flt, paths = page._reports.calls[-1]
    assert period == Period.year(2025)
    assert flt == ReportFilter(area_ids=frozenset({"area-homework"}), site="Am Hang")
    assert paths is None  # a synchronous run uses the service's own connection
    assert page.view.report.period == Period.year(2025)
    assert page.status.text() == ""


def test_without_filters_everything_is_counted(page):
    page.show_report()
    assert page._reports.calls[-1][1] == ReportFilter()
    assert page._reports.calls[-1][1].empty


def test_off_the_gui_thread_the_report_opens_its_own_connection(make_page, paths):
    class Worker:  # a runner that hands the work to "another thread" (here: at once, but not synchronous)
        synchronous = False

        def start(self, work, *, on_done=None, on_error=None, **_callbacks):
            on_done(work(None))

    page = make_page(runner=Worker(), paths=paths)
    page.show_report()
    assert page._reports.calls[-1][2] is paths


def test_a_report_that_cannot_be_computed_is_said_plainly(make_page, answer_dialogs):
    shown_boxes = answer_dialogs(SB.Ok)
    page = make_page(FakeReports(error=KommanDeskError("The database is locked: try again.")))

    page.show_report()

    assert [box["text"] for box in shown_boxes] == ["The database is locked: try again."]
    assert page.view.report is None and page.show_button.isEnabled()
    assert not page.pdf_button.isEnabled()

    page._reports.error = RuntimeError("boom")
    page.show_report()
    assert "unexpected error" in shown_boxes[-1]["text"] and "boom" not in shown_boxes[-1]["text"]


def test_changing_the_choice_after_a_report_says_it_no_longer_fits(page):
    page.show_report()
    assert page.status.text() == ""

    page.site.setEditText("Nordstadt")
    assert "changed" in page.status.text()

    page.show_report()
    assert page.status.text() == ""


# -- the report on screen ---------------------------------------------------------------------------------------
def test_the_report_shows_its_heading_figures_warnings_and_charts(page):
    from kommandesk.ui.widgets.chart import ChartWidget

    shown(page)
    view = page.view
    texts = [label.text() for label in view.widget().findChildren(type(page.status))]

    assert "Report for the funder" in texts
    assert "January 1, 2026 to December 31, 2026" in texts
    assert "All areas of help and sites" in texts
    assert view.warnings is not None and view.warnings.isVisible()
    assert view.warnings.text.text() == OVER_LIMIT
    assert view.empty_line is None
    values = {key: tile.value.text() for key, tile in view.tiles.items()}
    assert values == {"new_volunteers": "12", "active_volunteers": "1,234", "requests_received": "15",
                      "median_days_to_assignment": "6.5", "hours_logged": "1,234.6", "allowances_paid": "€1,234.50"}
    assert view.tiles["hours_logged"].label.text() == "Hours logged"
    assert set(view.charts) == {"volunteers_by_area", "volunteers_by_month", "hours_by_month"}
    assert all(isinstance(chart, ChartWidget) and chart.isVisible() for chart in view.charts.values())
    for section in ("volunteers", "requests", "assignments", "allowances"):
        assert view.widget().findChild(type(page.status), f"section_{section}").isVisible()


def test_tables_show_formatted_numbers_right_aligned_with_the_total_last_and_bold(page):
    shown(page)
    hours = page.view.tables["hours_by_area"]

    # 40.25 hours: a half rounded up, as in the PDF
    assert cells(hours) == [["Escort to offices and doctors", "3", "40.3"], ["Language mentoring", "10", "2.0"],
                            ["Homework and learning help", "1", "1,002.5"], ["Total", "14", "1,044.8"]]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    alignments = cells(hours, Qt.ItemDataRole.TextAlignmentRole)
    assert [row[1:] for row in alignments] == [[right, right]] * 4
    assert alignments[0][0] != right
    fonts = cells(hours, Qt.ItemDataRole.FontRole)
    assert all(isinstance(font, QFont) and font.bold() for font in fonts[-1])
    assert all(font is None for row in fonts[:-1] for font in row)

    medians = cells(page.view.tables["requests_by_area"])
    assert [row[2] for row in medians] == ["4.3", "–"]  # 4.25 days: one decimal, the half up; none as a dash
    money = cells(page.view.tables["allowances_by_volunteer"])
    assert money[0] == ["V-2026-0042", "Müller, Şükrü", "2", "€1,040.00"]
    assert money[-1] == ["Total", "", "3", "€1,234.50"]


def test_halves_are_rounded_up_on_screen_as_in_the_pdf_and_excel():
    from kommandesk.domain.reports import format_value
    from kommandesk.ui.models.report_table_model import ReportTableModel

    table = Table("t", "T", (Column("hours", "Hours", Kind.HOURS), Column("days", "Days", Kind.DAYS)),
                  ((12.25, 4.35),))
    model = ReportTableModel(table)
    shown_values = [model.data(model.index(0, column)) for column in range(2)]
    assert shown_values == ["12.3", "4.4"]  # not babel's default, which rounds a half to the even neighbour
    assert shown_values == [format_value(12.25, Kind.HOURS, "en"), format_value(4.35, Kind.DAYS, "en")]


def test_a_header_click_sorts_by_the_values_and_the_total_stays_last(page, qtbot):
    shown(page)
    view = page.view.tables["hours_by_area"]
    header = view.horizontalHeader()
    assert header.sortIndicatorSection() == -1  # the report's order until clicked

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(2) + 5, header.height() // 2))
    first = [row[2] for row in cells(view)]
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    descending = [row[2] for row in cells(view)]
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    ascending = [row[2] for row in cells(view)]

    assert first in (ascending, descending)  # the click sorted by hours
    assert descending == ["1,002.5", "40.3", "2.0", "1,044.8"]  # by the number, not the text
    assert ascending == ["2.0", "40.3", "1,002.5", "1,044.8"]
    assert cells(view, SORT_ROLE)[0][2] == 2.0

    months = page.view.tables["volunteers_by_month"]
    months.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [row[0] for row in cells(months)] == list(MONTHS)  # months in their order, not alphabetical
    months.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in cells(months)] == ["Mar 2026", "Jan 2026", "Feb 2026"]

    names = page.view.tables["allowances_by_volunteer"]
    names.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [row[1] for row in cells(names)] == ["Müller, Şükrü", "Nowak, Łucja", ""]


def test_tables_are_as_high_as_their_rows(page):
    shown(page)
    for view in page.view.tables.values():
        rows = view.model().rowCount()
        needed = view.horizontalHeader().height() + rows * view.verticalHeader().defaultSectionSize()
        assert view.height() >= needed
        assert not view.verticalScrollBar().isVisible()
        assert view.editTriggers() == view.EditTrigger.NoEditTriggers


def test_long_texts_give_way_but_numbers_keep_their_width(qtbot):
    from kommandesk.ui.widgets.report_cards import column_widths

    # plenty of room: the last text column takes what is left, the numbers stay as they are
    assert column_widths([100, 200, 50, 60], [40, 60, 50, 60], [True, True, False, False], 500) == [100, 290, 50, 60]
    # too little: the texts shrink in proportion, never below their titles
    assert column_widths([100, 300, 50], [80, 60, 50], [True, True, False], 290) == [80, 160, 50]
    # numbers only: the last one takes the rest
    assert column_widths([50, 60], [50, 60], [False, False], 200) == [50, 150]


def test_a_short_text_like_a_reference_stays_whole_when_a_long_title_must_give_way(qtbot):
    from kommandesk.ui.widgets.report_cards import report_table

    table = Table("courses", "Courses", (Column("reference", "No."), Column("course", "Course"),
                                         Column("sessions", "Sessions", Kind.COUNT)),
                  (("K-2026-0001", "Basisqualifizierung Ehrenamt in der Flüchtlingshilfe " * 3, 3),))
    view = report_table(table)
    qtbot.addWidget(view)
    view.resize(400, view.height())
    view.show()
    qtbot.waitExposed(view)
    assert view.columnWidth(0) >= view.sizeHintForColumn(0)  # "K-2026-0001" whole
    assert view.columnWidth(1) < view.sizeHintForColumn(1)  # the title gives way (whole in the tooltip)


def test_an_empty_period_is_an_honest_empty_report_with_every_section(make_page):
    page = make_page(FakeReports(make_report(empty=True)))
    shown(page)
    view = page.view

    assert view.empty_line is not None and view.empty_line.isVisible()
    assert view.empty_line.text() == "Nothing was recorded in this period."
    assert view.warnings is None
    assert view.tiles["new_volunteers"].value.text() == "0"
    assert view.tiles["median_days_to_assignment"].value.text() == "–"
    assert view.tiles["allowances_paid"].value.text() == "€0.00"
    assert [row[1] for row in cells(view.tables["volunteers_by_month"])] == ["0", "0", "0"]
    assert "requests_by_area" not in view.tables  # no rows: said in words instead
    nothing = view.widget().findChild(type(page.status), "report_table_requests_by_area_empty")
    assert nothing.isVisible() and nothing.text() == "No data in this period."
    assert view.charts["volunteers_by_area"].chart.empty
    assert page.pdf_button.isEnabled()  # an empty report can still be handed in


# -- saving -----------------------------------------------------------------------------------------------------
def test_save_as_pdf_suggests_a_name_and_says_where_it_went(page, recorder, qtbot):
    report = shown(page)
    assert page.pdf_button.isEnabled() and page.excel_button.isEnabled()

    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)

    title, suggested, name_filter = recorder.asked[-1]
    assert suggested.name == "Report 2026-01-01 to 2026-12-31.pdf"
    assert name_filter == "PDF files (*.pdf)"
    assert recorder.exported == [(report, recorder.folder / "Funder 2026.pdf")]
    assert page.status.text() == "The report was saved as Funder 2026.pdf."
    assert page.open_button.isVisible()

    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in recorder.opened] == [str(recorder.folder / "Funder 2026.pdf")]


def test_save_as_excel_starts_in_the_folder_used_last_and_adds_the_suffix(page, recorder, qtbot):
    shown(page)
    page.save(".pdf")
    recorder.answer = "Zahlen"  # typed without a suffix

    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)

    _title, suggested, name_filter = recorder.asked[-1]
    assert suggested == recorder.folder / "Report 2026-01-01 to 2026-12-31.xlsx"
    assert name_filter == "Excel workbook (*.xlsx)"
    assert recorder.exported[-1][1] == recorder.folder / "Zahlen.xlsx"
    assert page.status.text() == "The report was saved as Zahlen.xlsx."


def test_the_suggested_name_follows_the_ui_language(page, recorder):
    from kommandesk.i18n import set_language

    shown(page)
    set_language("de")
    try:
        page.save(".pdf")
    finally:
        set_language("en")
    name = recorder.asked[-1][1].name
    assert "2026-01-01" in name and "2026-12-31" in name and name.endswith(".pdf")


def test_cancelling_the_save_dialog_writes_nothing(page, recorder):
    shown(page)
    recorder.answer = None
    page.save(".pdf")
    assert recorder.exported == [] and page.status.text() == "" and not page.open_button.isVisible()


@pytest.mark.parametrize("error,expected", [
    (KommanDeskError("The file is open in another program: close it and save again."),
     "The file is open in another program: close it and save again."),
    (OSError("disk on fire"), "The report was not saved: an unexpected error (details are in the log file)."),
])
def test_a_failed_save_is_said_in_a_message_and_nothing_else(page, recorder, answer_dialogs, error, expected):
    boxes = answer_dialogs(SB.Ok)
    shown(page)
    recorder.error = error

    page.save(".xlsx")

    assert [(box["title"], box["text"]) for box in boxes] == [("Report not saved", expected)]
    assert page.status.text() == "" and not page.open_button.isVisible()
    assert page.pdf_button.isEnabled()  # try again


def test_nothing_to_save_before_a_report_is_shown(page, recorder):
    assert not page.pdf_button.isEnabled() and not page.excel_button.isEnabled()
    page.save(".pdf")
    assert recorder.asked == []
    assert page.view.hint.text().startswith("Choose a period")


# -- keys and languages -----------------------------------------------------------------------------------------
def test_ctrl_return_and_enter_in_a_date_show_the_report(page, qtbot):
    activate(qtbot, page.window())
    page.area.setFocus()
    qtbot.keyClick(page.area, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(page._reports.calls) == 1

    page.period.last.line.setFocus()
    qtbot.keyClick(page.period.last.line, Qt.Key.Key_Return)
    assert len(page._reports.calls) == 2


def test_labels_name_their_fields_and_tab_runs_in_reading_order(page):
    picker = page.period
    assert picker.preset_label.buddy() is picker.preset
    assert picker.first_label.buddy() is picker.first.line and picker.last_label.buddy() is picker.last.line
    assert page.area_label.buddy() is page.area and page.site_label.buddy() is page.site
    for label in (picker.preset_label, picker.first_label, picker.last_label, page.area_label, page.site_label):
        assert "&" in label.text()
    chain = [picker.preset, picker.first.line, picker.last.line, page.area, page.site, page.show_button]
    for first, second in zip(chain, chain[1:]):
        nxt = first.nextInFocusChain()
        while nxt is not second and (nxt.focusPolicy() == Qt.FocusPolicy.NoFocus or first.isAncestorOf(nxt)):
            nxt = nxt.nextInFocusChain()
        assert nxt is second, (first.objectName(), nxt.objectName())


def test_a_language_switch_computes_the_report_again_in_the_new_language(page):
    from kommandesk.i18n import set_language

    page.period.choose("last_month")
    shown(page)
    set_language("de")
    try:
        page.retranslate()
        assert len(page._reports.calls) == 2
        assert page._reports.calls[-1][0] == Period(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
        assert page.view.report.language == "de"
        assert page.period.first.text() == "01.10.2026"  # the dates in the German way
        assert page.period.preset.currentData() == "last_month"
    finally:
        set_language("en")
        page.retranslate()


# -- through the real services ----------------------------------------------------------------------------------
def test_the_real_report_of_the_hand_made_quarter(make_page, services):
    from tests.unit.report_data import Q1, build

    data = build(services)
    page = make_page(data.reports)
    sites = [page.site.itemText(i) for i in range(page.site.count())]
    assert [site.casefold() for site in sites] == ["am hang", "turnhalle süd"]
    page.period.set_dates(Q1.first, Q1.last)

    report = shown(page)

    values = {key: tile.value.text() for key, tile in page.view.tiles.items()}
    assert values["new_volunteers"] == "3"  # V2, V3, V4 registered in Q1
    assert values["requests_received"] == "5"  # R2 .. R6
    assert values["allowances_paid"] == "€2,260.00"  # 500 + 500 (V1) + 300 (V2) + 960 (V5)
    assert page.view.warnings is not None and "2 volunteers" in page.view.warnings.text.text()
    assert [s.key for s in report.sections] == ["volunteers", "requests", "assignments", "trainings", "allowances"]
    assert set(page.view.tables) >= {"volunteers_by_area", "requests_by_status", "hours_by_month", "courses"}


def test_the_real_report_of_an_empty_database_is_honest(make_page, services):
    page = make_page(services.reports)
    page.period.choose("this_month")

    shown(page)

    assert page.view.empty_line is not None and page.view.empty_line.isVisible()
    assert len([w for w in page.view.widget().findChildren(type(page.status)) if
                w.objectName().startswith("section_")]) == 5
    assert all(tile.value.text() in ("0", "–", "0.0", "€0.00") for tile in page.view.tiles.values())


def test_the_real_export_writes_the_file_chosen(qtbot, services, paths, tmp_path):
    from kommandesk.ui.pages.reports_page import ReportsPage

    target = tmp_path / "Bericht"
    page = ReportsPage(services.reports, services.volunteers, paths=paths, runner=TaskRunner(synchronous=True),
                       ask_path=lambda *_args: target)
    qtbot.addWidget(page)
    page.refresh()
    page.show_report()

    page.save(".xlsx")

    assert (tmp_path / "Bericht.xlsx").stat().st_size > 0
    assert page.status.text() == "The report was saved as Bericht.xlsx."


def test_the_main_window_opens_the_reports_page(qtbot, main_window):
    from kommandesk.ui.pages.reports_page import ReportsPage

    activate(qtbot, main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)

    page = main_window.current_page()
    assert isinstance(page, ReportsPage) and page.isVisible()
    assert page.view.hint.text().startswith("Choose a period")
    assert page.area.count() == 1 + len(DEFAULT_AREAS)  # the areas of the new database, read when opened


def test_the_page_fits_beside_the_sidebar_of_the_default_window_in_german(make_page, german):
    # a stacked page's minimum width is the whole window's: one long row of controls once made the window at least
    # 1,250 pixels wide in German; the window opens at 1,100 with a 200-pixel sidebar
    page = make_page()
    page.retranslate()
    shown(page)
    assert page.minimumSizeHint().width() <= 880, page.minimumSizeHint().width()
