"""The readable Art. 15 report in the active language: the person's stored rows turned into labelled values and
tables (:class:`kommandesk.domain.privacy.Readable`), laid out by documents/privacy_report.py.

Every stored field of the person is shown with a label, except what is derived from the others for sorting and
searching (``*_key``, ``search_text``, ranks and positions) -- the JSON export has those too. Values keep the
text as it was typed (markup included: the PDF prints it literally); dates, numbers, amounts and language names
come from babel in the active language.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from enum import Enum

from kommandesk.domain.privacy import PersonKind, Readable, ReadableSection, RetentionPolicy, Table
from kommandesk.i18n import _, current_language, pgettext
from kommandesk.i18n.formatting import (format_cents, format_date, format_datetime, format_number, format_time,
                                        language_name)

Format = Callable[[object], str]


# -- values ------------------------------------------------------------------------------------------------------

def _text(value) -> str:
    return "" if value is None else str(value)


def _date(value) -> str:
    return format_date(dt.date.fromisoformat(value)) if value else ""


def _moment(value) -> str:
    if not value:
        return ""
    try:
        return format_datetime(dt.datetime.fromisoformat(value).astimezone())
    except ValueError:
        return str(value)


def _yes_no(value) -> str:
    return _("yes") if value else _("no")


def _number(value) -> str:
    return "" if value is None else format_number(value)


def _hours(minutes) -> str:
    return format_number(round((minutes or 0) / 60, 2))


def _enum(kind: type[Enum]) -> Format:
    def label(value) -> str:
        try:
            return kind(value).label() if value not in (None, "") else ""
        except ValueError:
            return str(value)
    return label


def _listed(kind: type[Enum]) -> Format:
    return lambda value: ", ".join(_enum(kind)(part) for part in (value or "").split(",") if part)


def _languages(value) -> str:
    return ", ".join(language_name(code) for code in (value or "").split(",") if code)


def _slots(value) -> str:
    from kommandesk.domain.availability import Availability

    monday = dt.date(2024, 1, 1)
    return ", ".join(_("{weekday} {period}").format(weekday=format_date(monday + dt.timedelta(days=day), "EEEE"),
                                                      period=period.label())
                     for day, period in sorted(Availability.decode_slots(value),
                                               key=lambda slot: (slot[0], slot[1].value)))


def _coordinates(row: dict) -> str:
    if row.get("latitude") is None:
        return ""
    return f"{format_number(round(row['latitude'], 4))}, {format_number(round(row['longitude'], 4))}"


def _fields(row: dict, spec) -> tuple[tuple[str, str], ...]:
    """(label, value) for each (column, label, format) of ``spec`` (a column None: the format reads the row)."""
    out = []
    for column, label, show in spec:
        value = show(row) if column is None else show(row.get(column))
        out.append((label, value or "\u2014"))
    return tuple(out)


def _table(columns: tuple[str, ...], rows) -> Table:
    return Table(columns, tuple(tuple(cell or "" for cell in row) for row in rows))


def _section(title: str, columns: tuple[str, ...], rows: list) -> ReadableSection:
    if not rows:
        return ReadableSection(title, note=_("Nothing stored."))
    return ReadableSection(title, table=_table(columns, rows))


# -- the volunteer -------------------------------------------------------------------------------------------------

def _volunteer_specs():
    """(title, ((column, label, format), ...)) of the profile's sections."""
    from kommandesk.domain.clearance import ClearanceResult
    from kommandesk.domain.volunteers import ConsentPurpose, Gender, Mobility, Status

    return (
        (_("Personal details"), (
            ("reference", _("Reference"), _text), ("first_name", _("First name"), _text),
            ("last_name", _("Last name"), _text), ("birth_date", _("Date of birth"), _date),
            ("gender", _("Gender"), _enum(Gender)), ("email", _("Email"), _text), ("phone", _("Phone"), _text),
            ("street", _("Street"), _text), ("postcode", _("Postcode"), _text), ("town", _("Town"), _text),
            (None, _("Coordinates (from the postcode)"), _coordinates),
            ("status", _("Status"), _enum(Status)), ("registered_on", _("Registered on"), _date),
            ("max_assignments", _("Assignments at a time (at most)"), _number),
            ("travel_radius_km", _("Travel radius (km)"), _number), ("mobility", _("Mobility"), _listed(Mobility)),
            ("notes", _("Notes"), _text), ("created_at", _("Recorded"), _moment),
            ("updated_at", _("Last changed"), _moment))),
        (_("Availability"), (
            ("availability_slots", _("Weekly times"), _slots), ("by_arrangement", _("By arrangement"), _yes_no))),
        (_("Police certificate (clearance)"), (
            ("clearance_issued_on", _("Issued on"), _date), ("clearance_inspected_on", _("Inspected on"), _date),
            ("clearance_inspected_by", _("Inspected by"), _text),
            ("clearance_result", _("Result"), _enum(ClearanceResult)),
            ("clearance_self_commitment_on", _("Self-commitment signed on"), _date))),
        (_("Consent"), (
            ("consent_given_on", _("Given on"), _date), ("consent_purposes", _("Purposes"), _listed(ConsentPurpose)),
            ("consent_text_version", _("Version of the consent text"), _text))))


