"""Reading lists of requests: which header is which field, and the cells people type."""

from __future__ import annotations

import datetime as dt

import pytest

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.availability import Period
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import GenderPreference, Urgency
from kommandesk.domain.schedule import Appointment
from kommandesk.interchange import request_columns as rc
from kommandesk.interchange.volunteer_columns import CellError

TODAY = dt.date(2026, 3, 1)


GERMAN = ["Referenz", "Vorname", "Haushalt", "Sprachen", "Unterkunft", "Ansprechperson", "Tätigkeit",
          "Sprache benötigt", "Geschlecht gewünscht", "Kinder", "PLZ", "Termin", "Zeiten", "Beginn", "Ende",
          "Dringlichkeit", "Beschreibung", "Einwilligung"]
ENGLISH = ["Reference", "First name", "Household size", "Languages", "Site", "Contact person", "Area of help",
           "Language needed", "Preferred gender", "Children involved", "Postcode", "Appointment", "Slots", "Start",
           "End", "Urgency", "Description", "Consent"]


@pytest.mark.parametrize("headers", [GERMAN, ENGLISH], ids=["de", "en"])
def test_german_and_english_headers_name_every_field(headers):
    mapping = rc.guess_mapping(headers)
    assert [mapping[i] for i in range(len(headers))] == list(rc.REQUEST_FIELDS)
    assert rc.header_score(headers) == len(rc.REQUEST_FIELDS)


def test_headers_are_matched_loosely():
    assert rc.guess_field("SPRACHE BENOETIGT") == "languages"
    assert rc.guess_field("Termin (Datum, Uhrzeit)") == "appointment"
    assert rc.guess_field("Sprachen der Familie") == "person_languages"
    assert rc.guess_field("Lieblingsfarbe") is None
    assert rc.header_score(["Anfragen Stand März", "", ""]) == 0


def test_the_first_column_of_a_field_wins_but_descriptions_are_joined():
    mapping = rc.guess_mapping(["Vorname", "Name", "Beschreibung", "Bemerkungen"])
    assert mapping == {0: "person", 1: None, 2: "description", 3: "description"}


def test_household():
    assert rc.parse_household("") == 1
    assert rc.parse_household(4) == 4
    assert rc.parse_household(4.0) == 4
    assert rc.parse_household("5 Personen") == 5
    for bad in ("viele", "0", 31, 2.5):
        with pytest.raises(CellError, match="is not a number of people"):
            rc.parse_household(bad)


def test_the_family_languages_are_names_or_codes_without_levels():
    assert rc.parse_person_languages("Dari, Farsi; ar") == ("prs", "fa", "ar")
    assert rc.parse_person_languages("Arabisch (Muttersprache), Kurdisch B1") == ("ar", "ku")
    assert rc.parse_person_languages("Dari, dari") == ("prs",)
    assert rc.parse_person_languages("") == ()
    with pytest.raises(CellError, match="\u201cElbisch\u201d is not a language KommanDesk knows"):
        rc.parse_person_languages("Dari, Elbisch")


def test_needed_languages_take_a_level_and_default_to_a2():
    assert rc.parse_needed_languages("Dari B1, Farsi B1") == (LanguageSkill("prs", Level.B1),
                                                              LanguageSkill("fa", Level.B1))
    assert rc.parse_needed_languages("Arabisch") == (LanguageSkill("ar", Level.A2),)
    assert rc.NEEDED_DEFAULT_LEVEL is Level.A2
    with pytest.raises(CellError, match="is not a language KommanDesk knows"):
        rc.parse_needed_languages("Elbisch B1")
    with pytest.raises(CellError, match="is not a language level"):
        rc.parse_needed_languages("Dari (D5)")


@pytest.mark.parametrize("text,expected", [
    ("", GenderPreference.ANY), ("egal", GenderPreference.ANY), ("any", GenderPreference.ANY),
    ("weiblich", GenderPreference.FEMALE), ("w", GenderPreference.FEMALE), ("Female", GenderPreference.FEMALE),
    ("männlich", GenderPreference.MALE), ("m", GenderPreference.MALE), ("male", GenderPreference.MALE)])
