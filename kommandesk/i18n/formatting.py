"""Dates, numbers and language names in the active UI language (babel; never hand-formatted)."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from kommandesk.i18n import current_language
from kommandesk.i18n.language_codes import BABEL_KEYS


def _locale() -> Locale:
    return Locale.parse(current_language())


def format_date(value: dt.date, format: str = "medium") -> str:
    return babel_dates.format_date(value, format=format, locale=_locale())


def format_time(value: dt.time) -> str:
    """A time of day in the UI language: 09:00 in German, 9:00 AM in English."""
    return babel_dates.format_time(value, "short", locale=_locale())


def format_datetime(value: dt.datetime, format: str = "medium") -> str:
    return babel_dates.format_datetime(value, format=format, locale=_locale())


def format_number(value: float | int) -> str:
    return babel_numbers.format_decimal(value, locale=_locale())


def format_bytes(size: int) -> str:
    """A file size such as '1,5 MB' / '1.5 MB'."""
    units = ("B", "KB", "MB", "GB")
    amount = float(size)
    for unit in units:
        if amount < 1024 or unit == units[-1]:
            break
        amount /= 1024
    pattern = "#,##0" if unit == "B" else "#,##0.0"
    return f"{babel_numbers.format_decimal(amount, format=pattern, locale=_locale())} {unit}"


def format_cents(cents: int, currency: str = "EUR") -> str:
    return babel_numbers.format_currency(cents / 100, currency, locale=_locale())


def language_name(code: str) -> str:
    """'ar' -> 'Arabisch' in German, 'Arabic' in English; the code itself when babel does not know it.
    Dari ('prs') is named by babel only as the Afghan variant of Persian ('fa_AF')."""
    return _locale().languages.get(BABEL_KEYS.get(code, code), code)


def parse_date(text: str) -> dt.date:
    """Parse a date typed in the UI language's short format (raises ValueError)."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    return babel_dates.parse_date(text, locale=_locale())
