"""Certificates (no Qt, no SQL): what is printed on an attendance certificate, a volunteer service record and the
confirmation of hours for the Ehrenamtskarte NRW; certificate numbers and the text of their QR code; the
Ehrenamtskarte rule; the file names of a batch.

A certificate is issued once and kept in the register with everything it printed (its *content*), so a reprint
draws the very same document. The content classes below are that record: plain values, turned into JSON and back
by :func:`content_to_json` and :func:`content_from_json`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass
from enum import Enum

from kommandesk.i18n import _, pgettext

SERIAL_DIGITS = 5  # KD-2026-00012
CHECK_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U to misread
CHECK_LENGTH = 6
QR_LABEL = "KommanDesk"  # the QR code reads "KommanDesk KD-2026-00012 7K3QX9"
MAX_OVERRIDE_REASON = 300
MAX_REVOKE_REASON = 300
LANGUAGES = ("de", "en", "both")  # "both": German and English on one page

_NUMBER = re.compile(r"\b([A-Z0-9][A-Z0-9-]{0,9})-(\d{4})-(\d{5})\b")
_CHECK = re.compile(rf"^[{CHECK_ALPHABET}]{{{CHECK_LENGTH}}}$")


class Kind(str, Enum):
    ATTENDANCE = "attendance"  # Teilnahmebescheinigung: one course
    SERVICE_RECORD = "service_record"  # Ehrenamtsnachweis: a person's work and trainings in a period
    HOURS_CONFIRMATION = "hours_confirmation"  # the organisation's confirmation of hours for the Ehrenamtskarte

    def label(self) -> str:
        return {Kind.ATTENDANCE: pgettext("certificate kind", "Certificate of attendance"),
                Kind.SERVICE_RECORD: pgettext("certificate kind", "Volunteer service record"),
                Kind.HOURS_CONFIRMATION: pgettext("certificate kind", "Confirmation of hours (Ehrenamtskarte)")}[self]


class Validity(str, Enum):
    """What verifying a number or a QR text says."""
    VALID = "valid"
    REVOKED = "revoked"
    UNKNOWN = "unknown"

    def label(self) -> str:
        return {Validity.VALID: pgettext("certificate validity", "valid"),
                Validity.REVOKED: pgettext("certificate validity", "revoked"),
                Validity.UNKNOWN: pgettext("certificate validity", "unknown")}[self]


def file_title(kind: Kind, language: str) -> str:
    """The document's name in file names: the German one for 'de' and 'both', the English one for 'en'.
    Fixed words, not the UI language: a German office expects German file names even in an English window."""
    german = {Kind.ATTENDANCE: "Teilnahmebescheinigung", Kind.SERVICE_RECORD: "Ehrenamtsnachweis",
              Kind.HOURS_CONFIRMATION: "Stundenbestätigung Ehrenamtskarte"}
    english = {Kind.ATTENDANCE: "Certificate of attendance", Kind.SERVICE_RECORD: "Volunteer service record",
               Kind.HOURS_CONFIRMATION: "Confirmation of hours Ehrenamtskarte"}
    return (english if language == "en" else german)[kind]


# -- numbers and QR text ---------------------------------------------------------------------------------------

def format_number(prefix: str, year: int, serial: int) -> str:
    return f"{prefix}-{year:04d}-{serial:0{SERIAL_DIGITS}d}"


def new_check_code() -> str:
    """A random check value printed beside the number and kept in the register: a QR text with a made-up number
    or a copied number with a made-up value does not verify."""
    return "".join(secrets.choice(CHECK_ALPHABET) for _i in range(CHECK_LENGTH))


def qr_text(number: str, check_code: str) -> str:
    return f"{QR_LABEL} {number} {check_code}"


@dataclass(frozen=True)
class Lookup:
    """A number typed in or read from a QR code; ``check_code``: the word after the number when the text carried
    one -- as written, well-formed or not (a made-up value must not verify)."""
    number: str
    check_code: str | None = None

    @property
    def well_formed_check(self) -> bool:
        return self.check_code is not None and bool(_CHECK.match(self.check_code))


def parse_lookup(text: str) -> Lookup | None:
    """The number (and check value) in what the user typed or scanned: 'KD-2026-00012', 'kd-2026-00012',
    'KommanDesk KD-2026-00012 7K3QX9'. None when there is no certificate number in it."""
    cleaned = " ".join((text or "").upper().split())
    match = _NUMBER.search(cleaned)
    if match is None:
        return None
    rest = cleaned[match.end():].split()
    check = rest[0] if rest else None
    if check is not None and not _CHECK.match(check) and not cleaned.startswith(QR_LABEL.upper() + " "):
        check = None  # "KD-2026-00012 (Anna)" typed by hand: only a QR text's word after the number is its value
    return Lookup(match.group(0), check)


# -- what is printed -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Issuer:
    """The organisation as printed on the certificate (copied when it is issued)."""
    name: str
    street: str = ""
    postcode: str = ""
    town: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    signatory_name: str = ""
    signatory_role: str = ""
    logo_sha256: str | None = None  # the logo's bytes are kept once in the register, under this hash

    @property
    def address_line(self) -> str:
        place = " ".join(part for part in (self.postcode, self.town) if part)
        return ", ".join(part for part in (self.street, place) if part)


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    birth_date: dt.date | None = None  # printed only when the organisation's setting says so

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


@dataclass(frozen=True)
class Heading:
    """What every certificate carries: number, check value, language, date and place of issue, issuer, person."""
    number: str
    check_code: str
    language: str  # "de", "en" or "both"
    issued_on: dt.date
    issuer: Issuer
    person: Person

    @property
    def qr_text(self) -> str:
        return qr_text(self.number, self.check_code)


@dataclass(frozen=True)
class AttendanceContent:
    heading: Heading
    course_title: str
    course_reference: str
    session_days: tuple[dt.date, ...]  # the course's sessions that were held (not cancelled), in order
    attended_minutes: int
    planned_minutes: int
    unit: str  # TimeUnit value: "hours" or "teaching_units"
    topics: tuple[str, ...] = ()
    trainers: str = ""
    funding_tag: str = ""
    kind: Kind = Kind.ATTENDANCE


@dataclass(frozen=True)
class Activity:
    """Hours in one area of help within the period (service record)."""
    area_de: str
    area_en: str
    minutes: int
    assignments: int  # how many assignments the hours were logged for


@dataclass(frozen=True)
class TrainingDone:
    """A course completed within the period (service record)."""
    title: str
    reference: str
    first_day: dt.date | None
    last_day: dt.date | None
    attended_minutes: int
    unit: str  # TimeUnit value


@dataclass(frozen=True)
class ServiceRecordContent:
    heading: Heading
    period_from: dt.date
    period_to: dt.date
    activities: tuple[Activity, ...]
    trainings: tuple[TrainingDone, ...]
    total_minutes: int  # all hours logged in the period (the sum of the activities)
    kind: Kind = Kind.SERVICE_RECORD


@dataclass(frozen=True)
class CardRule:
    """The Ehrenamtskarte NRW rule: at least ``weekly_hours`` a week on average or ``yearly_hours`` a year, in
    each of the last ``years`` years. A setting of the organisation (towns vary)."""
    weekly_hours: int = 5
    yearly_hours: int = 250
    years: int = 2


@dataclass(frozen=True)
class CardYear:
    """One year of the check: the 12 months ending on ``last_day``."""
    first_day: dt.date
    last_day: dt.date
    minutes: int
    weekly_minutes: float  # the average per week over the year
    met: bool


@dataclass(frozen=True)
class CardCheck:
    rule: CardRule
    years: tuple[CardYear, ...]  # the latest year first
    meets: bool
    first_logged: dt.date | None  # the first day hours were logged at all

    @property
    def total_minutes(self) -> int:
        return sum(year.minutes for year in self.years)


@dataclass(frozen=True)
class HoursConfirmationContent:
    heading: Heading
    check: CardCheck
    kind: Kind = Kind.HOURS_CONFIRMATION


Content = AttendanceContent | ServiceRecordContent | HoursConfirmationContent


# -- the Ehrenamtskarte rule -----------------------------------------------------------------------------------

def years_before(day: dt.date, years: int = 1) -> dt.date:
    """The first day of the ``years`` years that end on ``day``: the same calendar day ``years`` earlier plus one
    day (29 February counts as 28 February)."""
    try:
        start = day.replace(year=day.year - years)
    except ValueError:
        start = day.replace(year=day.year - years, day=28)
    return start + dt.timedelta(days=1)


def card_check(rule: CardRule, minutes_by_day: dict[dt.date, int], today: dt.date) -> CardCheck:
    """Whether the hours logged up to ``today`` meet the rule, year by year: the last 12 months, the 12 before..."""
    years: list[CardYear] = []
    last = today
    for _index in range(rule.years):
        first = years_before(last)
        minutes = sum(m for day, m in minutes_by_day.items() if first <= day <= last)
        weeks = ((last - first).days + 1) / 7
        weekly = minutes / weeks
        met = minutes >= rule.yearly_hours * 60 or weekly >= rule.weekly_hours * 60
        years.append(CardYear(first, last, minutes, weekly, met))
        last = first - dt.timedelta(days=1)
    logged = [day for day, m in minutes_by_day.items() if m > 0]
    return CardCheck(rule, tuple(years), bool(years) and all(y.met for y in years), min(logged) if logged else None)


def validate_card_rule(rule: CardRule) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not _whole(rule.weekly_hours, 1, 40):
        errors["card_weekly_hours"] = _("Between {low} and {high} hours, please.").format(low=1, high=40)
    if not _whole(rule.yearly_hours, 1, 2000):
        errors["card_yearly_hours"] = _("Between {low} and {high} hours, please.").format(low=1, high=2000)
    if not _whole(rule.years, 1, 10):
        errors["card_years"] = _("Between {low} and {high} years, please.").format(low=1, high=10)
    return errors


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


# -- file names ------------------------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME_CHARS = 120  # of the person's part: Windows paths stay short


def file_name(person: Person, kind: Kind, language: str, taken: set[str] | None = None) -> str:
    """'Nachname Vorname - Teilnahmebescheinigung.pdf'; characters Windows forbids are replaced, and a name
    already in ``taken`` (compared case-insensitively) gets ' (2)', ' (3)', ... The result is added to ``taken``."""
    who = " ".join(part for part in (person.last_name, person.first_name) if part)
    who = " ".join(_UNSAFE.sub("_", who).split())[:MAX_NAME_CHARS].strip(" .") or "_"
    if who.upper() in _RESERVED:
        who = f"_{who}"
    base = f"{who} - {file_title(kind, language)}"
    taken = taken if taken is not None else set()
    name, count = f"{base}.pdf", 1
    while name.casefold() in taken:
        count += 1
        name = f"{base} ({count}).pdf"
    taken.add(name.casefold())
    return name


# -- the register's copy ---------------------------------------------------------------------------------------

def content_to_json(content: Content) -> str:
    def encode(value):
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, Enum):
            return value.value
        raise TypeError(type(value))

    return json.dumps(dataclasses.asdict(content), default=encode, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def content_from_json(text: str) -> Content:
    data = json.loads(text)
    kind = Kind(data["kind"])
    heading = _heading(data["heading"])
    if kind is Kind.ATTENDANCE:
        return AttendanceContent(
            heading=heading, course_title=data["course_title"], course_reference=data["course_reference"],
            session_days=tuple(dt.date.fromisoformat(d) for d in data["session_days"]),
            attended_minutes=data["attended_minutes"], planned_minutes=data["planned_minutes"], unit=data["unit"],
            topics=tuple(data["topics"]), trainers=data["trainers"], funding_tag=data["funding_tag"])
    if kind is Kind.SERVICE_RECORD:
        return ServiceRecordContent(
            heading=heading, period_from=dt.date.fromisoformat(data["period_from"]),
            period_to=dt.date.fromisoformat(data["period_to"]),
            activities=tuple(Activity(**a) for a in data["activities"]),
            trainings=tuple(TrainingDone(title=t["title"], reference=t["reference"],
                                         first_day=_day(t["first_day"]), last_day=_day(t["last_day"]),
                                         attended_minutes=t["attended_minutes"], unit=t["unit"])
                            for t in data["trainings"]),
            total_minutes=data["total_minutes"])
    check = data["check"]
    return HoursConfirmationContent(heading=heading, check=CardCheck(
        rule=CardRule(**check["rule"]),
        years=tuple(CardYear(first_day=dt.date.fromisoformat(y["first_day"]),
                             last_day=dt.date.fromisoformat(y["last_day"]), minutes=y["minutes"],
                             weekly_minutes=y["weekly_minutes"], met=y["met"]) for y in check["years"]),
        meets=check["meets"], first_logged=_day(check["first_logged"])))


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _heading(data: dict) -> Heading:
    person = data["person"]
    return Heading(number=data["number"], check_code=data["check_code"], language=data["language"],
                   issued_on=dt.date.fromisoformat(data["issued_on"]), issuer=Issuer(**data["issuer"]),
                   person=Person(first_name=person["first_name"], last_name=person["last_name"],
                                 birth_date=_day(person["birth_date"])))
