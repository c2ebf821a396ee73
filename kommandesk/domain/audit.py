"""The audit trail as the app shows it: entries, what changed in each, the filter of the list, and the names of the
kinds of records and of their fields in the UI language (no Qt, no SQL; the trail is written by store/audit.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

from kommandesk.domain.errors import ValidationError
from kommandesk.i18n import N_, _

LIST_LIMIT = 1000  # entries the filtered list shows (the newest); it says how many more there are


class Action(str, Enum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: object
    new: object


@dataclass(frozen=True)
class AuditEntry:
    id: str
    at: dt.datetime  # UTC
    os_user: str
    coordinator: str
    action: Action
    table: str
    record_id: str
    changes: tuple[FieldChange, ...]

    @property
    def erased(self) -> bool:
        """Its values were blanked (GDPR erasure): which fields changed is still known, not what they held."""
        return bool(self.changes) and all(c.old is None and c.new is None for c in self.changes)

    def who(self) -> str:
        """The coordinator's name with the OS user, or whichever is known."""
        if self.coordinator and self.os_user and self.coordinator != self.os_user:
            return _("{coordinator} ({user})").format(coordinator=self.coordinator, user=self.os_user)
        return self.coordinator or self.os_user or _("unknown")


def entry_from(values: Mapping[str, object]) -> AuditEntry:
    """An entry from a row of audit_log (columns by name)."""
    return AuditEntry(id=str(values["id"]), at=parse_time(str(values["at"])), os_user=str(values["os_user"] or ""),
                      coordinator=str(values["coordinator"] or ""), action=Action(values["action"]),
                      table=str(values["table_name"]), record_id=str(values["record_id"]),
                      changes=parse_changes(str(values["changes"] or "{}")))


def parse_time(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def parse_changes(text: str) -> tuple[FieldChange, ...]:
    """``{column: [old, new]}`` as field changes, in the order written; anything else (damaged) counts as none."""
    try:
        data = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(data, dict):
        return ()
    return tuple(FieldChange(str(column), pair[0], pair[1]) for column, pair in data.items()
                 if isinstance(pair, list) and len(pair) == 2)


# -- the filtered list --------------------------------------------------------------------------------------------

# kind -> (label, tables): what the list's "Kind of record" filter offers
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "volunteers": (N_("Volunteers"), ("volunteers", "volunteer_languages", "volunteer_areas", "volunteer_absences",
                                      "volunteer_status_history")),
    "requests": (N_("Requests"), ("requests", "request_languages", "request_status_history")),
    "assignments": (N_("Assignments and hours"), ("assignments", "assignment_status_history", "assignment_hours")),
    "trainings": (N_("Trainings"), ("courses", "course_areas", "course_sessions", "course_registrations",
                                    "course_attendance")),
    "certificates": (N_("Certificates"), ("certificates",)),
    "allowances": (N_("Allowances"), ("allowances", "allowance_limits")),
    "settings": (N_("Settings"), ("organisation", "areas_of_help")),
}


def kind_label(kind: str) -> str:
    return _(KINDS[kind][0])


@dataclass(frozen=True)
class AuditFilter:
    """What the list shows: entries from ``first_day`` to ``last_day`` (local days, both included; None: open),
    of one kind of record (None: all), by one user (an OS user or a coordinator's name; '' all), with ``text``
    in a value, a user's name, or the record's reference or name."""

    first_day: dt.date | None = None
    last_day: dt.date | None = None
    kind: str | None = None
    user: str = ""
    text: str = ""

    def checked(self) -> "AuditFilter":
        errors = {}
        if self.first_day and self.last_day and self.last_day < self.first_day:
            errors["period"] = _("The period ends before it starts: check the two dates.")
        if self.kind is not None and self.kind not in KINDS:
            errors["kind"] = _("Choose a kind of record from the list.")
        if errors:
            raise ValidationError(errors)
        return AuditFilter(self.first_day, self.last_day, self.kind, self.user.strip(), self.text.strip())

    def utc_bounds(self, zone: dt.tzinfo | None = None) -> tuple[str | None, str | None]:
        """The period as UTC texts comparable with the entries' times: from the start of the first day to the
        start of the day after the last, in the computer's time zone (``zone`` for tests)."""
        def start(day: dt.date) -> str:
            local = dt.datetime.combine(day, dt.time.min)
            local = local.replace(tzinfo=zone) if zone else local.astimezone()
            return local.astimezone(dt.UTC).isoformat(timespec="milliseconds")

        since = start(self.first_day) if self.first_day else None
        until = start(self.last_day + dt.timedelta(days=1)) if self.last_day else None
        return since, until


