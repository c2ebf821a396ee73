"""A volunteer's profile and the rules it must follow (no Qt, no SQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from kommandesk.domain import clearance as clearance_rules
from kommandesk.domain import validation as v
from kommandesk.domain.availability import Availability, check_absences
from kommandesk.domain.clearance import Clearance, ClearancePolicy
from kommandesk.domain.errors import ValidationError
from kommandesk.domain.languages import LanguageSkill, check_skills
from kommandesk.i18n import _, pgettext

MAX_NOTES = 5000
MAX_ASSIGNMENTS_LIMIT = 20
MAX_RADIUS_KM = 300


class Status(str, Enum):
    APPLICANT = "applicant"
    ACTIVE = "active"
    PAUSED = "paused"
    INACTIVE = "inactive"
    ARCHIVED = "archived"

    def label(self) -> str:
        return {Status.APPLICANT: pgettext("volunteer status", "applicant"),
                Status.ACTIVE: pgettext("volunteer status", "active"),
                Status.PAUSED: pgettext("volunteer status", "paused"),
                Status.INACTIVE: pgettext("volunteer status", "inactive"),
                Status.ARCHIVED: pgettext("volunteer status", "archived")}[self]


# applicant -> active -> paused -> inactive -> archived; back again where it makes sense
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.APPLICANT: frozenset({Status.ACTIVE, Status.INACTIVE, Status.ARCHIVED}),
    Status.ACTIVE: frozenset({Status.PAUSED, Status.INACTIVE, Status.ARCHIVED}),
    Status.PAUSED: frozenset({Status.ACTIVE, Status.INACTIVE, Status.ARCHIVED}),
    Status.INACTIVE: frozenset({Status.ACTIVE, Status.ARCHIVED}),
    Status.ARCHIVED: frozenset({Status.INACTIVE}),
}
ENDED = frozenset({Status.INACTIVE, Status.ARCHIVED})  # the activity has ended


class Gender(str, Enum):
    FEMALE = "female"
    MALE = "male"
    DIVERSE = "diverse"
    NOT_STATED = "not_stated"

    def label(self) -> str:
        return {Gender.FEMALE: pgettext("gender", "female"), Gender.MALE: pgettext("gender", "male"),
                Gender.DIVERSE: pgettext("gender", "diverse"), Gender.NOT_STATED: pgettext("gender", "not stated")}[self]


class Mobility(str, Enum):
    CAR = "car"
    BIKE = "bike"
    PUBLIC_TRANSPORT = "public_transport"

    def label(self) -> str:
        return {Mobility.CAR: pgettext("mobility", "car"), Mobility.BIKE: pgettext("mobility", "bike"),
                Mobility.PUBLIC_TRANSPORT: pgettext("mobility", "public transport")}[self]


class ConsentPurpose(str, Enum):
    CONTACT = "contact"  # contact by the coordinator
    SHARE_WITH_FAMILY = "share_with_family"  # pass contact details to a matched family
    PHOTOS = "photos"

    def label(self) -> str:
        return {ConsentPurpose.CONTACT: _("contact by the coordinator"),
                ConsentPurpose.SHARE_WITH_FAMILY: _("contact details passed to a matched family"),
                ConsentPurpose.PHOTOS: _("photos")}[self]


@dataclass(frozen=True)
class Consent:
    given_on: dt.date
    purposes: frozenset[ConsentPurpose]
    text_version: str


@dataclass(frozen=True)
class StatusChange:
    status: Status
    on: dt.date
    reason: str = ""


@dataclass
class Volunteer:
    first_name: str = ""
    last_name: str = ""
    birth_date: dt.date | None = None
    gender: Gender = Gender.NOT_STATED
    email: str = ""
    phone: str = ""
    street: str = ""
    postcode: str = ""
    town: str = ""
    status: Status = Status.APPLICANT
    notes: str = ""
    registered_on: dt.date | None = None
    languages: tuple[LanguageSkill, ...] = ()
    areas: tuple[str, ...] = ()  # ids of AreaOfHelp
    availability: Availability = field(default_factory=Availability)
    max_assignments: int = 1
    travel_radius_km: int | None = None
    mobility: frozenset[Mobility] = frozenset()
    clearance: Clearance = field(default_factory=Clearance)
    consent: Consent | None = None
    history: tuple[StatusChange, ...] = ()
    id: str | None = None
    reference: str | None = None  # V-2026-0042, given by the store
    created_at: str | None = None
    updated_at: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def cleaned(self) -> "Volunteer":
        return dataclasses.replace(
            self,
            first_name=v.clean_text(self.first_name), last_name=v.clean_text(self.last_name),
            email=v.clean_text(self.email).lower(), phone=v.clean_text(self.phone),
            street=v.clean_text(self.street), postcode=v.clean_text(self.postcode), town=v.clean_text(self.town),
            notes=v.clean_text(self.notes, multiline=True),
            clearance=dataclasses.replace(self.clearance, inspected_by=v.clean_text(self.clearance.inspected_by)),
        )

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    def is_minor(self, day: dt.date) -> bool:
        age = self.age_on(day)
        return age is not None and age < 18

    def activity_ended_on(self) -> dt.date | None:
        """The day the volunteer last became inactive or archived, if that is the status now."""
        if self.status not in ENDED:
            return None
        for change in reversed(self.history):
            if change.status in ENDED:
                return change.on
        return None

    def clearance_deletion_due(self, policy: ClearancePolicy) -> dt.date | None:
        return clearance_rules.deletion_due(self.activity_ended_on(), self.clearance, policy)


def validate(vol: Volunteer, today: dt.date) -> dict[str, str]:
    """Field name -> translated message for everything that stops saving (the form shows each beside its field)."""
    errors: dict[str, str] = {}

    def add(name: str, message: str | None) -> None:
        if message and name not in errors:
            errors[name] = message

    for name in ("first_name", "last_name"):
        add(name, v.check_required(getattr(vol, name)))
        add(name, v.check_length(getattr(vol, name), 100))
    for name in ("street", "town"):
        add(name, v.check_length(getattr(vol, name), 200))
    add("email", v.check_length(vol.email, 254) or v.check_email(vol.email))
    add("phone", v.check_phone(vol.phone))
    add("postcode", v.check_postcode(vol.postcode))
    add("notes", v.check_length(vol.notes, MAX_NOTES))
    if vol.birth_date is not None:
        if vol.birth_date > today:
            add("birth_date", _("The date of birth cannot be in the future."))
        elif vol.age_on(today) > 110:
            add("birth_date", _("Please check the date of birth."))
    if vol.registered_on is not None and vol.registered_on > today:
        add("registered_on", _("The registration date cannot be in the future."))
    add("languages", check_skills(list(vol.languages)))
    add("absences", check_absences(vol.availability.absences))
    if not 0 <= vol.max_assignments <= MAX_ASSIGNMENTS_LIMIT:
        add("max_assignments", _("Between 0 and {limit}, please.").format(limit=MAX_ASSIGNMENTS_LIMIT))
    if vol.travel_radius_km is not None and not 0 <= vol.travel_radius_km <= MAX_RADIUS_KM:
        add("travel_radius_km", _("Between 0 and {limit} km, please.").format(limit=MAX_RADIUS_KM))
    for name, message in clearance_rules.check(vol.clearance, today).items():
        add(name, message)
    if vol.consent is not None:
        if vol.consent.given_on > today:
            add("consent_given_on", _("The date of consent cannot be in the future."))
        if not vol.consent.text_version.strip():
            add("consent_text_version", _("Enter the version of the consent text."))
    if vol.status is Status.ACTIVE and vol.consent is None:
        add("status", _("A volunteer without recorded consent cannot be active."))
    return errors


def check(vol: Volunteer, today: dt.date) -> None:
    errors = validate(vol, today)
    if errors:
        raise ValidationError(errors)


def change_status(vol: Volunteer, new: Status, on: dt.date, reason: str = "") -> Volunteer:
    """The profile with its new status and the change in its history; ValidationError when not allowed."""
    if new is vol.status:
        return vol
    if new not in TRANSITIONS[vol.status]:
        raise ValidationError({"status": _("A volunteer cannot go from {old} to {new}.").format(
            old=vol.status.label(), new=new.label())})
    if new is Status.ACTIVE and vol.consent is None:
        raise ValidationError({"status": _("A volunteer without recorded consent cannot be active.")})
    return dataclasses.replace(vol, status=new, history=(*vol.history, StatusChange(new, on, v.clean_text(reason))))


def duplicate_key(vol: Volunteer) -> tuple[tuple[str, str, str] | None, str | None]:
    """What makes two profiles likely the same person: (folded name + date of birth) or the email."""
    from kommandesk.domain.search_text import fold

    by_name = (fold(vol.first_name), fold(vol.last_name), vol.birth_date.isoformat()) if vol.birth_date else None
    return by_name, (vol.email.lower() or None)
