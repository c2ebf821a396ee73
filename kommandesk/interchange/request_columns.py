"""Lists of support requests as people keep them: which header means which field, and the cells they type.

Headers are recognised in German and English as in :mod:`kommandesk.interchange.volunteer_columns`, whose cell
parsers (dates, languages, weekly times, areas of help, postcodes) are used here as they are. Each parser here
takes a cell as :mod:`kommandesk.interchange.tabular` gives it and returns the domain value, or raises
:class:`CellError` with a translated message that says what was expected.

Decisions the import makes (see also :mod:`kommandesk.services.request_imports`):

* A needed language without a level needs A2 (``NEEDED_DEFAULT_LEVEL``): "Dari" in a list means "someone who can
  talk with the family", and the match explanation shows the level each candidate speaks.
* The languages the family speaks are names or codes; a level written after one is accepted and dropped.
* "nach Absprache" / "by arrangement" in the weekly times means no fixed time (no weekly slots).
* An empty household size is one person; an empty urgency is normal; an empty gender preference is "any";
  an empty "children" cell is "no".
"""

from __future__ import annotations

import datetime as dt
import re

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.languages import Level
from kommandesk.domain.requests import MAX_HOUSEHOLD, GenderPreference, Urgency
from kommandesk.domain.schedule import Appointment
from kommandesk.domain.volunteers import Gender
from kommandesk.i18n import _
from kommandesk.interchange import volunteer_columns as vc
from kommandesk.interchange.header_fields import HeaderFields, header_key
from kommandesk.interchange.tabular import Cell, display
from kommandesk.interchange.volunteer_columns import CellError

NEEDED_DEFAULT_LEVEL = Level.A2

# the fields of an imported request, in the order the report lists them
REQUEST_FIELDS: tuple[str, ...] = (
    "reference", "person", "household_size", "person_languages", "site", "site_contact", "area", "languages",
    "gender", "children", "postcode", "appointment", "slots", "first_day", "last_day", "urgency", "description",
    "consent_given_on")

HEADERS: dict[str, tuple[str, ...]] = {
    "reference": ("Referenz", "Referenznummer", "Ref", "Ref.-Nr.", "Reference", "Request reference", "Ref no"),
    "person": ("Vorname", "Name", "Person", "Familie", "Initialen", "Vorname oder Initialen", "First name",
               "Family", "Initials", "First name or initials"),
    "household_size": ("Haushalt", "Haushaltsgröße", "Personen", "Anzahl Personen", "Personen im Haushalt",
                       "Household size", "Household", "People", "Persons", "Number of people"),
    "person_languages": ("Sprachen", "Sprache", "Sprachen der Familie", "Gesprochene Sprachen", "Spricht",
                         "Languages", "Language", "Languages spoken", "Spoken languages", "Family languages"),
    "site": ("Unterkunft", "Einrichtung", "Standort", "Wohnheim", "Site", "Shelter", "Accommodation"),
    "site_contact": ("Ansprechperson", "Ansprechpartner", "Ansprechpartnerin", "Kontaktperson", "Kontakt",
                     "Ansprechperson vor Ort", "Contact person", "Contact", "Contact at the site"),
    "area": ("Tätigkeit", "Tätigkeitsbereich", "Bereich", "Hilfebereich", "Art der Hilfe", "Einsatzbereich",
             "Area of help", "Area", "Kind of help", "Type of help"),
    "languages": ("Sprache benötigt", "Benötigte Sprache", "Benötigte Sprachen", "Sprachen benötigt",
                  "Sprachkenntnisse benötigt", "Language needed", "Languages needed", "Needed language",
                  "Needed languages", "Required language", "Required languages"),
    "gender": ("Geschlecht gewünscht", "Gewünschtes Geschlecht", "Geschlecht", "Preferred gender",
               "Gender preference", "Gender"),
    "children": ("Kinder", "Kinder beteiligt", "Mit Kindern", "Children involved", "Children", "With children"),
    "postcode": ("PLZ", "Postleitzahl", "Postcode", "Post code", "Postal code", "ZIP", "ZIP code"),
    "appointment": ("Termin", "Datum und Uhrzeit", "Appointment", "Date and time"),
    "slots": ("Zeiten", "Wochentage", "Wöchentlich", "Wöchentliche Zeiten", "Slots", "Times", "Weekly times",
              "Weekly"),
    "first_day": ("Beginn", "Ab", "Startdatum", "Erster Tag", "Start", "Start date", "First day", "From"),
    "last_day": ("Ende", "Bis", "Enddatum", "Letzter Tag", "End", "End date", "Last day", "Until"),
    "urgency": ("Dringlichkeit", "Priorität", "Urgency", "Priority"),
    "description": ("Beschreibung", "Anliegen", "Bemerkungen", "Bemerkung", "Notizen", "Description", "Notes",
                    "Note"),
    "consent_given_on": ("Einwilligung", "Einwilligung vom", "Einwilligung am", "Einverständnis",
                         "Consent", "Consent given", "Consent given on", "Consent date"),
}
MULTI_COLUMN_FIELDS = frozenset({"description"})  # several columns are joined

