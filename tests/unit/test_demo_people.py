"""Tests for the demo people generator and its data pools."""

from __future__ import annotations

import datetime
import random
import re

import pytest

from kommandesk.services.demo.people import EMAIL_DOMAINS, PeopleGenerator, ascii_fold, fold_for_email
from kommandesk.services.demo.pools import (
    ARABIC_SCRIPT_NAMES,
    FIRST_NAMES,
    LAST_NAMES,
    NRW_PLACES,
    ORIGIN_WEIGHTS,
    STREETS,
)

TODAY = datetime.date(2024, 2, 29)  # a leap day, to exercise birthday arithmetic
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
EMAIL_LOCAL = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+[0-9]?$")


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_nrw_postcode(code: str) -> bool:
    if not re.fullmatch(r"[0-9]{5}", code):
        return False
    prefix, number = int(code[:2]), int(code)
    if prefix in (32, 33, 40, 41, 42, 57, 58, 59) or 44 <= prefix <= 53:
        return True
    return code in {"34414", "34431", "34434", "34439"} or 37671 <= number <= 37696


@pytest.fixture(scope="module")
def crowd() -> list:
    return PeopleGenerator(seed=2024, today=TODAY).people(2000)


def test_same_seed_same_people():
    assert PeopleGenerator(7, TODAY).people(200) == PeopleGenerator(7, TODAY).people(200)


def test_same_seed_same_arabic_script_people():
    first, second = PeopleGenerator(7, TODAY), PeopleGenerator(7, TODAY)
    assert [first.arabic_script_person() for _ in range(5)] == [second.arabic_script_person() for _ in range(5)]


def test_different_seed_different_people():
    assert PeopleGenerator(1, TODAY).people(20) != PeopleGenerator(2, TODAY).people(20)


def test_generator_does_not_touch_global_random():
    random.seed(99)
    expected = random.random()
    random.seed(99)
    PeopleGenerator(5, TODAY).people(50)
    assert random.random() == expected


def test_places_are_real_looking_nrw_postcodes():
    assert len(NRW_PLACES) >= 80
    bad = [place for place in NRW_PLACES if not is_nrw_postcode(place[0])]
    assert bad == []
    assert all(town.strip() == town and town for _, town in NRW_PLACES)


def test_places_have_no_duplicates():
    assert len(set(NRW_PLACES)) == len(NRW_PLACES)
    assert len({code for code, _ in NRW_PLACES}) == len(NRW_PLACES)
    assert len({town for _, town in NRW_PLACES}) == len(NRW_PLACES)


def test_places_include_towns_with_umlauts():
    towns = {town for _, town in NRW_PLACES}
    for town in ("Mönchengladbach", "Lüdenscheid", "Mülheim an der Ruhr", "Lünen", "Düren", "Gütersloh", "Bünde", "Höxter"):
        assert town in towns


def test_pools_are_consistent():
    assert set(FIRST_NAMES) == set(LAST_NAMES) == set(ORIGIN_WEIGHTS)
    assert len(FIRST_NAMES) >= 15
    for origin, by_gender in FIRST_NAMES.items():
        assert set(by_gender) == {"female", "male"}, origin
        for names in by_gender.values():
            assert len(names) >= 15 and len(set(names)) == len(names), origin
        assert len(LAST_NAMES[origin]) >= 15 and len(set(LAST_NAMES[origin])) == len(LAST_NAMES[origin]), origin
    latin_names = [n for g in FIRST_NAMES.values() for ns in g.values() for n in ns] + [
        n for ns in LAST_NAMES.values() for n in ns
    ]
    assert not [n for n in latin_names if ARABIC_SCRIPT.search(n) or n != n.strip()]
    assert len(STREETS) >= 30 and len(set(STREETS)) == len(STREETS)


def test_people_have_valid_fields(crowd):
    for person in crowd:
        assert person.gender in {"female", "male", "diverse"}
        assert person.origin in ORIGIN_WEIGHTS
        assert (person.postcode, person.town) in NRW_PLACES
        assert re.fullmatch(r"\+49 1(51|60|70|76) [1-9][0-9]{6,7}", person.phone), person.phone
        assert re.fullmatch(r".+ ([1-9][0-9]?|1[01][0-9]|120)[abc]?", person.street), person.street