# -- names of records and fields ----------------------------------------------------------------------------------

TABLES = {
    "organisation": N_("Organisation"),
    "areas_of_help": N_("Area of help"),
    "volunteers": N_("Volunteer"),
    "volunteer_languages": N_("Language"),
    "volunteer_areas": N_("Area of help"),
    "volunteer_absences": N_("Absence"),
    "volunteer_status_history": N_("Status change"),
    "requests": N_("Request"),
    "request_languages": N_("Language needed"),
    "request_status_history": N_("Status change"),
    "assignments": N_("Assignment"),
    "assignment_status_history": N_("Assignment status change"),
    "assignment_hours": N_("Hours"),
    "courses": N_("Course"),
    "course_areas": N_("Area of help"),
    "course_sessions": N_("Session"),
    "course_registrations": N_("Course registration"),
    "course_attendance": N_("Attendance"),
    "certificates": N_("Certificate"),
    "allowances": N_("Allowance"),
    "allowance_limits": N_("Tax-free limit"),
}

FIELDS = {
    "name": N_("Name"), "street": N_("Street"), "postcode": N_("Postcode"), "town": N_("Town"),
    "phone": N_("Phone"), "email": N_("Email"), "website": N_("Website"), "reference": N_("Reference"),
    "first_name": N_("First name"), "last_name": N_("Last name"), "birth_date": N_("Date of birth"),
    "gender": N_("Gender"), "travel_radius_km": N_("Travel radius (km)"), "mobility": N_("Mobility"),
    "status": N_("Status"), "notes": N_("Notes"), "note": N_("Note"), "registered_on": N_("Registered on"),
    "availability_slots": N_("Availability"), "by_arrangement": N_("By arrangement"),
    "max_assignments": N_("Assignments at a time"), "clearance_issued_on": N_("Police certificate issued on"),
    "clearance_inspected_on": N_("Police certificate inspected on"),
    "clearance_inspected_by": N_("Police certificate inspected by"), "clearance_result": N_("Clearance result"),
    "clearance_self_commitment_on": N_("Self-commitment signed on"), "consent_given_on": N_("Consent given on"),
    "consent_purposes": N_("Consent purposes"), "consent_text_version": N_("Consent text version"),
    "consent_agreed": N_("Consent given for"), "code": N_("Language"), "level": N_("Level"),
    "area_id": N_("Area of help"), "first_day": N_("First day"), "last_day": N_("Last day"),
    "changed_on": N_("Changed on"), "reason": N_("Reason"), "person": N_("Person"),
    "household_size": N_("Household size"), "person_languages": N_("Languages spoken"), "site": N_("Site"),
    "site_contact": N_("Contact at the site"), "gender_preference": N_("Volunteer's gender"),
    "children": N_("Children involved"), "appointment_day": N_("Appointment"), "appointment_start": N_("From"),
    "appointment_end": N_("To"), "recurrence_slots": N_("Weekly times"), "recurrence_first_day": N_("Weekly from"),
    "recurrence_last_day": N_("Weekly until"), "urgency": N_("Urgency"), "description": N_("Description"),
    "received_on": N_("Received on"), "request_id": N_("Request"), "volunteer_id": N_("Volunteer"),
    "proposed_on": N_("Proposed on"), "started_on": N_("Started on"), "ended_on": N_("Ended on"),
    "follow_up_on": N_("Follow-up on"), "score": N_("Match score"), "override_rule": N_("Rule overridden"),
    "override_reason": N_("Reason for the exception"), "assignment_id": N_("Assignment"), "day": N_("Day"),
    "minutes": N_("Minutes"), "activity": N_("Activity"), "title": N_("Title"), "topics": N_("Topics"),
    "trainers": N_("Trainers"), "funding_tag": N_("Funding"), "capacity": N_("Places"),
    "min_attendance_percent": N_("Minimum attendance (%)"), "unit": N_("Unit"), "language": N_("Language"),
    "course_id": N_("Course"), "start": N_("From"), "end": N_("To"), "place": N_("Place"), "trainer": N_("Trainer"),
    "cancelled": N_("Cancelled"), "cancel_reason": N_("Reason for cancelling"), "registered_at": N_("Registered at"),
    "session_id": N_("Session"), "registration_id": N_("Course registration"), "presence": N_("Presence"),
    "recorded_by": N_("Recorded by"), "number": N_("Number"), "prefix": N_("Prefix"), "year": N_("Year"),
    "serial": N_("Serial number"), "check_code": N_("Check code"), "kind": N_("Kind"),
    "person_name": N_("Name printed"), "issued_on": N_("Issued on"), "revoked_on": N_("Revoked on"),
    "revoke_reason": N_("Reason for revoking"), "paid_on": N_("Paid on"), "amount_cents": N_("Amount"),
    "signatory_name": N_("Signed by"), "signatory_role": N_("Role of the signatory"),
    "certificate_prefix": N_("Prefix of certificate numbers"), "default_language": N_("Language of documents"),
    "logo_type": N_("Logo"), "clearance_validity_years": N_("Police certificates valid for (years)"),
    "clearance_warning_days": N_("Warn before expiry (days)"), "match_weights": N_("Matching weights"),
    "certificate_birth_date": N_("Date of birth on certificates"),
    "card_weekly_hours": N_("Ehrenamtskarte: hours a week"), "card_yearly_hours": N_("Ehrenamtskarte: hours a year"),
    "card_years": N_("Ehrenamtskarte: years"), "unmatched_days": N_("Days a request may wait"),
    "backup_folder": N_("Backup folder"), "backup_keep_daily": N_("Daily backups kept"),
    "backup_keep_weekly": N_("Weekly backups kept"), "backup_keep_monthly": N_("Monthly backups kept"),
    "key": N_("Key"), "name_de": N_("Name (German)"), "name_en": N_("Name (English)"),
    "retired_on": N_("Retired on"),
}


