"""The rules of a volunteer's profile (kommandesk/domain): lifecycle, consent, clearance, languages, minors,
availability and absences, and the folding that makes "lodz", "sukru", "muller", "mueller" find their names."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kommandesk.domain import volunteers as rules
from kommandesk.domain.availability import Absence, Availability, Period, check_absences
from kommandesk.domain.clearance import (
    Clearance, ClearancePolicy, ClearanceResult, ClearanceState, add_months, check as check_clearance,
)
from kommandesk.domain.errors import ValidationError
from kommandesk.domain.languages import LanguageSkill, Level, check_skills, is_known_code
from kommandesk.domain.search_text import fold, searchable, tokens
from kommandesk.domain.volunteers import (
    Consent, ConsentPurpose, Status, StatusChange, TRANSITIONS, Volunteer, duplicate_key,
)

TODAY = dt.date(2026, 3, 15)
POLICY = ClearancePolicy()
CONSENT = Consent(dt.date(2026, 1, 10), frozenset({ConsentPurpose.CONTACT}), "2025-02")


def vol(**changes) -> Volunteer:
    base = Volunteer(first_name="Şükrü", last_name="Öztürk", email="sukru@example.org", postcode="50667",
                     town="Köln", registered_on=dt.date(2026, 1, 5), consent=CONSENT)
    return dataclasses.replace(base, **changes)


def cleared(issued: dt.date, result=ClearanceResult.NO_RELEVANT_ENTRY, inspected: dt.date | None = None) -> Clearance:
    return Clearance(issued_on=issued, inspected_on=inspected or issued, inspected_by="A. Koordination",
                     result=result)


# --- lifecycle ------------------------------------------------------------------------------------------------

def test_the_lifecycle_runs_applicant_active_paused_inactive_archived():
    v = vol()
    for new in (Status.ACTIVE, Status.PAUSED, Status.INACTIVE, Status.ARCHIVED):
        v = rules.change_status(v, new, TODAY, reason=f"to {new.value}")
        assert v.status is new
    assert [c.status for c in v.history] == [Status.ACTIVE, Status.PAUSED, Status.INACTIVE, Status.ARCHIVED]
    assert v.history[-1] == StatusChange(Status.ARCHIVED, TODAY, "to archived")


@pytest.mark.parametrize("old,new", [
    (old, new) for old in Status for new in Status if new is not old and new not in TRANSITIONS[old]])
def test_a_transition_that_is_not_allowed_is_refused_with_a_message(old, new):
    with pytest.raises(ValidationError) as caught:
        rules.change_status(vol(status=old), new, TODAY)
    assert "cannot go from" in caught.value.errors["status"]


def test_an_archived_profile_can_come_back_only_as_inactive():
    assert TRANSITIONS[Status.ARCHIVED] == {Status.INACTIVE}


def test_changing_to_the_same_status_changes_nothing():
    v = vol(status=Status.ACTIVE)
    assert rules.change_status(v, Status.ACTIVE, TODAY) is v


def test_the_reason_of_a_change_is_cleaned():
    v = rules.change_status(vol(), Status.ACTIVE, TODAY, reason="  moved \x00 away\n")
    assert v.history[-1].reason == "moved away"


# --- consent ----------------------------------------------------------------------------------------------------

def test_without_consent_a_volunteer_cannot_become_active():
    with pytest.raises(ValidationError) as caught:
        rules.change_status(vol(consent=None), Status.ACTIVE, TODAY)
    assert "consent" in caught.value.errors["status"]


def test_an_active_profile_without_consent_does_not_validate():
    assert "status" in rules.validate(vol(status=Status.ACTIVE, consent=None), TODAY)
    assert "status" not in rules.validate(vol(status=Status.ACTIVE), TODAY)
    assert "status" not in rules.validate(vol(status=Status.APPLICANT, consent=None), TODAY)


def test_consent_needs_a_text_version_and_a_date_not_in_the_future():
    errors = rules.validate(vol(consent=Consent(TODAY + dt.timedelta(days=1), frozenset(), "  ")), TODAY)
    assert set(errors) >= {"consent_given_on", "consent_text_version"}


# --- clearance --------------------------------------------------------------------------------------------------

def test_a_clearance_is_valid_for_five_years_from_issue_by_default():
    c = cleared(dt.date(2021, 3, 16))
    assert c.expires_on(POLICY) == dt.date(2026, 3, 16)
    assert c.state(dt.date(2025, 1, 1), POLICY) is ClearanceState.VALID
    assert c.state(dt.date(2026, 3, 15), POLICY) is ClearanceState.EXPIRING
    assert c.state(dt.date(2026, 3, 16), POLICY) is ClearanceState.EXPIRED


def test_expiring_within_the_warning_days_and_not_before():
    c = cleared(dt.date(2021, 6, 1))  # expires 2026-06-01
    assert c.state(dt.date(2026, 4, 1), POLICY) is ClearanceState.VALID  # 61 days left
    assert c.state(dt.date(2026, 4, 2), POLICY) is ClearanceState.EXPIRING  # 60 days left
    assert c.state(dt.date(2026, 5, 31), POLICY) is ClearanceState.EXPIRING


def test_the_policy_changes_validity_and_warning_period():
    policy = ClearancePolicy(validity_years=3, warning_days=10)
    c = cleared(dt.date(2023, 6, 1))
    assert c.expires_on(policy) == dt.date(2026, 6, 1)
    assert c.state(dt.date(2026, 5, 21), policy) is ClearanceState.VALID
    assert c.state(dt.date(2026, 5, 22), policy) is ClearanceState.EXPIRING


def test_a_certificate_issued_on_29_february_expires_on_28_february():
    assert cleared(dt.date(2024, 2, 29)).expires_on(POLICY) == dt.date(2029, 2, 28)
    assert add_months(dt.date(2026, 5, 31), 3) == dt.date(2026, 8, 31)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_a_relevant_entry_is_its_own_state_whatever_the_dates():
    c = cleared(dt.date(2025, 1, 1), ClearanceResult.RELEVANT_ENTRY)
    assert c.state(TODAY, POLICY) is ClearanceState.RELEVANT_ENTRY
    assert not c.valid_throughout(TODAY, TODAY, POLICY)


def test_nothing_or_an_uninspected_certificate_is_state_none():
    assert Clearance().state(TODAY, POLICY) is ClearanceState.NONE
    assert Clearance(issued_on=dt.date(2025, 1, 1)).state(TODAY, POLICY) is ClearanceState.NONE


def test_valid_throughout_a_period_needs_the_whole_period():
    c = cleared(dt.date(2021, 6, 1))  # expires 2026-06-01
    assert c.valid_throughout(dt.date(2026, 3, 1), dt.date(2026, 5, 31), POLICY)
    assert not c.valid_throughout(dt.date(2026, 3, 1), dt.date(2026, 6, 1), POLICY)


def test_a_certificate_older_than_three_months_when_inspected_gives_a_warning():
    fresh = cleared(dt.date(2026, 1, 1), inspected=dt.date(2026, 4, 1))
    stale = cleared(dt.date(2026, 1, 1), inspected=dt.date(2026, 4, 2))
    assert fresh.warnings(POLICY) == []
    assert "3 months" in stale.warnings(POLICY)[0]


def test_a_certificate_inspected_before_it_was_issued_is_refused():
    errors = check_clearance(cleared(dt.date(2026, 2, 1), inspected=dt.date(2026, 1, 31)), TODAY)
    assert "inspected before it was issued" in errors["clearance_inspected_on"]


def test_an_inspection_needs_issue_date_inspector_and_result():
    errors = check_clearance(Clearance(inspected_on=dt.date(2026, 1, 1)), TODAY)
    assert set(errors) == {"clearance_issued_on", "clearance_inspected_by", "clearance_result"}


def test_clearance_dates_cannot_be_in_the_future():
    tomorrow = TODAY + dt.timedelta(days=1)
    errors = check_clearance(Clearance(issued_on=tomorrow, inspected_on=tomorrow, inspected_by="X",
                                       result=ClearanceResult.NO_RELEVANT_ENTRY, self_commitment_on=tomorrow), TODAY)
    assert set(errors) == {"clearance_issued_on", "clearance_inspected_on", "clearance_self_commitment_on"}


def test_the_clearance_record_is_due_for_deletion_three_months_after_the_activity_ends():
    v = vol(clearance=cleared(dt.date(2025, 1, 1)))
    assert v.clearance_deletion_due(POLICY) is None  # applicant: activity not ended
    v = rules.change_status(rules.change_status(v, Status.ACTIVE, dt.date(2025, 2, 1)),
                            Status.INACTIVE, dt.date(2025, 11, 30))
    assert v.clearance_deletion_due(POLICY) == dt.date(2026, 2, 28)
    v = rules.change_status(v, Status.ARCHIVED, dt.date(2026, 1, 10))
    assert v.clearance_deletion_due(POLICY) == dt.date(2026, 4, 10)
    assert vol(status=Status.INACTIVE, history=(StatusChange(Status.INACTIVE, TODAY),)).clearance_deletion_due(
        POLICY) is None  # no clearance recorded: nothing to delete


def test_back_to_active_means_no_deletion_date():
    v = rules.change_status(vol(clearance=cleared(dt.date(2025, 1, 1)), status=Status.INACTIVE,
                                history=(StatusChange(Status.INACTIVE, dt.date(2025, 6, 1)),)),
                            Status.ACTIVE, TODAY)
    assert v.clearance_deletion_due(POLICY) is None


# --- languages --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,level", [("b2", Level.B2), ("C1", Level.C1), (" a1 ", Level.A1),
                                        ("native", Level.NATIVE), ("Muttersprache", Level.NATIVE),
                                        ("mother tongue", Level.NATIVE)])
def test_levels_are_parsed_from_what_people_type(text, level):
    assert Level.parse(text) is level


@pytest.mark.parametrize("text", ["", "B3", "fluent", "C", "A0", "gut"])
def test_a_level_that_is_not_a1_to_c2_or_native_is_refused(text):
    with pytest.raises(ValueError):
        Level.parse(text)


def test_levels_are_ordered_for_at_least_filters():
    assert [level.rank for level in Level] == list(range(7))
    assert Level.NATIVE.at_least(Level.C2) and Level.B2.at_least(Level.B2) and not Level.B1.at_least(Level.B2)


@pytest.mark.parametrize("code,known", [("ar", True), ("uk", True), ("ckb", True), ("fa", True), ("ti", True),
                                        ("xx", False), ("AR", False), ("arabic", False), ("", False),
                                        ("de-DE", False)])
def test_language_codes_are_iso_codes_babel_knows(code, known):
    assert is_known_code(code) is known


def test_unknown_and_repeated_languages_are_refused():
    assert "Unknown language code: xx" in check_skills([LanguageSkill("xx", Level.B1)])
    assert "listed twice" in check_skills([LanguageSkill("ar", Level.B1), LanguageSkill("ar", Level.C1)])
    assert check_skills([LanguageSkill("ar", Level.NATIVE), LanguageSkill("de", Level.C1)]) is None
    assert "languages" in rules.validate(vol(languages=(LanguageSkill("zz", Level.A1),)), TODAY)


# --- minors -----------------------------------------------------------------------------------------------------

def test_a_volunteer_under_18_is_a_minor_until_the_birthday():
    v = vol(birth_date=dt.date(2008, 3, 16))
    assert v.age_on(TODAY) == 17 and v.is_minor(TODAY)
    assert not v.is_minor(dt.date(2026, 3, 16))
    assert not vol(birth_date=None).is_minor(TODAY)


def test_a_date_of_birth_in_the_future_or_over_110_years_ago_is_refused():
    assert "future" in rules.validate(vol(birth_date=TODAY + dt.timedelta(days=1)), TODAY)["birth_date"]
    assert "check" in rules.validate(vol(birth_date=dt.date(1900, 1, 1)), TODAY)["birth_date"]


# --- availability and absences ----------------------------------------------------------------------------------

def test_weekly_grid_and_by_arrangement():
    grid = Availability(slots=frozenset({(0, Period.MORNING), (2, Period.EVENING)}))
    assert grid.weekly(0, Period.MORNING) and not grid.weekly(0, Period.EVENING)
    assert Availability(by_arrangement=True).weekly(6, Period.EVENING)


def test_absences_make_a_volunteer_unavailable_on_those_days_only():
    holiday = Absence(dt.date(2026, 7, 1), dt.date(2026, 7, 14), "Urlaub")
    grid = Availability(slots=frozenset({(2, Period.MORNING)}), absences=(holiday,))
    assert not grid.available(dt.date(2026, 7, 1), Period.MORNING)  # a Wednesday, on holiday
    assert grid.available(dt.date(2026, 7, 15), Period.MORNING)  # the Wednesday after
    assert not grid.available(dt.date(2026, 7, 16), Period.MORNING)  # Thursday: not in the grid


def test_an_absence_that_ends_before_it_starts_is_refused():
    bad = Absence(dt.date(2026, 7, 14), dt.date(2026, 7, 1))
    assert "ends before it starts" in check_absences((bad,))
    assert "absences" in rules.validate(vol(availability=Availability(absences=(bad,))), TODAY)


def test_toggling_a_slot_and_the_stored_form_round_trip():
    grid = Availability().toggled(4, Period.EVENING).toggled(0, Period.MORNING)
    assert grid.slots == {(4, Period.EVENING), (0, Period.MORNING)}
    assert grid.toggled(4, Period.EVENING).slots == {(0, Period.MORNING)}
    text = Availability.encode_slots(grid.slots)
    assert text == "0:morning,4:evening"
    assert Availability.decode_slots(text) == grid.slots
    assert Availability.decode_slots("") == frozenset()


def test_limits_on_assignments_and_radius():
    assert "max_assignments" in rules.validate(vol(max_assignments=21), TODAY)
    assert "max_assignments" in rules.validate(vol(max_assignments=-1), TODAY)
    assert "travel_radius_km" in rules.validate(vol(travel_radius_km=301), TODAY)
    assert rules.validate(vol(max_assignments=0, travel_radius_km=0), TODAY) == {}


# --- plain fields -----------------------------------------------------------------------------------------------

def test_a_name_of_only_spaces_is_required_after_cleaning():
    errors = rules.validate(vol(first_name="   ", last_name="\t").cleaned(), TODAY)
    assert errors["first_name"] == errors["last_name"] == "This field is required."


@pytest.mark.parametrize("field,value", [("email", "no-at-sign"), ("email", "a@b"), ("email", "<b>@x.org"),
                                         ("phone", "call me"), ("phone", "12"), ("postcode", "5066"),
                                         ("postcode", "ABCDE"), ("postcode", "506671")])
def test_invalid_email_phone_postcode(field, value):
    assert field in rules.validate(vol(**{field: value}), TODAY)


def test_notes_longer_than_the_limit_are_refused():
    assert "notes" in rules.validate(vol(notes="x" * 10_000), TODAY)
    assert "notes" not in rules.validate(vol(notes="x" * rules.MAX_NOTES), TODAY)


def test_markup_is_just_text():
    v = vol(first_name="<b>Anna</b>", notes="=HYPERLINK(\"http://x\")").cleaned()
    assert rules.validate(v, TODAY) == {}
    assert v.first_name == "<b>Anna</b>" and v.notes.startswith("=HYPERLINK(")


def test_cleaning_trims_and_lowercases_the_email():
    v = vol(first_name="  Anna  ", email=" Anna@Example.ORG ").cleaned()
    assert (v.first_name, v.email) == ("Anna", "anna@example.org")


def test_duplicate_key_is_the_folded_name_with_the_birth_date_and_the_email():
    a = vol(birth_date=dt.date(1990, 5, 1), email="X@Example.org")
    assert duplicate_key(a) == (("sukru", "ozturk", "1990-05-01"), "x@example.org")
    assert duplicate_key(vol(birth_date=None, email=""))[0] is None


# --- search folding ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,query", [("Łódź", "lodz"), ("Şükrü", "sukru"), ("Müller", "muller"),
                                        ("Müller", "mueller"), ("Straße", "strasse"), ("Yılmaz", "yilmaz"),
                                        ("İbrahim", "ibrahim"), ("Dvořák", "dvorak"), ("Øster", "oster")])
def test_folded_search_text_contains_what_people_type(name, query):
    assert query in searchable(name).split()


def test_tokens_fold_the_query_and_drop_punctuation_and_repeats():
    assert tokens("Şükrü  Öz-") == ["sukru", "oz"]
    assert tokens('" * AND - ( ') == ["and"]
    assert tokens("muller Müller") == ["muller"]
    assert fold("ẞ") == "ss"
