"""A refugee's support request and the rules it must follow (no Qt, no SQL).

Data minimisation (GDPR Art. 5 and 9): the person or family is kept under a reference with a first name or
initials and only what the help needs. There are no fields for nationality, religion or health, and none may be
added.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import Enum

from kommandesk.domain import validation as v
from kommandesk.domain.errors import ValidationError
from kommandesk.domain.languages import LanguageSkill, check_skills, is_known_code
from kommandesk.domain.schedule import OPEN_END_DAYS, Appointment, Occupancy, Recurrence, occupancy
from kommandesk.i18n import _, pgettext

MAX_HOUSEHOLD = 30
MAX_DESCRIPTION = 5000


class RequestStatus(str, Enum):
    NEW = "new"
    MATCHING = "matching"
    ASSIGNED = "assigned"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    def label(self) -> str:
        return {RequestStatus.NEW: pgettext("request status", "new"),
                RequestStatus.MATCHING: pgettext("request status", "matching"),
                RequestStatus.ASSIGNED: pgettext("request status", "assigned"),
                RequestStatus.ACTIVE: pgettext("request status", "active"),
                RequestStatus.COMPLETED: pgettext("request status", "completed"),
                RequestStatus.CANCELLED: pgettext("request status", "cancelled")}[self]


# new -> matching -> assigned -> active -> completed / cancelled; back to matching when a volunteer drops out
TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.NEW: frozenset({RequestStatus.MATCHING, RequestStatus.ASSIGNED, RequestStatus.CANCELLED}),
    RequestStatus.MATCHING: frozenset({RequestStatus.NEW, RequestStatus.ASSIGNED, RequestStatus.CANCELLED}),
    RequestStatus.ASSIGNED: frozenset({RequestStatus.MATCHING, RequestStatus.ACTIVE, RequestStatus.COMPLETED,
                                       RequestStatus.CANCELLED}),
    RequestStatus.ACTIVE: frozenset({RequestStatus.MATCHING, RequestStatus.COMPLETED, RequestStatus.CANCELLED}),
    RequestStatus.COMPLETED: frozenset({RequestStatus.ACTIVE}),
    RequestStatus.CANCELLED: frozenset({RequestStatus.NEW}),
}
OPEN = frozenset({RequestStatus.NEW, RequestStatus.MATCHING, RequestStatus.ASSIGNED, RequestStatus.ACTIVE})
UNASSIGNED = frozenset({RequestStatus.NEW, RequestStatus.MATCHING})  # what "match all open requests" looks at


class Urgency(str, Enum):
    NORMAL = "normal"
    HIGH = "high"

    def label(self) -> str:
        return {Urgency.NORMAL: pgettext("urgency", "normal"), Urgency.HIGH: pgettext("urgency", "high")}[self]


class GenderPreference(str, Enum):
    ANY = "any"
    FEMALE = "female"
    MALE = "male"

    def label(self) -> str:
        return {GenderPreference.ANY: pgettext("gender preference", "any"),
                GenderPreference.FEMALE: pgettext("gender preference", "female"),
                GenderPreference.MALE: pgettext("gender preference", "male")}[self]


@dataclass(frozen=True)
class RequestConsent:
    given_on: dt.date
    agreed: str  # what was agreed, e.g. "data passed to the matched volunteer; contact via the site"


@dataclass(frozen=True)
class RequestStatusChange:
    status: RequestStatus
    on: dt.date
    reason: str = ""


@dataclass
class SupportRequest:
    person: str = ""  # first name or initials only
    household_size: int = 1
    person_languages: tuple[str, ...] = ()  # ISO codes of the languages the person or family speaks
    site: str = ""  # shelter or site
    site_contact: str = ""  # a contact person at the site
    area_id: str | None = None
    languages: tuple[LanguageSkill, ...] = ()  # needed: the volunteer speaks at least ONE of them at its level
    gender: GenderPreference = GenderPreference.ANY
    children: bool = False  # children involved: a valid clearance is required
    postcode: str = ""
    appointment: Appointment | None = None  # one appointment ...
    recurrence: Recurrence | None = None  # ... or weekly slots; neither: no fixed time (e.g. housing search)
    urgency: Urgency = Urgency.NORMAL
    description: str = ""
    consent: RequestConsent | None = None
    status: RequestStatus = RequestStatus.NEW
    received_on: dt.date | None = None
    history: tuple[RequestStatusChange, ...] = ()
    id: str | None = None
    reference: str | None = None  # A-2026-0107, given by the store
    created_at: str | None = None
    updated_at: str | None = None

    def cleaned(self) -> "SupportRequest":
        return dataclasses.replace(
            self, person=v.clean_text(self.person), site=v.clean_text(self.site),
            site_contact=v.clean_text(self.site_contact), postcode=v.clean_text(self.postcode),
            description=v.clean_text(self.description, multiline=True),
            consent=dataclasses.replace(self.consent, agreed=v.clean_text(self.consent.agreed, multiline=True))
            if self.consent else None)

    def period(self) -> tuple[dt.date, dt.date] | None:
        """First and last day the help is needed on (open-ended: the first three months), None without a time."""
        if self.appointment is not None:
            return self.appointment.day, self.appointment.day
        if self.recurrence is not None and self.recurrence.first_day is not None:
            first = self.recurrence.first_day
            return first, self.recurrence.last_day or first + dt.timedelta(days=OPEN_END_DAYS - 1)
        if self.received_on is not None:  # no fixed time: from intake over three months
            return self.received_on, self.received_on + dt.timedelta(days=OPEN_END_DAYS - 1)
        return None

    def occupancy(self) -> Occupancy | None:
        return occupancy(self.appointment, self.recurrence)

    def household_key(self) -> tuple[str, str]:
        """Who the help is for, to recognise the same family in a later request: folded name and site."""
        from kommandesk.domain.search_text import fold

        return fold(self.person), fold(self.site)


def validate(req: SupportRequest, today: dt.date) -> dict[str, str]:
    """Field name -> translated message for everything that stops saving."""
    errors: dict[str, str] = {}

    def add(name: str, message: str | None) -> None:
        if message and name not in errors:
            errors[name] = message

    add("person", v.check_required(req.person))
    add("person", v.check_length(req.person, 60))
    for name in ("site", "site_contact"):
        add(name, v.check_length(getattr(req, name), 200))
    if not 1 <= req.household_size <= MAX_HOUSEHOLD:
        add("household_size", _("Between 1 and {limit} people, please.").format(limit=MAX_HOUSEHOLD))
    for code in req.person_languages:
        if not is_known_code(code):
            add("person_languages", _("Unknown language code: {code}.").format(code=code))
    if len(set(req.person_languages)) != len(req.person_languages):
        add("person_languages", _("A language is listed twice."))
    if not req.area_id:
        add("area_id", _("Choose the area of help."))
    add("languages", check_skills(list(req.languages)))
    add("postcode", v.check_postcode(req.postcode))
    add("description", v.check_length(req.description, MAX_DESCRIPTION))
    if req.appointment is not None and req.recurrence is not None:
        add("appointment", _("Choose either one appointment or weekly times, not both."))
    if req.appointment is not None and req.appointment.end <= req.appointment.start:
        add("appointment", _("The appointment ends before it starts."))
    if req.recurrence is not None:
        if req.recurrence.first_day is None:
            add("recurrence_first_day", _("Weekly times need a first day."))
        if not req.recurrence.slots:
            add("recurrence_slots", _("Choose at least one weekly time."))
        if req.recurrence.first_day and req.recurrence.last_day and req.recurrence.last_day < req.recurrence.first_day:
            add("recurrence_last_day", _("The last day is before the first day."))
    if req.received_on is not None and req.received_on > today:
        add("received_on", _("The date of the request cannot be in the future."))
    if req.consent is not None:
        if req.consent.given_on > today:
            add("consent_given_on", _("The date of consent cannot be in the future."))
        if not req.consent.agreed.strip():
            add("consent_agreed", _("Enter what was agreed."))
    return errors


def check(req: SupportRequest, today: dt.date) -> None:
    errors = validate(req, today)
    if errors:
        raise ValidationError(errors)


def change_status(req: SupportRequest, new: RequestStatus, on: dt.date, reason: str = "") -> SupportRequest:
    """The request with its new status and the change in its history; ValidationError when not allowed."""
    if new is req.status:
        return req
    if new not in TRANSITIONS[req.status]:
        raise ValidationError({"status": _("A request cannot go from {old} to {new}.").format(
            old=req.status.label(), new=new.label())})
    return dataclasses.replace(req, status=new,
                               history=(*req.history, RequestStatusChange(new, on, v.clean_text(reason))))