def table_label(table: str) -> str:
    return _(TABLES[table]) if table in TABLES else table


def field_label(column: str) -> str:
    """The field's name in the UI language (a column not listed: its name, readable)."""
    return _(FIELDS[column]) if column in FIELDS else column.replace("_", " ").capitalize()


def action_text(entry: AuditEntry) -> str:
    """What happened, e.g. "Created", "Changed", "Deleted" (a row that is part of a record: "Added", "Removed")."""
    part = entry.table not in ("volunteers", "requests", "courses", "organisation", "certificates", "assignments",
                               "course_registrations", "allowances", "areas_of_help", "allowance_limits",
                               "course_sessions")
    if entry.action is Action.INSERT:
        return _("Added") if part else _("Created")
    if entry.action is Action.DELETE:
        return _("Removed") if part else _("Deleted")
    return _("Changed")


# -- values ---------------------------------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BOOLEANS = frozenset({"by_arrangement", "children", "cancelled", "certificate_birth_date"})
LANGUAGE_CODES = frozenset({"code", "language", "default_language"})
REFERENCES = frozenset({"volunteer_id", "request_id", "assignment_id", "course_id", "session_id", "registration_id",
                        "area_id"})  # ids the service names (a reference, a name, a day)


def _enum_label(table: str, column: str, value: str) -> str | None:
    """The label of a coded value (a status, a gender, ...), None when the column holds none."""
    from kommandesk.domain import assignments, clearance, languages, requests, trainings, volunteers

    enums = {
        ("volunteers", "status"): volunteers.Status, ("volunteer_status_history", "status"): volunteers.Status,
        ("volunteers", "gender"): volunteers.Gender, ("volunteers", "clearance_result"): clearance.ClearanceResult,
        ("requests", "status"): requests.RequestStatus, ("request_status_history", "status"): requests.RequestStatus,
        ("requests", "urgency"): requests.Urgency, ("requests", "gender_preference"): requests.GenderPreference,
        ("assignments", "status"): assignments.AssignmentStatus,
        ("assignment_status_history", "status"): assignments.AssignmentStatus,
        ("courses", "status"): trainings.CourseStatus, ("courses", "unit"): trainings.TimeUnit,
        ("course_registrations", "status"): trainings.RegistrationStatus,
        ("course_attendance", "presence"): trainings.Presence,
    }
    lists = {"mobility": volunteers.Mobility, "consent_purposes": volunteers.ConsentPurpose}
    try:
        if column == "level":
            return languages.Level(value).label()
        if (table, column) in enums:
            return enums[(table, column)](value).label()
        if column in lists:
            return ", ".join(lists[column](part).label() for part in value.split(",") if part)
    except ValueError:
        return None
    return None


