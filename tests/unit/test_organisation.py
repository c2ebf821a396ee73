"""The organisation's details: validation, clean text, logo checks, saving, translated messages."""

from __future__ import annotations

import dataclasses
import io
import itertools
import unicodedata
import uuid

import pytest
from PIL import Image

from kommandesk.domain.errors import ValidationError
from kommandesk.domain.organisation import MAX_LOGO_BYTES, MAX_LOGO_PIXELS, Organisation
from kommandesk.i18n import set_language
from kommandesk.services.organisation import OrganisationService
from kommandesk.store import organisation_repo

VALID = Organisation(
    name="Kommunales Integrationszentrum Köln",
    street="Domstraße 1",
    postcode="50667",
    town="Köln",
    phone="+49 221 123456",
    email="ki@koeln.example.org",
    website="https://koeln.example.org",
    signatory_name="Şükrü Yılmaz",
    signatory_role="Leitung",
)


def image_bytes(fmt: str, size: tuple[int, int] = (40, 20)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (0, 100, 180)).save(buf, fmt)
    return buf.getvalue()


def errors_for(services, **changes) -> dict[str, str]:
    _cleaned, errors = services.organisation.validate(dataclasses.replace(VALID, **changes))
    return errors


def test_a_valid_organisation_has_no_errors_and_saves(services):
    assert errors_for(services) == {}
    assert not services.organisation.is_configured()
    saved = services.organisation.save(VALID)
    assert services.organisation.is_configured()
    assert services.organisation.get() == saved
    assert saved.name == VALID.name and saved.signatory_name == "Şükrü Yılmaz"


# --- field rules -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("field, value", [
    ("name", ""),
    ("name", "   \t  "),
    ("name", "x" * 201),
    ("street", "s" * 201),
    ("postcode", "1234"),
    ("postcode", "123456"),
    ("postcode", "abcde"),
    ("postcode", "5066 7"),
    ("email", "koeln.example.org"),
    ("email", "ki@koeln"),
    ("email", "ki@@koeln.example.org"),
    ("email", "ki@koeln.example.org <script>"),
    ("phone", "abc"),
    ("phone", "12"),
    ("phone", "+49 (221) x"),
    ("certificate_prefix", "-KD"),
    ("certificate_prefix", "KD 1"),
    ("certificate_prefix", "KD/1"),
    ("certificate_prefix", "ABCDEFGHIJK"),
    ("certificate_prefix", ""),
    ("default_language", "fr"),
    ("default_language", ""),
])
def test_invalid_values_are_refused_with_a_message_for_that_field(services, field, value):
    errors = errors_for(services, **{field: value})
    assert list(errors) == [field]
    assert errors[field].strip()
    with pytest.raises(ValidationError) as caught:
        services.organisation.save(dataclasses.replace(VALID, **{field: value}))
    assert caught.value.errors == errors
    assert not services.organisation.is_configured()  # nothing half-saved


def test_length_limits_count_exactly(services):
    assert errors_for(services, name="x" * 200) == {}
    assert "201" in errors_for(services, name="x" * 201)["name"]


@pytest.mark.parametrize("field, value", [
    ("postcode", ""), ("postcode", "01067"), ("email", ""), ("phone", ""), ("phone", "0211 / 89-12345"),
    ("phone", "+49 (0)211 8912345"), ("website", ""), ("certificate_prefix", "KI-BN"), ("default_language", "en"),
])
def test_acceptable_values_pass(services, field, value):
    assert errors_for(services, **{field: value}) == {}


def test_every_problem_is_reported_at_once(services):
    errors = errors_for(services, name="", postcode="1234", email="nope", phone="x", certificate_prefix="-",
                        default_language="fr")
    assert set(errors) == {"name", "postcode", "email", "phone", "certificate_prefix", "default_language"}
    assert len(set(errors.values())) == len(errors)  # each says what is wrong with its own field


def test_certificate_prefix_is_uppercased_and_email_lowercased(services):
    saved = services.organisation.save(dataclasses.replace(VALID, certificate_prefix=" ki-bn ",
                                                           email="KI@Koeln.Example.ORG"))
    assert saved.certificate_prefix == "KI-BN"
    assert saved.email == "ki@koeln.example.org"
    assert services.organisation.get().certificate_prefix == "KI-BN"


