"""Deterministic generator of fictitious volunteers living in North Rhine-Westphalia.

Everything comes from one `random.Random(seed)`: the same seed (and the same `today`)
always yields the same sequence of people. Emails use only the reserved example
domains (RFC 2606), so demo data can never reach a real mailbox.

E-mail addresses are ASCII-folded following the German convention for umlauts:
ä/ö/ü become ae/oe/ue for every language (so "Şükrü Öztürk" becomes
"suekrue.oeztuerk"), ß becomes ss, other accented letters lose their accents
("Łukasz Wójcik" becomes "lukasz.wojcik"), spaces and apostrophes are dropped.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import random
import unicodedata
from dataclasses import dataclass

from kommandesk.services.demo.pools import (
    ARABIC_SCRIPT_FEMALE,
    ARABIC_SCRIPT_NAMES,
    FIRST_NAMES,
    LAST_NAMES,
    NRW_PLACES,
    ORIGIN_WEIGHTS,
    STREETS,
)

EMAIL_DOMAINS = ("example.org", "example.com", "example.net")
MOBILE_PREFIXES = (("151", 8), ("160", 7), ("170", 7), ("176", 8))  # prefix, subscriber digits

MIN_AGE, MAX_AGE = 18, 78
MINOR_AGES = (16, 17)
MINOR_SHARE = 0.03
DIVERSE_SHARE = 0.02
EMAIL_NUMBER_SHARE = 0.25
HOUSE_LETTER_SHARE = 0.1

# Letters that NFKD does not decompose, plus the German umlaut convention
# (applied before NFKD, which would otherwise turn ä into a).
_FOLD_TABLE = str.maketrans({
    "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
    "ß": "ss", "ẞ": "SS",
    "Ł": "L", "ł": "l",
    "ı": "i", "İ": "I",
    "Đ": "D", "đ": "d",
    "Ø": "O", "ø": "o",
    "Æ": "AE", "æ": "ae",
    "Œ": "OE", "œ": "oe",
})
_EMAIL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_PERSIAN_LETTERS = frozenset("پچژگکی")


@dataclass(frozen=True)
class DemoPerson:
    first_name: str
    last_name: str
    gender: str  # "female" | "male" | "diverse"
    origin: str
    birth_date: datetime.date
    email: str
    phone: str
    street: str
    postcode: str
    town: str


def ascii_fold(text: str) -> str:
    """ASCII transliteration keeping case and spacing ("Mülheim an der Ruhr" -> "Muelheim an der Ruhr").

    Characters without a Latin equivalent (e.g. Arabic script) are dropped.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
    return "".join(ch for ch in decomposed if ch.isascii())


def fold_for_email(text: str) -> str:
    """Lowercase ASCII form of a name for an e-mail local part ("Weiß" -> "weiss").

    Only letters, digits and hyphens survive: spaces and apostrophes are dropped.
    """
    return "".join(ch for ch in ascii_fold(text).lower() if ch in _EMAIL_SAFE)


def feminine_surname(origin: str, surname: str) -> str:
    """The feminine form of a surname in languages that inflect surnames by gender."""
    if origin == "polish" and surname.endswith("ki"):
        return surname[:-1] + "a"  # Zieliński -> Zielińska, Nowicki -> Nowicka
    if origin == "czech":
        if surname.endswith("ý"):
            return surname[:-1] + "á"  # Novotný -> Novotná
        if surname.endswith("a"):
            return surname[:-1] + "ová"  # Svoboda -> Svobodová
        if surname.endswith("ek"):
            return surname[:-2] + "ková"  # Jelínek -> Jelínková
        if surname.endswith("ec"):
            return surname[:-2] + "cová"  # Němec -> Němcová
        return surname + "ová"  # Dvořák -> Dvořáková
    if origin == "russian" and surname.endswith(("ov", "ev", "in", "ow")):
        return surname + "a"  # Ivanov -> Ivanova, Orlow -> Orlowa
    if origin == "greek":
        if surname.endswith("os"):
            return surname[:-2] + "ou"  # Papadopoulos -> Papadopoulou
        if surname.endswith(("is", "as")):
            return surname[:-1]  # Papadakis -> Papadaki, Pappas -> Pappa
    return surname


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year - years, day=28)


