"""Headers in German and English, and the cell formats people really type into volunteer lists."""

from __future__ import annotations

import datetime as dt

import pytest

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.availability import Period
from kommandesk.domain.clearance import ClearanceResult
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.volunteers import Gender, Status
from kommandesk.interchange import volunteer_columns as vc
from kommandesk.interchange.volunteer_columns import CellError

TODAY = dt.date(2026, 11, 25)


# -- headers --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("header,field", [
    ("Vorname", "first_name"), ("VORNAME", "first_name"), ("First name", "first_name"), ("first_name", "first_name"),
    ("Nachname", "last_name"), ("Surname", "last_name"), ("Familienname", "last_name"),
    ("E-Mail", "email"), ("E-Mail-Adresse", "email"), ("Email address", "email"), ("e-mail", "email"),
    ("Telefon", "phone"), ("Handy", "phone"), ("Mobilnummer", "phone"), ("Telefon (privat)", "phone"),
    ("Straße", "street"), ("Strasse", "street"), ("STRASSE", "street"), ("Street", "street"),
    ("PLZ", "postcode"), ("Postcode", "postcode"), ("Postleitzahl", "postcode"),
    ("Ort", "town"), ("Wohnort", "town"), ("Town", "town"), ("City", "town"),
    ("Geburtsdatum", "birth_date"), ("Geburtsdatum (TT.MM.JJJJ)", "birth_date"), ("Date of birth", "birth_date"),
    ("Geschlecht", "gender"), ("Gender", "gender"),
    ("Sprachen", "languages"), ("Muttersprache", "languages"), ("Languages", "languages"),
    ("Tätigkeiten", "areas"), ("Taetigkeiten", "areas"), ("Areas of help", "areas"),
    ("Verfügbarkeit", "availability"), ("Availability", "availability"),
    ("Führungszeugnis vom", "clearance_issued_on"), ("Fuehrungszeugnis vom", "clearance_issued_on"),
    ("Police certificate issued", "clearance_issued_on"),
    ("Führungszeugnis eingesehen am", "clearance_inspected_on"),
    ("Police certificate inspected", "clearance_inspected_on"),
    ("Einwilligung vom", "consent_given_on"), ("Consent given", "consent_given_on"),
    ("Führungszeugnis", "clearance_result"), ("Clearance", "clearance_result"),
    ("Führungszeugnis Ergebnis", "clearance_result"),
    ("Status", "status"), ("Bemerkungen", "notes"), ("Notes", "notes"),
])
def test_headers_are_recognised(header, field):
    assert vc.guess_field(header) == field


@pytest.mark.parametrize("header", ["", "Mobilität", "Ortsteil", "Freiwillige Stand 2026", "Nr.", "Lfd. Nr.",
                                    "Problem", "Fehler"])
def test_other_headers_are_not(header):
    assert vc.guess_field(header) is None


def test_mapping_keeps_the_first_of_a_repeated_header_and_joins_languages():
    headers = ["Vorname", "Name", "Telefon", "Telefon", "Muttersprache", "Sprachen", "Spalte X"]
    assert vc.guess_mapping(headers) == {0: "first_name", 1: "last_name", 2: "phone", 3: None, 4: "languages",
                                         5: "languages", 6: None}
    assert vc.guess_mapping(["Name", "Nachname"]) == {0: None, 1: "last_name"}
    assert vc.is_native_language_header("Muttersprache") and not vc.is_native_language_header("Sprachen")


def test_header_score_prefers_the_header_row():
    assert vc.header_score(["Freiwillige – Stand 01.11.2026"]) == 0
    assert vc.header_score(["Vorname", "Nachname", "PLZ", "Ort"]) == 4
    assert vc.header_score(["Anna", "Schmidt", "50667", "Köln"]) == 0


# -- dates ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("01.02.1985", dt.date(1985, 2, 1)), ("1.2.85", dt.date(1985, 2, 1)), ("1985-02-01", dt.date(1985, 2, 1)),
    (" 1.2.1985 ", dt.date(1985, 2, 1)), ("01.02.1985.", dt.date(1985, 2, 1)),
    ("1985-02-01 00:00:00", dt.date(1985, 2, 1)), ("1985-02-01T00:00", dt.date(1985, 2, 1)),
    (dt.datetime(1985, 2, 1), dt.date(1985, 2, 1)), (dt.date(1985, 2, 1), dt.date(1985, 2, 1)),
    (31079, dt.date(1985, 2, 1)), (31079.0, dt.date(1985, 2, 1)), ("31079", dt.date(1985, 2, 1)),
    ("13/01/1985", dt.date(1985, 1, 13)), ("1/13/1985", dt.date(1985, 1, 13)),
    ("", None), (None, None), ("   ", None),
])
def test_dates(value, expected):
    assert vc.parse_date(value, TODAY) == expected


