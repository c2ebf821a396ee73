"""A report for the funder as an Excel workbook: a first sheet "Summary" (title, organisation, period, filters, the
day it was made, warnings and every section's key figures), then one sheet per table of the report.

Numbers stay numbers a spreadsheet can add up: counts as whole numbers, hours and days with the format "0.0", money
in euros (cents / 100) with a euro format, dates as dates; a value that cannot be computed (the median of nothing)
is an empty cell in a table and a dash on the summary. Each table's header row is bold on a fill and frozen, its
total row bold. Texts that could be taken for formulas stay text (interchange/cells.py). The sheet names come from
the tables' titles (at most 31 characters, unique).

The workbook is built in memory (a report has a few hundred rows) and written by ``workbook.close()``; the caller
writes to a temporary file and renames it into place (services/report_export.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kommandesk.documents import catalogue
from kommandesk.domain.reports import DASH, Kind, Report, Table
from kommandesk.interchange.cells import excel_date_format, is_formula_like
from kommandesk.interchange.xlsx_writer import HEADER_FILL, MAX_SHEET_NAME, abandon, sheet_name

MONEY_FORMATS = {"de": '#,##0.00\\ "€"', "en": '"€"#,##0.00'}
NUMBER_FORMATS = {Kind.COUNT: "#,##0", Kind.HOURS: "#,##0.0", Kind.DAYS: "#,##0.0", Kind.PERCENT: "0"}
MIN_WIDTH, MAX_WIDTH = 8, 60
_WORKBOOK_OPTIONS = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}


def write_report_xlsx(path: Path, report: Report) -> int:
    """Write the workbook to ``path``; returns the number of sheets written (the summary and one per table)."""
    import xlsxwriter

    _ = catalogue(report.language).gettext
    workbook = xlsxwriter.Workbook(str(path), _WORKBOOK_OPTIONS)
    try:
        formats = _Formats(workbook, report.language)
        names = _SheetNames()
        _summary(workbook.add_worksheet(names.unique(_("Summary"))), report, formats)
        for table in report.all_tables():
            _table(workbook.add_worksheet(names.unique(table.title)), table, formats)
        count = len(workbook.worksheets())
    except BaseException:
        abandon(workbook)
        raise
    workbook.close()
    return count


class _SheetNames:
    """Sheet names from titles: what Excel accepts (xlsx_writer.sheet_name), and unique regardless of case --
    a second "Hours" becomes "Hours (2)", shortened so that the number still fits in 31 characters."""

    def __init__(self):
        self._taken: set[str] = set()

    def unique(self, title: str) -> str:
        name = sheet_name(title)
        number = 1
        candidate = name
        while candidate.casefold() in self._taken:
            number += 1
            suffix = f" ({number})"
            candidate = name[:MAX_SHEET_NAME - len(suffix)].rstrip("' ") + suffix
        self._taken.add(candidate.casefold())
        return candidate


class _Formats:
    def __init__(self, workbook, language: str):
        self.language = language
        add = workbook.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.label = add({"bold": True})
        self.section = add({"bold": True, "font_size": 12, "bottom": 1})
        self.text = None
        self.quoted = add({"quote_prefix": True})
        self.head = add({"bold": True, "bg_color": HEADER_FILL, "bottom": 1, "text_wrap": True, "valign": "top"})
        self.head_number = add({"bold": True, "bg_color": HEADER_FILL, "bottom": 1, "text_wrap": True,
                                "valign": "top", "align": "right"})
        self.total_text = add({"bold": True, "top": 1})
        self.total_quoted = add({"bold": True, "top": 1, "quote_prefix": True})
        self.right = add({"align": "right"})
        money = MONEY_FORMATS.get(language, MONEY_FORMATS["en"])
        date = excel_date_format(language)
        patterns = {**NUMBER_FORMATS, Kind.MONEY: money, Kind.DATE: date}
        self.values = {kind: add({"num_format": pattern}) for kind, pattern in patterns.items()}
        self.totals = {kind: add({"num_format": pattern, "bold": True, "top": 1}) for kind, pattern in patterns.items()}


def _number(value, kind: Kind):
    """The value as the cell holds it: euros for money, a date for an ISO date, the number otherwise."""
    if kind is Kind.MONEY:
        return value / 100
    if kind is Kind.DATE:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return value


def _write_text(sheet, row: int, column: int, text: str, style, quoted) -> None:
    sheet.write_string(row, column, text, quoted if is_formula_like(text) else style)


def _write_value(sheet, row: int, column: int, value, kind: Kind, formats: _Formats, total: bool = False) -> int:
    """Write one value; returns the width (characters) it needs."""
    if value is None or value == "":
        if total and value == "":  # the total row's empty cells still get its rule
            sheet.write_blank(row, column, None, formats.total_text)
        return 0
    if kind is Kind.TEXT or isinstance(value, str) and kind is not Kind.DATE:
        text = str(value)
        _write_text(sheet, row, column, text, formats.total_text if total else formats.text,
                    formats.total_quoted if total else formats.quoted)
        return len(text)
    number = _number(value, kind)
    style = (formats.totals if total else formats.values)[kind]
    if kind is Kind.DATE:
        sheet.write_datetime(row, column, number, style)
        return 11
    sheet.write_number(row, column, number, style)
    return len(f"{number:,.2f}") + (2 if kind is Kind.MONEY else 0)


def _table(sheet, table: Table, formats: _Formats) -> None:
    columns = table.columns
    widths = [min(max(MIN_WIDTH, max((len(word) for word in column.title.split()), default=0) + 2), MAX_WIDTH)
              for column in columns]
    for index, column in enumerate(columns):
        _write_text(sheet, 0, index, column.title, formats.head_number if column.kind.numeric else formats.head,
                    formats.head)
        widths[index] = max(widths[index], min(len(column.title), 24))
    sheet.freeze_panes(1, 0)
    rows = list(table.rows)
    for number, values in enumerate(rows, start=1):
        for index, (value, column) in enumerate(zip(values, columns)):
            widths[index] = max(widths[index], _write_value(sheet, number, index, value, column.kind, formats))
    last = len(rows)
    if table.total is not None:
        last += 1
        for index, (value, column) in enumerate(zip(table.total, columns)):
            widths[index] = max(widths[index], _write_value(sheet, last, index, value, column.kind, formats,
                                                            total=True))
    if table.note:
        _write_text(sheet, last + 2, 0, table.note, formats.text, formats.quoted)
    for index, width in enumerate(widths):
        sheet.set_column(index, index, min(width, MAX_WIDTH) + 1)
    if columns and rows:
        sheet.autofilter(0, 0, len(rows), len(columns) - 1)


def _summary(sheet, report: Report, formats: _Formats) -> None:
    from babel.dates import format_date

    messages = catalogue(report.language)
    _, pgettext = messages.gettext, messages.pgettext
    language = report.language
    sheet.write_string(0, 0, report.title, formats.title)
    lines = [(pgettext("report summary", "Organisation"), report.organisation),
             (_("Address"), report.organisation_address),
             (_("Period"), _("{first} to {last}").format(first=format_date(report.period.first, "medium",
                                                                              locale=language),
                                                          last=format_date(report.period.last, "medium",
                                                                           locale=language))),
             (_("Filters"), report.filters or _("No filters")),
             (_("Generated on"), format_date(report.generated_on, "medium", locale=language))]
    row = 2
    width = max(len(label) for label, _value in lines)
    for label, value in lines:
        if not value:
            continue
        sheet.write_string(row, 0, label, formats.label)
        _write_text(sheet, row, 1, value, formats.text, formats.quoted)
        row += 1
    if report.empty:
        row += 1
        sheet.write_string(row, 0, _("Nothing was recorded in this period: the sections below show zeros."))
        row += 1
    if report.warnings:
        row += 1
        for warning in report.warnings:
            _write_text(sheet, row, 0, warning, formats.text, formats.quoted)
            row += 1
    for section in report.sections:
        if not section.figures:
            continue
        row += 1
        sheet.write_string(row, 0, section.title, formats.section)
        sheet.write_blank(row, 1, None, formats.section)
        row += 1
        for figure in section.figures:
            _write_text(sheet, row, 0, figure.label, formats.text, formats.quoted)
            width = max(width, len(figure.label))
            if figure.value is None:
                sheet.write_string(row, 1, DASH, formats.right)
            else:
                _write_value(sheet, row, 1, figure.value, figure.kind, formats)
            row += 1
    sheet.set_column(0, 0, min(width, MAX_WIDTH) + 2)
    sheet.set_column(1, 1, 36)