class PeopleGenerator:
    """Reproducible source of `DemoPerson`s; uses its own `random.Random`, never the global one."""

    def __init__(self, seed: int, today: datetime.date | None = None,
                 places: list[tuple[str, str]] | None = None):
        self._rng = random.Random(seed)
        self._today = today or datetime.date.today()
        self._places = places or NRW_PLACES  # (postcode, town) to draw addresses from
        self._origins = list(ORIGIN_WEIGHTS)
        self._cumulative = list(itertools.accumulate(ORIGIN_WEIGHTS.values()))
        self._script_counter = itertools.count(1)

    def person(self) -> DemoPerson:
        rng = self._rng
        origin = self._origin()
        gender = "diverse" if rng.random() < DIVERSE_SHARE else rng.choice(("female", "male"))
        name_list = gender if gender != "diverse" else rng.choice(("female", "male"))
        first = rng.choice(FIRST_NAMES[origin][name_list])
        last = rng.choice(LAST_NAMES[origin])
        if gender == "female":
            last = feminine_surname(origin, last)
        number = str(rng.randint(1, 9)) if rng.random() < EMAIL_NUMBER_SHARE else ""
        local = f"{fold_for_email(first) or 'person'}.{fold_for_email(last) or 'demo'}{number}"
        email = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
        return self._complete(first, last, gender, origin, email)

    def people(self, n: int) -> list[DemoPerson]:
        return [self.person() for _ in range(n)]

    def arabic_script_person(self) -> DemoPerson:
        """A person whose name is written in Arabic or Persian script (for RTL printing checks)."""
        first, last = self._rng.choice(ARABIC_SCRIPT_NAMES)
        gender = "female" if first in ARABIC_SCRIPT_FEMALE else "male"
        origin = "persian" if _PERSIAN_LETTERS.intersection(first + last) else "arabic"
        email = f"person{next(self._script_counter)}@example.org"
        return self._complete(first, last, gender, origin, email)

    def _origin(self) -> str:
        point = self._rng.random() * self._cumulative[-1]
        return self._origins[bisect.bisect_right(self._cumulative, point)]

    def _complete(self, first: str, last: str, gender: str, origin: str, email: str) -> DemoPerson:
        postcode, town = self._rng.choice(self._places)
        return DemoPerson(
            first_name=first,
            last_name=last,
            gender=gender,
            origin=origin,
            birth_date=self._birth_date(),
            email=email,
            phone=self._phone(),
            street=self._street(),
            postcode=postcode,
            town=town,
        )

    def _birth_date(self) -> datetime.date:
        rng = self._rng
        age = rng.choice(MINOR_AGES) if rng.random() < MINOR_SHARE else rng.randint(MIN_AGE, MAX_AGE)
        latest = _years_before(self._today, age)
        earliest = _years_before(self._today, age + 1) + datetime.timedelta(days=1)
        return earliest + datetime.timedelta(days=rng.randint(0, (latest - earliest).days))

    def _phone(self) -> str:
        prefix, digits = self._rng.choice(MOBILE_PREFIXES)
        subscriber = self._rng.randint(10 ** (digits - 1), 10**digits - 1)
        return f"+49 {prefix} {subscriber}"

    def _street(self) -> str:
        rng = self._rng
        letter = rng.choice("abc") if rng.random() < HOUSE_LETTER_SHARE else ""
        return f"{rng.choice(STREETS)} {rng.randint(1, 120)}{letter}"


# --- demo volunteers --------------------------------------------------------------------------------------------