def test_two_digit_years_are_within_the_hundred_years_before_today():
    assert vc.parse_date("1.2.26", TODAY) == dt.date(2026, 2, 1)
    assert vc.parse_date("24.12.26", TODAY) == dt.date(1926, 12, 24)  # 24.12.2026 is still to come
    assert vc.parse_date("1.2.27", TODAY) == dt.date(1927, 2, 1)
    assert vc.parse_date("1.2.00", TODAY) == dt.date(2000, 2, 1)


@pytest.mark.parametrize("value,expected", [
    ("31.02.1985", "no such day"), ("1985", "is not a date"), ("gestern", "is not a date"),
    ("32.1.1985", "no such day"), (1985, "is not a date"), (True, "is not a date"), ("1.2", "is not a date"),
])
def test_bad_dates_say_what_was_expected(value, expected):
    with pytest.raises(CellError) as caught:
        vc.parse_date(value, TODAY)
    assert expected in caught.value.message
    if expected == "is not a date":
        assert "01.02.1985, 1.2.85 or 1985-02-01" in caught.value.message


def test_ambiguous_slashed_dates_follow_the_ui_language(german):
    with pytest.raises(CellError) as caught:
        vc.parse_date("2/1/1985", TODAY)  # German writes dates with dots: 2 January or 1 February?
    assert "zwei verschiedene Daten" in caught.value.message  # and in German, as the user reads it


def test_slashed_dates_in_english_are_month_first():
    assert vc.parse_date("2/1/1985", TODAY) == dt.date(1985, 2, 1)  # as the app shows English dates
    assert vc.parse_date("5/5/85", TODAY) == dt.date(1985, 5, 5)


# -- languages ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("Arabisch (Muttersprache), Deutsch C1, Englisch B2", [("ar", Level.NATIVE), ("de", Level.C1), ("en", Level.B2)]),
    ("ar:native; de:C1", [("ar", Level.NATIVE), ("de", Level.C1)]),
    ("Arabic (mother tongue), German b1", [("ar", Level.NATIVE), ("de", Level.B1)]),
    ("Türkisch - Muttersprache\nDeutsch: C2", [("tr", Level.NATIVE), ("de", Level.C2)]),
    ("TÜRKISCH (MS)", [("tr", Level.NATIVE)]),
    ("Farsi B2, Dari (C1), Kurmanci A2", [("fa", Level.B2), ("prs", Level.C1), ("ku", Level.A2)]),
    ("Ukrainisch native speaker", [("uk", Level.NATIVE)]),
    ("", []),
])
def test_languages(value, expected):
    assert vc.parse_languages(value) == tuple(LanguageSkill(code, level) for code, level in expected)


def test_a_mother_tongue_column_needs_no_level():
    assert vc.parse_languages("Arabisch", default_level=Level.NATIVE) == (LanguageSkill("ar", Level.NATIVE),)
    assert vc.parse_languages("Arabisch, Englisch B1", default_level=Level.NATIVE) == (
        LanguageSkill("ar", Level.NATIVE), LanguageSkill("en", Level.B1))


@pytest.mark.parametrize("value,expected", [
    ("Englisch", "A level is missing for Englisch"),
    ("Englisch (gut)", "\u201cgut\u201d is not a language level"),
    ("Elbisch B2", "\u201cElbisch B2\u201d is not a language KommanDesk knows"),
    ("xx:B2", "\u201cxx\u201d is not a language KommanDesk knows"),
])
def test_bad_languages_say_what_was_expected(value, expected):
    with pytest.raises(CellError) as caught:
        vc.parse_languages(value)
    assert expected in caught.value.message
    assert "A1, A2, B1, B2, C1, C2 or native" in caught.value.message or "ar:native" in caught.value.message


# -- availability ---------------------------------------------------------------------------------------------

M, A, E = Period.MORNING, Period.AFTERNOON, Period.EVENING


@pytest.mark.parametrize("value,slots,arranged", [
    ("Mo vormittags, Mi abends, Sa", {(0, M), (2, E), (5, M), (5, A), (5, E)}, False),
    ("Mon morning, Wed evening", {(0, M), (2, E)}, False),
    ("Montag nachmittags; Donnerstag abends", {(0, A), (3, E)}, False),
    ("Mo-Fr vormittags", {(d, M) for d in range(5)}, False),
    ("Mo bis Mi abends", {(0, E), (1, E), (2, E)}, False),
    ("Di/Do vormittags und abends", {(1, M), (1, E), (3, M), (3, E)}, False),
    ("Mo vormittags und Mi abends", {(0, M), (2, E)}, False),
    ("werktags abends, Wochenende", {(d, E) for d in range(5)} | {(d, p) for d in (5, 6) for p in (M, A, E)}, False),
    ("nach Absprache", set(), True),
    ("by arrangement", set(), True),
    ("Sa, nach Absprache", {(5, M), (5, A), (5, E)}, True),
    ("", set(), False),
])
def test_availability(value, slots, arranged):
    found = vc.parse_availability(value)
    assert set(found.slots) == slots and found.by_arrangement is arranged