_ITEMS = re.compile(r"[,;\n\r|]+")
_FIELDS = HeaderFields(HEADERS, MULTI_COLUMN_FIELDS)


def guess_field(header: str) -> str | None:
    """The field a header names: a variant exactly (ignoring case, diacritics, spaces and punctuation), else the
    longest variant whose words the header starts with ("Termin (Datum, Uhrzeit)")."""
    return _FIELDS.guess_field(header)


def header_score(cells: list[str]) -> int:
    """How much a row looks like the header of a list of requests: the number of different fields it names."""
    return len(_FIELDS.fields_named(cells))


def guess_mapping(headers: list[str]) -> dict[int, str | None]:
    """Column index -> field key; the first column of a field wins (descriptions may come from several)."""
    return _FIELDS.guess_mapping(headers)[0]


# -- cells ----------------------------------------------------------------------------------------------------

def _shown(value: Cell, limit: int = 60) -> str:
    text = " ".join(display(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def parse_reference(value: Cell) -> str:
    """A reference as written (A-2026-0107), upper-case; empty when none."""
    return " ".join(vc.parse_text(value).split()).upper()


def parse_household(value: Cell) -> int:
    """The number of people: 4, '4', '4 Personen'; empty = 1."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 1
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
    else:
        match = re.match(r"^\s*(\d{1,3})\s*[^\d]*$", vc.parse_text(value))
        if not match:
            raise CellError(_("\u201c{value}\u201d is not a number of people. Write a whole number from 1 to "
                              "{limit}.").format(value=_shown(value), limit=MAX_HOUSEHOLD))
        number = int(match.group(1))
    if not 1 <= number <= MAX_HOUSEHOLD:
        raise CellError(_("\u201c{value}\u201d is not a number of people. Write a whole number from 1 to "
                          "{limit}.").format(value=_shown(value), limit=MAX_HOUSEHOLD))
    return number


def parse_person_languages(value: Cell) -> tuple[str, ...]:
    """The languages the family speaks, by name or code ('Dari, Farsi', 'prs; fa'); a level is dropped."""
    codes: list[str] = []
    for item in _ITEMS.split(vc.parse_text(value)):
        item = " ".join(item.split()).strip(" -\u2013")
        if not item:
            continue
        code = vc.language_code(item)
        if code is None:
            try:
                code = vc.parse_languages(item, Level.NATIVE)[0].code  # "Dari (Muttersprache)", "Farsi B1"
            except CellError:
                raise CellError(_("\u201c{language}\u201d is not a language KommanDesk knows. Write its name in "
                                  "German or English (Dari, Arabisch, Arabic) or its code (prs, ar).").format(
                                      language=_shown(item, 40))) from None
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def parse_needed_languages(value: Cell):
    """'Dari B1, Farsi B1': the volunteer must speak one of them at that level; no level = A2."""
    return vc.parse_languages(value, NEEDED_DEFAULT_LEVEL)


_ANY_WORDS = frozenset({"egal", "any", "beliebig", "keine", "keinevorgabe", "gleich", "nopreference", "either",
                        "alle", "ohne", "none", "keinepraferenz", "keinepraeferenz"})


def parse_gender_preference(value: Cell) -> GenderPreference:
    """egal / any, weiblich / female (w, f), männlich / male (m); empty = any."""
    text = vc.parse_text(value)
    key = header_key(text)
    if not key or key in _ANY_WORDS:
        return GenderPreference.ANY
    gender = vc.GENDERS.get(key)
    if gender is Gender.FEMALE:
        return GenderPreference.FEMALE
    if gender is Gender.MALE:
        return GenderPreference.MALE
    for preference in GenderPreference:
        if header_key(preference.label()) == key:
            return preference
    raise CellError(_("\u201c{value}\u201d is not a gender preference. Write egal (any), weiblich (female) or "
                      "m\u00e4nnlich (male), or leave the cell empty.").format(value=_shown(value)))


_YES = frozenset({"ja", "j", "yes", "y", "x", "1", "true", "wahr", "\u2713", "\u2714", "jawohl"})
_NO = frozenset({"nein", "n", "no", "0", "false", "falsch", "-", "\u2013", "keine", "none"})


def parse_yes_no(value: Cell) -> bool:
    """ja / nein, yes / no, x, 1 / 0; empty = no."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = vc.parse_text(value).strip().casefold()
    if not text or text in _NO or header_key(text) in _NO:
        return False
    if text in _YES or header_key(text) in _YES:
        return True
    raise CellError(_("\u201c{value}\u201d is neither yes nor no. Write ja or nein (yes or no, x or "
                      "empty).").format(value=_shown(value)))


_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_APPOINTMENT = re.compile(
    rf"^(?P<day>\S+?)[,\s]+(?:um\s+|at\s+|von\s+|from\s+)?{_TIME}\s*(?:uhr|h)?\s*(?:-|\u2013|bis|to)\s*{_TIME}"
    rf"\s*(?:uhr|h)?$", re.IGNORECASE)


def _appointment_problem(value: Cell) -> CellError:
    return CellError(_("\u201c{value}\u201d is not an appointment. Write the day and the time span, like "
                       "12.03.2026 09:00-11:30.").format(value=_shown(value)))


def parse_appointment(value: Cell, today: dt.date) -> Appointment | None:
    """'12.03.2026 09:00-11:30' (also '12.03.2026, 9-11:30 Uhr'); None when empty. An end before the start is
    read as written: the request's rules report it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise _appointment_problem(value)  # a date cell alone has no time span
    match = _APPOINTMENT.match(" ".join(vc.unneutralised(value).split()))
    if not match:
        raise _appointment_problem(value)
    day = vc.parse_date(match.group("day"), today)
    h1, m1, h2, m2 = match.group(2, 3, 4, 5)
    try:
        start, end = dt.time(int(h1), int(m1 or 0)), dt.time(int(h2), int(m2 or 0))
    except ValueError:
        raise _appointment_problem(value) from None
    return Appointment(day, start, end)


def parse_slots(value: Cell):
    """Weekly times as the volunteer import reads availability ('Di vormittags, Do nachmittags'): the slots;
    'nach Absprache' alone is no fixed time (no slots)."""
    return vc.parse_availability(value).slots


_HIGH = frozenset({"hoch", "high", "dringend", "urgent", "eilig", "sehrdringend", "veryurgent", "wichtig",
                   "prioritaet", "prioritat", "ja", "yes", "x", "1", "hohe"})
_NORMAL = frozenset({"normal", "niedrig", "low", "mittel", "medium", "nein", "no", "0", "standard", "regular"})


def parse_urgency(value: Cell) -> Urgency:
    """normal / hoch, high, dringend, urgent; empty = normal."""
    key = header_key(vc.parse_text(value))
    if not key or key in _NORMAL:
        return Urgency.NORMAL
    if key in _HIGH:
        return Urgency.HIGH
    for urgency in Urgency:
        if header_key(urgency.label()) == key:
            return urgency
    raise CellError(_("\u201c{value}\u201d is not an urgency. Write normal or hoch (high), or leave the cell "
                      "empty.").format(value=_shown(value)))


def parse_area(value: Cell, areas: list[AreaOfHelp], names: dict[str, str] | None = None) -> str | None:
    """The one area of help of a request, by its German or English name; None when empty."""
    found = vc.parse_areas(value, areas, names)
    if len(found) > 1:
        raise CellError(_("\u201c{value}\u201d names more than one area of help. A request has one: make one "
                          "request per area.").format(value=_shown(value)))
    return found[0] if found else None


def parse_date(value: Cell, today: dt.date) -> dt.date | None:
    return vc.parse_date(value, today)


def parse_text(value: Cell) -> str:
    return vc.parse_text(value)


def parse_postcode(value: Cell) -> str:
    return vc.parse_postcode(value)