def show_value(table: str, column: str, value: object, names: Mapping[tuple[str, str], str] | None = None) -> str:
    """A value as the UI shows it: dates, amounts and languages in the UI language, codes by their label, an id of
    another record by its name (``names``: (column, id) -> name, from the service)."""
    from kommandesk.i18n.formatting import format_cents, format_date, format_number, language_name

    if value is None:
        return ""
    if isinstance(value, str):
        if value == "":
            return _("(empty)")
        if names and (column, value) in names:
            return names[(column, value)]
        if column in LANGUAGE_CODES:
            return language_name(value)
        if column == "person_languages":
            return ", ".join(language_name(code.strip()) for code in value.split(",") if code.strip())
        if column in ("availability_slots", "recurrence_slots"):
            return _slots(value)
        label = _enum_label(table, column, value)
        if label is not None:
            return label
        if _ISO_DAY.match(value):
            try:
                return format_date(dt.date.fromisoformat(value))
            except ValueError:
                return value
        return value
    if isinstance(value, bool) or column in BOOLEANS:
        return _("yes") if value else _("no")
    if column == "amount_cents" and isinstance(value, int):
        return format_cents(value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)  # a whole number as stored: a year, a serial number, minutes (no thousands separator)


def _slots(text: str) -> str:
    """'0:morning,2:evening' as 'Mo morning, We evening' in the UI language."""
    from babel import Locale

    from kommandesk.domain.availability import Period
    from kommandesk.i18n import current_language

    days = Locale.parse(current_language()).days["format"]["abbreviated"]
    shown = []
    for slot in text.split(","):
        day, _sep, period = slot.partition(":")
        try:
            shown.append(f"{days[int(day)]} {Period(period).label()}")
        except (ValueError, KeyError):
            shown.append(slot)
    return ", ".join(shown)


def summary(entry: AuditEntry, show: Callable[[FieldChange], tuple[str, str]]) -> str:
    """One line: each field with old -> new (``show`` gives the two values as shown)."""
    if entry.erased:
        return _("Values erased (data protection): {fields}").format(
            fields=", ".join(field_label(change.column) for change in entry.changes))
    parts = []
    for change in entry.changes:
        old, new = show(change)
        if entry.action is Action.INSERT or (change.old == change.new):
            parts.append(_("{field}: {value}").format(field=field_label(change.column), value=new or old))
        elif entry.action is Action.DELETE:
            parts.append(_("{field}: {value}").format(field=field_label(change.column), value=old))
        else:
            parts.append(_("{field}: {old} \u2192 {new}").format(field=field_label(change.column), old=old, new=new))
    return "; ".join(parts)