def _volunteer_sections(tables: dict[str, list[dict]]) -> list[ReadableSection]:
    from kommandesk.domain.languages import Level
    from kommandesk.domain.volunteers import Status

    vol = tables["volunteers"][0]
    specs = _volunteer_specs()
    person, availability, clearance, consent = (ReadableSection(title, _fields(vol, spec)) for title, spec in specs)
    area_column = "area_name_de" if current_language() == "de" else "area_name_en"
    requests = {row["id"]: row["request_reference"] for row in tables["assignments"]}
    return [
        person,
        _section(_("Languages"), (_("Language"), _("Level")),
                 [(language_name(row["code"]), _enum(Level)(row["level"])) for row in tables["volunteer_languages"]]),
        _section(_("Areas of help"), (_("Area of help"),), [(row[area_column],) for row in tables["volunteer_areas"]]),
        availability,
        _section(_("Absences"), (_("From"), _("To"), _("Note")),
                 [(_date(row["first_day"]), _date(row["last_day"]), row["note"])
                  for row in tables["volunteer_absences"]]),
        clearance, consent,
        _status_history(tables["volunteer_status_history"], Status),
        *_work(tables, requests),
        _section(_("Allowances (Ehrenamtspauschale)"), (_("Paid on"), _("Amount"), _("Note")),
                 [(_date(row["paid_on"]), format_cents(row["amount_cents"]), row["note"])
                  for row in tables["allowances"]]),
    ]


def _status_history(rows: list[dict], kind: type[Enum]) -> ReadableSection:
    return _section(_("Status history"), (_("Date"), _("Status"), _("Reason")),
                    [(_date(row["changed_on"]), _enum(kind)(row["status"]), row["reason"]) for row in rows])


def _work(tables: dict[str, list[dict]], requests: dict[str, str]) -> list[ReadableSection]:
    from kommandesk.domain.assignments import AssignmentStatus
    from kommandesk.domain.certificates import Kind
    from kommandesk.domain.trainings import Presence, RegistrationStatus

    minutes: dict[str, int] = {}
    for row in tables["assignment_hours"]:
        minutes[row["assignment_id"]] = minutes.get(row["assignment_id"], 0) + row["minutes"]
    assignments = []
    for row in tables["assignments"]:
        notes = row["notes"]
        if row.get("override_reason"):
            notes = _("{notes} (exception: {reason})").format(notes=notes, reason=row["override_reason"]).strip()
        assignments.append((row["request_reference"], _enum(AssignmentStatus)(row["status"]), _date(row["proposed_on"]),
                            _date(row["started_on"]), _date(row["ended_on"]), _hours(minutes.get(row["id"])), notes))
    courses = {row["id"]: row["course_reference"] for row in tables["course_registrations"]}
    return [
        _section(_("Assignments"), (_("Request"), _("Status"), _("Proposed"), _("Started"), _("Ended"), _("Hours"),
                                    _("Notes")), assignments),
        _section(_("Hours logged"), (_("Date"), _("Request"), _("Hours"), _("Activity")),
                 [(_date(row["day"]), requests.get(row["assignment_id"], ""), _hours(row["minutes"]), row["activity"])
                  for row in tables["assignment_hours"]]),
        _section(_("Trainings"), (_("Course"), _("Title"), _("Registration"), _("Registered"), _("Note")),
                 [(row["course_reference"], row["course_title"], _enum(RegistrationStatus)(row["status"]),
                   _moment(row["registered_at"]), row["note"]) for row in tables["course_registrations"]]),
        _section(_("Attendance"), (_("Course"), _("Session"), _("Attendance"), _("Minutes"), _("Reason")),
                 [(row["course_reference"] or courses.get(row["registration_id"], ""), _date(row["session_day"]),
                   _enum(Presence)(row["presence"]), _number(row["minutes"]), row["reason"])
                  for row in tables["course_attendance"]]),
        _section(_("Certificates"), (_("Number"), _("Kind"), _("Issued on"), _("Name printed"), _("Title"),
                                     _("Revoked on")),
                 [(row["number"], _enum(Kind)(row["kind"]), _date(row["issued_on"]), row["person_name"], row["title"],
                   _date(row["revoked_on"])) for row in tables["certificates"]]),
    ]


