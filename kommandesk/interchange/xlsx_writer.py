"""XLSX with typed cells: texts as strings, dates as real Excel dates (a number with a date format, so Excel
sorts and filters them as dates), numbers as numbers. The header row is bold on a fill and frozen, every column
has an autofilter, and the widths follow the content (within limits).

Written with XlsxWriter in its constant-memory mode: each row goes to disk as it is written, so 50,000 volunteers
take no more memory than 50. (openpyxl's write-only mode needs about twice as long for the same sheet; it stays
the library that *reads* workbooks.) Texts that could be taken for formulas are written as strings with the
"quote prefix" style (see :mod:`kommandesk.interchange.cells`); XlsxWriter is told never to turn a string into a
formula, a number or a link.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from kommandesk.interchange.cells import Column, Kind, is_formula_like

HEADER_FILL = "#DCE6F1"
MAX_SHEET_NAME = 31
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WORKBOOK_OPTIONS = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                     "strings_to_urls": False}


def sheet_name(title: str) -> str:
    """A name Excel accepts for a sheet (at most 31 characters, none of []:*?/\\, no quote at either end), with
    no space at either end -- also where the title was cut."""
    return _SHEET_NAME_FORBIDDEN.sub(" ", title).strip("' ")[:MAX_SHEET_NAME].rstrip("' ") or "Sheet1"


def write_xlsx(path: Path, columns: Sequence[Column], rows: Iterable[Sequence[object]], *, title: str,
               date_format: str) -> int:
    """Write the header and ``rows`` (one value per column) as one sheet to ``path``; returns the rows written.

    ``rows`` may raise (a cancelled export): the exception passes through; XlsxWriter's temporary row file lives
    in a private folder that is removed either way, and the caller discards the incomplete ``path``."""
    import xlsxwriter

    with tempfile.TemporaryDirectory(prefix=".kommandesk-xlsx-", dir=path.parent) as scratch:
        workbook = xlsxwriter.Workbook(str(path), _WORKBOOK_OPTIONS | {"tmpdir": scratch})
        try:
            count = _fill(workbook, columns, rows, title, date_format)
        except BaseException:
            abandon(workbook)
            raise
        workbook.close()
    return count


def _fill(workbook, columns: Sequence[Column], rows: Iterable[Sequence[object]], title: str,
          date_format: str) -> int:
    sheet = workbook.add_worksheet(sheet_name(title))
    header = workbook.add_format({"bold": True, "bg_color": HEADER_FILL, "bottom": 1, "text_wrap": False})
    header_quoted = workbook.add_format({"bold": True, "bg_color": HEADER_FILL, "bottom": 1, "quote_prefix": True})
    quoted = workbook.add_format({"quote_prefix": True})
    date = workbook.add_format({"num_format": date_format, "align": "left"})
    sheet.freeze_panes(1, 0)
    for index, column in enumerate(columns):
        sheet.write_string(0, index, column.header, header_quoted if is_formula_like(column.header) else header)
    widths = [max(column.width, len(column.header) + 3) for column in columns]  # +3: the filter button
    limits = [max(column.max_width, width) for column, width in zip(columns, widths)]
    kinds = [column.kind for column in columns]
    write_string, write_number, write_datetime = sheet.write_string, sheet.write_number, sheet.write_datetime
    row_number = 0
    for row_number, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if value is None or value == "":
                continue
            if value.__class__ is str:
                if value[0].isalnum() or not is_formula_like(value):
                    write_string(row_number, index, value)
                else:
                    write_string(row_number, index, value, quoted)
                size = len(value) if "\n" not in value else max(len(line) for line in value.split("\n"))
                if size > widths[index]:
                    widths[index] = min(size, limits[index])
            elif isinstance(value, dt.date):
                write_datetime(row_number, index, value, date)
            elif isinstance(value, (int, float)) and kinds[index] is Kind.NUMBER:
                write_number(row_number, index, value)
                size = len(str(value))
                if size > widths[index]:
                    widths[index] = min(size, limits[index])
            else:
                text = str(value)
                write_string(row_number, index, text, quoted if is_formula_like(text) else None)
    for index, (column, width) in enumerate(zip(columns, widths)):
        sheet.set_column(index, index, width + 1 if column.kind is not Kind.DATE else max(width, 11))
    if columns:
        sheet.autofilter(0, 0, max(row_number, 1), len(columns) - 1)
    return row_number


def abandon(workbook) -> None:
    """Close the row file XlsxWriter keeps open (its folder is removed by the caller) without writing the book."""
    for sheet in workbook.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None and not handle.closed:
            handle.close()
    workbook.fileclosed = True  # a later close() must not write the half-made book