# --- text is stored as typed, minus what cannot be shown -------------------------------------------------------

@pytest.mark.parametrize("text", ["<b>x</b>", '=HYPERLINK("x")', "+49 & <Partner>", "@SUM(A1)", "Ł'ódź \"Müller\""])
def test_markup_and_formulas_are_stored_and_read_back_as_plain_text(services, text):
    services.organisation.save(dataclasses.replace(VALID, name=text, signatory_role=text))
    stored = services.organisation.get()
    assert stored.name == text
    assert stored.signatory_role == text


def test_control_characters_are_stripped_and_whitespace_collapsed(services):
    controls = "".join(chr(c) for c in itertools.chain(range(0x00, 0x20), range(0x7F, 0xA0)))
    dirty = f"  Integra{controls}tions\u00a0zentrum\n\tDüren\x00  "
    saved = services.organisation.save(dataclasses.replace(VALID, name=dirty, town="Dü\x1bren\x9b"))
    stored = services.organisation.get()
    assert stored == saved
    assert not any(unicodedata.category(ch) == "Cc" for ch in stored.name + stored.town)
    assert stored.town == "Düren"
    assert stored.name.startswith("Integra") and stored.name.endswith("tions zentrum Düren")
    assert "  " not in stored.name


def test_name_of_control_characters_only_counts_as_empty(services):
    assert list(errors_for(services, name="\x00\x07\x1b\x9f")) == ["name"]


def test_arabic_and_persian_names_keep_their_joiners(services):
    name = "مرکز\u200cهمگرایی"  # ZWNJ is part of correct Persian spelling
    services.organisation.save(dataclasses.replace(VALID, signatory_name=name))
    assert services.organisation.get().signatory_name == name


# --- logo ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, kind", [("PNG", "png"), ("JPEG", "jpeg")])
def test_png_and_jpeg_logos_are_accepted_and_stored(services, tmp_path, fmt, kind):
    path = tmp_path / f"logo.{kind}"
    path.write_bytes(image_bytes(fmt))
    data = OrganisationService.read_logo_file(path)
    assert data == path.read_bytes()
    services.organisation.save(dataclasses.replace(VALID, logo=data))
    stored = services.organisation.get()
    assert stored.logo == data
    assert stored.logo_type == kind


def test_removing_the_logo_clears_its_type(services):
    services.organisation.save(dataclasses.replace(VALID, logo=image_bytes("PNG")))
    org = services.organisation.get()
    services.organisation.save(dataclasses.replace(org, logo=None))
    stored = services.organisation.get()
    assert stored.logo is None and stored.logo_type is None


def _text_as_png() -> bytes:
    return b"Dies ist kein Bild, nur Text.\n" * 10


