"""How a course's figures read in the UI language: planned time in the course's unit, places, dates (babel;
nothing formatted by hand). Shared by the course list, the course detail and the trainings dialogs."""

from __future__ import annotations

import datetime as dt

from babel import numbers as babel_numbers

from kommandesk.domain.trainings import TimeUnit
from kommandesk.i18n import _, current_language, ngettext
from kommandesk.i18n.formatting import format_date, format_number


def amount_text(minutes: int, unit: TimeUnit) -> str:
    """'12 hours', '1.5 hours', '16 teaching units' (at most two decimals, in the UI language)."""
    amount = unit.amount(minutes)
    shown = babel_numbers.format_decimal(round(amount, 2), format="#,##0.##", locale=current_language())
    plural = 1 if abs(amount - 1) < 1e-9 else 2
    if unit is TimeUnit.HOURS:
        return ngettext("{amount} hour", "{amount} hours", plural).format(amount=shown)
    return ngettext("{amount} teaching unit", "{amount} teaching units", plural).format(amount=shown)


def minutes_text(minutes: int) -> str:
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=format_number(minutes))


def places_text(registered: int, capacity: int, waiting: int) -> str:
    """'12 of 20' or '20 of 20, 3 waiting'."""
    if waiting:
        return ngettext("{registered} of {capacity}, {waiting} waiting", "{registered} of {capacity}, {waiting} "
                        "waiting", waiting).format(registered=format_number(registered),
                                                   capacity=format_number(capacity), waiting=format_number(waiting))
    return _("{registered} of {capacity}").format(registered=format_number(registered),
                                                  capacity=format_number(capacity))


def days_text(first: dt.date | None, last: dt.date | None) -> str:
    """'03.03.2026' or '03.03.2026 – 24.03.2026'; '' when there is no session yet."""
    if first is None:
        return ""
    if last is None or last == first:
        return format_date(first)
    return _("{first} – {last}").format(first=format_date(first), last=format_date(last))
