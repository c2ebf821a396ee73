"""Volunteer lists as people keep them: which header means which field, and the cell formats people type.

Headers are recognised in German and English, whatever the case, the diacritics, spaces and hyphens
("E-Mail-Adresse", "e-mail address", "Fuehrungszeugnis vom"). Each parser takes a cell as it comes from
:mod:`kommandesk.interchange.tabular` (text, or a number / date from an Excel cell) and returns the domain value,
or raises :class:`CellError` with a translated message that says what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.availability import Availability, Period
from kommandesk.domain.clearance import ClearanceResult, ClearanceState
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.languages import LanguageSkill, Level, is_known_code
from kommandesk.domain.volunteers import Gender, Status
from kommandesk.i18n import _, current_language
from kommandesk.i18n.language_codes import BABEL_KEYS
from kommandesk.interchange.header_fields import HeaderFields, header_key, header_keys
from kommandesk.interchange.tabular import Cell, display


class CellError(KommanDeskError):
    """A cell that cannot be read as the field its column holds (the message is translated)."""


# -- headers --------------------------------------------------------------------------------------------------

HEADERS: dict[str, tuple[str, ...]] = {
    "first_name": ("Vorname", "Vornamen", "Rufname", "First name", "Firstname", "Given name", "Forename"),
    "last_name": ("Nachname", "Familienname", "Zuname", "Last name", "Lastname", "Surname", "Family name"),
    "email": ("E-Mail", "E-Mail-Adresse", "Mail", "Mailadresse", "Email", "Email address", "E-mail address"),
    "phone": ("Telefon", "Telefonnummer", "Tel", "Tel.-Nr.", "Handy", "Handynummer", "Mobil", "Mobilnummer",
              "Mobiltelefon", "Telefon mobil", "Phone", "Phone number", "Telephone", "Mobile", "Mobile phone",
              "Mobile number", "Cell phone"),
    "street": ("Straße", "Strasse", "Str.", "Straße und Hausnummer", "Straße, Hausnummer", "Straße / Nr.",
               "Anschrift", "Adresse", "Street", "Street address", "Address"),
    "postcode": ("PLZ", "Postleitzahl", "Postcode", "Post code", "Postal code", "ZIP", "ZIP code"),
    "town": ("Ort", "Wohnort", "Stadt", "Gemeinde", "Town", "City", "Place of residence"),
    "birth_date": ("Geburtsdatum", "Geboren", "Geboren am", "Geb.", "Geb.-Datum", "Geburtstag", "Date of birth",
                   "Birth date", "Birthdate", "Birthday", "DOB"),
    "gender": ("Geschlecht", "Gender", "Sex"),
    "languages": ("Sprachen", "Sprache", "Sprachkenntnisse", "Fremdsprachen", "Muttersprache", "Erstsprache",
                  "Languages", "Language", "Language skills", "Native language", "Mother tongue",
                  "First language"),
    "areas": ("Tätigkeiten", "Tätigkeit", "Tätigkeitsbereiche", "Einsatzbereiche", "Einsatzbereich", "Bereiche",
              "Engagement", "Hilfebereiche", "Areas of help", "Areas", "Activities", "Area of help"),
    "availability": ("Verfügbarkeit", "Verfügbar", "Zeiten", "Zeitliche Verfügbarkeit", "Availability",
                     "Available", "Times"),
    "clearance_issued_on": ("Führungszeugnis vom", "Führungszeugnis ausgestellt",
                            "Führungszeugnis ausgestellt am", "Ausstellungsdatum Führungszeugnis", "FZ vom",
                            "Police certificate issued", "Police certificate", "Police certificate issued on",
                            "Criminal record certificate issued"),
    "clearance_inspected_on": ("Führungszeugnis eingesehen am", "Führungszeugnis eingesehen", "Eingesehen am",
                               "FZ eingesehen am", "FZ eingesehen", "Einsichtnahme", "Einsichtnahme am",
                               "Police certificate inspected", "Police certificate inspected on",
                               "Certificate inspected"),
    "consent_given_on": ("Einwilligung vom", "Einwilligung", "Einwilligung am", "Datenschutzeinwilligung",
                         "Einverständniserklärung", "Einwilligungserklärung", "Consent given", "Consent",
                         "Consent given on", "Consent date", "Date of consent"),
    # "Führungszeugnis" alone heads the clearance state in KommanDesk's German export
    "clearance_result": ("Führungszeugnis", "Führungszeugnis Ergebnis", "Ergebnis Führungszeugnis", "FZ Ergebnis",
                         "Führungszeugnis Eintrag", "Eintrag im Führungszeugnis", "Führungszeugnis Status",
                         "Clearance", "Clearance result", "Police certificate result", "Result of inspection"),
    "status": ("Status", "Volunteer status"),
    "notes": ("Bemerkungen", "Bemerkung", "Anmerkungen", "Anmerkung", "Notizen", "Notiz", "Kommentar",
              "Hinweise", "Notes", "Note", "Comments", "Comment", "Remarks"),
}
# "Name" alone is the surname in lists that also have "Vorname"; it is taken only when no other column is
NAME_ONLY = "name"
NATIVE_LANGUAGE_HEADERS = ("Muttersprache", "Erstsprache", "Native language", "Mother tongue", "First language")
MULTI_COLUMN_FIELDS = frozenset({"languages", "areas", "notes"})  # several columns are joined
_FIELDS = HeaderFields(HEADERS, MULTI_COLUMN_FIELDS)


@cache
def _native_keys() -> frozenset[str]:
    return frozenset(key for header in NATIVE_LANGUAGE_HEADERS for key in header_keys(header))


def guess_field(header: str) -> str | None:
    """The field a header names, or None: a variant exactly (ignoring case, diacritics, spaces and punctuation),
    else the longest variant whose words the header starts with ("Telefon (privat)", "Geburtsdatum TT.MM.JJJJ";
    but "Mobilität" is not "Mobil")."""
    return _FIELDS.guess_field(header)


def is_native_language_header(header: str) -> bool:
    """A column of mother tongues: a language in it without a level is a native language."""
    return header_key(header) in _native_keys()


def header_score(cells: list[str]) -> int:
    """How much a row looks like the header of a volunteer list: the number of different fields it names."""
    fields = _FIELDS.fields_named(cells)
    if any(header_key(cell) == NAME_ONLY for cell in cells):
        fields.add("last_name")
    return len(fields)


def guess_mapping(headers: list[str]) -> dict[int, str | None]:
    """Column index -> field key. The first column of a field wins (a repeated header stays unassigned), except
    for languages, areas of help and notes, which may come from several columns."""
    mapping, taken = _FIELDS.guess_mapping(headers)
    if "last_name" not in taken:
        for index, header in enumerate(headers):
            if header_key(header) == NAME_ONLY and mapping[index] is None:
                mapping[index] = "last_name"
                break
    return mapping


# -- text -----------------------------------------------------------------------------------------------------

def unneutralised(text: str) -> str:
    """Undo the apostrophe an export puts before a text that starts with = + - @ (formula injection): the
    error file and CSV exports come back as they were typed."""
    if len(text) > 1 and text[0] == "'":
        from kommandesk.interchange.cells import is_formula_like

        if is_formula_like(text[1:]):
            return text[1:]
    return text


def parse_text(value: Cell) -> str:
    """Any cell as text (a number without '.0'); the domain trims it and drops control characters."""
    if isinstance(value, str):
        return unneutralised(value)
    return display(value)


def parse_postcode(value: Cell) -> str:
    """A postcode typed into a number cell lost its leading zero (01067 -> 1067): it gets it back."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() \
            and 1000 <= value <= 9999:
        return f"{int(value):05d}"
    return parse_text(value)