def _truncated_png() -> bytes:
    data = image_bytes("PNG", (300, 200))
    return data[: len(data) // 2]


def _truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", (300, 200))
    return data[: len(data) // 2]


def _png_header_only() -> bytes:
    return image_bytes("PNG")[:40]


def _too_many_bytes() -> bytes:
    return image_bytes("PNG") + b"\x00" * MAX_LOGO_BYTES


def _too_wide() -> bytes:
    return image_bytes("PNG", (MAX_LOGO_PIXELS + 1000, 10))


BAD_LOGOS = [_text_as_png, _truncated_png, _truncated_jpeg, _png_header_only, _too_many_bytes, _too_wide]
BAD_IDS = ["text-renamed-png", "truncated-png", "truncated-jpeg", "png-header-only", "over-2-mb", "5000x10-pixels"]


@pytest.mark.parametrize("make", BAD_LOGOS, ids=BAD_IDS)
def test_unusable_logo_files_are_refused(tmp_path, make):
    path = tmp_path / "logo.png"
    path.write_bytes(make())
    with pytest.raises(ValidationError) as caught:
        OrganisationService.read_logo_file(path)
    assert list(caught.value.errors) == ["logo"]


@pytest.mark.parametrize("make", BAD_LOGOS, ids=BAD_IDS)
def test_unusable_logo_bytes_are_refused_on_save_and_nothing_is_stored(services, make):
    with pytest.raises(ValidationError) as caught:
        services.organisation.save(dataclasses.replace(VALID, logo=make()))
    assert list(caught.value.errors) == ["logo"]
    assert not services.organisation.is_configured()


def test_logo_messages_say_what_is_wrong(tmp_path):
    def message(data: bytes) -> str:
        path = tmp_path / "logo.png"
        path.write_bytes(data)
        with pytest.raises(ValidationError) as caught:
            OrganisationService.read_logo_file(path)
        return caught.value.errors["logo"]

    too_big, not_image, damaged, too_wide = (message(_too_many_bytes()), message(_text_as_png()),
                                             message(_truncated_png()), message(_too_wide()))
    assert "2 MB" in too_big
    assert "PNG" in not_image and "JPEG" in not_image
    assert str(MAX_LOGO_PIXELS) in too_wide
    assert len({too_big, not_image, damaged, too_wide}) == 4


def test_a_missing_logo_file_is_a_validation_error(tmp_path):
    with pytest.raises(ValidationError) as caught:
        OrganisationService.read_logo_file(tmp_path / "gone.png")
    assert list(caught.value.errors) == ["logo"]


def test_a_logo_at_the_pixel_limit_is_accepted(services):
    data = image_bytes("PNG", (MAX_LOGO_PIXELS, 10))
    assert errors_for(services, logo=data) == {}


# --- saving ----------------------------------------------------------------------------------------------------

@pytest.fixture
def fake_clock(monkeypatch):
    ticks = (f"2026-03-05T10:00:{second:02d}.000+00:00" for second in itertools.count())
    monkeypatch.setattr(organisation_repo, "utc_now", lambda: next(ticks))


def test_saving_again_keeps_id_and_created_at_and_moves_updated_at(services, fake_clock):
    first = services.organisation.save(VALID)
    assert first.id and first.created_at == first.updated_at
    second = services.organisation.save(dataclasses.replace(services.organisation.get(), town="Bonn",
                                                            postcode="53111"))
    assert second.id == first.id
    assert second.created_at == first.created_at
    assert second.updated_at > first.updated_at
    stored = services.organisation.get()
    assert (stored.town, stored.updated_at) == ("Bonn", second.updated_at)
    assert services.store.table_counts()["organisation"] == 1


def test_saving_a_fresh_record_replaces_the_one_organisation(services, fake_clock):
    first = services.organisation.save(VALID)
    second = services.organisation.save(dataclasses.replace(VALID, name="KI Aachen", id=None, created_at=None))
    assert (second.id, second.created_at) == (first.id, first.created_at)
    assert services.store.table_counts()["organisation"] == 1
    assert services.organisation.get().name == "KI Aachen"


def test_a_refused_save_changes_nothing(services):
    saved = services.organisation.save(VALID)
    with pytest.raises(ValidationError):
        services.organisation.save(dataclasses.replace(saved, name="Neu", postcode="1234"))
    assert services.organisation.get() == saved


def test_ids_are_uuids_not_rowids(services):
    saved = services.organisation.save(VALID)
    assert str(uuid.UUID(saved.id)) == saved.id


# --- messages in the user's language ---------------------------------------------------------------------------

BAD_EVERYTHING = dict(name="", street="s" * 201, postcode="1234", email="nope", phone="x", certificate_prefix="-",
                      default_language="fr", logo=_text_as_png())


def test_validation_messages_are_german_when_german_is_active(services, german):
    german_errors = errors_for(services, **BAD_EVERYTHING)
    set_language("en")
    english_errors = errors_for(services, **BAD_EVERYTHING)
    assert set(german_errors) == set(english_errors) == set(BAD_EVERYTHING)
    untranslated = {field: msg for field, msg in german_errors.items() if msg == english_errors[field]}
    assert untranslated == {}


@pytest.mark.parametrize("make", [_truncated_png, _too_wide, _too_many_bytes], ids=["damaged", "too-wide", "too-big"])
def test_logo_messages_are_german_when_german_is_active(tmp_path, german, make):
    path = tmp_path / "logo.png"
    path.write_bytes(make())
    with pytest.raises(ValidationError) as in_german:
        OrganisationService.read_logo_file(path)
    set_language("en")
    with pytest.raises(ValidationError) as in_english:
        OrganisationService.read_logo_file(path)
    assert in_german.value.errors["logo"] != in_english.value.errors["logo"]