# Languages typical for an origin: (code, levels to pick from, probability). The first is the mother tongue.
ORIGIN_LANGUAGES: dict[str, tuple[tuple[str, tuple[str, ...], float], ...]] = {
    "german": (("de", ("native",), 1.0), ("en", ("B1", "B2", "B2", "C1"), 0.75), ("fr", ("A2", "B1", "B2"), 0.2),
               ("es", ("A2", "B1"), 0.08), ("tr", ("A1", "A2"), 0.02), ("ar", ("A1", "A2"), 0.02),
               ("ru", ("A2", "B1"), 0.02)),
    "turkish": (("tr", ("native",), 1.0), ("de", ("B2", "C1", "C1", "C2", "native", "native"), 1.0),
                ("en", ("A2", "B1", "B2"), 0.35), ("ku", ("B1", "C1", "native"), 0.08)),
    "arabic": (("ar", ("native",), 1.0), ("de", ("A2", "B1", "B1", "B2", "C1"), 0.95),
               ("en", ("A2", "B1", "B2"), 0.45), ("fr", ("A2", "B1"), 0.08), ("ku", ("B1", "C1"), 0.05)),
    "polish": (("pl", ("native",), 1.0), ("de", ("B1", "B2", "C1", "C2"), 1.0), ("en", ("B1", "B2"), 0.4),
               ("ru", ("A2", "B1"), 0.1)),
    "ukrainian": (("uk", ("native",), 1.0), ("ru", ("C1", "C2", "native"), 0.8),
                  ("de", ("A1", "A2", "B1", "B1", "B2"), 0.9), ("en", ("A2", "B1", "B2"), 0.45),
                  ("pl", ("A2", "B1"), 0.1)),
    "russian": (("ru", ("native",), 1.0), ("de", ("B1", "B2", "C1", "C2"), 1.0), ("uk", ("B2", "C1"), 0.12),
                ("en", ("A2", "B1"), 0.3)),
    "persian": (("fa", ("native",), 1.0), ("de", ("A2", "B1", "B2", "C1"), 0.95), ("en", ("A2", "B1", "B2"), 0.4),
                ("ps", ("B1", "C1", "native"), 0.12), ("ur", ("A2", "B1"), 0.04)),
    "kurdish": (("ku", ("native",), 1.0), ("tr", ("B2", "C1", "native"), 0.5), ("ar", ("B2", "C1", "native"), 0.4),
                ("de", ("B1", "B2", "C1"), 0.95), ("en", ("A2", "B1"), 0.2)),
    "romanian": (("ro", ("native",), 1.0), ("de", ("A2", "B1", "B2", "C1"), 0.95), ("en", ("B1", "B2"), 0.4),
                 ("it", ("A2", "B1"), 0.1), ("hu", ("B2", "native"), 0.05)),
    "italian": (("it", ("native",), 1.0), ("de", ("B2", "C1", "native"), 1.0), ("en", ("A2", "B1", "B2"), 0.4),
                ("fr", ("A2", "B1"), 0.1)),
    "greek": (("el", ("native",), 1.0), ("de", ("B2", "C1", "native"), 1.0), ("en", ("B1", "B2", "C1"), 0.5)),
    "bcs": (("bs", ("native",), 0.4), ("hr", ("native",), 0.35), ("sr", ("native",), 0.35),
            ("de", ("B2", "C1", "native"), 1.0), ("en", ("A2", "B1", "B2"), 0.35)),
    "vietnamese": (("vi", ("native",), 1.0), ("de", ("B1", "B2", "C1"), 1.0), ("en", ("A2", "B1", "B2"), 0.4)),
    "tigrinya": (("ti", ("native",), 1.0), ("ar", ("A2", "B1", "B2"), 0.3), ("de", ("A2", "B1", "B2"), 0.9),
                 ("en", ("A2", "B1"), 0.5), ("am", ("B1", "B2"), 0.2)),
    "czech": (("cs", ("native",), 1.0), ("de", ("B1", "B2", "C1"), 1.0), ("sk", ("C1", "C2"), 0.2),
              ("en", ("B1", "B2"), 0.45)),
}

# the share of each status (the list is mostly active volunteers)
STATUS_WEIGHTS = (("active", 68), ("applicant", 12), ("paused", 8), ("inactive", 8), ("archived", 4))
CLEARANCE_SHARE = 0.4
CONSENT_SHARE_OF_APPLICANTS = 0.6
ABSENCE_SHARE = 0.12
NOTE_SHARE = 0.18
BY_ARRANGEMENT_SHARE = 0.15
DEMO_NOTES = (
    "Hat einen Führerschein und ein eigenes Auto.",
    "Kann nur nach 17 Uhr.",
    "Erfahrung in der Hausaufgabenhilfe (Grundschule).",
    "Lehrerin im Ruhestand, gern Sprachpatenschaften.",
    "Möchte zunächst nur bei Spenden und Logistik helfen.",
    "Spricht auch etwas Französisch.",
    "Begleitet gern zu Arztterminen; medizinische Vorkenntnisse.",
    "Studiert Soziale Arbeit, Praktikum im Herbst.",
    "Bitte vorher telefonisch anfragen.",
    "Hat selbst 2016 Unterstützung erhalten und möchte etwas zurückgeben.",
    "Trainerin im Sportverein (Fußball, Kinder 8–12).",
    "Kennt sich mit Wohnungsbewerbungen und Jobcenter-Anträgen aus.",
    "Nicht in den Schulferien.",
    "Dolmetscht auch bei Elterngesprächen in der Schule.",
)
CONSENT_TEXT_VERSIONS = ("2023-01", "2024-03", "2025-02")


