"""A report's values as the Reports page shows them, by their Kind (domain/reports.py): counts as whole numbers,
hours and days with one decimal, money from cents in the currency, percentages, dates; None (a median of nothing)
as "–". Axis ticks of a chart are shorter: money in whole euros, hours without a trailing ",0"."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel import numbers as babel_numbers

from kommandesk.domain.reports import Kind
from kommandesk.i18n import current_language
from kommandesk.i18n.formatting import format_cents, format_date, format_number

NOTHING = "–"  # a value that cannot be computed
NUMERIC = frozenset({Kind.COUNT, Kind.HOURS, Kind.MONEY, Kind.DAYS, Kind.PERCENT})


def _decimal(value: float, pattern: str) -> str:
    return babel_numbers.format_decimal(value, format=pattern, locale=current_language())


def format_value(value, kind: Kind) -> str:
    """One cell or figure, in the UI language."""
    if value is None:
        return NOTHING
    if kind is Kind.TEXT:
        return str(value)
    if kind is Kind.COUNT:
        return format_number(int(round(value)))
    if kind in (Kind.HOURS, Kind.DAYS):
        return _decimal(value, "#,##0.0")
    if kind is Kind.MONEY:
        return format_cents(int(value))
    if kind is Kind.PERCENT:
        return babel_numbers.format_percent(value / 100, locale=current_language())
    if kind is Kind.DATE:
        try:
            return format_date(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def format_tick(value: float, kind: Kind) -> str:
    """A label on a chart's value axis (ticks are round: see ui/widgets/chart.py)."""
    if kind is Kind.MONEY:
        pattern = Locale.parse(current_language()).currency_formats["standard"].pattern
        whole = pattern.split(";")[0].replace(".00", "")
        return babel_numbers.format_currency(value / 100, "EUR", format=whole, locale=current_language(),
                                             currency_digits=False)
    if kind is Kind.PERCENT:
        return babel_numbers.format_percent(value / 100, locale=current_language())
    return _decimal(value, "#,##0.##")