# -- dates ----------------------------------------------------------------------------------------------------

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's phantom 29 Feb 1900 is before any real date)
MIN_SERIAL = 10_000  # 18 May 1927: a smaller number is more likely a year or a typo than a date
MAX_SERIAL = 2_958_465  # 31 Dec 9999
_DOTTED = re.compile(r"^(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4}|\d{2})\.?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_SERIAL = re.compile(r"^\d{5,7}(?:\.0+)?$")


def _date_problem(value: Cell) -> CellError:
    return CellError(_("\u201c{value}\u201d is not a date. Write it like 01.02.1985, 1.2.85 or 1985-02-01.").format(
        value=_shown(value)))


def _shown(value: Cell, limit: int = 60) -> str:
    text = " ".join(display(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _full_year(two_digits: int, day: int, month: int, today: dt.date) -> int:
    """'85' -> 1985, '05' -> 2005: the latest year that puts the date no later than today (within 100 years)."""
    century = today.year // 100 * 100
    for year in (century + two_digits, century - 100 + two_digits):
        try:
            if dt.date(year, month, day) <= today:
                return year
        except ValueError:
            return year  # 29 Feb in a year without it: reported as an invalid date by the caller
    return century - 100 + two_digits


def _month_first() -> bool:
    """Does the UI language write dates month first with slashes (English: 2/1/1985 is 1 February)?"""
    from babel import Locale

    pattern = Locale.parse(current_language()).date_formats["short"].pattern
    return "/" in pattern and pattern.find("M") < pattern.find("d")


def parse_date(value: Cell, today: dt.date) -> dt.date | None:
    """01.02.1985, 1.2.85, 1985-02-01, an Excel date cell or serial number; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise _date_problem(value)
    if isinstance(value, (int, float)):
        return _serial(value, value)
    if not isinstance(value, str):
        raise _date_problem(value)
    text = unneutralised(value).strip()
    try:
        if match := _DOTTED.match(text):
            day, month, year = (int(part) for part in match.groups())
            if len(match.group(3)) == 2:
                year = _full_year(year, day, month, today)
            return dt.date(year, month, day)
        if match := _ISO.match(text):
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        if match := _SLASHED.match(text):
            first, second, year = (int(part) for part in match.groups())
            if first > 12 >= second:
                day, month = first, second
            elif second > 12 >= first:
                day, month = second, first
            elif first == second:
                day = month = first
            elif _month_first():
                month, day = first, second
            else:
                raise CellError(_(
                    "\u201c{value}\u201d can be read as two different dates. Write it like 01.02.1985 or "
                    "1985-02-01.").format(value=_shown(value)))
            if len(match.group(3)) == 2:
                year = _full_year(year, day, month, today)
            return dt.date(year, month, day)
        if _SERIAL.match(text):
            return _serial(float(text), value)
    except ValueError:
        raise CellError(_("\u201c{value}\u201d is not a valid date: there is no such day.").format(
            value=_shown(value))) from None
    raise _date_problem(value)


def _serial(number: float, value: Cell) -> dt.date:
    if not MIN_SERIAL <= number <= MAX_SERIAL:
        raise _date_problem(value)
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


# -- gender and status ----------------------------------------------------------------------------------------

GENDERS: dict[str, Gender] = {
    **dict.fromkeys(("w", "weiblich", "frau", "f", "female", "woman", "fem", "weibl", "ms", "mrs", "miss"),
                    Gender.FEMALE),
    **dict.fromkeys(("m", "mannlich", "maennlich", "mann", "herr", "male", "man", "mr", "mannl", "maennl"),
                    Gender.MALE),
    **dict.fromkeys(("d", "divers", "diverse", "x", "nonbinary", "nichtbinar", "nichtbinaer", "inter", "other",
                     "andere", "anderes"), Gender.DIVERSE),
    **dict.fromkeys(("keineangabe", "ka", "notstated", "unknown", "unbekannt", "prefernottosay", "na", "ohneangabe"),
                    Gender.NOT_STATED),
}

STATUSES: dict[str, Status] = {
    **dict.fromkeys(("applicant", "interessiert", "interessent", "interessentin", "bewerber", "bewerberin",
                     "bewerbung", "neu", "new", "interested", "anfrage"), Status.APPLICANT),
    **dict.fromkeys(("active", "aktiv"), Status.ACTIVE),
    **dict.fromkeys(("paused", "pausiert", "pause", "ruhend", "on hold", "onhold"), Status.PAUSED),
    **dict.fromkeys(("inactive", "inaktiv", "beendet", "ausgeschieden", "ended"), Status.INACTIVE),
    **dict.fromkeys(("archived", "archiviert"), Status.ARCHIVED),
}


def parse_gender(value: Cell) -> Gender:
    """w / m / d, weiblich, female, f, divers, ...; empty = not stated."""
    text = parse_text(value)
    if not text.strip():
        return Gender.NOT_STATED
    key = header_key(text)
    if key in GENDERS:
        return GENDERS[key]
    for gender in Gender:
        if header_key(gender.label()) == key:
            return gender
    raise CellError(_("\u201c{value}\u201d is not a gender KommanDesk knows. Write w, m or d (or female, male, "
                      "diverse), or leave the cell empty.").format(value=_shown(value)))


def parse_status(value: Cell) -> Status:
    """The status in German or English; empty = applicant."""
    text = parse_text(value)
    if not text.strip():
        return Status.APPLICANT
    key = header_key(text)
    if key in STATUSES:
        return STATUSES[key]
    for status in Status:
        if header_key(status.label()) == key or status.value == key:
            return status
    raise CellError(_("\u201c{value}\u201d is not a status. Write one of: {statuses}; or leave the cell empty "
                      "(applicant).").format(value=_shown(value),
                                              statuses=", ".join(status.label() for status in Status)))


CLEARANCE_RESULTS: dict[str, ClearanceResult | None] = {
    # a relevant entry (the person must not work with children)
    # ("ja" / "nein" are not taken: "Führungszeugnis: ja" may mean "has one" as well as "has an entry")
    **dict.fromkeys(("relevanteintrag", "relevantereintrag", "relevantentry", "einschlagigereintrag",
                     "einschlaegigereintrag", "nichtunbedenklich"), ClearanceResult.RELEVANT_ENTRY),
    # nothing relevant; also the states a certificate without one can be in (an export's "Clearance" column)
    **dict.fromkeys(("keinrelevantereintrag", "keinrelevanteintrag", "norelevantentry", "keineintrag", "ohneeintrag",
                     "noentry", "inordnung", "unbedenklich", "unauffallig", "unauffaellig",
                     "valid", "gultig", "gueltig", "expiringsoon", "expiring", "laeuftbaldab", "lauftbaldab",
                     "expired", "abgelaufen"), ClearanceResult.NO_RELEVANT_ENTRY),
    **dict.fromkeys(("none", "keines", "keins", "offen", "unknown", "unbekannt"), None),
}


def parse_clearance_result(value: Cell) -> ClearanceResult | None:
    """What the inspection found: 'relevanter Eintrag' / 'relevant entry', 'kein relevanter Eintrag', or a
    clearance state as the export writes it ('gültig', 'läuft bald ab', 'abgelaufen': no relevant entry;
    'keines': nothing recorded). Empty = nothing stated."""
    text = parse_text(value)
    if not text.strip():
        return None
    key = header_key(text)
    if key in CLEARANCE_RESULTS:
        return CLEARANCE_RESULTS[key]
    for result in ClearanceResult:
        if header_key(result.label()) == key:
            return result
    for state in ClearanceState:
        if header_key(state.label()) == key:
            return None if state is ClearanceState.NONE else (
                ClearanceResult.RELEVANT_ENTRY if state is ClearanceState.RELEVANT_ENTRY
                else ClearanceResult.NO_RELEVANT_ENTRY)
    raise CellError(_("\u201c{value}\u201d is not a result of the inspection. Write \u201crelevanter Eintrag\u201d "
                      "(relevant entry) or \u201ckein relevanter Eintrag\u201d (no relevant entry), or leave the cell "
                      "empty.").format(value=_shown(value)))


# -- languages ------------------------------------------------------------------------------------------------

LANGUAGE_ALIASES = {  # common names babel does not give
    "farsi": "fa", "dari": "prs", "sorani": "ckb", "kurmanci": "ku", "kurmandschi": "ku", "kurmanji": "ku",
    "tigrinja": "ti", "paschto": "ps", "paschtunisch": "ps", "pashtu": "ps", "serbokroatisch": "sh",
    "bosnisch": "bs", "aramaisch": "arc", "romanes": "rom",
}
_LEVEL_WORDS = r"a1|a2|b1|b2|c1|c2|native speaker|native|mother tongue|muttersprache|muttersprachlich|" \
               r"erstsprache|first language|ms"
_WITH_BRACKETS = re.compile(r"^(?P<name>[^()]+?)\s*\(\s*(?P<level>[^()]*?)\s*\)$")
_WITH_COLON = re.compile(r"^(?P<name>[^:]+?)\s*[:=]\s*(?P<level>.+)$")
_ITEM_SPLIT = re.compile(r"[,;\n\r|]+")


@cache
def _language_table() -> dict[str, str]:
    """Folded name or code -> ISO code, from babel's German and English language names."""
    from babel import Locale

    reverse_keys = {babel_key: code for code, babel_key in BABEL_KEYS.items()}
    table: dict[str, str] = {}
    for locale in ("en", "de"):
        for key, name in Locale(locale).languages.items():
            code = reverse_keys.get(key, key)
            if "_" in code or not is_known_code(code):
                continue
            table.setdefault(header_key(name), code)
    for code in _known_codes():
        table.setdefault(code, code)
    for alias, code in LANGUAGE_ALIASES.items():
        if is_known_code(code):
            table.setdefault(alias, code)
    return table


def _known_codes() -> frozenset[str]:
    from kommandesk.domain.languages import known_codes

    return known_codes()


def language_code(name: str) -> str | None:
    """'Arabisch', 'arabic', 'AR', 'ara'? -> 'ar'; None when unknown."""
    return _language_table().get(header_key(name))


def _level(text: str, language: str, value: Cell) -> Level:
    try:
        return Level.parse(text)
    except ValueError:
        if header_key(text) in ("ms", "muttersprachler", "muttersprachlerin", "nativespeaker"):
            return Level.NATIVE
        raise CellError(_("\u201c{level}\u201d is not a language level (for {language}). A level is one of A1, A2, "
                          "B1, B2, C1, C2 or native (Muttersprache).").format(
                              level=_shown(text, 30), language=language)) from None


def parse_languages(value: Cell, default_level: Level | None = None) -> tuple[LanguageSkill, ...]:
    """'Arabisch (Muttersprache), Deutsch C1, Englisch B2' or 'ar:native; de:C1' (German or English names or
    codes). A language without a level takes ``default_level`` (a "Muttersprache" column), else it is a problem."""
    text = parse_text(value)
    skills: list[LanguageSkill] = []
    for item in _ITEM_SPLIT.split(text):
        item = " ".join(item.split()).strip(" -–")
        if item:
            skills.append(_skill(item, default_level, value))
    return tuple(skills)


def _skill(item: str, default_level: Level | None, value: Cell) -> LanguageSkill:
    match = _WITH_BRACKETS.match(item) or _WITH_COLON.match(item)
    if match:
        name, level = match.group("name").strip(" -–"), match.group("level")
        code = language_code(name)
        if code is None:
            raise _unknown_language(name)
        return LanguageSkill(code, _level(level, name, value))
    code = language_code(item)
    if code is not None:
        if default_level is None:
            raise CellError(_("A level is missing for {language}. Write it like \u201c{language} B2\u201d or "
                              "\u201c{language} (Muttersprache)\u201d; a level is one of A1, A2, B1, B2, C1, C2 or "
                              "native.").format(language=item))
        return LanguageSkill(code, default_level)
    words = re.split(r"\s*[-–]\s*|\s+", item)
    for cut in range(len(words) - 1, 0, -1):  # the level is the last word or two ("mother tongue")
        name, level = " ".join(words[:cut]), " ".join(words[cut:])
        code = language_code(name)
        if code is not None:
            return LanguageSkill(code, _level(level, name, value))
    raise _unknown_language(item)


def _unknown_language(name: str) -> CellError:
    return CellError(_("\u201c{language}\u201d is not a language KommanDesk knows. Write its name in German or "
                       "English (Arabisch, Arabic) or its code (ar), followed by the level: "
                       "\u201cArabisch (Muttersprache), Deutsch C1\u201d or \u201car:native; de:C1\u201d.").format(
                           language=_shown(name, 40)))


# -- availability ---------------------------------------------------------------------------------------------

PERIOD_WORDS: dict[str, tuple[Period, ...]] = {
    **dict.fromkeys(("vormittags", "vormittag", "vorm", "morgens", "morgen", "fruh", "frueh", "morning",
                     "mornings", "am", "vm"), (Period.MORNING,)),
    **dict.fromkeys(("nachmittags", "nachmittag", "nachm", "mittags", "afternoon", "afternoons", "pm", "nm"),
                    (Period.AFTERNOON,)),
    **dict.fromkeys(("abends", "abend", "abds", "evening", "evenings", "nachts", "night"), (Period.EVENING,)),
    **dict.fromkeys(("ganztags", "ganztagig", "ganztaegig", "allday", "ganzertag", "fullday", "daily"),
                    tuple(Period)),
}
BY_ARRANGEMENT = frozenset({"nachabsprache", "nachvereinbarung", "flexibel", "byarrangement", "flexible",
                            "onrequest", "aufanfrage", "nachbedarf", "asneeded", "variabel"})
DAYS_WORDS = {"werktags": range(0, 5), "wochentags": range(0, 5), "weekdays": range(0, 5),
              "wochenende": range(5, 7), "weekend": range(5, 7), "weekends": range(5, 7), "amwochenende": range(5, 7),
              "taglich": range(7), "taeglich": range(7), "everyday": range(7), "jedertag": range(7)}
_DAY_RANGE = re.compile(r"^(?P<first>[^\W\d_]+)\.?-(?P<last>[^\W\d_]+)\.?$", re.UNICODE)


@cache
def _day_table() -> dict[str, int]:
    """Folded day names in German and English, wide and abbreviated ('mo', 'mon', 'montag', 'monday' -> 0)."""
    from babel.dates import get_day_names

    table: dict[str, int] = {}
    for locale in ("de", "en"):
        for width in ("wide", "abbreviated", "short"):
            for day, name in get_day_names(width, locale=locale).items():
                table.setdefault(header_key(name), day)
    for extra, day in (("tues", 1), ("thur", 3), ("thurs", 3), ("weds", 2)):
        table.setdefault(extra, day)
    return table


def _days(word: str) -> tuple[int, ...] | None:
    key = header_key(word)
    if key in DAYS_WORDS:
        return tuple(DAYS_WORDS[key])
    day = _day_table().get(key)
    if day is not None:
        return (day,)
    match = _DAY_RANGE.match(word.strip())
    if match:
        first, last = _day_table().get(header_key(match.group("first"))), \
            _day_table().get(header_key(match.group("last")))
        if first is not None and last is not None:
            return tuple((first + step) % 7 for step in range((last - first) % 7 + 1))
    return None


def _availability_problem(item: str) -> CellError:
    return CellError(_("\u201c{text}\u201d is not a time KommanDesk understands. Write days with morning, afternoon "
                       "or evening, like \u201cMo vormittags, Mi abends, Sa\u201d or \u201cMon morning, Wed "
                       "evening\u201d (a day alone means the whole day), or \u201cnach Absprache\u201d.").format(
                           text=_shown(item, 40)))


def parse_availability(value: Cell) -> Availability:
    """'Mo vormittags, Mi abends, Sa' or 'Mon morning, Wed evening'; a day alone = all three periods;
    'Mo-Fr nachmittags', 'werktags', 'nach Absprache' / 'by arrangement'."""
    text = parse_text(value)
    slots: set[tuple[int, Period]] = set()
    by_arrangement = False
    for item in _ITEM_SPLIT.split(text):
        item = " ".join(item.split()).strip(" .")
        if not item:
            continue
        if header_key(item) in BY_ARRANGEMENT:
            by_arrangement = True
            continue
        slots |= _slots(item)
    return Availability(frozenset(slots), by_arrangement)


_RANGE_JOIN = re.compile(r"(?<=\w)\.?\s*(?:-|–|\bbis\b|\bto\b)\s*(?=\w)", re.UNICODE)
_CONJUNCTIONS = frozenset({"und", "and", "u", "sowie", "oder", "or"})


def _slots(item: str) -> set[tuple[int, Period]]:
    """One item: days (a day, a range, 'werktags') each followed by periods, e.g. 'Mo vormittags und Mi abends',
    'Mo-Fr morning/evening'. Days without a period are available the whole day."""
    words = [word for word in re.split(r"[\s/+&]+", _RANGE_JOIN.sub("-", item)) if word]
    groups: list[tuple[list[int], list[Period]]] = []
    for word in words:
        key = header_key(word)
        if not key or key in _CONJUNCTIONS:
            continue
        days = _days(word)
        if days is not None:
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].extend(days)
        elif key in PERIOD_WORDS and groups:
            groups[-1][1].extend(PERIOD_WORDS[key])
        else:
            raise _availability_problem(item)
    if not groups:
        raise _availability_problem(item)
    return {(day, period) for days, periods in groups for day in days for period in (periods or tuple(Period))}


# -- areas of help --------------------------------------------------------------------------------------------

def area_names(areas: list[AreaOfHelp]) -> dict[str, str]:
    """Folded German and English name (and a default's key) -> area id."""
    names: dict[str, str] = {}
    for area in areas:
        for name in (area.name_de, area.name_en, area.key or ""):
            for key in header_keys(name):  # "Ämter" is found as "amter" and as "aemter"
                if key:
                    names.setdefault(key, area.id)
    return names


def parse_areas(value: Cell, areas: list[AreaOfHelp], names: dict[str, str] | None = None) -> tuple[str, ...]:
    """Areas of help by their German or English names (or a default's key), separated by , ; or line breaks;
    returns their ids. An unknown name is a problem that lists the names there are. ``names``: area_names(areas),
    made once for many cells."""
    text = parse_text(value)
    if not text.strip():
        return ()
    names = area_names(areas) if names is None else names
    found: list[str] = []
    for part in re.split(r"[;\n\r|]+", text):
        part = part.strip()
        if not part:
            continue
        whole = names.get(header_key(part))
        pieces = [part] if whole else [piece for piece in part.split(",") if piece.strip()]
        for piece in pieces:
            area_id = names.get(header_key(piece))
            if area_id is None:
                language = current_language()
                raise CellError(_("\u201c{area}\u201d is not an area of help. The areas are: {names}. Add it under "
                                  "Settings first, or correct the name.").format(
                                      area=_shown(piece.strip(), 40),
                                      names=", ".join(area.name(language) for area in areas)))
            if area_id not in found:
                found.append(area_id)
    return tuple(found)
