"""The volunteers list as a sheet: the columns a coordinator expects, headed in the UI language, and one row of
cells per volunteer (typed values: dates as dates, numbers as numbers; the writers decide how they look).

Languages are written "Arabisch (Muttersprache), Deutsch (C1)" ("Norwegisch (Bokmål): B2" for a name with
brackets), areas of help by name, separated by commas (semicolons when a name holds a comma), availability
"Mo vormittags, Mi abends" (a day with every time of day as the day alone: "Sa"), "nach Absprache" for by
arrangement: the notation the importer (``volunteer_columns``) reads back. Gender "not stated" is an empty cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import lru_cache

from kommandesk.domain.availability import Availability, Period
from kommandesk.domain.clearance import ClearanceState
from kommandesk.domain.languages import Level
from kommandesk.domain.volunteers import Gender, Status
from kommandesk.i18n import _, current_language
from kommandesk.i18n.formatting import language_name
from kommandesk.interchange.cells import Column, Kind

PERIODS = tuple(Period)
# the fields of a row, in order (kommandesk.store.volunteer_export.NAMES: the service checks they agree)
FIELDS = ("id", "reference", "last_name", "first_name", "birth_date", "gender", "email", "phone", "street",
          "postcode", "town", "languages_summary", "availability_slots", "by_arrangement", "max_assignments",
          "travel_radius_km", "clearance_issued_on", "clearance_inspected_on", "consent_given_on", "status",
          "registered_on", "notes", "clearance_state", "area_ids")


def columns() -> list[Column]:
    """The columns in the UI language now active (call it when the export starts)."""
    text, date, number = Kind.TEXT, Kind.DATE, Kind.NUMBER
    return [
        Column(_("Reference"), text, 12),
        Column(_("Last name"), text, 14),
        Column(_("First name"), text, 12),
        Column(_("Date of birth"), date, 12),
        Column(_("Gender"), text, 9),
        Column(_("Email"), text, 20),
        Column(_("Phone"), text, 14),
        Column(_("Street"), text, 18),
        Column(_("Postcode"), text, 7),
        Column(_("Town"), text, 12),
        Column(_("Languages"), text, 24, 60),
        Column(_("Areas of help"), text, 24, 60),
        Column(_("Availability"), text, 20, 60),
        Column(_("Travel radius (km)"), number, 8),
        Column(_("Concurrent assignments at most"), number, 8),
        Column(_("Police certificate issued"), date, 12),
        Column(_("Police certificate inspected"), date, 12),
        Column(_("Clearance"), text, 12),
        Column(_("Consent given"), date, 12),
        Column(_("Status"), text, 10),
        Column(_("Registered on"), date, 12),
        Column(_("Notes"), text, 30, 80),
    ]


def split_languages(summary: str) -> list[tuple[str, str]]:
    """The store's languages summary 'ar (native), de (C1)' as [('ar', 'native'), ('de', 'C1')]."""
    found = []
    for part in filter(None, (summary or "").split(", ")):
        code, _sep, level = part.partition(" (")
        found.append((code, level.rstrip(")")))
    return found


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@lru_cache(maxsize=16)
def _weekday_names(language: str) -> tuple[str, ...]:
    """Mo, Di, ... in German; Mon, Tue, ... in English (babel's stand-alone abbreviations)."""
    from babel.dates import get_day_names

    names = get_day_names("abbreviated", context="stand-alone", locale=language)
    return tuple(names[day] for day in range(7))


class VolunteerSheet:
    """Turns the store's export rows into cells; labels are looked up once per export, not once per cell."""

    def __init__(self, area_names: Mapping[str, str]):
        self.language = current_language()
        self.columns = columns()
        self._area_names = dict(area_names)
        self._status = {status.value: status.label() for status in Status}
        self._gender = {gender.value: gender.label() for gender in Gender} | {Gender.NOT_STATED.value: ""}
        self._state = {state.value: state.label() for state in ClearanceState}
        self._languages: dict[str, str] = {}
        self._areas: dict[str, str] = {}
        self._slots: dict[tuple[str, int], str] = {}
        days = _weekday_names(self.language)
        self._slot_text = {(day, period.value): _("{weekday} {period}").format(weekday=days[day],
                                                                               period=period.label())
                           for day in range(7) for period in PERIODS}
        self._day_text = days
        self._by_arrangement = _("by arrangement")

    def languages_text(self, summary: str) -> str:
        """'ar (native), de (C1)' (the store's summary, in the order entered) -> 'Arabisch (Muttersprache), ...'."""
        text = self._languages.get(summary)
        if text is None:
            text = self._languages[summary] = ", ".join(
                self._skill_text(code, level) for code, level in split_languages(summary))
        return text

    def _skill_text(self, code: str, level: str) -> str:
        try:
            level_label = Level(level).label()
        except ValueError:
            level_label = level
        name = language_name(code)
        if "(" in name:  # "Norwegisch (Bokmål)": a level in brackets after it could not be told apart
            return f"{name}: {level_label}"
        return _("{language} ({level})").format(language=name, level=level_label)

    def areas_text(self, area_ids: str) -> str:
        """The names, separated by commas (by semicolons when a name holds a comma itself)."""
        text = self._areas.get(area_ids)
        if text is None:
            names = [self._area_names.get(area_id, "") for area_id in area_ids.split(",") if area_id]
            text = self._areas[area_ids] = ("; " if any("," in name for name in names) else ", ").join(names)
        return text

    def availability_text(self, slots: str, by_arrangement: bool) -> str:
        key = (slots, int(by_arrangement))
        text = self._slots.get(key)
        if text is None:
            chosen = Availability.decode_slots(slots)
            parts = []
            for day in range(7):
                periods = [period for period in PERIODS if (day, period) in chosen]
                if len(periods) == len(PERIODS):
                    parts.append(self._day_text[day])
                else:
                    parts += [self._slot_text[(day, period.value)] for period in periods]
            if by_arrangement:
                parts.append(self._by_arrangement)
            text = self._slots[key] = ", ".join(parts)
        return text

    def row(self, row: Sequence) -> list[object]:
        """The cells of one volunteer, in the order of :attr:`columns`. ``row`` holds the fields in the order of
        :data:`FIELDS` (the store's export reader yields them so)."""
        (_id, reference, last_name, first_name, birth_date, gender, email, phone, street, postcode, town,
         languages_summary, slots, by_arrangement, max_assignments, travel_radius_km, issued_on, inspected_on,
         consent_given_on, status, registered_on, notes, clearance_state, area_ids) = row
        return [
            reference, last_name, first_name, _day(birth_date), self._gender.get(gender, gender), email, phone,
            street, postcode, town, self.languages_text(languages_summary), self.areas_text(area_ids),
            self.availability_text(slots, bool(by_arrangement)), travel_radius_km, max_assignments,
            _day(issued_on), _day(inspected_on), self._state.get(clearance_state, clearance_state),
            _day(consent_given_on), self._status.get(status, status), _day(registered_on), notes,
        ]
