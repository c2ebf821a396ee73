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

    def __init__(self, seed: int, today: datetime.date | None = None):
        self._rng = random.Random(seed)
        self._today = today or datetime.date.today()
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
        postcode, town = self._rng.choice(NRW_PLACES)
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
