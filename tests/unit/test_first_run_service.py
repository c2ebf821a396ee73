"""services/first_run.py: what the first-start assistant chose is done in order (demo data, the organisation, the
encryption); the organisation typed is kept beside demo data; a refused passphrase changes nothing."""

from __future__ import annotations

import dataclasses

import pytest

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.organisation import Organisation
from kommandesk.services import first_run
from kommandesk.services.context import Services
from kommandesk.services.first_run import START_DEMO, START_EMPTY, Choices
from kommandesk.store import encryption as crypt
from tests.unit.backup_data import add_volunteer

SECRET = "correct horse battery"
ORG = Organisation(name="Kommunales Integrationszentrum Lindenfeld", street="Am Markt 3", postcode="47051",
                   town="Duisburg", email="ki@lindenfeld.example.org")


@pytest.fixture
def small_demo(monkeypatch):
    """Demo data with 20 volunteers instead of 200: the same filler, a tenth of the time."""
    monkeypatch.setattr(first_run, "DEMO_VOLUNTEERS", 20)


@pytest.fixture
def new_paths(paths, new_database):
    new_database(paths.data_dir)
    return paths


def counts(paths) -> dict[str, int]:
    services = Services.open(paths)
    try:
        conn = services.store.conn
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("volunteers", "requests", "courses", "organisation")}
    finally:
        services.close()


def test_demo_data_is_possible_in_a_new_database_and_beside_the_organisation_alone(services):
    assert first_run.demo_possible(services)
    services.organisation.save(ORG)
    assert first_run.demo_possible(services)  # the details the assistant saved do not count as data
    add_volunteer(services, "Jana")
    assert not first_run.demo_possible(services)


def test_demo_data_is_refused_once_there_is_a_volunteer(services, small_demo):
    add_volunteer(services, "Jana")

    with pytest.raises(KommanDeskError) as caught:
        first_run.fill_demo(services)

    assert "only be added while KommanDesk holds no volunteers" in caught.value.message
    assert services.store.conn.execute("SELECT count(*) FROM volunteers").fetchone()[0] == 1


def test_the_organisation_is_saved_only_when_it_differs(services):
    assert first_run.save_organisation(services, ORG) is True
    saved = services.organisation.get()
    assert saved.name == ORG.name

    assert first_run.save_organisation(services, saved) is False
    assert first_run.save_organisation(services, dataclasses.replace(saved, town="Moers")) is True
    assert services.organisation.get().town == "Moers"


def test_a_bad_organisation_is_refused_with_messages_by_field(services):
    with pytest.raises(ValidationError) as caught:
        first_run.save_organisation(services, dataclasses.replace(ORG, name="", postcode="12"))

    assert set(caught.value.errors) == {"name", "postcode"}
    assert not services.organisation.is_configured()


def test_demo_data_keeps_the_organisation_typed(new_paths, small_demo):
    outcome = first_run.prepare(new_paths, Choices(organisation=ORG, start=START_DEMO))

    assert outcome.demo["volunteers"] == 20 and outcome.organisation_saved and not outcome.encrypted
    found = counts(new_paths)
    assert found["volunteers"] == 20 and found["requests"] >= 10 and found["courses"] > 0
    assert found["organisation"] == 1
    services = Services.open(new_paths)
    try:
        assert services.organisation.get().name == ORG.name  # not the demo's invented centre
        assert services.organisation.get().town == "Duisburg"
    finally:
        services.close()


def test_demo_data_without_organisation_brings_the_demo_one(new_paths, small_demo):
    first_run.prepare(new_paths, Choices(start=START_DEMO))

    services = Services.open(new_paths)
    try:
        assert services.organisation.get().name.startswith("Kommunales Integrationszentrum ")
    finally:
        services.close()


def test_starting_empty_saves_only_the_organisation(new_paths):
    outcome = first_run.apply(new_paths, Choices(language="en", organisation=ORG, start=START_EMPTY))

    assert outcome.demo is None and outcome.organisation_saved and not outcome.encrypted
    assert counts(new_paths) == {"volunteers": 0, "requests": 0, "courses": 0, "organisation": 1}
    assert not crypt.looks_encrypted(new_paths.db_file)


def test_apply_encrypts_last_and_the_database_opens_with_the_key(new_paths, small_demo):
    choices = Choices(organisation=ORG, passphrase=SECRET, confirmation=SECRET, start=START_DEMO)
    assert choices.encrypt

    outcome = first_run.apply(new_paths, choices)

    assert outcome.encrypted
    assert crypt.looks_encrypted(new_paths.db_file)
    assert crypt.check_passphrase(new_paths.db_file, SECRET)
    assert counts(new_paths)["volunteers"] == 20  # opened with the key this process knows now


@pytest.mark.parametrize(("passphrase", "confirmation", "field"), [
    ("short", "short", "passphrase"),
    (SECRET, SECRET + "!", "confirmation"),
])
def test_a_refused_passphrase_changes_nothing(new_paths, passphrase, confirmation, field):
    choices = Choices(organisation=ORG, passphrase=passphrase, confirmation=confirmation, start=START_EMPTY)

    with pytest.raises(ValidationError) as caught:
        first_run.apply(new_paths, choices)

    assert set(caught.value.errors) == {field}
    assert not crypt.looks_encrypted(new_paths.db_file)
    assert counts(new_paths)["organisation"] == 0  # checked before anything was written


def test_no_passphrase_means_no_encryption():
    assert not Choices().encrypt
    assert Choices(passphrase="", confirmation="").encrypt  # an empty passphrase is refused, not ignored
