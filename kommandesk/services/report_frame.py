"""What every section of the funder's report shares: the period's months with their labels, the areas of help in
catalogue order with their names, and the helpers that turn the repositories' grouped numbers into rows (every
month listed, 0 where nothing happened; areas with something to show, in catalogue order).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.reports import Chart, Column, Kind, Period, Series
from kommandesk.i18n import _, current_language
from kommandesk.i18n.formatting import format_date
from kommandesk.store.reports_repo import Scope


def month_key(year: int, month: int) -> str:
    """'YYYY-MM', as the repositories group by month."""
    return f"{year:04d}-{month:02d}"


def hours(minutes: int | None) -> float:
    return (minutes or 0) / 60


def median_of(counts: Mapping[int, int]) -> float | None:
    """The median of values given with how often each occurs (days -> requests); None for none."""
    values = [value for value, count in sorted(counts.items()) for _i in range(count)]
    return float(statistics.median(values)) if values else None


def has_numbers(row: Sequence) -> bool:
    """True when a row shows something: any number in it other than 0 (None, text and 0 do not count)."""
    return any(isinstance(value, (int, float)) and not isinstance(value, bool) and value for value in row)


@dataclass(frozen=True)
class Frame:
    period: Period
    scope: Scope
    areas: tuple[AreaOfHelp, ...]  # the catalogue, retired included, in its order
    language: str

    @classmethod
    def of(cls, period: Period, scope: Scope, areas: Iterable[AreaOfHelp]) -> "Frame":
        return cls(period, scope, tuple(areas), current_language())

    # -- months ------------------------------------------------------------------------------------------------

    @property
    def months(self) -> list[str]:
        return [month_key(year, month) for year, month in self.period.months()]

    def month_labels(self) -> tuple[str, ...]:
        return tuple(format_date(dt.date(year, month, 1), "MMM y") for year, month in self.period.months())

    def per_month(self, values: Mapping[str, float | int]) -> list[float | int]:
        """One value per month of the period, 0 where ``values`` has none."""
        return [values.get(month, 0) for month in self.months]

    def month_rows(self, *columns: Mapping[str, float | int]) -> tuple[tuple, ...]:
        """(month label, one value per column) for every month of the period."""
        per_column = [self.per_month(column) for column in columns]
        return tuple((label, *(values[index] for values in per_column))
                     for index, label in enumerate(self.month_labels()))

    # -- areas -------------------------------------------------------------------------------------------------

    def area_name(self, area_id: str | None) -> str:
        if area_id is None:
            return _("No area of help")
        area = next((a for a in self.areas if a.id == area_id), None)
        return area.name(self.language) if area is not None else area_id

    def area_rows(self, values: Mapping[str | None, Sequence], make: Callable[[str, Sequence], tuple] | None = None
                  ) -> tuple[tuple, ...]:
        """Rows for the areas in ``values`` (area id or None -> the numbers of its row) that show something, in
        catalogue order, "No area of help" last; ``make(name, numbers)`` builds a row (default: name, *numbers)."""
        make = make or (lambda name, numbers: (name, *numbers))
        order = [area.id for area in self.areas if area.id in values]
        order += sorted(key for key in values if key is not None and key not in order)  # an area not in the list
        if None in values:
            order.append(None)
        rows = (make(self.area_name(area_id), values[area_id]) for area_id in order)
        return tuple(row for row in rows if has_numbers(row))


def columns(*specs: tuple[str, str, Kind]) -> tuple[Column, ...]:
    return tuple(Column(key, title, kind) for key, title, kind in specs)


def chart(key: str, title: str, kind: str, rows: Sequence[tuple], series: Sequence[tuple[str, int]],
          value_kind: Kind = Kind.COUNT) -> Chart:
    """A chart over table rows: the first cell of each row is the category; ``series``: (name, index of the row's
    cell holding the value)."""
    return Chart(key=key, title=title, kind=kind, categories=tuple(str(row[0]) for row in rows),
                 series=tuple(Series(name, tuple(float(row[index] or 0) for row in rows)) for name, index in series),
                 value_kind=value_kind)