def test_gender_preference(text, expected):
    assert rc.parse_gender_preference(text) is expected


def test_gender_preference_refuses_anything_else():
    with pytest.raises(CellError, match="is not a gender preference"):
        rc.parse_gender_preference("divers")


@pytest.mark.parametrize("cell,expected", [
    ("ja", True), ("Ja", True), ("yes", True), ("x", True), ("1", True), (1, True), (True, True),
    ("nein", False), ("no", False), ("0", False), (0, False), ("", False), (None, False), ("-", False)])
def test_yes_no(cell, expected):
    assert rc.parse_yes_no(cell) is expected


def test_yes_no_refuses_anything_else():
    with pytest.raises(CellError, match="is neither yes nor no"):
        rc.parse_yes_no("vielleicht")


def test_appointment():
    expected = Appointment(dt.date(2026, 3, 12), dt.time(9, 0), dt.time(11, 30))
    assert rc.parse_appointment("12.03.2026 09:00-11:30", TODAY) == expected
    assert rc.parse_appointment("12.03.2026, 9:00 – 11:30 Uhr", TODAY) == expected
    assert rc.parse_appointment("2026-03-12 09:00 bis 11:30", TODAY) == expected
    assert rc.parse_appointment("12.3.2026 9-11", TODAY) == Appointment(dt.date(2026, 3, 12), dt.time(9),
                                                                         dt.time(11))
    assert rc.parse_appointment("", TODAY) is None


def test_an_appointment_that_ends_before_it_starts_is_read_as_written_for_the_rules_to_refuse():
    appointment = rc.parse_appointment("12.03.2026 11:00-09:00", TODAY)
    assert appointment.end < appointment.start


@pytest.mark.parametrize("cell", ["12.03.2026", "morgen früh", "12.03.2026 25:00-26:00", "31.02.2026 09:00-10:00",
                                  dt.datetime(2026, 3, 12, 9, 0)])
def test_appointment_problems(cell):
    with pytest.raises(CellError):
        rc.parse_appointment(cell, TODAY)


def test_slots_use_the_volunteer_availability_parser():
    assert rc.parse_slots("Di vormittags, Do nachmittags") == frozenset({(1, Period.MORNING),
                                                                          (3, Period.AFTERNOON)})
    assert rc.parse_slots("nach Absprache") == frozenset()
    with pytest.raises(CellError, match="is not a time KommanDesk understands"):
        rc.parse_slots("irgendwann")


@pytest.mark.parametrize("text,expected", [("", Urgency.NORMAL), ("normal", Urgency.NORMAL),
                                           ("hoch", Urgency.HIGH), ("high", Urgency.HIGH),
                                           ("dringend", Urgency.HIGH), ("Urgent", Urgency.HIGH)])
def test_urgency(text, expected):
    assert rc.parse_urgency(text) is expected


def test_urgency_refuses_anything_else():
    with pytest.raises(CellError, match="is not an urgency"):
        rc.parse_urgency("gestern")


def test_one_area_by_its_german_or_english_name():
    areas = [AreaOfHelp("a1", "Wohnungssuche", "Housing search", "housing"),
             AreaOfHelp("a2", "Sprachpatenschaft", "Language mentoring", "language_mentoring")]
    assert rc.parse_area("wohnungssuche", areas) == "a1"
    assert rc.parse_area("Language mentoring", areas) == "a2"
    assert rc.parse_area("", areas) is None
    with pytest.raises(CellError, match="is not an area of help"):
        rc.parse_area("Gartenarbeit", areas)
    with pytest.raises(CellError, match="more than one area of help"):
        rc.parse_area("Wohnungssuche, Sprachpatenschaft", areas)


def test_reference_is_upper_case_text():
    assert rc.parse_reference(" a-2026-0007 ") == "A-2026-0007"
    assert rc.parse_reference(17) == "17"