# -- the requester ---------------------------------------------------------------------------------------------

def _request_specs(when: str = ""):
    from kommandesk.domain.requests import GenderPreference, RequestStatus, Urgency

    area_column = "area_name_de" if current_language() == "de" else "area_name_en"
    return (
        (_("Request"), (
            ("reference", _("Reference"), _text), ("person", _("Person or family"), _text),
            ("household_size", _("People in the household"), _number),
            ("person_languages", _("Languages spoken"), _languages), ("site", _("Site"), _text),
            ("site_contact", _("Contact at the site"), _text), (area_column, _("Area of help"), _text),
            ("gender_preference", _("Volunteer wished for"), _enum(GenderPreference)),
            ("children", _("Children involved"), _yes_no), ("postcode", _("Postcode"), _text),
            (None, _("Coordinates (from the postcode)"), _coordinates), (None, _("When"), lambda row: when),
            ("urgency", _("Urgency"), _enum(Urgency)), ("description", _("Description"), _text),
            ("received_on", _("Received on"), _date), ("status", _("Status"), _enum(RequestStatus)),
            ("anonymised_on", _("Personal data erased on"), _date), ("created_at", _("Recorded"), _moment),
            ("updated_at", _("Last changed"), _moment))),
        (_("Consent"), (
            ("consent_given_on", _("Given on"), _date), ("consent_agreed", _("What was agreed"), _text))))


def _request_sections(tables: dict[str, list[dict]]) -> list[ReadableSection]:
    from kommandesk.domain.assignments import AssignmentStatus
    from kommandesk.domain.languages import Level
    from kommandesk.domain.requests import RequestStatus

    req = tables["requests"][0]
    when = ""
    if req.get("appointment_day"):
        when = _("{day}, {start} to {end}").format(
            day=_date(req["appointment_day"]), start=format_time(dt.time.fromisoformat(req["appointment_start"])),
            end=format_time(dt.time.fromisoformat(req["appointment_end"])))
    elif req.get("recurrence_slots"):
        when = _slots(req["recurrence_slots"])
    request, consent = (ReadableSection(title, _fields(req, spec)) for title, spec in _request_specs(when))
    minutes: dict[str, int] = {}
    for row in tables["assignment_hours"]:
        minutes[row["assignment_id"]] = minutes.get(row["assignment_id"], 0) + row["minutes"]
    return [
        request, consent,
        _section(_("Languages needed"), (_("Language"), _("Level (at least)")),
                 [(language_name(row["code"]), _enum(Level)(row["level"])) for row in tables["request_languages"]]),
        _status_history(tables["request_status_history"], RequestStatus),
        _section(_("Help given"), (_("Status"), _("Proposed"), _("Started"), _("Ended"), _("Hours"), _("Notes")),
                 [(_enum(AssignmentStatus)(row["status"]), _date(row["proposed_on"]), _date(row["started_on"]),
                   _date(row["ended_on"]), _hours(minutes.get(row["id"])), row["notes"])
                  for row in tables["assignments"]]),
    ]


# -- the audit trail and Art. 15 (1) ----------------------------------------------------------------------------

def _shown(table: str, column: str, value) -> str:
    """A value as the audit dialog shows it (codes by their label, dates and amounts by babel); a dash for none."""
    from kommandesk.domain.audit import show_value

    if value in (None, ""):
        return "\u2014"
    return show_value(table, column, value) or "\u2014"


