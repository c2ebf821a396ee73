"""CSV for German Excel: UTF-8 with a byte order mark (without it Excel reads UTF-8 as Windows-1252 and shows
"MÃ¼ller"), ``;`` between the cells (Excel in a German Windows expects it: ``,`` is the decimal comma), CRLF line
ends, dates as the UI language writes them, and texts that could be taken for formulas neutralised
(see :mod:`kommandesk.interchange.cells`)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from kommandesk.interchange.cells import Column, Kind, csv_text, date_text

ENCODING = "utf-8-sig"
DELIMITER = ";"
LINE_END = "\r\n"


def cell_text(value: object, language: str) -> str:
    """One value as the text of its cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, dt.date):  # a datetime is a date too: its day is written
        return date_text(value if type(value) is dt.date else value.date(), language)
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        from babel.numbers import format_decimal

        return format_decimal(value, locale=language, group_separator=False)
    return csv_text(str(value))


def _converter(kind: Kind, language: str) -> Callable[[object], str]:
    """The conversion of one column's values: chosen once per column, not looked up for every cell."""
    if kind is Kind.TEXT:
        def text(value: object) -> str:
            if value.__class__ is str:
                return value if value[:1] not in _RISKY_FIRST else csv_text(value)
            return cell_text(value, language)

        return text
    if kind is Kind.DATE:
        def date(value: object) -> str:
            if value.__class__ is dt.date:
                return date_text(value, language)
            return cell_text(value, language)

        return date
    return lambda value: cell_text(value, language)


def write_csv(path: Path, columns: Sequence[Column], rows: Iterable[Sequence[object]], language: str) -> int:
    """Write the header and ``rows`` (one value per column) to ``path``; returns the number of rows written.

    ``rows`` may be a generator that raises (a cancelled export): the exception passes through, and the caller
    discards the half-written file (see :mod:`kommandesk.interchange.atomic`)."""
    converters = [_converter(column.kind, language) for column in columns]
    count = 0
    with path.open("w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh, delimiter=DELIMITER, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
        writer.writerow([csv_text(column.header) for column in columns])
        writerow = writer.writerow
        for row in rows:
            writerow([convert(value) for convert, value in zip(converters, row)])
            count += 1
    return count


# The first characters after which a text may need an apostrophe (the full check is cells.is_formula_like).
_RISKY_FIRST = frozenset("=+-@ \t\r\n")