def test_emails_are_ascii_and_use_example_domains(crowd):
    for person in crowd:
        local, _, domain = person.email.partition("@")
        assert person.email.isascii(), person.email
        assert domain in EMAIL_DOMAINS
        assert domain in {"example.org", "example.com", "example.net"}
        assert EMAIL_LOCAL.fullmatch(local), person.email


def test_crowd_is_diverse(crowd):
    assert len({p.origin for p in crowd}) >= 8
    names = " ".join(f"{p.first_name} {p.last_name}" for p in crowd)
    assert set("şŞ") & set(names)
    assert set("łŁ") & set(names)
    assert set("üöäÜÖÄ") & set(names)
    assert not ARABIC_SCRIPT.search(names)
    german_share = sum(p.origin == "german" for p in crowd) / len(crowd)
    assert 0.38 < german_share < 0.52
    assert any(p.gender == "diverse" for p in crowd)


def test_ages_between_16_and_78_with_a_few_minors(crowd):
    ages = [age_on(p.birth_date, TODAY) for p in crowd]
    assert min(ages) >= 16 and max(ages) <= 78
    minors = sum(age < 18 for age in ages)
    assert 0 < minors < len(ages) * 0.08


def test_default_today_is_real_today():
    person = PeopleGenerator(3).person()
    assert 16 <= age_on(person.birth_date, datetime.date.today()) <= 78


def test_feminine_surnames():
    people = PeopleGenerator(11, TODAY).people(3000)
    female_polish = {p.last_name for p in people if p.origin == "polish" and p.gender == "female"}
    assert not any(name.endswith("ski") for name in female_polish)
    assert any(name.endswith("ska") for name in female_polish)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        # German convention for every umlaut, whatever the language: ü -> ue, ö -> oe.
        ("Şükrü Öztürk", "suekrueoeztuerk"),
        ("Łukasz Wójcik", "lukaszwojcik"),
        ("Weiß", "weiss"),
        ("Müller", "mueller"),
        ("Jürgen", "juergen"),
        ("Björn", "bjoern"),
        ("Małgorzata", "malgorzata"),
        ("Zieliński", "zielinski"),
        ("İlker", "ilker"),
        ("Yılmaz", "yilmaz"),
        ("Çağla", "cagla"),
        ("Gülşen", "guelsen"),
        ("Nguyễn Thị", "nguyenthi"),
        ("Trần", "tran"),
        ("Đặng", "dang"),
        ("Đorđević", "dordevic"),
        ("Kovačević", "kovacevic"),
        ("Dvořák", "dvorak"),
        ("Jiří", "jiri"),
        ("Ștefan", "stefan"),
        ("Ionuț", "ionut"),
        ("D'Angelo", "dangelo"),
        ("Hans-Peter", "hans-peter"),
        ("Søren Ærø", "sorenaero"),
    ],
)
def test_fold_for_email(name, folded):
    assert fold_for_email(name) == folded


def test_ascii_fold_keeps_case_and_spaces():
    assert ascii_fold("Mülheim an der Ruhr") == "Muelheim an der Ruhr"
    assert ascii_fold("Schloß Holte-Stukenbrock") == "Schloss Holte-Stukenbrock"
    assert ascii_fold("Đặng Thị Hằng") == "Dang Thi Hang"
    assert ascii_fold("محمد") == ""


def test_email_for_known_names():
    assert f"{fold_for_email('Şükrü')}.{fold_for_email('Öztürk')}" == "suekrue.oeztuerk"
    assert f"{fold_for_email('Łukasz')}.{fold_for_email('Wójcik')}" == "lukasz.wojcik"


def test_arabic_script_person():
    generator = PeopleGenerator(5, TODAY)
    people = [generator.arabic_script_person() for _ in range(30)]
    assert [p.email for p in people[:3]] == ["person1@example.org", "person2@example.org", "person3@example.org"]
    for person in people:
        assert (person.first_name, person.last_name) in ARABIC_SCRIPT_NAMES
        assert ARABIC_SCRIPT.search(person.first_name) and ARABIC_SCRIPT.search(person.last_name)
        assert person.origin in {"arabic", "persian"}
        assert person.gender in {"female", "male"}
        assert 16 <= age_on(person.birth_date, TODAY) <= 78
    assert {p.origin for p in people} == {"arabic", "persian"}
