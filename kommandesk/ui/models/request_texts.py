"""How a request's time, languages and hours read in the UI language (babel; nothing formatted by hand).

Used by the request list, the request form and its assignments tab. ``kommandesk.i18n.formatting`` has no time
formatting yet: the two small babel calls for times live here (the lead may move them there).
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from kommandesk.domain.availability import Period, Slot
from kommandesk.domain.schedule import Appointment
from kommandesk.i18n import _, current_language
from kommandesk.i18n.formatting import format_date

PERIODS = tuple(Period)


def _locale() -> Locale:
    return Locale.parse(current_language())


def _twelve_hours() -> bool:
    return "h" in _locale().time_formats["short"].pattern


def format_time_span(start: dt.time, end: dt.time) -> str:
    """'09:00–11:00 Uhr' / '9:00 – 11:00 AM' (the locale's interval format)."""
    return babel_dates.format_interval(start, end, "hm" if _twelve_hours() else "Hm", locale=_locale())


def format_day(value: dt.date) -> str:
    """The day with its weekday: 'Di., 1.12.2026' / 'Tue, 12/1/2026'."""
    return babel_dates.format_skeleton("yMEd", value, locale=_locale())


def appointment_text(appointment: Appointment) -> str:
    return _("{day}, {times}").format(day=format_day(appointment.day),
                                      times=format_time_span(appointment.start, appointment.end))


def slots_text(slots) -> str:
    """'Tue morning, Thu afternoon' (weekday abbreviations in the UI language, Monday first)."""
    days = _locale().days["format"]["abbreviated"]
    ordered = sorted(slots, key=lambda slot: (slot[0], PERIODS.index(slot[1])))
    return ", ".join(_("{weekday} {period}").format(weekday=days[day], period=period.label())
                     for day, period in ordered)


def weekly_text(slots, first_day: dt.date | None, last_day: dt.date | None) -> str:
    times = slots_text(slots) or _("no weekly time chosen")
    if first_day and last_day:
        return _("{times}, from {first} to {last}").format(times=times, first=format_date(first_day, "short"),
                                                         last=format_date(last_day, "short"))
    if first_day:
        return _("{times}, from {first}, open-ended").format(times=times, first=format_date(first_day, "short"))
    return times


def when_text(appointment: Appointment | None, slots: frozenset[Slot], first_day: dt.date | None,
              last_day: dt.date | None) -> str:
    """The "when" of a request: its appointment, its weekly times, or "no fixed time"."""
    if appointment is not None:
        return appointment_text(appointment)
    if slots:
        return weekly_text(slots, first_day, last_day)
    return _("no fixed time")


def format_hours(minutes: int) -> str:
    """Minutes as hours with up to two decimals in the UI language: 90 -> '1,5' / '1.5'."""
    return babel_numbers.format_decimal(minutes / 60, format="#,##0.##", locale=_locale())


def hours_text(minutes: int) -> str:
    return _("{hours} h").format(hours=format_hours(minutes))
