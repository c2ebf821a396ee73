"""When a volunteer can help: a weekly grid (Mon..Sun x morning / afternoon / evening), "by arrangement",
and absences (holidays) with a first and a last day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from kommandesk.i18n import _, pgettext


class Period(str, Enum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"

    def label(self) -> str:
        return {Period.MORNING: pgettext("time of day", "morning"), Period.AFTERNOON: pgettext("time of day", "afternoon"),
                Period.EVENING: pgettext("time of day", "evening")}[self]


WEEKDAYS = range(7)  # 0 = Monday, as datetime.date.weekday()
Slot = tuple[int, Period]


@dataclass(frozen=True)
class Absence:
    first_day: dt.date
    last_day: dt.date
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class Availability:
    slots: frozenset[Slot] = frozenset()
    by_arrangement: bool = False
    absences: tuple[Absence, ...] = field(default_factory=tuple)

    def weekly(self, weekday: int, period: Period) -> bool:
        return self.by_arrangement or (weekday, period) in self.slots

    def absent_on(self, day: dt.date) -> bool:
        return any(absence.covers(day) for absence in self.absences)

    def available(self, day: dt.date, period: Period) -> bool:
        """Free on that day at that time of day: in the weekly grid (or by arrangement) and not absent."""
        return self.weekly(day.weekday(), period) and not self.absent_on(day)

    def toggled(self, weekday: int, period: Period) -> "Availability":
        slots = set(self.slots)
        slots.symmetric_difference_update({(weekday, period)})
        return Availability(frozenset(slots), self.by_arrangement, self.absences)

    @staticmethod
    def encode_slots(slots: frozenset[Slot]) -> str:
        """'0:morning,2:evening' - stable text for the store."""
        return ",".join(f"{day}:{period.value}" for day, period in sorted(slots, key=lambda s: (s[0], list(Period).index(s[1]))))

    @staticmethod
    def decode_slots(text: str) -> frozenset[Slot]:
        slots = set()
        for part in filter(None, (text or "").split(",")):
            day, _sep, period = part.partition(":")
            slots.add((int(day), Period(period)))
        return frozenset(slots)


def check_absences(absences: tuple[Absence, ...]) -> str | None:
    for absence in absences:
        if absence.last_day < absence.first_day:
            from kommandesk.i18n.formatting import format_date

            return _("An absence ends before it starts ({first} to {last}).").format(
                first=format_date(absence.first_day), last=format_date(absence.last_day))
    return None