def _change_text(table: str, changes: str) -> str:
    """``{column: [old, new]}`` of an entry as "field: old \u2192 new", named and shown as the audit dialog does."""
    from kommandesk.domain.audit import field_label

    try:
        found = json.loads(changes or "{}")
    except ValueError:
        return changes
    if not isinstance(found, dict):
        return str(changes)
    parts = []
    for column, values in found.items():
        if column.endswith("_id"):  # a link to another record (its id says nothing to a reader; the JSON has it)
            continue
        old, new = (list(values) + [None, None])[:2] if isinstance(values, list) else (None, values)
        parts.append(_("{field}: {old} \u2192 {new}").format(
            field=field_label(column), old=_shown(table, column, old), new=_shown(table, column, new)))
    return "; ".join(parts)


def _audit(entries: list[dict]) -> ReadableSection:
    actions = {"insert": pgettext("audit", "recorded"), "update": pgettext("audit", "changed"),
               "delete": pgettext("audit", "deleted")}
    records = {"volunteers": _("profile"), "volunteer_status_history": _("status"),
               "assignments": _("assignment"), "assignment_status_history": _("status of an assignment"),
               "assignment_hours": _("hours"), "course_registrations": _("course registration"),
               "course_attendance": _("attendance"), "certificates": _("certificate"), "allowances": _("allowance"),
               "requests": _("request"), "request_status_history": _("status")}
    rows = []
    for entry in entries:
        who = " / ".join(part for part in (entry["coordinator"], entry["os_user"]) if part)
        what = _("{record}: {action}").format(record=records.get(entry["table_name"], entry["table_name"]),
                                              action=actions.get(entry["action"], entry["action"]))
        rows.append((_moment(entry["at"]), who, what, _change_text(entry["table_name"], entry["changes"])))
    return _section(_("Changes (audit trail)"), (_("When"), _("Who"), _("What"), _("Fields: before \u2192 after")),
                    rows)


def _about(kind: PersonKind, policy: RetentionPolicy, organisation: str) -> ReadableSection:
    if kind is PersonKind.VOLUNTEER:
        purpose = _("Coordinating volunteer work: matching volunteers to requests for help, trainings and "
                    "certificates, the police certificate where the law requires it, allowances, and anonymous "
                    "reports to the funder.")
        storage = _("While the person volunteers. A clearance record is deleted {months} months after the activity "
                    "ended; an archived profile is deleted {years} years after it was archived.").format(
            months=policy.clearance_months, years=policy.archive_years)
        recipients = _("Families and sites the volunteer is matched with receive contact details only with the "
                       "person's consent. Nobody else.")
    else:
        purpose = _("Finding a volunteer who can help, and anonymous reports to the funder.")
        storage = _("The personal data of a request are erased {months} months after it was closed.").format(
            months=policy.request_months)
        recipients = _("The volunteer matched with the request, as agreed in the consent. Nobody else.")
    return ReadableSection(_("About this information (Art. 15 GDPR)"), (
        (_("Controller"), organisation or "\u2014"), (_("Purpose"), purpose), (_("Recipients"), recipients),
        (_("Storage period"), storage),
        (_("Your rights"), _("You may ask for corrections (Art. 16), erasure (Art. 17), restriction (Art. 18) and "
                             "object to the processing (Art. 21), and you may complain to a data protection "
                             "supervisory authority (Art. 77).")),
        (_("Source"), _("The data were given by the person or recorded by the coordinators."))))


def readable(data, organisation, policy: RetentionPolicy, today: dt.date) -> Readable:
    """The report of ``data`` (services.privacy.PersonData) in the active language."""
    if data.kind is PersonKind.VOLUNTEER:
        sections = _volunteer_sections(data.tables)
        lines = (_("Volunteer {reference}").format(reference=data.reference),)
    else:
        sections = _request_sections(data.tables)
        lines = (_("Request {reference}").format(reference=data.reference),)
    lines += (_("Everything stored about this person on {date}.").format(date=format_date(today, "long")),)
    return Readable(
        title=_("Information on stored personal data"), person=data.name or data.reference, lines=lines,
        sections=(*sections, _audit(data.audit), _about(data.kind, policy, organisation.name)),
        organisation=organisation.name,
        footer=_("Art. 15 GDPR \u00b7 {reference} \u00b7 {date}").format(reference=data.reference,
                                                                        date=format_date(today)),
        page=_("Page {page} of {pages}"))