class VolunteerGenerator:
    """Reproducible demo volunteers: a DemoPerson plus languages, areas, availability, clearance, consent.

    Returns kommandesk.domain.volunteers.Volunteer objects (not saved); ``area_ids`` maps the default areas' keys
    to their ids in the database.
    """

    def __init__(self, seed: int, today: datetime.date, area_ids: dict[str, str], coordinators: list[str],
                 places: list[tuple[str, str]] | None = None):
        self._people = PeopleGenerator(seed, today, places)
        self._rng = random.Random(f"volunteers-{seed}")
        self._today = today
        self._area_ids = area_ids
        self._coordinators = coordinators or ["Koordination"]
        self._statuses = [name for name, _weight in STATUS_WEIGHTS]
        self._status_cumulative = list(itertools.accumulate(weight for _name, weight in STATUS_WEIGHTS))

    def volunteers(self, n: int) -> list:
        return [self.volunteer() for _ in range(n)]

    def volunteer(self):
        from kommandesk.domain.availability import Availability
        from kommandesk.domain.volunteers import Gender, Mobility, Status, Volunteer

        rng = self._rng
        person = self._people.arabic_script_person() if rng.random() < 0.01 else self._people.person()
        registered = self._today - datetime.timedelta(days=rng.randint(0, 4 * 365))
        status = Status(self._statuses[bisect.bisect_right(self._status_cumulative,
                                                           rng.random() * self._status_cumulative[-1])])
        consent = self._consent(registered) if status is not Status.APPLICANT or \
            rng.random() < CONSENT_SHARE_OF_APPLICANTS else None
        history = self._history(status, registered, consent.given_on if consent else registered)
        mobility = frozenset(m for m, share in ((Mobility.PUBLIC_TRANSPORT, 0.7), (Mobility.BIKE, 0.35),
                                                (Mobility.CAR, 0.4)) if rng.random() < share)
        return Volunteer(
            first_name=person.first_name, last_name=person.last_name, birth_date=person.birth_date,
            gender=Gender(person.gender) if rng.random() > 0.03 else Gender.NOT_STATED,
            email=person.email if rng.random() > 0.04 else "", phone=person.phone if rng.random() > 0.03 else "",
            street=person.street, postcode=person.postcode, town=person.town, status=status,
            notes=rng.choice(DEMO_NOTES) if rng.random() < NOTE_SHARE else "",
            registered_on=registered, languages=self._languages(person.origin), areas=self._areas(person.origin),
            availability=Availability(slots=self._slots(), by_arrangement=rng.random() < BY_ARRANGEMENT_SHARE,
                                      absences=self._absences()),
            max_assignments=rng.choice((1, 1, 1, 2, 2, 3)),
            travel_radius_km=rng.choice((None, 5, 10, 10, 15, 20, 30, 50)), mobility=mobility,
            clearance=self._clearance(registered), consent=consent, history=history,
        )

    def _languages(self, origin: str) -> tuple:
        from kommandesk.domain.languages import LanguageSkill, Level

        rng = self._rng
        skills: dict[str, LanguageSkill] = {}
        for code, levels, share in ORIGIN_LANGUAGES[origin]:
            if rng.random() < share and code not in skills:
                skills[code] = LanguageSkill(code, Level(rng.choice(levels)))
        if not any(skill.level is Level.NATIVE for skill in skills.values()):  # bcs: one of the three at least
            code = ORIGIN_LANGUAGES[origin][0][0]
            skills = {code: LanguageSkill(code, Level.NATIVE), **skills}
        return tuple(skills.values())

    def _areas(self, origin: str) -> tuple[str, ...]:
        rng = self._rng
        weights = {"escort": 3, "language_mentoring": 3, "homework": 3, "interpreting": 1, "housing": 2,
                   "work_training": 2, "childcare": 2, "leisure_sport": 2, "everyday": 3, "donations": 2}
        if origin != "german":
            weights["interpreting"] = 6
        keys = [key for key in weights if key in self._area_ids]
        chosen = set()
        for _ in range(rng.choice((1, 1, 2, 2, 2, 3, 4))):
            chosen.add(rng.choices(keys, weights=[weights[k] for k in keys])[0])
        return tuple(self._area_ids[key] for key in keys if key in chosen)

    def _slots(self) -> frozenset:
        from kommandesk.domain.availability import Period

        rng = self._rng
        periods = list(Period)
        evenings_and_weekends = rng.random() < 0.45  # people in work: after hours and at the weekend
        slots = set()
        for _ in range(rng.randint(1, 7)):
            if evenings_and_weekends:
                day = rng.choice((0, 1, 2, 3, 4, 5, 6))
                period = Period.EVENING if day < 5 else rng.choice(periods)
            else:
                day, period = rng.randint(0, 6 if rng.random() < 0.2 else 4), rng.choice(periods)
            slots.add((day, period))
        return frozenset(slots)

    def _absences(self) -> tuple:
        from kommandesk.domain.availability import Absence

        rng = self._rng
        if rng.random() >= ABSENCE_SHARE:
            return ()
        absences = []
        start = self._today + datetime.timedelta(days=rng.randint(-60, 120))
        for _ in range(rng.choice((1, 1, 2))):
            length = rng.choice((3, 7, 10, 14, 21))
            absences.append(Absence(start, start + datetime.timedelta(days=length - 1),
                                    rng.choice(("Urlaub", "Urlaub", "Kur", "Familienbesuch", ""))))
            start += datetime.timedelta(days=length + rng.randint(30, 120))
        return tuple(absences)

    def _clearance(self, registered: datetime.date):
        from kommandesk.domain.clearance import Clearance, ClearanceResult

        rng = self._rng
        if rng.random() >= CLEARANCE_SHARE:
            return Clearance(self_commitment_on=registered if rng.random() < 0.1 else None)
        # issued up to six years ago: some expired, some expiring within the warning period, most valid
        which = rng.random()
        if which < 0.8:
            age = rng.randint(0, 5 * 365 - 70)
        elif which < 0.9:
            age = rng.randint(5 * 365 - 58, 5 * 365 - 2)
        else:
            age = rng.randint(5 * 365 + 2, 6 * 365)
        issued = self._today - datetime.timedelta(days=age)
        inspected = min(self._today, issued + datetime.timedelta(days=rng.choice((3, 7, 14, 30, 45, 120))))
        result = ClearanceResult.RELEVANT_ENTRY if rng.random() < 0.004 else ClearanceResult.NO_RELEVANT_ENTRY
        return Clearance(issued_on=issued, inspected_on=inspected, inspected_by=rng.choice(self._coordinators),
                         result=result, self_commitment_on=inspected if rng.random() < 0.6 else None)

    def _consent(self, registered: datetime.date):
        from kommandesk.domain.volunteers import Consent, ConsentPurpose

        rng = self._rng
        purposes = {ConsentPurpose.CONTACT}
        if rng.random() < 0.85:
            purposes.add(ConsentPurpose.SHARE_WITH_FAMILY)
        if rng.random() < 0.4:
            purposes.add(ConsentPurpose.PHOTOS)
        given = min(self._today, registered + datetime.timedelta(days=rng.randint(0, 14)))
        version = [v for v in CONSENT_TEXT_VERSIONS if v <= given.strftime("%Y-%m")] or [CONSENT_TEXT_VERSIONS[0]]
        return Consent(given_on=given, purposes=frozenset(purposes), text_version=version[-1])

    def _history(self, status, registered: datetime.date, consent_on: datetime.date) -> tuple:
        """A plausible path through the lifecycle to ``status``, with dates from registration to today."""
        from kommandesk.domain.volunteers import Status, StatusChange

        path = {Status.APPLICANT: [], Status.ACTIVE: [Status.ACTIVE], Status.PAUSED: [Status.ACTIVE, Status.PAUSED],
                Status.INACTIVE: [Status.ACTIVE, Status.INACTIVE],
                Status.ARCHIVED: [Status.ACTIVE, Status.INACTIVE, Status.ARCHIVED]}[status]
        reasons = {Status.ACTIVE: "", Status.PAUSED: "Elternzeit", Status.INACTIVE: "Umzug",
                   Status.ARCHIVED: "Keine Rückmeldung mehr"}
        changes = [StatusChange(Status.APPLICANT, registered)]
        day = consent_on  # nobody becomes active before their consent is recorded
        for step in path:
            room = (self._today - day).days
            day += datetime.timedelta(days=self._rng.randint(0, max(0, min(room, 90 if step is Status.ACTIVE else 400))))
            changes.append(StatusChange(step, day, reasons[step]))
        return tuple(changes)
