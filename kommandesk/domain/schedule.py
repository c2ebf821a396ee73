"""When a request needs help: one appointment (a day and a time span) or weekly slots from a first day (to a
last day, or open-ended), and whether two such times collide (a volunteer cannot be in two places at once).

Times of day map onto the volunteers' weekly grid: morning before 12:00, afternoon 12:00-18:00, evening from
18:00. An appointment from 11:00 to 13:00 needs the volunteer free both in the morning and in the afternoon.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kommandesk.domain.availability import Period, Slot

NOON = dt.time(12, 0)
SIX_PM = dt.time(18, 0)
OPEN_END_DAYS = 91  # an open-ended request is looked at over its first three months (clearance, absences)


def periods_of(start: dt.time, end: dt.time) -> tuple[Period, ...]:
    """The parts of the day a time span touches (a span ending at 12:00 sharp is a morning)."""
    found = []
    if start < NOON:
        found.append(Period.MORNING)
    if start < SIX_PM and end > NOON:
        found.append(Period.AFTERNOON)
    if end > SIX_PM:
        found.append(Period.EVENING)
    return tuple(found)


@dataclass(frozen=True)
class Appointment:
    day: dt.date
    start: dt.time
    end: dt.time

    @property
    def slots(self) -> frozenset[Slot]:
        return frozenset((self.day.weekday(), period) for period in periods_of(self.start, self.end))

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


@dataclass(frozen=True)
class Recurrence:
    slots: frozenset[Slot] = frozenset()
    first_day: dt.date | None = None
    last_day: dt.date | None = None  # None: open-ended

    def occurrences(self, until: dt.date | None = None) -> list[dt.date]:
        """The days with at least one slot, from the first day to the last (or ``until``)."""
        if self.first_day is None:
            return []
        last = self.last_day or self.first_day + dt.timedelta(days=OPEN_END_DAYS - 1)
        if until is not None:
            last = min(last, until)
        weekdays = {day for day, _period in self.slots}
        days, day = [], self.first_day
        while day <= last:
            if day.weekday() in weekdays:
                days.append(day)
            day += dt.timedelta(days=1)
        return days


@dataclass(frozen=True)
class Occupancy:
    """The time a request takes, in the terms the overlap test needs."""

    first_day: dt.date
    last_day: dt.date  # inclusive; open-ended recurrences run to date.max
    slots: frozenset[Slot]
    span: tuple[int, int] | None = None  # minutes from midnight, for a single appointment

    def overlaps(self, other: "Occupancy") -> bool:
        if self.last_day < other.first_day or other.last_day < self.first_day:
            return False
        if not self.slots & other.slots:
            return False
        if self.span is not None and other.span is not None:  # two appointments: the same day, overlapping times
            return self.first_day == other.first_day and self.span[0] < other.span[1] and other.span[0] < self.span[1]
        if self.span is not None or other.span is not None:  # an appointment against weekly slots: its weekday
            single = self if self.span is not None else other
            weekly = other if single is self else self
            return weekly.first_day <= single.first_day <= weekly.last_day and bool(single.slots & weekly.slots)
        return True


def occupancy(appointment: Appointment | None, recurrence: Recurrence | None) -> Occupancy | None:
    if appointment is not None:
        start = appointment.start.hour * 60 + appointment.start.minute
        end = appointment.end.hour * 60 + appointment.end.minute
        return Occupancy(appointment.day, appointment.day, appointment.slots, (start, end))
    if recurrence is not None and recurrence.first_day is not None and recurrence.slots:
        return Occupancy(recurrence.first_day, recurrence.last_day or dt.date.max, recurrence.slots)
    return None