@pytest.mark.parametrize("value", ["immer", "Mo 9-12 Uhr", "vormittags", "Mo, manchmal"])
def test_bad_availability_says_what_was_expected(value):
    with pytest.raises(CellError) as caught:
        vc.parse_availability(value)
    assert "Mo vormittags, Mi abends, Sa" in caught.value.message and "nach Absprache" in caught.value.message


# -- gender, status, text -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,gender", [
    ("w", Gender.FEMALE), ("W", Gender.FEMALE), ("weiblich", Gender.FEMALE), ("female", Gender.FEMALE),
    ("f", Gender.FEMALE), ("m", Gender.MALE), ("männlich", Gender.MALE), ("Male", Gender.MALE),
    ("d", Gender.DIVERSE), ("divers", Gender.DIVERSE), ("", Gender.NOT_STATED), (None, Gender.NOT_STATED),
    ("k. A.", Gender.NOT_STATED),
])
def test_gender(value, gender):
    assert vc.parse_gender(value) == gender


def test_bad_gender():
    with pytest.raises(CellError) as caught:
        vc.parse_gender("Katze")
    assert "Write w, m or d" in caught.value.message


@pytest.mark.parametrize("value,status", [
    ("aktiv", Status.ACTIVE), ("Active", Status.ACTIVE), ("", Status.APPLICANT), ("Interessiert", Status.APPLICANT),
    ("applicant", Status.APPLICANT), ("pausiert", Status.PAUSED), ("inaktiv", Status.INACTIVE),
    ("archiviert", Status.ARCHIVED), ("ARCHIVED", Status.ARCHIVED),
])
def test_status(value, status):
    assert vc.parse_status(value) == status


def test_bad_status_lists_the_statuses():
    with pytest.raises(CellError) as caught:
        vc.parse_status("vielleicht")
    assert "applicant, active, paused, inactive, archived" in caught.value.message


def test_text_cells():
    assert vc.parse_text(50667.0) == "50667"
    assert vc.parse_text("'=HYPERLINK(\"x\")") == "=HYPERLINK(\"x\")"  # the apostrophe an export put before it
    assert vc.parse_text("'+49 151 2345678") == "+49 151 2345678"
    assert vc.parse_text("'t Hooft") == "'t Hooft"  # a real apostrophe stays
    assert vc.parse_postcode(1067) == "01067"  # Excel dropped the leading zero of a number cell
    assert vc.parse_postcode("50667") == "50667"


# -- areas ----------------------------------------------------------------------------------------------------

AREAS = [AreaOfHelp("a1", "Begleitung zu Ämtern und Ärzten", "Escort to offices and doctors", "escort"),
         AreaOfHelp("a2", "Sprachpatenschaft", "Language mentoring", "language_mentoring"),
         AreaOfHelp("a3", "Dolmetschen / Sprachmittlung", "Interpreting / language mediation", "interpreting"),
         AreaOfHelp("a4", "Kochen, Backen", "Cooking, baking")]


def test_areas_by_german_or_english_names():
    assert vc.parse_areas("Sprachpatenschaft, begleitung zu aemtern und aerzten", AREAS) == ("a2", "a1")
    assert vc.parse_areas("Language mentoring; INTERPRETING / LANGUAGE MEDIATION", AREAS) == ("a2", "a3")
    assert vc.parse_areas("Kochen, Backen; Sprachpatenschaft", AREAS) == ("a4", "a2")  # a name with a comma
    assert vc.parse_areas("Sprachpatenschaft, Sprachpatenschaft", AREAS) == ("a2",)
    assert vc.parse_areas("", AREAS) == ()


def test_an_unknown_area_lists_the_areas():
    with pytest.raises(CellError) as caught:
        vc.parse_areas("Sprachpatenschaft, Gartenarbeit", AREAS)
    assert "\u201cGartenarbeit\u201d is not an area of help" in caught.value.message
    assert "Escort to offices and doctors, Language mentoring" in caught.value.message


def test_messages_in_german(german):
    with pytest.raises(CellError) as caught:
        vc.parse_status("vielleicht")
    assert "Interessiert, aktiv, pausiert, inaktiv, archiviert" in caught.value.message


@pytest.mark.parametrize("value,result", [
    ("relevanter Eintrag", ClearanceResult.RELEVANT_ENTRY), ("Relevant entry", ClearanceResult.RELEVANT_ENTRY),
    ("kein relevanter Eintrag", ClearanceResult.NO_RELEVANT_ENTRY), ("gültig", ClearanceResult.NO_RELEVANT_ENTRY),
    ("expired", ClearanceResult.NO_RELEVANT_ENTRY), ("läuft bald ab", ClearanceResult.NO_RELEVANT_ENTRY),
    ("keines", None), ("", None),
])
def test_clearance_result(value, result):
    assert vc.parse_clearance_result(value) is result


@pytest.mark.parametrize("value", ["ja", "nein", "01.02.2025", "liegt vor"])
def test_an_unclear_clearance_result_is_a_problem(value):
    with pytest.raises(CellError) as caught:
        vc.parse_clearance_result(value)
    assert "relevanter Eintrag" in caught.value.message
