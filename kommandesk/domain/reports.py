"""A report for the funder, as plain values: the period and filters it covers, and sections of key figures,
tables and charts. Built by services/reports.py in the active language; drawn by documents/report.py (PDF), written
by interchange/report_xlsx.py (one sheet per table) and shown by the Reports page. No Qt, no SQL.

Numbers stay numbers (the kind of a column says how to show them: :func:`format_value` in the PDF, on screen and in
the CLI, a number format in Excel). Hours are floats of hours, money integer cents, days floats (a median may fall
between two days). babel is imported on first use, never when this module is imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import Enum
from functools import lru_cache

from kommandesk.domain.errors import ValidationError
from kommandesk.i18n import _

MAX_PERIOD_DAYS = 20 * 366  # a report over more than 20 years is a typing error
DASH = "\u2013"  # a value that cannot be computed (the median of nothing)


class Kind(str, Enum):
    """How a value is shown."""

    TEXT = "text"
    COUNT = "count"  # a whole number
    HOURS = "hours"  # float hours, one decimal
    MONEY = "money"  # integer cents
    DAYS = "days"  # float days, one decimal (medians)
    PERCENT = "percent"  # 0..100, whole number
    DATE = "date"  # an ISO date string

    @property
    def numeric(self) -> bool:
        """A number (right-aligned, a number in Excel), not a text or a date."""
        return self not in (Kind.TEXT, Kind.DATE)


_NUMBER_PATTERNS = {Kind.COUNT: "#,##0", Kind.HOURS: "#,##0.0", Kind.DAYS: "#,##0.0"}


@lru_cache(maxsize=8)
def babel_locale(language: str):
    """babel's Locale of ``language``, parsed once."""
    from babel import Locale

    return Locale.parse(language)


@lru_cache(maxsize=16)
def _pattern(pattern: str):
    from babel.numbers import parse_pattern

    return parse_pattern(pattern)


def number_text(value: float, pattern: str, language: str) -> str:
    """``value`` written with a babel number pattern in ``language`` (the pattern parsed once), halves rounded
    up (4.25 days: 4.3), as people round by hand -- not to the even neighbour, babel's default."""
    import decimal

    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        return _pattern(pattern).apply(value, babel_locale(language))


def format_value(value, kind: Kind, language: str) -> str:
    """A report's value as it is shown in ``language`` (the PDF, the Reports page, the CLI's summary): counts
    whole, hours and days with one decimal (halves rounded up), money (cents) in euros, percentages whole, dates
    (ISO or date) as babel's medium date; None as a dash, "" as it is."""
    if value is None:
        return DASH
    if kind is Kind.TEXT or value == "":
        return str(value)
    if kind is Kind.MONEY:
        from babel.numbers import format_currency

        return format_currency(value / 100, "EUR", locale=babel_locale(language))
    if kind is Kind.PERCENT:
        from babel.numbers import format_percent

        return format_percent(value / 100, locale=babel_locale(language))
    if kind is Kind.DATE:
        from babel.dates import format_date

        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
        return format_date(day, "medium", locale=babel_locale(language))
    return number_text(value, _NUMBER_PATTERNS[kind], language)


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order (the categories of the line charts)."""
        result, year, month = [], self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            result.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result

    def years(self) -> list[int]:
        return list(range(self.first.year, self.last.year + 1))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))


def check_period(first: dt.date | None, last: dt.date | None) -> Period:
    """The period from two dates, or ValidationError with a translated message for each field ("from", "to")."""
    errors: dict[str, str] = {}
    if first is None:
        errors["from"] = _("Enter the first day of the period.")
    if last is None:
        errors["to"] = _("Enter the last day of the period.")
    if first is not None and last is not None:
        if last < first:
            errors["to"] = _("The period ends before it starts: the last day must be on or after the first.")
        elif (last - first).days + 1 > MAX_PERIOD_DAYS:
            errors["to"] = _("A report covers at most 20 years.")
    if errors:
        raise ValidationError(errors)
    return Period(first, last)


@dataclass(frozen=True)
class ReportFilter:
    """Empty means everything. Areas: request's area, volunteer's areas, course's areas. Site: a request's site
    (folded match); volunteers count for a site through their assignments there; trainings through the place of
    their sessions."""

    area_ids: frozenset[str] = frozenset()
    site: str = ""

    @property
    def empty(self) -> bool:
        return not self.area_ids and not self.site.strip()


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | int | None  # None: cannot be computed (a median of nothing): shown as "–"
    kind: Kind = Kind.COUNT


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class Table:
    key: str  # stable, English: the sheet's name in Excel comes from the title, this names it in JSON
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]  # one value per column
    total: tuple | None = None  # a last row of sums, when it means something
    note: str = ""  # a line under the table (what is counted, how)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]  # one per category


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str  # "bar" | "line"
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_kind: Kind = Kind.COUNT

    @property
    def empty(self) -> bool:
        return not self.categories or not any(value for s in self.series for value in s.values)


@dataclass(frozen=True)
class Section:
    key: str  # volunteers | requests | assignments | trainings | allowances
    title: str
    figures: tuple[Figure, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Report:
    title: str
    organisation: str  # the name
    organisation_address: str
    logo: bytes | None  # the organisation's logo (PNG or JPEG) for the PDF's header
    period: Period
    filters: str  # the filters in words, "" for none
    generated_on: dt.date
    language: str
    sections: tuple[Section, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. volunteers over the tax-free limit, shown above the sections
    empty: bool = False  # nothing happened in the period (the sections are there, with zeros)

    def table(self, key: str) -> Table | None:
        return next((t for s in self.sections for t in s.tables if t.key == key), None)

    def figure(self, key: str) -> Figure | None:
        return next((f for s in self.sections for f in s.figures if f.key == key), None)

    def all_tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]


def report_to_json(report: Report) -> dict:
    """The report as JSON-ready values (the CLI's --json): dates ISO, kinds as their values."""

    def convert(value):
        if isinstance(value, dict):
            return {key: convert(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [convert(item) for item in value]
        if isinstance(value, frozenset):
            return sorted(value)
        if isinstance(value, bytes):
            return None  # the logo stays out of JSON
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Enum):
            return value.value
        return value

    return convert(asdict(report))

